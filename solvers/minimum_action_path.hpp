// Minimum action paths (instantons) from a computed quasi-potential: along the optimal path
// phi' = b + A grad V (math.md), so the path ending at a target y is traced backwards,
// psi' = -(b + A grad V), from y until it enters a small ball around the attractor. grad V comes
// from the computed field (central differences at the nodes, interpolated multilinearly). The
// integration is an embedded Runge-Kutta pair at unit speed with step-size control; steps stay
// below one grid spacing because the field holds no information finer than that.
// The path's action is computed independently of V: the geometric action of the polyline by the
// midpoint rule, plus the linearised V across the last bit inside the ball.
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "problems/sde_problem.hpp"
#include "solvers/adaptive_rk.hpp"
#include "solvers/attractor.hpp"
#include "solvers/field_interpolation.hpp"
#include "solvers/geometric_action.hpp"
#include "solvers/line_integral_update.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

template <int dim>
struct ActionPath {
  std::vector<std::array<double, dim>> points;  ///< from the target to the attractor's ball
  double action = 0;                            ///< geometric action of the path
  double value_at_target = 0;                   ///< V interpolated at the target
  bool reached_attractor = false;
  std::string stop_reason;  ///< why the integration ended
  std::size_t rejected_steps = 0;
};

struct TraceSettings {
  /// Local error allowed per step, relative to the box's longest side.
  double tolerance = 1e-6;
};

template <int dim>
class MinimumActionPaths {
 public:
  using Point = std::array<double, dim>;

  MinimumActionPaths(const SdeProblem<dim>& problem, const Result<dim>& result,
                     const Equilibrium<dim>& attractor, double capture_radius,
                     const TraceSettings& settings = {})
      : problem_(problem),
        result_(result),
        grid_(result.grid),
        attractor_(attractor),
        capture_radius_(capture_radius),
        settings_(settings) {
    if (attractor.kind == EquilibriumKind::stable) linear_.emplace(problem, attractor);
  }

  ActionPath<dim> trace(const Point& target) const {
    ActionPath<dim> path;
    const auto value = interpolate_value(target);
    if (!value) {
      path.stop_reason = "the target is outside the region the solver reached";
      return path;
    }
    path.value_at_target = *value;
    double spacing = grid_.spacing()[0], box = 0, length_limit = 0;
    for (int a = 0; a < dim; ++a) {
      spacing = std::min(spacing, grid_.spacing()[a]);
      box = std::max(box, grid_.upper()[a] - grid_.lower()[a]);
      length_limit += grid_.upper()[a] - grid_.lower()[a];
    }
    length_limit *= 20;  // a path that winds longer than this is not converging
    AdaptiveRkSettings rk;
    rk.absolute_tolerance = settings_.tolerance * box;
    rk.relative_tolerance = 0;  // positions have no natural scale but the box
    rk.max_step = spacing;      // V, hence the field, is known at grid resolution only
    rk.min_step = 1e-6 * spacing;
    rk.initial_step = 0.5 * spacing;
    const AdaptiveRungeKutta<dim, BogackiShampine32> integrator(rk);
    const auto outcome = integrator.integrate(
        [this](double, const Vector<dim>& x, Vector<dim>& out) {
          return direction(to_point<dim>(x), out);
        },
        0.0, to_vector<dim>(target), length_limit,
        [&](double, const Vector<dim>& x) {
          path.points.push_back(to_point<dim>(x));
          return distance<dim>(path.points.back(), attractor_.point) > capture_radius_;
        });
    path.rejected_steps = outcome.rejected;
    path.reached_attractor = outcome.stop == RkStop::event;
    switch (outcome.stop) {
      case RkStop::event:
        path.stop_reason = "entered the ball around the attractor";
        break;
      case RkStop::undefined_rhs:
        path.stop_reason = "left the region where V is known";
        break;
      case RkStop::step_too_small:
        path.stop_reason =
            "the step fell below 1e-6 grid spacings (grad V too rough here); try a larger "
            "paths.tolerance";
        break;
      case RkStop::too_many_steps:
        path.stop_reason = "stopped after a million steps";
        break;
      case RkStop::reached_end:
        path.stop_reason = "the path grew longer than 20 box sizes";
        break;
    }
    path.action = action(path.points);
    return path;
  }

 private:
  // The unit direction of -(b + A grad V) at x; false where V is not known around x.
  bool direction(const Point& x, Vector<dim>& out) const {
    Vector<dim> grad;
    if (!interpolate_gradient(x, grad)) return false;
    const Vector<dim> velocity = -(problem_.drift(x) + problem_.diffusion(x) * grad);
    const double norm = velocity.norm();
    if (!(norm > 0) || !std::isfinite(norm)) return false;
    out = velocity / norm;
    return true;
  }

  std::optional<double> interpolate_value(const Point& x) const {
    return interpolate_field<dim>(result_, x);
  }

  bool interpolate_gradient(const Point& x, Vector<dim>& grad) const {
    grad.setZero();
    return for_each_cell_corner<dim>(grid_, x, [&](const auto& m, double weight) {
      Vector<dim> g;
      if (!node_gradient(m, g)) return false;
      grad += weight * g;
      return true;
    });
  }

  // grad V at a node: the one place that knows where the gradient comes from: the solver's own
  // where it carries one (jet marching), else central differences of V (one-sided at the box's
  // edge or next to unknown nodes).
  bool node_gradient(const typename StructuredGrid<dim>::MultiIndex& m, Vector<dim>& g) const {
    const std::size_t i = grid_.index(m);
    if (!is_accepted(result_.flags[i])) return false;
    if (!result_.gradient.empty()) {
      g = to_vector<dim>(result_.gradient[i]);
      return g.allFinite();
    }
    for (int a = 0; a < dim; ++a) {
      auto below = m, above = m;
      --below[a];
      ++above[a];
      const bool has_below = below[a] >= 0 && is_accepted(result_.flags[grid_.index(below)]);
      const bool has_above =
          above[a] < grid_.nodes_per_axis()[a] && is_accepted(result_.flags[grid_.index(above)]);
      const double h = grid_.spacing()[a];
      if (has_below && has_above) {
        g[a] = (result_.value[grid_.index(above)] - result_.value[grid_.index(below)]) / (2 * h);
      } else if (has_above) {
        g[a] = (result_.value[grid_.index(above)] - result_.value[i]) / h;
      } else if (has_below) {
        g[a] = (result_.value[i] - result_.value[grid_.index(below)]) / h;
      } else {
        return false;
      }
    }
    return true;
  }

  // The geometric action of the polyline (from the attractor's side outwards), plus V of the
  // linearisation from the attractor to the path's last point.
  double action(const std::vector<Point>& points) const {
    const std::vector<Point> outwards(points.rbegin(), points.rend());
    double total = polyline_action<dim>(problem_, outwards);
    if (linear_ && !points.empty()) total += linear_->value(points.back());
    return total;
  }

  const SdeProblem<dim>& problem_;
  const Result<dim>& result_;
  const StructuredGrid<dim>& grid_;
  Equilibrium<dim> attractor_;
  double capture_radius_;
  TraceSettings settings_;
  std::optional<LinearisedQuasiPotential<dim>> linear_;
};

}  // namespace hj

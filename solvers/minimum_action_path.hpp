// Minimum action paths (instantons) from a computed quasi-potential: along the optimal path
// phi' = b + A grad V (math.md), so the path ending at a target y is traced backwards,
// psi' = -(b + A grad V), from y until it enters a small ball around the attractor. grad V comes
// from the computed field (central differences at the nodes, interpolated multilinearly), the
// integration is classical Runge-Kutta at unit speed with a step of half the smallest spacing.
// The path's action is computed independently of V: the geometric action of the polyline by the
// midpoint rule, plus the linearised V across the last bit inside the ball.
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "problems/sde_problem.hpp"
#include "solvers/attractor.hpp"
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
};

template <int dim>
class MinimumActionPaths {
 public:
  using Point = std::array<double, dim>;

  MinimumActionPaths(const SdeProblem<dim>& problem, const Result<dim>& result,
                     const Equilibrium<dim>& attractor, double capture_radius)
      : problem_(problem),
        result_(result),
        grid_(result.grid),
        attractor_(attractor),
        capture_radius_(capture_radius) {
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
    double step = grid_.spacing()[0];
    for (double h : grid_.spacing()) step = std::min(step, h);
    step *= 0.5;
    double length_limit = 0;
    for (int a = 0; a < dim; ++a) length_limit += grid_.upper()[a] - grid_.lower()[a];
    length_limit *= 20;  // a path that winds longer than this is not converging

    Point x = target;
    path.points.push_back(x);
    for (double length = 0; length < length_limit; length += step) {
      if (distance<dim>(x, attractor_.point) <= capture_radius_) {
        path.reached_attractor = true;
        path.stop_reason = "entered the ball around the attractor";
        break;
      }
      Vector<dim> k1, k2, k3, k4;
      if (!direction(x, k1) || !direction(shift(x, k1, step / 2), k2) ||
          !direction(shift(x, k2, step / 2), k3) || !direction(shift(x, k3, step), k4)) {
        path.stop_reason = "left the region where V is known";
        break;
      }
      const Vector<dim> move = (k1 + 2 * k2 + 2 * k3 + k4) / 6;
      x = shift(x, move, step);
      path.points.push_back(x);
    }
    if (path.stop_reason.empty()) path.stop_reason = "the path grew longer than 20 box sizes";
    path.action = action(path.points);
    return path;
  }

 private:
  static Point shift(const Point& x, const Vector<dim>& direction, double length) {
    Point y = x;
    for (int a = 0; a < dim; ++a) y[a] += length * direction[a];
    return y;
  }

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

  // The cell holding x: its lowest corner and x's local coordinates in [0, 1]^dim.
  bool locate(const Point& x, typename StructuredGrid<dim>::MultiIndex& corner,
              std::array<double, dim>& t) const {
    for (int a = 0; a < dim; ++a) {
      const double s = (x[a] - grid_.lower()[a]) / grid_.spacing()[a];
      const std::int64_t last = grid_.nodes_per_axis()[a] - 1;
      if (!(s >= 0 && s <= static_cast<double>(last))) return false;
      corner[a] = std::min<std::int64_t>(static_cast<std::int64_t>(s), last - 1);
      t[a] = s - static_cast<double>(corner[a]);
    }
    return true;
  }

  // Calls f(node index, weight) for the 2^dim corners of x's cell.
  template <typename F>
  bool for_each_corner(const Point& x, F&& f) const {
    typename StructuredGrid<dim>::MultiIndex corner;
    std::array<double, dim> t;
    if (!locate(x, corner, t)) return false;
    for (int mask = 0; mask < (1 << dim); ++mask) {
      auto m = corner;
      double weight = 1;
      for (int a = 0; a < dim; ++a) {
        const bool up = (mask >> a) & 1;
        m[a] += up;
        weight *= up ? t[a] : 1 - t[a];
      }
      if (!f(m, weight)) return false;
    }
    return true;
  }

  std::optional<double> interpolate_value(const Point& x) const {
    double v = 0;
    const bool ok = for_each_corner(x, [&](const auto& m, double weight) {
      const std::size_t i = grid_.index(m);
      if (!is_accepted(result_.flags[i])) return false;
      v += weight * result_.value[i];
      return true;
    });
    return ok ? std::optional<double>(v) : std::nullopt;
  }

  bool interpolate_gradient(const Point& x, Vector<dim>& grad) const {
    grad.setZero();
    return for_each_corner(x, [&](const auto& m, double weight) {
      Vector<dim> g;
      if (!node_gradient(m, g)) return false;
      grad += weight * g;
      return true;
    });
  }

  // Central differences of V at a node (one-sided at the box's edge or next to unknown nodes).
  bool node_gradient(const typename StructuredGrid<dim>::MultiIndex& m, Vector<dim>& g) const {
    const std::size_t i = grid_.index(m);
    if (!is_accepted(result_.flags[i])) return false;
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

  // The geometric action of the polyline (midpoint rule, b and A evaluated there), plus V of
  // the linearisation from the attractor to the path's last point.
  double action(const std::vector<Point>& points) const {
    double total = 0;
    for (std::size_t k = 1; k < points.size(); ++k) {
      Point middle;
      Vector<dim> v;
      for (int a = 0; a < dim; ++a) {
        middle[a] = 0.5 * (points[k][a] + points[k - 1][a]);
        v[a] = points[k - 1][a] - points[k][a];  // the path runs from the attractor outwards
      }
      const Matrix<dim> metric = problem_.diffusion(middle).inverse();
      total += local_cost<dim>(problem_.drift(middle), metric, v);
    }
    if (linear_ && !points.empty()) total += linear_->value(points.back());
    return total;
  }

  const SdeProblem<dim>& problem_;
  const Result<dim>& result_;
  const StructuredGrid<dim>& grid_;
  Equilibrium<dim> attractor_;
  double capture_radius_;
  std::optional<LinearisedQuasiPotential<dim>> linear_;
};

}  // namespace hj

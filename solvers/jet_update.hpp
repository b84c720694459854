// JetUpdate<dim>: second-order jet marching for the quasi-potential. Every node carries the jet
// (V, grad V). A tentative value is the best of
//   V(z) + S(z -> x)
// over start points z on the accepted front within K h: a front node (one-point update) or a point
// on a front edge (triangle update), where V is a cubic Hermite interpolant built from the values
// and gradients at the edge's ends. The path from z to x is a quadratic arc that leaves z along
// the characteristic direction b + A grad V (math.md: the minimum action path's tangent), and its
// geometric action S is taken by Simpson's rule with the drift evaluated on the arc. grad V at x
// comes from the costate formula on the arc's end tangent (math.md section "Gradient of V").
//
// Why second order: the Hermite interpolant is fourth-order accurate given the gradients, the arc
// deviates from the true path by O(h^2) (action error O(h^3), the action being stationary), and
// Simpson's rule errs by O(h^5); O(h^3) per step over O(1/h) steps is O(h^2).
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "problems/sde_problem.hpp"
#include "solvers/front_search.hpp"
#include "solvers/line_integral_update.hpp"
#include "solvers/marcher.hpp"
#include "solvers/minimize_1d.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"
#include "solvers/sde_node_data.hpp"

namespace hj {

/// grad V at the end of a path arriving with tangent v at a point with drift b and metric M:
/// |b|_M M v / |v|_M - M b (math.md).
template <int dim>
Vector<dim> costate(const Vector<dim>& b, const Matrix<dim>& M, const Vector<dim>& v) {
  const Vector<dim> Mv = M * v;
  const double v_norm = std::sqrt(std::max(0.0, v.dot(Mv)));
  const double b_norm = std::sqrt(std::max(0.0, b.dot(M * b)));
  return (b_norm / v_norm) * Mv - M * b;
}

template <int dim>
class JetUpdate {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;
  using Point = std::array<double, dim>;
  static constexpr bool recomputes_from_all_accepted = false;
  static constexpr bool needs_front = true;
  static constexpr bool searches_ball = true;

  /// `radius`: the search radius K h, a physical length. The result's gradient array must be
  /// allocated; the update writes the gradient of every value it hands to the marcher there.
  JetUpdate(Result<dim>& result, const SdeProblem<dim>& problem, const SdeNodeData<dim>& data,
            double radius)
      : grid_(result.grid),
        value_(result.value.data()),
        gradient_(result.gradient.data()),
        problem_(problem),
        data_(data),
        constant_diffusion_(problem.constant_diffusion()),
        radius2_(radius * radius * (1 + 1e-12)),
        front_(result, radius) {
    HJ_CHECK(result.gradient.size() == grid_.size(), "the jet needs a gradient array");
    if (constant_diffusion_) {
      metric_ = data.metric.front();
      diffusion_ = metric_.inverse();
    }
  }

  const std::vector<BallOffset<dim>>& ball() const { return front_.ball(); }

  /// The kind of candidate that gave the last value returned, for the statistics.
  static std::vector<std::string> kind_names() { return front_update_kind_names(); }
  int last_kind() const { return last_kind_; }

  /// A node joining the considered set: the best one-point update over the front within the
  /// radius, then triangle updates on the edges from that node to its front neighbours.
  double first_value(std::size_t target, const MultiIndex& m) const {
    const Target x = target_at(target, m);
    Candidate best;
    std::size_t best_node = 0;
    MultiIndex best_index{};
    front_.for_each_front_node_in_ball(target, m, [&](std::size_t node, const MultiIndex& y) {
      if (value_[node] >= best.value) return;  // S >= 0: cannot win
      const Candidate c = from_node(node, y, x);
      if (c.value < best.value) {
        best = c;
        best_node = node;
        best_index = y;
      }
    });
    last_kind_ = FrontUpdateKind::one_point;
    if (best.value == std::numeric_limits<double>::infinity()) return best.value;
    triangle_updates(x, best_node, best_index, best);
    store(target, best, std::numeric_limits<double>::infinity());
    return best.value;
  }

  /// Candidates through the newly accepted node: one-point, then triangles with its front
  /// neighbours. The marcher keeps the smaller of this and `current`.
  double tentative(std::size_t target, const MultiIndex& m, std::size_t just_accepted,
                   double current) const {
    const Target x = target_at(target, m);
    const MultiIndex y = grid_.multi_index(just_accepted);
    Candidate best;
    best.value = current;
    last_kind_ = FrontUpdateKind::no_improvement;
    if (value_[just_accepted] < current) {
      const Candidate c = from_node(just_accepted, y, x);
      if (c.value < best.value) {
        best = c;
        last_kind_ = FrontUpdateKind::one_point;
      }
    }
    triangle_updates(x, just_accepted, y, best);
    store(target, best, current);
    return best.value;
  }

 private:
  struct Candidate {
    double value = std::numeric_limits<double>::infinity();
    Vector<dim> gradient = Vector<dim>::Zero();
  };
  // The node being updated, with its coefficients.
  struct Target {
    Vector<dim> point;
    const Vector<dim>* drift;
    const Matrix<dim>* metric;
  };

  void store(std::size_t target, const Candidate& best, double current) const {
    if (best.value < current) {
      Eigen::Map<Vector<dim>>(gradient_[target].data()) = best.gradient;
    }
  }

  Target target_at(std::size_t node, const MultiIndex& m) const {
    return {position(m), &data_.drift[node], &data_.metric_at(node)};
  }

  Vector<dim> position(const MultiIndex& m) const { return to_vector<dim>(grid_.point(m)); }

  Vector<dim> gradient_at(std::size_t node) const {
    return Eigen::Map<const Vector<dim>>(gradient_[node].data());
  }

  Matrix<dim> metric_at(const Vector<dim>& z) const {
    return constant_diffusion_ ? metric_
                               : Matrix<dim>(problem_.diffusion(to_point<dim>(z)).inverse());
  }

  // V(z) + S(z -> x) along the quadratic arc leaving z along b + A grad V, by Simpson's rule;
  // the gradient at x from the costate formula on the arrival tangent.
  Candidate through_arc(const Vector<dim>& z, double value, const Vector<dim>& p,
                        const Vector<dim>& b, const Matrix<dim>& M, const Target& x) const {
    const Vector<dim> d = x.point - z;
    const Vector<dim> A_p =
        constant_diffusion_ ? Vector<dim>(diffusion_ * p) : Vector<dim>(M.ldlt().solve(p));
    const Vector<dim> tangent = b + A_p;
    // Bend the path only when the characteristic points roughly at x (within 60 degrees); a
    // start it leaves away from x cannot be the optimal one, and the chord still gives an
    // admissible (upper bound) candidate.
    Vector<dim> bend = Vector<dim>::Zero();
    const double along = d.dot(tangent);
    if (along > 0.5 * d.norm() * tangent.norm()) bend = (d.squaredNorm() / along) * tangent - d;
    const Vector<dim> start_tangent = d + bend, end_tangent = d - bend;
    const Vector<dim> middle = z + 0.5 * d + 0.25 * bend;
    const Vector<dim> b_middle = problem_.drift(to_point<dim>(middle));
    const double action = (local_cost<dim>(b, M, start_tangent) +
                           4 * local_cost<dim>(b_middle, metric_at(middle), d) +
                           local_cost<dim>(*x.drift, *x.metric, end_tangent)) /
                          6;
    return {value + action, costate<dim>(*x.drift, *x.metric, end_tangent)};
  }

  Candidate from_node(std::size_t node, const MultiIndex& y, const Target& x) const {
    return through_arc(position(y), value_[node], gradient_at(node), data_.drift[node],
                       data_.metric_at(node), x);
  }

  // Triangle updates on the edges from y0 to its front neighbours within the radius of x.
  void triangle_updates(const Target& x, std::size_t y0, const MultiIndex& y0_index,
                        Candidate& best) const {
    const double u0 = value_[y0];
    const Vector<dim> z0 = position(y0_index), p0 = gradient_at(y0);
    front_.for_each_front_box_neighbour(
        y0, y0_index, [&](std::size_t y1, const MultiIndex& y1_index) {
          const Vector<dim> z1 = position(y1_index);
          if ((x.point - z1).squaredNorm() > radius2_) return;
          const double u1 = value_[y1];
          if (std::min(u0, u1) >= best.value) return;  // S >= 0: this edge cannot win
          const Vector<dim> p1 = gradient_at(y1), edge = z1 - z0;
          const double s0 = p0.dot(edge), s1 = p1.dot(edge);
          auto candidate = [&](double t) {
            // Cubic Hermite interpolation of V along the edge; grad V linearly.
            const double t2 = t * t, t3 = t2 * t;
            const double value = (2 * t3 - 3 * t2 + 1) * u0 + (t3 - 2 * t2 + t) * s0 +
                                 (3 * t2 - 2 * t3) * u1 + (t3 - t2) * s1;
            const Vector<dim> z = z0 + t * edge;
            const Vector<dim> b = t == 0   ? data_.drift[y0]
                                  : t == 1 ? data_.drift[y1]
                                           : problem_.drift(to_point<dim>(z));
            // grad V at z: linear across the edge, the Hermite interpolant's slope along it, so
            // that the path's start agrees with the values it starts from.
            const double slope =
                (6 * t2 - 6 * t) * (u0 - u1) + (3 * t2 - 4 * t + 1) * s0 + (3 * t2 - 2 * t) * s1;
            Vector<dim> p = (1 - t) * p0 + t * p1;
            p += ((slope - p.dot(edge)) / edge.squaredNorm()) * edge;
            return through_arc(z, value, p, b, metric_at(z), x);
          };
          auto f = [&](double t) { return candidate(t).value; };
          // The minimum lies inside the edge only if the candidate falls into it from both ends;
          // otherwise it is at an end, a one-point update offered on its own.
          constexpr double step = 1e-6;
          if (!(f(step) < f(0.0) && f(1.0 - step) < f(1.0))) return;
          const Minimum1d minimum = minimize_on_interval(f, 0.0, 1.0, 1e-9);
          if (minimum.value < best.value) {
            best = candidate(minimum.x);
            last_kind_ = FrontUpdateKind::triangle;
          }
        });
  }

  const StructuredGrid<dim>& grid_;
  const double* value_;
  std::array<double, dim>* gradient_;
  const SdeProblem<dim>& problem_;
  const SdeNodeData<dim>& data_;
  bool constant_diffusion_;
  Matrix<dim> metric_ = Matrix<dim>::Identity(), diffusion_ = Matrix<dim>::Identity();
  double radius2_;
  FrontSearch<dim> front_;
  mutable int last_kind_ =
      FrontUpdateKind::no_improvement;  ///< set by each call, read by the marcher
};

}  // namespace hj

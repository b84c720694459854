// LineIntegralUpdate<dim, Rule>: the first-order ordered line integral method (OLIM, Dahiya and
// Cameron 2018) for the quasi-potential, in the geometric form of math.md:
//   V(x) = min over y on the accepted front within K h of  V(y) + Q(y -> x),
//   Q(y -> x) = integral over the segment of F(z, x - y) = |v|_M |b|_M - <v, b>_M,  M = A^{-1},
// with the segment integral taken by a quadrature rule (rhr, the right-hand rule: the ordered
// upwind method; trapezoid; midpoint). One-point updates use a single front node y; triangle
// updates let y run along the edge between two neighbouring front nodes, V interpolated linearly
// along it.
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "problems/sde_problem.hpp"
#include "solvers/front_search.hpp"
#include "solvers/marcher.hpp"
#include "solvers/minimize_1d.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"
#include "solvers/sde_node_data.hpp"

namespace hj {

/// solver.quadrature = "rhr" (the right-hand rule), "trapezoid", "midpoint".
enum class QuadratureRule { right_hand, trapezoid, midpoint };

/// F(z, v) = |v|_M |b|_M - <v, b>_M with b, M taken at z.
template <int dim>
double local_cost(const Vector<dim>& b, const Matrix<dim>& M, const Vector<dim>& v) {
  const Vector<dim> Mb = M * b;
  const double v_norm = std::sqrt(std::max(0.0, v.dot(M * v)));
  const double b_norm = std::sqrt(std::max(0.0, b.dot(Mb)));
  return v_norm * b_norm - v.dot(Mb);
}

template <int dim, QuadratureRule rule>
class LineIntegralUpdate {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;
  static constexpr bool recomputes_from_all_accepted = false;
  static constexpr bool needs_front = true;
  static constexpr bool searches_ball = true;

  /// `radius`: the search radius K h, a physical length.
  LineIntegralUpdate(const Result<dim>& result, const SdeNodeData<dim>& data, double radius)
      : grid_(result.grid),
        value_(result.value.data()),
        data_(data),
        radius2_(radius * radius * (1 + 1e-12)),
        front_(result, radius) {}

  const std::vector<BallOffset<dim>>& ball() const { return front_.ball(); }

  /// The kind of candidate that gave the last value returned, for the statistics.
  static std::vector<std::string> kind_names() { return front_update_kind_names(); }
  int last_kind() const { return last_kind_; }

  /// A node joining the considered set: the best one-point update over the front within the
  /// radius, then triangle updates from that node's front neighbours.
  double first_value(std::size_t target, const MultiIndex& m) const {
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_node = 0;
    MultiIndex best_index{};
    front_.for_each_front_node_in_ball(target, m, [&](std::size_t node, const MultiIndex& y) {
      const double u = value_[node] + segment_cost(node, y, target, m);
      if (u < best) {
        best = u;
        best_node = node;
        best_index = y;
      }
    });
    if (best == std::numeric_limits<double>::infinity()) return best;
    last_kind_ = FrontUpdateKind::one_point;
    return triangle_updates(target, m, best_node, best_index, best);
  }

  /// Candidates through the newly accepted node: one-point, then triangles with its front
  /// neighbours. The marcher keeps the smaller of this and `current`.
  double tentative(std::size_t target, const MultiIndex& m, std::size_t just_accepted,
                   double current) const {
    const MultiIndex y = grid_.multi_index(just_accepted);
    double best =
        std::min(current, value_[just_accepted] + segment_cost(just_accepted, y, target, m));
    return triangle_updates(target, m, just_accepted, y, best);
  }

 private:
  Vector<dim> displacement(const MultiIndex& from, const MultiIndex& to) const {
    Vector<dim> v;
    for (int a = 0; a < dim; ++a) v[a] = static_cast<double>(to[a] - from[a]) * grid_.spacing()[a];
    return v;
  }

  bool within_radius(const MultiIndex& y, const MultiIndex& x) const {
    return displacement(y, x).squaredNorm() <= radius2_;
  }

  // Q(y -> x) by the quadrature rule, with b and M at y given (interpolated for triangles).
  double cost(const Vector<dim>& b_y, const Matrix<dim>& M_y, std::size_t x,
              const Vector<dim>& v) const {
    const Vector<dim>& b_x = data_.drift[x];
    const Matrix<dim>& M_x = data_.metric_at(x);
    if constexpr (rule == QuadratureRule::right_hand) {
      return local_cost<dim>(b_x, M_x, v);
    } else if constexpr (rule == QuadratureRule::trapezoid) {
      return 0.5 * (local_cost<dim>(b_y, M_y, v) + local_cost<dim>(b_x, M_x, v));
    } else {
      return local_cost<dim>(0.5 * (b_y + b_x), 0.5 * (M_y + M_x), v);
    }
  }

  double segment_cost(std::size_t y, const MultiIndex& y_index, std::size_t x,
                      const MultiIndex& x_index) const {
    return cost(data_.drift[y], data_.metric_at(y), x, displacement(y_index, x_index));
  }

  // Triangle updates on the edges from `y0` to its front neighbours within the radius of x.
  double triangle_updates(std::size_t x, const MultiIndex& m, std::size_t y0,
                          const MultiIndex& y0_index, double best) const {
    const double u0 = value_[y0];
    const Vector<dim> v0 = displacement(y0_index, m);
    front_.for_each_front_box_neighbour(
        y0, y0_index, [&](std::size_t y1, const MultiIndex& y1_index) {
          if (!within_radius(y1_index, m)) return;
          const double u1 = value_[y1];
          if (std::min(u0, u1) >= best) return;  // Q >= 0: this edge cannot win
          const Vector<dim> v1 = displacement(y1_index, m);
          const Vector<dim>&b0 = data_.drift[y0], &b1 = data_.drift[y1];
          const Matrix<dim>&M0 = data_.metric_at(y0), &M1 = data_.metric_at(y1);
          auto f = [&](double lambda) {
            const Vector<dim> v = (1 - lambda) * v0 + lambda * v1;
            const Vector<dim> b = (1 - lambda) * b0 + lambda * b1;
            const Matrix<dim> M = (1 - lambda) * M0 + lambda * M1;
            return (1 - lambda) * u0 + lambda * u1 + cost(b, M, x, v);
          };
          // f is convex along the edge (up to the quadrature's small variation): unless it falls
          // into the edge from both ends, its minimum is at an end, a one-point update that is
          // offered on its own. This test saves most minimisations.
          constexpr double step = 1e-6;
          if (!(f(step) < f(0.0) && f(1.0 - step) < f(1.0))) return;
          const Minimum1d minimum = minimize_on_interval(f, 0.0, 1.0, 1e-9);
          if (minimum.value < best) {
            best = minimum.value;
            last_kind_ = FrontUpdateKind::triangle;
          }
        });
    return best;
  }

  const StructuredGrid<dim>& grid_;
  const double* value_;
  const SdeNodeData<dim>& data_;
  double radius2_;
  FrontSearch<dim> front_;
  mutable int last_kind_ =
      FrontUpdateKind::no_improvement;  ///< set by each call, read by the marcher
};

}  // namespace hj

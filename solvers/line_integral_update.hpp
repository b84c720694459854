// LineIntegralUpdate<dim, Rule, Cost>: the first-order ordered line integral method (OLIM,
// Dahiya and Cameron 2018) for a static HJ equation in the geometric form of math.md:
//   V(x) = min over y on the accepted front within K h of  V(y) + Q(y -> x),
//   Q(y -> x) = integral over the segment of F(z, x - y),
// with the segment integral taken by a quadrature rule (rhr, the right-hand rule: the ordered
// upwind method; trapezoid; midpoint). One-point updates use a single front node y; triangle
// updates let y run along the edge between two neighbouring front nodes, and tetrahedron updates
// (3-d) over the face of three mutually neighbouring front nodes, with V and F's coefficients
// interpolated linearly. The local cost F is a policy: SdeCost (the quasi-potential,
// sde_cost.hpp) or MetricCost (Riemannian and Randers metrics, metric_cost.hpp). A Cost has
// Coefficients (F's data at a point, with add(weight, other) and scale(factor)), zero(), at(node)
// and cost(coefficients, v).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "problems/vector_types.hpp"
#include "solvers/front_search.hpp"
#include "solvers/marcher.hpp"
#include "solvers/minimize_1d.hpp"
#include "solvers/minimize_on_triangle.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

/// solver.quadrature = "rhr" (the right-hand rule), "trapezoid", "midpoint".
enum class QuadratureRule { right_hand, trapezoid, midpoint };

template <int dim, QuadratureRule rule, typename Cost>
class LineIntegralUpdate {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;
  static constexpr bool recomputes_from_all_accepted = false;
  static constexpr bool needs_front = true;
  static constexpr bool searches_ball = true;

  /// `radius`: the search radius K h, a physical length.
  LineIntegralUpdate(const Result<dim>& result, const Cost& cost, double radius)
      : grid_(result.grid),
        value_(result.value.data()),
        cost_(cost),
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

  using Coefficients = typename Cost::Coefficients;

  // Q(y -> x) by the quadrature rule, with F's coefficients at y given (interpolated for
  // triangles).
  double cost(const Coefficients& at_y, std::size_t x, const Vector<dim>& v) const {
    if constexpr (rule == QuadratureRule::right_hand) {
      return Cost::cost(cost_.at(x), v);
    } else if constexpr (rule == QuadratureRule::trapezoid) {
      return 0.5 * (Cost::cost(at_y, v) + Cost::cost(cost_.at(x), v));
    } else {
      Coefficients middle = at_y;
      middle.add(1.0, cost_.at(x));
      middle.scale(0.5);
      return Cost::cost(middle, v);
    }
  }

  double segment_cost(std::size_t y, const MultiIndex& y_index, std::size_t x,
                      const MultiIndex& x_index) const {
    return cost(cost_.at(y), x, displacement(y_index, x_index));
  }

  // A front edge (n = 2) or face (n = 3): its nodes and the displacements from them to x.
  template <int n>
  struct Simplex {
    std::array<std::size_t, n> node;
    std::array<Vector<dim>, n> to_x;
  };
  template <int n>
  Simplex<n> simplex(const std::array<std::size_t, n>& nodes,
                     const std::array<MultiIndex, n>& indices, const MultiIndex& x_index) const {
    Simplex<n> s{nodes, {}};
    for (int k = 0; k < n; ++k) s.to_x[k] = displacement(indices[k], x_index);
    return s;
  }

  // Triangle updates on the edges from `y0` to its front neighbours within the radius of x, and
  // in 3-d tetrahedron updates on the faces through each edge whose minimum is interior.
  double triangle_updates(std::size_t x, const MultiIndex& m, std::size_t y0,
                          const MultiIndex& y0_index, double best) const {
    const double u0 = value_[y0];
    front_.for_each_front_box_neighbour(
        y0, y0_index, [&](std::size_t y1, const MultiIndex& y1_index) {
          if (!within_radius(y1_index, m)) return;
          if (std::min(u0, value_[y1]) >= best) return;  // Q >= 0: this edge cannot win
          const Simplex<2> edge = simplex<2>({y0, y1}, {y0_index, y1_index}, m);
          auto f = [&](double lambda) { return through(edge, x, {1 - lambda, lambda}); };
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
          if constexpr (dim == 3) face_updates(x, m, edge, y0_index, y1_index, minimum, best);
        });
    return best;
  }

  // Faces y0 y1 y2, y2 a front neighbour of both ends of the edge y0 y1. Searched only where
  // stepping from the edge's minimum towards y2 lowers the value: otherwise, f being convex on
  // the face, the edge's minimum is the face's.
  void face_updates(std::size_t x, const MultiIndex& m, const Simplex<2>& edge,
                    const MultiIndex& y0_index, const MultiIndex& y1_index,
                    const Minimum1d& on_edge, double& best) const {
    const std::size_t y0 = edge.node[0], y1 = edge.node[1];
    front_.for_each_third_corner(
        y0, y0_index, y1, y1_index, [&](std::size_t y2, const MultiIndex& y2_index) {
          if (!within_radius(y2_index, m)) return;
          if (std::min({value_[y0], value_[y1], value_[y2]}) >= best) return;
          const Simplex<3> face = simplex<3>({y0, y1, y2}, {y0_index, y1_index, y2_index}, m);
          auto f = [&](double l1, double l2) { return through(face, x, {1 - l1 - l2, l1, l2}); };
          constexpr double step = 1e-6;
          if (!(f(on_edge.x, step) < on_edge.value)) return;
          const auto minimum = interior_minimum_on_triangle(f, {0.75 * on_edge.x, 0.25});
          if (minimum && minimum->value < best) {
            best = minimum->value;
            last_kind_ = FrontUpdateKind::tetrahedron;
          }
        });
  }

  // V(y) + Q(y -> x) at the point y with barycentric weights w on the simplex; V and F's
  // coefficients interpolated linearly.
  template <int n>
  double through(const Simplex<n>& s, std::size_t x, const std::array<double, n>& w) const {
    double u = 0;
    Vector<dim> v = Vector<dim>::Zero();
    Coefficients at_y = Cost::zero();
    for (int k = 0; k < n; ++k) {
      u += w[k] * value_[s.node[k]];
      v += w[k] * s.to_x[k];
      // The right-hand rule takes F at x only: no coefficients to blend at y.
      if constexpr (rule != QuadratureRule::right_hand) at_y.add(w[k], cost_.at(s.node[k]));
    }
    return u + cost(at_y, x, v);
  }

  const StructuredGrid<dim>& grid_;
  const double* value_;
  Cost cost_;
  double radius2_;
  FrontSearch<dim> front_;
  mutable int last_kind_ =
      FrontUpdateKind::no_improvement;  ///< set by each call, read by the marcher
};

}  // namespace hj

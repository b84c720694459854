// JetUpdate<dim>: second-order jet marching for the quasi-potential. Every node carries the jet
// (V, grad V). A tentative value is the best of
//   V(z) + S(z -> x)
// over start points z on the accepted front within K h: a front node (one-point update), a point
// on a front edge (triangle update, 2-d) or, in 3-d, on a front face (tetrahedron update), where V
// is the cubic Hermite interpolant of the values and gradients at the corners (hermite_cubic.hpp).
// In 3-d an edge's minimum only leads to the faces through the edge: the characteristic through x
// crosses the front at a point of a face, not of an edge, so an edge's minimum is a minimum in one
// direction only. Its value differs from the faces' by the square of its distance from the
// characteristic and can win by rounding, but the gradient taken from it (below) errs by that
// distance itself: offered as candidates, edges won at 14 of 488,063 nodes of the anisotropic
// linear field at n = 129 with grad V errors of 1.8e-4 (median) up to 3.8e-4 (the faces': 1.6e-7
// median), and faces interpolating those gradients set the largest V errors (1.3e-6 against
// 1.8e-7 without).
// The path from z to x is a quadratic arc that leaves z along the characteristic direction
// b + A grad V (math.md: the minimum action path's tangent), and its geometric action S is taken
// by Simpson's rule with the drift evaluated on the arc.
//
// grad V at x is the derivative of the winning candidate with respect to x, its start held fixed
// (the envelope theorem: the gradient of the discrete value function itself), by central
// differences. The costate formula on the arc's arrival tangent, tried first, hands any error of
// the start's gradient on to x undamped (the arrival tangent mirrors the start tangent about the
// chord); in 3-d those errors grew until the values diverged (a rotating linear field, n = 33:
// max error 2e-3 against 1.5e-6 now), and in 2-d they cost a factor 100 on linear-rot.
//
// Why second order: the Hermite interpolant is at least third-order accurate given the
// gradients, the arc deviates from the true path by O(h^2) (action error O(h^3), the action being
// stationary), and Simpson's rule errs by O(h^5); O(h^3) per step over O(1/h) steps is O(h^2).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "problems/sde_problem.hpp"
#include "solvers/front_search.hpp"
#include "solvers/hermite_cubic.hpp"
#include "solvers/marcher.hpp"
#include "solvers/minimize_1d.hpp"
#include "solvers/minimize_on_triangle.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

/// The search radius, in grid steps, that a node whose characteristic b + A grad V makes the angle
/// theta with grad V needs: the characteristic crosses the accepted front about h / cos theta
/// upwind of the node, and the update must see the front edge (or face) it crosses. K =
/// round(c / cos theta), at most `largest`. The constants were measured. 2-d, c = 2: 1.4 (K = 2
/// at 45 degrees) left cubic-rot 100 times less accurate at N = 257 (1.9e-5 against 7.6e-8) and
/// the variable-diffusion decomposed problem without convergence; 2.5 and 3 gave the errors of
/// 2, more slowly. 3-d, c = 1.4, used for the radius at the attractor (the 3-d radius stays
/// fixed by default, jet_solver.cpp): the rotating linear field is most accurate with K = 2 at
/// its 45 degrees, the anisotropic one needs 3.
template <int dim>
int jet_reach_steps(double cosine, int largest) {
  constexpr double c = dim == 2 ? 2.0 : 1.4;
  return static_cast<int>(std::lround(c / std::max(cosine, c / largest)));
}

template <int dim>
class JetUpdate {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;
  using Point = std::array<double, dim>;
  static constexpr bool recomputes_from_all_accepted = false;
  static constexpr bool needs_front = true;
  static constexpr bool searches_ball = true;

  /// `reach`: the search radius in grid steps (the largest spacing), fixed or per node. The
  /// result's gradient array must be allocated; the update writes the gradient of every value it
  /// hands to the marcher there. The update evaluates b and A where it needs them (no per-node
  /// tables: 3-d grids of 257^3 fit in 64 bytes a node); check_sde_on_grid has checked them at
  /// every node.
  JetUpdate(Result<dim>& result, const SdeProblem<dim>& problem, SearchReach reach)
      : grid_(result.grid),
        value_(result.value.data()),
        gradient_(result.gradient.data()),
        problem_(problem),
        constant_diffusion_(problem.constant_diffusion()),
        reach_(reach),
        front_(result, reach.max_steps * result.grid.max_spacing()) {
    HJ_CHECK(result.gradient.size() == grid_.size(), "the jet needs a gradient array");
    // An adaptive reach of at least 2 steps holds every box neighbour (sqrt 3 h < 2 h).
    HJ_CHECK(reach.min_steps >= (reach.adaptive() ? 2 : 1) && reach.min_steps <= reach.max_steps &&
                 reach.max_steps <= std::numeric_limits<std::uint8_t>::max(),
             "search reach out of range");
    // Ball offsets within K steps: a prefix of the ball, which is sorted nearest first.
    const double h = grid_.max_spacing();
    for (int k = 0; k <= reach.max_steps; ++k) {
      const double radius2 = k * k * h * h * (1 + 1e-12);
      std::size_t count = 0;
      while (count < ball().size() && ball()[count].length2 <= radius2) ++count;
      ball_prefix_.push_back(count);
    }
    if (reach.adaptive()) reach_steps_.assign(grid_.size(), 0);
    if (constant_diffusion_) {
      diffusion_ = problem.diffusion(grid_.point(std::size_t{0}));
      metric_ = diffusion_.inverse();
      unit_diffusion_ = diffusion_.isIdentity(0);
    }
  }

  const std::vector<BallOffset<dim>>& ball() const { return front_.ball(); }

  /// How many of the ball's offsets a newly accepted node updates: those within its reach,
  /// which is fixed here (adaptive reach: from the node's characteristic and gradient).
  std::size_t ball_size(std::size_t accepted) const {
    if (!reach_.adaptive()) return ball().size();
    const int steps = adaptive_reach_steps(accepted);
    reach_steps_[accepted] = static_cast<std::uint8_t>(steps);
    largest_reach_steps_ = std::max(largest_reach_steps_, steps);
    accepting_reach_steps_ = steps;
    return ball_prefix_[static_cast<std::size_t>(steps)];
  }

  /// The adaptive reach over the accepted nodes: "K_min..K_max, median K" (for the summary).
  std::string reach_histogram() const {
    std::vector<std::size_t> count(static_cast<std::size_t>(reach_.max_steps) + 1, 0);
    std::size_t total = 0;
    for (std::uint8_t k : reach_steps_) {
      if (k > 0) ++count[k], ++total;
    }
    if (total == 0) return "none";
    int low = -1, high = 0, median = 0;
    std::size_t seen = 0;
    for (std::size_t k = 0; k < count.size(); ++k) {
      if (count[k] == 0) continue;
      if (low < 0) low = static_cast<int>(k);
      high = static_cast<int>(k);
      if (seen < (total + 1) / 2 && seen + count[k] >= (total + 1) / 2)
        median = static_cast<int>(k);
      seen += count[k];
    }
    return std::to_string(low) + ".." + std::to_string(high) + ", median " + std::to_string(median);
  }

  /// The kind of candidate that gave the last value returned, for the statistics.
  static std::vector<std::string> kind_names() { return front_update_kind_names(); }
  int last_kind() const { return last_kind_; }

  /// A node joining the considered set: the best one-point update over the front within the
  /// radius, then triangle updates on the edges from that node to its front neighbours.
  double first_value(std::size_t target, const MultiIndex& m) const {
    const Target x = target_at(m);
    Candidate best;
    std::size_t best_node = 0;
    MultiIndex best_index{};
    // The front nodes within their own reach of x, searched up to a little beyond the reach of
    // the neighbour just accepted (the marcher calls this from that node's updates): the angle
    // that sets the reach varies slowly, and searching the largest reach anywhere would cost
    // the whole march the time of its most demanding region.
    constexpr int margin = 2;
    const std::size_t count = reach_.adaptive()
                                  ? ball_prefix_[static_cast<std::size_t>(std::min(
                                        largest_reach_steps_, margin + accepting_reach_steps_))]
                                  : ball().size();
    front_.for_each_front_node_in_ball(
        target, m, count, [&](std::size_t node, const MultiIndex& y) {
          if (value_[node] >= best.value) return;  // S >= 0: cannot win
          const Vector<dim> z = position(y);
          if (reach_.adaptive() && (x.point - z).squaredNorm() > reach2(node)) return;
          const Candidate c = from_node(node, z, x);
          if (c.value < best.value) {
            best = c;
            best_node = node;
            best_index = y;
          }
        });
    last_kind_ = FrontUpdateKind::one_point;
    if (best.value == std::numeric_limits<double>::infinity()) return best.value;
    triangle_updates(x, best_node, best_index, best);
    store(target, x, best, std::numeric_limits<double>::infinity());
    return best.value;
  }

  /// Candidates through the newly accepted node: one-point, then triangles with its front
  /// neighbours. The marcher keeps the smaller of this and `current`.
  double tentative(std::size_t target, const MultiIndex& m, std::size_t just_accepted,
                   double current) const {
    const Target x = target_at(m);
    const MultiIndex y = grid_.multi_index(just_accepted);
    Candidate best;
    best.value = current;
    last_kind_ = FrontUpdateKind::no_improvement;
    if (value_[just_accepted] < current) {
      const Candidate c = from_node(just_accepted, position(y), x);
      if (c.value < best.value) {
        best = c;
        last_kind_ = FrontUpdateKind::one_point;
      }
    }
    triangle_updates(x, just_accepted, y, best);
    store(target, x, best, current);
    return best.value;
  }

 private:
  // The reach of an accepted node: from the angle between its characteristic b + A grad V and
  // grad V (jet_reach_steps). Where grad V vanishes (a degenerate attractor's seeds) the angle
  // is unknown: the most.
  int adaptive_reach_steps(std::size_t node) const {
    const Vector<dim> z = position(grid_.multi_index(node));
    const Vector<dim> p = gradient_at(node);
    const ArcStart start = arc_start(z, Vector<dim>::Zero(), 0, p, cost_at(z));
    const double norms = start.tangent.norm() * p.norm();
    if (!(norms > 0)) return reach_.max_steps;
    return std::clamp(jet_reach_steps<dim>(start.tangent.dot(p) / norms, reach_.max_steps),
                      reach_.min_steps, reach_.max_steps);
  }

  // The squared physical reach of a front node.
  double reach2(std::size_t node) const {
    const double h = grid_.max_spacing();
    const int steps = reach_.adaptive() ? reach_steps_[node] : reach_.max_steps;
    return steps * steps * h * h * (1 + 1e-12);
  }

  // Where the edge and face minimisers stop, in barycentric coordinates: the values are
  // stationary there, and the gradients (the candidate's derivative in x) move by about this
  // much times |b| (measured: 1e-9 and 1e-7 give the same errors; 1e-7 is 25% faster).
  static constexpr double minimiser_tolerance = 1e-7;

  // The local cost F(z, v) = |v|_M |b|_M - <v, M b> at one point z (math.md), with what it
  // needs for every v computed once: M = A^{-1}, M b and |b|_M.
  struct PointCost {
    Vector<dim> drift;
    Matrix<dim> metric;
    Vector<dim> metric_drift;
    double drift_norm;
  };
  // Where an arc starts: the point, the chord to the node it is a candidate for, V there, the
  // direction it leaves in, and F there. The chord is summed from the corners' offsets to the
  // node, which are of size h, not taken as the difference of two coordinates of size 1: that
  // difference carried rounding of 1e-16 |x| into S, noise of 1e-15 that moved the edge
  // minimiser by 2e-7 of the edge, and every grad V by about 1e-6 at random, whose walk along the
  // characteristics set the floor of 2e-8..5e-8 that V once had from N = 257 on in 2-d.
  struct ArcStart {
    Vector<dim> point;
    Vector<dim> chord;
    double value;
    Vector<dim> tangent;
    PointCost cost;
  };
  struct Candidate {
    double value = std::numeric_limits<double>::infinity();
    ArcStart start;
  };
  // The node being updated, and F there.
  struct Target {
    Vector<dim> point;
    PointCost cost;
  };

  // A front edge (n = 2) or face (n = 3): its nodes and points, the Hermite data of V on it, and
  // what turns V's derivatives along its edge vectors into the tangential part of grad V.
  template <int n>
  struct Simplex {
    std::array<std::size_t, n> node;
    std::array<Vector<dim>, n> corner;
    double base;                                 ///< V at corner 0; values are kept relative to it
    std::array<double, n> value;                 ///< V(z_k) - base
    std::array<std::array<double, n>, n> slope;  ///< grad V(z_k) . (z_l - z_k)
    Eigen::Matrix<double, dim, n - 1> edges;     ///< e_l = z_l - z_0
    Eigen::Matrix<double, n - 1, n - 1> inverse_gram;
  };

  // Writes grad V for a value that the marcher will take (it keeps the smaller of the two).
  void store(std::size_t target, const Target& x, const Candidate& best, double current) const {
    if (best.value < current) {
      Eigen::Map<Vector<dim>>(gradient_[target].data()) = arrival_gradient(best.start, x);
    }
  }

  // d/dx of S(z -> x), z fixed, by central differences. The step: truncation O(delta^2 / h^2)
  // relative, rounding O(1e-16 h / delta) (the chord is of size h: see ArcStart), both about
  // 1e-10 here; 1e-4 h left grad V twice the error on linear-rot at N = 513.
  Vector<dim> arrival_gradient(const ArcStart& start, const Target& x) const {
    const double delta = 1e-5 * grid_.max_spacing();
    Vector<dim> gradient;
    const bool bend_arc = bends(start, start.chord);
    for (int k = 0; k < dim; ++k) {
      Vector<dim> forward = x.point, backward = x.point;
      forward[k] += delta;
      backward[k] -= delta;
      const Vector<dim> step = delta * Vector<dim>::Unit(k);
      gradient[k] = (arc_action(start, start.chord + step, cost_at(forward), bend_arc) -
                     arc_action(start, start.chord - step, cost_at(backward), bend_arc)) /
                    (2 * delta);
    }
    return gradient;
  }

  Target target_at(const MultiIndex& m) const {
    const Vector<dim> x = position(m);
    return {x, cost_at(x)};
  }

  Vector<dim> position(const MultiIndex& m) const { return to_vector<dim>(grid_.point(m)); }

  Vector<dim> gradient_at(std::size_t node) const {
    return Eigen::Map<const Vector<dim>>(gradient_[node].data());
  }

  PointCost cost_at(const Vector<dim>& z) const {
    const Vector<dim> b = problem_.drift(to_point<dim>(z));
    const Matrix<dim> M =
        constant_diffusion_ ? metric_ : Matrix<dim>(problem_.diffusion(to_point<dim>(z)).inverse());
    const Vector<dim> Mb = unit_diffusion_ ? b : Vector<dim>(M * b);
    return {b, M, Mb, std::sqrt(std::max(0.0, b.dot(Mb)))};
  }

  double cost(const PointCost& at, const Vector<dim>& v) const {
    const double v_norm =
        unit_diffusion_ ? v.norm() : std::sqrt(std::max(0.0, v.dot(at.metric * v)));
    return v_norm * at.drift_norm - v.dot(at.metric_drift);
  }

  ArcStart arc_start(const Vector<dim>& z, const Vector<dim>& chord, double value,
                     const Vector<dim>& p, const PointCost& at) const {
    const Vector<dim> A_p = unit_diffusion_       ? p
                            : constant_diffusion_ ? Vector<dim>(diffusion_ * p)
                                                  : Vector<dim>(at.metric.ldlt().solve(p));
    return {z, chord, value, at.drift + A_p, at};
  }

  // Whether the arc along the chord d bends: when the characteristic points roughly along it
  // (within 60 degrees). A start it leaves further away from x cannot be the optimal one, and
  // the chord still gives an admissible (upper bound) candidate.
  static bool bends(const ArcStart& start, const Vector<dim>& d) {
    return d.dot(start.tangent) > 0.5 * d.norm() * start.tangent.norm();
  }

  // S(z -> x) along the quadratic arc leaving z along the start's tangent, by Simpson's rule.
  double arc_action(const ArcStart& start, const PointCost& at_x) const {
    return arc_action(start, start.chord, at_x, bends(start, start.chord));
  }
  // The same with the choice of bending made by the caller: grad V differentiates one arc, so
  // the points either side of x keep x's choice (a bend switched on between them made the
  // difference jump: the quartic problem's march reached V = -145; fading the bend in instead
  // let partly bent arcs win, 1.2e-4 on the anisotropic 3-d linear field at n = 129).
  // d is the chord from the start to x.
  double arc_action(const ArcStart& start, const Vector<dim>& d, const PointCost& at_x,
                    bool bend_arc) const {
    Vector<dim> bend = Vector<dim>::Zero();
    const double along = d.dot(start.tangent);
    if (bend_arc && along > 0) bend = (d.squaredNorm() / along) * start.tangent - d;
    const Vector<dim> middle = start.point + 0.5 * d + 0.25 * bend;
    return (cost(start.cost, d + bend) + 4 * cost(cost_at(middle), d) + cost(at_x, d - bend)) / 6;
  }

  // V(z) + S(z -> x).
  Candidate through_arc(const Vector<dim>& z, const Vector<dim>& chord, double value,
                        const Vector<dim>& p, const PointCost& at_z, const Target& x) const {
    const ArcStart start = arc_start(z, chord, value, p, at_z);
    return {value + arc_action(start, x.cost), start};
  }

  Candidate from_node(std::size_t node, const Vector<dim>& z, const Target& x) const {
    return through_arc(z, x.point - z, value_[node], gradient_at(node), cost_at(z), x);
  }

  // Triangle updates on the edges from y0 to its front neighbours within the radius of x, then in
  // 3-d tetrahedron updates on the faces through the edges whose minimum is interior (in 3-d the
  // edges' minima are not candidates themselves: see the top of the file).
  void triangle_updates(const Target& x, std::size_t y0, const MultiIndex& y0_index,
                        Candidate& best) const {
    const Vector<dim> z0 = position(y0_index);
    InteriorEdges interior;
    const double radius2 = reach2(y0);  // the edges and faces through y0 lie within y0's reach
    front_.for_each_front_box_neighbour(
        y0, y0_index, [&](std::size_t y1, const MultiIndex& y1_index) {
          const Vector<dim> z1 = position(y1_index);
          if ((x.point - z1).squaredNorm() > radius2) return;
          if (std::min(value_[y0], value_[y1]) >= best.value) return;  // S >= 0: cannot win
          const Simplex<2> edge = simplex<2>({y0, y1}, {z0, z1});
          // The candidate from the point at t along the edge; also defined a little beyond it.
          auto f = [&](double t) { return through(edge, {1 - t, t}, x).value; };
          // The minimum lies inside the edge only if the candidate falls into it from both ends;
          // otherwise it is at an end, a one-point update offered on its own. The slopes at the
          // ends are central differences, which see a minimum within 1e-10 of an end (a one-sided
          // step of 1e-6 missed those within 5e-7, whose one-point candidates then won with the
          // gradient of a start that far off the characteristic: 2e-6 on linear-rot, N = 1025).
          constexpr double step = 1e-5;
          if (!(f(step) < f(-step) && f(1.0 - step) < f(1.0 + step))) return;
          const Minimum1d minimum = polish_minimum(
              f, minimize_on_interval(f, 0.0, 1.0, minimiser_tolerance), 0.0, 1.0, step);
          if constexpr (dim == 2) {
            if (edge.base + minimum.value < best.value) {
              best = through(edge, {1 - minimum.x, minimum.x}, x);
              best.value += edge.base;
              last_kind_ = FrontUpdateKind::triangle;
            }
          } else {
            interior.push_back({y1, y1_index, z1, minimum});
          }
        });
    if constexpr (dim == 3) face_updates(x, y0, y0_index, z0, interior, radius2, best);
  }

  // The edges y0 y1 whose minimum lies inside (at most the 26 box neighbours of y0).
  struct InteriorEdge {
    std::size_t node;
    MultiIndex index;
    Vector<dim> corner;
    Minimum1d minimum;  ///< relative to V(y0)
  };
  class InteriorEdges {
   public:
    void push_back(const InteriorEdge& edge) { edges_[size_++] = edge; }
    std::size_t size() const { return size_; }
    const InteriorEdge& operator[](std::size_t k) const { return edges_[k]; }

   private:
    std::array<InteriorEdge, 26> edges_;
    std::size_t size_ = 0;
  };
  // The faces y0 a b already minimised in one update, by their other two corners.
  class SearchedFaces {
   public:
    bool contains(std::size_t a, std::size_t b) const {
      for (const auto& [p, q] : faces_) {
        if ((p == a && q == b) || (p == b && q == a)) return true;
      }
      return false;
    }
    void add(std::size_t a, std::size_t b) { faces_.push_back({a, b}); }

   private:
    std::vector<std::pair<std::size_t, std::size_t>> faces_;
  };

  // Faces y0 y1 y2 through an interior edge y0 y1, y2 a front neighbour of both y0 and y1.
  // Searched only where stepping from the edge's minimum towards y2 lowers the value (otherwise,
  // were the candidate convex on the face, the edge's minimum would be the face's), and each face
  // once. The test is repeated from the face's other interior edge when it fails from the first:
  // with rotation the candidate is not convex, and testing once cost a factor 100 in accuracy.
  void face_updates(const Target& x, std::size_t y0, const MultiIndex& y0_index,
                    const Vector<dim>& z0, const InteriorEdges& interior, double radius2,
                    Candidate& best) const {
    SearchedFaces searched;
    for (std::size_t k = 0; k < interior.size(); ++k) {
      const InteriorEdge& edge = interior[k];
      front_.for_each_third_corner(
          y0, y0_index, edge.node, edge.index, [&](std::size_t y2, const MultiIndex& y2_index) {
            const Vector<dim> z2 = position(y2_index);
            if ((x.point - z2).squaredNorm() > radius2) return;
            if (std::min({value_[y0], value_[edge.node], value_[y2]}) >= best.value) return;
            const Simplex<3> face = simplex<3>({y0, edge.node, y2}, {z0, edge.corner, z2});
            auto f = [&](double l1, double l2) {
              return through(face, {1 - l1 - l2, l1, l2}, x).value;
            };
            constexpr double step = 1e-6;
            const Minimum1d& on_edge = edge.minimum;
            if (!(f(on_edge.x, step) < on_edge.value)) return;
            if (searched.contains(edge.node, y2)) return;
            searched.add(edge.node, y2);
            const auto minimum =
                interior_minimum_on_triangle(f, {0.75 * on_edge.x, 0.25}, minimiser_tolerance);
            if (minimum && face.base + minimum->value < best.value) {
              const auto [l1, l2] = minimum->lambda;
              best = through(face, {1 - l1 - l2, l1, l2}, x);
              best.value += face.base;
              last_kind_ = FrontUpdateKind::tetrahedron;
            }
          });
    }
  }

  template <int n>
  Simplex<n> simplex(const std::array<std::size_t, n>& nodes,
                     const std::array<Vector<dim>, n>& corners) const {
    Simplex<n> s{nodes, corners, value_[nodes[0]], {}, {}, {}, {}};
    for (int k = 0; k < n; ++k) {
      s.value[k] = value_[nodes[k]] - s.base;
      const Vector<dim> p = gradient_at(nodes[k]);
      for (int l = 0; l < n; ++l) s.slope[k][l] = p.dot(corners[l] - corners[k]);
    }
    for (int l = 1; l < n; ++l) s.edges.col(l - 1) = corners[l] - corners[0];
    s.inverse_gram = (s.edges.transpose() * s.edges).inverse();
    return s;
  }

  // The candidate from the point with barycentric weights w on the simplex, its value relative to
  // the simplex's base (so that the minimisers see differences of size h, not V plus them, and
  // place the minimum to the precision the gradients need): V there by Hermite interpolation; grad
  // V linear in w, with its tangential part replaced by the interpolant's slopes so that the path's
  // start agrees with the values it starts from.
  template <int n>
  Candidate through(const Simplex<n>& s, const std::array<double, n>& w, const Target& x) const {
    HermiteSample<n> v;
    if constexpr (n == 2) {
      v = hermite_on_edge(s.value, s.slope, w[1]);
    } else {
      v = hermite_on_triangle(s.value, s.slope, w);
    }
    Vector<dim> z = Vector<dim>::Zero(), chord = Vector<dim>::Zero(), p = Vector<dim>::Zero();
    for (int k = 0; k < n; ++k) {
      z += w[k] * s.corner[k];
      chord += w[k] * (x.point - s.corner[k]);
      p += w[k] * gradient_at(s.node[k]);
    }
    const Eigen::Matrix<double, n - 1, 1> slope(v.slope.data());
    p += s.edges * (s.inverse_gram * (slope - s.edges.transpose() * p));
    return through_arc(z, chord, v.value, p, cost_at(z), x);
  }

  const StructuredGrid<dim>& grid_;
  const double* value_;
  std::array<double, dim>* gradient_;
  const SdeProblem<dim>& problem_;
  bool constant_diffusion_;
  bool unit_diffusion_ = false;  ///< A = I: the metric products are skipped
  Matrix<dim> metric_ = Matrix<dim>::Identity(), diffusion_ = Matrix<dim>::Identity();
  SearchReach reach_;
  FrontSearch<dim> front_;
  std::vector<std::size_t> ball_prefix_;           ///< [K]: the ball's offsets within K steps
  mutable std::vector<std::uint8_t> reach_steps_;  ///< adaptive reach: K of each accepted node
  mutable int largest_reach_steps_ = 0;
  mutable int accepting_reach_steps_ = 0;  ///< the reach of the node whose updates run now
  mutable int last_kind_ =
      FrontUpdateKind::no_improvement;  ///< set by each call, read by the marcher
};

}  // namespace hj

// FrontSearch<dim>: what the ball-searching updates (ordered line integrals, jet marching) share:
// the offsets within the search radius K h, the box neighbours among them (the edges of triangle
// updates), stepping an index by an offset inside the grid, and whether a node is on the accepted
// front. Also the kinds of candidate they report to the marcher's statistics: one-point (a front
// node), triangle (a point on a front edge), tetrahedron (a point on a front face, 3-d).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "solvers/marcher.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

/// Which candidate gave a value (recorded in the node flags, see Marcher::records_kinds).
struct FrontUpdateKind {
  enum : int { no_improvement = 0, one_point = 1, triangle = 2, tetrahedron = 3 };
};
inline std::vector<std::string> front_update_kind_names() {
  return {"", "one-point", "triangle", "tetrahedron"};
}

/// The search radius of a ball-searching update in grid steps (of the largest spacing): fixed
/// (min = max), or chosen per accepted node between the two.
struct SearchReach {
  int min_steps = 2;
  int max_steps = 2;
  bool adaptive() const { return min_steps < max_steps; }
  static SearchReach fixed(int steps) { return {steps, steps}; }
};

template <int dim>
class FrontSearch {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;

  /// `radius`: the search radius K h, a physical length.
  FrontSearch(const Result<dim>& result, double radius)
      : grid_(result.grid),
        flags_(result.flags.data()),
        ball_(ball_offsets(result.grid, radius)),
        box_neighbours_(box_neighbour_offsets(ball_)) {}

  /// Every offset within the radius, nearest first.
  const std::vector<BallOffset<dim>>& ball() const { return ball_; }

  /// f(node, index) for every front node within the radius of `centre`, nearest first.
  template <typename F>
  void for_each_front_node_in_ball(std::size_t centre, const MultiIndex& m, F&& f) const {
    for_each_front_node(ball_, centre, m, f);
  }
  /// The same over the ball's first `count` offsets (those within a smaller radius).
  template <typename F>
  void for_each_front_node_in_ball(std::size_t centre, const MultiIndex& m, std::size_t count,
                                   F&& f) const {
    for (std::size_t k = 0; k < count; ++k) visit_if_front(ball_[k], centre, m, f);
  }
  /// f(node, index) for every front node y2 that is a box neighbour of both ends of the edge
  /// y0 y1: the third corners of the front faces through that edge (3-d face updates).
  template <typename F>
  void for_each_third_corner(std::size_t y0, const MultiIndex& y0_index, std::size_t y1,
                             const MultiIndex& y1_index, F&& f) const {
    for_each_front_node(box_neighbours_, y0, y0_index,
                        [&](std::size_t y2, const MultiIndex& y2_index) {
                          if (y2 != y1 && are_box_neighbours(y1_index, y2_index)) f(y2, y2_index);
                        });
  }
  /// f(node, index) for every front node among the box neighbours of `centre`.
  template <typename F>
  void for_each_front_box_neighbour(std::size_t centre, const MultiIndex& m, F&& f) const {
    for_each_front_node(box_neighbours_, centre, m, f);
  }

 private:
  /// Whether two grid nodes are box neighbours (differ by at most one step along every axis).
  static bool are_box_neighbours(const MultiIndex& a, const MultiIndex& b) {
    for (int k = 0; k < dim; ++k) {
      if (a[k] - b[k] > 1 || b[k] - a[k] > 1) return false;
    }
    return true;
  }

  /// m + delta into `out`; false when that leaves the grid.
  bool shifted(const MultiIndex& m, const std::array<std::int64_t, dim>& delta,
               MultiIndex& out) const {
    for (int a = 0; a < dim; ++a) {
      out[a] = m[a] + delta[a];
      if (out[a] < 0 || out[a] >= grid_.nodes_per_axis()[a]) return false;
    }
    return true;
  }

  bool on_front(std::size_t node) const { return state_of(flags_[node]) == NodeState::front; }

  template <typename F>
  void for_each_front_node(const std::vector<BallOffset<dim>>& offsets, std::size_t centre,
                           const MultiIndex& m, F&& f) const {
    for (const BallOffset<dim>& offset : offsets) visit_if_front(offset, centre, m, f);
  }
  template <typename F>
  void visit_if_front(const BallOffset<dim>& offset, std::size_t centre, const MultiIndex& m,
                      F&& f) const {
    MultiIndex index;
    if (!shifted(m, offset.delta, index)) return;
    const auto node = static_cast<std::size_t>(static_cast<std::int64_t>(centre) + offset.linear);
    if (on_front(node)) f(node, index);
  }

  const StructuredGrid<dim>& grid_;
  const std::uint8_t* flags_;
  std::vector<BallOffset<dim>> ball_, box_neighbours_;
};

}  // namespace hj

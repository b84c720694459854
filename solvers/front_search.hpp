// FrontSearch<dim>: what the ball-searching updates (ordered line integrals, jet marching) share:
// the offsets within the search radius K h, the box neighbours among them (the edges of triangle
// updates), stepping an index by an offset inside the grid, and whether a node is on the accepted
// front. Also the kinds of candidate they report to the marcher's statistics.
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
  enum : int { no_improvement = 0, one_point = 1, triangle = 2 };
};
inline std::vector<std::string> front_update_kind_names() { return {"", "one-point", "triangle"}; }

template <int dim>
class FrontSearch {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;

  /// `radius`: the search radius K h, a physical length.
  FrontSearch(const Result<dim>& result, double radius)
      : grid_(result.grid), flags_(result.flags.data()), ball_(ball_offsets(result.grid, radius)) {
    for (const auto& offset : ball_) {
      if (offset.box_neighbour) box_neighbours_.push_back(offset);
    }
  }

  /// Every offset within the radius, nearest first.
  const std::vector<BallOffset<dim>>& ball() const { return ball_; }
  /// The offsets with every |delta_a| <= 1.
  const std::vector<BallOffset<dim>>& box_neighbours() const { return box_neighbours_; }

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

 private:
  const StructuredGrid<dim>& grid_;
  const std::uint8_t* flags_;
  std::vector<BallOffset<dim>> ball_, box_neighbours_;
};

}  // namespace hj

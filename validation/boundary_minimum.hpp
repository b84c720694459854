// The barrier: the smallest value on the boundary of the box among the nodes the solver reached,
// and where. For a quasi-potential it predicts the exit cost from the box, eps log E[tau] -> V*.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>

#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

struct BoundaryMinimum {
  double value;
  std::size_t node;
};

/// nullopt when no boundary node was accepted (a stopping rule ended the march before).
template <int dim>
std::optional<BoundaryMinimum> boundary_minimum(const Result<dim>& result) {
  std::optional<BoundaryMinimum> best;
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    if (!is_accepted(result.flags[i])) continue;
    if (!result.grid.on_boundary(result.grid.multi_index(i))) continue;
    if (!best || result.value[i] < best->value) best = BoundaryMinimum{result.value[i], i};
  }
  return best;
}

}  // namespace hj

// Error of grad V against the exact gradient. A solver that carries grad V (jet marching) is
// judged on its own gradient at every accepted node. For the others the
// gradient is taken by central differences of the computed field at nodes whose axis neighbours
// are all accepted (so it measures what a user differentiating the field gets; the differences
// add O(h^2), far below a first-order solver's gradient error). Plain fast marching's gradient
// error does not decay with h on rotational drifts (benchmarks.md).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>

#include "problems/sde_problem.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

struct GradientErrorNorms {
  double max = 0;
  double rms = 0;
  std::uint64_t nodes = 0;  ///< accepted nodes the norms are taken over (interior ones for
                            ///< central differences)
};

/// grad u at node i by central differences; false unless i is interior with both axis
/// neighbours accepted on every axis.
template <int dim>
bool central_difference(const Result<dim>& result, std::size_t i, Vector<dim>& gradient) {
  const auto& grid = result.grid;
  const auto m = grid.multi_index(i);
  for (int a = 0; a < dim; ++a) {
    if (m[a] == 0 || m[a] == grid.nodes_per_axis()[a] - 1) return false;
    const auto stride = static_cast<std::size_t>(grid.stride(a));
    if (!is_accepted(result.flags[i - stride]) || !is_accepted(result.flags[i + stride])) {
      return false;
    }
    gradient[a] = (result.value[i + stride] - result.value[i - stride]) / (2 * grid.spacing()[a]);
  }
  return true;
}

/// Calls f(node, grad V) at every accepted node that has a gradient: the solver's own where it
/// carries one, else central differences (interior nodes with accepted axis neighbours).
template <int dim, typename F>
void for_each_node_gradient(const Result<dim>& result, F&& f) {
  const bool carried = !result.gradient.empty();
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    if (!is_accepted(result.flags[i])) continue;
    Vector<dim> gradient;
    if (carried) {
      gradient = to_vector<dim>(result.gradient[i]);
    } else if (!central_difference(result, i, gradient)) {
      continue;
    }
    f(i, gradient);
  }
}

/// nullopt when the problem is not an SDE problem with a known gradient.
template <int dim>
std::optional<GradientErrorNorms> gradient_error(const Problem<dim>& problem,
                                                 const Result<dim>& result) {
  const auto* sde = dynamic_cast<const SdeProblem<dim>*>(&problem);
  if (sde == nullptr) return std::nullopt;
  const auto& grid = result.grid;
  if (!sde->exact_gradient(grid.point(std::size_t{0}))) return std::nullopt;
  GradientErrorNorms norms;
  double sum_squares = 0;
  for_each_node_gradient(result, [&](std::size_t i, const Vector<dim>& gradient) {
    const double error = (gradient - *sde->exact_gradient(grid.point(i))).norm();
    ++norms.nodes;
    sum_squares += error * error;
    norms.max = std::max(norms.max, error);
  });
  norms.rms = norms.nodes > 0 ? std::sqrt(sum_squares / static_cast<double>(norms.nodes)) : 0;
  return norms;
}

}  // namespace hj

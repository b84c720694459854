// Error of a computed field against the problem's exact solution, over the nodes that were
// reached. Unreached nodes are counted and reported, never silently dropped.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "problems/problem.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

struct ErrorNorms {
  double max = 0;
  double rms = 0;
  std::uint64_t nodes = 0;      ///< nodes the norms are taken over (every accepted node)
  std::uint64_t unreached = 0;  ///< nodes without a value, not in the norms
  std::size_t max_node = 0;
};

struct ExactComparison {
  ErrorNorms norms;
  std::vector<double> exact;  ///< per node (empty if not asked for)
  std::vector<double> error;  ///< computed - exact per node; NaN where unreached
};

/// nullopt when the problem has no exact solution.
template <int dim>
std::optional<ExactComparison> compare_with_exact(const Problem<dim>& problem,
                                                  const Result<dim>& result, bool keep_fields) {
  if (!problem.has_exact_solution()) return std::nullopt;
  ExactComparison comparison;
  const std::size_t n = result.grid.size();
  if (keep_fields) {
    comparison.exact.resize(n);
    comparison.error.resize(n);
  }
  ErrorNorms& norms = comparison.norms;
  double sum_squares = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double exact = *problem.exact_solution(result.grid.point(i));
    const bool reached = is_accepted(result.flags[i]);
    const double error = reached ? result.value[i] - exact : std::nan("");
    if (keep_fields) {
      comparison.exact[i] = exact;
      comparison.error[i] = error;
    }
    if (!reached) {
      ++norms.unreached;
      continue;
    }
    ++norms.nodes;
    sum_squares += error * error;
    if (std::abs(error) > norms.max || norms.nodes == 1) {
      norms.max = std::abs(error);
      norms.max_node = i;
    }
  }
  norms.rms = norms.nodes > 0 ? std::sqrt(sum_squares / static_cast<double>(norms.nodes)) : 0;
  return comparison;
}

}  // namespace hj

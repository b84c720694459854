// The Hamilton-Jacobi residual of a computed quasi-potential: H(x, grad V) = 1/2 grad V^T A
// grad V + b . grad V at every accepted node (for SGD, 1/2 grad V^T A grad V - grad L . grad V).
// It needs no exact solution, so it judges a field where V is unknown; it falls with h when the
// field is consistent. grad V is the solver's own where it carries one (jet), else central
// differences of the field at nodes whose axis neighbours are all accepted.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>

#include "validation/gradient_error.hpp"

namespace hj {

struct ResidualNorms {
  double max = 0;
  double rms = 0;
  std::uint64_t nodes = 0;
  std::size_t max_node = 0;
  bool carried = false;  ///< grad V the solver's own (else central differences)
};

/// nullopt for problems that are not SDE problems.
template <int dim>
std::optional<ResidualNorms> hamiltonian_residual(const Problem<dim>& problem,
                                                  const Result<dim>& result) {
  const auto* sde = dynamic_cast<const SdeProblem<dim>*>(&problem);
  if (sde == nullptr) return std::nullopt;
  const auto& grid = result.grid;
  ResidualNorms norms;
  norms.carried = !result.gradient.empty();
  double sum_squares = 0;
  for_each_node_gradient(result, [&](std::size_t i, const Vector<dim>& gradient) {
    const double r = std::abs(sde->hamiltonian(grid.point(i), gradient));
    if (r > norms.max || norms.nodes == 0) {
      norms.max = r;
      norms.max_node = i;
    }
    sum_squares += r * r;
    ++norms.nodes;
  });
  if (norms.nodes > 0) norms.rms = std::sqrt(sum_squares / static_cast<double>(norms.nodes));
  return norms;
}

}  // namespace hj

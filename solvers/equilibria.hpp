// All the equilibria of a drift in a box: Newton's method (find_equilibrium) from a lattice of
// starts, the answers inside the box kept once each, classified by the eigenvalues of Db:
// attractors (all real parts < 0), saddles (exactly one > 0: the gates between two basins),
// and the rest (repellers, higher-index saddles, degenerate points).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "meshes/structured_grid.hpp"
#include "solvers/attractor.hpp"

namespace hj {

template <int dim>
struct EquilibriumSet {
  std::vector<Equilibrium<dim>> attractors, saddles, others;
};

/// The number of eigenvalues of Db with positive real part.
template <int dim>
int unstable_directions(const Equilibrium<dim>& e) {
  const double zero = 1e-9 * std::max(1.0, e.jacobian.norm());
  int count = 0;
  for (int k = 0; k < dim; ++k) count += e.eigenvalues[k].real() > zero;
  return count;
}

/// Newton from the centres of a lattice of starts_per_axis^dim cells covering the box; starts
/// that do not converge, or converge outside the box, are dropped. Two answers closer than
/// 1e-6 of the box's diagonal are one equilibrium. Each list is sorted by coordinates.
template <int dim>
EquilibriumSet<dim> find_equilibria(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                                    int starts_per_axis) {
  double diagonal = 0;
  for (int a = 0; a < dim; ++a) {
    diagonal += (grid.upper()[a] - grid.lower()[a]) * (grid.upper()[a] - grid.lower()[a]);
  }
  diagonal = std::sqrt(diagonal);
  std::vector<Equilibrium<dim>> found;
  std::array<int, dim> cell{};
  while (true) {
    std::array<double, dim> start;
    for (int a = 0; a < dim; ++a) {
      start[a] =
          grid.lower()[a] + (cell[a] + 0.5) / starts_per_axis * (grid.upper()[a] - grid.lower()[a]);
    }
    try {
      const Equilibrium<dim> e = find_equilibrium<dim>(problem, start);
      const bool known = std::any_of(found.begin(), found.end(), [&](const auto& other) {
        return distance<dim>(other.point, e.point) < 1e-6 * diagonal;
      });
      if (grid.contains(e.point) && !known) found.push_back(e);
    } catch (const Error&) {
      // No equilibrium reached from this start: the others cover the box.
    }
    int a = 0;
    while (a < dim && ++cell[a] == starts_per_axis) cell[a++] = 0;
    if (a == dim) break;
  }
  std::sort(found.begin(), found.end(),
            [](const auto& x, const auto& y) { return x.point < y.point; });
  EquilibriumSet<dim> set;
  for (const auto& e : found) {
    if (e.kind == EquilibriumKind::stable) {
      set.attractors.push_back(e);
    } else if (e.kind == EquilibriumKind::unstable && unstable_directions(e) == 1) {
      set.saddles.push_back(e);
    } else {
      set.others.push_back(e);
    }
  }
  return set;
}

}  // namespace hj

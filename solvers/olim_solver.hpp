// The ordered line integral method (solver "olim") for the quasi-potential of an SDE problem:
// first order, any SPD diffusion, 2-d and 3-d, one-point and triangle updates within a search
// radius of K grid steps, seeded from the linearisation at the attractor. In 3-d only triangle
// updates exist so far, which converge far below first order: the hj program refuses 3-d until
// tetrahedron updates are built.
#pragma once

#include "core/options.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/line_integral_update.hpp"
#include "solvers/marcher.hpp"
#include "solvers/result.hpp"

namespace hj {

struct OlimSettings {
  int radius_steps = 0;  ///< K; the search radius is K times the largest spacing
  QuadratureRule rule = QuadratureRule::midpoint;
  double seed_radius = 0;  ///< nodes within it take the linearised V
  StoppingRule stop;
};

void declare_olim_options(OptionDeclarations& declarations);

/// K from the guideline of benchmarks.md (K = 8, 10, 13, 16, 21, 26 for 129 ... 4097 nodes per
/// axis): K = round(1.6 n^(1/3)), n the largest number of nodes per axis, at least 2.
int default_radius_steps(std::int64_t nodes_per_axis);

/// Reads the settings; automatic values (K, the seed radius) are resolved into `options`.
template <int dim>
OlimSettings olim_settings_from(Options& options, const StructuredGrid<dim>& grid);

template <int dim>
Result<dim> solve_olim(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const OlimSettings& settings, const MarchHooks& hooks = {});

std::size_t olim_bytes_per_node(bool constant_diffusion);
std::size_t olim_bytes_per_node(Equation equation, bool constant_diffusion);

}  // namespace hj

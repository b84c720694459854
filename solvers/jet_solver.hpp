// Jet marching (solver "jet") for the quasi-potential of an SDE problem: second order for V,
// grad V carried at every node (JetUpdate), any SPD diffusion, seeded from the linearisation at
// the attractor. Two-dimensional: 3-d needs tetrahedron updates, not yet built.
#pragma once

#include "core/options.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/marcher.hpp"
#include "solvers/result.hpp"

namespace hj {

struct JetSettings {
  int radius_steps = 0;    ///< K; the search radius is K times the largest spacing
  double seed_radius = 0;  ///< nodes within it take the linearised V and grad V
  StoppingRule stop;
};

void declare_jet_options(OptionDeclarations& declarations);

/// The default K. The update must reach the front edge that the characteristic through a node
/// crosses, which lies further away the more the characteristics turn away from the gradient:
/// K = max(2, round(1.4 / cos theta)), theta the largest angle between the linearised
/// characteristic direction (J + A Q) dx and the gradient Q dx at the attractor (linear-rot:
/// 45 degrees, K = 2, the most accurate K measured there; focus-in-cycle f = 4: K = 6).
template <int dim>
int default_jet_radius_steps(const SdeProblem<dim>& problem);

/// The default seed radius for a largest grid spacing h: max(3 h, 0.75 sqrt(h)).
double default_jet_seed_radius(double spacing);

/// Reads the settings; automatic values (K, the seed radius) are resolved into `options`.
template <int dim>
JetSettings jet_settings_from(Options& options, const StructuredGrid<dim>& grid,
                              const SdeProblem<dim>& problem);

template <int dim>
Result<dim> solve_jet(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                      const JetSettings& settings, const MarchHooks& hooks = {});

std::size_t jet_bytes_per_node(Equation equation, bool constant_diffusion);

}  // namespace hj

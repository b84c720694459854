// Jet marching (solver "jet") for the quasi-potential of an SDE problem: second order for V,
// grad V carried at every node (JetUpdate), any SPD diffusion, seeded from the linearisation at
// the attractor, in 2-d and 3-d.
#pragma once

#include "core/options.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/front_search.hpp"
#include "solvers/marcher.hpp"
#include "solvers/result.hpp"

namespace hj {

struct JetSettings {
  SearchReach reach;  ///< K, fixed or per node; the search radius is K times the largest spacing
  double seed_radius = 0;  ///< nodes within it take the linearised V and grad V
  StoppingRule stop;
};

void declare_jet_options(OptionDeclarations& declarations);

/// K at the attractor: max(2, jet_reach_steps(cos theta)), theta the largest angle between the
/// linearised characteristic direction (J + A Q) dx and the gradient Q dx there (linear-rot: 45
/// degrees, K = 3; focus-in-cycle f = 4: K = 8). With the automatic per-node K it is the least
/// cap; it also serves problems whose attractor has no linearisation (3).
template <int dim>
int default_jet_radius_steps(const SdeProblem<dim>& problem);

/// The default largest automatic K: max(round(2 n^(1/3)), a tenth of the box's shortest side in
/// steps), n the most nodes along an axis. A node needs K ~ 2 / cos theta, which grows without
/// bound near a limit cycle (focus-in-cycle: the characteristics wind along the level sets); a
/// cap set by length lets it grow as h falls while the arcs stay short.
template <int dim>
int default_jet_max_radius_steps(const StructuredGrid<dim>& grid);

/// The default seed radius for a largest grid spacing h, K steps of reach at the attractor and
/// `room` between the attractor and the nearest face of the box: max(3 h, 0.75 sqrt(h),
/// min(2 K h, room / 4)).
double default_jet_seed_radius(double spacing, int attractor_steps, double room);

/// The settings of an automatic solve: K per node up to the default cap, the default seed radius.
template <int dim>
JetSettings default_jet_settings(const StructuredGrid<dim>& grid, const SdeProblem<dim>& problem,
                                 StoppingRule stop);

/// Reads the settings; automatic values (K, the seed radius) are resolved into `options`.
template <int dim>
JetSettings jet_settings_from(Options& options, const StructuredGrid<dim>& grid,
                              const SdeProblem<dim>& problem);

template <int dim>
Result<dim> solve_jet(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                      const JetSettings& settings, const MarchHooks& hooks = {});

std::size_t jet_bytes_per_node(Equation equation, bool constant_diffusion);

}  // namespace hj

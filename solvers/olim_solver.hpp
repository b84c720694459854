// The ordered line integral method (solver "olim"): first order, 2-d and 3-d, one-point,
// triangle and (3-d) tetrahedron updates within a search radius of K grid steps. One update,
// two local costs: the quasi-potential of an SDE problem (any SPD diffusion), seeded from the
// expansion at the attractor, and the distance in a Riemannian or Randers metric, seeded on a
// ball around each point source.
#pragma once

#include "core/options.hpp"
#include "problems/metric_problem.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/line_integral_update.hpp"
#include "solvers/marcher.hpp"
#include "solvers/result.hpp"

namespace hj {

struct OlimSettings {
  int radius_steps = 0;  ///< K; the search radius is K times the largest spacing
  QuadratureRule rule = QuadratureRule::midpoint;
  double seed_radius = 0;  ///< nodes within it of the attractor or a source are seeded
  StoppingRule stop;
};

void declare_olim_options(OptionDeclarations& declarations);

/// K from the guideline of benchmarks.md in 2-d (K = 8, 10, 13, 16, 21, 26 for 129 ... 4097
/// nodes per axis): K = round(1.6 n^(1/3)), n the largest number of nodes per axis, at least 2.
/// In 3-d half that: the work per node grows like K^3 (linear-rot-3d, n = 49: K = 3 takes 8.6 s
/// with max error 8.6e-3, K = 5 16.9 s with 6.3e-3, the 2-d rule's K = 6 longer still).
int default_radius_steps(std::int64_t nodes_per_axis, int dim = 2);

/// Reads the settings; automatic values (K, the seed radius) are resolved into `options`.
template <int dim>
OlimSettings olim_settings_from(Options& options, const StructuredGrid<dim>& grid);

template <int dim>
Result<dim> solve_olim(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const OlimSettings& settings, const MarchHooks& hooks = {});

/// The distance from the problem's sources in its metric F(x, v) = |v|_M(x) + <w(x), v>.
template <int dim>
Result<dim> solve_olim(const MetricProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const OlimSettings& settings, const MarchHooks& hooks = {});

std::size_t olim_bytes_per_node(bool constant_diffusion);
std::size_t olim_bytes_per_node(Equation equation, bool constant_coefficients);

}  // namespace hj

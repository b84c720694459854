// Fast marching, the "fmm" solver: for the eikonal equation |grad u| = s(x), first or second
// order, with near-source seeding; for quasi-potentials, first order, as a baseline.
#pragma once

#include "core/options.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/marcher.hpp"
#include "solvers/result.hpp"

namespace hj {

template <int dim>
class EikonalProblem;

struct FmmSettings {
  int order = 1;           ///< 1 or 2
  double seed_radius = 0;  ///< ball around each source set directly; see point_source_seeds.hpp
  StoppingRule stop;
  int threads = 1;  ///< more than 1: ParallelMarcher (first order, eikonal, no boundary stop)
};

void declare_fmm_options(OptionDeclarations& declarations);

/// Reads the settings for a problem of the given equation; an automatic seed radius (0) is
/// resolved and recorded into `options`.
template <int dim>
FmmSettings fmm_settings_from(Options& options, const StructuredGrid<dim>& grid,
                              Equation equation = Equation::eikonal);

template <int dim>
Result<dim> solve_fmm(const EikonalProblem<dim>& problem, const StructuredGrid<dim>& grid,
                      const FmmSettings& settings, const MarchHooks& hooks = {});

/// Plain first-order fast marching on a quasi-potential problem: the inconsistent baseline
/// (quasi_potential_fmm_update.hpp), seeded from the linearisation at the attractor.
template <int dim>
Result<dim> solve_fmm_quasi_potential(const SdeProblem<dim>& problem,
                                      const StructuredGrid<dim>& grid, const FmmSettings& settings,
                                      const MarchHooks& hooks = {});

/// Per-node memory of solve_fmm: result fields, heap slots, and the tabulated slowness.
std::size_t fmm_bytes_per_node(Equation equation, bool constant_coefficients);

}  // namespace hj

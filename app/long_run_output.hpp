// hj mc with mc.method = "long-run": the attractors in the box, long paths, and their outputs
// (histogram.vti, mc.json with residence fractions and transitions).
#pragma once

#include <iosfwd>

#include "app/commands.hpp"
#include "core/options.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/sde_problem.hpp"
#include "validation/monte_carlo_setup.hpp"

namespace hj {

template <int dim>
void long_run_in_dimension(Options& options, const SolveRequest& request,
                           const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                           const MonteCarloSetup<dim>& setup, std::ostream& out);

}  // namespace hj

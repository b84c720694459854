// Solvers chosen by `solver.type`, with their options and the local update rules they use.
#pragma once

#include <functional>

#include "core/options.hpp"
#include "core/registry.hpp"
#include "problems/problem.hpp"
#include "solvers/marcher.hpp"
#include "solvers/result.hpp"

namespace hj {

template <int dim>
using SolveFunction = std::function<Result<dim>(const Problem<dim>&, const StructuredGrid<dim>&,
                                                Options&, const MarchHooks&)>;

struct SolverEntry {
  std::string help;                 ///< one line for `hj list`
  std::vector<Equation> equations;  ///< the kinds of problem it solves
  std::function<void(OptionDeclarations&)> declare;
  std::vector<std::string> update_rules;  ///< names of the LocalUpdates it can use
  /// Memory the solver needs per grid node, given the problem's equation and whether its
  /// coefficients are constant (Problem::constant_coefficients).
  std::function<std::size_t(Equation, bool constant_coefficients)> bytes_per_node;
  SolveFunction<2> solve_2d;
  SolveFunction<3> solve_3d;
};

struct UpdateRuleEntry {
  std::string help;
};

const Registry<SolverEntry>& solver_registry();
const Registry<UpdateRuleEntry>& update_rule_registry();

/// Options every marching solver shares: solver.type, solver.stop, solver.vmax.
void declare_marcher_options(OptionDeclarations& declarations);
StoppingRule stopping_rule_from(const Options& options);

/// Solves with the solver named by "solver.type". May record resolved values into `options`.
template <int dim>
Result<dim> solve(const Problem<dim>& problem, const StructuredGrid<dim>& grid, Options& options,
                  const MarchHooks& hooks = {});

}  // namespace hj

// The named catalogue of problems: `problem.type` picks one; each declares its own options.
#pragma once

#include <functional>
#include <memory>

#include "core/options.hpp"
#include "core/registry.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/problem.hpp"

namespace hj {

template <int dim>
using ProblemFactory =
    std::function<std::unique_ptr<Problem<dim>>(Options&, const StructuredGrid<dim>&)>;

struct ProblemEntry {
  std::string help;  ///< one line for `hj list`
  std::function<void(OptionDeclarations&)> declare;
  ProblemFactory<2> make_2d;
  ProblemFactory<3> make_3d;
};

const Registry<ProblemEntry>& problem_registry();

/// Builds the problem named by options "problem.type" on the grid's box. The problem may record
/// resolved values (a default source placed at the box centre) back into `options`.
template <int dim>
std::unique_ptr<Problem<dim>> make_problem(Options& options, const StructuredGrid<dim>& grid);

}  // namespace hj

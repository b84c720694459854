// Minimum action paths for the hj program: the targets a run asks for (paths.targets,
// paths.barrier, or hj path's --to), checked before the solve; each traced backwards through
// the computed V and, with paths.gmam, recomputed by gMAM from b and A alone. The records go to
// summary.json, the polylines to a .vtp file.
#pragma once

#include <string>
#include <vector>

#include "app/summary.hpp"
#include "core/options.hpp"
#include "meshes/structured_grid.hpp"
#include "meshes/vtk_writers.hpp"
#include "problems/problem.hpp"
#include "solvers/result.hpp"

namespace hj {

/// The `kind` of a polyline in the .vtp (cell array "method").
enum PathMethod { traced_through_v = 0, gmam_method = 1 };

/// How a command names a target in its messages: "paths.targets point" (hj solve), "the
/// target" (hj path's --to).
struct TargetSource {
  std::string point = "paths.targets point";
};

/// True when the options ask for any path.
bool wants_paths(const Options& options);

/// Refuses, before the solve, paths on a problem that is not a quasi-potential and targets with
/// the wrong number of coordinates or outside the box.
template <int dim>
void check_path_targets(const Options& options, const Problem<dim>& problem,
                        const StructuredGrid<dim>& grid, const TargetSource& source);

/// Traces every requested path (and runs gMAM when paths.gmam is set); appends the records to
/// `run.paths` and returns the polylines, gMAM's after each traced one.
template <int dim>
std::vector<Polyline> trace_paths(const Options& options, const Problem<dim>& problem,
                                  const Result<dim>& result, RunRecord& run);

}  // namespace hj

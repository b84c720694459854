// What hj solve and hj path share: settings from the problem file and overrides, the solve, the
// paths, and every output, written only once everything has succeeded.
#pragma once

#include <iosfwd>
#include <string>

#include "app/commands.hpp"
#include "app/path_tracing.hpp"
#include "core/options.hpp"

namespace hj {

/// What differs between the commands that solve.
struct RunPlan {
  std::string paths_file = "paths.vtp";
  TargetSource targets;
};

/// The problem file (or the built-in default problem), the --set overrides and -o, unresolved.
RawSettings load_settings(const SolveRequest& request);

/// Resolves the settings, solves, traces the paths, writes field.vti, the paths file and
/// summary.json. Throws hj::Error on bad input before writing anything.
void solve_and_write(const RawSettings& raw, const SolveRequest& request, const RunPlan& plan,
                     std::ostream& out);

}  // namespace hj

// The subcommands of the hj program. They parse nothing themselves (main.cpp does) and do no
// numerics (the library does): they wire options, problem, solver and outputs together.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace hj {

struct SolveRequest {
  std::string problem_file;            ///< empty: the embedded default problem
  std::vector<std::string> overrides;  ///< "table.key=value"
  std::string output_dir;              ///< empty: output.dir from the options
  bool quiet = false;                  ///< no table, no progress display
  std::chrono::steady_clock::time_point program_start = std::chrono::steady_clock::now();
};

/// `hj solve`: throws hj::Error on bad input before writing anything.
void run_solve(const SolveRequest& request, std::ostream& out);

struct PathRequest {
  SolveRequest solve;  ///< problem file, overrides, output directory, quiet
  std::string to;      ///< the target, "x,y" or "x,y,z"
};

/// `hj path`: solves like `hj solve`, traces the minimum action path to `to` through V and
/// recomputes it by gMAM (paths.gmam); writes field.vti, path.vtp and summary.json. Throws
/// hj::Error on bad input (the target malformed, outside the box, with the wrong number of
/// coordinates, or a problem that is not a quasi-potential) before writing anything.
void run_path(const PathRequest& request, std::ostream& out);

struct LandscapeRequest {
  SolveRequest solve;  ///< problem file, overrides, output directory, quiet
  int starts = 12;     ///< Newton starts per axis when searching for equilibria
};

/// `hj landscape`: the attractors and saddles in the box, V from each attractor, the barriers
/// between them, the W-graph potential and the preferred attractor; writes landscape.json,
/// field-<k>.vti and global.vti. Throws hj::Error (no attractor found, not an SDE, ...) before
/// writing anything.
void run_landscape(const LandscapeRequest& request, std::ostream& out);

/// `hj mc`: simulates exits of the problem's SDE from its attractor (the [mc] and [exit]
/// tables) and writes mc.json and exits.vtp. Throws hj::Error on bad input before simulating.
void run_mc(const SolveRequest& request, std::ostream& out);

/// `hj validate`: V, then exits simulated at a sweep of eps chosen from V* (brute force and
/// splitting), the fitted barrier, the pass rules of validation.md, Fokker-Planck at the
/// largest eps; writes validation.json, exits-<k>.csv, field.vti, fokker-planck.vti and PNGs.
void run_validate(const SolveRequest& request, std::ostream& out);

struct FokkerPlanckRequest {
  SolveRequest solve;              ///< problem file, overrides, output directory, quiet
  std::vector<std::string> petsc;  ///< PETSc's own options, e.g. {"-ksp_type", "gmres"}
};

/// `hj fokker-planck`: the stationary density of the problem's SDE on the grid (PETSc; also
/// under mpiexec); writes fokker-planck.vti and fokker-planck.json on rank 0.
void run_fokker_planck(const FokkerPlanckRequest& request, std::ostream& out);

/// `hj list`: problems, solvers, update rules.
void run_list(std::ostream& out);

/// `hj help [KEY]`: every option, or those whose key contains KEY. Throws hj::Error when no
/// option matches.
void run_help(const std::string& key, std::ostream& out);

/// `hj help` as Markdown, for docs/options.md.
void write_options_markdown(std::ostream& out);

}  // namespace hj

// The hj program: parses the command line and calls a subcommand. No numerics here.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "validation/petsc_session.hpp"

int main(int argc, char** argv) {
  hj::SolveRequest solve_request;
  CLI::App app{"hj: static Hamilton-Jacobi solvers (quasi-potentials, eikonal equations)"};
  app.set_version_flag("--version", std::string("hj ") + hj::version);
  app.require_subcommand(1);

  CLI::App* solve = app.add_subcommand("solve",
                                       "solve a problem file, write field.vti and "
                                       "summary.json");
  solve->add_option("file", solve_request.problem_file,
                    "problem file (.toml); without it, the built-in default problem");
  solve->add_option("--set", solve_request.overrides, "override an option: table.key=value")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  solve->add_option("-o,--output", solve_request.output_dir, "output directory (output.dir)");
  solve->add_flag("-q,--quiet", solve_request.quiet, "print nothing, show no progress");

  hj::PathRequest path_request;
  CLI::App* path = app.add_subcommand(
      "path",
      "solve a quasi-potential problem, trace the minimum action path to a point and recompute "
      "it by gMAM; write field.vti, path.vtp and summary.json");
  path->add_option("file", path_request.solve.problem_file, "problem file (.toml)")->required();
  path->add_option("--to", path_request.to, "end point of the path: x,y or x,y,z")
      ->type_name("POINT");
  path->add_option("--set", path_request.solve.overrides, "override an option: table.key=value")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  path->add_option("-o,--output", path_request.solve.output_dir, "output directory (output.dir)");
  path->add_flag("-q,--quiet", path_request.solve.quiet, "print nothing, show no progress");

  hj::LandscapeRequest landscape_request;
  CLI::App* landscape = app.add_subcommand(
      "landscape",
      "find the attractors and saddles in the box, solve from each attractor, and print the "
      "barriers, the W-graph potential and the preferred attractor; write landscape.json, "
      "field-<k>.vti and global.vti");
  landscape->add_option("file", landscape_request.solve.problem_file, "problem file (.toml)")
      ->required();
  landscape->add_option("--starts", landscape_request.starts,
                        "Newton starts per axis in the search for equilibria (default 12)");
  landscape
      ->add_option("--set", landscape_request.solve.overrides,
                   "override an option: table.key=value")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  landscape->add_option("-o,--output", landscape_request.solve.output_dir,
                        "output directory (output.dir)");
  landscape->add_flag("-q,--quiet", landscape_request.solve.quiet, "print nothing");

  hj::SolveRequest mc_request;
  CLI::App* mc = app.add_subcommand(
      "mc",
      "simulate the SDE from its attractor until the paths exit (the [mc] and [exit] tables); "
      "write mc.json (exit times with their 95% interval, exit locations) and exits.vtp");
  mc->add_option("file", mc_request.problem_file, "problem file (.toml)")->required();
  mc->add_option("--set", mc_request.overrides, "override an option: table.key=value")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  mc->add_option("-o,--output", mc_request.output_dir, "output directory (output.dir)");
  mc->add_flag("-q,--quiet", mc_request.quiet, "print nothing, show no progress");

  hj::SolveRequest validate_request;
  CLI::App* validate = app.add_subcommand(
      "validate",
      "solve V, simulate exits at a sweep of eps chosen from the barrier (brute force, then "
      "splitting), fit the barrier and apply the pass rules; write validation.json and PNG plots");
  validate->add_option("file", validate_request.problem_file, "problem file (.toml)")->required();
  validate->add_option("--set", validate_request.overrides, "override an option: table.key=value")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  validate->add_option("-o,--output", validate_request.output_dir, "output directory (output.dir)");
  validate->add_flag("-q,--quiet", validate_request.quiet, "print nothing, show no progress");

  hj::FokkerPlanckRequest fp_request;
  CLI::App* fp = app.add_subcommand(
      "fokker-planck",
      "solve the stationary Fokker-Planck equation of the problem's SDE on the grid with PETSc "
      "(also under mpiexec); write fokker-planck.vti (p, -eps log p) and fokker-planck.json. "
      "PETSc's options go after --, e.g. -- -ksp_type gmres -pc_type ilu");
  fp->add_option("file", fp_request.solve.problem_file, "problem file (.toml)")->required();
  fp->add_option("--set", fp_request.solve.overrides, "override an option: table.key=value")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  fp->add_option("-o,--output", fp_request.solve.output_dir, "output directory (output.dir)");
  fp->add_flag("-q,--quiet", fp_request.solve.quiet, "print nothing");
  fp->add_option("petsc", fp_request.petsc, "PETSc's own options, after --")
      ->type_name("-- OPTIONS");

  CLI::App* list = app.add_subcommand("list", "list problems, solvers and update rules");
  std::string help_key;
  bool markdown = false;
  CLI::App* help = app.add_subcommand("help", "describe the options (all, or those matching KEY)");
  help->add_option("key", help_key, "an option key or part of one, e.g. domain or solver.order");
  help->add_flag("--markdown", markdown, "print the options page of docs/ as Markdown");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  try {
    if (*solve) hj::run_solve(solve_request, std::cout);
    if (*path) hj::run_path(path_request, std::cout);
    if (*landscape) hj::run_landscape(landscape_request, std::cout);
    if (*mc) hj::run_mc(mc_request, std::cout);
    if (*validate) hj::run_validate(validate_request, std::cout);
    if (*fp) hj::run_fokker_planck(fp_request, std::cout);
    if (*list) hj::run_list(std::cout);
    if (*help) {
      if (markdown) {
        hj::write_options_markdown(std::cout);
      } else {
        hj::run_help(help_key, std::cout);
      }
    }
  } catch (const hj::Error& error) {
    // Under mpiexec every rank meets the same bad input; one line is enough.
    if (hj::PetscSession::world_rank() == 0) std::cerr << "hj: error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    // A broken internal check is a bug in hj, not in the input.
    std::cerr << "hj: internal error: " << error.what() << " (please report it)\n";
    return 3;
  }
  return 0;
}

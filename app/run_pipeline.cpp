#include "app/run_pipeline.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <ostream>

#include "app/configuration.hpp"
#include "app/progress.hpp"
#include "app/summary.hpp"
#include "core/memory.hpp"
#include "core/problem_file.hpp"
#include "core/stopwatch.hpp"
#include "meshes/vtk_writers.hpp"
#include "problems/catalogue.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {
namespace {

std::string format_count(double count) {
  char text[32];
  std::snprintf(text, sizeof text, count < 1e9 ? "%.0f" : "%.3g", count);
  return text;
}

// Refuses a grid that would not fit in the memory available now, before allocating it.
std::uint64_t check_memory(const Options& options, double nodes, std::size_t bytes_per_node) {
  const double needed = nodes * static_cast<double>(bytes_per_node);
  const std::uint64_t available = available_memory_bytes();
  if (available > 0 && needed > static_cast<double>(available)) {
    throw Error(options.origin("domain.n") +
                ": domain.n = " + to_toml(options.values().at("domain.n")) + " gives " +
                format_count(nodes) + " nodes, which need about " + format_bytes(needed) +
                " of memory, but only " + format_bytes(static_cast<double>(available)) +
                " is available; use fewer nodes per axis");
  }
  return static_cast<std::uint64_t>(needed);
}

template <int dim>
void run_in_dimension(Options& options, const SolveRequest& request, const RunPlan& plan,
                      std::ostream& out) {
  const SolverEntry& solver =
      solver_registry().get(options.string("solver.type"), options.origin("solver.type"));
  // Before the grid exists: the least any problem needs, so absurd sizes are refused by memory.
  double nodes = 1;
  for (std::int64_t n : options.integers("domain.n", dim)) nodes *= static_cast<double>(n);
  std::size_t least = std::numeric_limits<std::size_t>::max();
  for (Equation equation : solver.equations) {
    least = std::min(least, solver.bytes_per_node(equation, true));
  }
  check_memory(options, nodes, least);

  const StructuredGrid<dim> grid = grid_from_options<dim>(options);
  const auto problem = make_problem<dim>(options, grid);
  check_path_targets<dim>(options, *problem, grid, plan.targets);  // before the solve
  const bool write_field = options.boolean("output.field");
  const bool exact_fields = write_field && problem->has_exact_solution();
  const std::size_t bytes_per_node =
      solver.bytes_per_node(problem->equation(), problem->constant_coefficients()) +
      (exact_fields ? 2 * sizeof(double) : 0);
  RunRecord run;
  run.estimated_bytes = check_memory(options, static_cast<double>(grid.size()), bytes_per_node);

  Result<dim> result = [&] {
    ProgressDisplay progress("hj: marching", !request.quiet);
    MarchHooks hooks;
    hooks.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
    return solve<dim>(*problem, grid, options, hooks);
  }();
  const std::vector<Polyline> paths = trace_paths<dim>(options, *problem, result, run);
  const auto comparison = compare_with_exact<dim>(*problem, result, exact_fields);
  std::optional<ErrorNorms> norms;
  if (comparison) norms = comparison->norms;

  // Nothing is written before this point: bad input never leaves partial output.
  const auto write_start = std::chrono::steady_clock::now();
  const std::string dir = options.string("output.dir");
  create_output_directory(dir);
  if (write_field) {
    std::vector<NamedArray> arrays = {
        {"u", std::span<const double>(result.value)},
        {"accepted_order", std::span<const std::uint32_t>(result.accepted_order)},
        {"flags", std::span<const std::uint8_t>(result.flags)}};
    if (!result.gradient.empty()) {
      arrays.push_back({"grad_u",
                        std::span<const double>(result.gradient.front().data(), dim * grid.size()),
                        dim});
    }
    if (exact_fields) {
      arrays.push_back({"exact", std::span<const double>(comparison->exact)});
      arrays.push_back({"error", std::span<const double>(comparison->error)});
    }
    write_vti<dim>(dir + "/field.vti", grid, arrays);
    run.outputs.push_back("field.vti");
  }
  if (!paths.empty()) {
    write_vtp(dir + "/" + plan.paths_file, paths, "action", "method");
    run.outputs.push_back(plan.paths_file);
  }
  run.outputs.push_back("summary.json");
  run.write_s = seconds_since(write_start);
  run.total_s = seconds_since(request.program_start);
  write_file_atomically(dir + "/summary.json",
                        summary_json<dim>(options, *problem, result, norms, run));
  if (!request.quiet) out << summary_table<dim>(options, *problem, result, norms, run, dir);
}

}  // namespace

RawSettings load_settings(const SolveRequest& request) {
  RawSettings raw = request.problem_file.empty()
                        ? parse_problem_text(default_problem_text, "<default problem>")
                        : read_problem_file(request.problem_file);
  for (const std::string& assignment : request.overrides) apply_override(raw, assignment);
  if (!request.output_dir.empty()) raw["output.dir"] = {request.output_dir, "-o"};
  return raw;
}

void solve_and_write(const RawSettings& raw, const SolveRequest& request, const RunPlan& plan,
                     std::ostream& out) {
  Options options = resolve_options(raw);
  in_dimension(options,
               [&](auto d) { run_in_dimension<decltype(d)::value>(options, request, plan, out); });
}

}  // namespace hj

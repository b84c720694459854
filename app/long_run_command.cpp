#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/long_run_output.hpp"
#include "app/options_json.hpp"
#include "app/progress.hpp"
#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "core/version.hpp"
#include "meshes/vtk_writers.hpp"
#include "solvers/equilibria.hpp"
#include "validation/fokker_planck.hpp"
#include "validation/long_run.hpp"

namespace hj {

template <int dim>
void long_run_in_dimension(Options& options, const SolveRequest& request,
                           const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                           const MonteCarloSetup<dim>& setup, std::ostream& out) {
  using json = nlohmann::ordered_json;
  if (setup.dynamics != Dynamics::sde) {
    throw Error(options.origin("mc.method") +
                ": mc.method = \"long-run\" simulates the SDE; set mc.dynamics = \"sde\"");
  }
  std::vector<Vector<dim>> attractors;
  for (const auto& a : find_equilibria<dim>(problem, grid, 12).attractors) {
    attractors.push_back(to_vector<dim>(a.point));
  }
  if (attractors.empty()) attractors.push_back(setup.attractor);
  double radius = options.real("mc.core_radius");
  if (radius == 0) {
    double closest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < attractors.size(); ++i) {
      for (std::size_t j = i + 1; j < attractors.size(); ++j) {
        closest = std::min(closest, (attractors[i] - attractors[j]).norm());
      }
    }
    double diagonal = 0;
    for (int a = 0; a < dim; ++a) diagonal += std::pow(grid.upper()[a] - grid.lower()[a], 2);
    radius = std::isfinite(closest) ? 0.1 * closest : 0.05 * std::sqrt(diagonal);
  }
  const SimulationSettings& s = setup.settings;
  const auto start = std::chrono::steady_clock::now();
  LongRunCounts counts;
  {
    ProgressDisplay progress("long runs", !request.quiet);
    counts =
        simulate_long_run<dim>(problem, grid, attractors, radius, setup.start, s,
                               [&](std::uint64_t d, std::uint64_t t) { progress.update(d, t); });
  }
  const double seconds = seconds_since(start);
  const auto total = static_cast<double>(counts.steps);
  // Density: the fraction of time nearest each node over its cell's volume.
  std::vector<double> density(grid.size()), potential(grid.size());
  double lowest = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < grid.size(); ++i) {
    density[i] = static_cast<double>(counts.histogram[i]) / total /
                 node_volume<dim>(grid, grid.multi_index(i));
    potential[i] =
        density[i] > 0 ? -s.eps * std::log(density[i]) : std::numeric_limits<double>::quiet_NaN();
    if (density[i] > 0) lowest = std::min(lowest, potential[i]);
  }
  for (double& v : potential) v -= lowest;
  const double time = total * s.dt;
  json a = json::array();
  for (std::size_t i = 0; i < attractors.size(); ++i) {
    json transitions = json::array();
    for (std::size_t j = 0; j < attractors.size(); ++j)
      transitions.push_back(counts.transitions[i][j]);
    a.push_back({{"point", std::vector<double>(attractors[i].data(), attractors[i].data() + dim)},
                 {"residence_fraction", static_cast<double>(counts.residence[i]) / total},
                 {"transitions_to", transitions}});
  }
  const std::string dir = options.string("output.dir");
  create_output_directory(dir);
  std::vector<double> exact;
  std::vector<NamedArray> arrays = {{"density", std::span<const double>(density)},
                                    {"minus_eps_log_density", std::span<const double>(potential)}};
  if (problem.has_exact_solution()) {
    exact.resize(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) {
      exact[i] = problem.exact_solution(grid.point(i)).value_or(NAN);
    }
    arrays.push_back({"V_exact", std::span<const double>(exact)});
  }
  write_vti<dim>(dir + "/histogram.vti", grid, arrays);
  json j;
  j["hj_version"] = version;
  j["problem"] = problem.name();
  j["dim"] = dim;
  j["method"] = "long-run";
  j["settings"] = {{"eps", s.eps},
                   {"dt", s.dt},
                   {"paths", s.paths},
                   {"seed", s.seed},
                   {"time_per_path", s.max_time},
                   {"threads", s.threads},
                   {"core_radius", radius}};
  j["total_time"] = time;
  j["attractors"] = a;
  j["unassigned_fraction"] = static_cast<double>(counts.unassigned) / total;
  j["outside_box_fraction"] = static_cast<double>(counts.outside) / total;
  j["note"] =
      "residence: the time after entering an attractor's ball (core_radius) and before "
      "entering another's; transitions_to[j]: entries into j's ball coming from this one; "
      "histogram.vti: the time density on the nodes (nearest node) and -eps log of it";
  j["steps"] = counts.steps;
  j["timing"] = {{"simulate_s", seconds}};
  j["options"] = options_json(options);
  write_file_atomically(dir + "/mc.json", j.dump(2) + "\n");
  if (request.quiet) return;
  out << "problem      " << problem.name() << " (" << dim << "-d), SDE, eps " << s.eps
      << ", long runs: " << s.paths << " paths of " << s.max_time << "\n";
  for (std::size_t i = 0; i < attractors.size(); ++i) {
    out << "attractor " << i << "  " << format_point<dim>(to_point<dim>(attractors[i]))
        << "  residence " << static_cast<double>(counts.residence[i]) / total << "  transitions";
    for (std::size_t k = 0; k < attractors.size(); ++k) out << " " << counts.transitions[i][k];
    out << "\n";
  }
  out << "simulated    " << counts.steps << " steps in " << seconds << " s\n"
      << "wrote        " << dir << "/mc.json, histogram.vti\n";
}

template void long_run_in_dimension<2>(Options&, const SolveRequest&, const SdeProblem<2>&,
                                       const StructuredGrid<2>&, const MonteCarloSetup<2>&,
                                       std::ostream&);
template void long_run_in_dimension<3>(Options&, const SolveRequest&, const SdeProblem<3>&,
                                       const StructuredGrid<3>&, const MonteCarloSetup<3>&,
                                       std::ostream&);

}  // namespace hj

// `hj mc`: Monte Carlo exit times of the problem's SDE (validation/sde_monte_carlo.hpp), with the
// [mc] and [exit] tables of the problem file; writes mc.json and exits.vtp.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/commands.hpp"
#include "app/configuration.hpp"
#include "app/options_json.hpp"
#include "app/progress.hpp"
#include "app/run_pipeline.hpp"
#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "core/version.hpp"
#include "meshes/vtk_writers.hpp"
#include "problems/catalogue.hpp"
#include "problems/sde_problem.hpp"
#include "problems/sgd_problem.hpp"
#include "validation/exit_statistics.hpp"
#include "validation/monte_carlo_setup.hpp"
#include "validation/sgd_monte_carlo.hpp"

namespace hj {
namespace {

using json = nlohmann::ordered_json;

std::string short_number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.5g", x);
  return text;
}

template <int dim>
std::vector<double> as_list(const Vector<dim>& v) {
  return std::vector<double>(v.data(), v.data() + dim);
}

template <int dim>
json mc_json(const Problem<dim>& problem, const MonteCarloSetup<dim>& setup,
             const SimulationRun<dim>& run, const ExitTimeSummary& times,
             const ExitLocationSummary<dim>& where, double seconds, const Options& options) {
  const SimulationSettings& s = setup.settings;
  json j;
  j["hj_version"] = version;
  j["problem"] = problem.name();
  j["dim"] = dim;
  j["status"] = times.non_finite > 0 ? "non-finite paths"
                : times.censored > 0 ? "censored paths"
                                     : "ok";
  j["settings"] = {{"dynamics", to_string(setup.dynamics)},
                   {"eps", s.eps},
                   {"dt", s.dt},
                   {"dt_chosen", setup.dt_chosen},
                   {"largest_drift_rate", setup.largest_rate},
                   {"paths", s.paths},
                   {"seed", s.seed},
                   {"max_time", s.max_time},
                   {"bridge", s.bridge},
                   {"threads", run.threads},
                   {"start", as_list<dim>(setup.start)},
                   {"attractor", as_list<dim>(setup.attractor)},
                   {"exit_domain", setup.exit->describe()}};
  j["exits"] = times.exits;
  j["censored"] = times.censored;
  j["non_finite"] = times.non_finite;
  j["exit_time"] = {{"mean", times.mean},
                    {"ci95", {times.ci95_low, times.ci95_high}},
                    {"standard_error", times.standard_error},
                    {"standard_deviation", times.standard_deviation},
                    {"coefficient_of_variation", times.coefficient_of_variation},
                    {"median", times.median},
                    {"note", "over the paths that exited; censored paths are not in it"}};
  if (setup.dynamics != Dynamics::sde) {
    // SGD's own clock: steps = time / eta.
    j["exit_time_steps"] = {{"mean", times.mean / s.dt},
                            {"ci95", {times.ci95_low / s.dt, times.ci95_high / s.dt}}};
  }
  if (setup.eta_lambda_max) j["eta_lambda_max"] = *setup.eta_lambda_max;
  j["exit_location"] = {{"mean", as_list<dim>(where.mean)},
                        {"standard_deviation", as_list<dim>(where.standard_deviation)}};
  j["steps"] = run.steps;
  j["timing"] = {{"simulate_s", seconds},
                 {"steps_per_s", seconds > 0 ? static_cast<double>(run.steps) / seconds : 0.0}};
  j["options"] = options_json(options);
  return j;
}

template <int dim>
void mc_in_dimension(const Options& options, const SolveRequest& request, std::ostream& out) {
  const StructuredGrid<dim> grid = grid_from_options<dim>(options);
  Options resolved = options;
  const std::unique_ptr<Problem<dim>> problem = make_problem<dim>(resolved, grid);
  const auto* sde = dynamic_cast<const SdeProblem<dim>*>(problem.get());
  if (sde == nullptr) {
    throw Error(options.origin("problem.type") + ": hj mc simulates SDEs; problem '" +
                problem->name() + "' is a " + to_string(problem->equation()) + " problem");
  }
  const MonteCarloSetup<dim> setup = monte_carlo_setup<dim>(resolved, *sde, grid);
  const auto start = std::chrono::steady_clock::now();
  SimulationRun<dim> run;
  {
    ProgressDisplay progress("simulating paths", !request.quiet);
    const PathProgress report = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
    if (setup.dynamics == Dynamics::sgd) {
      run = simulate_sgd_exits<dim>(dynamic_cast<const SgdProblem<dim>&>(*sde), *setup.exit,
                                    setup.start, setup.settings, report);
    } else {
      run = simulate_exits<dim>(*sde, *setup.exit, setup.start, setup.settings, report);
    }
  }
  const double seconds = seconds_since(start);
  const ExitTimeSummary times = summarize_exit_times<dim>(run);
  const ExitLocationSummary<dim> where = summarize_exit_locations<dim>(run);

  // Nothing is written before this point.
  const std::string dir = resolved.string("output.dir");
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw Error(dir + ": cannot create the output directory (" + error.message() + ")");
  std::vector<std::array<double, 3>> points;
  std::vector<double> exit_times;
  for (const PathEnd<dim>& end : run.paths) {
    if (end.outcome != PathOutcome::exited) continue;
    std::array<double, 3> p{0, 0, 0};
    for (int k = 0; k < dim; ++k) p[k] = end.point[k];
    points.push_back(p);
    exit_times.push_back(end.time);
  }
  write_points_vtp(dir + "/exits.vtp", points, {{"exit_time", exit_times}});
  write_file_atomically(
      dir + "/mc.json",
      mc_json<dim>(*problem, setup, run, times, where, seconds, resolved).dump(2) + "\n");
  if (request.quiet) return;
  const SimulationSettings& s = setup.settings;
  out << "problem      " << problem->name() << " (" << dim << "-d), "
      << (setup.dynamics == Dynamics::sde ? std::string("SDE") : to_string(setup.dynamics))
      << ", eps " << short_number(s.eps) << ", dt " << short_number(s.dt)
      << (setup.dt_chosen ? " (chosen)" : "") << "\n"
      << "exit domain  " << setup.exit->describe() << "\n"
      << "paths        " << s.paths << " from " << format_vector<dim>(setup.start) << ", "
      << times.exits << " exited, " << times.censored << " censored (max_time "
      << short_number(s.max_time) << ")";
  if (times.non_finite > 0) out << ", " << times.non_finite << " non-finite";
  out << "\n"
      << "exit time    mean " << short_number(times.mean) << ", 95% ["
      << short_number(times.ci95_low) << ", " << short_number(times.ci95_high) << "], CV "
      << short_number(times.coefficient_of_variation) << "\n"
      << "exit point   mean " << format_vector<dim>(where.mean) << "\n"
      << "simulated    " << run.steps << " steps in " << short_number(seconds) << " s on "
      << run.threads << (run.threads == 1 ? " thread" : " threads") << " ("
      << short_number(static_cast<double>(run.steps) / std::max(seconds, 1e-9) / 1e6)
      << " M steps/s)\n"
      << "wrote        " << dir << "/mc.json, exits.vtp\n";
}

}  // namespace

void run_mc(const SolveRequest& request, std::ostream& out) {
  const RawSettings raw = load_settings(request);
  Options options = resolve_options(raw);
  if (resolve_dimension(options) == 2) {
    mc_in_dimension<2>(options, request, out);
  } else {
    mc_in_dimension<3>(options, request, out);
  }
}

}  // namespace hj

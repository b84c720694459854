// `hj mc`: Monte Carlo exit times of the problem's SDE (validation/sde_monte_carlo.hpp), with the
// [mc] and [exit] tables of the problem file; writes mc.json and exits.vtp.
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/barrier_field.hpp"
#include "app/commands.hpp"
#include "app/configuration.hpp"
#include "app/long_run_output.hpp"
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
#include "validation/splitting.hpp"

namespace hj {
namespace {

using json = nlohmann::ordered_json;

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

// mc.method = "splitting": V from the configured solver over the box, then splitting on it.
template <int dim>
void split_in_dimension(Options& options, const SolveRequest& request,
                        const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                        const MonteCarloSetup<dim>& setup, std::ostream& out) {
  if (setup.dynamics != Dynamics::sde) {
    throw Error(options.origin("mc.method") +
                ": mc.method = \"splitting\" simulates the SDE; set mc.dynamics = \"sde\"");
  }
  check_splitting_levels(options);
  const BarrierField<dim> solved =
      solve_for_barrier<dim>(options, problem, grid, *setup.exit, !request.quiet);
  const ExitDomain<dim>& exit = *solved.exit;
  const double barrier = solved.barrier, solve_seconds = solved.solve_s;
  const auto start = std::chrono::steady_clock::now();
  const SplittingRun<dim> split = split_on_barrier<dim>(
      options, problem, solved, setup.settings, setup.attractor, "splitting runs", !request.quiet);
  const SplittingSettings& s = split.settings;
  const SplittingEstimate& e = split.estimate;
  const double seconds = seconds_since(start);

  const std::string dir = options.string("output.dir");
  create_output_directory(dir);
  json j;
  j["hj_version"] = version;
  j["problem"] = problem.name();
  j["dim"] = dim;
  j["method"] = "splitting";
  j["status"] = e.probability > 0 ? "ok" : "extinct: no run reached the exit";
  j["settings"] = {{"eps", s.eps},
                   {"dt", s.dt},
                   {"seed", s.seed},
                   {"bridge", s.bridge},
                   {"threads", s.threads},
                   {"replicas", s.replicas},
                   {"runs", s.runs},
                   {"cycles", s.cycles},
                   {"level_in", s.level_in},
                   {"level_out", s.level_out},
                   {"attractor", as_list<dim>(setup.attractor)},
                   {"exit_domain", exit.describe()}};
  j["barrier"] = {{"V_star", barrier}, {"V_star_over_eps", barrier / s.eps}};
  j["exits"] = static_cast<std::uint64_t>(s.replicas) * static_cast<std::uint64_t>(s.runs);
  j["censored"] = 0;
  j["exit_time"] = {{"mean", e.mean_exit_time},
                    {"ci95",
                     {e.mean_exit_time - 1.96 * e.mean_exit_time_se,
                      e.mean_exit_time + 1.96 * e.mean_exit_time_se}},
                    {"standard_error", e.mean_exit_time_se},
                    {"note",
                     "(1 - p) / p E[cycle] + E[approach] + E[reactive]; the interval from the "
                     "runs' spread of p and the cycles' of their durations (delta method)"}};
  j["splitting"] = {{"probability", e.probability},     {"probability_se", e.probability_se},
                    {"probabilities", e.probabilities}, {"iterations", e.iterations},
                    {"cycle_time", e.cycle_time},       {"cycle_time_se", e.cycle_time_se},
                    {"approach_time", e.approach_time}, {"reactive_time", e.reactive_time},
                    {"failed_cycles", e.failed_cycles}, {"exited_cycles", e.exited_cycles}};
  j["steps"] = e.steps;
  j["timing"] = {{"solve_s", solve_seconds}, {"simulate_s", seconds}};
  j["options"] = options_json(options);
  write_file_atomically(dir + "/mc.json", j.dump(2) + "\n");
  if (request.quiet) return;
  out << "problem      " << problem.name() << " (" << dim << "-d), SDE, eps "
      << format_brief(s.eps, 5) << ", dt " << format_brief(s.dt, 5) << "\n"
      << "exit domain  " << exit.describe() << "\n"
      << "barrier      V* = " << format_brief(barrier, 5) << " (V*/eps "
      << format_brief(barrier / s.eps, 5) << "), levels " << format_brief(s.level_in, 5) << " / "
      << format_brief(s.level_out, 5) << "\n"
      << "splitting    p = " << format_brief(e.probability, 5) << " +- "
      << format_brief(e.probability_se, 5) << " (" << s.runs << " runs of " << s.replicas
      << " replicas), cycle " << format_brief(e.cycle_time, 5) << "\n"
      << "exit time    mean " << format_brief(e.mean_exit_time, 5) << ", 95% ["
      << format_brief(e.mean_exit_time - 1.96 * e.mean_exit_time_se, 5) << ", "
      << format_brief(e.mean_exit_time + 1.96 * e.mean_exit_time_se, 5) << "]\n"
      << "simulated    " << e.steps << " steps in " << format_brief(seconds, 5) << " s\n"
      << "wrote        " << dir << "/mc.json\n";
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
  if (resolved.string("mc.method") == "long-run") {
    long_run_in_dimension<dim>(resolved, request, *sde, grid, setup, out);
    return;
  }
  if (resolved.string("mc.method") == "splitting") {
    split_in_dimension<dim>(resolved, request, *sde, grid, setup, out);
    return;
  }
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
  create_output_directory(dir);
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
      << ", eps " << format_brief(s.eps, 5) << ", dt " << format_brief(s.dt, 5)
      << (setup.dt_chosen ? " (chosen)" : "") << "\n"
      << "exit domain  " << setup.exit->describe() << "\n"
      << "paths        " << s.paths << " from " << format_vector<dim>(setup.start) << ", "
      << times.exits << " exited, " << times.censored << " censored (max_time "
      << format_brief(s.max_time, 5) << ")";
  if (times.non_finite > 0) out << ", " << times.non_finite << " non-finite";
  out << "\n"
      << "exit time    mean " << format_brief(times.mean, 5) << ", 95% ["
      << format_brief(times.ci95_low, 5) << ", " << format_brief(times.ci95_high, 5) << "], CV "
      << format_brief(times.coefficient_of_variation, 5) << "\n"
      << "exit point   mean " << format_vector<dim>(where.mean) << "\n"
      << "simulated    " << run.steps << " steps in " << format_brief(seconds, 5) << " s on "
      << run.threads << (run.threads == 1 ? " thread" : " threads") << " ("
      << format_brief(static_cast<double>(run.steps) / std::max(seconds, 1e-9) / 1e6, 5)
      << " M steps/s)\n"
      << "wrote        " << dir << "/mc.json, exits.vtp\n";
}

}  // namespace

void run_mc(const SolveRequest& request, std::ostream& out) {
  const RawSettings raw = load_settings(request);
  Options options = resolve_options(raw);
  in_dimension(options,
               [&](auto d) { mc_in_dimension<decltype(d)::value>(options, request, out); });
}

}  // namespace hj

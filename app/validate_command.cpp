// `hj validate`: the solver's barrier against simulation (validation.md). Solves V, simulates
// exits at a sweep of eps chosen from V* (brute force, then splitting), fits
// log E[tau] = V*/eps + c0 + c1 eps, applies the pass rules, solves the stationary
// Fokker-Planck equation at the largest eps, and writes validation.json, the exit points, the
// Fokker-Planck field and PNG plots.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/barrier_field.hpp"
#include "app/commands.hpp"
#include "app/configuration.hpp"
#include "app/options_json.hpp"
#include "app/run_pipeline.hpp"
#include "core/version.hpp"
#include "meshes/vtk_writers.hpp"
#include "problems/catalogue.hpp"
#include "problems/sgd_problem.hpp"
#include "solvers/field_interpolation.hpp"
#include "validation/barrier_fit.hpp"
#include "validation/exit_statistics.hpp"
#include "validation/fokker_planck.hpp"
#include "validation/long_run.hpp"
#include "validation/monte_carlo_setup.hpp"
#include "validation/petsc_session.hpp"
#include "validation/sgd_monte_carlo.hpp"
#include "validation/splitting.hpp"

#ifndef HJ_PLOT_SCRIPT
#define HJ_PLOT_SCRIPT ""
#endif
#ifndef HJ_INSTALLED_PLOT_SCRIPT
#define HJ_INSTALLED_PLOT_SCRIPT ""
#endif

namespace hj {
namespace {

using json = nlohmann::ordered_json;

struct SweepPoint {
  double ratio = 0, eps = 0;
  std::string method;
  double mean = NAN, standard_error = NAN, cv = NAN;
  std::uint64_t exits = 0, censored = 0, steps = 0;
  double near_barrier = NAN;  ///< fraction of exits within the radius of the minimiser
  std::vector<double> location_mean, location_sd;  ///< of the exit points
  double seconds = 0, max_time = 0;
  std::string exits_file;
};

// The plotting script: beside the sources in a build tree, under share/hj when installed.
std::string plot_script() {
  for (const std::string& candidate :
       {std::string(HJ_PLOT_SCRIPT), std::string(HJ_INSTALLED_PLOT_SCRIPT)}) {
    if (!candidate.empty() && std::filesystem::exists(candidate)) return candidate;
  }
  return "";
}

template <int dim>
void validate_in_dimension(Options& options, const SolveRequest& request, std::ostream& out) {
  const StructuredGrid<dim> grid = grid_from_options<dim>(options);
  const std::unique_ptr<Problem<dim>> problem = make_problem<dim>(options, grid);
  const auto* sde = dynamic_cast<const SdeProblem<dim>*>(problem.get());
  if (sde == nullptr) {
    throw Error(options.origin("problem.type") + ": hj validate needs an SDE; problem '" +
                problem->name() + "' is a " + to_string(problem->equation()) + " problem");
  }
  // eps is chosen per run below; the setup checks everything else.
  if (!options.is_set("mc.eps")) options.set("mc.eps", 1.0);
  const MonteCarloSetup<dim> setup = monte_carlo_setup<dim>(options, *sde, grid);
  if (setup.dynamics != Dynamics::sde) {
    throw Error(options.origin("mc.dynamics") + ": hj validate simulates the SDE");
  }
  check_splitting_levels(options);
  const BarrierField<dim> solved =
      solve_for_barrier<dim>(options, *sde, grid, *setup.exit, !request.quiet);
  const double V = solved.barrier;
  // Where V is within 1% of V* outside the domain: one point, or several where the exit has
  // symmetric channels.
  std::vector<Vector<dim>> minimisers;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const Vector<dim> x = to_vector<dim>(grid.point(i));
    if (is_accepted(solved.field.flags[i]) && !solved.exit->contains(x) &&
        solved.field.value[i] <= 1.01 * solved.barrier) {
      minimisers.push_back(x);
    }
  }
  double side = 0;
  for (int a = 0; a < dim; ++a) side = std::max(side, grid.upper()[a] - grid.lower()[a]);
  const double near_radius = 0.1 * side;

  const std::string dir = options.string("output.dir");
  std::vector<SweepPoint> sweep;
  std::vector<std::vector<std::array<double, dim + 1>>> exit_points;
  const auto ratios = std::get<std::vector<double>>(options.values().at("validate.ratios"));
  const auto split_ratios =
      std::get<std::vector<double>>(options.values().at("validate.splitting_ratios"));
  // Brute force, in increasing V*/eps. A censored path would bias the mean low, so each
  // path's budget is 40 times the mean the previous eps predicts (e^(V* (1/eps - 1/eps_prev))
  // times its mean; P(tau > 40 E[tau]) = e^-40 for exponential times), at least mc.max_time.
  std::vector<double> brute_ratios = ratios;
  std::sort(brute_ratios.begin(), brute_ratios.end());
  double predicted = 0;
  for (const double ratio : brute_ratios) {
    SweepPoint p;
    p.ratio = ratio;
    p.eps = V / ratio;
    p.method = "brute-force";
    SimulationSettings s = setup.settings;
    s.eps = p.eps;
    if (!sweep.empty() && sweep.back().mean > 0) {
      predicted = sweep.back().mean * std::exp(ratio - sweep.back().ratio);
    }
    s.max_time = std::max(setup.settings.max_time, 40 * predicted);
    const auto start = std::chrono::steady_clock::now();
    SimulationRun<dim> run;
    {
      ProgressDisplay progress("brute force, V*/eps = " + format_brief(ratio, 4), !request.quiet);
      run = simulate_exits<dim>(*sde, *setup.exit, setup.start, s,
                                [&](std::uint64_t d, std::uint64_t t) { progress.update(d, t); });
    }
    p.seconds = seconds_since(start);
    p.max_time = s.max_time;
    const ExitTimeSummary t = summarize_exit_times<dim>(run);
    p.mean = t.mean;
    p.standard_error = t.standard_error;
    p.cv = t.coefficient_of_variation;
    p.exits = t.exits;
    p.censored = t.censored + t.non_finite;
    p.steps = run.steps;
    const ExitLocationSummary<dim> where_exits = summarize_exit_locations<dim>(run);
    p.location_mean.assign(where_exits.mean.data(), where_exits.mean.data() + dim);
    p.location_sd.assign(where_exits.standard_deviation.data(),
                         where_exits.standard_deviation.data() + dim);
    std::vector<std::array<double, dim + 1>> points;
    std::size_t near = 0;
    for (const auto& end : run.paths) {
      if (end.outcome != PathOutcome::exited) continue;
      std::array<double, dim + 1> row;
      for (int a = 0; a < dim; ++a) row[a] = end.point[a];
      row[dim] = end.time;
      points.push_back(row);
      if (std::any_of(minimisers.begin(), minimisers.end(), [&](const Vector<dim>& m) {
            return (end.point - m).norm() <= near_radius;
          })) {
        ++near;
      }
    }
    p.near_barrier =
        static_cast<double>(near) / std::max<double>(1.0, static_cast<double>(t.exits));
    p.exits_file = "exits-" + std::to_string(sweep.size()) + ".csv";
    exit_points.push_back(std::move(points));
    sweep.push_back(p);
  }
  // Splitting.
  for (const double ratio : split_ratios) {
    SweepPoint p;
    p.ratio = ratio;
    p.eps = V / ratio;
    p.method = "splitting";
    SimulationSettings base = setup.settings;
    base.eps = p.eps;
    const auto start = std::chrono::steady_clock::now();
    const SplittingRun<dim> split =
        split_on_barrier<dim>(options, *sde, solved, base, setup.attractor,
                              "splitting, V*/eps = " + format_brief(ratio, 4), !request.quiet);
    const SplittingSettings& s = split.settings;
    const SplittingEstimate& e = split.estimate;
    p.seconds = seconds_since(start);
    p.mean = e.mean_exit_time;
    p.standard_error = e.mean_exit_time_se;
    p.steps = e.steps;
    p.exits = static_cast<std::uint64_t>(s.runs) * static_cast<std::uint64_t>(s.replicas);
    sweep.push_back(p);
  }
  std::vector<BarrierPoint> points;
  for (const auto& p : sweep) {
    if (p.exits > 0 && p.mean > 0 && p.standard_error > 0) {
      points.push_back({p.eps, p.mean, p.standard_error});
    }
  }
  if (points.size() < 3) {
    throw Error(options.origin("validate.ratios") +
                ": fewer than 3 values of eps gave exit times; give more validate.ratios");
  }
  const BarrierFit fit = fit_barrier(points);

  // SGD problems: SGD itself at eta = eps over the brute-force sweep, its own barrier fit, and
  // the exponent ratio against eta lambda_max (validation.md: the SDE predicts SGD only where
  // eta lambda_max is small).
  json sgd_json;
  if (const auto* sgd = dynamic_cast<const SgdProblem<dim>*>(sde)) {
    const double lambda_max = setup.eta_lambda_max.value_or(0) / sgd->eps();
    std::vector<BarrierPoint> sgd_points;
    json sgd_runs = json::array();
    double sgd_predicted = 0, last_mean = 0, last_ratio = 0;
    for (const double ratio : brute_ratios) {
      SimulationSettings s = setup.settings;
      s.dt = V / ratio;  // eta = eps
      if (last_mean > 0) sgd_predicted = last_mean * std::exp(ratio - last_ratio);
      s.max_time = std::max(setup.settings.max_time, 40 * sgd_predicted);
      ProgressDisplay progress("SGD, V*/eps = " + format_brief(ratio, 4), !request.quiet);
      const auto run =
          simulate_sgd_exits<dim>(*sgd, *setup.exit, setup.start, s,
                                  [&](std::uint64_t d, std::uint64_t t) { progress.update(d, t); });
      const ExitTimeSummary t = summarize_exit_times<dim>(run);
      sgd_runs.push_back({{"eta", s.dt},
                          {"eta_lambda_max", s.dt * lambda_max},
                          {"mean_exit_time", t.mean},
                          {"standard_error", t.standard_error},
                          {"exits", t.exits},
                          {"censored", t.censored}});
      if (t.exits > 1 && t.mean > 0 && t.standard_error > 0) {
        sgd_points.push_back({s.dt, t.mean, t.standard_error});
      }
      last_mean = t.mean;
      last_ratio = ratio;
    }
    sgd_json["runs"] = sgd_runs;
    if (sgd_points.size() >= 3) {
      const BarrierFit f = fit_barrier(sgd_points);
      sgd_json["fit"] = f.barrier;
      sgd_json["fit_ci95"] = {f.ci95_low, f.ci95_high};
      sgd_json["exponent_ratio"] = f.barrier / fit.barrier;
      sgd_json["note"] =
          "SGD's fitted barrier over the SDE's (both fitted); expected near 1 where eta "
          "lambda_max is small, below 1 as it grows (the step lowers the effective barrier by "
          "about 1 - eta lambda / 2 on a quadratic)";
    }
  }

  // A few of the brute-force paths at the largest eps, recorded (paths 0, 1, ... of that run),
  // and a long run there for the histogram.
  std::vector<Polyline> sample_paths;
  std::vector<double> histogram;
  double histogram_outside = 0;
  if (!brute_ratios.empty() && sweep.front().mean > 0) {
    SimulationSettings s = setup.settings;
    s.eps = V / brute_ratios.front();
    const auto count = static_cast<std::uint64_t>(options.integer("validate.sample_paths"));
    const auto stride = static_cast<std::uint64_t>(
        std::max(1.0, sweep.front().mean / s.dt / 2000));  // about 2000 points a path
    const detail::PathSimulator<dim> simulator(*sde, *setup.exit, setup.start, s);
    for (std::uint64_t path = 0; path < std::min(count, s.paths); ++path) {
      Polyline line;
      auto record = [&](const Vector<dim>& x) {
        std::array<double, 3> p{0, 0, 0};
        for (int a = 0; a < dim; ++a) p[a] = x[a];
        line.points.push_back(p);
      };
      record(setup.start);
      std::uint64_t steps = 0;
      const PathEnd<dim> end =
          simulator.run(path, steps, [&](std::uint64_t step, const Vector<dim>& x) {
            if ((step + 1) % stride == 0) record(x);
          });
      record(end.point);
      line.value = end.time;
      sample_paths.push_back(std::move(line));
    }
    // Long run: 50 mean exit times in all, on every thread.
    s.paths = std::max(1u, s.threads);
    s.max_time = 50 * sweep.front().mean / static_cast<double>(s.paths);
    ProgressDisplay progress("long run for the histogram", !request.quiet);
    const LongRunCounts counts =
        simulate_long_run<dim>(*sde, grid, {setup.attractor}, 0.0, setup.start, s,
                               [&](std::uint64_t d, std::uint64_t t) { progress.update(d, t); });
    histogram.resize(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) {
      // Normalised over the time in the box, like the no-flux density on the box.
      histogram[i] = static_cast<double>(counts.histogram[i]) /
                     static_cast<double>(counts.steps - counts.outside) /
                     node_volume<dim>(grid, grid.multi_index(i));
    }
    histogram_outside = static_cast<double>(counts.outside) / static_cast<double>(counts.steps);
  }

  // Step halving at the largest eps: coupled Brownian paths (noise_substeps).
  json halving;
  if (!brute_ratios.empty()) {
    SimulationSettings s = setup.settings;
    s.eps = V / brute_ratios.front();
    const auto fine =
        summarize_exit_times<dim>(simulate_exits<dim>(*sde, *setup.exit, setup.start, s));
    s.dt *= 2;
    s.noise_substeps = 2;
    const auto coarse =
        summarize_exit_times<dim>(simulate_exits<dim>(*sde, *setup.exit, setup.start, s));
    halving = {{"eps", s.eps},
               {"dt", setup.settings.dt},
               {"mean_dt", fine.mean},
               {"mean_2dt", coarse.mean},
               {"standard_error", fine.standard_error},
               {"pass", std::abs(coarse.mean - fine.mean) < fine.standard_error}};
  }

  // Stationary Fokker-Planck at the largest eps.
  json fp_json;
  std::vector<double> fp_potential;
  if (options.boolean("validate.fokker_planck")) {
    const PetscSession session({});
    double largest_eps = 0;
    for (const auto& p : points) largest_eps = std::max(largest_eps, p.eps);
    // The density is a second opinion, not the report's subject: where the positive stencil
    // does not exist (A too anisotropic for the grid) the report says so and goes on.
    FokkerPlanckSolution solution;
    try {
      solution = solve_fokker_planck<dim>(*sde, grid, largest_eps, to_point<dim>(setup.attractor));
    } catch (const Error& error) {
      fp_json = {{"eps", largest_eps}, {"status", std::string("not solved: ") + error.what()}};
    }
    if (fp_json.is_null()) {
      fp_potential.resize(grid.size());
      double lowest = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < grid.size(); ++i) {
        fp_potential[i] = solution.density[i] > 0 ? -largest_eps * std::log(solution.density[i])
                                                  : std::numeric_limits<double>::infinity();
        lowest = std::min(lowest, fp_potential[i]);
      }
      double max_gap = 0;
      for (std::size_t i = 0; i < grid.size(); ++i) {
        fp_potential[i] -= lowest;
        if (is_accepted(solved.field.flags[i]) && solved.field.value[i] <= V) {
          max_gap = std::max(max_gap, std::abs(fp_potential[i] - solved.field.value[i]));
        }
      }
      fp_json = {{"eps", largest_eps},
                 {"status", solution.converged && solution.negative == 0 ? "ok" : solution.reason},
                 {"max_gap_below_barrier", max_gap},
                 {"note",
                  "max |(-eps log p - min) - V| over the nodes with V <= V*; at finite eps the two "
                  "differ by O(eps) unless the density is exactly exp(-V/eps)"},
                 {"field", "fokker-planck.vti"}};
      if (!histogram.empty()) {
        // Both are densities on the nodes at this eps: the long run's time histogram (the
        // process on the whole plane) and the no-flux density on the box.
        double l1 = 0;
        for (std::size_t i = 0; i < grid.size(); ++i) {
          l1 += std::abs(histogram[i] - solution.density[i]) *
                node_volume<dim>(grid, grid.multi_index(i));
        }
        fp_json["histogram_l1"] = l1;
        fp_json["histogram_outside_box"] = histogram_outside;
        fp_json["histogram_note"] =
            "sum |h - p| vol over the nodes: the long run's time density h (normalised over "
            "its time in the box) against the no-flux Fokker-Planck density p on the box at "
            "the same eps; equal for gradient drifts, apart near the box for others";
      }
    }
  }

  // The rules of validation.md.
  json rules = json::array();
  const double half_width = 1.96 * fit.barrier_se;
  rules.push_back({{"name", "fitted barrier vs solver"},
                   {"pass", std::abs(fit.barrier - V) <= std::max(2 * half_width, 0.02 * V)},
                   {"detail", "|" + format_brief(fit.barrier, 4) + " - " + format_brief(V, 4) +
                                  "| <= max(2 x " + format_brief(half_width, 4) + ", 2% of V*)"}});
  rules.push_back({{"name", "fit chi^2/dof < 2"},
                   {"pass", std::isnan(fit.chi2_per_dof) || fit.chi2_per_dof < 2},
                   {"detail", "chi^2/dof = " + format_brief(fit.chi2_per_dof, 4)}});
  bool exponential = true, uncensored = true;
  for (const auto& p : sweep) {
    if (p.method != "brute-force") continue;
    exponential = exponential && std::abs(p.cv - 1) <= 0.15;
    uncensored = uncensored && p.censored == 0;
  }
  rules.push_back(
      {{"name", "exit times close to exponential (|CV - 1| <= 0.15)"}, {"pass", exponential}});
  rules.push_back({{"name", "no censored or failed paths"}, {"pass", uncensored}});
  if (!halving.is_null()) {
    rules.push_back({{"name", "halving dt changes E[tau] by less than one standard error"},
                     {"pass", halving["pass"]}});
  }
  if (brute_ratios.size() >= 2) {
    const SweepPoint* first = nullptr;
    const SweepPoint* last = nullptr;
    for (const auto& p : sweep) {
      if (p.method != "brute-force") continue;
      if (!first || p.eps > first->eps) first = &p;
      if (!last || p.eps < last->eps) last = &p;
    }
    rules.push_back(
        {{"name", "exits concentrate where V is least outside the domain as eps falls"},
         {"pass", last->near_barrier >= first->near_barrier},
         {"detail", "within " + format_brief(near_radius, 4) + " of a node with V <= 1.01 V*: " +
                        format_brief(first->near_barrier, 4) + " at eps " +
                        format_brief(first->eps, 4) + ", " + format_brief(last->near_barrier, 4) +
                        " at eps " + format_brief(last->eps, 4)}});
  }

  // Outputs, only now.
  create_output_directory(dir);
  json j;
  j["hj_version"] = version;
  j["problem"] = problem->name();
  j["dim"] = dim;
  j["barrier"] = {{"solver", V},
                  {"where", solved.where},
                  {"fit", fit.barrier},
                  {"fit_ci95", {fit.ci95_low, fit.ci95_high}},
                  {"fit_c0", fit.c0},
                  {"fit_c1", fit.c1},
                  {"chi2_per_dof", fit.chi2_per_dof}};
  j["exit_domain"] = solved.exit->describe();
  j["attractor"] = std::vector<double>(setup.attractor.data(), setup.attractor.data() + dim);
  json runs = json::array();
  for (const auto& p : sweep) {
    runs.push_back({{"V_star_over_eps", p.ratio},
                    {"eps", p.eps},
                    {"method", p.method},
                    {"mean_exit_time", p.mean},
                    {"ci95", {p.mean - 1.96 * p.standard_error, p.mean + 1.96 * p.standard_error}},
                    {"standard_error", p.standard_error},
                    {"exits", p.exits},
                    {"max_time", p.max_time},
                    {"censored", p.censored},
                    {"coefficient_of_variation", p.cv},
                    {"exits_near_minimiser", p.near_barrier},
                    {"exit_location_mean", p.location_mean},
                    {"exit_location_standard_deviation", p.location_sd},
                    {"steps", p.steps},
                    {"seconds", p.seconds},
                    {"exit_points", p.exits_file}});
  }
  j["runs"] = runs;
  j["near_radius"] = near_radius;
  if (!halving.is_null()) j["step_halving"] = halving;
  if (!fp_json.is_null()) j["fokker_planck"] = fp_json;
  if (!sgd_json.is_null()) j["sgd"] = sgd_json;
  j["rules"] = rules;
  j["settings"] = {{"dt", setup.settings.dt},
                   {"paths", setup.settings.paths},
                   {"seed", setup.settings.seed},
                   {"threads", setup.settings.threads}};
  j["solver_timing_s"] = solved.solve_s;
  j["options"] = options_json(options);
  std::vector<SeriesEntry> pvd;  // validation.pvd: the fields, the exits over eps, the paths
  for (std::size_t k = 0; k < exit_points.size(); ++k) {
    std::string text = dim == 2 ? "x,y,t\n" : "x,y,z,t\n";
    for (const auto& row : exit_points[k]) {
      for (int a = 0; a <= dim; ++a) text += format_real(row[a]) + (a < dim ? "," : "\n");
    }
    write_file_atomically(dir + "/" + sweep[k].exits_file, text);
    std::vector<std::array<double, 3>> cloud;
    std::vector<double> times;
    for (const auto& row : exit_points[k]) {
      std::array<double, 3> p{0, 0, 0};
      for (int a = 0; a < dim; ++a) p[a] = row[a];
      cloud.push_back(p);
      times.push_back(row[dim]);
    }
    write_points_vtp(dir + "/exits-" + std::to_string(k) + ".vtp", cloud, {{"exit_time", times}});
    pvd.push_back({sweep[k].eps, "exits-" + std::to_string(k) + ".vtp", 3});
  }
  write_vti<dim>(dir + "/field.vti", grid, {{"V", std::span<const double>(solved.field.value)}});
  pvd.push_back({0, "field.vti", 0});
  if (!sample_paths.empty()) {
    write_vtp(dir + "/sample_paths.vtp", sample_paths, "exit_time");
    pvd.push_back({0, "sample_paths.vtp", 4});
  }
  if (!histogram.empty()) {
    write_vti<dim>(dir + "/histogram.vti", grid, {{"density", std::span<const double>(histogram)}});
    pvd.push_back({0, "histogram.vti", 2});
  }
  if (!fp_potential.empty()) {
    // V against -eps log p node by node (every k-th node, up to about 100,000), for the plot.
    std::string text = dim == 2 ? "x,y,V,minus_eps_log_p\n" : "x,y,z,V,minus_eps_log_p\n";
    const std::size_t every = std::max<std::size_t>(1, grid.size() / 100000);
    for (std::size_t i = 0; i < grid.size(); i += every) {
      if (!is_accepted(solved.field.flags[i]) || !std::isfinite(fp_potential[i])) continue;
      for (const double c : grid.point(i)) text += format_real(c) + ",";
      text += format_real(solved.field.value[i]) + "," + format_real(fp_potential[i]) + "\n";
    }
    write_file_atomically(dir + "/fokker-planck.csv", text);
    write_vti<dim>(dir + "/fokker-planck.vti", grid,
                   {{"minus_eps_log_p", std::span<const double>(fp_potential)},
                    {"V", std::span<const double>(solved.field.value)}});
    pvd.push_back({0, "fokker-planck.vti", 1});
  }
  write_pvd(dir + "/validation.pvd", pvd);
  // Plots: by the script, from what was just written.
  std::string plots = "not drawn (validate.plots = false)";
  if (options.boolean("validate.plots")) {
    write_file_atomically(dir + "/validation.json", j.dump(2) + "\n");
    const std::string script = plot_script();
    if (script.empty()) {
      plots = "not drawn: plot_validation.py not found";
    } else {
      const std::string command = "/usr/bin/python3 '" + script + "' '" + dir + "' 2>&1";
      plots = std::system(command.c_str()) == 0 ? "drawn" : "not drawn: the script failed";
    }
  }
  j["plots"] = plots;
  write_file_atomically(dir + "/validation.json", j.dump(2) + "\n");
  if (request.quiet) return;
  out << "problem      " << problem->name() << " (" << dim << "-d), exit "
      << solved.exit->describe() << "\n"
      << "barrier      solver V* = " << format_brief(V, 4) << " at " << format_point(solved.where)
      << "; fit " << format_brief(fit.barrier, 4) << ", 95% [" << format_brief(fit.ci95_low, 4)
      << ", " << format_brief(fit.ci95_high, 4) << "], chi^2/dof "
      << format_brief(fit.chi2_per_dof, 4) << "\n";
  for (const auto& p : sweep) {
    out << "  V*/eps " << format_brief(p.ratio, 4) << "  eps " << format_brief(p.eps, 4) << "  "
        << p.method << "  E[tau] " << format_brief(p.mean, 4) << " +- "
        << format_brief(p.standard_error, 4) << "\n";
  }
  for (const auto& rule : rules) {
    out << (rule["pass"].get<bool>() ? "pass  " : "FAIL  ") << rule["name"].get<std::string>()
        << "\n";
  }
  if (sgd_json.contains("exponent_ratio")) {
    out << "SGD itself   fitted barrier " << format_brief(sgd_json["fit"].get<double>(), 4)
        << ", exponent ratio SGD / SDE "
        << format_brief(sgd_json["exponent_ratio"].get<double>(), 4) << "\n";
  }
  out << "plots        " << plots << "\n"
      << "wrote        " << dir << "/validation.json\n";
}

}  // namespace

void run_validate(const SolveRequest& request, std::ostream& out) {
  const RawSettings raw = load_settings(request);
  Options options = resolve_options(raw);
  in_dimension(options,
               [&](auto d) { validate_in_dimension<decltype(d)::value>(options, request, out); });
}

}  // namespace hj

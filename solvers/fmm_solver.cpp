#include "solvers/fmm_solver.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "problems/eikonal_problem.hpp"
#include "solvers/attractor_seeds.hpp"
#include "solvers/eikonal_fmm_update.hpp"
#include "solvers/olim_solver.hpp"
#include "solvers/parallel_marcher.hpp"
#include "solvers/point_source_seeds.hpp"
#include "solvers/quasi_potential_fmm_update.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {

void declare_fmm_options(OptionDeclarations& d) {
  d.add("solver.order", ValueKind::integer, std::int64_t{2},
        "order of the upwind differences: 1 or 2 (eikonal); quasi-potentials: 1 only",
        [](const Value& v) -> std::string {
          const auto order = std::get<std::int64_t>(v);
          return order == 1 || order == 2 ? "" : "must be 1 or 2";
        });
  d.add("solver.seed_radius", ValueKind::real, 0.0,
        "radius of the ball around each source whose values are set directly; 0 = automatic "
        "(order 1: 2 h, order 2: a tenth of the shortest side, at least 3 h)",
        checks::non_negative());
  d.add("solver.threads", ValueKind::integer, std::int64_t{1},
        "threads that march (the grid is cut into slabs along its last axis); 0: every core. "
        "More than 1: first order, eikonal problems, no stop = \"boundary\"; the values are "
        "those of one thread, to the last bit",
        checks::non_negative());
}

template <int dim>
FmmSettings fmm_settings_from(Options& options, const StructuredGrid<dim>& grid,
                              Equation equation) {
  FmmSettings settings;
  settings.order = static_cast<int>(options.integer("solver.order"));
  settings.seed_radius = options.real("solver.seed_radius");
  if (equation == Equation::quasi_potential) {
    if (!options.is_set("solver.order")) {
      settings.order = 1;  // the only order fast marching has for a quasi-potential
      options.set("solver.order", std::int64_t{1});
    }
    if (settings.order != 1) {
      throw Error(options.origin("solver.order") +
                  ": fast marching on a quasi-potential is first order only; set "
                  "solver.order = 1 (or use solver.type = \"olim\")");
    }
    if (settings.seed_radius == 0) {
      settings.seed_radius = 3 * grid.max_spacing();  // the linearisation, as olim seeds
      options.set("solver.seed_radius", settings.seed_radius);
    }
  } else if (settings.seed_radius == 0) {
    // Second order needs a seed ball of fixed physical size: the cone's curvature, integrated
    // from a ball of k h, leaves an O(h / k) error; from a fixed ball, O(h^2).
    const double h = grid.max_spacing();
    double shortest = grid.upper()[0] - grid.lower()[0];
    for (int a = 1; a < dim; ++a) shortest = std::min(shortest, grid.upper()[a] - grid.lower()[a]);
    settings.seed_radius = settings.order == 1 ? 2 * h : std::max(3 * h, 0.1 * shortest);
    options.set("solver.seed_radius", settings.seed_radius);
  }
  settings.stop = stopping_rule_from(options);
  settings.threads = static_cast<int>(options.integer("solver.threads"));
  if (settings.threads == 0) {
    settings.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  if (settings.threads > 1) {
    const std::string why = equation == Equation::quasi_potential
                                ? "fast marching on a quasi-potential"
                            : settings.order != 1 ? "second-order fast marching (solver.order = 2)"
                            : settings.stop.kind == StoppingRule::Kind::boundary
                                ? "stopping at the first boundary node (solver.stop = \"boundary\")"
                                : "";
    if (!why.empty()) {
      throw Error(options.origin("solver.threads") + ": " + why +
                  " marches on one thread only; set solver.threads = 1");
    }
  }
  return settings;
}

namespace {

template <int dim>
NodeField tabulate_slowness(const EikonalProblem<dim>& problem, const StructuredGrid<dim>& grid) {
  auto check = [&](double s, const std::array<double, dim>& x) {
    if (!(std::isfinite(s) && s >= 0)) {
      throw Error("problem '" + problem.name() + "': slowness 1/c = " + std::to_string(s) +
                  " at x = " + format_point(x) + "; the speed must be positive and finite");
    }
  };
  if (problem.constant_coefficients()) {
    const auto x = grid.point(std::size_t{0});
    const double s = problem.slowness(x);
    check(s, x);
    return NodeField::constant(s);
  }
  std::vector<double> values(grid.size());
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto x = grid.point(i);
    values[i] = problem.slowness(x);
    check(values[i], x);
  }
  return NodeField::tabulated(std::move(values));
}

// Seeds and marches with one update type (the order is a compile-time constant of the update).
template <typename Marcher, int dim>
void seed_and_run(const EikonalProblem<dim>& problem, const FmmSettings& settings, Marcher& marcher,
                  Result<dim>& result) {
  const auto start = std::chrono::steady_clock::now();
  for (const Seed& seed : point_source_seeds(problem, result.grid, settings.seed_radius)) {
    marcher.seed(seed.node, seed.value);
  }
  result.statistics.time_seed_s = seconds_since(start);
  marcher.run();
}

template <typename Update, int dim>
void march(const EikonalProblem<dim>& problem, const FmmSettings& settings,
           const NodeField& slowness, const MarchHooks& hooks, Result<dim>& result) {
  const Update update(result, slowness);
  if constexpr (Update::reach == 1) {
    if (settings.threads > 1) {
      // A thread may run ahead of its neighbours by about one cell's worth of value; how far
      // only changes how many nodes are marched twice, never the values.
      const double window = result.grid.max_spacing() * slowness.largest();
      ParallelMarcher<dim, Update> marcher(result, update, settings.stop, settings.threads, window,
                                           hooks);
      seed_and_run(problem, settings, marcher, result);
      return;
    }
  }
  Marcher<dim, Update> marcher(result, update, settings.stop, hooks);
  seed_and_run(problem, settings, marcher, result);
}

}  // namespace

template <int dim>
Result<dim> solve_fmm(const EikonalProblem<dim>& problem, const StructuredGrid<dim>& grid,
                      const FmmSettings& settings, const MarchHooks& hooks) {
  const std::uint64_t baseline_rss = current_rss_bytes();
  const auto start = std::chrono::steady_clock::now();
  const NodeField slowness = tabulate_slowness(problem, grid);
  Result<dim> result(grid);
  result.statistics.baseline_rss_bytes = baseline_rss;
  result.statistics.time_setup_s = seconds_since(start);
  if (settings.order == 2) {
    march<EikonalFmmUpdate<dim, 2>>(problem, settings, slowness, hooks, result);
  } else {
    march<EikonalFmmUpdate<dim, 1>>(problem, settings, slowness, hooks, result);
  }
  result.statistics.peak_rss_bytes = peak_rss_bytes();
  return result;
}

std::size_t fmm_bytes_per_node(Equation equation, bool constant_coefficients) {
  // On a quasi-potential the baseline tabulates what the line-integral solver does.
  if (equation == Equation::quasi_potential) return olim_bytes_per_node(constant_coefficients);
  const bool constant_slowness = constant_coefficients;
  return Result<2>::bytes_per_node + (constant_slowness ? 0 : sizeof(double));
}

template <int dim>
Result<dim> solve_fmm_quasi_potential(const SdeProblem<dim>& problem,
                                      const StructuredGrid<dim>& grid, const FmmSettings& settings,
                                      const MarchHooks& hooks) {
  const std::uint64_t baseline_rss = current_rss_bytes();
  auto start = std::chrono::steady_clock::now();
  const SdeNodeData<dim> data = tabulate_sde(problem, grid);
  Result<dim> result(grid);
  result.statistics.baseline_rss_bytes = baseline_rss;
  result.statistics.time_setup_s = seconds_since(start);
  const QuasiPotentialFmmUpdate<dim> update(result, data);
  Marcher<dim, QuasiPotentialFmmUpdate<dim>> marcher(result, update, settings.stop, hooks);
  start = std::chrono::steady_clock::now();
  seed_at_attractor(problem, settings.seed_radius, marcher, result);
  result.statistics.time_seed_s = seconds_since(start);
  marcher.run();
  result.statistics.peak_rss_bytes = peak_rss_bytes();
  return result;
}

template FmmSettings fmm_settings_from<2>(Options&, const StructuredGrid<2>&, Equation);
template FmmSettings fmm_settings_from<3>(Options&, const StructuredGrid<3>&, Equation);
template Result<2> solve_fmm_quasi_potential<2>(const SdeProblem<2>&, const StructuredGrid<2>&,
                                                const FmmSettings&, const MarchHooks&);
template Result<3> solve_fmm_quasi_potential<3>(const SdeProblem<3>&, const StructuredGrid<3>&,
                                                const FmmSettings&, const MarchHooks&);
template Result<2> solve_fmm<2>(const EikonalProblem<2>&, const StructuredGrid<2>&,
                                const FmmSettings&, const MarchHooks&);
template Result<3> solve_fmm<3>(const EikonalProblem<3>&, const StructuredGrid<3>&,
                                const FmmSettings&, const MarchHooks&);

}  // namespace hj

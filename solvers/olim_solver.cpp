#include "solvers/olim_solver.hpp"

#include <chrono>
#include <type_traits>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "solvers/attractor_seeds.hpp"
#include "solvers/metric_cost.hpp"
#include "solvers/point_source_seeds.hpp"
#include "solvers/sde_cost.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {

void declare_olim_options(OptionDeclarations& d) {
  d.add("solver.quadrature", ValueKind::string, std::string("midpoint"),
        "segment quadrature: rhr (right-hand rule, the ordered upwind method), trapezoid, midpoint",
        checks::one_of({"rhr", "trapezoid", "midpoint"}));
  d.add("solver.radius", ValueKind::integer, std::int64_t{0},
        "search radius K in grid steps; 0 = automatic, round(1.6 n^(1/3)) in 2-d, "
        "round(0.8 n^(1/3)) in 3-d (at least 2)",
        checks::non_negative());
  d.add("solver.seed_radius", ValueKind::real, 0.0,
        "radius of the ball around the attractor (quasi-potentials: set from the expansion "
        "there) or around each source (metrics: set from the straight ray); 0 = automatic (3 h)",
        checks::non_negative());
}

int default_radius_steps(std::int64_t nodes_per_axis, int dim) {
  const double factor = dim == 2 ? 1.6 : 0.8;
  return std::max(
      2, static_cast<int>(std::lround(factor * std::cbrt(static_cast<double>(nodes_per_axis)))));
}

template <int dim>
OlimSettings olim_settings_from(Options& options, const StructuredGrid<dim>& grid) {
  OlimSettings settings;
  const std::string& rule = options.string("solver.quadrature");
  settings.rule = rule == "rhr"         ? QuadratureRule::right_hand
                  : rule == "trapezoid" ? QuadratureRule::trapezoid
                                        : QuadratureRule::midpoint;
  settings.radius_steps = static_cast<int>(options.integer("solver.radius"));
  if (settings.radius_steps == 0) {
    std::int64_t n = 0;
    for (std::int64_t na : grid.nodes_per_axis()) n = std::max(n, na);
    settings.radius_steps = default_radius_steps(n, dim);
    options.set("solver.radius", std::int64_t{settings.radius_steps});
  }
  settings.seed_radius = options.real("solver.seed_radius");
  if (settings.seed_radius == 0) {
    settings.seed_radius = 3 * grid.max_spacing();
    options.set("solver.seed_radius", settings.seed_radius);
  }
  settings.stop = stopping_rule_from(options);
  return settings;
}

namespace {

// Calls `march(std::type_identity<Update>{})` with the line-integral update of `rule` and `Cost`:
// the rule is a compile-time parameter of the update, chosen here once.
template <int dim, typename Cost, typename March>
void with_update_for(QuadratureRule rule, const March& march) {
  switch (rule) {
    case QuadratureRule::right_hand:
      return march(std::type_identity<LineIntegralUpdate<dim, QuadratureRule::right_hand, Cost>>{});
    case QuadratureRule::trapezoid:
      return march(std::type_identity<LineIntegralUpdate<dim, QuadratureRule::trapezoid, Cost>>{});
    case QuadratureRule::midpoint:
      return march(std::type_identity<LineIntegralUpdate<dim, QuadratureRule::midpoint, Cost>>{});
  }
}

// Tabulates the coefficients, then marches; records the setup time and the memory.
template <int dim, typename Tabulate, typename March>
Result<dim> timed_solve(const StructuredGrid<dim>& grid, const Tabulate& tabulate,
                        const March& march) {
  const std::uint64_t baseline_rss = current_rss_bytes();
  const auto start = std::chrono::steady_clock::now();
  const auto data = tabulate();
  Result<dim> result(grid);
  result.statistics.baseline_rss_bytes = baseline_rss;
  result.statistics.time_setup_s = seconds_since(start);
  march(data, result);
  result.statistics.peak_rss_bytes = peak_rss_bytes();
  return result;
}

}  // namespace

template <int dim>
Result<dim> solve_olim(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const OlimSettings& settings, const MarchHooks& hooks) {
  return timed_solve(
      grid, [&] { return tabulate_sde(problem, grid); },
      [&](const SdeNodeData<dim>& data, Result<dim>& result) {
        with_update_for<dim, SdeCost<dim>>(settings.rule, [&](auto update_type) {
          using Update = typename decltype(update_type)::type;
          const Update update(result, SdeCost<dim>(data),
                              settings.radius_steps * grid.max_spacing());
          march_from_attractor(problem, update, SearchReach::fixed(settings.radius_steps),
                               settings.seed_radius, settings.stop, hooks, result);
        });
      });
}

template <int dim>
Result<dim> solve_olim(const MetricProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const OlimSettings& settings, const MarchHooks& hooks) {
  return timed_solve(
      grid, [&] { return tabulate_metric(problem, grid); },
      [&](const MetricNodeData<dim>& data, Result<dim>& result) {
        with_update_for<dim, MetricCost<dim>>(settings.rule, [&](auto update_type) {
          using Update = typename decltype(update_type)::type;
          const Update update(result, MetricCost<dim>(data),
                              settings.radius_steps * grid.max_spacing());
          Marcher<dim, Update> marcher(result, update, settings.stop, hooks);
          const auto start = std::chrono::steady_clock::now();
          // Ties in value are accepted in node order, the same on every run.
          for (const Seed& seed : point_source_seeds(problem, grid, settings.seed_radius)) {
            marcher.seed(seed.node, seed.value);
          }
          result.update_kinds = Update::kind_names();
          result.details.push_back({"search_radius_steps", std::to_string(settings.radius_steps)});
          result.statistics.time_seed_s = seconds_since(start);
          marcher.run();
        });
      });
}

std::size_t olim_bytes_per_node(Equation equation, bool constant_coefficients) {
  if (equation == Equation::metric) {
    // The result (with the heap's words), and M and w per node when they vary (3-d sizes).
    return Result<3>::bytes_per_node +
           (constant_coefficients ? 0 : sizeof(Matrix<3>) + sizeof(Vector<3>));
  }
  return olim_bytes_per_node(constant_coefficients);
}

std::size_t olim_bytes_per_node(bool constant_diffusion) {
  // The result (with the heap's words), the drift, and A^{-1} per node when A varies (3-d sizes: an
  // upper bound for 2-d).
  return Result<3>::bytes_per_node + sizeof(Vector<3>) +
         (constant_diffusion ? 0 : sizeof(Matrix<3>));
}

template OlimSettings olim_settings_from<2>(Options&, const StructuredGrid<2>&);
template OlimSettings olim_settings_from<3>(Options&, const StructuredGrid<3>&);
template Result<2> solve_olim<2>(const SdeProblem<2>&, const StructuredGrid<2>&,
                                 const OlimSettings&, const MarchHooks&);
template Result<3> solve_olim<3>(const SdeProblem<3>&, const StructuredGrid<3>&,
                                 const OlimSettings&, const MarchHooks&);
template Result<2> solve_olim<2>(const MetricProblem<2>&, const StructuredGrid<2>&,
                                 const OlimSettings&, const MarchHooks&);
template Result<3> solve_olim<3>(const MetricProblem<3>&, const StructuredGrid<3>&,
                                 const OlimSettings&, const MarchHooks&);

}  // namespace hj

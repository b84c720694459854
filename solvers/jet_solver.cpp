#include "solvers/jet_solver.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <random>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "solvers/attractor_seeds.hpp"
#include "solvers/indexed_heap.hpp"
#include "solvers/jet_update.hpp"
#include "solvers/sde_node_data.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {

void declare_jet_options(OptionDeclarations& d) {
  d.add("solver.radius", ValueKind::integer, std::int64_t{0},
        "search radius K in grid steps, the same at every node; 0 = automatic: in 2-d per "
        "accepted node, round(2 / cos theta) within [2, solver.max_radius], theta the angle "
        "between the node's characteristic b + A grad V and grad V; in 3-d K at the attractor, "
        "max(2, round(1.4 / cos theta)) for the largest angle there (per node, between it and "
        "solver.max_radius, when that is given)",
        checks::non_negative());
  d.add("solver.max_radius", ValueKind::integer, std::int64_t{0},
        "the largest automatic K; 0 = automatic: in 2-d the largest of K at the attractor, "
        "round(2 n^(1/3)) (n the most nodes along an axis) and a tenth of the box's shortest "
        "side in steps; in 3-d K at the attractor",
        checks::non_negative());
  d.add("solver.seed_radius", ValueKind::real, 0.0,
        "radius of the ball around the attractor set from the fourth-order expansion (V and "
        "grad V); 0 = automatic, max(3 h, 0.75 sqrt(h), min(2 K h, d / 4)), K the radius at the "
        "attractor and d its distance to the nearest face of the box",
        checks::non_negative());
}

double default_jet_seed_radius(double spacing, int attractor_steps, double room) {
  // The seed values err by O(r^5) (attractor_expansion.hpp) and the march just outside the
  // ball by O(h^2 / r^2) relative (the paths curl around x* with curvature 1/r): r ~ h^(1/2)
  // balances them (lengths in units of the problem's scale). And the first marched nodes reach
  // K h back: arcs that long must stay short of the ball's radius, or they cut across the
  // paths' curl (decomposed, N = 513, K = 10 at x*: a ball of 9.8 h left 3.7e-6 around it
  // against 1.2e-7 at N = 1025) -- within a quarter of the room around x* on coarse grids.
  const double reach = std::min(2.0 * attractor_steps * spacing, 0.25 * room);
  return std::max({3 * spacing, 0.75 * std::sqrt(spacing), reach});
}

template <int dim>
int default_jet_max_radius_steps(const StructuredGrid<dim>& grid) {
  const auto& n = grid.nodes_per_axis();
  const double longest = static_cast<double>(*std::max_element(n.begin(), n.end()));
  double shortest_side = std::numeric_limits<double>::infinity();
  for (int a = 0; a < dim; ++a)
    shortest_side = std::min(shortest_side, grid.upper()[a] - grid.lower()[a]);
  const double by_count = std::round(2 * std::cbrt(longest));
  const double by_length = std::floor(0.1 * shortest_side / grid.max_spacing() + 1e-9);
  return static_cast<int>(std::min(255.0, std::max(by_count, by_length)));
}

template <int dim>
int default_jet_radius_steps(const SdeProblem<dim>& problem) {
  if (problem.attractor_is_cycle()) return 3;  // no point linearisation to measure
  const Equilibrium<dim> attractor = find_attractor<dim>(problem, problem.attractor_guess());
  if (attractor.kind != EquilibriumKind::stable) return 3;  // no linearisation to measure
  const LinearisedQuasiPotential<dim> linear(problem, attractor);
  const Matrix<dim>& Q = linear.precision();
  const Matrix<dim> characteristic = attractor.jacobian + problem.diffusion(attractor.point) * Q;
  // The smallest cosine between characteristic and gradient over directions around x*.
  double smallest_cosine = 1;
  std::mt19937_64 random(7);
  std::normal_distribution<double> normal;
  for (int sample = 0; sample < 2000; ++sample) {
    Vector<dim> dx;
    for (int k = 0; k < dim; ++k) dx[k] = normal(random);
    const Vector<dim> v = characteristic * dx, p = Q * dx;
    smallest_cosine = std::min(smallest_cosine, v.dot(p) / (v.norm() * p.norm()));
  }
  return std::max(2, jet_reach_steps<dim>(smallest_cosine, 64));
}

// The least per-node radius. 2-d: 2. 3-d: K at the attractor, and no more: the radius stays
// fixed. Per-node radii in 3-d were measured and dropped: the angle rule with c = 2 cost the
// rotating field with A = I a factor 10 at n = 129 (4.9e-7 against 5.2e-8) and left the
// anisotropic linear field at order 0.7 from n = 65 to 129; with c = 1.4 it let nodes of the
// anisotropic field take K = 2 where the march needs 3 (n = 65: 3.8e-3 against 3.9e-6), and
// with c = 1.4 above the attractor's K the anisotropic field diverged at n = 129 (1.2e-4).
template <int dim>
int least_jet_radius_steps(int at_attractor, int largest) {
  return std::min(dim == 2 ? 2 : std::max(2, at_attractor), largest);
}

// The largest per-node radius: 3-d keeps K at the attractor everywhere (above).
template <int dim>
int largest_jet_radius_steps(int at_attractor, int cap) {
  return dim == 2 ? cap : std::max(2, at_attractor);
}

template <int dim>
JetSettings default_jet_settings(const StructuredGrid<dim>& grid, const SdeProblem<dim>& problem,
                                 StoppingRule stop) {
  JetSettings settings;
  const int at_attractor = default_jet_radius_steps(problem);
  const int largest = largest_jet_radius_steps<dim>(
      at_attractor, std::max(at_attractor, default_jet_max_radius_steps(grid)));
  settings.reach = {least_jet_radius_steps<dim>(at_attractor, largest), largest};
  const auto attractor = problem.attractor_is_cycle()
                             ? problem.attractor_guess()
                             : find_attractor<dim>(problem, problem.attractor_guess()).point;
  double room = std::numeric_limits<double>::infinity();
  for (int a = 0; a < dim; ++a) {
    room = std::min({room, attractor[a] - grid.lower()[a], grid.upper()[a] - attractor[a]});
  }
  settings.seed_radius =
      default_jet_seed_radius(grid.max_spacing(), default_jet_radius_steps(problem), room);
  settings.stop = stop;
  return settings;
}

template <int dim>
JetSettings jet_settings_from(Options& options, const StructuredGrid<dim>& grid,
                              const SdeProblem<dim>& problem) {
  JetSettings settings = default_jet_settings(grid, problem, stopping_rule_from(options));
  if (const auto fixed = static_cast<int>(options.integer("solver.radius")); fixed > 0) {
    settings.reach = SearchReach::fixed(fixed);
  } else if (const auto largest = static_cast<int>(options.integer("solver.max_radius"));
             largest > 0) {
    settings.reach = {least_jet_radius_steps<dim>(default_jet_radius_steps(problem), largest),
                      largest};
  } else {
    options.set("solver.max_radius", std::int64_t{settings.reach.max_steps});
  }
  if (options.real("solver.seed_radius") > 0) {
    settings.seed_radius = options.real("solver.seed_radius");
  } else {
    options.set("solver.seed_radius", settings.seed_radius);
  }
  return settings;
}

template <int dim>
Result<dim> solve_jet(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                      const JetSettings& settings, const MarchHooks& hooks) {
  const std::uint64_t baseline_rss = current_rss_bytes();
  const auto start = std::chrono::steady_clock::now();
  check_sde_on_grid(problem, grid);
  Result<dim> result(grid);
  std::array<double, dim> unknown;
  unknown.fill(std::numeric_limits<double>::quiet_NaN());
  result.gradient.assign(grid.size(), unknown);
  result.statistics.baseline_rss_bytes = baseline_rss;
  result.statistics.time_setup_s = seconds_since(start);

  const JetUpdate<dim> update(result, problem, settings.reach);
  march_from_attractor(problem, update, settings.reach, settings.seed_radius, settings.stop, hooks,
                       result);
  result.statistics.peak_rss_bytes = peak_rss_bytes();
  return result;
}

std::size_t jet_bytes_per_node(Equation /*always a quasi-potential*/,
                               bool /*b and A are evaluated, not tabulated*/) {
  // The result (which holds the heap's word per node), grad V (3-d sizes: an upper bound for 2-d)
  // and the per-node search radius.
  return Result<3>::bytes_per_node + sizeof(std::array<double, 3>) + sizeof(std::uint8_t);
}

template int default_jet_max_radius_steps<2>(const StructuredGrid<2>&);
template int default_jet_max_radius_steps<3>(const StructuredGrid<3>&);
template int default_jet_radius_steps<2>(const SdeProblem<2>&);
template int default_jet_radius_steps<3>(const SdeProblem<3>&);
template JetSettings default_jet_settings<2>(const StructuredGrid<2>&, const SdeProblem<2>&,
                                             StoppingRule);
template JetSettings default_jet_settings<3>(const StructuredGrid<3>&, const SdeProblem<3>&,
                                             StoppingRule);
template JetSettings jet_settings_from<2>(Options&, const StructuredGrid<2>&, const SdeProblem<2>&);
template JetSettings jet_settings_from<3>(Options&, const StructuredGrid<3>&, const SdeProblem<3>&);
template Result<2> solve_jet<2>(const SdeProblem<2>&, const StructuredGrid<2>&, const JetSettings&,
                                const MarchHooks&);
template Result<3> solve_jet<3>(const SdeProblem<3>&, const StructuredGrid<3>&, const JetSettings&,
                                const MarchHooks&);

}  // namespace hj

#include "solvers/jet_solver.hpp"

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
        "search radius K in grid steps; 0 = automatic: max(2, round(1.4 / cos theta)), theta the "
        "largest angle between the linearised characteristic (J + A Q) dx and the gradient Q dx "
        "at the attractor",
        checks::non_negative());
  d.add("solver.seed_radius", ValueKind::real, 0.0,
        "radius of the ball around the attractor set from the third-order expansion (V and "
        "grad V); 0 = automatic, max(3 h, 0.75 sqrt(h))",
        checks::non_negative());
}

double default_jet_seed_radius(double spacing) {
  // The seed values err by O(r^4) (attractor_expansion.hpp) and the march just outside the
  // ball by O(h^2 / r^2) relative (the paths curl around x* with curvature 1/r): r ~ h^(1/2)
  // balances them (lengths in units of the problem's scale).
  return std::max(3 * spacing, 0.75 * std::sqrt(spacing));
}

template <int dim>
int default_jet_radius_steps(const SdeProblem<dim>& problem) {
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
  return std::max(2, static_cast<int>(std::lround(1.4 / std::max(smallest_cosine, 0.02))));
}

template <int dim>
JetSettings jet_settings_from(Options& options, const StructuredGrid<dim>& grid,
                              const SdeProblem<dim>& problem) {
  JetSettings settings;
  settings.radius_steps = static_cast<int>(options.integer("solver.radius"));
  if (settings.radius_steps == 0) {
    settings.radius_steps = default_jet_radius_steps(problem);
    options.set("solver.radius", std::int64_t{settings.radius_steps});
  }
  settings.seed_radius = options.real("solver.seed_radius");
  if (settings.seed_radius == 0) {
    settings.seed_radius = default_jet_seed_radius(grid.max_spacing());
    options.set("solver.seed_radius", settings.seed_radius);
  }
  settings.stop = stopping_rule_from(options);
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

  const JetUpdate<dim> update(result, problem, settings.radius_steps * grid.max_spacing());
  march_from_attractor(problem, update, settings.radius_steps, settings.seed_radius, settings.stop,
                       hooks, result);
  result.statistics.peak_rss_bytes = peak_rss_bytes();
  return result;
}

std::size_t jet_bytes_per_node(Equation /*always a quasi-potential*/,
                               bool /*b and A are evaluated, not tabulated*/) {
  // The result, the heap's slot table and grad V (3-d sizes: an upper bound for 2-d).
  return Result<3>::bytes_per_node + IndexedHeap::bytes_per_node + sizeof(std::array<double, 3>);
}

template int default_jet_radius_steps<2>(const SdeProblem<2>&);
template int default_jet_radius_steps<3>(const SdeProblem<3>&);
template JetSettings jet_settings_from<2>(Options&, const StructuredGrid<2>&, const SdeProblem<2>&);
template JetSettings jet_settings_from<3>(Options&, const StructuredGrid<3>&, const SdeProblem<3>&);
template Result<2> solve_jet<2>(const SdeProblem<2>&, const StructuredGrid<2>&, const JetSettings&,
                                const MarchHooks&);
template Result<3> solve_jet<3>(const SdeProblem<3>&, const StructuredGrid<3>&, const JetSettings&,
                                const MarchHooks&);

}  // namespace hj

// Seeding a quasi-potential march at the attractor: Newton finds it from the problem's guess,
// the expansion V = 1/2 dx^T C^{-1} dx + V3(dx) gives the values on the nodes within
// `seed_radius` (exact to O(r^5), attractor_expansion.hpp). A degenerate attractor has no
// linearisation: the corners of its cell get V = 0 (V grows faster than r^2 there). Solvers that
// carry grad V get the linearisation's gradient (zero at a degenerate attractor). What was found
// goes into the Result's details.
#pragma once

#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include "core/stopwatch.hpp"
#include "solvers/attractor_expansion.hpp"
#include "solvers/front_search.hpp"
#include "solvers/limit_cycle.hpp"
#include "solvers/marcher.hpp"
#include "solvers/sde_node_data.hpp"

namespace hj {

/// A limit cycle: V = 0 (and grad V = 0) at the nodes within one grid spacing of it.
template <int dim, typename Update>
void seed_on_cycle(const SdeProblem<dim>& problem, Marcher<dim, Update>& marcher,
                   Result<dim>& result) {
  const StructuredGrid<dim>& grid = result.grid;
  const LimitCycle<dim> cycle = find_limit_cycle<dim>(problem, grid);
  result.details.push_back(
      {"attractor", "limit cycle through " + format_point(to_point<dim>(cycle.points.front()))});
  result.details.push_back({"attractor_kind", "limit cycle, period " +
                                                  std::to_string(cycle.period) + ", length " +
                                                  std::to_string(cycle.length)});
  std::size_t seeded = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (cycle.distance_to(to_vector<dim>(grid.point(i))) > grid.max_spacing()) continue;
    marcher.seed(i, 0.0);
    if (!result.gradient.empty()) result.gradient[i] = std::array<double, dim>{};
    ++seeded;
  }
  HJ_CHECK(seeded > 0, "a cycle inside the box passes within a grid step of some node");
}

template <int dim, typename Update>
void seed_at_attractor(const SdeProblem<dim>& problem, double seed_radius,
                       Marcher<dim, Update>& marcher, Result<dim>& result) {
  if (problem.attractor_is_cycle()) {
    seed_on_cycle(problem, marcher, result);
    return;
  }
  const StructuredGrid<dim>& grid = result.grid;
  const Equilibrium<dim> attractor = find_attractor<dim>(problem, problem.attractor_guess());
  if (!grid.contains(attractor.point)) {
    throw Error("problem '" + problem.name() + "': the attractor " + format_point(attractor.point) +
                " lies outside the box; enlarge the domain");
  }
  result.details.push_back({"attractor", format_point(attractor.point)});
  result.details.push_back({"attractor_eigenvalues", attractor.eigenvalue_text()});
  result.details.push_back({"attractor_kind", attractor.kind == EquilibriumKind::stable
                                                  ? "stable"
                                                  : "degenerate (some eigenvalues have zero "
                                                    "real part)"});
  std::optional<AttractorExpansion<dim>> linear;
  double radius = seed_radius;
  double trusted = std::numeric_limits<double>::infinity();
  double diagonal2 = 0;
  for (double h : grid.spacing()) diagonal2 += h * h;
  const double cell_diagonal = std::sqrt(diagonal2);
  if (attractor.kind == EquilibriumKind::stable) {
    linear.emplace(problem, attractor);
    // Seeds only where the series holds (its higher terms under a quarter of the quadratic),
    // but at least on the attractor's cell, whose nodes beyond that take the quadratic term
    // alone (positive; first-order accurate there).
    trusted = linear->trusted_radius();
    if (trusted < radius) {
      radius = std::max(trusted, cell_diagonal);
      result.details.push_back(
          {"seed_radius", std::to_string(radius) + " (cut from " + std::to_string(seed_radius) +
                              ": the attractor expansion is trusted to " + std::to_string(trusted) +
                              (trusted < cell_diagonal ? "; the quadratic term alone beyond" : "") +
                              ")"});
    }
  } else {
    radius = cell_diagonal;
  }
  std::size_t seeded = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto x = grid.point(i);
    const double r = distance<dim>(x, attractor.point);
    if (r > radius * (1 + 1e-12)) continue;
    const bool series = linear && r <= trusted;
    const double value = !linear ? 0.0 : series ? linear->value(x) : linear->quadratic_value(x);
    HJ_CHECK(std::isfinite(value) && value >= 0, "seeds within the trusted radius are positive");
    marcher.seed(i, value);
    if (!result.gradient.empty()) {
      result.gradient[i] = !linear  ? std::array<double, dim>{}
                           : series ? to_point<dim>(linear->gradient(x))
                                    : to_point<dim>(linear->quadratic_gradient(x));
    }
    ++seeded;
  }
  HJ_CHECK(seeded > 0, "the seed ball holds no node");
}

/// What every ball-searching quasi-potential solve (olim, jet) does once its update is built:
/// seed at the attractor, record the update kinds and the search radius, march.
template <int dim, typename Update>
void march_from_attractor(const SdeProblem<dim>& problem, const Update& update, SearchReach reach,
                          double seed_radius, StoppingRule stop, const MarchHooks& hooks,
                          Result<dim>& result) {
  Marcher<dim, Update> marcher(result, update, stop, hooks);
  const auto start = std::chrono::steady_clock::now();
  seed_at_attractor(problem, seed_radius, marcher, result);
  result.update_kinds = Update::kind_names();
  result.details.push_back(
      {"search_radius_steps", reach.adaptive() ? std::to_string(reach.min_steps) + ".." +
                                                     std::to_string(reach.max_steps) + " per node"
                                               : std::to_string(reach.max_steps)});
  result.statistics.time_seed_s = seconds_since(start);
  marcher.run();
  if constexpr (requires { update.reach_histogram(); }) {
    if (reach.adaptive())
      result.details.push_back({"search_radius_used", update.reach_histogram()});
  }
}

}  // namespace hj

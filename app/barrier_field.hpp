// What splitting and hj validate need before they simulate: V on the box from the configured
// solver, the exit domain cut to the box (V is known there only), and the barrier V* = the
// smallest V outside that domain, with where it is.
#pragma once

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "app/progress.hpp"
#include "core/error.hpp"
#include "core/options.hpp"
#include "core/stopwatch.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/field_interpolation.hpp"
#include "solvers/node_state.hpp"
#include "solvers/solver_registry.hpp"
#include "validation/exit_domain.hpp"
#include "validation/sde_monte_carlo.hpp"
#include "validation/splitting.hpp"

namespace hj {

template <int dim>
struct BarrierField {
  Result<dim> field;
  std::unique_ptr<ExitDomain<dim>> exit;  ///< the exit domain within the box
  double barrier = 0;                     ///< V*
  std::array<double, dim> where{};        ///< the node where V = V*
  double solve_s = 0;
};

template <int dim>
BarrierField<dim> solve_for_barrier(Options& options, const SdeProblem<dim>& problem,
                                    const StructuredGrid<dim>& grid, const ExitDomain<dim>& exit,
                                    bool show_progress) {
  const auto start = std::chrono::steady_clock::now();
  Result<dim> field = [&] {
    ProgressDisplay progress("hj: marching", show_progress);
    MarchHooks hooks;
    hooks.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
    return solve<dim>(problem, grid, options, hooks);
  }();
  BarrierField<dim> b{std::move(field), nullptr, std::numeric_limits<double>::infinity(), {}, 0};
  b.solve_s = seconds_since(start);
  b.exit = std::make_unique<IntersectionExit<dim>>(
      exit.thread_copy(),
      std::make_unique<BoxExit<dim>>(to_vector<dim>(grid.lower()), to_vector<dim>(grid.upper())));
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const bool inside = b.exit->contains(to_vector<dim>(grid.point(i)));
    if (!is_accepted(b.field.flags[i])) {
      if (inside) {
        throw Error(options.origin("solver.stop") +
                    ": simulating with V needs V wherever paths go, but the solver did not "
                    "reach " +
                    format_point(grid.point(i)) +
                    " inside the exit domain; set solver.stop = \"all\" or shrink the exit domain");
      }
      continue;
    }
    if (!inside && b.field.value[i] < b.barrier) {
      b.barrier = b.field.value[i];
      b.where = grid.point(i);
    }
  }
  if (!std::isfinite(b.barrier) || !(b.barrier > 0)) {
    throw Error(options.origin("exit.type") +
                ": no grid node outside the exit domain has a computed V > 0, so the barrier V* "
                "is unknown; the exit domain must end inside the box");
  }
  return b;
}

/// splitting.level_in < splitting.level_out < 1 (fractions of V*), checked before solving.
inline void check_splitting_levels(const Options& options) {
  const double in = options.real("splitting.level_in"), out = options.real("splitting.level_out");
  if (!(in < out && out < 1)) {
    throw Error(options.origin("splitting.level_out") +
                ": splitting levels must satisfy level_in < level_out < 1 (fractions of V*), got " +
                format_real(in) + " and " + format_real(out));
  }
}

template <int dim>
struct SplittingRun {
  SplittingSettings settings;
  SplittingEstimate estimate;
};

/// Splitting on the solved V (interpolated; +inf where unknown) at `base`'s eps and step, with
/// the splitting.* options; `label` names the progress line.
template <int dim>
SplittingRun<dim> split_on_barrier(const Options& options, const SdeProblem<dim>& problem,
                                   const BarrierField<dim>& solved, const SimulationSettings& base,
                                   const Vector<dim>& attractor, const std::string& label,
                                   bool show_progress) {
  SplittingRun<dim> run;
  SplittingSettings& s = run.settings;
  s.eps = base.eps;
  s.dt = base.dt;
  s.bridge = base.bridge;
  s.seed = base.seed;
  s.threads = base.threads;
  s.max_time = base.max_time;
  s.replicas = static_cast<int>(options.integer("splitting.replicas"));
  s.runs = static_cast<int>(options.integer("splitting.runs"));
  s.cycles = static_cast<std::uint64_t>(options.integer("splitting.cycles"));
  s.level_in = options.real("splitting.level_in") * solved.barrier;
  s.level_out = options.real("splitting.level_out") * solved.barrier;
  const Result<dim>& field = solved.field;
  Splitting<dim> splitting(
      problem, *solved.exit,
      [&field](const Vector<dim>& x) {
        return interpolate_field<dim>(field, to_point<dim>(x))
            .value_or(std::numeric_limits<double>::infinity());
      },
      s);
  ProgressDisplay progress(label, show_progress);
  run.estimate = splitting.estimate(
      attractor, [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
  return run;
}

}  // namespace hj

// Long runs (validation.md): paths of the SDE for a fixed time, recording where they spend it
// (a histogram on the grid's nodes: each step's time goes to the nearest node), which attractor
// they last visited (core sets: balls of `core_radius` around the attractors; the time after
// entering attractor i's ball and before entering another's is i's residence) and how often
// they go from one attractor to another. All counts are integers (steps), summed over threads
// exactly, so the result does not depend on the number of threads.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "core/error.hpp"
#include "meshes/structured_grid.hpp"
#include "validation/euler_maruyama.hpp"
#include "validation/parallel_paths.hpp"
#include "validation/sde_monte_carlo.hpp"

namespace hj {

struct LongRunCounts {
  std::vector<std::uint64_t> histogram;  ///< steps ending nearest each node (inside the box)
  std::uint64_t outside = 0;             ///< steps ending outside the box
  std::vector<std::uint64_t> residence;  ///< steps per last-visited attractor
  std::uint64_t unassigned = 0;          ///< steps before a path's first core visit
  std::vector<std::vector<std::uint64_t>> transitions;  ///< [from][to]
  std::uint64_t steps = 0;

  void add(const LongRunCounts& other) {
    for (std::size_t i = 0; i < histogram.size(); ++i) histogram[i] += other.histogram[i];
    for (std::size_t i = 0; i < residence.size(); ++i) {
      residence[i] += other.residence[i];
      for (std::size_t j = 0; j < residence.size(); ++j) {
        transitions[i][j] += other.transitions[i][j];
      }
    }
    outside += other.outside;
    unassigned += other.unassigned;
    steps += other.steps;
  }
};

namespace detail {
inline constexpr std::uint64_t long_run_key_tag = 0x10A6ull << 48;
}  // namespace detail

/// settings.paths paths of settings.max_time each from `start`; no exit (the domain is
/// unbounded).
template <int dim>
LongRunCounts simulate_long_run(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                                const std::vector<Vector<dim>>& attractors, double core_radius,
                                const Vector<dim>& start, const SimulationSettings& settings,
                                const PathProgress& progress = {}) {
  const std::size_t k = attractors.size();
  auto empty = [&] {
    LongRunCounts c;
    c.histogram.assign(grid.size(), 0);
    c.residence.assign(k, 0);
    c.transitions.assign(k, std::vector<std::uint64_t>(k, 0));
    return c;
  };
  const double infinity = std::numeric_limits<double>::infinity();
  const BoxExit<dim> everywhere(Vector<dim>::Constant(-infinity), Vector<dim>::Constant(infinity));
  std::vector<std::shared_ptr<LongRunCounts>> per_thread;
  std::mutex registry;
  std::uint64_t steps = 0;
  const unsigned threads = problem.thread_safe() ? settings.threads : 1u;
  run_in_parallel<char>(
      settings.paths, threads,
      [&] {
        auto counts = std::make_shared<LongRunCounts>(empty());
        {
          const std::lock_guard lock(registry);
          per_thread.push_back(counts);
        }
        return [&, counts](std::uint64_t path, std::uint64_t& taken) {
          const CounterRandom random(settings.seed ^ detail::long_run_key_tag,
                                     static_cast<std::uint32_t>(path));
          NormalStream<dim> normals(random);
          const EulerMaruyama<dim> stepper(problem, everywhere, settings.eps, settings.dt, false);
          Vector<dim> x = start;
          BoundaryDistance<dim> here = everywhere.distance(x);
          int state = -1;
          const auto budget =
              static_cast<std::uint64_t>(std::ceil(settings.max_time / settings.dt));
          for (std::uint64_t step = 0; step < budget; ++step) {
            if (stepper.step(x, here, normals, random, step) == StepResult::non_finite) {
              throw Error("long run: a path stopped being finite; lower mc.dt");
            }
            ++taken;
            ++counts->steps;
            // The nearest node, when inside the box.
            typename StructuredGrid<dim>::MultiIndex m;
            bool inside = true;
            for (int a = 0; a < dim; ++a) {
              const double s = (x[a] - grid.lower()[a]) / grid.spacing()[a];
              inside =
                  inside && s > -0.5 && s < static_cast<double>(grid.nodes_per_axis()[a]) - 0.5;
              m[a] = static_cast<std::int64_t>(std::llround(s));
            }
            if (inside) {
              ++counts->histogram[grid.index(m)];
            } else {
              ++counts->outside;
            }
            for (std::size_t i = 0; i < k; ++i) {
              if ((x - attractors[i]).norm() < core_radius && static_cast<int>(i) != state) {
                if (state >= 0) ++counts->transitions[static_cast<std::size_t>(state)][i];
                state = static_cast<int>(i);
              }
            }
            if (state >= 0) {
              ++counts->residence[static_cast<std::size_t>(state)];
            } else {
              ++counts->unassigned;
            }
          }
          return char{0};
        };
      },
      steps, progress);
  LongRunCounts total = empty();
  for (const auto& counts : per_thread) total.add(*counts);
  return total;
}

}  // namespace hj

// Monte Carlo exit times of dX = b(X) dt + sqrt(eps) sigma(X) dW (validation.md): Euler-Maruyama
// paths from a start point until they leave an ExitDomain, with the exit also tested between
// steps by the Brownian bridge (a path that ends two steps inside may have crossed in between,
// with probability exp(-2 d0 d1 / (eps dt n^T A n)); without it exit times are biased by
// O(sqrt(dt))).
//
// Path p draws its noise from Philox keyed by (seed, p), with counters that run along the
// path, so every path, and every statistic, is the same for any number of threads.
#pragma once

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/counter_random.hpp"
#include "problems/sde_problem.hpp"
#include "validation/euler_maruyama.hpp"
#include "validation/exit_domain.hpp"
#include "validation/parallel_paths.hpp"

namespace hj {

struct SimulationSettings {
  double eps = 0;           ///< noise strength, > 0
  double dt = 0;            ///< Euler-Maruyama step, > 0
  std::uint64_t paths = 0;  ///< independent paths
  std::uint64_t seed = 1;   ///< with the path index, names every random number
  double max_time = 0;      ///< a path still inside at this time is censored
  unsigned threads = 1;     ///< worker threads (results do not depend on it)
  bool bridge = true;       ///< test for crossings between steps
  /// Each step's Brownian increment is the sum of this many increments of dt / substeps drawn
  /// in sequence: a run at dt with 2 substeps follows the same Brownian path as a run at dt / 2
  /// with 1, so the two differ by the step's bias only (validation.md's step-halving check).
  int noise_substeps = 1;
};

namespace detail {

// The tag that keeps simulation noise apart from generated data drawn with the same seed.
inline constexpr std::uint64_t simulation_key_tag = 0x51D3ull << 48;

template <int dim>
class PathSimulator {
 public:
  PathSimulator(const SdeProblem<dim>& problem, const ExitDomain<dim>& domain,
                const Vector<dim>& start, const SimulationSettings& settings)
      : stepper_(problem, domain, settings.eps, settings.dt, settings.bridge,
                 settings.noise_substeps),
        domain_(domain),
        start_(start),
        settings_(settings) {}

  PathEnd<dim> run(std::uint64_t path, std::uint64_t& steps) const {
    return run(path, steps, [](std::uint64_t, const Vector<dim>&) {});
  }

  /// The same path, with observe(step, x) called after every step that stays inside (hj
  /// validate records sample paths this way; the empty observer costs nothing).
  template <class Observe>
  PathEnd<dim> run(std::uint64_t path, std::uint64_t& steps, Observe&& observe) const {
    const CounterRandom random(settings_.seed ^ simulation_key_tag,
                               static_cast<std::uint32_t>(path));
    NormalStream<dim> normals(random);
    Vector<dim> x = start_;
    BoundaryDistance<dim> here = domain_.distance(x);
    // Integer step counts keep the time exact over millions of steps.
    const auto budget = static_cast<std::uint64_t>(std::ceil(settings_.max_time / settings_.dt));
    for (std::uint64_t step = 0; step < budget; ++step) {
      const Vector<dim> before = x;
      const StepResult result = stepper_.step(x, here, normals, random, step);
      ++steps;
      const double time = static_cast<double>(step + 1) * settings_.dt;
      if (result == StepResult::exited) return {time, x, PathOutcome::exited};
      if (result == StepResult::non_finite) return {time, before, PathOutcome::non_finite};
      observe(step, x);
    }
    return {static_cast<double>(budget) * settings_.dt, x, PathOutcome::censored};
  }

 private:
  EulerMaruyama<dim> stepper_;
  const ExitDomain<dim>& domain_;
  Vector<dim> start_;
  SimulationSettings settings_;
};

}  // namespace detail

/// Simulates settings.paths paths from `start` (inside `domain`) until they exit or reach
/// settings.max_time. `progress(done, total)` is called from the calling thread now and then.
/// Problems that are not thread-safe (expressions) run on one thread.
template <int dim>
SimulationRun<dim> simulate_exits(const SdeProblem<dim>& problem, const ExitDomain<dim>& domain,
                                  const Vector<dim>& start, const SimulationSettings& settings,
                                  const PathProgress& progress = {}) {
  const unsigned threads = problem.thread_safe() ? settings.threads : 1u;
  return simulate_paths<dim>(
      settings.paths, threads,
      [&] {
        // Each thread its own copy of the domain, which its simulator refers to.
        auto own_domain = std::shared_ptr<ExitDomain<dim>>(domain.thread_copy());
        auto simulator =
            std::make_shared<detail::PathSimulator<dim>>(problem, *own_domain, start, settings);
        return [own_domain, simulator](std::uint64_t path, std::uint64_t& steps) {
          return simulator->run(path, steps);
        };
      },
      progress);
}

}  // namespace hj

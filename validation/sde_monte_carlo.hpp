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
// Philox blocks: the normals in block 0 (counted by call), the bridge's uniforms in block 1
// (counted by step).
inline constexpr std::uint32_t bridge_block = 1;

template <int dim>
class PathSimulator {
 public:
  PathSimulator(const SdeProblem<dim>& problem, const ExitDomain<dim>& domain,
                const Vector<dim>& start, const SimulationSettings& settings)
      : problem_(problem), domain_(domain), start_(start), settings_(settings) {
    if (problem.constant_diffusion()) {
      constant_sigma_ = factor(problem.diffusion(to_point<dim>(start)));
    }
  }

  PathEnd<dim> run(std::uint64_t path, std::uint64_t& steps) const {
    const CounterRandom random(settings_.seed ^ simulation_key_tag,
                               static_cast<std::uint32_t>(path));
    NormalStream normals(random);
    const double dt = settings_.dt, noise_scale = std::sqrt(settings_.eps * dt);
    Vector<dim> x = start_;
    BoundaryDistance<dim> here = domain_.distance(x);
    PathEnd<dim> end;
    // Integer step counts keep the time exact over millions of steps.
    const auto budget = static_cast<std::uint64_t>(std::ceil(settings_.max_time / dt));
    for (std::uint64_t step = 0; step < budget; ++step) {
      const auto point = to_point<dim>(x);
      const Matrix<dim> sigma =
          constant_sigma_ ? *constant_sigma_ : factor(problem_.diffusion(point));
      const Vector<dim> next =
          x + dt * problem_.drift(point) + noise_scale * (sigma * brownian_increment(normals));
      const BoundaryDistance<dim> there = domain_.distance(next);
      ++steps;
      const double time = static_cast<double>(step + 1) * dt;
      // (An infinite distance is fine: a sublevel set far from its boundary says so.)
      if (!next.allFinite() || std::isnan(there.inside)) {
        return {time, x, PathOutcome::non_finite};
      }
      if (there.inside <= 0) {
        const double fraction = here.inside / (here.inside - there.inside);
        return {time, x + fraction * (next - x), PathOutcome::exited};
      }
      // Crossing between the steps, the boundary flat at this scale. The probability is below
      // e^-40 unless d0 d1 < 20 eps dt |sigma^T n|^2 <= 20 eps dt |sigma|_F^2: most steps stop
      // at that product.
      if (settings_.bridge &&
          here.inside * there.inside < 20 * noise_scale * noise_scale * sigma.squaredNorm()) {
        const double spread =
            noise_scale * noise_scale * (sigma.transpose() * there.normal).squaredNorm();
        const double exponent = 2 * here.inside * there.inside / spread;
        if (random.uniform(step, 2 * bridge_block) < std::exp(-exponent)) {
          return {time, next + there.inside * there.normal, PathOutcome::exited};
        }
      }
      x = next;
      here = there;
    }
    end.time = static_cast<double>(budget) * dt;
    end.point = x;
    end.outcome = PathOutcome::censored;
    return end;
  }

 private:
  static Matrix<dim> factor(const Matrix<dim>& A) { return A.llt().matrixL(); }

  class NormalStream;

  // N(0, I) as the normalised sum of noise_substeps draws.
  Vector<dim> brownian_increment(NormalStream& normals) const {
    if (settings_.noise_substeps == 1) return normals.next();
    Vector<dim> sum = Vector<dim>::Zero();
    for (int k = 0; k < settings_.noise_substeps; ++k) sum += normals.next();
    return sum / std::sqrt(static_cast<double>(settings_.noise_substeps));
  }

  // Standard normals in sequence, four from each Philox call (single-precision Box-Muller: twice
  // as fast as double precision, and a step's noise needs no more: z to 7 digits, |z| <= 6.7).
  class NormalStream {
   public:
    explicit NormalStream(const CounterRandom& random) : random_(random) {}
    Vector<dim> next() {
      Vector<dim> z;
      for (int k = 0; k < dim; ++k) {
        if (used_ == 4) {
          quad_ = random_.normal_quad(calls_++, 0);
          used_ = 0;
        }
        z[k] = quad_[used_++];
      }
      return z;
    }

   private:
    const CounterRandom& random_;
    std::array<float, 4> quad_{};
    int used_ = 4;
    std::uint64_t calls_ = 0;
  };

  const SdeProblem<dim>& problem_;
  const ExitDomain<dim>& domain_;
  Vector<dim> start_;
  SimulationSettings settings_;
  std::optional<Matrix<dim>> constant_sigma_;
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

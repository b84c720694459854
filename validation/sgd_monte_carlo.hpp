// Monte Carlo of SGD itself (validation.md): the recursion x <- x - eta g_B(x), g_B the mean of
// B per-sample gradients over a minibatch drawn from the data, with or without replacement as
// the problem says (sgd.batch, sgd.replacement). Its Gaussian twin, x <- x - eta grad L +
// eta Cov(g_B)^(1/2) z, is Euler-Maruyama of the problem's SDE with dt = eps = eta
// (simulate_exits with those settings and no bridge). Exits are tested after every step (the
// recursion jumps; there is nothing between steps). Times are in SDE units, steps * eta.
//
// Minibatches come from Philox keyed by (seed, path) with the step as counter: the same for
// any number of threads.
#pragma once

#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "core/counter_random.hpp"
#include "problems/sgd_problem.hpp"
#include "validation/exit_domain.hpp"
#include "validation/parallel_paths.hpp"
#include "validation/sde_monte_carlo.hpp"

namespace hj {
namespace detail {

template <int dim>
class SgdPathSimulator {
 public:
  SgdPathSimulator(const SgdProblem<dim>& problem, const ExitDomain<dim>& domain,
                   const Vector<dim>& start, const SimulationSettings& settings)
      : loss_(problem.loss()),
        sgd_(problem.sgd_settings()),
        domain_(domain),
        start_(start),
        settings_(settings),
        order_(problem.loss().samples()) {}

  PathEnd<dim> run(std::uint64_t path, std::uint64_t& steps) {
    const CounterRandom random(settings_.seed ^ simulation_key_tag,
                               static_cast<std::uint32_t>(path));
    // Without replacement: a partial Fisher-Yates shuffle of `order_`, restarted per path so
    // that a path's minibatches do not depend on the paths the thread ran before.
    std::iota(order_.begin(), order_.end(), 0u);
    const double eta = settings_.dt;  // the learning rate (sgd.eta unless a sweep changes it)
    const auto budget = static_cast<std::uint64_t>(std::ceil(settings_.max_time / eta));
    Vector<dim> x = start_;
    double here = domain_.distance(x).inside;
    for (std::uint64_t step = 0; step < budget; ++step) {
      const Vector<dim> next = x - eta * minibatch_gradient(random, step, x);
      const double there = domain_.distance(next).inside;
      ++steps;
      const double time = static_cast<double>(step + 1) * eta;
      if (!next.allFinite() || std::isnan(there)) return {time, x, PathOutcome::non_finite};
      if (there <= 0) return {time, x + here / (here - there) * (next - x), PathOutcome::exited};
      x = next;
      here = there;
    }
    return {static_cast<double>(budget) * eta, x, PathOutcome::censored};
  }

 private:
  // Uniform in [0, n) from 32 random bits (multiply-shift; bias below n / 2^32).
  static std::uint32_t below(std::uint32_t bits, std::size_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(bits) * n) >> 32);
  }

  Vector<dim> minibatch_gradient(const CounterRandom& random, std::uint64_t step,
                                 const Vector<dim>& x) {
    const std::size_t N = order_.size(), B = sgd_.batch;
    Vector<dim> sum = Vector<dim>::Zero();
    std::array<std::uint32_t, 4> bits{};
    for (std::size_t k = 0; k < B; ++k) {
      if (k % 4 == 0)
        bits = random.words(step, minibatch_block + static_cast<std::uint32_t>(k / 4));
      std::size_t sample;
      if (sgd_.replacement) {
        sample = below(bits[k % 4], N);
      } else {
        const std::size_t j = k + below(bits[k % 4], N - k);
        std::swap(order_[k], order_[j]);
        sample = order_[k];
      }
      sum += loss_.sample_gradient(sample, x);
    }
    return sum / static_cast<double>(B);
  }

  // Normals use block 0 and the bridge block 1 (sde_monte_carlo.hpp); minibatches from 2 on.
  static constexpr std::uint32_t minibatch_block = 2;

  const SgdLoss<dim>& loss_;
  SgdSettings sgd_;
  const ExitDomain<dim>& domain_;
  Vector<dim> start_;
  SimulationSettings settings_;
  std::vector<std::uint32_t> order_;
};

}  // namespace detail

/// Runs the SGD recursion itself with learning rate settings.dt (hj mc sets it to sgd.eta;
/// settings.eps is not used: the noise is the minibatches'). Problems whose loss is not
/// thread-safe (expressions) run on one thread.
template <int dim>
SimulationRun<dim> simulate_sgd_exits(const SgdProblem<dim>& problem, const ExitDomain<dim>& domain,
                                      const Vector<dim>& start, const SimulationSettings& settings,
                                      const PathProgress& progress = {}) {
  const unsigned threads = problem.loss().thread_safe() ? settings.threads : 1u;
  return simulate_paths<dim>(
      settings.paths, threads,
      [&] {
        auto own_domain = std::shared_ptr<ExitDomain<dim>>(domain.thread_copy());
        auto simulator =
            std::make_shared<detail::SgdPathSimulator<dim>>(problem, *own_domain, start, settings);
        return [own_domain, simulator](std::uint64_t path, std::uint64_t& steps) {
          return simulator->run(path, steps);
        };
      },
      progress);
}

}  // namespace hj

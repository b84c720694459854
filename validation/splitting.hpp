// Mean exit times where brute force cannot reach them (V*/eps of 20 and more), by adaptive
// multilevel splitting (Cerou and Guyader 2007) with a reaction coordinate xi, the computed
// quasi-potential V interpolated (validation.md).
//
// The process cycles: from the attractor's neighbourhood A = {xi < z_in} it reaches
// Sigma = {xi >= z_out} (time a), then either falls back into A (a failed cycle, time a + f)
// or exits (time s after Sigma). With p the probability of exiting before A from Sigma's entry
// distribution,
//   E[tau] = (1 - p) / p E[a + f] + E[a] + E[s].
// Brute-force cycles give E[a + f], E[a] and entry points on Sigma; splitting gives p and E[s]:
// N replicas start from entry points and run until A or the exit; repeatedly, the replicas
// whose highest xi is the lowest are killed (k of them; p picks up (N - k) / N) and restarted
// as copies of a survivor from where it first rose above that level, with fresh noise. When
// every replica has exited, p = prod (N - k_i) / N, an unbiased estimate. Independent runs
// give p's spread.
//
// Random numbers: cycles and runs draw from Philox keyed by the seed with their own tags, and
// each simulated segment has its own stream: the same for any number of threads.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/value.hpp"
#include "validation/euler_maruyama.hpp"
#include "validation/parallel_paths.hpp"

namespace hj {

struct SplittingSettings {
  double eps = 0, dt = 0;
  bool bridge = true;
  std::uint64_t seed = 1;
  int replicas = 100;           ///< N
  int runs = 20;                ///< independent splitting runs
  std::uint64_t cycles = 1000;  ///< brute-force cycles A -> Sigma -> A
  double level_in = 0;          ///< z_in: A = {xi < z_in}
  double level_out = 0;         ///< z_out: Sigma = {xi >= z_out}
  double max_time = 1e6;        ///< budget of one segment; beyond it the estimate is refused
  unsigned threads = 1;
};

struct SplittingEstimate {
  std::vector<double> probabilities;  ///< p of each run
  std::vector<int> iterations;        ///< kill-and-restart rounds of each run
  double probability = NAN, probability_se = NAN;
  double cycle_time = NAN, cycle_time_se = NAN;        ///< E[a + f], failed cycles
  double approach_time = NAN;                          ///< E[a]
  double reactive_time = NAN;                          ///< E[s], exited replicas
  std::uint64_t failed_cycles = 0, exited_cycles = 0;  ///< cycles that exited outright
  double mean_exit_time = NAN, mean_exit_time_se = NAN;
  std::uint64_t steps = 0;
};

namespace detail {

inline constexpr std::uint64_t cycle_key_tag = 0xC1C1ull << 48;
inline constexpr std::uint64_t splitting_key_tag = 0xA35ull << 52;

template <int dim>
struct Cycle {
  Vector<dim> entry;    ///< where it reached Sigma
  double approach = 0;  ///< time to reach Sigma
  double duration = 0;  ///< time until back in A (failed) or out (exited)
  bool exited = false;
};

// The highest xi of a replica's path so far, each time it rose: where a copy restarts.
template <int dim>
struct Record {
  double level;
  Vector<dim> x;
  double time;  ///< since the replica's entry on Sigma
};

template <int dim>
struct Replica {
  std::vector<Record<dim>> records;
  bool exited = false;
  double end_time = 0;
  double top() const { return records.back().level; }  // +inf once exited
};

}  // namespace detail

template <int dim>
class Splitting {
 public:
  using Coordinate = std::function<double(const Vector<dim>&)>;

  /// `xi` must be thread-safe; `domain` is copied per thread.
  Splitting(const SdeProblem<dim>& problem, const ExitDomain<dim>& domain, Coordinate xi,
            const SplittingSettings& settings)
      : problem_(problem), domain_(domain), xi_(std::move(xi)), settings_(settings) {}

  SplittingEstimate estimate(const Vector<dim>& attractor, const PathProgress& progress = {}) {
    SplittingEstimate e;
    const auto cycles = run_in_parallel<detail::Cycle<dim>>(
        settings_.cycles, settings_.threads,
        [&] {
          auto domain = std::shared_ptr<ExitDomain<dim>>(domain_.thread_copy());
          return [this, domain, attractor](std::uint64_t c, std::uint64_t& steps) {
            return cycle(*domain, attractor, c, steps);
          };
        },
        e.steps);
    std::vector<Vector<dim>> entries;
    double sum = 0, sum2 = 0, approach = 0;
    for (const auto& c : cycles) {
      entries.push_back(c.entry);
      approach += c.approach;
      if (c.exited) {
        ++e.exited_cycles;
        continue;
      }
      ++e.failed_cycles;
      sum += c.duration;
      sum2 += c.duration * c.duration;
    }
    const auto failed = static_cast<double>(e.failed_cycles);
    e.approach_time = approach / static_cast<double>(cycles.size());
    e.cycle_time = sum / failed;
    e.cycle_time_se = std::sqrt(std::max(sum2 / failed - e.cycle_time * e.cycle_time, 0.0) /
                                std::max(failed - 1, 1.0));
    struct RunResult {
      double probability = 0, reactive = 0;
      int iterations = 0;
    };
    const auto runs = run_in_parallel<RunResult>(
        static_cast<std::uint64_t>(settings_.runs), settings_.threads,
        [&] {
          auto domain = std::shared_ptr<ExitDomain<dim>>(domain_.thread_copy());
          return [this, domain, &entries](std::uint64_t r, std::uint64_t& steps) {
            RunResult result;
            result.probability =
                run(*domain, entries, r, steps, result.reactive, result.iterations);
            return result;
          };
        },
        e.steps, progress);
    double p_sum = 0, p_sum2 = 0, reactive = 0;
    for (const auto& r : runs) {
      e.probabilities.push_back(r.probability);
      e.iterations.push_back(r.iterations);
      p_sum += r.probability;
      p_sum2 += r.probability * r.probability;
      reactive += r.reactive;
    }
    const double R = static_cast<double>(runs.size());
    e.probability = p_sum / R;
    e.probability_se =
        R > 1 ? std::sqrt(std::max(p_sum2 / R - e.probability * e.probability, 0.0) / (R - 1))
              : NAN;
    e.reactive_time = reactive / R;
    const double p = e.probability;
    e.mean_exit_time = (1 - p) / p * e.cycle_time + e.approach_time + e.reactive_time;
    // Delta method over the two independent estimates, p and E[a + f].
    const double dp = e.cycle_time / (p * p) * e.probability_se;
    const double dT = (1 - p) / p * e.cycle_time_se;
    e.mean_exit_time_se = std::sqrt(dp * dp + dT * dT);
    return e;
  }

 private:
  double level(const Vector<dim>& x) const { return xi_(x); }

  // From the attractor up to Sigma, then on until A or the exit.
  detail::Cycle<dim> cycle(const ExitDomain<dim>& domain, const Vector<dim>& attractor,
                           std::uint64_t index, std::uint64_t& steps) const {
    const CounterRandom random(settings_.seed ^ detail::cycle_key_tag,
                               static_cast<std::uint32_t>(index));
    NormalStream<dim> normals(random);
    const EulerMaruyama<dim> stepper(problem_, domain, settings_.eps, settings_.dt,
                                     settings_.bridge);
    detail::Cycle<dim> c;
    Vector<dim> x = attractor;
    BoundaryDistance<dim> here = domain.distance(x);
    bool on_sigma = false;
    const auto budget = static_cast<std::uint64_t>(std::ceil(settings_.max_time / settings_.dt));
    for (std::uint64_t step = 0; step < budget; ++step) {
      const StepResult result = stepper.step(x, here, normals, random, step);
      ++steps;
      const double time = static_cast<double>(step + 1) * settings_.dt;
      check(result, x);
      if (result == StepResult::exited) {
        if (!on_sigma) {
          c.entry = x;
          c.approach = time;
        }
        c.duration = time;
        c.exited = true;
        return c;
      }
      const double xi = level(x);
      if (!on_sigma && xi >= settings_.level_out) {
        on_sigma = true;
        c.entry = x;
        c.approach = time;
      } else if (on_sigma && xi < settings_.level_in) {
        c.duration = time;
        return c;
      }
    }
    throw Error(
        "splitting: a cycle from the attractor through xi = " + format_real(settings_.level_out) +
        " and back did not end within mc.max_time = " + format_real(settings_.max_time) +
        "; raise it or lower splitting.level_out");
  }

  // Simulates replica from its last record until A or the exit, adding records.
  void extend(detail::Replica<dim>& replica, const ExitDomain<dim>& domain,
              const CounterRandom& random, std::uint64_t& steps) const {
    NormalStream<dim> normals(random);
    const EulerMaruyama<dim> stepper(problem_, domain, settings_.eps, settings_.dt,
                                     settings_.bridge);
    const detail::Record<dim> from = replica.records.back();
    Vector<dim> x = from.x;
    BoundaryDistance<dim> here = domain.distance(x);
    double top = from.level;
    const auto budget = static_cast<std::uint64_t>(std::ceil(settings_.max_time / settings_.dt));
    for (std::uint64_t step = 0; step < budget; ++step) {
      const StepResult result = stepper.step(x, here, normals, random, step);
      ++steps;
      const double time = from.time + static_cast<double>(step + 1) * settings_.dt;
      check(result, x);
      if (result == StepResult::exited) {
        // The exit is the path's last rise: a copy made above any finite level may start here.
        replica.records.push_back({std::numeric_limits<double>::infinity(), x, time});
        replica.exited = true;
        replica.end_time = time;
        return;
      }
      const double xi = level(x);
      if (xi < settings_.level_in) {
        replica.end_time = time;
        return;
      }
      if (xi > top) {
        top = xi;
        replica.records.push_back({xi, x, time});
      }
    }
    throw Error("splitting: a replica neither exited nor fell back to xi < " +
                format_real(settings_.level_in) +
                " within mc.max_time = " + format_real(settings_.max_time) + "; raise it");
  }

  // One splitting run: p's estimate; the mean time from Sigma to the exit of the replicas that
  // exited into `reactive`.
  double run(const ExitDomain<dim>& domain, const std::vector<Vector<dim>>& entries,
             std::uint64_t index, std::uint64_t& steps, double& reactive, int& iterations) const {
    const std::uint64_t key = settings_.seed ^ detail::splitting_key_tag ^ (index << 32);
    std::uint32_t segment = 0;
    const CounterRandom choices(key, 0xFFFFFFFFu);
    std::uint64_t draw = 0;
    auto pick = [&](std::size_t n) {
      const auto words = choices.words(draw++, 2);
      return static_cast<std::size_t>((static_cast<std::uint64_t>(words[0]) * n) >> 32);
    };
    const int N = settings_.replicas;
    std::vector<detail::Replica<dim>> replicas(static_cast<std::size_t>(N));
    for (auto& replica : replicas) {
      const Vector<dim>& start = entries[pick(entries.size())];
      replica.records = {{level(start), start, 0.0}};
      extend(replica, domain, CounterRandom(key, segment++), steps);
    }
    double probability = 1;
    for (iterations = 0;; ++iterations) {
      double z = std::numeric_limits<double>::infinity();
      for (const auto& replica : replicas) z = std::min(z, replica.top());
      if (std::isinf(z)) break;  // every replica exited
      std::vector<std::size_t> killed, survivors;
      for (std::size_t i = 0; i < replicas.size(); ++i) {
        (replicas[i].top() <= z ? killed : survivors).push_back(i);
      }
      if (survivors.empty()) return 0;  // extinction: all stuck at one level
      probability *= static_cast<double>(survivors.size()) / N;
      for (const std::size_t i : killed) {
        const auto& parent = replicas[survivors[pick(survivors.size())]];
        std::size_t first = 0;
        while (parent.records[first].level <= z) ++first;  // the first rise above z
        replicas[i].records.assign(parent.records.begin(),
                                   parent.records.begin() + static_cast<std::ptrdiff_t>(first) + 1);
        const auto& branch = replicas[i].records.back();
        replicas[i].exited = std::isinf(branch.level);  // copied right at the parent's exit
        replicas[i].end_time = branch.time;
        if (!replicas[i].exited) extend(replicas[i], domain, CounterRandom(key, segment++), steps);
      }
    }
    reactive = 0;
    for (const auto& replica : replicas) reactive += replica.end_time / N;
    return probability;
  }

  void check(StepResult result, const Vector<dim>& x) const {
    if (result == StepResult::non_finite) {
      throw Error("splitting: a path stopped being finite near " +
                  format_point<dim>(to_point<dim>(x)) + "; lower mc.dt");
    }
  }

  const SdeProblem<dim>& problem_;
  const ExitDomain<dim>& domain_;
  Coordinate xi_;
  SplittingSettings settings_;
};

}  // namespace hj

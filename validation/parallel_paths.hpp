// Independent simulated paths (or other tasks) on several threads. Each path's random numbers are
// keyed by its index (never by the thread that runs it) and its end is stored at its index, so a
// run's results are the same for any number of threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "problems/vector_types.hpp"

namespace hj {

enum class PathOutcome : std::uint8_t { exited, censored, non_finite };

template <int dim>
struct PathEnd {
  double time = 0;    ///< the exit time; for a censored path, the time budget
  Vector<dim> point;  ///< where it crossed the boundary; else the last position
  PathOutcome outcome = PathOutcome::censored;
};

template <int dim>
struct SimulationRun {
  std::vector<PathEnd<dim>> paths;  ///< indexed by path
  std::uint64_t steps = 0;          ///< time steps over all paths
  unsigned threads = 1;
};

/// Called with (paths done, paths in all) from the calling thread now and then.
using PathProgress = std::function<void(std::uint64_t, std::uint64_t)>;

/// Runs tasks 0 .. count-1 on `threads` threads (the calling one included) and returns their
/// results by index. `make_runner()` is called once per thread and returns that thread's runner,
/// a callable Result(std::uint64_t task, std::uint64_t& steps) that adds the steps it took. An
/// exception in any runner stops every thread and is rethrown here.
template <class Result, class MakeRunner>
std::vector<Result> run_in_parallel(std::uint64_t count, unsigned threads, MakeRunner make_runner,
                                    std::uint64_t& total_steps, const PathProgress& progress = {}) {
  std::vector<Result> results(count);
  std::atomic<std::uint64_t> next_chunk{0}, done{0}, steps{0};
  constexpr std::uint64_t chunk = 16;
  auto work_on_tasks = [&](bool reports) {
    auto runner = make_runner();
    std::uint64_t own_steps = 0;
    for (;;) {
      const std::uint64_t first = next_chunk.fetch_add(chunk);
      if (first >= count) break;
      const std::uint64_t last = std::min(first + chunk, count);
      for (std::uint64_t t = first; t < last; ++t) results[t] = runner(t, own_steps);
      const std::uint64_t finished = done.fetch_add(last - first) + (last - first);
      if (reports && progress) progress(finished, count);
    }
    steps.fetch_add(own_steps);
  };
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&](bool reports) {
    try {
      work_on_tasks(reports);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next_chunk = count;
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < std::max(1u, threads); ++t) workers.emplace_back(work, false);
  work(true);
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
  total_steps += steps.load();
  return results;
}

/// Runs paths 0 .. paths-1 (run_in_parallel) into a SimulationRun.
template <int dim, class MakeRunner>
SimulationRun<dim> simulate_paths(std::uint64_t paths, unsigned threads, MakeRunner make_runner,
                                  const PathProgress& progress = {}) {
  SimulationRun<dim> run;
  run.threads = std::max(1u, threads);
  run.paths = run_in_parallel<PathEnd<dim>>(paths, run.threads, make_runner, run.steps, progress);
  return run;
}

}  // namespace hj

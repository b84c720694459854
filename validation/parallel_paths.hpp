// Independent simulated paths on several threads. Each path's random numbers are keyed by its
// index (never by the thread that runs it) and its end is stored at its index, so a run's
// results are the same for any number of threads.
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

/// Runs paths 0 .. paths-1 on `threads` threads (the calling one included). `make_runner()` is
/// called once per thread and returns that thread's runner, a callable
/// PathEnd<dim>(std::uint64_t path, std::uint64_t& steps) that adds the steps it took. An
/// exception in any runner stops every thread and is rethrown here.
template <int dim, class MakeRunner>
SimulationRun<dim> simulate_paths(std::uint64_t paths, unsigned threads, MakeRunner make_runner,
                                  const PathProgress& progress = {}) {
  SimulationRun<dim> run;
  run.paths.resize(paths);
  run.threads = std::max(1u, threads);
  std::atomic<std::uint64_t> next_chunk{0}, done{0}, steps{0};
  constexpr std::uint64_t chunk = 16;
  auto work_on_paths = [&](bool reports) {
    auto runner = make_runner();
    std::uint64_t own_steps = 0;
    for (;;) {
      const std::uint64_t first = next_chunk.fetch_add(chunk);
      if (first >= paths) break;
      const std::uint64_t last = std::min(first + chunk, paths);
      for (std::uint64_t p = first; p < last; ++p) run.paths[p] = runner(p, own_steps);
      const std::uint64_t finished = done.fetch_add(last - first) + (last - first);
      if (reports && progress) progress(finished, paths);
    }
    steps.fetch_add(own_steps);
  };
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&](bool reports) {
    try {
      work_on_paths(reports);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next_chunk = paths;
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < run.threads; ++t) workers.emplace_back(work, false);
  work(true);
  for (auto& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
  run.steps = steps.load();
  return run;
}

}  // namespace hj

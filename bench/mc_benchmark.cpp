// Euler-Maruyama throughput of the Monte Carlo simulator (issue 5: at least 50 million steps a
// second on the 2 cores for a 2-d polynomial drift with constant noise). The drift is the
// catalogue's double-well-rot (cubic, f = 1, A = I); the exit box is far enough that no path
// leaves, so every path runs its whole time budget and the step count is known.
//   build/bench/hj_bench_mc [--threads N] [--repeats R] [--paths P] [--steps S]
// prints one JSON line per thread count: median steps/s over the repeats.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "problems/sde_benchmarks.hpp"
#include "validation/sde_monte_carlo.hpp"

int main(int argc, char** argv) {
  unsigned max_threads = 2;
  int repeats = 5;
  std::uint64_t paths = 64, steps = 200000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--threads") max_threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
    if (flag == "--repeats") repeats = std::stoi(argv[i + 1]);
    if (flag == "--paths") paths = std::stoull(argv[i + 1]);
    if (flag == "--steps") steps = std::stoull(argv[i + 1]);
  }
  const hj::DoubleWellRotation problem(1.0);
  const hj::BoxExit<2> far(hj::Vector<2>(-50, -50), hj::Vector<2>(50, 50));
  hj::SimulationSettings settings;
  settings.eps = 0.2;
  settings.dt = 1e-3;
  settings.paths = paths;
  settings.max_time = static_cast<double>(steps) * settings.dt;
  for (unsigned threads = 1; threads <= max_threads; threads *= 2) {
    settings.threads = threads;
    std::vector<double> rates;
    for (int r = 0; r < repeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      const auto run = hj::simulate_exits<2>(problem, far, hj::Vector<2>(-1, 0), settings);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      rates.push_back(static_cast<double>(run.steps) / seconds);
    }
    std::sort(rates.begin(), rates.end());
    std::printf(
        "{\"threads\": %u, \"paths\": %llu, \"steps_per_path\": %llu, \"repeats\": %d, "
        "\"median_steps_per_s\": %.4g, \"min_steps_per_s\": %.4g, \"max_steps_per_s\": %.4g}\n",
        threads, static_cast<unsigned long long>(paths), static_cast<unsigned long long>(steps),
        repeats, rates[rates.size() / 2], rates.front(), rates.back());
  }
}

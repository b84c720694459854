// Times first- or second-order fast marching from a point source at constant speed, the setting
// of the scikit-fmm comparison (bench/compare_scikit_fmm.py). One process per grid size, so that
// the peak memory it reports belongs to that size alone.
//
// usage: hj_bench_fmm DIM N [ORDER=1] [REPEATS=5] [THREADS=1]
// prints one JSON object: median and all times, nodes per second, peak memory above baseline.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/memory.hpp"
#include "problems/eikonal_problems.hpp"
#include "solvers/fmm_solver.hpp"

namespace {

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <int dim>
int run(std::int64_t n, int order, int repeats, int threads) {
  using namespace hj;
  const std::uint64_t baseline = current_rss_bytes();
  typename StructuredGrid<dim>::Point lower, upper;
  typename StructuredGrid<dim>::MultiIndex nodes;
  lower.fill(-1.0);
  upper.fill(1.0);
  nodes.fill(n);
  const StructuredGrid<dim> grid(lower, upper, nodes);
  const EikonalPointSources<dim> problem("eikonal-point", 1.0, {typename Problem<dim>::Point{}});
  FmmSettings settings;
  settings.order = order;
  settings.seed_radius = 0;  // the smallest ball: the cell corners around the source
  settings.threads = threads;
  std::vector<double> seconds, setup_seconds, march_seconds;
  double checksum = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const Result<dim> result = solve_fmm(problem, grid, settings);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (result.status != Status::ok) {
      std::fprintf(stderr, "solve failed: %s\n", result.brief_report().c_str());
      return 1;
    }
    checksum = result.value[grid.size() - 1];
    setup_seconds.push_back(result.statistics.time_setup_s);
    march_seconds.push_back(result.statistics.time_march_s);
  }
  const std::uint64_t peak = peak_rss_bytes();
  const double median = median_of(seconds);
  std::printf("{\"dim\": %d, \"n\": %lld, \"nodes\": %zu, \"order\": %d, \"threads\": %d, ", dim,
              static_cast<long long>(n), grid.size(), order, threads);
  std::printf("\"median_s\": %.6f, ", median);
  std::printf("\"setup_median_s\": %.6f, \"march_median_s\": %.6f, ", median_of(setup_seconds),
              median_of(march_seconds));
  std::printf("\"times_s\": [");
  for (std::size_t i = 0; i < seconds.size(); ++i) std::printf("%s%.6f", i ? ", " : "", seconds[i]);
  std::printf("], \"nodes_per_s\": %.4g, \"peak_rss_bytes\": %llu, \"baseline_rss_bytes\": %llu, ",
              static_cast<double>(grid.size()) / median, static_cast<unsigned long long>(peak),
              static_cast<unsigned long long>(baseline));
  std::printf("\"bytes_per_node\": %.2f, \"corner_value\": %.17g}\n",
              static_cast<double>(peak - baseline) / static_cast<double>(grid.size()), checksum);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DIM N [ORDER=1] [REPEATS=5] [THREADS=1]\n", argv[0]);
    return 2;
  }
  const int dim = std::atoi(argv[1]);
  const std::int64_t n = std::atoll(argv[2]);
  const int order = argc > 3 ? std::atoi(argv[3]) : 1;
  const int repeats = argc > 4 ? std::atoi(argv[4]) : 5;
  const int threads = argc > 5 ? std::atoi(argv[5]) : 1;
  if (n < 3 || (order != 1 && order != 2) || repeats < 1 || threads < 1 ||
      (threads > 1 && order != 1)) {
    std::fprintf(stderr,
                 "N must be at least 3, ORDER 1 or 2, REPEATS and THREADS at least 1, and "
                 "THREADS 1 for ORDER 2\n");
    return 2;
  }
  if (dim == 2) return run<2>(n, order, repeats, threads);
  if (dim == 3) return run<3>(n, order, repeats, threads);
  std::fprintf(stderr, "DIM must be 2 or 3\n");
  return 2;
}

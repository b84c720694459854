// Near-source seeding for point sources. Close to a point source u behaves like a cone, which
// grid updates resolve badly; errors made there would spread everywhere. So nodes within a
// small ball around each source get their value directly, from the straight ray to the source
// with the trapezoid rule: u(x) ~ |x - x0| (s(x0) + s(x)) / 2. That is exact for constant
// slowness and for slowness growing linearly with the distance, and O(r^3) otherwise.
#pragma once

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>
#include <vector>

#include "meshes/structured_grid.hpp"
#include "problems/eikonal_problem.hpp"

namespace hj {

struct Seed {
  std::size_t node;
  double value;
};

/// Seeds within `radius` of each source, sorted by value; the smaller value wins where balls
/// overlap. The radius is at least one cell diagonal, so every source seeds its cell's corners.
template <int dim>
std::vector<Seed> point_source_seeds(const EikonalProblem<dim>& problem,
                                     const StructuredGrid<dim>& grid, double radius) {
  double diagonal = 0;
  for (double h : grid.spacing()) diagonal += h * h;
  // A hair of slack so that nodes exactly on the sphere are in, on every side alike: the
  // rounding of node coordinates must not break the grid's symmetry.
  radius = std::max(radius, std::sqrt(diagonal)) * (1 + 1e-12);

  std::unordered_map<std::size_t, double> best;
  for (const auto& source : problem.sources()) {
    const double source_slowness = problem.slowness(source);
    typename StructuredGrid<dim>::MultiIndex low, high, m;
    for (int a = 0; a < dim; ++a) {
      const double h = grid.spacing()[a];
      low[a] = std::max<std::int64_t>(
          0, static_cast<std::int64_t>(std::floor((source[a] - radius - grid.lower()[a]) / h)));
      high[a] = std::min<std::int64_t>(
          grid.nodes_per_axis()[a] - 1,
          static_cast<std::int64_t>(std::ceil((source[a] + radius - grid.lower()[a]) / h)));
    }
    m = low;
    while (true) {
      const auto x = grid.point(m);
      const double r = distance<dim>(x, source);
      if (r <= radius) {
        const double u = r * 0.5 * (source_slowness + problem.slowness(x));
        const std::size_t node = grid.index(m);
        const auto found = best.find(node);
        if (found == best.end() || u < found->second) best[node] = u;
      }
      int a = 0;  // odometer over the index box
      while (a < dim && ++m[a] > high[a]) {
        m[a] = low[a];
        ++a;
      }
      if (a == dim) break;
    }
  }
  std::vector<Seed> seeds;
  seeds.reserve(best.size());
  for (const auto& [node, value] : best) seeds.push_back({node, value});
  std::sort(seeds.begin(), seeds.end(), [](const Seed& x, const Seed& y) {
    return x.value < y.value || (x.value == y.value && x.node < y.node);
  });
  return seeds;
}

}  // namespace hj

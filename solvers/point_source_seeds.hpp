// Near-source seeding for point sources. Close to a point source u behaves like a cone, which
// grid updates resolve badly; errors made there would spread everywhere. So nodes within a
// small ball around each source get their value directly, from the straight ray to the source
// with the trapezoid rule: u(x) ~ (F(x0, x - x0) + F(x, x - x0)) / 2, F the local cost (for the
// eikonal equation F(x, v) = s(x) |v|). That is exact for a constant cost (and, for the
// eikonal equation, for slowness growing linearly with the distance), O(r^3) otherwise.
#pragma once

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>
#include <vector>

#include "meshes/structured_grid.hpp"
#include "problems/eikonal_problem.hpp"
#include "problems/metric_problem.hpp"

namespace hj {

struct Seed {
  std::size_t node;
  double value;
};

/// Seeds within `radius` of each source with the value `ray_value(source, x)`, sorted by value;
/// the smaller value wins where balls overlap. The radius is at least one cell diagonal, so
/// every source seeds its cell's corners.
template <int dim, typename RayValue>
std::vector<Seed> ball_seeds(const std::vector<std::array<double, dim>>& sources,
                             const StructuredGrid<dim>& grid, double radius,
                             const RayValue& ray_value) {
  double diagonal = 0;
  for (double h : grid.spacing()) diagonal += h * h;
  // A hair of slack so that nodes exactly on the sphere are in, on every side alike: the
  // rounding of node coordinates must not break the grid's symmetry.
  radius = std::max(radius, std::sqrt(diagonal)) * (1 + 1e-12);

  std::unordered_map<std::size_t, double> best;
  for (const auto& source : sources) {
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
        const double u = ray_value(source, x);
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

/// Eikonal: u(x) = |x - x0| (s(x0) + s(x)) / 2.
template <int dim>
std::vector<Seed> point_source_seeds(const EikonalProblem<dim>& problem,
                                     const StructuredGrid<dim>& grid, double radius) {
  return ball_seeds<dim>(
      problem.sources(), grid, radius,
      [&](const std::array<double, dim>& source, const std::array<double, dim>& x) {
        return distance<dim>(x, source) * 0.5 * (problem.slowness(source) + problem.slowness(x));
      });
}

/// Metric: u(x) = (F(x0, v) + F(x, v)) / 2 with v = x - x0.
template <int dim>
std::vector<Seed> point_source_seeds(const MetricProblem<dim>& problem,
                                     const StructuredGrid<dim>& grid, double radius) {
  return ball_seeds<dim>(
      problem.sources(), grid, radius,
      [&](const std::array<double, dim>& source, const std::array<double, dim>& x) {
        const Vector<dim> v = to_vector<dim>(x) - to_vector<dim>(source);
        return 0.5 * (randers_cost<dim>(problem.metric(source), problem.one_form(source), v) +
                      randers_cost<dim>(problem.metric(x), problem.one_form(x), v));
      });
}

}  // namespace hj

#include <gtest/gtest.h>

#include "problems/eikonal_problems.hpp"
#include "solvers/point_source_seeds.hpp"

namespace hj {
namespace {

TEST(PointSourceSeeds, ExactForConstantSpeedAndSortedByValue) {
  const StructuredGrid<2> grid({-1, -1}, {1, 1}, {41, 41});
  const EikonalPointSources<2> problem("p", 2.0, {{0.013, -0.2}});
  const auto seeds = point_source_seeds<2>(problem, grid, 0.3);
  ASSERT_FALSE(seeds.empty());
  std::size_t inside = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    inside += distance<2>(grid.point(i), problem.sources()[0]) <= 0.3;
  }
  EXPECT_EQ(seeds.size(), inside);
  for (std::size_t k = 0; k < seeds.size(); ++k) {
    const auto x = grid.point(seeds[k].node);
    EXPECT_DOUBLE_EQ(seeds[k].value, *problem.exact_solution(x));
    if (k > 0) {
      EXPECT_LE(seeds[k - 1].value, seeds[k].value);
    }
  }
}

TEST(PointSourceSeeds, ExactForSlownessGrowingWithDistance) {
  const StructuredGrid<3> grid({-1, -1, -1}, {1, 1, 1}, {21, 21, 21});
  const EikonalRadialSlowness<3> problem({0.05, 0.0, -0.1});
  for (const Seed& seed : point_source_seeds<3>(problem, grid, 0.35)) {
    EXPECT_NEAR(seed.value, *problem.exact_solution(grid.point(seed.node)), 1e-15);
  }
}

TEST(PointSourceSeeds, TinyRadiusStillSeedsTheSourceCell) {
  const StructuredGrid<2> grid({0, 0}, {1, 1}, {11, 11});
  const EikonalPointSources<2> problem("p", 1.0, {{0.55, 0.55}});
  EXPECT_EQ(point_source_seeds<2>(problem, grid, 0.0).size(), 4u);
}

TEST(PointSourceSeeds, OverlappingBallsKeepTheSmallerValue) {
  const StructuredGrid<2> grid({0, 0}, {1, 1}, {11, 11});
  const EikonalPointSources<2> problem("p", 1.0, {{0.4, 0.5}, {0.6, 0.5}});
  for (const Seed& seed : point_source_seeds<2>(problem, grid, 0.3)) {
    EXPECT_DOUBLE_EQ(seed.value, *problem.exact_solution(grid.point(seed.node)));
  }
}

}  // namespace
}  // namespace hj

// Minimum action paths traced through a computed quasi-potential against the exact instanton.
#include <gtest/gtest.h>

#include "problems/sde_benchmarks.hpp"
#include "solvers/jet_solver.hpp"
#include "solvers/minimum_action_path.hpp"
#include "solvers/olim_solver.hpp"

namespace hj {
namespace {

// The exact backward flow of linear-rot, psi' = -(b + A grad V) = -(2x - y, 2x + y) for
// a = 2, c = 1, at unit speed with tiny steps: a dense polyline of the exact path.
std::vector<std::array<double, 2>> exact_path(std::array<double, 2> x, double stop_radius) {
  std::vector<std::array<double, 2>> points{x};
  while (std::hypot(x[0], x[1]) > stop_radius) {
    const double vx = -(2 * x[0] - x[1]), vy = -(2 * x[0] + x[1]);
    const double speed = std::hypot(vx, vy);
    x = {x[0] + 1e-4 * vx / speed, x[1] + 1e-4 * vy / speed};
    points.push_back(x);
  }
  return points;
}

double distance_to_polyline(const std::array<double, 2>& p,
                            const std::vector<std::array<double, 2>>& line) {
  double best = 1e300;
  for (const auto& q : line) best = std::min(best, std::hypot(p[0] - q[0], p[1] - q[1]));
  return best;
}

// linear-rot solved by olim up to the level V = level.
Result<2> solve_by_olim(const LinearRotation& problem, const StructuredGrid<2>& grid,
                        int radius_steps, double seed_radius, double level) {
  OlimSettings settings;
  settings.radius_steps = radius_steps;
  settings.seed_radius = seed_radius;
  settings.stop = StoppingRule::below_level(level);
  return solve_olim(problem, grid, settings);
}

TEST(MinimumActionPath, FollowsTheInstantonAndItsActionMatchesV) {
  const LinearRotation problem(2.0, 1.0);
  const StructuredGrid<2> grid({-4.0 / 3, -2.0}, {4.0 / 3, 2.0}, {257, 257});
  const double seed_radius = 3 * grid.max_spacing();
  const Result<2> result =
      solve_by_olim(problem, grid, default_radius_steps(257), seed_radius, 3.5);
  const auto attractor = find_attractor<2>(problem, {0, 0});
  const MinimumActionPaths<2> paths(problem, result, attractor, seed_radius);

  for (const std::array<double, 2>& target :
       {std::array<double, 2>{1.0, 0.0}, std::array<double, 2>{-0.5, 1.2}}) {
    const ActionPath<2> path = paths.trace(target);
    ASSERT_TRUE(path.reached_attractor) << path.stop_reason;
    const double exact = *problem.exact_solution(target);
    // The action is computed from the path alone; it matches V within the solver's error.
    EXPECT_NEAR(path.action, exact, 0.01 * exact);
    EXPECT_NEAR(path.value_at_target, exact, 0.01 * exact);
    // Every point lies on the exact instanton, within a few grid steps.
    const auto reference = exact_path(target, 0.5 * seed_radius);
    double deviation = 0;
    for (const auto& p : path.points)
      deviation = std::max(deviation, distance_to_polyline(p, reference));
    EXPECT_LT(deviation, 2 * grid.max_spacing());
  }
}

TEST(MinimumActionPath, AdaptiveStepsStayWithinAGridSpacing) {
  const LinearRotation problem(2.0, 1.0);
  const StructuredGrid<2> grid({-1, -1}, {1, 1}, {65, 65});
  const Result<2> result = solve_by_olim(problem, grid, 6, 0.1, 2.5);
  const auto attractor = find_attractor<2>(problem, {0, 0});
  std::vector<double> actions;
  for (double tolerance : {1e-4, 1e-6, 1e-9}) {
    const MinimumActionPaths<2> paths(problem, result, attractor, 0.1, TraceSettings{tolerance});
    const ActionPath<2> path = paths.trace({0.8, 0.6});
    ASSERT_TRUE(path.reached_attractor) << path.stop_reason;
    double longest = 0;
    for (std::size_t k = 1; k < path.points.size(); ++k) {
      longest = std::max(longest, distance<2>(path.points[k], path.points[k - 1]));
    }
    EXPECT_LE(longest, grid.spacing()[0] * (1 + 1e-12));
    actions.push_back(path.action);
  }
  // The integration error is far below the field's: the tolerance barely moves the action.
  EXPECT_NEAR(actions[0], actions[2], 1e-4);
  EXPECT_NEAR(actions[1], actions[2], 1e-5);
}

TEST(MinimumActionPath, TargetsOutsideTheSolvedRegionAreReported) {
  const LinearRotation problem(2.0, 1.0);
  const StructuredGrid<2> grid({-1, -1}, {1, 1}, {65, 65});
  const Result<2> result = solve_by_olim(problem, grid, 6, 0.1, 0.5);
  const MinimumActionPaths<2> paths(problem, result, find_attractor<2>(problem, {0, 0}), 0.1);
  const ActionPath<2> path = paths.trace({0.9, 0.9});  // V = 2.43 > 0.5: never accepted
  EXPECT_FALSE(path.reached_attractor);
  EXPECT_NE(path.stop_reason.find("outside the region"), std::string::npos);
}

// With the jet's carried gradient V at a target between nodes is exact for quadratic V (each
// corner adds half its tangent plane's correction); from the values alone, multilinear
// interpolation errs by O(h^2). Measured on this 33 x 33 grid: 2.8e-8 against 4.6e-3.
TEST(MinimumActionPath, ValueAtTargetUsesTheCarriedGradient) {
  const LinearRotation problem(2.0, 1.0);
  const StructuredGrid<2> grid({-4.0 / 3, -2.0}, {4.0 / 3, 2.0}, {33, 33});
  const JetSettings settings = default_jet_settings(grid, problem, StoppingRule::below_level(3.5));
  Result<2> result = solve_jet(problem, grid, settings);
  const auto attractor = find_attractor<2>(problem, {0, 0});
  const std::array<double, 2> target = {0.41, 0.33};  // inside a cell
  const double exact = *problem.exact_solution(target);
  const double with_gradient =
      MinimumActionPaths<2>(problem, result, attractor, settings.seed_radius)
          .trace(target)
          .value_at_target;
  result.gradient.clear();  // now the values alone
  const double multilinear = MinimumActionPaths<2>(problem, result, attractor, settings.seed_radius)
                                 .trace(target)
                                 .value_at_target;
  EXPECT_LT(std::abs(with_gradient - exact), 1e-5);
  EXPECT_GT(std::abs(multilinear - exact), 1e-4);
}

}  // namespace
}  // namespace hj

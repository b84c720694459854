// Two independent routes to the same minimum action path: traced backwards through a computed V
// (olim on a modest grid), and gMAM from b and A alone. Their actions agree within the field's
// own error and the traced path lies on the gMAM path.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "solvers/gmam.hpp"
#include "solvers/minimum_action_path.hpp"
#include "solvers/olim_solver.hpp"
#include "validation/path_distance.hpp"

namespace hj {
namespace {

struct Case {
  std::string name;
  std::shared_ptr<const SdeProblem<2>> problem;
  std::array<double, 2> lower, upper;
  double level;  ///< the march stops there: beyond it the paths would leave the box
  std::vector<std::array<double, 2>> targets;
};

void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class PathAgreement : public ::testing::TestWithParam<Case> {};

TEST_P(PathAgreement, TracedAndGmamPathsAgree) {
  const Case& c = GetParam();
  const SdeProblem<2>& problem = *c.problem;
  const StructuredGrid<2> grid(c.lower, c.upper, {129, 129});
  const double h = grid.max_spacing();
  OlimSettings settings;
  settings.radius_steps = default_radius_steps(129);
  settings.seed_radius = 3 * h;
  settings.stop = StoppingRule::below_level(c.level);
  const Result<2> result = solve_olim(problem, grid, settings);
  const auto attractor = find_attractor<2>(problem, {0, 0});
  const MinimumActionPaths<2> paths(problem, result, attractor, settings.seed_radius);
  for (const auto& target : c.targets) {
    const ActionPath<2> traced = paths.trace(target);
    ASSERT_TRUE(traced.reached_attractor) << traced.stop_reason;
    const GmamPath<2> gmam = geometric_minimum_action<2>(
        problem, gmam_start<2>(attractor.point, target, traced.points), GmamSettings{});
    ASSERT_TRUE(gmam.converged) << gmam.status_detail;
    // The field's error at the target is first order in h (about 1e-3 here); the traced path's
    // action is stationary in the path's error, so it agrees with gMAM far better.
    const double field_error = std::abs(traced.value_at_target - gmam.action);
    EXPECT_LT(field_error, 0.005 * gmam.action);
    EXPECT_LT(std::abs(traced.action - gmam.action), 0.1 * field_error);
    // The traced path lies on the gMAM path; closed across the capture ball (where the true path
    // spirals into the attractor) both are within a couple of grid steps of each other.
    EXPECT_LT(detail::one_sided_distance<2>(traced.points, gmam.points), 0.5 * h);
    auto closed = traced.points;
    closed.push_back(attractor.point);
    EXPECT_LT(hausdorff_distance<2>(closed, gmam.points), 2 * h);
  }
}

INSTANTIATE_TEST_SUITE_P(Problems, PathAgreement,
                         ::testing::Values(
                             // linear-rot, A = I: V = 2x^2 + y^2.
                             Case{"linear_rot",
                                  std::make_shared<LinearRotation>(2.0, 1.0),
                                  {-4.0 / 3, -2.0},
                                  {4.0 / 3, 2.0},
                                  3.5,
                                  {{1.0, 0.5}, {-0.5, 1.2}}},
                             // decomposed: variable A(x), V = U.
                             Case{"decomposed",
                                  std::make_shared<DecomposedSde<2>>(Vector<2>(1.0, 2.0), 0.5, 0.5),
                                  {-1.5, -1.5},
                                  {1.5, 1.5},
                                  1.5,
                                  {{0.8, 0.6}, {-0.7, 0.5}}}),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace hj

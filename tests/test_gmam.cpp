// The geometric minimum action method against exact quasi-potentials: its action converges to V
// as the number of points grows (constant and variable A, 2-d and 3-d), and every way it can end
// is reported.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "solvers/gmam.hpp"
#include "tests/dimensions.hpp"
#include "validation/path_distance.hpp"

namespace hj {
namespace {

template <int dim>
std::vector<double> action_errors(const SdeProblem<dim>& problem,
                                  const std::array<double, dim>& target,
                                  const std::vector<int>& point_counts) {
  std::vector<double> errors;
  for (int points : point_counts) {
    GmamSettings settings;
    settings.points = points;
    const GmamPath<dim> path =
        geometric_minimum_action<dim>(problem, {std::array<double, dim>{}, target}, settings);
    EXPECT_TRUE(path.converged) << points << " points: " << path.status_detail;
    EXPECT_EQ(path.status, GmamStatus::converged);
    EXPECT_EQ(path.points.size(), static_cast<std::size_t>(points));
    EXPECT_LE(path.action_change, settings.tolerance);
    errors.push_back(std::abs(path.action - *problem.exact_solution(target)));
  }
  return errors;
}

// The error falls at every doubling of the points, and by at least M^-1.5 over the range (the
// midpoint rule is second order; near a focus the path spirals into the attractor and the
// unresolved turns make single doublings irregular).
void expect_convergence(const std::vector<double>& errors) {
  for (std::size_t k = 1; k < errors.size(); ++k) {
    EXPECT_LT(errors[k], errors[k - 1]) << "doubling " << k;
  }
  const double order =
      std::log2(errors.front() / errors.back()) / static_cast<double>(errors.size() - 1);
  EXPECT_GT(order, 1.5);
}

TEST(Gmam, LinearRotationActionConvergesToV) {
  // V = 2x^2 + y^2: V(1, 0.5) = 2.25.
  const LinearRotation problem(2.0, 1.0);
  const auto errors = action_errors<2>(problem, {1.0, 0.5}, {50, 100, 200, 400});
  expect_convergence(errors);
  EXPECT_LT(errors.back(), 1e-5);  // 2.3e-6 measured
}

template <typename Dim>
class GmamDecomposed : public ::testing::Test {};
TYPED_TEST_SUITE(GmamDecomposed, test::Dimensions);

// b = -1/2 A grad U + l with a variable A(x) and l orthogonal to grad U: V = U.
TYPED_TEST(GmamDecomposed, VariableDiffusionActionConvergesToU) {
  constexpr int dim = TypeParam::value;
  if constexpr (dim == 2) {
    const DecomposedSde<2> problem(Vector<2>(1.0, 2.0), 0.5, 0.5);
    expect_convergence(action_errors<2>(problem, {0.8, 0.6}, {25, 50, 100}));
  } else {
    const DecomposedSde<3> problem(Vector<3>(1.0, 2.0, 4.0), 0.5, 1.5);
    expect_convergence(action_errors<3>(problem, {0.6, 0.5, 0.4}, {25, 50, 100}));
  }
}

TEST(Gmam, FollowsTheExactInstanton) {
  // The instanton of linear-rot: the backward flow psi' = -(2x - y, 2x + y), densely sampled.
  std::vector<std::array<double, 2>> instanton;
  std::array<double, 2> x{1.0, 0.5};
  while (std::hypot(x[0], x[1]) > 1e-6) {
    instanton.insert(instanton.begin(), x);
    const double vx = -(2 * x[0] - x[1]), vy = -(2 * x[0] + x[1]);
    const double step = std::min(1e-4, 0.01 * std::hypot(x[0], x[1])) / std::hypot(vx, vy);
    x = {x[0] + step * vx, x[1] + step * vy};
  }
  const LinearRotation problem(2.0, 1.0);
  GmamSettings settings;
  settings.points = 200;
  const GmamPath<2> straight = geometric_minimum_action<2>(problem, {{0, 0}, {1.0, 0.5}}, settings);
  EXPECT_LT(hausdorff_distance<2>(straight.points, instanton), 0.01);
  // Started from the instanton itself it stays there and converges sooner.
  instanton.insert(instanton.begin(), {0.0, 0.0});
  const GmamPath<2> started = geometric_minimum_action<2>(problem, instanton, settings);
  EXPECT_TRUE(started.converged);
  EXPECT_LT(started.iterations, straight.iterations);
  EXPECT_NEAR(started.action, straight.action, 1e-6);
}

TEST(Gmam, TheAttractorAsTargetCostsNothing) {
  const LinearRotation problem(2.0, 1.0);
  const GmamPath<2> path = geometric_minimum_action<2>(problem, {{0, 0}, {0, 0}}, GmamSettings{});
  EXPECT_TRUE(path.converged);
  EXPECT_EQ(path.action, 0);
}

TEST(Gmam, TheIterationLimitIsReported) {
  const LinearRotation problem(2.0, 1.0);
  GmamSettings settings;
  settings.max_iterations = 5;
  const GmamPath<2> path = geometric_minimum_action<2>(problem, {{0, 0}, {1.0, 0.5}}, settings);
  EXPECT_FALSE(path.converged);
  EXPECT_EQ(path.status, GmamStatus::iteration_limit);
  EXPECT_EQ(path.iterations, 5);
  EXPECT_TRUE(std::isfinite(path.action));
  EXPECT_NE(path.status_detail.find("no convergence in 5 iterations"), std::string::npos);
}

// A = diag(1, 1 - x): not positive definite beyond x = 1.
class BrokenDiffusion final : public SdeProblem<2> {
 public:
  std::string name() const override { return "broken"; }
  Vector<2> drift(const Point& x) const override { return {-x[0], -x[1]}; }
  Matrix<2> diffusion(const Point& x) const override {
    return Vector<2>(1.0, 1.0 - x[0]).asDiagonal();
  }
  Point default_attractor_guess() const override { return {0, 0}; }
};

TEST(Gmam, ADiffusionThatIsNotPositiveDefiniteIsReported) {
  const BrokenDiffusion problem;
  const GmamPath<2> path = geometric_minimum_action<2>(problem, {{0, 0}, {2.0, 0.0}}, {});
  EXPECT_FALSE(path.converged);
  EXPECT_EQ(path.status, GmamStatus::diffusion_not_spd);
  EXPECT_NE(path.status_detail.find("A is not positive definite at ["), std::string::npos);
}

}  // namespace
}  // namespace hj

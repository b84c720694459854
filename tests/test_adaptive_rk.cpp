// The embedded Runge-Kutta pairs: the global error follows the tolerance on an ODE with a known
// solution, steps respect their bounds, and every way of stopping is reported.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "solvers/adaptive_rk.hpp"

namespace hj {
namespace {

template <typename Pair>
class AdaptiveRk : public ::testing::Test {};
using Pairs = ::testing::Types<BogackiShampine32, DormandPrince54>;
TYPED_TEST_SUITE(AdaptiveRk, Pairs);

using State2 = Eigen::Vector2d;
using State1 = Eigen::Matrix<double, 1, 1>;

// A damped rotation, y' = [[-0.1, 1], [-1, -0.1]] y: y(t) = e^{-t/10} (cos t, -sin t).
bool damped_rotation(double, const State2& y, State2& dydt) {
  dydt = State2(-0.1 * y[0] + y[1], -y[0] - 0.1 * y[1]);
  return true;
}

TYPED_TEST(AdaptiveRk, GlobalErrorFollowsTheTolerance) {
  const double t_end = 10;
  const State2 exact = std::exp(-0.1 * t_end) * State2(std::cos(t_end), -std::sin(t_end));
  std::vector<double> errors;
  std::vector<std::size_t> steps;
  const std::vector<double> tolerances = {1e-4, 1e-6, 1e-8, 1e-10};
  for (double tolerance : tolerances) {
    AdaptiveRkSettings settings;
    settings.absolute_tolerance = settings.relative_tolerance = tolerance;
    const AdaptiveRungeKutta<2, TypeParam> rk(settings);
    const auto out = rk.integrate(damped_rotation, 0.0, State2(1, 0), t_end,
                                  [](double, const State2&) { return true; });
    ASSERT_EQ(out.stop, RkStop::reached_end);
    EXPECT_DOUBLE_EQ(out.t, t_end);
    errors.push_back((out.y - exact).norm());
    steps.push_back(out.accepted);
  }
  for (std::size_t i = 0; i < errors.size(); ++i) {
    // Within a modest factor of the tolerance: neither far above it nor wastefully below.
    EXPECT_LT(errors[i], 20 * tolerances[i]) << tolerances[i];
    EXPECT_GT(errors[i], 1e-3 * tolerances[i]) << tolerances[i];
    if (i == 0) continue;
    // 100 times tighter: the error falls with it (slope of log error against log tolerance
    // between 0.7 and 1.3) and the steps grow.
    const double slope = std::log(errors[i - 1] / errors[i]) / std::log(100.0);
    EXPECT_GT(slope, 0.7) << tolerances[i];
    EXPECT_LT(slope, 1.3) << tolerances[i];
    EXPECT_GT(steps[i], steps[i - 1]);
  }
}

TYPED_TEST(AdaptiveRk, StepsStayWithinTheMaximum) {
  AdaptiveRkSettings settings;
  settings.absolute_tolerance = settings.relative_tolerance = 1e-3;
  settings.max_step = 0.25;
  const AdaptiveRungeKutta<2, TypeParam> rk(settings);
  double previous = 0, longest = 0;
  const auto out =
      rk.integrate(damped_rotation, 0.0, State2(1, 0), 10.0, [&](double t, const State2&) {
        longest = std::max(longest, t - previous);
        previous = t;
        return true;
      });
  EXPECT_EQ(out.stop, RkStop::reached_end);
  EXPECT_LE(longest, 0.25 * (1 + 1e-12));
  EXPECT_GE(out.accepted, 40u);
}

TYPED_TEST(AdaptiveRk, AnEventStopsAtTheStepThatCrossesIt) {
  AdaptiveRkSettings settings;
  settings.max_step = 0.01;
  const AdaptiveRungeKutta<1, TypeParam> rk(settings);
  const auto out =
      rk.integrate([](double, const State1&, State1& d) { return d.setOnes(), true; }, 0.0,
                   State1(0.0), 10.0, [](double, const State1& y) { return y[0] < 0.5; });
  EXPECT_EQ(out.stop, RkStop::event);
  EXPECT_GE(out.y[0], 0.5);
  EXPECT_LT(out.y[0], 0.5 + 0.01 + 1e-12);
}

TYPED_TEST(AdaptiveRk, AnUndefinedFieldStopsAtItsEdge) {
  // y' = 1, defined only for y <= 1: the integration creeps up to the edge within min_step.
  AdaptiveRkSettings settings;
  settings.max_step = 0.3;
  settings.min_step = 1e-9;
  const AdaptiveRungeKutta<1, TypeParam> rk(settings);
  const auto out = rk.integrate(
      [](double, const State1& y, State1& d) {
        d.setOnes();
        return y[0] <= 1;
      },
      0.0, State1(0.0), 5.0, [](double, const State1&) { return true; });
  EXPECT_EQ(out.stop, RkStop::undefined_rhs);
  EXPECT_LE(out.y[0], 1);
  EXPECT_GT(out.y[0], 1 - 1e-8);
  EXPECT_GT(out.rejected, 0u);
}

TYPED_TEST(AdaptiveRk, ABlowUpStopsWithATooSmallStep) {
  // y' = y^2, y(0) = 1: y = 1 / (1 - t) blows up at t = 1.
  AdaptiveRkSettings settings;
  settings.absolute_tolerance = settings.relative_tolerance = 1e-8;
  settings.min_step = 1e-10;
  const AdaptiveRungeKutta<1, TypeParam> rk(settings);
  const auto out = rk.integrate(
      [](double, const State1& y, State1& d) {
        d[0] = y[0] * y[0];
        return true;
      },
      0.0, State1(1.0), 2.0, [](double, const State1&) { return true; });
  EXPECT_EQ(out.stop, RkStop::step_too_small);
  EXPECT_NEAR(out.t, 1, 1e-6);
  EXPECT_GT(out.y[0], 1e6);
}

TYPED_TEST(AdaptiveRk, TooManyStepsIsReported) {
  AdaptiveRkSettings settings;
  settings.absolute_tolerance = settings.relative_tolerance = 1e-3;
  settings.max_step = 0.01;
  settings.max_steps = 50;
  const AdaptiveRungeKutta<2, TypeParam> rk(settings);
  const auto out = rk.integrate(damped_rotation, 0.0, State2(1, 0), 10.0,
                                [](double, const State2&) { return true; });
  EXPECT_EQ(out.stop, RkStop::too_many_steps);
  EXPECT_EQ(out.accepted, 50u);
  EXPECT_NEAR(out.t, 0.5, 1e-12);
}

}  // namespace
}  // namespace hj

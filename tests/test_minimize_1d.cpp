#include <gtest/gtest.h>

#include <cmath>

#include "solvers/minimize_1d.hpp"

namespace hj {
namespace {

TEST(Minimize1d, FindsInteriorMinimaOfSmoothFunctions) {
  int calls = 0;
  const auto m = minimize_on_interval(
      [&](double x) {
        ++calls;
        return (x - 0.3) * (x - 0.3) + 0.1 * std::pow(x - 0.3, 4) + 2;
      },
      0.0, 1.0);
  EXPECT_NEAR(m.x, 0.3, 1e-8);
  EXPECT_NEAR(m.value, 2.0, 1e-14);
  EXPECT_LT(calls, 30);  // parabolic steps, not golden section alone (which needs ~45)
}

TEST(Minimize1d, NonSmoothAndEndPointMinima) {
  EXPECT_NEAR(minimize_on_interval([](double x) { return std::abs(x - 0.71); }, 0, 1).x, 0.71,
              1e-8);
  // Increasing function: the minimum is at the left end, within the tolerance.
  EXPECT_NEAR(minimize_on_interval([](double x) { return std::exp(x); }, 0, 1).x, 0.0, 1e-8);
  // A segment cost like the line-integral updates': sqrt(1 + (x - c)^2) + x.
  const auto m =
      minimize_on_interval([](double x) { return std::hypot(1.0, 2.0 - 4 * x) + x; }, 0, 1);
  // Derivative: -4 (2 - 4x) / hypot + 1 = 0  =>  (2 - 4x) = 1/sqrt(15).
  EXPECT_NEAR(m.x, (2 - 1 / std::sqrt(15.0)) / 4, 1e-8);
}

TEST(Minimize1d, PolishingPlacesAMinimumThatBrentLeftAtItsTolerance) {
  // The jet stops Brent's method at 1e-7 (each further digit costs evaluations) and polishes
  // with one Newton step on central differences: the arrival gradient needs the start placed to
  // about 1e-10. An offset of 0.03 and a curvature of 0.1, like its edge candidates; minima
  // inside and within 1e-6 of either end (the step then evaluates f beyond the interval).
  for (const double c : {0.4306, 3e-7, 1 - 2e-7}) {
    const auto f = [c](double x) {
      const double d = x - c;
      return 0.03 + 0.05 * d * d + 0.01 * d * d * d;
    };
    const Minimum1d brent = minimize_on_interval(f, 0.0, 1.0, 1e-7);
    const Minimum1d polished = polish_minimum(f, brent, 0.0, 1.0);
    EXPECT_NEAR(polished.x, c, 1e-10) << "c = " << c << ", Brent's x - c = " << brent.x - c;
    EXPECT_LE(polished.value, brent.value);
  }
}

}  // namespace
}  // namespace hj

// Newton's method on a triangle for the face updates: finds interior minima of smooth convex
// functions, and reports none when the minimum lies on the boundary or f is not convex.
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/minimize_on_triangle.hpp"

namespace hj {
namespace {

TEST(MinimizeOnTriangle, FindsAnInteriorMinimumOfANonQuadraticConvexFunction) {
  // sqrt(1 + |l - c|^2) + small quartic: minimum at c = (0.3, 0.45) (inside).
  auto f = [](double l1, double l2) {
    const double a = l1 - 0.3, b = l2 - 0.45;
    return std::sqrt(1 + 4 * a * a + b * b) + a * a * a * a;
  };
  const auto minimum = interior_minimum_on_triangle(f, {0.1, 0.1});
  ASSERT_TRUE(minimum.has_value());
  EXPECT_NEAR(minimum->lambda[0], 0.3, 1e-6);
  EXPECT_NEAR(minimum->lambda[1], 0.45, 1e-6);
  EXPECT_NEAR(minimum->value, 1.0, 1e-12);
}

TEST(MinimizeOnTriangle, NoInteriorMinimumWhenItLiesOutside) {
  // Minimum at (0.7, 0.6), beyond the edge l1 + l2 = 1.
  auto f = [](double l1, double l2) { return (l1 - 0.7) * (l1 - 0.7) + (l2 - 0.6) * (l2 - 0.6); };
  EXPECT_FALSE(interior_minimum_on_triangle(f, {0.2, 0.2}).has_value());
}

TEST(MinimizeOnTriangle, NoInteriorMinimumForASaddle) {
  auto f = [](double l1, double l2) { return (l1 - 0.3) * (l1 - 0.3) - (l2 - 0.3) * (l2 - 0.3); };
  EXPECT_FALSE(interior_minimum_on_triangle(f, {0.25, 0.25}).has_value());
}

}  // namespace
}  // namespace hj

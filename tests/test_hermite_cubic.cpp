// The Hermite cubics of jet marching: exact for quadratics (values and slopes), the triangle's
// restriction to an edge is the edge's interpolant, and the corner data are matched.
#include <gtest/gtest.h>

#include <array>

#include "problems/sde_problem.hpp"
#include "solvers/hermite_cubic.hpp"

namespace hj {
namespace {

// A quadratic in the plane of a triangle, with its gradient.
double quadratic(const Vector<2>& z) {
  return 1.5 + 0.3 * z[0] - 0.7 * z[1] + 2 * z[0] * z[0] - z[0] * z[1] + 0.5 * z[1] * z[1];
}
Vector<2> quadratic_gradient(const Vector<2>& z) {
  return Vector<2>(0.3 + 4 * z[0] - z[1], -0.7 - z[0] + z[1]);
}

struct Corners {
  std::array<Vector<2>, 3> z = {Vector<2>(0.1, 0.2), Vector<2>(0.6, 0.1), Vector<2>(0.3, 0.7)};
  std::array<double, 3> u;
  std::array<std::array<double, 3>, 3> slope;
  Corners() {
    for (int k = 0; k < 3; ++k) {
      u[k] = quadratic(z[k]);
      for (int l = 0; l < 3; ++l) slope[k][l] = quadratic_gradient(z[k]).dot(z[l] - z[k]);
    }
  }
};

TEST(HermiteCubic, TriangleReproducesQuadratics) {
  const Corners c;
  for (const std::array<double, 3>& w : {std::array<double, 3>{1, 0, 0},
                                         {0.2, 0.5, 0.3},
                                         {1.0 / 3, 1.0 / 3, 1.0 / 3},
                                         {0, 0.4, 0.6}}) {
    const Vector<2> z = w[0] * c.z[0] + w[1] * c.z[1] + w[2] * c.z[2];
    const HermiteSample<3> s = hermite_on_triangle(c.u, c.slope, w);
    EXPECT_NEAR(s.value, quadratic(z), 1e-13);
    EXPECT_NEAR(s.slope[0], quadratic_gradient(z).dot(c.z[1] - c.z[0]), 1e-12);
    EXPECT_NEAR(s.slope[1], quadratic_gradient(z).dot(c.z[2] - c.z[0]), 1e-12);
  }
}

TEST(HermiteCubic, TriangleOnAnEdgeIsTheEdgeInterpolant) {
  // Data that no quadratic fits: the two must still agree along the edge z0 z1.
  const std::array<double, 3> u = {1.0, 1.4, 0.8};
  const std::array<std::array<double, 3>, 3> slope = {
      std::array<double, 3>{0, 0.9, -0.2}, {-0.1, 0, 0.5}, {0.3, -0.6, 0}};
  const std::array<std::array<double, 2>, 2> edge_slope = {std::array<double, 2>{0, 0.9},
                                                           {-0.1, 0}};
  for (double t : {0.0, 0.25, 0.6, 1.0}) {
    const HermiteSample<3> on_face = hermite_on_triangle(u, slope, {1 - t, t, 0});
    const HermiteSample<2> on_edge = hermite_on_edge({u[0], u[1]}, edge_slope, t);
    EXPECT_NEAR(on_face.value, on_edge.value, 1e-14) << t;
    EXPECT_NEAR(on_face.slope[0], on_edge.slope[0], 1e-13) << t;
  }
  // Corner 1 of the edge: its value and its own slope (grad V(z1) . (z1 - z0) = 0.1).
  EXPECT_NEAR(hermite_on_edge({u[0], u[1]}, edge_slope, 1).value, 1.4, 1e-15);
  EXPECT_NEAR(hermite_on_edge({u[0], u[1]}, edge_slope, 1).slope[0], 0.1, 1e-14);
}

}  // namespace
}  // namespace hj

// Cubic Hermite interpolation of V on a front edge or face from the values and gradients at its
// corners, for jet marching. On an edge it is the classic cubic Hermite interpolant (fourth-order
// accurate). On a triangle it is the Bernstein-Bezier cubic whose corner and edge coefficients
// come from the corner values and gradients, and whose centre coefficient is the one that
// reproduces every quadratic (third-order accurate, enough for a second-order march, which loses
// one order summing O(1/h) steps). Along each edge of the triangle it is the edge's interpolant,
// so edge and face updates agree where they meet.
//
// Corner k sits at z_k with value u_k; `slope[k][l]` = grad V(z_k) . (z_l - z_k).
#pragma once

#include <array>

namespace hj {

/// V and its derivatives along the simplex's edge vectors e_l = z_l - z_0, at a point with
/// barycentric weights w (sum 1).
template <int corners>
struct HermiteSample {
  double value;
  std::array<double, corners - 1> slope;  ///< dV/dlambda_l, moving the point along e_l
};

/// The cubic Hermite interpolant on the edge z_0 z_1 at weight t of z_1.
inline HermiteSample<2> hermite_on_edge(const std::array<double, 2>& u,
                                        const std::array<std::array<double, 2>, 2>& slope,
                                        double t) {
  const double s0 = slope[0][1], s1 = -slope[1][0];  // both along e = z_1 - z_0
  const double t2 = t * t, t3 = t2 * t;
  return {(2 * t3 - 3 * t2 + 1) * u[0] + (t3 - 2 * t2 + t) * s0 + (3 * t2 - 2 * t3) * u[1] +
              (t3 - t2) * s1,
          {(6 * t2 - 6 * t) * (u[0] - u[1]) + (3 * t2 - 4 * t + 1) * s0 + (3 * t2 - 2 * t) * s1}};
}

/// The Bernstein-Bezier cubic on the triangle z_0 z_1 z_2 at barycentric weights w.
inline HermiteSample<3> hermite_on_triangle(const std::array<double, 3>& u,
                                            const std::array<std::array<double, 3>, 3>& slope,
                                            const std::array<double, 3>& w) {
  // Coefficients: corners c[k][k][k] = u_k; beside corner k towards l, u_k + slope[k][l] / 3.
  double edge[3][3];
  double edge_sum = 0;
  for (int k = 0; k < 3; ++k) {
    for (int l = 0; l < 3; ++l) {
      if (l == k) continue;
      edge[k][l] = u[k] + slope[k][l] / 3;
      edge_sum += edge[k][l];
    }
  }
  const double centre = edge_sum / 4 - (u[0] + u[1] + u[2]) / 6;
  const double w0 = w[0], w1 = w[1], w2 = w[2];
  const double value =
      u[0] * w0 * w0 * w0 + u[1] * w1 * w1 * w1 + u[2] * w2 * w2 * w2 +
      3 * (edge[0][1] * w0 * w0 * w1 + edge[0][2] * w0 * w0 * w2 + edge[1][0] * w1 * w1 * w0 +
           edge[1][2] * w1 * w1 * w2 + edge[2][0] * w2 * w2 * w0 + edge[2][1] * w2 * w2 * w1) +
      6 * centre * w0 * w1 * w2;
  // dV/dw_k: three times the quadratic whose coefficients are the cubic's shifted towards k.
  const double d0 = 3 * (u[0] * w0 * w0 + edge[1][0] * w1 * w1 + edge[2][0] * w2 * w2 +
                         2 * (edge[0][1] * w0 * w1 + edge[0][2] * w0 * w2 + centre * w1 * w2));
  const double d1 = 3 * (edge[0][1] * w0 * w0 + u[1] * w1 * w1 + edge[2][1] * w2 * w2 +
                         2 * (edge[1][0] * w0 * w1 + centre * w0 * w2 + edge[1][2] * w1 * w2));
  const double d2 = 3 * (edge[0][2] * w0 * w0 + edge[1][2] * w1 * w1 + u[2] * w2 * w2 +
                         2 * (centre * w0 * w1 + edge[2][0] * w0 * w2 + edge[2][1] * w1 * w2));
  return {value, {d1 - d0, d2 - d0}};
}

}  // namespace hj

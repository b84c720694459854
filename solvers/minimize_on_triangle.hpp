// Minimising a smooth convex function of barycentric coordinates over a triangle, for the face
// (tetrahedron) updates of the 3-d marchers: a point on a front face is z = z0 + l1 e1 + l2 e2
// with l1, l2 >= 0 and l1 + l2 <= 1. Only an interior minimum is of interest there: a minimum on
// an edge or at a vertex is a triangle or one-point update that the callers offer on their own.
//
// Newton's method with central-difference derivatives and step halving. The functions are
// smooth, convex and nearly quadratic on a face (a value interpolant plus a segment action), so a
// few iterations reach the minimum. Steps are kept inside the triangle; when they can no longer
// move, the minimum is on its boundary. A Hessian that is not positive definite means the face is
// not worth a search.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace hj {

struct MinimumOnTriangle {
  std::array<double, 2> lambda;  ///< barycentric coordinates of the minimiser (l1, l2)
  double value;
};

/// The largest fraction of `step` from l (inside) that stays inside the triangle, at most 1.
inline double fraction_inside(const std::array<double, 2>& l, const std::array<double, 2>& step) {
  double fraction = 1;
  if (step[0] < 0) fraction = std::min(fraction, -l[0] / step[0]);
  if (step[1] < 0) fraction = std::min(fraction, -l[1] / step[1]);
  const double towards_third = step[0] + step[1];
  if (towards_third > 0) fraction = std::min(fraction, (1 - l[0] - l[1]) / towards_third);
  return fraction;
}

/// The minimum of f(l1, l2) inside the triangle l1, l2 > 0, l1 + l2 < 1, searched from `start`
/// (inside); empty when the minimum is on the boundary or f is not convex where searched.
template <typename F>
std::optional<MinimumOnTriangle> interior_minimum_on_triangle(F&& f, std::array<double, 2> start,
                                                              double tolerance = 1e-9,
                                                              int max_iterations = 12) {
  // delta: central differences err by O(delta^2 f''') in the gradient (which places the
  // minimum) and by O(eps f / delta^2) in the Hessian (which only sets the convergence rate).
  constexpr double delta = 1e-4;
  std::array<double, 2> l = start;
  double value = f(l[0], l[1]);
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    const double f_p0 = f(l[0] + delta, l[1]), f_m0 = f(l[0] - delta, l[1]);
    const double f_0p = f(l[0], l[1] + delta), f_0m = f(l[0], l[1] - delta);
    const double f_pp = f(l[0] + delta, l[1] + delta);
    const double g0 = (f_p0 - f_m0) / (2 * delta), g1 = (f_0p - f_0m) / (2 * delta);
    const double h00 = (f_p0 - 2 * value + f_m0) / (delta * delta);
    const double h11 = (f_0p - 2 * value + f_0m) / (delta * delta);
    const double h01 = (f_pp - f_p0 - f_0p + value) / (delta * delta);
    const double determinant = h00 * h11 - h01 * h01;
    if (!(h00 > 0 && determinant > 0)) return std::nullopt;
    std::array<double, 2> step = {-(h11 * g0 - h01 * g1) / determinant,
                                  -(h00 * g1 - h01 * g0) / determinant};
    // A step that would leave the triangle is shortened to stop short of its boundary; one
    // that can no longer move means the minimum is on the boundary.
    const double fraction = fraction_inside(l, step);
    if (fraction < 1) {
      if (fraction < 1e-3) return std::nullopt;
      step = {0.9 * fraction * step[0], 0.9 * fraction * step[1]};
    }
    // Halve the step until it decreases f (a Newton step almost always does at once).
    for (int halving = 0;; ++halving) {
      const std::array<double, 2> next = {l[0] + step[0], l[1] + step[1]};
      const double next_value = f(next[0], next[1]);
      if (next_value <= value) {
        l = next;
        value = next_value;
        break;
      }
      if (halving == 8) return MinimumOnTriangle{l, value};  // no decrease left to find
      step = {0.5 * step[0], 0.5 * step[1]};
    }
    // The step itself must fall below the tolerance: stopping at sqrt(tolerance), on the
    // assumption that the next step would be its square, left the jet's face minima short and
    // cost 3-d grad V a factor 4 (linear-rot-3d, n = 129: 1.8e-5 against 4.9e-6), the anisotropic
    // linear field its order (n = 129: 4.1e-6 against 1.3e-6), and saved no time.
    if (std::abs(step[0]) + std::abs(step[1]) < tolerance) break;
  }
  return MinimumOnTriangle{l, value};
}

}  // namespace hj

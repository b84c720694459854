// Minimising a function of one variable on an interval (Brent's method: golden-section steps
// with parabolic interpolation when it behaves). Used by the line-integral updates to place the
// start of a segment on a front edge.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace hj {

struct Minimum1d {
  double x;
  double value;
};

/// The minimum of f on [low, high], to within `tolerance` in x. f should be unimodal there; if it
/// is not, a local minimum is returned (callers compare with the end points).
template <typename F>
Minimum1d minimize_on_interval(F&& f, double low, double high, double tolerance = 1e-10,
                               int max_iterations = 60) {
  constexpr double golden = 0.3819660112501051;  // (3 - sqrt 5) / 2
  double a = low, b = high;
  double x = a + golden * (b - a), w = x, v = x;
  double fx = f(x), fw = fx, fv = fx;
  double step = 0, previous_step = 0;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    const double middle = 0.5 * (a + b);
    const double tol1 = tolerance + 1e-12 * std::abs(x), tol2 = 2 * tol1;
    if (std::abs(x - middle) <= tol2 - 0.5 * (b - a)) break;
    bool golden_step = true;
    if (std::abs(previous_step) > tol1) {
      // Parabola through (v, fv), (w, fw), (x, fx).
      const double r = (x - w) * (fx - fv);
      double q = (x - v) * (fx - fw);
      double p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = std::abs(q);
      if (std::abs(p) < std::abs(0.5 * q * previous_step) && p > q * (a - x) && p < q * (b - x)) {
        previous_step = step;
        step = p / q;
        const double u = x + step;
        if (u - a < tol2 || b - u < tol2) step = x < middle ? tol1 : -tol1;
        golden_step = false;
      }
    }
    if (golden_step) {
      previous_step = (x < middle ? b : a) - x;
      step = golden * previous_step;
    }
    const double u = std::abs(step) >= tol1 ? x + step : x + (step > 0 ? tol1 : -tol1);
    const double fu = f(u);
    if (fu <= fx) {
      (u < x ? b : a) = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      (u < x ? a : b) = u;
      if (fu <= fw || w == x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u;
        fv = fu;
      }
    }
  }
  return {x, fx};
}

/// Newton steps on central differences from a minimum found by minimize_on_interval. Comparing
/// values places x only to about sqrt(machine epsilon) relative to the interval (values within
/// f'' dx^2 / 2 of the minimum round to the same number), the derivative to about
/// eps |f| / (step f''). f is evaluated up to `step` outside [low, high] (it must be defined
/// there: a minimum just inside an end is then placed as well as any other); x stays inside.
template <typename F>
Minimum1d polish_minimum(F&& f, Minimum1d minimum, double low, double high, double step = 1e-5,
                         int newton_steps = 1) {
  for (int k = 0; k < newton_steps; ++k) {
    const double forward = f(minimum.x + step), backward = f(minimum.x - step);
    const double slope = (forward - backward) / (2 * step);
    const double curvature = (forward - 2 * minimum.value + backward) / (step * step);
    if (!(curvature > 0)) break;
    const double x = std::clamp(minimum.x - slope / curvature, low, high);
    const double value = f(x);
    // The step guards against a wild Newton step; near the minimum, values equal to rounding
    // may come out either way, and the step is the better placed of the two.
    if (!(value <=
          minimum.value + 64 * std::numeric_limits<double>::epsilon() * std::abs(minimum.value)))
      break;
    minimum = {x, value};
  }
  return minimum;
}

}  // namespace hj

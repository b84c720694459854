// Embedded Runge-Kutta pairs with step-size control for y' = f(t, y), y in R^dim. Each step
// advances with the higher-order solution and estimates its local error from the embedded
// lower-order one; the step grows or shrinks so that the estimate stays within
// atol + rtol |y| (componentwise, max norm). f may be undefined at some states (outside the
// region where a field is known): a stage there rejects the step and halves it, so the solution
// ends close to the edge of that region with a reported reason instead of a wrong value.
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include "core/error.hpp"

namespace hj {

/// Bogacki-Shampine 3(2): three new stages a step (the last stage is the next step's first).
struct BogackiShampine32 {
  static constexpr int stages = 4;
  static constexpr int error_order = 2;  ///< order of the embedded estimate
  static constexpr double c[stages] = {0, 0.5, 0.75, 1};
  static constexpr double a[stages][stages] = {
      {0, 0, 0, 0}, {0.5, 0, 0, 0}, {0, 0.75, 0, 0}, {2.0 / 9, 1.0 / 3, 4.0 / 9, 0}};
  static constexpr double b[stages] = {2.0 / 9, 1.0 / 3, 4.0 / 9, 0};  ///< third order
  static constexpr double b_low[stages] = {7.0 / 24, 0.25, 1.0 / 3, 0.125};
};

/// Dormand-Prince 5(4): six new stages a step (first same as last).
struct DormandPrince54 {
  static constexpr int stages = 7;
  static constexpr int error_order = 4;
  static constexpr double c[stages] = {0, 0.2, 0.3, 0.8, 8.0 / 9, 1, 1};
  static constexpr double a[stages][stages] = {
      {0, 0, 0, 0, 0, 0, 0},
      {0.2, 0, 0, 0, 0, 0, 0},
      {3.0 / 40, 9.0 / 40, 0, 0, 0, 0, 0},
      {44.0 / 45, -56.0 / 15, 32.0 / 9, 0, 0, 0, 0},
      {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729, 0, 0, 0},
      {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656, 0, 0},
      {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0}};
  static constexpr double b[stages] = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784,
                                       11.0 / 84,  0};  ///< fifth order
  static constexpr double b_low[stages] = {
      5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40};
};

struct AdaptiveRkSettings {
  double absolute_tolerance = 1e-8;
  double relative_tolerance = 1e-8;
  double initial_step = 0;  ///< 0: start from max_step (or the whole interval) and let it shrink
  double max_step = std::numeric_limits<double>::infinity();
  double min_step = 1e-12;  ///< > 0; a step that would have to be shorter stops the integration
  std::size_t max_steps = 1000000;
};

/// Why an integration ended.
enum class RkStop {
  reached_end,     ///< t reached t_end
  event,           ///< the observer asked to stop
  undefined_rhs,   ///< f was undefined even on a step of min_step
  step_too_small,  ///< the error control asked for a step below min_step
  too_many_steps,  ///< max_steps accepted steps without reaching the end
};

inline std::string to_string(RkStop stop) {
  switch (stop) {
    case RkStop::reached_end:
      return "reached_end";
    case RkStop::event:
      return "event";
    case RkStop::undefined_rhs:
      return "undefined_rhs";
    case RkStop::step_too_small:
      return "step_too_small";
    case RkStop::too_many_steps:
      return "too_many_steps";
  }
  return "unknown";
}

template <int dim>
struct RkOutcome {
  RkStop stop = RkStop::reached_end;
  double t = 0;
  Eigen::Matrix<double, dim, 1> y;
  std::size_t accepted = 0, rejected = 0;
};

/// Integrates y' = f(t, y) from (t0, y0) towards t_end (> t0) with the pair `Pair`.
/// `f(t, y, dydt)` returns false where f is undefined; `observe(t, y)` sees the initial state and
/// every accepted step and returns false to stop there (an event).
template <int dim, typename Pair = DormandPrince54>
class AdaptiveRungeKutta {
 public:
  using State = Eigen::Matrix<double, dim, 1>;

  explicit AdaptiveRungeKutta(const AdaptiveRkSettings& settings) : settings_(settings) {
    HJ_CHECK(settings.min_step > 0 && settings.min_step <= settings.max_step,
             "the minimum step must be positive and at most the maximum step");
  }

  template <typename F, typename Observe>
  RkOutcome<dim> integrate(F&& f, double t0, const State& y0, double t_end,
                           Observe&& observe) const {
    RkOutcome<dim> out;
    out.t = t0;
    out.y = y0;
    if (!observe(out.t, out.y)) return stopped(out, RkStop::event);
    State k[Pair::stages];
    bool have_first_stage = f(out.t, out.y, k[0]);
    double h = settings_.initial_step > 0 ? settings_.initial_step
                                          : std::min(settings_.max_step, t_end - t0);
    while (out.t < t_end) {
      if (out.accepted >= settings_.max_steps) return stopped(out, RkStop::too_many_steps);
      const double remaining = t_end - out.t;
      const bool last = h >= remaining;
      if (last) h = remaining;
      bool defined = have_first_stage;
      for (int s = 1; s < Pair::stages && defined; ++s) {
        State y = out.y;
        for (int j = 0; j < s; ++j) {
          if (Pair::a[s][j] != 0) y += h * Pair::a[s][j] * k[j];
        }
        defined = f(out.t + Pair::c[s] * h, y, k[s]);
      }
      if (!defined) {  // some stage left the region where f is known: try a shorter step
        ++out.rejected;
        if (!have_first_stage || h <= settings_.min_step) {
          return stopped(out, RkStop::undefined_rhs);
        }
        h = std::max(0.5 * h, settings_.min_step);
        continue;
      }
      State high = out.y, low = out.y;
      for (int s = 0; s < Pair::stages; ++s) {
        high += h * Pair::b[s] * k[s];
        low += h * Pair::b_low[s] * k[s];
      }
      const State scale =
          (settings_.absolute_tolerance +
           settings_.relative_tolerance * out.y.cwiseAbs().cwiseMax(high.cwiseAbs()).array())
              .matrix();
      const double error = ((high - low).cwiseAbs().array() / scale.array()).maxCoeff();
      if (!std::isfinite(error)) {
        ++out.rejected;
        if (h <= settings_.min_step) return stopped(out, RkStop::step_too_small);
        h = std::max(0.5 * h, settings_.min_step);
        continue;
      }
      // The usual controller: aim at error 1 with a safety factor, change by at most 5x.
      const double factor =
          error == 0 ? 5
                     : std::clamp(0.9 * std::pow(error, -1.0 / (Pair::error_order + 1)), 0.2, 5.0);
      if (error > 1) {
        ++out.rejected;
        if (h <= settings_.min_step) return stopped(out, RkStop::step_too_small);
        h = std::max(h * std::min(factor, 0.9), settings_.min_step);
        continue;
      }
      out.t = last ? t_end : out.t + h;
      out.y = high;
      ++out.accepted;
      // First same as last: the last stage was evaluated at the new state.
      k[0] = k[Pair::stages - 1];
      have_first_stage = true;
      if (!observe(out.t, out.y)) return stopped(out, RkStop::event);
      h = std::clamp(h * factor, settings_.min_step, settings_.max_step);
    }
    return out;
  }

 private:
  static RkOutcome<dim> stopped(RkOutcome<dim>& out, RkStop why) {
    out.stop = why;
    return out;
  }

  AdaptiveRkSettings settings_;
};

}  // namespace hj

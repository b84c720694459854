// The barrier a simulation sees: log E[tau] = V* / eps + c0 + c1 eps, fitted by weighted least
// squares over several eps (validation.md: without c1 eps a fit over V*/eps <= 6 can be off by
// more than 10%). Weights 1 / var(log E[tau]) = (mean / standard error)^2.
#pragma once

#include <vector>

namespace hj {

struct BarrierPoint {
  double eps;
  double mean;            ///< E[tau] estimate
  double standard_error;  ///< of the mean
};

struct BarrierFit {
  double barrier = 0, c0 = 0, c1 = 0;
  double barrier_se = 0;    ///< from the weighted normal equations (not rescaled by chi^2)
  double chi2_per_dof = 0;  ///< NaN with 3 points (no degree of freedom)
  double ci95_low = 0, ci95_high = 0;
};

/// Needs at least 3 points with positive means and errors; throws hj::Error otherwise.
BarrierFit fit_barrier(const std::vector<BarrierPoint>& points);

}  // namespace hj

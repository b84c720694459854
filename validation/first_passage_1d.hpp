// The exact mean exit time of a 1-d diffusion, by quadrature: the reference that Monte Carlo
// exit times are checked against (validation.md, "MC vs a finite-eps reference").
//
// For dX = b(X) dt + sqrt(eps a) dW on (lower, upper), both ends absorbing, T(x) = E[tau | X_0 = x]
// solves b T' + D T'' = -1 with D = eps a / 2 and T(lower) = T(upper) = 0. With
// phi(x) = int_lower^x b / D, (e^phi T')' = -e^phi / D, so
//   T(x) = C int_lower^x e^-phi - int_lower^x J,   J(y) = int_lower^y e^(phi(z) - phi(y)) / D dz,
// and C fixed by T(upper) = 0. J is carried from node to node as a product of bounded factors,
// so barriers of hundreds of eps do not overflow.
#pragma once

#include <functional>

namespace hj {

/// E[tau] from x0 in (lower, upper); composite trapezoid rules on `intervals` equal steps
/// (error O(intervals^-2)). Throws hj::Error for x0 outside (lower, upper), a <= 0 or eps <= 0.
double mean_exit_time_1d(const std::function<double(double)>& drift, double a, double eps,
                         double lower, double upper, double x0, int intervals = 400000);

}  // namespace hj

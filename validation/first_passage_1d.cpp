#include "validation/first_passage_1d.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace hj {

double mean_exit_time_1d(const std::function<double(double)>& drift, double a, double eps,
                         double lower, double upper, double x0, int intervals) {
  if (!(lower < x0 && x0 < upper)) throw Error("mean_exit_time_1d: x0 must lie in (lower, upper)");
  if (!(a > 0) || !(eps > 0)) throw Error("mean_exit_time_1d: a and eps must be positive");
  const double D = 0.5 * eps * a;
  const auto n = static_cast<std::size_t>(std::max(intervals, 2));
  const double h = (upper - lower) / static_cast<double>(n);
  // phi at the nodes; e^-(phi - min phi) stays in (0, 1].
  std::vector<double> phi(n + 1, 0.0);
  double previous_b = drift(lower);
  for (std::size_t i = 1; i <= n; ++i) {
    const double b = drift(lower + static_cast<double>(i) * h);
    phi[i] = phi[i - 1] + 0.5 * h * (previous_b + b) / D;
    previous_b = b;
  }
  const double phi_min = *std::min_element(phi.begin(), phi.end());
  // Cumulative integrals of e^-(phi - phi_min) (E) and of J (K), J(lower) = 0.
  std::vector<double> E(n + 1, 0.0), K(n + 1, 0.0);
  double J = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    const double decay = std::exp(phi[i - 1] - phi[i]);
    const double J_next = decay * J + 0.5 * h * (decay + 1.0) / D;
    K[i] = K[i - 1] + 0.5 * h * (J + J_next);
    J = J_next;
    E[i] = E[i - 1] + 0.5 * h * (std::exp(phi_min - phi[i - 1]) + std::exp(phi_min - phi[i]));
  }
  // T(x) = K(upper) E(x) / E(upper) - K(x), by linear interpolation between the nodes.
  const double position = (x0 - lower) / h;
  const auto i = std::min(static_cast<std::size_t>(position), n - 1);
  const double t = position - static_cast<double>(i);
  const double Ex = (1 - t) * E[i] + t * E[i + 1], Kx = (1 - t) * K[i] + t * K[i + 1];
  return K[n] * Ex / E[n] - Kx;
}

}  // namespace hj

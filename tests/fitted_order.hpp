// The observed order of a convergence ladder as one number: the least-squares slope of log e
// against log h. Single refinements wander where the scheme's parameters (search radius, seed
// ball) change in whole grid steps; the slope over the ladder measures the trend.
#pragma once

#include <cmath>
#include <vector>

namespace hj::test {

inline double fitted_order(const std::vector<double>& h, const std::vector<double>& e) {
  double mean_x = 0, mean_y = 0;
  const auto count = static_cast<double>(h.size());
  for (std::size_t k = 0; k < h.size(); ++k) {
    mean_x += std::log(h[k]) / count;
    mean_y += std::log(e[k]) / count;
  }
  double sxy = 0, sxx = 0;
  for (std::size_t k = 0; k < h.size(); ++k) {
    sxy += (std::log(h[k]) - mean_x) * (std::log(e[k]) - mean_y);
    sxx += (std::log(h[k]) - mean_x) * (std::log(h[k]) - mean_x);
  }
  return sxy / sxx;
}

}  // namespace hj::test

// The Hausdorff distance between two polylines, measured from the vertices of each to the segments
// of the other (the exact value exceeds it by at most half the longest segment). It says how far a
// traced minimum action path and the gMAM path are apart, whatever their point spacings.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace hj {

namespace detail {

template <int dim>
double distance_to_segment(const std::array<double, dim>& p, const std::array<double, dim>& a,
                           const std::array<double, dim>& b) {
  double ab2 = 0, t = 0;
  for (int k = 0; k < dim; ++k) {
    ab2 += (b[k] - a[k]) * (b[k] - a[k]);
    t += (p[k] - a[k]) * (b[k] - a[k]);
  }
  t = ab2 > 0 ? std::clamp(t / ab2, 0.0, 1.0) : 0.0;
  double d2 = 0;
  for (int k = 0; k < dim; ++k) {
    const double q = a[k] + t * (b[k] - a[k]) - p[k];
    d2 += q * q;
  }
  return std::sqrt(d2);
}

// The largest distance from a vertex of `from` to the polyline `to`.
template <int dim>
double one_sided_distance(const std::vector<std::array<double, dim>>& from,
                          const std::vector<std::array<double, dim>>& to) {
  double worst = 0;
  for (const auto& p : from) {
    double best = std::numeric_limits<double>::infinity();
    if (to.size() == 1) best = distance_to_segment<dim>(p, to[0], to[0]);
    for (std::size_t k = 1; k < to.size(); ++k) {
      best = std::min(best, distance_to_segment<dim>(p, to[k - 1], to[k]));
    }
    worst = std::max(worst, best);
  }
  return worst;
}

}  // namespace detail

/// +inf when either polyline is empty.
template <int dim>
double hausdorff_distance(const std::vector<std::array<double, dim>>& a,
                          const std::vector<std::array<double, dim>>& b) {
  if (a.empty() || b.empty()) return std::numeric_limits<double>::infinity();
  return std::max(detail::one_sided_distance<dim>(a, b), detail::one_sided_distance<dim>(b, a));
}

}  // namespace hj

// Reading a computed field between nodes. Multilinear in the cell; where the solver carries
// grad V, each corner contributes V(c) + 1/2 grad V(c) . (x - c) instead of V(c): the mean of
// the multilinear interpolant (which overshoots a quadratic by 1/2 sum w (c - x)^T H (c - x))
// and of the corners' tangent planes (which undershoot it by as much), exact for quadratics,
// third order. Used by path tracing and by hj landscape's barriers.
#pragma once

#include <algorithm>
#include <array>
#include <optional>

#include "problems/vector_types.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

/// Calls f(corner multi-index, weight) for the 2^dim corners of x's cell, stopping at the first
/// false; false when x is outside the box or f said so.
template <int dim, typename F>
bool for_each_cell_corner(const StructuredGrid<dim>& grid, const std::array<double, dim>& x,
                          F&& f) {
  typename StructuredGrid<dim>::MultiIndex corner;
  std::array<double, dim> t;
  for (int a = 0; a < dim; ++a) {
    const double s = (x[a] - grid.lower()[a]) / grid.spacing()[a];
    const std::int64_t last = grid.nodes_per_axis()[a] - 1;
    if (!(s >= 0 && s <= static_cast<double>(last))) return false;
    corner[a] = std::min<std::int64_t>(static_cast<std::int64_t>(s), last - 1);
    t[a] = s - static_cast<double>(corner[a]);
  }
  for (int mask = 0; mask < (1 << dim); ++mask) {
    auto m = corner;
    double weight = 1;
    for (int a = 0; a < dim; ++a) {
      const bool up = (mask >> a) & 1;
      m[a] += up;
      weight *= up ? t[a] : 1 - t[a];
    }
    if (!f(m, weight)) return false;
  }
  return true;
}

/// V at x, or nullopt when x is outside the box or a corner of its cell was not accepted.
template <int dim>
std::optional<double> interpolate_field(const Result<dim>& result,
                                        const std::array<double, dim>& x) {
  const auto& grid = result.grid;
  double v = 0;
  const bool ok = for_each_cell_corner<dim>(grid, x, [&](const auto& m, double weight) {
    const std::size_t i = grid.index(m);
    if (!is_accepted(result.flags[i])) return false;
    v += weight * result.value[i];
    if (!result.gradient.empty()) {
      const Vector<dim> to_x = to_vector<dim>(x) - to_vector<dim>(grid.point(m));
      v += weight * 0.5 * to_vector<dim>(result.gradient[i]).dot(to_x);
    }
    return true;
  });
  return ok ? std::optional<double>(v) : std::nullopt;
}

}  // namespace hj

// EikonalFmmUpdate<dim>: the fast marching local update for |grad u| = s(x) on a grid.
//
// Along each axis it takes the smaller accepted neighbour (upwind). First order uses the
// one-sided difference (u - u1) / h; second order, where the next node along the same side is
// accepted and not larger (u2 <= u1), uses (3u - 4u1 + u2) / (2h) (Sethian 1999). The discrete
// equation sum_a alpha_a (u - beta_a)^2 = s^2 is solved with the axes added in increasing beta
// while the root stays above the next beta, so only upwind axes take part.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/relaxed_atomic.hpp"
#include "solvers/node_field.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

template <int dim, int order>
class EikonalFmmUpdate {
  static_assert(order == 1 || order == 2);

 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;
  static constexpr bool recomputes_from_all_accepted = true;
  static constexpr bool needs_front = false;
  static constexpr bool searches_ball = false;
  /// How far along an axis a tentative value reads (see ParallelMarcher).
  static constexpr int reach = order;

  EikonalFmmUpdate(const Result<dim>& result, const NodeField& slowness)
      : value_(result.value.data()), slowness_(slowness) {
    for (int a = 0; a < dim; ++a) {
      const double h = result.grid.spacing()[a];
      alpha_first_[a] = 1.0 / (h * h);
      alpha_second_[a] = 9.0 / (4.0 * h * h);
      stride_[a] = static_cast<std::size_t>(result.grid.stride(a));
      last_[a] = result.grid.nodes_per_axis()[a] - 1;
    }
  }

  double tentative(std::size_t target, const MultiIndex& m, std::size_t /*just_accepted*/,
                   double /*current*/ = 0) const {
    std::array<double, dim> alpha, beta;
    int terms = 0;
    constexpr double infinity = std::numeric_limits<double>::infinity();
    for (int a = 0; a < dim; ++a) {
      // Values of nodes not yet accepted are +inf here, so min() picks the upwind side.
      const std::size_t stride = stride_[a];
      const std::int64_t last = last_[a];
      // Relaxed atomic loads: in a parallel march, values across a slab's cut are being written.
      const double below = m[a] > 0 ? relaxed_load(value_[target - stride]) : infinity;
      const double above = m[a] < last ? relaxed_load(value_[target + stride]) : infinity;
      const bool from_below = below <= above;
      const double u1 = from_below ? below : above;
      double u2 = infinity;
      if constexpr (order == 2) {
        if (from_below ? m[a] > 1 : m[a] < last - 1) {
          u2 = relaxed_load(from_below ? value_[target - 2 * stride] : value_[target + 2 * stride]);
        }
      }
      const bool second = order == 2 && u2 <= u1;
      if (u1 == infinity) continue;
      alpha[terms] = second ? alpha_second_[a] : alpha_first_[a];
      beta[terms] = second ? (4.0 * u1 - u2) / 3.0 : u1;
      ++terms;
    }
    return solve(alpha, beta, terms, slowness_(target));
  }

 private:
  // Solves sum_k alpha_k (u - beta_k)^2 = s^2 over the axes that are upwind of the root.
  static double solve(std::array<double, dim>& alpha, std::array<double, dim>& beta, int terms,
                      double s) {
    if (terms == 0) return std::numeric_limits<double>::infinity();
    for (int i = 1; i < terms; ++i) {  // insertion sort by beta: at most 3 entries
      for (int j = i; j > 0 && beta[j] < beta[j - 1]; --j) {
        std::swap(beta[j], beta[j - 1]);
        std::swap(alpha[j], alpha[j - 1]);
      }
    }
    double a = 0, b = 0, c = -s * s;
    double u = std::numeric_limits<double>::infinity();
    for (int k = 0; k < terms; ++k) {
      if (u <= beta[k]) break;  // the root found with fewer axes is already upwind of the rest
      a += alpha[k];
      b += alpha[k] * beta[k];
      c += alpha[k] * beta[k] * beta[k];
      // a u^2 - 2 b u + c = 0, larger root
      const double discriminant = b * b - a * c;
      if (discriminant < 0) break;
      u = (b + std::sqrt(discriminant)) / a;
    }
    return u;
  }

  const double* value_;  ///< accepted values, +inf elsewhere (see marcher.hpp)
  const NodeField& slowness_;
  std::array<double, dim> alpha_first_, alpha_second_;
  std::array<std::size_t, dim> stride_;
  std::array<std::int64_t, dim> last_;
};

}  // namespace hj

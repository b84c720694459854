// QuasiPotentialFmmUpdate<dim>: plain fast marching on the quasi-potential's Hamilton-Jacobi
// equation 1/2 p^T A p + b^T p = 0, p = grad V by first-order one-sided differences towards the
// smaller accepted neighbour on each axis. It is the baseline the ordered line integral method
// is measured against, and it is inconsistent: the characteristics of this anisotropic equation
// are not along grad V, so a node's value may depend on nodes the upwind stencil never sees.
// Its V error decays slowly and its gradient error not at all (math.md; tests/test_olim.cpp).
#pragma once

#include <array>
#include <cmath>
#include <limits>

#include "solvers/result.hpp"
#include "solvers/sde_node_data.hpp"

namespace hj {

template <int dim>
class QuasiPotentialFmmUpdate {
 public:
  using MultiIndex = typename StructuredGrid<dim>::MultiIndex;
  static constexpr bool recomputes_from_all_accepted = true;
  static constexpr bool needs_front = false;
  static constexpr bool searches_ball = false;

  QuasiPotentialFmmUpdate(const Result<dim>& result, const SdeNodeData<dim>& data)
      : grid_(result.grid), value_(result.value.data()), data_(data) {}

  double tentative(std::size_t target, const MultiIndex& m, std::size_t /*just_accepted*/,
                   double /*current*/ = 0) const {
    constexpr double infinity = std::numeric_limits<double>::infinity();
    // Per axis, the smaller accepted neighbour: its value and the sign of the one-sided
    // difference, p_a = sign (u - u_a) / h_a.
    std::array<double, dim> neighbour, sign;
    for (int a = 0; a < dim; ++a) {
      const auto stride = static_cast<std::size_t>(grid_.stride(a));
      const double below = m[a] > 0 ? value_[target - stride] : infinity;
      const double above =
          m[a] < grid_.nodes_per_axis()[a] - 1 ? value_[target + stride] : infinity;
      neighbour[a] = std::min(below, above);
      sign[a] = below <= above ? 1.0 : -1.0;
    }
    const Vector<dim>& b = data_.drift[target];
    const Matrix<dim> A = data_.metric_at(target).inverse();
    double best = infinity;
    // Every non-empty set of upwind axes; the others contribute p_a = 0.
    for (int subset = 1; subset < (1 << dim); ++subset) {
      Vector<dim> w = Vector<dim>::Zero(), c = Vector<dim>::Zero();
      double largest = -infinity;
      bool usable = true;
      for (int a = 0; a < dim; ++a) {
        if (!((subset >> a) & 1)) continue;
        if (neighbour[a] == infinity) usable = false;
        w[a] = sign[a] / grid_.spacing()[a];
        c[a] = sign[a] * neighbour[a] / grid_.spacing()[a];
        largest = std::max(largest, neighbour[a]);
      }
      if (!usable) continue;
      // H(u) = alpha u^2 + beta u + gamma with p = u w - c.
      const Vector<dim> Aw = A * w;
      const double alpha = 0.5 * w.dot(Aw);
      const double beta = -c.dot(Aw) + b.dot(w);
      const double gamma = 0.5 * c.dot(A * c) - b.dot(c);
      const double discriminant = beta * beta - 4 * alpha * gamma;
      if (discriminant < 0) continue;
      const double u = (-beta + std::sqrt(discriminant)) / (2 * alpha);
      // Upwind: strictly above every value it used. H(x, 0) = 0 for every x, so a root with
      // p = 0 (u equal to its neighbours) always exists and is spurious.
      if (u > largest + 1e-12 * std::max(1.0, std::abs(largest))) best = std::min(best, u);
    }
    return best;
  }

 private:
  const StructuredGrid<dim>& grid_;
  const double* value_;  ///< accepted values, +inf elsewhere (see marcher.hpp)
  const SdeNodeData<dim>& data_;
};

}  // namespace hj

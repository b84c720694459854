// StructuredGrid<dim>: a box with n[a] equally spaced nodes along each axis a (the spacing may
// differ between axes). Nodes are numbered with axis 0 fastest, the order VTK's image data uses.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "core/error.hpp"

namespace hj {

template <int dim>
class StructuredGrid {
 public:
  using Point = std::array<double, dim>;
  using MultiIndex = std::array<std::int64_t, dim>;
  using NodeIndex = std::uint32_t;  ///< node numbers fit 32 bits
  /// The most nodes a grid may have: the marcher's heap shares each node's 32-bit word with its
  /// acceptance number, which leaves 31 bits (2.1e9 nodes, 29 GB for fast marching).
  static constexpr std::size_t max_nodes = (std::size_t{1} << 31) - 1;

  StructuredGrid(const Point& lower, const Point& upper, const MultiIndex& nodes_per_axis)
      : lower_(lower), upper_(upper), n_(nodes_per_axis) {
    std::size_t size = 1;
    for (int a = 0; a < dim; ++a) {
      if (!(lower_[a] < upper_[a])) {
        throw Error("domain: lower[" + std::to_string(a) + "] = " + std::to_string(lower_[a]) +
                    " must be below upper[" + std::to_string(a) +
                    "] = " + std::to_string(upper_[a]));
      }
      if (n_[a] < 3) {
        throw Error("domain: n[" + std::to_string(a) + "] = " + std::to_string(n_[a]) +
                    " nodes; every axis needs at least 3");
      }
      h_[a] = (upper_[a] - lower_[a]) / static_cast<double>(n_[a] - 1);
      stride_[a] = static_cast<std::int64_t>(size);
      if (static_cast<double>(size) * static_cast<double>(n_[a]) > static_cast<double>(max_nodes)) {
        throw Error("domain: more than 2^31 - 1 (2.1e9) nodes; use fewer nodes per axis");
      }
      size *= static_cast<std::size_t>(n_[a]);
    }
    size_ = size;
  }

  static constexpr int dimension = dim;
  std::size_t size() const { return size_; }
  const Point& lower() const { return lower_; }
  const Point& upper() const { return upper_; }
  const MultiIndex& nodes_per_axis() const { return n_; }
  const Point& spacing() const { return h_; }
  double max_spacing() const {
    double h = 0;
    for (double x : h_) h = std::max(h, x);
    return h;
  }
  std::int64_t stride(int axis) const { return stride_[axis]; }

  std::size_t index(const MultiIndex& m) const {
    std::size_t i = 0;
    for (int a = 0; a < dim; ++a) i += static_cast<std::size_t>(m[a] * stride_[a]);
    return i;
  }

  MultiIndex multi_index(std::size_t i) const {
    // Node numbers fit 32 bits (see NodeIndex), and 32-bit division is several times faster than
    // 64-bit division on the machines we measured; the marcher divides once per accepted node.
    auto rest = static_cast<NodeIndex>(i);
    MultiIndex m;
    for (int a = 0; a < dim; ++a) {
      const auto n = static_cast<NodeIndex>(n_[a]);
      m[a] = static_cast<std::int64_t>(rest % n);
      rest /= n;
    }
    return m;
  }

  Point point(const MultiIndex& m) const {
    Point x;
    for (int a = 0; a < dim; ++a) x[a] = lower_[a] + static_cast<double>(m[a]) * h_[a];
    return x;
  }
  Point point(std::size_t i) const { return point(multi_index(i)); }

  bool contains(const Point& x) const {
    for (int a = 0; a < dim; ++a) {
      if (!(x[a] >= lower_[a] && x[a] <= upper_[a])) return false;
    }
    return true;
  }

  bool on_boundary(const MultiIndex& m) const {
    for (int a = 0; a < dim; ++a) {
      if (m[a] == 0 || m[a] == n_[a] - 1) return true;
    }
    return false;
  }

  /// Calls f(neighbour_index, axis, side) for each of the up to 2*dim axis neighbours of m.
  template <typename F>
  void for_each_neighbour(std::size_t i, const MultiIndex& m, F&& f) const {
    for (int a = 0; a < dim; ++a) {
      if (m[a] > 0) f(i - static_cast<std::size_t>(stride_[a]), a, -1);
      if (m[a] < n_[a] - 1) f(i + static_cast<std::size_t>(stride_[a]), a, +1);
    }
  }

 private:
  Point lower_, upper_, h_{};
  MultiIndex n_, stride_{};
  std::size_t size_ = 0;
};

}  // namespace hj

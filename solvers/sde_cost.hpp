// The quasi-potential's local cost (../shared/design/math.md),
//   F(z, v) = |v|_M |b|_M - <v, b>_M,   M = A^{-1},
// and SdeCost<dim>, the cost policy of the line-integral update: its coefficients (b, M) read per
// node from SdeNodeData and blended linearly where the update needs them between nodes.
#pragma once

#include <algorithm>
#include <cmath>

#include "solvers/sde_node_data.hpp"

namespace hj {

/// F(z, v) = |v|_M |b|_M - <v, b>_M with b, M taken at z.
template <int dim>
double local_cost(const Vector<dim>& b, const Matrix<dim>& M, const Vector<dim>& v) {
  const Vector<dim> Mb = M * b;
  const double v_norm = std::sqrt(std::max(0.0, v.dot(M * v)));
  const double b_norm = std::sqrt(std::max(0.0, b.dot(Mb)));
  return v_norm * b_norm - v.dot(Mb);
}

template <int dim>
class SdeCost {
 public:
  /// What F needs at one point.
  struct Coefficients {
    Vector<dim> drift;
    Matrix<dim> metric;
    void add(double weight, const Coefficients& other) {
      drift += weight * other.drift;
      metric += weight * other.metric;
    }
    void scale(double factor) {
      drift *= factor;
      metric *= factor;
    }
  };

  explicit SdeCost(const SdeNodeData<dim>& data) : data_(data) {}

  static Coefficients zero() { return {Vector<dim>::Zero(), Matrix<dim>::Zero()}; }
  Coefficients at(std::size_t node) const { return {data_.drift[node], data_.metric_at(node)}; }
  static double cost(const Coefficients& c, const Vector<dim>& v) {
    return local_cost<dim>(c.drift, c.metric, v);
  }

 private:
  const SdeNodeData<dim>& data_;
};

}  // namespace hj

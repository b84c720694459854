// The fixed-size vectors and matrices of problem coefficients (Eigen), and conversions from and
// to grid points.
#pragma once

#include <Eigen/Dense>
#include <array>

namespace hj {

template <int dim>
using Vector = Eigen::Matrix<double, dim, 1>;
template <int dim>
using Matrix = Eigen::Matrix<double, dim, dim>;

template <int dim>
Vector<dim> to_vector(const std::array<double, dim>& x) {
  return Eigen::Map<const Vector<dim>>(x.data());
}
template <int dim>
std::array<double, dim> to_point(const Vector<dim>& v) {
  std::array<double, dim> x;
  Eigen::Map<Vector<dim>>(x.data()) = v;
  return x;
}

}  // namespace hj

// The Lyapunov equation J C + C J^T + A = 0 of a linear SDE dX = J X dt + sqrt(eps) sigma dW
// (A = sigma sigma^T). For stable J its solution C is the stationary covariance (divided by eps)
// and V(x) = 1/2 x^T C^{-1} x is the exact quasi-potential (math.md, "Linear SDE").
#pragma once

#include <Eigen/Dense>

namespace hj {

/// Solves J C + C J^T + A = 0 through its Kronecker form (dim^2 unknowns: fine for dim <= 4).
/// C is symmetrised against round-off.
template <int dim>
Eigen::Matrix<double, dim, dim> solve_lyapunov(const Eigen::Matrix<double, dim, dim>& J,
                                               const Eigen::Matrix<double, dim, dim>& A) {
  constexpr int n = dim * dim;
  using Big = Eigen::Matrix<double, n, n>;
  const Eigen::Matrix<double, dim, dim> I = Eigen::Matrix<double, dim, dim>::Identity();
  Big K = Big::Zero();
  // vec(J C) = (I kron J) vec(C), vec(C J^T) = (J kron I) vec(C), column-major vec.
  for (int i = 0; i < dim; ++i) {
    for (int j = 0; j < dim; ++j) {
      K.template block<dim, dim>(i * dim, j * dim) = I(i, j) * J + J(i, j) * I;
    }
  }
  const Eigen::Matrix<double, n, 1> rhs = -Eigen::Map<const Eigen::Matrix<double, n, 1>>(A.data());
  const Eigen::Matrix<double, n, 1> c = K.fullPivLu().solve(rhs);
  Eigen::Matrix<double, dim, dim> C = Eigen::Map<const Eigen::Matrix<double, dim, dim>>(c.data());
  return 0.5 * (C + C.transpose());
}

}  // namespace hj

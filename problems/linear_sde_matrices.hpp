// The matrices of a linear SDE b = B (x - x*) with constant diffusion A (linear-nd): the checks
// the Lyapunov solution needs (B stable, A symmetric positive definite) with messages that name
// the eigenvalues, the built-in example pair, and reproducible random pairs for property tests.
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>

#include "problems/sde_problem.hpp"

namespace hj {

template <int dim>
struct LinearSdeMatrices {
  Matrix<dim> B;  ///< the drift matrix, stable
  Matrix<dim> A;  ///< the diffusion matrix, SPD
};

namespace detail {

inline std::string format_number(double x) {
  std::ostringstream out;
  out.precision(4);
  out << x;
  return out.str();
}

inline std::string format_complex(std::complex<double> z) {
  if (z.imag() == 0) return format_number(z.real());
  return format_number(z.real()) + (z.imag() < 0 ? " - " : " + ") +
         format_number(std::abs(z.imag())) + "i";
}

// Uniform on [-1, 1) from mt19937_64's raw output. std::uniform_real_distribution is
// implementation-defined and mt19937_64 is not, so a seed gives the same matrices everywhere.
inline double symmetric_uniform(std::mt19937_64& random) {
  return static_cast<double>(random() >> 11) * 0x1.0p-52 - 1.0;
}

template <int dim>
Matrix<dim> random_matrix(std::mt19937_64& random) {
  Matrix<dim> M;
  for (int j = 0; j < dim; ++j) {
    for (int i = 0; i < dim; ++i) M(i, j) = symmetric_uniform(random);
  }
  return M;
}

}  // namespace detail

/// "" when every eigenvalue of B has a negative real part (x* attracts), else what is wrong,
/// naming the eigenvalues.
template <int dim>
std::string stability_problem(const Matrix<dim>& B) {
  const Eigen::Matrix<std::complex<double>, dim, 1> eigenvalues =
      Eigen::EigenSolver<Matrix<dim>>(B, false).eigenvalues();
  bool stable = true;
  std::string listed;
  for (int k = 0; k < dim; ++k) {
    stable = stable && eigenvalues[k].real() < 0;
    listed += (k > 0 ? ", " : "") + detail::format_complex(eigenvalues[k]);
  }
  if (stable) return "";
  return "is not stable: its eigenvalues " + listed + " must all have negative real parts";
}

/// "" when A is symmetric positive definite, else what is wrong, naming the eigenvalues.
template <int dim>
std::string spd_problem(const Matrix<dim>& A) {
  if ((A - A.transpose()).norm() > 1e-12 * A.norm()) return "is not symmetric";
  const Vector<dim> eigenvalues = Eigen::SelfAdjointEigenSolver<Matrix<dim>>(A).eigenvalues();
  if (eigenvalues.minCoeff() > 0) return "";
  std::string listed;
  for (int k = 0; k < dim; ++k)
    listed += (k > 0 ? ", " : "") + detail::format_number(eigenvalues[k]);
  return "is not positive definite: its eigenvalues " + listed + " must all be > 0";
}

/// linear-nd's defaults: a stable, non-normal B with rotation (eigenvalues -1.5 +- 1.66i in 2-d,
/// -1.05 +- 2.1i and -1.9 in 3-d) and an anisotropic A (condition about 7), so that V's level
/// sets are ellipsoids tilted against the axes (2-d: V = 2.4 x^2 - 2.4 x y + 3.6 y^2).
template <int dim>
LinearSdeMatrices<dim> default_linear_sde() {
  static_assert(dim == 2 || dim == 3);
  LinearSdeMatrices<dim> m;
  if constexpr (dim == 2) {
    m.B << -1, -3,  //
        1, -2;
    m.A << 1, 0.5,  //
        0.5, 0.5;
  } else {
    m.B << -1, -4, 0,  //
        1, -1, 0.5,    //
        0, -1, -2;
    m.A << 1, 0.5, 0.1,  //
        0.5, 0.6, 0.2,   //
        0.1, 0.2, 0.4;
  }
  return m;
}

/// A random pair from `seed` (std::mt19937_64): B = -(G G^T / dim + I / 2) + (K - K^T), whose
/// negative definite symmetric part makes it stable (every eigenvalue has real part <= -1/2)
/// and whose skew part rotates and makes it non-normal; A = Q diag(lambda) Q^T with Q a random
/// orthogonal matrix, lambda from 1 to `condition` (the extremes fixed, the rest log-uniform
/// between them), scaled to trace dim. A's condition number is `condition` exactly.
template <int dim>
LinearSdeMatrices<dim> random_linear_sde(std::uint64_t seed, double condition) {
  std::mt19937_64 random(seed);
  const Matrix<dim> G = detail::random_matrix<dim>(random);
  const Matrix<dim> K = detail::random_matrix<dim>(random);
  const Matrix<dim> M = detail::random_matrix<dim>(random);
  LinearSdeMatrices<dim> m;
  m.B = -(G * G.transpose() / dim + 0.5 * Matrix<dim>::Identity()) + (K - K.transpose());
  Vector<dim> lambda;
  for (int k = 0; k < dim; ++k) {
    const double t = k == 0         ? 0.0
                     : k == dim - 1 ? 1.0
                                    : 0.5 + 0.5 * detail::symmetric_uniform(random);
    lambda[k] = std::pow(condition, t);
  }
  const Matrix<dim> Q = Eigen::HouseholderQR<Matrix<dim>>(M).householderQ();
  m.A = Q * (lambda * (dim / lambda.sum())).asDiagonal() * Q.transpose();
  m.A = 0.5 * (m.A + m.A.transpose());  // exactly symmetric
  return m;
}

}  // namespace hj

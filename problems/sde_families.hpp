// Dimension-independent SDE problems with exact quasi-potentials (benchmarks.md): linear SDEs with
// any stable B and constant SPD A, and decomposed drifts b = -1/2 A(x) grad U + l(x) with
// <l, grad U> = 0 and a variable A(x), for which V = U.
#pragma once

#include <cmath>
#include <string>

#include "problems/lyapunov.hpp"
#include "problems/sde_problem.hpp"

namespace hj {

/// linear-nd: b = B (x - x*), A constant SPD, V = 1/2 dx^T C^{-1} dx with B C + C B^T + A = 0.
template <int dim>
class LinearSde final : public SdeProblem<dim> {
 public:
  using Point = typename Problem<dim>::Point;
  LinearSde(const Matrix<dim>& B, const Matrix<dim>& A, const Point& attractor)
      : B_(B), A_(A), attractor_(to_vector<dim>(attractor)) {
    precision_ = solve_lyapunov<dim>(B_, A_).inverse();
  }
  std::string name() const override { return "linear-nd"; }
  Vector<dim> drift(const Point& x) const override { return B_ * (to_vector<dim>(x) - attractor_); }
  Matrix<dim> diffusion(const Point&) const override { return A_; }
  bool constant_diffusion() const override { return true; }
  Matrix<dim> drift_jacobian(const Point&) const override { return B_; }
  Point default_attractor_guess() const override { return to_point<dim>(attractor_); }
  bool has_exact_solution() const override { return true; }
  std::optional<double> exact_solution(const Point& x) const override {
    const Vector<dim> dx = to_vector<dim>(x) - attractor_;
    return 0.5 * dx.dot(precision_ * dx);
  }
  std::optional<Vector<dim>> exact_gradient(const Point& x) const override {
    return Vector<dim>(precision_ * (to_vector<dim>(x) - attractor_));
  }
  /// C^{-1}, the Hessian of V.
  const Matrix<dim>& precision() const { return precision_; }

 private:
  Matrix<dim> B_, A_, precision_;
  Vector<dim> attractor_;
};

/// decomposed: U = 1/2 sum_k kappa_k x_k^2 + q/4 |x|^4, a variable SPD
/// A(x) (diagonal 1 + 1/2 sin^2 x_k, off-diagonal 1/5 cos(x_i - x_j)), and a rotation l(x)
/// orthogonal to grad U: l = g(x) J grad U in 2-d (J: rotation by 90 degrees, g = 1 + x_0 / 2),
/// l = w(x) x grad U in 3-d. b = -1/2 A grad U + l, and V = U everywhere (attractor 0).
template <int dim>
class DecomposedSde final : public SdeProblem<dim> {
  static_assert(dim == 2 || dim == 3);

 public:
  using Point = typename Problem<dim>::Point;
  DecomposedSde(const Vector<dim>& kappa, double q, double rotation)
      : kappa_(kappa), q_(q), rotation_(rotation) {}
  std::string name() const override { return "decomposed"; }

  Matrix<dim> diffusion(const Point& x) const override {
    Matrix<dim> A;
    for (int i = 0; i < dim; ++i) {
      for (int j = 0; j < dim; ++j) {
        A(i, j) = i == j ? 1 + 0.5 * std::sin(x[i]) * std::sin(x[i]) : 0.2 * std::cos(x[i] - x[j]);
      }
    }
    return A;
  }
  Vector<dim> drift(const Point& x) const override {
    const Vector<dim> grad = *exact_gradient(x);
    return -0.5 * diffusion(x) * grad + rotation_ * orthogonal(x, grad);
  }
  Point default_attractor_guess() const override { return Point{}; }
  bool has_exact_solution() const override { return true; }
  std::optional<double> exact_solution(const Point& x) const override {
    const Vector<dim> v = to_vector<dim>(x);
    const double r2 = v.squaredNorm();
    return 0.5 * v.dot(kappa_.cwiseProduct(v)) + 0.25 * q_ * r2 * r2;
  }
  std::optional<Vector<dim>> exact_gradient(const Point& x) const override {
    const Vector<dim> v = to_vector<dim>(x);
    return Vector<dim>(kappa_.cwiseProduct(v) + q_ * v.squaredNorm() * v);
  }

 private:
  // A field orthogonal to grad, varying in space.
  static Vector<dim> orthogonal(const Point& x, const Vector<dim>& grad) {
    if constexpr (dim == 2) {
      return (1 + 0.5 * x[0]) * Vector<dim>(-grad[1], grad[0]);
    } else {
      const Eigen::Vector3d w(1 + 0.3 * x[1], -0.5, 0.2 + 0.4 * x[0]);
      return w.cross(Eigen::Vector3d(grad));
    }
  }

  Vector<dim> kappa_;
  double q_, rotation_;
};

}  // namespace hj

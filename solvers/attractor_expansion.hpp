// The quasi-potential near a hyperbolic attractor to third order: V ~ V2 + V3 with
// V2 = 1/2 dx^T Q dx the linearisation's (Q = C^{-1}, J C + C J^T + A(x*) = 0) and V3 the cubic
// form that the Hamilton-Jacobi equation fixes at third order:
//   (J dx + A0 Q dx) . grad V3(dx) = - b2(dx) . Q dx - 1/2 (Q dx)^T A1(dx) (Q dx),
// b2 the drift's quadratic part and A1 the diffusion's linear part at x*. The cubic term makes
// seed values exact to O(r^4) instead of O(r^3), so a second-order solver can seed a ball large
// enough to keep the strongly curved paths around the attractor out of its first steps.
//
// V3's coefficients are found by collocation: the identity above holds for every dx, so it is
// imposed on more directions than unknowns and solved by least squares. b2 and A1 come from
// central differences of the drift and diffusion along each direction (no Hessians needed).
#pragma once

#include <array>
#include <random>
#include <vector>

#include "solvers/attractor.hpp"

namespace hj {

template <int dim>
class AttractorExpansion {
 public:
  AttractorExpansion(const SdeProblem<dim>& problem, const Equilibrium<dim>& attractor)
      : linear_(problem, attractor), centre_(to_vector<dim>(attractor.point)) {
    const Matrix<dim>& Q = linear_.precision();
    const Matrix<dim> A0 = problem.diffusion(attractor.point);
    const Matrix<dim> transport = attractor.jacobian + A0 * Q;  // the characteristic field
    const int rows = 4 * static_cast<int>(monomials().size());
    Eigen::MatrixXd system(rows, monomials().size());
    Eigen::VectorXd rhs(rows);
    std::mt19937_64 random(12345);
    std::normal_distribution<double> normal;
    for (int row = 0; row < rows; ++row) {
      Vector<dim> direction;
      for (int k = 0; k < dim; ++k) direction[k] = normal(random);
      direction.normalize();
      const Vector<dim> velocity = transport * direction;
      for (std::size_t j = 0; j < monomials().size(); ++j) {
        system(row, static_cast<Eigen::Index>(j)) =
            velocity.dot(monomial_gradient(monomials()[j], direction));
      }
      // Quadratic part of b and linear part of A along the direction, by central differences.
      constexpr double t = 1e-3;
      const auto plus = to_point<dim>(centre_ + t * direction);
      const auto minus = to_point<dim>(centre_ - t * direction);
      const Vector<dim> b2 =
          (problem.drift(plus) + problem.drift(minus) - 2 * problem.drift(attractor.point)) /
          (2 * t * t);
      const Matrix<dim> A1 = (problem.diffusion(plus) - problem.diffusion(minus)) / (2 * t);
      const Vector<dim> p = Q * direction;
      rhs[row] = -b2.dot(p) - 0.5 * p.dot(A1 * p);
    }
    coefficients_ = system.colPivHouseholderQr().solve(rhs);
  }

  double value(const std::array<double, dim>& x) const {
    const Vector<dim> dx = to_vector<dim>(x) - centre_;
    double cubic = 0;
    for (std::size_t j = 0; j < monomials().size(); ++j) {
      cubic += coefficients_[static_cast<Eigen::Index>(j)] * monomial(monomials()[j], dx);
    }
    return linear_.value(x) + cubic;
  }
  Vector<dim> gradient(const std::array<double, dim>& x) const {
    const Vector<dim> dx = to_vector<dim>(x) - centre_;
    Vector<dim> g = linear_.gradient(x);
    for (std::size_t j = 0; j < monomials().size(); ++j) {
      g += coefficients_[static_cast<Eigen::Index>(j)] * monomial_gradient(monomials()[j], dx);
    }
    return g;
  }
  /// The cubic form's coefficients, one per monomial (exponents in `monomials()`).
  const Eigen::VectorXd& cubic_coefficients() const { return coefficients_; }

  /// Exponents of the cubic monomials x^a y^b (z^c).
  static const std::vector<std::array<int, dim>>& monomials() {
    static const std::vector<std::array<int, dim>> list = [] {
      std::vector<std::array<int, dim>> found;
      std::array<int, dim> e{};
      auto recurse = [&](auto&& self, int axis, int left) -> void {
        if (axis == dim - 1) {
          e[axis] = left;
          found.push_back(e);
          return;
        }
        for (int k = left; k >= 0; --k) {
          e[axis] = k;
          self(self, axis + 1, left - k);
        }
      };
      recurse(recurse, 0, 3);
      return found;
    }();
    return list;
  }

 private:
  static double monomial(const std::array<int, dim>& e, const Vector<dim>& x) {
    double value = 1;
    for (int k = 0; k < dim; ++k) value *= std::pow(x[k], e[k]);
    return value;
  }
  static Vector<dim> monomial_gradient(const std::array<int, dim>& e, const Vector<dim>& x) {
    Vector<dim> g;
    for (int k = 0; k < dim; ++k) {
      if (e[k] == 0) {
        g[k] = 0;
        continue;
      }
      std::array<int, dim> lowered = e;
      --lowered[k];
      g[k] = e[k] * monomial(lowered, x);
    }
    return g;
  }

  LinearisedQuasiPotential<dim> linear_;
  Vector<dim> centre_;
  Eigen::VectorXd coefficients_;
};

}  // namespace hj

// Finding the attractor x* of an SDE's drift (Newton's method from a guess), classifying it by
// the eigenvalues of Db(x*), and the linearisation every quasi-potential solver seeds from:
// V ~ 1/2 dx^T C^{-1} dx with J C + C J^T + A(x*) = 0 (math.md, "Near-source seed").
#pragma once

#include <Eigen/Eigenvalues>
#include <complex>
#include <limits>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "core/value.hpp"
#include "problems/lyapunov.hpp"
#include "problems/sde_problem.hpp"

namespace hj {

enum class EquilibriumKind {
  stable,      ///< every eigenvalue of Db has negative real part: a hyperbolic attractor
  degenerate,  ///< no eigenvalue with positive real part, some with zero real part (quartic)
  unstable,    ///< some eigenvalue with positive real part (a saddle or a repeller)
};

template <int dim>
struct Equilibrium {
  std::array<double, dim> point;
  Matrix<dim> jacobian;
  Eigen::Matrix<std::complex<double>, dim, 1> eigenvalues;
  EquilibriumKind kind;
  int newton_iterations = 0;
  double drift_norm = 0;  ///< |b| at `point`

  /// "-1.5+1.32i, -1.5-1.32i"
  std::string eigenvalue_text() const {
    std::ostringstream out;
    out.precision(4);
    for (int k = 0; k < dim; ++k) {
      const auto& e = eigenvalues[k];
      out << (k ? ", " : "") << e.real();
      if (e.imag() != 0) out << (e.imag() > 0 ? "+" : "") << e.imag() << "i";
    }
    return out.str();
  }
};

/// Newton's method on b(x) = 0 from `guess`. Throws hj::Error when it does not converge.
/// `tolerance` bounds |b| at the answer, relative to the drift's scale near the guess.
template <int dim>
Equilibrium<dim> find_equilibrium(const SdeProblem<dim>& problem,
                                  const std::array<double, dim>& guess, double tolerance = 1e-12,
                                  int max_iterations = 60) {
  Vector<dim> x = to_vector<dim>(guess);
  const double scale = std::max(1.0, problem.drift(guess).norm());
  Equilibrium<dim> result;
  for (int iteration = 0; iteration <= max_iterations; ++iteration) {
    const Vector<dim> b = problem.drift(to_point<dim>(x));
    result.drift_norm = b.norm();
    result.newton_iterations = iteration;
    if (result.drift_norm <= tolerance * scale) break;
    const Matrix<dim> J = problem.drift_jacobian(to_point<dim>(x));
    const Vector<dim> step = J.fullPivLu().solve(b);
    if (iteration == max_iterations || !step.allFinite()) {
      std::ostringstream message;
      message << "problem '" << problem.name() << "': Newton's method found no equilibrium of the "
              << "drift near " << format_point(guess) << " (|b| = " << result.drift_norm
              << " after " << iteration
              << " steps); give an attractor guess closer to the attractor";
      throw Error(message.str());
    }
    x -= step;
  }
  result.point = to_point<dim>(x);
  result.jacobian = problem.drift_jacobian(result.point);
  result.eigenvalues = Eigen::EigenSolver<Matrix<dim>>(result.jacobian).eigenvalues();
  double largest = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < dim; ++k) largest = std::max(largest, result.eigenvalues[k].real());
  const double zero = 1e-9 * std::max(1.0, result.jacobian.norm());
  result.kind = largest < -zero   ? EquilibriumKind::stable
                : largest <= zero ? EquilibriumKind::degenerate
                                  : EquilibriumKind::unstable;
  return result;
}

/// find_equilibrium, then refuses an unstable equilibrium: V is defined from an attractor.
template <int dim>
Equilibrium<dim> find_attractor(const SdeProblem<dim>& problem,
                                const std::array<double, dim>& guess) {
  Equilibrium<dim> equilibrium = find_equilibrium<dim>(problem, guess);
  if (equilibrium.kind == EquilibriumKind::unstable) {
    throw Error("problem '" + problem.name() + "': the equilibrium at " +
                format_point(equilibrium.point) + " is not stable (eigenvalues of Db: " +
                equilibrium.eigenvalue_text() + "); give a guess near an attractor");
  }
  return equilibrium;
}

/// The quasi-potential of the linearisation at a hyperbolic attractor:
/// V ~ 1/2 dx^T C^{-1} dx, J C + C J^T + A(x*) = 0.
template <int dim>
class LinearisedQuasiPotential {
 public:
  LinearisedQuasiPotential(const SdeProblem<dim>& problem, const Equilibrium<dim>& attractor)
      : centre_(to_vector<dim>(attractor.point)) {
    HJ_CHECK(attractor.kind == EquilibriumKind::stable,
             "the linearisation needs a hyperbolic attractor");
    precision_ =
        solve_lyapunov<dim>(attractor.jacobian, problem.diffusion(attractor.point)).inverse();
  }
  double value(const std::array<double, dim>& x) const {
    const Vector<dim> dx = to_vector<dim>(x) - centre_;
    return 0.5 * dx.dot(precision_ * dx);
  }
  Vector<dim> gradient(const std::array<double, dim>& x) const {
    return precision_ * (to_vector<dim>(x) - centre_);
  }
  const Matrix<dim>& precision() const { return precision_; }

 private:
  Vector<dim> centre_;
  Matrix<dim> precision_;
};

}  // namespace hj

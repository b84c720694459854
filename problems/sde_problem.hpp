// SdeProblem<dim>: the quasi-potential V of dX = b(X) dt + sqrt(eps) sigma(X) dW with
// A = sigma sigma^T, in the convention of ../shared/design/math.md:
//   H(x, p) = 1/2 p^T A(x) p + b(x)^T p,   H(x, grad V) = 0,   V(x*) = 0 at the attractor x*.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "problems/problem.hpp"
#include "problems/vector_types.hpp"

namespace hj {

template <int dim>
class SdeProblem : public Problem<dim> {
 public:
  using Point = typename Problem<dim>::Point;

  Equation equation() const final { return Equation::quasi_potential; }

  /// The drift b(x).
  virtual Vector<dim> drift(const Point& x) const = 0;
  /// The diffusion matrix A(x) = sigma sigma^T, symmetric positive definite.
  virtual Matrix<dim> diffusion(const Point& x) const = 0;
  /// Db(x); by default central differences of the drift.
  virtual Matrix<dim> drift_jacobian(const Point& x) const {
    Matrix<dim> jacobian;
    for (int k = 0; k < dim; ++k) {
      const double step = 1e-6 * std::max(1.0, std::abs(x[k]));
      Point plus = x, minus = x;
      plus[k] += step;
      minus[k] -= step;
      jacobian.col(k) = (drift(plus) - drift(minus)) / (2 * step);
    }
    return jacobian;
  }
  /// True when the attractor is a stable limit cycle (through or near attractor_guess()), not
  /// a point: solvers seed along the cycle.
  virtual bool attractor_is_cycle() const { return false; }
  /// False when drift() and diffusion() keep evaluation state (expressions): simulations then
  /// call them from one thread only.
  virtual bool thread_safe() const { return true; }
  /// True when A does not depend on x, so solvers store it once.
  virtual bool constant_diffusion() const { return false; }
  /// The drift is always tabulated; what may be constant is A.
  bool constant_coefficients() const final { return constant_diffusion(); }
  /// Where Newton's method starts looking for the attractor: the problem's own guess unless
  /// the user gave one (problem.attractor).
  Point attractor_guess() const { return guess_ ? *guess_ : default_attractor_guess(); }
  void set_attractor_guess(const Point& guess) { guess_ = guess; }

  /// grad V, when the problem knows V.
  virtual std::optional<Vector<dim>> exact_gradient(const Point& /*x*/) const {
    return std::nullopt;
  }

  /// Quantities the problem derived from its settings, for summary.json ("derived"): a name
  /// and one number or a point, e.g. {"eps", {0.01}} for SGD, whose eps is the learning rate.
  virtual std::vector<std::pair<std::string, std::vector<double>>> derived() const { return {}; }

  /// The noise strength the problem itself fixes (SGD: the learning rate), from derived().
  std::optional<double> own_eps() const {
    for (const auto& [name, values] : derived()) {
      if (name == "eps" && !values.empty()) return values.front();
    }
    return std::nullopt;
  }

  /// H(x, p) = 1/2 p^T A(x) p + b(x)^T p.
  double hamiltonian(const Point& x, const Vector<dim>& p) const {
    return 0.5 * p.dot(diffusion(x) * p) + drift(x).dot(p);
  }

 protected:
  virtual Point default_attractor_guess() const = 0;

 private:
  std::optional<Point> guess_;
};

}  // namespace hj

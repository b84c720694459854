// SDE problems with exact quasi-potentials, from ../shared/design/benchmarks.md. Parameters are
// named members; the comments give b, A and V in the convention of math.md.
#pragma once

#include <cmath>
#include <string>

#include "problems/sde_problem.hpp"

namespace hj {

/// A planar problem with A = I and a closed-form V and grad V; the members below fill it in.
class PlanarUnitNoiseProblem : public SdeProblem<2> {
 public:
  Matrix<2> diffusion(const Point&) const override { return Matrix<2>::Identity(); }
  bool constant_diffusion() const override { return true; }
  bool has_exact_solution() const override { return true; }
};

/// linear-rot: b = (-a x - c y, a c x - y), A = I, V = a x^2 + y^2, attractor (0, 0).
class LinearRotation final : public PlanarUnitNoiseProblem {
 public:
  LinearRotation(double a, double c) : a_(a), c_(c) {}
  std::string name() const override { return "linear-rot"; }
  Vector<2> drift(const Point& x) const override {
    return {-a_ * x[0] - c_ * x[1], a_ * c_ * x[0] - x[1]};
  }
  Point default_attractor_guess() const override { return {0, 0}; }
  std::optional<double> exact_solution(const Point& x) const override {
    return a_ * x[0] * x[0] + x[1] * x[1];
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    return Vector<2>(2 * a_ * x[0], 2 * x[1]);
  }

 private:
  double a_, c_;
};

/// linear-rot in 3-d, its analogue: V = a x^2 + y^2 + z^2, A = I, and
/// b = -1/2 grad V + c/2 w x grad V with w = (1, 1, 1)/sqrt 3, so the rotation turns all three
/// coordinates (w x grad V is orthogonal to grad V, so V is exact). About w = e_z it would be
/// linear-rot in the (x, y) plane.
class LinearRotation3d final : public SdeProblem<3> {
 public:
  LinearRotation3d(double a, double c) : a_(a), c_(c) {}
  std::string name() const override { return "linear-rot"; }
  Vector<3> drift(const Point& x) const override {
    const Vector<3> half_gradient(a_ * x[0], x[1], x[2]);
    return -half_gradient + c_ * axis().cross(half_gradient);
  }
  Matrix<3> diffusion(const Point&) const override { return Matrix<3>::Identity(); }
  bool constant_diffusion() const override { return true; }
  Point default_attractor_guess() const override { return {0, 0, 0}; }
  bool has_exact_solution() const override { return true; }
  std::optional<double> exact_solution(const Point& x) const override {
    return a_ * x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
  }
  std::optional<Vector<3>> exact_gradient(const Point& x) const override {
    return Vector<3>(2 * a_ * x[0], 2 * x[1], 2 * x[2]);
  }
  static Vector<3> axis() { return Vector<3>(1, 1, 1) / std::sqrt(3.0); }

 private:
  double a_, c_;
};

/// cubic-rot: b = (-2x - 3/4 a x^2 - c y, 2c x + 3/4 a c x^2 - y), A = I,
/// V = 2x^2 + 1/2 a x^3 + y^2; a saddle at x = -8/(3a).
class CubicRotation final : public PlanarUnitNoiseProblem {
 public:
  CubicRotation(double a, double c) : a_(a), c_(c) {}
  std::string name() const override { return "cubic-rot"; }
  Vector<2> drift(const Point& x) const override {
    const double g = 2 * x[0] + 0.75 * a_ * x[0] * x[0];  // (1/2) dV/dx
    return {-g - c_ * x[1], c_ * g - x[1]};
  }
  Point default_attractor_guess() const override { return {0, 0}; }
  std::optional<double> exact_solution(const Point& x) const override {
    return 2 * x[0] * x[0] + 0.5 * a_ * x[0] * x[0] * x[0] + x[1] * x[1];
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    return Vector<2>(4 * x[0] + 1.5 * a_ * x[0] * x[0], 2 * x[1]);
  }

 private:
  double a_, c_;
};

/// quartic: b = (-a x^3 - c y^3, a c x^3 - y^3), A = I, V = 1/2 a x^4 + 1/2 y^4. The attractor
/// is degenerate (Db = 0 there): it stresses the seeding.
class QuarticRotation final : public PlanarUnitNoiseProblem {
 public:
  QuarticRotation(double a, double c) : a_(a), c_(c) {}
  std::string name() const override { return "quartic"; }
  Vector<2> drift(const Point& x) const override {
    const double x3 = x[0] * x[0] * x[0], y3 = x[1] * x[1] * x[1];
    return {-a_ * x3 - c_ * y3, a_ * c_ * x3 - y3};
  }
  Point default_attractor_guess() const override { return {0, 0}; }
  std::optional<double> exact_solution(const Point& x) const override {
    return 0.5 * a_ * std::pow(x[0], 4) + 0.5 * std::pow(x[1], 4);
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    return Vector<2>(2 * a_ * std::pow(x[0], 3), 2 * std::pow(x[1], 3));
  }

 private:
  double a_, c_;
};

/// double-well-rot: b = (-2(x^3 - x) - f y, -y + 2f (x^3 - x)), A = I, V = (x^2 - 1)^2 + y^2 in
/// the basin of the attractor (-1, 0); saddle (0, 0) with V = 1.
class DoubleWellRotation final : public PlanarUnitNoiseProblem {
 public:
  explicit DoubleWellRotation(double f) : f_(f) {}
  std::string name() const override { return "double-well-rot"; }
  Vector<2> drift(const Point& x) const override {
    const double g = x[0] * x[0] * x[0] - x[0];
    return {-2 * g - f_ * x[1], -x[1] + 2 * f_ * g};
  }
  Point default_attractor_guess() const override { return {-1, 0}; }
  std::optional<double> exact_solution(const Point& x) const override {
    return std::pow(x[0] * x[0] - 1, 2) + x[1] * x[1];
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    return Vector<2>(4 * x[0] * (x[0] * x[0] - 1), 2 * x[1]);
  }

 private:
  double f_;
};

/// focus-in-cycle: b = (f y - x(1 - r^2), -f x - y(1 - r^2)), A = I; V = r^2 - r^4/2 inside the
/// unstable cycle r = 1 and 1/2 outside. f = 4 and 10 are demanding.
class FocusInCycle final : public PlanarUnitNoiseProblem {
 public:
  explicit FocusInCycle(double f) : f_(f) {}
  std::string name() const override { return "focus-in-cycle"; }
  Vector<2> drift(const Point& x) const override {
    const double damping = 1 - (x[0] * x[0] + x[1] * x[1]);
    return {f_ * x[1] - x[0] * damping, -f_ * x[0] - x[1] * damping};
  }
  Point default_attractor_guess() const override { return {0, 0}; }
  std::optional<double> exact_solution(const Point& x) const override {
    const double r2 = x[0] * x[0] + x[1] * x[1];
    return r2 <= 1 ? r2 - 0.5 * r2 * r2 : 0.5;
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    const double r2 = x[0] * x[0] + x[1] * x[1];
    if (r2 > 1) return Vector<2>::Zero();
    return Vector<2>(2 * x[0] * (1 - r2), 2 * x[1] * (1 - r2));
  }

 private:
  double f_;
};

/// maier-stein: b = (x - x^3 - beta x y^2, -(1 + x^2) y), A = I; attractors (-1, 0) and (1, 0),
/// saddle (0, 0). On the x-axis V(x, 0) = 1/2 (1 - x^2)^2 for beta < 4 (the minimum action path
/// to the saddle stays on the axis; axis_value). Only beta = 1 is known in closed form off the
/// axis: then b = -grad L, L = x^4/4 - x^2/2 + (1 + x^2) y^2 / 2, and V = 2 (L - L(x*)) =
/// 1/2 (1 - x^2)^2 + (1 + x^2) y^2 in the basin of the chosen attractor (the half-plane on its
/// side of the separatrix x = 0; beyond it V is larger).
class MaierStein final : public PlanarUnitNoiseProblem {
 public:
  explicit MaierStein(double beta) : beta_(beta) {}
  std::string name() const override { return "maier-stein"; }
  Vector<2> drift(const Point& x) const override {
    return {x[0] - x[0] * x[0] * x[0] - beta_ * x[0] * x[1] * x[1], -(1 + x[0] * x[0]) * x[1]};
  }
  Matrix<2> drift_jacobian(const Point& x) const override {
    Matrix<2> J;
    J << 1 - 3 * x[0] * x[0] - beta_ * x[1] * x[1], -2 * beta_ * x[0] * x[1],  //
        -2 * x[0] * x[1], -(1 + x[0] * x[0]);
    return J;
  }
  Point default_attractor_guess() const override { return {-1, 0}; }
  /// V on the x-axis, between an attractor and the saddle (beta < 4): the 1-d formula
  /// 2 int (-b_x) dx of math.md.
  static double axis_value(double x) { return 0.5 * (1 - x * x) * (1 - x * x); }
  bool has_exact_solution() const override { return beta_ == 1; }
  std::optional<double> exact_solution(const Point& x) const override {
    if (!has_exact_solution()) return std::nullopt;
    return axis_value(x[0]) + (1 + x[0] * x[0]) * x[1] * x[1];
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    if (!has_exact_solution()) return std::nullopt;
    const double r = x[0] * x[0];
    return Vector<2>(2 * x[0] * (r - 1 + x[1] * x[1]), 2 * (1 + r) * x[1]);
  }

 private:
  double beta_;
};

/// limit-cycle: a stable limit cycle r = 1 built by the decomposition recipe (benchmarks.md):
/// U = a (r^2 - 1)^2 / 4, b = -1/2 grad U + w (-y, x) (the rotation is orthogonal to grad U),
/// A = I, so V = U exactly: 0 on the cycle, a / 4 at the repelling focus (0, 0).
class LimitCycleRotation final : public PlanarUnitNoiseProblem {
 public:
  LimitCycleRotation(double a, double w) : a_(a), w_(w) {}
  std::string name() const override { return "limit-cycle"; }
  Vector<2> drift(const Point& x) const override {
    const Vector<2> grad = *exact_gradient(x);
    return {-0.5 * grad[0] - w_ * x[1], -0.5 * grad[1] + w_ * x[0]};
  }
  Matrix<2> drift_jacobian(const Point& x) const override {
    const double r2 = x[0] * x[0] + x[1] * x[1];
    // Hessian of U: a ((r^2 - 1) I + 2 x x^T).
    Matrix<2> hessian;
    hessian << a_ * (r2 - 1 + 2 * x[0] * x[0]), 2 * a_ * x[0] * x[1], 2 * a_ * x[0] * x[1],
        a_ * (r2 - 1 + 2 * x[1] * x[1]);
    Matrix<2> rotation;
    rotation << 0, -w_, w_, 0;
    return -0.5 * hessian + rotation;
  }
  bool attractor_is_cycle() const override { return true; }
  Point default_attractor_guess() const override { return {1, 0}; }
  std::optional<double> exact_solution(const Point& x) const override {
    const double r2 = x[0] * x[0] + x[1] * x[1];
    return 0.25 * a_ * (r2 - 1) * (r2 - 1);
  }
  std::optional<Vector<2>> exact_gradient(const Point& x) const override {
    const double r2 = x[0] * x[0] + x[1] * x[1];
    return Vector<2>(a_ * (r2 - 1) * x[0], a_ * (r2 - 1) * x[1]);
  }

 private:
  double a_, w_;
};

/// consumer-resource: plankton x and their consumers y with two stable coexistence states
/// (Moore et al. 2016, the QPot package's first example; A = I):
///   b = (alpha x (1 - x / beta) - delta x^2 y / (kappa + x^2), gamma x^2 y / (kappa + x^2) - mu
///   y^2).
/// With the defaults the stable states are near (1.4049, 2.8081) and (4.9040, 4.0619), with a
/// saddle at (4.2008, 4.0039) between them. V is not known in closed form.
class ConsumerResource final : public PlanarUnitNoiseProblem {
 public:
  struct Parameters {
    double alpha = 1.54, beta = 10.14, delta = 1.0, gamma = 0.476, kappa = 1.0, mu = 0.112509;
  };
  explicit ConsumerResource(Parameters p) : p_(p) {}
  std::string name() const override { return "consumer-resource"; }
  Vector<2> drift(const Point& x) const override {
    const double x2 = x[0] * x[0], holling = x2 / (p_.kappa + x2);
    return {p_.alpha * x[0] * (1 - x[0] / p_.beta) - p_.delta * holling * x[1],
            p_.gamma * holling * x[1] - p_.mu * x[1] * x[1]};
  }
  Matrix<2> drift_jacobian(const Point& x) const override {
    const double x2 = x[0] * x[0], denominator = p_.kappa + x2;
    const double holling = x2 / denominator;
    const double d_holling = 2 * x[0] * p_.kappa / (denominator * denominator);  // d/dx
    Matrix<2> J;
    J << p_.alpha * (1 - 2 * x[0] / p_.beta) - p_.delta * d_holling * x[1], -p_.delta * holling,
        p_.gamma * d_holling * x[1], p_.gamma * holling - 2 * p_.mu * x[1];
    return J;
  }
  /// The low-plankton state.
  Point default_attractor_guess() const override { return {1.4, 2.8}; }
  bool has_exact_solution() const override { return false; }

 private:
  Parameters p_;
};

}  // namespace hj

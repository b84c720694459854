// The quasi-potential near a hyperbolic attractor to fourth order: V ~ V2 + V3 + V4 with
// V2 = 1/2 dx^T Q dx the linearisation's (Q = C^{-1}, J C + C J^T + A(x*) = 0) and V3, V4 the
// cubic and quartic forms that the Hamilton-Jacobi equation 1/2 grad V . A grad V + b . grad V = 0
// fixes degree by degree. With b = b1 + b2 + b3 + ..., A = A0 + A1 + A2 + ... and
// p_k = grad V_{k+1} (all homogeneous of the degree their index says):
//   degree 3:  (b1 + A0 p1) . p2 = - b2 . p1 - 1/2 p1 . A1 p1
//   degree 4:  (b1 + A0 p1) . p3 = - b3 . p1 - b2 . p2 - 1/2 p2 . A0 p2 - p1 . A1 p2
//                                  - 1/2 p1 . A2 p1
// The quartic term makes seed values exact to O(r^5) and their gradients to O(r^4), so a
// second-order solver can seed a ball large enough to keep the strongly curved paths around the
// attractor out of its first steps, without the seeds' own error showing (a quartic V, as in the
// decomposed problem or focus-in-cycle, otherwise leaves O(r^3) in the seeded gradients).
//
// Each form's coefficients are found by collocation: the identity holds for every dx, so it is
// imposed on more directions than unknowns and solved by least squares. b2, b3, A1 and A2 come
// from central differences of the drift and diffusion along each direction (no Hessians needed).
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "solvers/attractor.hpp"

namespace hj {

template <int dim>
class AttractorExpansion {
 public:
  using Exponents = std::array<int, dim>;

  AttractorExpansion(const SdeProblem<dim>& problem, const Equilibrium<dim>& attractor)
      : linear_(problem, attractor), centre_(to_vector<dim>(attractor.point)) {
    const Matrix<dim>& Q = linear_.precision();
    const Matrix<dim> A0 = problem.diffusion(attractor.point);
    const Matrix<dim> transport = attractor.jacobian + A0 * Q;  // the characteristic field
    const std::vector<Sample> samples = sample_directions(problem, attractor.point);
    for (const Sample& sample : samples) directions_.push_back(sample.direction);
    // Degree 3, then degree 4 with p2 known.
    cubic_ = collocate(samples, transport, monomials(3), [&](const Sample& s) {
      const Vector<dim> p1 = Q * s.direction;
      return -s.b2.dot(p1) - 0.5 * p1.dot(s.A1 * p1);
    });
    quartic_ = collocate(samples, transport, monomials(4), [&](const Sample& s) {
      const Vector<dim> p1 = Q * s.direction;
      const Vector<dim> p2 = form_gradient(cubic_, monomials(3), s.direction);
      return -s.b3.dot(p1) - s.b2.dot(p2) - 0.5 * p2.dot(A0 * p2) - p1.dot(s.A1 * p2) -
             0.5 * p1.dot(s.A2 * p1);
    });
  }

  double value(const std::array<double, dim>& x) const {
    const Vector<dim> dx = to_vector<dim>(x) - centre_;
    return linear_.value(x) + form_value(cubic_, monomials(3), dx) +
           form_value(quartic_, monomials(4), dx);
  }
  Vector<dim> gradient(const std::array<double, dim>& x) const {
    const Vector<dim> dx = to_vector<dim>(x) - centre_;
    return linear_.gradient(x) + form_gradient(cubic_, monomials(3), dx) +
           form_gradient(quartic_, monomials(4), dx);
  }
  /// The quadratic term alone (the linearisation's V and grad V), positive definite.
  double quadratic_value(const std::array<double, dim>& x) const { return linear_.value(x); }
  Vector<dim> quadratic_gradient(const std::array<double, dim>& x) const {
    return linear_.gradient(x);
  }

  /// The radius within which the expansion's cubic and quartic terms stay below `fraction` of
  /// its quadratic term in every sampled direction: where the series can be trusted. Small
  /// where A or b vary fast on the scale of the distance (SGD noise that grows away from an
  /// almost interpolating minimum); infinite for a linear SDE.
  double trusted_radius(double fraction = 0.25) const {
    double radius = std::numeric_limits<double>::infinity();
    for (const Vector<dim>& d : directions_) {
      const double quadratic = 0.5 * d.dot(linear_.precision() * d);
      const double c3 = std::abs(form_value(cubic_, monomials(3), d));
      const double c4 = std::abs(form_value(quartic_, monomials(4), d));
      // r c3 + r^2 c4 = fraction * quadratic, the positive root.
      const double budget = fraction * quadratic;
      const double r = c4 > 0   ? (std::sqrt(c3 * c3 + 4 * c4 * budget) - c3) / (2 * c4)
                       : c3 > 0 ? budget / c3
                                : std::numeric_limits<double>::infinity();
      radius = std::min(radius, r);
    }
    return radius;
  }

  /// The cubic and quartic forms' coefficients, one per monomial (exponents in `monomials(3)`,
  /// `monomials(4)`).
  const Eigen::VectorXd& cubic_coefficients() const { return cubic_; }
  const Eigen::VectorXd& quartic_coefficients() const { return quartic_; }

  /// Exponents of the monomials x^a y^b (z^c) of a degree.
  static const std::vector<Exponents>& monomials(int degree) {
    static const std::array<std::vector<Exponents>, 5> lists = [] {
      std::array<std::vector<Exponents>, 5> all;
      for (int d = 0; d < 5; ++d) {
        Exponents e{};
        auto recurse = [&](auto&& self, int axis, int left) -> void {
          if (axis == dim - 1) {
            e[axis] = left;
            all[d].push_back(e);
            return;
          }
          for (int k = left; k >= 0; --k) {
            e[axis] = k;
            self(self, axis + 1, left - k);
          }
        };
        recurse(recurse, 0, d);
      }
      return all;
    }();
    return lists.at(static_cast<std::size_t>(degree));
  }

 private:
  // The drift's and diffusion's homogeneous parts along one unit direction.
  struct Sample {
    Vector<dim> direction, b2, b3;
    Matrix<dim> A1, A2;
  };

  std::vector<Sample> sample_directions(const SdeProblem<dim>& problem,
                                        const std::array<double, dim>& centre) const {
    const int count = 4 * static_cast<int>(monomials(4).size());
    std::vector<Sample> samples;
    std::mt19937_64 random(12345);
    std::normal_distribution<double> normal;
    // Central differences of step t: rounding about 1e-16 / t^3 in the third derivative.
    constexpr double t = 1e-2;
    const Vector<dim> b0 = problem.drift(centre);
    const Matrix<dim> A0 = problem.diffusion(centre);
    for (int k = 0; k < count; ++k) {
      Sample s;
      for (int a = 0; a < dim; ++a) s.direction[a] = normal(random);
      s.direction.normalize();
      auto at = [&](double step) {
        return to_point<dim>(to_vector<dim>(centre) + step * s.direction);
      };
      const Vector<dim> bp = problem.drift(at(t)), bm = problem.drift(at(-t));
      const Vector<dim> bp2 = problem.drift(at(2 * t)), bm2 = problem.drift(at(-2 * t));
      // Five-point stencils: b'' / 2 and A'' / 2, A' to O(t^4); b''' / 6 to O(t^2).
      s.b2 = (16 * (bp + bm) - (bp2 + bm2) - 30 * b0) / (24 * t * t);
      s.b3 = (bp2 - 2 * bp + 2 * bm - bm2) / (12 * t * t * t);
      const Matrix<dim> Ap = problem.diffusion(at(t)), Am = problem.diffusion(at(-t));
      const Matrix<dim> Ap2 = problem.diffusion(at(2 * t)), Am2 = problem.diffusion(at(-2 * t));
      s.A1 = (8 * (Ap - Am) - (Ap2 - Am2)) / (12 * t);
      s.A2 = (16 * (Ap + Am) - (Ap2 + Am2) - 30 * A0) / (24 * t * t);
      samples.push_back(s);
    }
    return samples;
  }

  // The coefficients c of the form F = sum c_j m_j with transport(d) . grad F(d) = rhs(d) at
  // every sampled direction d, by least squares.
  template <typename Rhs>
  static Eigen::VectorXd collocate(const std::vector<Sample>& samples, const Matrix<dim>& transport,
                                   const std::vector<Exponents>& basis, Rhs&& rhs) {
    const auto rows = static_cast<Eigen::Index>(samples.size());
    Eigen::MatrixXd system(rows, static_cast<Eigen::Index>(basis.size()));
    Eigen::VectorXd right(rows);
    for (Eigen::Index row = 0; row < rows; ++row) {
      const Sample& s = samples[static_cast<std::size_t>(row)];
      const Vector<dim> velocity = transport * s.direction;
      for (std::size_t j = 0; j < basis.size(); ++j) {
        system(row, static_cast<Eigen::Index>(j)) =
            velocity.dot(monomial_gradient(basis[j], s.direction));
      }
      right[row] = rhs(s);
    }
    return system.colPivHouseholderQr().solve(right);
  }

  static double form_value(const Eigen::VectorXd& c, const std::vector<Exponents>& basis,
                           const Vector<dim>& x) {
    double value = 0;
    for (std::size_t j = 0; j < basis.size(); ++j) {
      value += c[static_cast<Eigen::Index>(j)] * monomial(basis[j], x);
    }
    return value;
  }
  static Vector<dim> form_gradient(const Eigen::VectorXd& c, const std::vector<Exponents>& basis,
                                   const Vector<dim>& x) {
    Vector<dim> g = Vector<dim>::Zero();
    for (std::size_t j = 0; j < basis.size(); ++j) {
      g += c[static_cast<Eigen::Index>(j)] * monomial_gradient(basis[j], x);
    }
    return g;
  }
  static double monomial(const Exponents& e, const Vector<dim>& x) {
    double value = 1;
    for (int k = 0; k < dim; ++k) value *= std::pow(x[k], e[k]);
    return value;
  }
  static Vector<dim> monomial_gradient(const Exponents& e, const Vector<dim>& x) {
    Vector<dim> g;
    for (int k = 0; k < dim; ++k) {
      if (e[k] == 0) {
        g[k] = 0;
        continue;
      }
      Exponents lowered = e;
      --lowered[k];
      g[k] = e[k] * monomial(lowered, x);
    }
    return g;
  }

  LinearisedQuasiPotential<dim> linear_;
  Vector<dim> centre_;
  Eigen::VectorXd cubic_, quartic_;
  std::vector<Vector<dim>> directions_;  ///< the unit directions the forms were fitted on
};

}  // namespace hj

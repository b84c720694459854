// MetricProblem<dim>: the distance from point sources in a Finsler cost of Randers form
// (../shared/design/math.md),
//   F(x, v) = |v|_M(x) + <w(x), v>,   |v|_M = sqrt(v^T M v),  M(x) symmetric positive definite,
// Riemannian when the one-form w is zero. u(x) = min over sources s and curves from s to x of
// the integral of F along the curve. F is positive for v != 0 exactly when |w|_{M^-1} < 1, which
// every problem must satisfy at every point.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "problems/problem.hpp"
#include "problems/vector_types.hpp"

namespace hj {

template <int dim>
class MetricProblem : public Problem<dim> {
 public:
  using Point = typename Problem<dim>::Point;

  Equation equation() const final { return Equation::metric; }
  /// M(x), symmetric positive definite.
  virtual Matrix<dim> metric(const Point& x) const = 0;
  /// w(x), the Randers one-form; zero for a Riemannian metric.
  virtual Vector<dim> one_form(const Point& /*x*/) const { return Vector<dim>::Zero(); }
  /// Where u = 0.
  virtual std::vector<Point> sources() const = 0;
};

/// F(v) = |v|_M + <w, v> for M and w taken at one point.
template <int dim>
double randers_cost(const Matrix<dim>& M, const Vector<dim>& w, const Vector<dim>& v) {
  return std::sqrt(std::max(0.0, v.dot(M * v))) + w.dot(v);
}

/// |w|_{M^-1} = sqrt(w^T M^-1 w): F > 0 for every v != 0 exactly when it is below 1. M must be
/// SPD.
template <int dim>
double one_form_size(const Matrix<dim>& M, const Vector<dim>& w) {
  return std::sqrt(std::max(0.0, w.dot(M.llt().solve(w))));
}

}  // namespace hj

// EikonalProblem<dim>: |grad u| = s(x) = 1/c(x), u = 0 at point sources; s is the slowness, c the
// speed.
#pragma once

#include <vector>

#include "problems/problem.hpp"

namespace hj {

template <int dim>
class EikonalProblem : public Problem<dim> {
 public:
  using Point = typename Problem<dim>::Point;

  Equation equation() const final { return Equation::eikonal; }
  /// Slowness s(x) = 1/c(x) >= 0 (zero only at a source).
  virtual double slowness(const Point& x) const = 0;
  /// Where u = 0.
  virtual std::vector<Point> sources() const = 0;
};

}  // namespace hj

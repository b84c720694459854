// Problem<dim>: what the user knows about the equation to solve.
//
// The eikonal problems of this release state |grad u| = s(x) = 1/c(x) with u = 0 at point
// sources; s is the slowness, c the speed. Solvers call these virtual functions only while
// tabulating data on the grid, never in their inner loop.
#pragma once

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace hj {

enum class Equation { eikonal };

template <int dim>
class Problem {
 public:
  using Point = std::array<double, dim>;
  virtual ~Problem() = default;

  /// The catalogue name, e.g. "eikonal-point".
  virtual std::string name() const = 0;
  virtual Equation equation() const = 0;

  /// Slowness s(x) = 1/c(x) >= 0 (zero only at a source).
  virtual double slowness(const Point& x) const = 0;
  /// True when s is the same everywhere, so solvers need not tabulate it.
  virtual bool constant_slowness() const { return false; }
  /// Where u = 0.
  virtual std::vector<Point> sources() const = 0;

  /// The exact solution, when the problem knows it.
  virtual std::optional<double> exact_solution(const Point& /*x*/) const { return std::nullopt; }
  bool has_exact_solution() const { return exact_solution(sources().front()).has_value(); }
};

template <int dim>
double distance(const std::array<double, dim>& a, const std::array<double, dim>& b) {
  double sum = 0;
  for (int k = 0; k < dim; ++k) sum += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(sum);
}

}  // namespace hj

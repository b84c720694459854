// Problem<dim>: what the user knows about the equation to solve. The concrete kinds derive from
// it: EikonalProblem (|grad u| = s(x), eikonal_problem.hpp), SdeProblem (the quasi-potential
// of dX = b dt + sqrt(eps) sigma dW, sde_problem.hpp) and MetricProblem (distances in a
// Riemannian or Randers metric, metric_problem.hpp). Solvers call these virtual functions only
// while tabulating data on the grid, never in their inner loop.
#pragma once

#include <array>
#include <cmath>
#include <optional>
#include <string>

namespace hj {

/// eikonal: |grad u| = s(x). quasi_potential: 1/2 grad V^T A grad V + b^T grad V = 0, V = 0 at
/// a stable equilibrium of the drift (../shared/design/math.md). metric: the distance from point
/// sources in a Riemannian or Randers cost F(x, v) = |v|_M(x) + <w(x), v> (metric_problem.hpp).
enum class Equation { eikonal, quasi_potential, metric };
std::string to_string(Equation equation);

template <int dim>
class Problem {
 public:
  using Point = std::array<double, dim>;
  virtual ~Problem() = default;

  /// The catalogue name, e.g. "eikonal-point".
  virtual std::string name() const = 0;
  virtual Equation equation() const = 0;

  /// True when every coefficient a solver tabulates is the same everywhere, so that it need not
  /// be stored per node.
  virtual bool constant_coefficients() const { return false; }

  virtual bool has_exact_solution() const { return false; }
  /// The exact solution at x, when the problem knows it (nullopt otherwise).
  virtual std::optional<double> exact_solution(const Point& /*x*/) const { return std::nullopt; }
};

template <int dim>
double distance(const std::array<double, dim>& a, const std::array<double, dim>& b) {
  double sum = 0;
  for (int k = 0; k < dim; ++k) sum += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(sum);
}

inline std::string to_string(Equation equation) {
  switch (equation) {
    case Equation::eikonal:
      return "eikonal";
    case Equation::quasi_potential:
      return "quasi-potential";
    case Equation::metric:
      return "metric";
  }
  return "?";
}

}  // namespace hj

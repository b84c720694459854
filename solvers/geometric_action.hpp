// The geometric action of a polyline, S = sum over segments of F(z, v) with
// F(z, v) = |v|_M |b(z)|_M - <v, b(z)>_M, M = A(z)^{-1}, z the segment's midpoint and v the segment
// (math.md). The midpoint rule makes S second-order accurate in the segment length; it uses only
// b and A, so it checks a computed V independently. Shared by the traced paths and gMAM.
#pragma once

#include <array>
#include <span>

#include "problems/sde_problem.hpp"
#include "solvers/sde_cost.hpp"

namespace hj {

/// `points` run in the direction of motion, from the attractor's side outwards.
template <int dim>
double polyline_action(const SdeProblem<dim>& problem,
                       std::span<const std::array<double, dim>> points) {
  double total = 0;
  for (std::size_t k = 1; k < points.size(); ++k) {
    std::array<double, dim> middle;
    Vector<dim> v;
    for (int a = 0; a < dim; ++a) {
      middle[a] = 0.5 * (points[k][a] + points[k - 1][a]);
      v[a] = points[k][a] - points[k - 1][a];
    }
    total += local_cost<dim>(problem.drift(middle), problem.diffusion(middle).inverse(), v);
  }
  return total;
}

}  // namespace hj

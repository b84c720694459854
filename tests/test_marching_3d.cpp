// The quasi-potential marchers in 3-d: jet marching (face updates with Bernstein-Bezier cubics)
// converges at second order for V and first order for grad V, olim (tetrahedron updates) at
// first order, on linear-rot's 3-d analogue, where every coordinate rotates. Orders are
// measured between grids of 17, 25 and 33 nodes per axis, inside the level set V <= 0.9.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <vector>

#include "problems/linear_sde_matrices.hpp"
#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "solvers/jet_solver.hpp"
#include "solvers/olim_solver.hpp"
#include "validation/exact_error.hpp"
#include "validation/gradient_error.hpp"

namespace hj {
namespace {

struct Errors {
  double h, max, rms, grad_max;
};

const std::vector<std::int64_t> sizes = {17, 25, 33};

Errors measure(const SdeProblem<3>& problem, const Result<3>& result) {
  EXPECT_EQ(result.status, Status::stopped_by_rule) << result.status_detail;
  EXPECT_EQ(result.statistics.non_finite_updates, 0u);
  const ErrorNorms norms = compare_with_exact<3>(problem, result, false)->norms;
  return {result.grid.max_spacing(), norms.max, norms.rms, gradient_error<3>(problem, result)->max};
}

StructuredGrid<3> unit_box(std::int64_t n) {
  return StructuredGrid<3>({-1, -1, -1}, {1, 1, 1}, {n, n, n});
}

std::vector<Errors> jet_errors(const SdeProblem<3>& problem) {
  std::vector<Errors> errors;
  for (std::int64_t n : sizes) {
    const StructuredGrid<3> grid = unit_box(n);
    errors.push_back(measure(
        problem, solve_jet(problem, grid,
                           default_jet_settings(grid, problem, StoppingRule::below_level(0.9)))));
  }
  return errors;
}

std::vector<Errors> olim_errors(const SdeProblem<3>& problem, int radius,
                                QuadratureRule rule = QuadratureRule::midpoint) {
  std::vector<Errors> errors;
  for (std::int64_t n : sizes) {
    const StructuredGrid<3> grid = unit_box(n);
    OlimSettings settings;
    settings.rule = rule;
    settings.radius_steps = radius;
    settings.seed_radius = 3 * grid.max_spacing();
    settings.stop = StoppingRule::below_level(0.9);
    errors.push_back(measure(problem, solve_olim(problem, grid, settings)));
  }
  return errors;
}

// log(e_coarse / e_fine) / log(h_coarse / h_fine), printed so a failure shows the whole ladder.
double order(const Errors& coarse, const Errors& fine, double Errors::*norm) {
  const double p = std::log(coarse.*norm / fine.*norm) / std::log(coarse.h / fine.h);
  std::cout << "  h " << fine.h << ": " << fine.*norm << " (order " << p << ")\n";
  return p;
}

TEST(Marching3d, JetIsSecondOrderOnLinearRot3d) {
  const LinearRotation3d problem(2, 1);
  const auto e = jet_errors(problem);
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1], e[k], &Errors::max), 1.7) << "grid " << k;
    EXPECT_GE(order(e[k - 1], e[k], &Errors::grad_max), 0.8) << "grid " << k;
  }
  EXPECT_LT(e.back().max, 5e-6);  // measured 1.7e-6 at n = 33
}

TEST(Marching3d, JetIsSecondOrderOnRandomAnisotropicLinearNd) {
  // examples/linear-3d.toml: random stable B, random constant SPD A of condition number 10.
  // Measured max 8.4e-5, 3.8e-5, 3.5e-6 (orders 2.0, 8.3), rms orders 1.3, 6.9; with edges as
  // candidates (docs/convergence.md) n = 33 had 2.1e-5 (orders 2.0, 2.0; rms 1.3, 1.6).
  const LinearSdeMatrices<3> m = random_linear_sde<3>(7, 10);
  const LinearSde<3> problem(m.B, m.A, {0, 0, 0});
  const auto e = jet_errors(problem);
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1], e[k], &Errors::max), 1.7) << "grid " << k;
    EXPECT_GE(order(e[k - 1], e[k], &Errors::rms), 1.1) << "grid " << k;
    EXPECT_GE(order(e[k - 1], e[k], &Errors::grad_max), 0.8) << "grid " << k;
  }
}

TEST(Marching3d, JetIsExactForAQuadraticGradientField) {
  // b = -x, A = I: V = |x|^2 is quadratic and its characteristics are straight, so every arc is
  // exact and the Hermite cubics reproduce V: only rounding and the minimisers' tolerances remain
  // (measured 6.5e-10).
  const LinearSde<3> problem(-Matrix<3>::Identity(), Matrix<3>::Identity(), {0, 0, 0});
  const StructuredGrid<3> grid = unit_box(17);
  JetSettings settings = default_jet_settings(grid, problem, StoppingRule::below_level(0.45));
  settings.reach = SearchReach::fixed(2);
  const Errors e = measure(problem, solve_jet(problem, grid, settings));
  EXPECT_LT(e.max, 5e-9);
  EXPECT_LT(e.grad_max, 1e-6);
}

// With K = 3 (the default grows like n^(1/3) and makes 3-d solves slow). Measured max errors
// 1.75e-2, 1.49e-2, 1.19e-2 (orders 0.40, 0.79; 8.6e-3 at n = 49, order 0.80) and rms orders
// 0.41, 0.49: the first-order regime is approached slowly on these grids.
TEST(Marching3d, OlimConvergesOnLinearRot3d) {
  const LinearRotation3d problem(2, 1);
  const auto e = olim_errors(problem, 3);
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1], e[k], &Errors::max), 0.35) << "grid " << k;
    EXPECT_GE(order(e[k - 1], e[k], &Errors::rms), 0.35) << "grid " << k;
  }
}

// rms orders from n = 17 to 33 measured: rhr 0.32 (the ordered upwind method, errors ten times
// the others'), trapezoid 0.76, midpoint 0.44: first order is approached slowly at these sizes.
TEST(Marching3d, OlimConvergesWithEveryQuadrature) {
  const LinearRotation3d problem(2, 1);
  for (QuadratureRule rule :
       {QuadratureRule::right_hand, QuadratureRule::trapezoid, QuadratureRule::midpoint}) {
    const auto e = olim_errors(problem, 3, rule);
    EXPECT_LT(e[1].rms, e[0].rms);
    EXPECT_LT(e[2].rms, e[1].rms);
    EXPECT_GE(order(e.front(), e.back(), &Errors::rms), 0.25);
  }
}

TEST(Marching3d, OlimConvergesWithVariableDiffusion) {
  // decomposed (benchmarks.md) in 3-d: variable SPD A(x), rotation w(x) x grad U, V = U.
  // Measured on [-1.5, 1.5]^3, U <= 1.5: max 9.0e-2, 6.0e-2, 4.3e-2 (orders 1.0, 1.2), rms
  // orders 0.66, 0.98.
  const DecomposedSde<3> problem(Vector<3>(1.0, 2.0, 1.5), 0.5, 1.0);
  std::vector<Errors> e;
  for (std::int64_t n : sizes) {
    const StructuredGrid<3> grid({-1.5, -1.5, -1.5}, {1.5, 1.5, 1.5}, {n, n, n});
    OlimSettings settings;
    settings.radius_steps = 3;
    settings.seed_radius = 3 * grid.max_spacing();
    settings.stop = StoppingRule::below_level(1.5);
    e.push_back(measure(problem, solve_olim(problem, grid, settings)));
  }
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1], e[k], &Errors::max), 0.7) << "grid " << k;
    EXPECT_GE(order(e[k - 1], e[k], &Errors::rms), 0.5) << "grid " << k;
  }
}

TEST(Marching3d, JetWithVariableDiffusion) {
  // decomposed in 3-d (the problem of OlimConvergesWithVariableDiffusion): variable SPD A(x),
  // rotation w(x) x grad U, V = U, inside U <= 0.5 on [-1.5, 1.5]^3; grids this coarse leave
  // 4 to 8 nodes from the attractor to the level set. Measured max error 4.5e-4, 2.1e-4,
  // 2.9e-4 (not monotone: open, docs/convergence.md), rms 1.16e-4, 6.4e-5, 4.1e-5 (ladder
  // order 1.5); olim (K = 3) 3.6e-2, 2.6e-2, 1.9e-2 on the same grids.
  const DecomposedSde<3> problem(Vector<3>(1.0, 2.0, 1.5), 0.5, 1.0);
  std::vector<Errors> e;
  for (std::int64_t n : sizes) {
    const StructuredGrid<3> grid({-1.5, -1.5, -1.5}, {1.5, 1.5, 1.5}, {n, n, n});
    e.push_back(measure(
        problem, solve_jet(problem, grid,
                           default_jet_settings(grid, problem, StoppingRule::below_level(0.5)))));
    EXPECT_LT(e.back().max, 1e-3) << "n = " << n;  // olim: 1.9e-2 or more
  }
  for (std::size_t k = 1; k < e.size(); ++k) EXPECT_LT(e[k].rms, e[k - 1].rms) << "grid " << k;
  EXPECT_GE(order(e.front(), e.back(), &Errors::rms), 1.2);
}

TEST(Marching3d, JetFarMoreAccurateThanOlim) {
  // At n = 33: olim 1.2e-2, the jet 1.7e-6.
  const LinearRotation3d problem(2, 1);
  const StructuredGrid<3> grid = unit_box(33);
  const JetSettings jet = default_jet_settings(grid, problem, StoppingRule::below_level(0.9));
  OlimSettings olim;
  olim.radius_steps = 3;
  olim.seed_radius = 3 * grid.max_spacing();
  olim.stop = jet.stop;
  EXPECT_LT(100 * measure(problem, solve_jet(problem, grid, jet)).max,
            measure(problem, solve_olim(problem, grid, olim)).max);
}

}  // namespace
}  // namespace hj

// Jet marching: second order for V and a carried gradient on the exact problems of benchmarks.md,
// measured inside a level set of V that fits the box, and the third-order attractor expansion it
// seeds from.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "solvers/attractor_expansion.hpp"
#include "solvers/jet_solver.hpp"
#include "validation/exact_error.hpp"
#include "validation/gradient_error.hpp"

namespace hj {
namespace {

struct JetErrors {
  double max, grad_rms;
};

JetErrors solve_and_measure(const SdeProblem<2>& problem, const StructuredGrid<2>& grid,
                            double level) {
  JetSettings settings;
  settings.radius_steps = default_jet_radius_steps(problem);
  settings.seed_radius = default_jet_seed_radius(grid.max_spacing());
  settings.stop = StoppingRule::below_level(level);
  const Result<2> result = solve_jet(problem, grid, settings);
  EXPECT_EQ(result.status, Status::stopped_by_rule) << result.status_detail;
  EXPECT_EQ(result.statistics.non_finite_updates, 0u);
  EXPECT_EQ(result.gradient.size(), grid.size());
  const ErrorNorms norms = compare_with_exact<2>(problem, result, false)->norms;
  return {norms.max, gradient_error<2>(problem, result)->rms};
}

// Errors on grids of n = 65, 129, 257 nodes per axis (or the sizes given).
std::vector<JetErrors> errors_on_three_grids(const SdeProblem<2>& problem, double lower_x,
                                             double upper_x, double lower_y, double upper_y,
                                             double level,
                                             std::vector<std::int64_t> sizes = {65, 129, 257}) {
  std::vector<JetErrors> errors;
  for (std::int64_t n : sizes) {
    errors.push_back(solve_and_measure(
        problem, StructuredGrid<2>({lower_x, lower_y}, {upper_x, upper_y}, {n, n}), level));
  }
  return errors;
}

double order(double coarse, double fine) { return std::log2(coarse / fine); }

TEST(JetMarching, SecondOrderOnLinearRot) {
  // V is quadratic, which the Hermite interpolants reproduce: from n = 257 on the error sits at a
  // floor of 2e-8 to 5e-8 (bench/jet_targets.py, docs/convergence.md), so the orders are
  // measured on coarser grids (max error 2.7e-6, 6.8e-7, 9.3e-8).
  const LinearRotation problem(2, 1);
  const auto e = errors_on_three_grids(problem, -4.0 / 3, 4.0 / 3, -2, 2, 3.5, {33, 65, 129});
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1].max, e[k].max), 1.8) << "grid " << k;
    EXPECT_GE(order(e[k - 1].grad_rms, e[k].grad_rms), 1.0) << "grid " << k;
  }
}

TEST(JetMarching, SecondOrderOnCubicRot) {
  const CubicRotation problem(1, 1);
  const auto e = errors_on_three_grids(problem, -1.5, 1.5, -1.5, 1.5, 2.0);
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1].max, e[k].max), 1.7) << "grid " << k;
    EXPECT_GE(order(e[k - 1].grad_rms, e[k].grad_rms), 1.0) << "grid " << k;
  }
}

TEST(JetMarching, FarMoreAccurateThanOlimsFirstOrder) {
  // At 257 nodes the first-order methods are near 1e-3 on linear-rot (docs/convergence.md); the
  // jet reaches 2e-8 there.
  const LinearRotation problem(2, 1);
  const StructuredGrid<2> grid({-4.0 / 3, -2}, {4.0 / 3, 2}, {257, 257});
  EXPECT_LT(solve_and_measure(problem, grid, 3.5).max, 1e-6);
}

TEST(JetMarching, DefaultRadiusFollowsTheRotation) {
  // linear-rot turns the characteristics 45 degrees from the gradient; focus-in-cycle with
  // f = 4 by atan(4) = 76 degrees, so its updates must reach further.
  EXPECT_EQ(default_jet_radius_steps(LinearRotation(2, 1)), 2);
  EXPECT_EQ(default_jet_radius_steps(FocusInCycle(4)), 6);
}

TEST(AttractorExpansion, FindsTheCubicTermOfCubicRot) {
  // V = 2 x^2 + a x^3 / 2 + y^2: the cubic form is a/2 x^3.
  const double a = 1.3;
  const CubicRotation problem(a, 1);
  const AttractorExpansion<2> expansion(problem, find_attractor<2>(problem, {0, 0}));
  const auto& monomials = AttractorExpansion<2>::monomials();
  for (std::size_t j = 0; j < monomials.size(); ++j) {
    const double expected = monomials[j] == std::array<int, 2>{3, 0} ? a / 2 : 0.0;
    EXPECT_NEAR(expansion.cubic_coefficients()[static_cast<Eigen::Index>(j)], expected, 1e-6);
  }
  EXPECT_NEAR(expansion.value({0.1, 0.05}), *problem.exact_solution({0.1, 0.05}), 1e-12);
}

TEST(AttractorExpansion, VariableDiffusionWithoutCubicTerm) {
  // decomposed: V = U = quadratic + quartic, with A(x) varying: the A1 term must cancel exactly.
  for (const int dim_case : {2, 3}) {
    if (dim_case == 2) {
      const DecomposedSde<2> problem(Vector<2>(1.0, 2.0), 0.5, 1.0);
      const AttractorExpansion<2> expansion(problem, find_attractor<2>(problem, {0.1, 0.1}));
      EXPECT_LT(expansion.cubic_coefficients().cwiseAbs().maxCoeff(), 1e-6);
    } else {
      const DecomposedSde<3> problem(Vector<3>(1.0, 2.0, 1.5), 0.5, 1.0);
      const AttractorExpansion<3> expansion(problem, find_attractor<3>(problem, {0.1, 0.1, 0.1}));
      EXPECT_EQ(AttractorExpansion<3>::monomials().size(), 10u);
      EXPECT_LT(expansion.cubic_coefficients().cwiseAbs().maxCoeff(), 1e-6);
    }
  }
}

}  // namespace
}  // namespace hj

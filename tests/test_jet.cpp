// Jet marching: second order for V and first order for the carried gradient on every planar exact
// problem of benchmarks.md, measured inside a level set of V that fits the box, with the automatic
// per-node search radius; the radius rules; the third-order attractor expansion it seeds from.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "problems/linear_sde_matrices.hpp"
#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "solvers/attractor_expansion.hpp"
#include "solvers/jet_solver.hpp"
#include "solvers/jet_update.hpp"
#include "tests/fitted_order.hpp"
#include "validation/exact_error.hpp"
#include "validation/gradient_error.hpp"

namespace hj {
namespace {

struct JetErrors {
  double max, rms, grad_rms;
};

// The error inside the level set {V <= level}, which must fit the box. `on_axis`: only the
// nodes on the x-axis (maier-stein, where V is known there alone), x between the attractor and
// the saddle.
JetErrors solve_and_measure(const SdeProblem<2>& problem, const StructuredGrid<2>& grid,
                            double level, bool on_axis = false) {
  const Result<2> result = solve_jet(
      problem, grid, default_jet_settings(grid, problem, StoppingRule::below_level(level)));
  EXPECT_EQ(result.status, Status::stopped_by_rule) << result.status_detail;
  EXPECT_EQ(result.statistics.non_finite_updates, 0u);
  EXPECT_EQ(result.gradient.size(), grid.size());
  if (on_axis) {
    const std::int64_t n = grid.nodes_per_axis()[0];
    double max = 0, squares = 0;
    int count = 0;
    for (std::int64_t i = 0; i < n; ++i) {
      const std::size_t node = grid.index({i, (grid.nodes_per_axis()[1] - 1) / 2});
      const double x = grid.point(node)[0];
      if (x < -1 - 1e-12 || x > -0.05) continue;
      const double error = std::abs(result.value[node] - MaierStein::axis_value(x));
      max = std::max(max, error);
      squares += error * error;
      ++count;
    }
    return {max, std::sqrt(squares / count), 0};
  }
  const ErrorNorms norms = compare_with_exact<2>(problem, result, false)->norms;
  return {norms.max, norms.rms, gradient_error<2>(problem, result)->rms};
}

double order(double coarse, double fine) { return std::log2(coarse / fine); }

using test::fitted_order;

// One exact problem of benchmarks.md with the box, the level set and the grids it is measured
// on, and the least max-error order accepted at each refinement.
struct PlanarCase {
  std::string name;
  std::function<std::unique_ptr<SdeProblem<2>>()> make;
  std::array<double, 2> lower, upper;
  double level;
  std::vector<std::int64_t> sizes;
  double least_order = 1.8;
  bool on_axis = false;
};

std::ostream& operator<<(std::ostream& out, const PlanarCase& c) { return out << c.name; }

std::vector<PlanarCase> planar_cases() {
  return {
      // Issue 3's grids and order (1.9 from 257 to 1025; 129..513 here, to keep the suite
      // short). Until the arcs took their chords from offsets of size h (jet_update.hpp) the
      // error sat at a floor of 2e-8..5e-8 from n = 257 on.
      {"linear_rot",
       [] { return std::make_unique<LinearRotation>(2, 1); },
       {-4.0 / 3, -2},
       {4.0 / 3, 2},
       3.5,
       {129, 257, 513},
       1.9},
      {"cubic_rot",
       [] { return std::make_unique<CubicRotation>(1, 1); },
       {-1.5, -1.5},
       {1.5, 1.5},
       2.0,
       {33, 65, 129}},
      // Degenerate attractor (Db = 0): seeded with V = 0 on its cell.
      {"quartic",
       [] { return std::make_unique<QuarticRotation>(1, 1); },
       {-1, -1},
       {1, 1},
       0.45,
       {33, 65, 129}},
      {"double_well_rot",
       [] { return std::make_unique<DoubleWellRotation>(1); },
       {-2, -1},
       {0, 1},
       0.99,
       {65, 129, 257}},
      // Near the cycle the characteristics wind along the level sets: K grows per node.
      {"focus_in_cycle_f4",
       [] { return std::make_unique<FocusInCycle>(4); },
       {-1.2, -1.2},
       {1.2, 1.2},
       0.45,
       {65, 129, 257}},
      // f = 10 needs K ~ 2 / cos theta = 32 at V = 0.3 (63 at 0.45, beyond the default cap below
      // n = 1025): measured inside V <= 0.3.
      {"focus_in_cycle_f10",
       [] { return std::make_unique<FocusInCycle>(10); },
       {-1.2, -1.2},
       {1.2, 1.2},
       0.3,
       {129, 257, 513}},
      {"maier_stein_axis",
       [] { return std::make_unique<MaierStein>(3); },
       {-1.5, -1},
       {0.5, 1},
       0.6,
       {65, 129, 257},
       1.8,
       true},
      {"linear_nd_anisotropic",
       [] {
         const LinearSdeMatrices<2> m = random_linear_sde<2>(11, 10);
         return std::make_unique<LinearSde<2>>(m.B, m.A, std::array<double, 2>{0, 0});
       },
       {-1, -1},
       {1, 1},
       0.2,
       {65, 129, 257}},
      // Variable A(x).
      {"decomposed",
       [] { return std::make_unique<DecomposedSde<2>>(Vector<2>(1, 3), 0.5, 2); },
       {-1.5, -1.5},
       {1.5, 1.5},
       1.5,
       {65, 129, 257}},
  };
}

class JetOnPlanarBenchmarks : public testing::TestWithParam<PlanarCase> {};

TEST_P(JetOnPlanarBenchmarks, SecondOrderForVFirstForItsGradient) {
  const PlanarCase& c = GetParam();
  const std::unique_ptr<SdeProblem<2>> problem = c.make();
  std::vector<JetErrors> e;
  for (std::int64_t n : c.sizes) {
    e.push_back(solve_and_measure(*problem, StructuredGrid<2>(c.lower, c.upper, {n, n}), c.level,
                                  c.on_axis));
    std::cout << "  n = " << n << ": max " << e.back().max << ", rms " << e.back().rms
              << ", grad rms " << e.back().grad_rms << "\n";
  }
  // The order is the least-squares slope over the three grids: the search reach and the seed
  // ball change in whole grid steps as h falls, so single steps wander (decomposed: 2.2 then 3.1
  // for the max error) around the trend. No single step may stall.
  std::vector<double> h, max, rms, grad;
  for (std::size_t k = 0; k < e.size(); ++k) {
    h.push_back(1.0 / static_cast<double>(c.sizes[k] - 1));
    max.push_back(e[k].max);
    rms.push_back(e[k].rms);
    grad.push_back(e[k].grad_rms);
  }
  EXPECT_GE(fitted_order(h, max), c.least_order);
  EXPECT_GE(fitted_order(h, rms), c.least_order);
  if (!c.on_axis) {
    EXPECT_GE(fitted_order(h, grad), 1.0);
  }
  for (std::size_t k = 1; k < e.size(); ++k) {
    EXPECT_GE(order(e[k - 1].max, e[k].max), 1.2) << "grid " << c.sizes[k];
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, JetOnPlanarBenchmarks, testing::ValuesIn(planar_cases()),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(JetMarching, FarMoreAccurateThanOlimsFirstOrder) {
  // At 257 nodes the first-order methods are near 1e-3 on linear-rot (docs/convergence.md); the
  // jet reaches 2e-8 there.
  const LinearRotation problem(2, 1);
  const StructuredGrid<2> grid({-4.0 / 3, -2}, {4.0 / 3, 2}, {257, 257});
  EXPECT_LT(solve_and_measure(problem, grid, 3.5).max, 1e-6);
}

TEST(JetMarching, RadiusAtTheAttractorFollowsTheRotation) {
  // linear-rot turns the characteristics 45 degrees from the gradient (K = round(2 sqrt 2));
  // focus-in-cycle with f = 4 by atan(4) = 76 degrees (K = round(2 sqrt 17)).
  EXPECT_EQ(default_jet_radius_steps(LinearRotation(2, 1)), 3);
  EXPECT_EQ(default_jet_radius_steps(FocusInCycle(4)), 8);
}

TEST(JetMarching, ReachGrowsWhereTheCharacteristicsTurnAway) {
  EXPECT_EQ(jet_reach_steps<2>(1.0, 50), 2);
  EXPECT_EQ(jet_reach_steps<2>(std::sqrt(0.5), 50), 3);
  EXPECT_EQ(jet_reach_steps<2>(0.05, 50), 40);
  EXPECT_EQ(jet_reach_steps<2>(0.01, 50), 50);  // capped
  EXPECT_EQ(jet_reach_steps<2>(-0.5, 50), 50);  // pointing away: capped
  EXPECT_EQ(jet_reach_steps<3>(std::sqrt(0.5), 50), 2);
  EXPECT_EQ(jet_reach_steps<3>(0.05, 50), 28);
}

TEST(JetMarching, DefaultCapGrowsWithTheGrid) {
  // round(2 n^(1/3)) on coarse grids, a tenth of the shortest side on fine ones.
  EXPECT_EQ(default_jet_max_radius_steps(StructuredGrid<2>({-1, -1}, {1, 1}, {65, 65})), 8);
  EXPECT_EQ(default_jet_max_radius_steps(StructuredGrid<2>({-1, -1}, {1, 1}, {513, 513})), 51);
  EXPECT_EQ(default_jet_max_radius_steps(StructuredGrid<2>({-1, -2}, {1, 2}, {257, 513})), 25);
}

TEST(AttractorExpansion, FindsTheCubicTermOfCubicRot) {
  // V = 2 x^2 + a x^3 / 2 + y^2: the cubic form is a/2 x^3, the quartic form zero.
  const double a = 1.3;
  const CubicRotation problem(a, 1);
  const AttractorExpansion<2> expansion(problem, find_attractor<2>(problem, {0, 0}));
  const auto& cubic = AttractorExpansion<2>::monomials(3);
  for (std::size_t j = 0; j < cubic.size(); ++j) {
    const double expected = cubic[j] == std::array<int, 2>{3, 0} ? a / 2 : 0.0;
    EXPECT_NEAR(expansion.cubic_coefficients()[static_cast<Eigen::Index>(j)], expected, 1e-8);
  }
  EXPECT_LT(expansion.quartic_coefficients().cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_NEAR(expansion.value({0.1, 0.05}), *problem.exact_solution({0.1, 0.05}), 1e-12);
}

TEST(AttractorExpansion, FindsTheQuarticTermOfFocusInCycle) {
  // V = r^2 - r^4 / 2: no cubic form, the quartic -(x^4 + 2 x^2 y^2 + y^4) / 2; V has no term
  // of degree five, so the seeds err by O(r^6).
  const FocusInCycle problem(4);
  const AttractorExpansion<2> expansion(problem, find_attractor<2>(problem, {0.1, 0}));
  EXPECT_LT(expansion.cubic_coefficients().cwiseAbs().maxCoeff(), 1e-8);
  const auto& quartic = AttractorExpansion<2>::monomials(4);
  for (std::size_t j = 0; j < quartic.size(); ++j) {
    const std::array<int, 2> e = quartic[j];
    const double expected = e[0] == 2 ? -1.0 : (e[0] == 4 || e[1] == 4) ? -0.5 : 0.0;
    EXPECT_NEAR(expansion.quartic_coefficients()[static_cast<Eigen::Index>(j)], expected, 1e-6)
        << "x^" << e[0] << " y^" << e[1];
  }
  for (const double r : {0.05, 0.1, 0.2}) {
    const std::array<double, 2> x{r * 0.6, r * 0.8};
    EXPECT_NEAR(expansion.value(x), *problem.exact_solution(x), 1e-6 * std::pow(r, 4));
    EXPECT_LT((expansion.gradient(x) - *problem.exact_gradient(x)).norm(), 1e-5 * std::pow(r, 3));
  }
}

TEST(AttractorExpansion, VariableDiffusionQuarticPotential) {
  // decomposed: V = U = 1/2 sum kappa_k x_k^2 + q/4 |x|^4 with A(x) varying: the cubic form
  // vanishes (the A1 term must cancel exactly) and the quartic one is q/4 |x|^4, to the
  // accuracy of the differences that give b's third-order part (O(t^2) relative, t = 1e-2: 2e-8
  // of V4 = 1e-3 at |x| = 0.19 measured in 3-d). Without the quartic term the error would be V4.
  const double q = 0.5;
  {
    const DecomposedSde<2> problem(Vector<2>(1.0, 2.0), q, 1.0);
    const AttractorExpansion<2> expansion(problem, find_attractor<2>(problem, {0.1, 0.1}));
    EXPECT_LT(expansion.cubic_coefficients().cwiseAbs().maxCoeff(), 1e-6);
    const std::array<double, 2> x{0.1, -0.15};
    EXPECT_NEAR(expansion.value(x), *problem.exact_solution(x), 1e-7);
  }
  {
    const DecomposedSde<3> problem(Vector<3>(1.0, 2.0, 1.5), q, 1.0);
    const AttractorExpansion<3> expansion(problem, find_attractor<3>(problem, {0.1, 0.1, 0.1}));
    EXPECT_EQ(AttractorExpansion<3>::monomials(3).size(), 10u);
    EXPECT_EQ(AttractorExpansion<3>::monomials(4).size(), 15u);
    EXPECT_LT(expansion.cubic_coefficients().cwiseAbs().maxCoeff(), 1e-6);
    const std::array<double, 3> x{0.1, -0.15, 0.05};
    EXPECT_NEAR(expansion.value(x), *problem.exact_solution(x), 1e-7);
  }
}

}  // namespace
}  // namespace hj

// The stationary Fokker-Planck solver against exact densities p = exp(-V/eps) / Z: linear-rot
// (A = I, a rotation l orthogonal to grad V) and a linear SDE with anisotropic constant A (the
// density is the Gaussian N(x*, eps C), B C + C B^T + A = 0, at every eps). The axis fluxes are
// Scharfetter-Gummel's: second order where the grid resolves the cell Peclet number |v| h / D
// (linear-rot, D = eps / 2), first order where it does not (anisotropic A leaves the axes the
// reduced D = eps (A_ii - |A_ij|) / 2; the 3-d grids a test affords are coarse). The density is
// positive and normalised; a diffusion too anisotropic for the positive stencil is refused with
// the point named.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "fitted_order.hpp"
#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "validation/fokker_planck.hpp"
#include "validation/petsc_session.hpp"

namespace hj {
namespace {

// max |(-eps log p - min) - V| over the nodes with V <= level.
template <int dim>
double potential_error(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const FokkerPlanckSolution& solution, double eps, double level) {
  double lowest = INFINITY;
  for (double p : solution.density) lowest = std::min(lowest, -eps * std::log(p));
  double error = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const double V = *problem.exact_solution(grid.point(i));
    if (V > level) continue;
    error = std::max(error, std::abs(-eps * std::log(solution.density[i]) - lowest - V));
  }
  return error;
}

template <int dim>
void expect_second_order(const SdeProblem<dim>& problem, std::array<double, dim> lower,
                         std::array<double, dim> upper, double eps, double level,
                         const std::array<double, dim>& attractor,
                         const std::vector<std::int64_t>& sizes, double order) {
  std::vector<double> h, e;
  for (const std::int64_t n : sizes) {
    typename StructuredGrid<dim>::MultiIndex nodes;
    nodes.fill(n);
    const StructuredGrid<dim> grid(lower, upper, nodes);
    const FokkerPlanckSolution solution = solve_fokker_planck<dim>(problem, grid, eps, attractor);
    ASSERT_TRUE(solution.converged) << solution.reason;
    EXPECT_EQ(solution.negative, 0u);
    EXPECT_LT(solution.residual, 1e-10);
    double mass = 0;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      EXPECT_GT(solution.density[i], 0);
      mass += solution.density[i] * node_volume<dim>(grid, grid.multi_index(i));
    }
    EXPECT_NEAR(mass, 1, 1e-12);
    h.push_back(grid.spacing()[0]);
    e.push_back(potential_error<dim>(problem, grid, solution, eps, level));
  }
  EXPECT_GT(test::fitted_order(h, e), order) << e[0] << ", " << e[1] << ", " << e[2];
}

TEST(FokkerPlanck, LinearRotationDensityIsExpMinusVOverEps) {
  const LinearRotation problem(2, 1);
  // V >= 3.5 on the boundary: at eps = 0.1 the no-flux boundary moves p by e^-35 only.
  expect_second_order<2>(problem, {-4.0 / 3, -2}, {4.0 / 3, 2}, 0.1, 1.0, {0, 0}, {33, 65, 129},
                         1.8);
}

TEST(FokkerPlanck, AnisotropicLinearSdeHasItsGaussianDensity) {
  Matrix<2> B, A;
  B << -1, 0.8, -0.5, -2;
  A << 1, 0.3, 0.3, 0.5;
  const LinearSde<2> problem(B, A, {0.1, -0.2});
  expect_second_order<2>(problem, {-2.9, -3.2}, {3.1, 2.8}, 0.1, 0.5, {0.1, -0.2}, {65, 129, 257},
                         0.9);
}

TEST(FokkerPlanck, ThreeDimensionalLinearSde) {
  Matrix<3> B, A;
  B << -1, 0.5, 0, -0.5, -1.5, 0.3, 0, -0.3, -1;
  A << 1, 0.2, -0.1, 0.2, 0.8, 0.1, -0.1, 0.1, 1.2;
  const LinearSde<3> problem(B, A, {0, 0, 0});
  std::vector<double> e;
  for (const std::int64_t n : {17, 33}) {
    const StructuredGrid<3> grid({-3, -3, -3}, {3, 3, 3}, {n, n, n});
    const auto solution = solve_fokker_planck<3>(problem, grid, 0.3, {0, 0, 0});
    ASSERT_TRUE(solution.converged) << solution.reason;
    EXPECT_EQ(solution.negative, 0u);
    e.push_back(potential_error<3>(problem, grid, solution, 0.3, 1.0));
  }
  EXPECT_GT(std::log2(e[0] / e[1]), 0.5) << e[0] << ", " << e[1];  // converging, pre-asymptotic
}

TEST(FokkerPlanck, TooAnisotropicDiffusionIsRefused) {
  Matrix<2> B, A;
  B << -1, 0, 0, -1;
  A << 1, 0.9, 0.9, 0.85;  // A_22 < |A_12|: no positive split on a square grid
  const LinearSde<2> problem(B, A, {0, 0});
  const StructuredGrid<2> grid({-1, -1}, {1, 1}, {17, 17});
  try {
    solve_fokker_planck<2>(problem, grid, 0.1, {0, 0});
    FAIL() << "accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what())
                  .find("too anisotropic for the positive Fokker-Planck "
                        "stencil"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace hj

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  const hj::PetscSession session({});
  return RUN_ALL_TESTS();
}

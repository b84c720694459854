// Every SDE problem with an exact quasi-potential: V(x*) = 0 at an equilibrium, A(x) is SPD,
// grad V matches V, and H(x, grad V) = 1/2 grad V^T A grad V + b . grad V vanishes.
#include <gtest/gtest.h>

#include <memory>
#include <random>

#include "problems/linear_sde_matrices.hpp"
#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"

namespace hj {
namespace {

template <int dim>
using SdeList = std::vector<std::unique_ptr<SdeProblem<dim>>>;

// A random stable matrix (eigenvalues with negative real parts) and a random SPD matrix with
// condition number about 10.
template <int dim>
std::pair<Matrix<dim>, Matrix<dim>> random_linear_pair(unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> uniform(-1, 1);
  Matrix<dim> M, Q;
  for (int i = 0; i < dim; ++i) {
    for (int j = 0; j < dim; ++j) {
      M(i, j) = uniform(random);
      Q(i, j) = uniform(random);
    }
  }
  // B = -(S S^T + I) + (K - K^T): negative definite symmetric part, so B is stable.
  const Matrix<dim> B = -(M * M.transpose() + Matrix<dim>::Identity()) + (Q - Q.transpose());
  const Eigen::HouseholderQR<Matrix<dim>> qr(Q);
  const Matrix<dim> rotation = qr.householderQ();
  Vector<dim> spectrum = Vector<dim>::LinSpaced(1.0, 10.0);
  const Matrix<dim> A = rotation * spectrum.asDiagonal() * rotation.transpose();
  return {B, A};
}

// linear-nd's built-in matrices and random ones from several seeds (condition 10 and 100).
template <int dim>
void add_linear_nd(SdeList<dim>& list) {
  std::array<double, dim> attractor{};
  attractor[0] = -0.1;
  const auto defaults = default_linear_sde<dim>();
  list.push_back(std::make_unique<LinearSde<dim>>(defaults.B, defaults.A, attractor));
  for (std::uint64_t seed : {1, 2, 3, 42, 1234}) {
    const auto m = random_linear_sde<dim>(seed, seed % 2 == 0 ? 100.0 : 10.0);
    list.push_back(std::make_unique<LinearSde<dim>>(m.B, m.A, attractor));
  }
}

SdeList<2> planar_problems() {
  SdeList<2> list;
  list.push_back(std::make_unique<LinearRotation>(2.0, 1.0));
  list.push_back(std::make_unique<CubicRotation>(1.0, 1.5));
  list.push_back(std::make_unique<QuarticRotation>(1.0, 2.0));
  list.push_back(std::make_unique<DoubleWellRotation>(3.0));
  list.push_back(std::make_unique<FocusInCycle>(4.0));
  list.push_back(std::make_unique<FocusInCycle>(10.0));
  const auto [B, A] = random_linear_pair<2>(11);
  list.push_back(std::make_unique<LinearSde<2>>(B, A, std::array<double, 2>{0.2, -0.1}));
  list.push_back(std::make_unique<DecomposedSde<2>>(Vector<2>(1.0, 3.0), 0.5, 2.0));
  list.push_back(std::make_unique<MaierStein>(1.0));  // beta = 1: V known off the axis
  add_linear_nd<2>(list);
  return list;
}

SdeList<3> spatial_problems() {
  SdeList<3> list;
  const auto [B, A] = random_linear_pair<3>(5);
  list.push_back(std::make_unique<LinearSde<3>>(B, A, std::array<double, 3>{0.1, 0.0, -0.2}));
  list.push_back(std::make_unique<DecomposedSde<3>>(Vector<3>(1.0, 2.0, 4.0), 0.5, 1.5));
  list.push_back(std::make_unique<DecomposedSde<3>>(Vector<3>(0.5, 0.5, 3.0), 0.0, 4.0));
  add_linear_nd<3>(list);
  return list;
}

template <int dim>
void check_problem(const SdeProblem<dim>& problem) {
  SCOPED_TRACE(problem.name());
  const auto attractor = problem.attractor_guess();
  EXPECT_NEAR(*problem.exact_solution(attractor), 0.0, 1e-14);
  EXPECT_LT(problem.drift(attractor).norm(), 1e-14);
  std::mt19937 random(3);
  std::uniform_real_distribution<double> uniform(-0.9, 0.9);
  for (int sample = 0; sample < 200; ++sample) {
    std::array<double, dim> x;
    for (auto& xk : x) xk = uniform(random);
    if (problem.name() == "double-well-rot" || problem.name() == "maier-stein") {
      x[0] = -std::abs(x[0]) - 0.05;  // the basin of (-1, 0), x < 0
    }
    const Matrix<dim> A = problem.diffusion(x);
    EXPECT_LT((A - A.transpose()).norm(), 1e-15);
    EXPECT_EQ(Eigen::LLT<Matrix<dim>>(A).info(), Eigen::Success);
    const Vector<dim> grad = *problem.exact_gradient(x);
    // grad V against central differences of V.
    for (int k = 0; k < dim; ++k) {
      auto plus = x, minus = x;
      plus[k] += 1e-6;
      minus[k] -= 1e-6;
      const double difference =
          (*problem.exact_solution(plus) - *problem.exact_solution(minus)) / 2e-6;
      EXPECT_NEAR(difference, grad[k], 1e-7 * (1 + std::abs(grad[k])));
    }
    // The static Hamilton-Jacobi equation, relative to the size of its terms.
    const double scale = 1 + grad.dot(A * grad) + std::abs(problem.drift(x).dot(grad));
    EXPECT_NEAR(problem.hamiltonian(x, grad), 0.0, 1e-13 * scale);
    // V grows away from the attractor: b . grad V <= 0 (V is a Lyapunov function).
    EXPECT_LE(problem.drift(x).dot(grad), 1e-12 * scale);
  }
}

TEST(SdeProblems, ExactQuasiPotentialsSolveTheHamiltonJacobiEquation2d) {
  for (const auto& problem : planar_problems()) check_problem<2>(*problem);
}

TEST(SdeProblems, ExactQuasiPotentialsSolveTheHamiltonJacobiEquation3d) {
  for (const auto& problem : spatial_problems()) check_problem<3>(*problem);
}

TEST(SdeProblems, LyapunovSolutionSolvesItsEquation) {
  const auto [B, A] = random_linear_pair<3>(17);
  const Matrix<3> C = solve_lyapunov<3>(B, A);
  EXPECT_LT((B * C + C * B.transpose() + A).norm(), 1e-12 * A.norm());
  EXPECT_EQ(Eigen::LLT<Matrix<3>>(C).info(), Eigen::Success);  // a covariance
}

// The random linear-nd pairs: B stable, A SPD with the requested condition number, and the same
// matrices from the same seed.
template <int dim>
void check_random_linear_sde() {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    for (double condition : {1.0, 10.0, 1000.0}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", condition " + std::to_string(condition));
      const auto m = random_linear_sde<dim>(seed, condition);
      EXPECT_EQ(stability_problem<dim>(m.B), "");
      EXPECT_LE(Eigen::EigenSolver<Matrix<dim>>(m.B).eigenvalues().real().maxCoeff(), -0.5 + 1e-12);
      EXPECT_EQ(spd_problem<dim>(m.A), "");
      const Vector<dim> lambda = Eigen::SelfAdjointEigenSolver<Matrix<dim>>(m.A).eigenvalues();
      EXPECT_NEAR(lambda.maxCoeff() / lambda.minCoeff(), condition, 0.2 * condition);
      EXPECT_NEAR(m.A.trace(), dim, 1e-12);
      // Non-normal: B B^T != B^T B, so V's level sets are not those of B's symmetric part.
      EXPECT_GT((m.B * m.B.transpose() - m.B.transpose() * m.B).norm(), 1e-3);
      const auto again = random_linear_sde<dim>(seed, condition);
      EXPECT_EQ(again.B, m.B);
      EXPECT_EQ(again.A, m.A);
    }
  }
  EXPECT_NE(random_linear_sde<dim>(1, 10).B, random_linear_sde<dim>(2, 10).B);
}

TEST(LinearSdeMatrices, RandomPairsAreStableSpdWithTheRequestedCondition2d) {
  check_random_linear_sde<2>();
}

TEST(LinearSdeMatrices, RandomPairsAreStableSpdWithTheRequestedCondition3d) {
  check_random_linear_sde<3>();
}

TEST(LinearSdeMatrices, ChecksNameTheEigenvalues) {
  EXPECT_EQ(stability_problem<2>(default_linear_sde<2>().B), "");
  EXPECT_EQ(stability_problem<3>(default_linear_sde<3>().B), "");
  EXPECT_EQ(spd_problem<2>(default_linear_sde<2>().A), "");
  EXPECT_EQ(spd_problem<3>(default_linear_sde<3>().A), "");
  Matrix<2> B;
  B << 0.5, 1, 0, -1;
  EXPECT_EQ(stability_problem<2>(B),
            "is not stable: its eigenvalues 0.5, -1 must all have "
            "negative real parts");
  B << 0, -1, 1, 0;  // a centre: real parts 0
  EXPECT_EQ(stability_problem<2>(B),
            "is not stable: its eigenvalues 0 + 1i, 0 - 1i must all "
            "have negative real parts");
  Matrix<2> A;
  A << 1, 2, 2, 1;
  EXPECT_EQ(spd_problem<2>(A), "is not positive definite: its eigenvalues -1, 3 must all be > 0");
  A << 1, 0.5, 0, 1;
  EXPECT_EQ(spd_problem<2>(A), "is not symmetric");
}

// Maier-Stein: on the x-axis the drift is (x - x^3, 0), and axis_value is the 1-d formula
// V' = -2 b_x (math.md, A = 1) with V(-1) = 0 and the barrier V(0) = 1/2.
TEST(MaierStein, AxisValueIsTheOneDimensionalQuasiPotential) {
  for (double beta : {0.5, 1.0, 3.0}) {
    const MaierStein problem(beta);
    EXPECT_EQ(problem.has_exact_solution(), beta == 1.0);
    for (double x = -1.4; x <= 0.01; x += 0.05) {
      const Vector<2> b = problem.drift({x, 0.0});
      EXPECT_EQ(b[1], 0.0);
      const double slope =
          (MaierStein::axis_value(x + 1e-6) - MaierStein::axis_value(x - 1e-6)) / 2e-6;
      EXPECT_NEAR(slope, -2 * b[0], 1e-8);
    }
  }
  EXPECT_EQ(MaierStein::axis_value(-1.0), 0.0);
  EXPECT_EQ(MaierStein::axis_value(0.0), 0.5);
  EXPECT_FALSE(MaierStein(3.0).exact_solution({-0.5, 0.2}));
  // beta = 1 is the gradient case: its V restricted to the axis is axis_value.
  EXPECT_DOUBLE_EQ(*MaierStein(1.0).exact_solution({-0.3, 0.0}), MaierStein::axis_value(-0.3));
}

TEST(MaierStein, DriftJacobianMatchesDifferences) {
  const MaierStein problem(3.0);
  const std::vector<std::array<double, 2>> points = {{-1, 0}, {-0.4, 0.7}, {0.3, -0.2}};
  for (const auto& x : points) {
    const Matrix<2> exact = problem.drift_jacobian(x);
    const Matrix<2> differences = problem.SdeProblem<2>::drift_jacobian(x);
    EXPECT_LT((exact - differences).norm(), 1e-8);
  }
}

}  // namespace
}  // namespace hj

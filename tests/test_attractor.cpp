#include <gtest/gtest.h>

#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "solvers/attractor.hpp"

namespace hj {
namespace {

TEST(Attractor, NewtonFindsTheAttractorAndItsEigenvalues) {
  const LinearRotation problem(2.0, 1.0);
  const auto attractor = find_attractor<2>(problem, {0.3, -0.2});
  EXPECT_LT(std::abs(attractor.point[0]) + std::abs(attractor.point[1]), 1e-12);
  EXPECT_EQ(attractor.kind, EquilibriumKind::stable);
  // Db = [[-a, -c], [a c, -1]]: trace -3, determinant a + a c^2 = 4.
  EXPECT_NEAR(attractor.eigenvalues.sum().real(), -3.0, 1e-6);
  EXPECT_NEAR(attractor.eigenvalues.prod().real(), 4.0, 1e-6);
  EXPECT_NEAR(std::abs(attractor.eigenvalues[0].imag()), std::sqrt(7.0) / 2, 1e-6);
}

TEST(Attractor, NonlinearDriftConvergesQuadratically) {
  const DoubleWellRotation problem(2.0);
  const auto attractor = find_attractor<2>(problem, {-0.7, 0.2});
  EXPECT_NEAR(attractor.point[0], -1.0, 1e-12);
  EXPECT_NEAR(attractor.point[1], 0.0, 1e-12);
  EXPECT_LE(attractor.newton_iterations, 10);
}

TEST(Attractor, SaddlesAreRefusedWithTheirEigenvalues) {
  const DoubleWellRotation problem(2.0);
  EXPECT_EQ(find_equilibrium<2>(problem, {0.05, 0.01}).kind, EquilibriumKind::unstable);
  try {
    find_attractor<2>(problem, {0.05, 0.01});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is not stable (eigenvalues of Db"), std::string::npos)
        << e.what();
  }
}

TEST(Attractor, DegenerateAttractorIsRecognised) {
  const QuarticRotation problem(1.0, 2.0);
  EXPECT_EQ(find_attractor<2>(problem, {0.0, 0.0}).kind, EquilibriumKind::degenerate);
}

TEST(Attractor, NoEquilibriumIsAnError) {
  // A drift with no zero: Newton cannot converge.
  class Wind final : public SdeProblem<2> {
   public:
    std::string name() const override { return "wind"; }
    Vector<2> drift(const Point& x) const override { return {1.0 + 0.1 * x[1] * x[1], 0.5}; }
    Matrix<2> diffusion(const Point&) const override { return Matrix<2>::Identity(); }
    Point default_attractor_guess() const override { return {0, 0}; }
  } wind;
  EXPECT_THROW(find_attractor<2>(wind, {0.0, 0.0}), Error);
}

TEST(Attractor, LinearisationIsExactForLinearSdes) {
  const LinearRotation rotation(2.0, 1.0);
  const LinearisedQuasiPotential<2> seed(rotation, find_attractor<2>(rotation, {0.1, 0.1}));
  // V = a x^2 + y^2: the Hessian C^{-1} is diag(2a, 2).
  EXPECT_LT((seed.precision() - Vector<2>(4.0, 2.0).asDiagonal().toDenseMatrix()).norm(), 1e-10);

  Matrix<3> B;
  B << -1, 0.5, 0, -0.5, -2, 0.3, 0.1, 0, -1.5;
  Matrix<3> A;
  A << 2, 0.3, 0.1, 0.3, 1, 0.2, 0.1, 0.2, 0.5;
  const LinearSde<3> linear(B, A, {0.2, -0.1, 0.3});
  const LinearisedQuasiPotential<3> seed3(linear, find_attractor<3>(linear, {0, 0, 0}));
  for (const std::array<double, 3>& x :
       {std::array<double, 3>{0.5, 0.1, -0.2}, std::array<double, 3>{-1.0, 0.7, 0.4}}) {
    EXPECT_NEAR(seed3.value(x), *linear.exact_solution(x), 1e-10);
    EXPECT_LT((seed3.gradient(x) - *linear.exact_gradient(x)).norm(), 1e-10);
  }
}

TEST(Attractor, LinearisationApproximatesNonlinearVToSecondOrder) {
  const CubicRotation problem(1.0, 1.0);
  const LinearisedQuasiPotential<2> seed(problem, find_attractor<2>(problem, {0.05, 0.0}));
  // V - V_lin = 1/2 a x^3: the error shrinks by 8 when the distance halves.
  const double e1 = std::abs(seed.value({0.1, 0.05}) - *problem.exact_solution({0.1, 0.05}));
  const double e2 = std::abs(seed.value({0.05, 0.025}) - *problem.exact_solution({0.05, 0.025}));
  EXPECT_NEAR(std::log2(e1 / e2), 3.0, 0.05);
}

}  // namespace
}  // namespace hj

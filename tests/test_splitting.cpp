// Adaptive multilevel splitting against the exact mean exit time (the 1-d quadrature of the
// separable double well b = (2x - 2x^3, -y), A = I, to the half-plane x >= 0), with the exact V
// as reaction coordinate: at V*/eps = 4, where brute force agrees too, and at V*/eps = 20,
// where brute force would need e^20 / e^4 ~ 9e6 times the work.
#include <gtest/gtest.h>

#include <cmath>

#include "problems/sde_benchmarks.hpp"
#include "validation/first_passage_1d.hpp"
#include "validation/splitting.hpp"

namespace hj {
namespace {

SplittingEstimate split(double eps, int runs, int replicas) {
  const DoubleWellRotation problem(0.0);
  const HalfspaceExit<2> left(Vector<2>(1, 0), 0.0);
  SplittingSettings s;
  s.eps = eps;
  s.dt = 2.5e-3;
  s.replicas = replicas;
  s.runs = runs;
  s.cycles = 2000;
  s.level_in = 0.05;  // V* = 1
  s.level_out = 0.15;
  s.threads = 2;
  Splitting<2> splitting(
      problem, left,
      [&](const Vector<2>& x) {
        return *problem.exact_solution({x[0], x[1]});
      },
      s);
  return splitting.estimate(Vector<2>(-1, 0));
}

double exact(double eps) {
  return mean_exit_time_1d([](double x) { return 2 * x - 2 * x * x * x; }, 1, eps, -3, 0, -1);
}

TEST(Splitting, AgreesWithTheExactExitTimeWhereBruteForceAlsoCan) {
  const auto e = split(0.25, 20, 100);
  EXPECT_GT(e.probability, 0);
  EXPECT_LT(std::abs(e.mean_exit_time - exact(0.25)), 3 * e.mean_exit_time_se)
      << e.mean_exit_time << " +- " << e.mean_exit_time_se << " vs " << exact(0.25);
}

TEST(Splitting, ReachesVStarOverEpsOfTwenty) {
  const auto e = split(0.05, 40, 200);
  const double reference = exact(0.05);  // about 2.7e8
  EXPECT_LT(std::abs(e.mean_exit_time - reference), 3 * e.mean_exit_time_se)
      << e.mean_exit_time << " +- " << e.mean_exit_time_se << " vs " << reference;
  EXPECT_LT(e.mean_exit_time_se / e.mean_exit_time, 0.25);
  EXPECT_LT(e.steps, 2e9);  // brute force: ~1e11 steps for one exit
}

}  // namespace
}  // namespace hj

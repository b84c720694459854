// Monte Carlo exit times against exact references (validation.md, issue 5): the 1-d quadrature
// formula checked against closed forms, then simulated exits of the Ornstein-Uhlenbeck process,
// a 1-d double well and a separable 2-d double well within 3 standard errors of it; thread-count
// invariance, the step-halving rule, censoring, and the exit domains' geometry.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/error.hpp"
#include "problems/sde_benchmarks.hpp"
#include "validation/barrier_fit.hpp"
#include "validation/exit_statistics.hpp"
#include "validation/first_passage_1d.hpp"
#include "validation/fokker_planck.hpp"
#include "validation/long_run.hpp"
#include "validation/sde_monte_carlo.hpp"

namespace hj {
namespace {

// dX = b(X) dt + sqrt(eps) dW in 1-d (A = 1).
class Diffusion1d final : public SdeProblem<1> {
 public:
  explicit Diffusion1d(std::function<double(double)> b) : b_(std::move(b)) {}
  std::string name() const override { return "diffusion-1d"; }
  Vector<1> drift(const Point& x) const override { return Vector<1>(b_(x[0])); }
  Matrix<1> diffusion(const Point&) const override { return Matrix<1>::Identity(); }
  bool constant_diffusion() const override { return true; }

 protected:
  Point default_attractor_guess() const override { return {0}; }

 private:
  std::function<double(double)> b_;
};

TEST(FirstPassage1d, BrownianMotionMatchesTheClosedForm) {
  // b = 0: D T'' = -1, T = (x - l)(u - x) / (2 D), D = eps a / 2.
  const double eps = 0.3, a = 2, l = -1, u = 2, D = eps * a / 2;
  for (const double x : {-0.5, 0.0, 1.7}) {
    EXPECT_NEAR(mean_exit_time_1d([](double) { return 0.0; }, a, eps, l, u, x),
                (x - l) * (u - x) / (2 * D), 1e-8);
  }
}

TEST(FirstPassage1d, ConstantDriftMatchesTheClosedForm) {
  // b = c, D = 1/2 (eps = a = 1): T(x) = ((u - l) (1 - e^(-2c(x-l))) / (1 - e^(-2c(u-l))) -
  // (x - l)) / c.
  const double c = 0.7, l = 0, u = 3, x = 1.2;
  const double exact =
      ((u - l) * (1 - std::exp(-2 * c * (x - l))) / (1 - std::exp(-2 * c * (u - l))) - (x - l)) / c;
  EXPECT_NEAR(mean_exit_time_1d([c](double) { return c; }, 1, 1, l, u, x), exact, 1e-8 * exact);
}

TEST(FirstPassage1d, HighBarriersDoNotOverflow) {
  // OU with V*/eps = 400: e^400 is finite, e^800 would not be; the exponent is what matters.
  const double T = mean_exit_time_1d([](double x) { return -x; }, 1, 1.0 / 400, -1, 1, 0);
  EXPECT_TRUE(std::isfinite(T));
  EXPECT_NEAR(std::log(T) * (1.0 / 400), 1.0, 0.02);
}

template <int dim>
SimulationRun<dim> simulate(const SdeProblem<dim>& problem, const ExitDomain<dim>& domain,
                            const Vector<dim>& start, double eps, double dt, std::uint64_t paths,
                            unsigned threads = 2, bool bridge = true, double max_time = 1e5) {
  SimulationSettings s;
  s.eps = eps;
  s.dt = dt;
  s.paths = paths;
  s.seed = 7;
  s.max_time = max_time;
  s.threads = threads;
  s.bridge = bridge;
  return simulate_exits<dim>(problem, domain, start, s);
}

// Mean exit time within 3 standard errors of the quadrature, and close to exponential.
template <int dim>
void expect_agrees(const SimulationRun<dim>& run, double exact) {
  const ExitTimeSummary s = summarize_exit_times<dim>(run);
  ASSERT_EQ(s.exits, s.paths);
  EXPECT_LT(std::abs(s.mean - exact), 3 * s.standard_error)
      << "mean " << s.mean << " +- " << s.standard_error << ", exact " << exact;
}

TEST(SdeMonteCarlo, OrnsteinUhlenbeckExitTimeMatchesQuadrature) {
  const auto b = [](double x) { return -x; };
  const Diffusion1d ou(b);
  const BoxExit<1> interval(Vector<1>(-1.5), Vector<1>(1.5));
  const double eps = 0.5;  // V = x^2: V*/eps = 4.5
  const double exact = mean_exit_time_1d(b, 1, eps, -1.5, 1.5, 0);
  expect_agrees<1>(simulate<1>(ou, interval, Vector<1>(0.0), eps, 1e-3, 4000), exact);
}

TEST(SdeMonteCarlo, DoubleWellExitTimeMatchesQuadrature) {
  // b = x - x^3 from the well at -1 to the saddle at 0; V = 2 (U(0) - U(-1)) = 1/2.
  const auto b = [](double x) { return x - x * x * x; };
  const Diffusion1d well(b);
  const BoxExit<1> left(Vector<1>(-3.0), Vector<1>(0.0));
  const double eps = 0.15;
  const double exact = mean_exit_time_1d(b, 1, eps, -3, 0, -1);
  expect_agrees<1>(simulate<1>(well, left, Vector<1>(-1.0), eps, 2e-3, 3000), exact);
}

TEST(SdeMonteCarlo, SeparableDoubleWellIn2dIsTheOneDimensionalExit) {
  // double-well-rot with f = 0 is the gradient field b = (2x - 2x^3, -y): x moves on its own,
  // so the first passage to the half-plane x >= 0 is the 1-d one.
  const DoubleWellRotation problem(0.0);
  const HalfspaceExit<2> left(Vector<2>(1, 0), 0.0);
  const double eps = 0.3;  // V* = 1
  const double exact =
      mean_exit_time_1d([](double x) { return 2 * x - 2 * x * x * x; }, 1, eps, -3, 0, -1);
  expect_agrees<2>(simulate<2>(problem, left, Vector<2>(-1, 0), eps, 2e-3, 3000), exact);
}

TEST(SdeMonteCarlo, ResultsDoNotDependOnTheNumberOfThreads) {
  const LinearRotation problem(2, 1);
  const BallExit<2> ball(Vector<2>(0, 0), 0.8);
  const auto one = simulate<2>(problem, ball, Vector<2>(0, 0), 0.3, 1e-3, 200, 1);
  const auto three = simulate<2>(problem, ball, Vector<2>(0, 0), 0.3, 1e-3, 200, 3);
  ASSERT_EQ(one.paths.size(), three.paths.size());
  EXPECT_EQ(one.steps, three.steps);
  for (std::size_t p = 0; p < one.paths.size(); ++p) {
    EXPECT_EQ(one.paths[p].time, three.paths[p].time);
    EXPECT_EQ(one.paths[p].point, three.paths[p].point);
  }
}

TEST(SdeMonteCarlo, HalvingTheStepChangesTheMeanByLessThanOneStandardError) {
  // validation.md: with the bridge the step's bias is below the statistical error. The coarse
  // run sums pairs of the fine run's increments, so both follow the same Brownian paths and the
  // difference of the means is the bias, not noise.
  const auto b = [](double x) { return -x; };
  const Diffusion1d ou(b);
  const BoxExit<1> interval(Vector<1>(-1.2), Vector<1>(1.2));
  SimulationSettings s;
  s.eps = 0.4;
  s.paths = 4000;
  s.max_time = 1e5;
  s.threads = 2;
  s.dt = 2e-3;
  const auto fine = summarize_exit_times<1>(simulate_exits<1>(ou, interval, Vector<1>(0.0), s));
  s.dt = 4e-3;
  s.noise_substeps = 2;
  const auto coarse = summarize_exit_times<1>(simulate_exits<1>(ou, interval, Vector<1>(0.0), s));
  EXPECT_LT(std::abs(coarse.mean - fine.mean), coarse.standard_error)
      << coarse.mean << " vs " << fine.mean;
  // Without the shared paths the comparison would be noise: the coupling is what is tested.
  EXPECT_LT(std::abs(coarse.mean - fine.mean), 0.3 * coarse.standard_error);
}

TEST(SdeMonteCarlo, WithoutTheBridgeExitsAreLate) {
  // Stopping only at grid times misses crossings: O(sqrt(dt)) too late at a coarse step.
  const auto b = [](double x) { return -x; };
  const Diffusion1d ou(b);
  const BoxExit<1> interval(Vector<1>(-1.2), Vector<1>(1.2));
  const double exact = mean_exit_time_1d(b, 1, 0.4, -1.2, 1.2, 0);
  const auto late =
      summarize_exit_times<1>(simulate<1>(ou, interval, Vector<1>(0.0), 0.4, 2e-2, 4000, 2, false));
  EXPECT_GT(late.mean - exact, 3 * late.standard_error);
  const auto bridged =
      summarize_exit_times<1>(simulate<1>(ou, interval, Vector<1>(0.0), 0.4, 2e-2, 4000, 2, true));
  EXPECT_LT(std::abs(bridged.mean - exact), 3 * bridged.standard_error);
}

TEST(SdeMonteCarlo, CensoredPathsAreCountedNotAveraged) {
  const auto b = [](double x) { return -x; };
  const Diffusion1d ou(b);
  const BoxExit<1> interval(Vector<1>(-1.5), Vector<1>(1.5));
  const auto run = simulate<1>(ou, interval, Vector<1>(0.0), 0.5, 1e-2, 500, 2, true, 5.0);
  const auto s = summarize_exit_times<1>(run);
  EXPECT_GT(s.censored, 0u);
  EXPECT_EQ(s.exits + s.censored, s.paths);
  EXPECT_LE(s.mean, 5.0);  // only exits before the budget are averaged
  for (const auto& end : run.paths) {
    if (end.outcome == PathOutcome::censored) {
      EXPECT_DOUBLE_EQ(end.time, 5.0);
    }
  }
}

TEST(SdeMonteCarlo, AnExplodingPathIsReportedNotCounted) {
  // b = x^3 blows up in finite time; the exit box is too large to stop it first.
  const Diffusion1d explosive([](double x) { return x * x * x; });
  const BoxExit<1> huge(Vector<1>(-1e300), Vector<1>(1e300));
  const auto run = simulate<1>(explosive, huge, Vector<1>(2.0), 0.01, 0.1, 4, 1);
  const auto s = summarize_exit_times<1>(run);
  EXPECT_EQ(s.non_finite, 4u);
  EXPECT_EQ(s.exits, 0u);
  EXPECT_TRUE(std::isnan(s.mean));
}

TEST(BarrierFit, RecoversTheBarrierAndTheCorrections) {
  // log E[tau] = 2 / eps + 1 + 0.5 eps exactly: the fit returns the three, chi^2 = 0.
  std::vector<BarrierPoint> points;
  for (const double eps : {0.5, 0.35, 0.25, 0.2, 0.15}) {
    const double mean = std::exp(2 / eps + 1 + 0.5 * eps);
    points.push_back({eps, mean, 0.03 * mean});
  }
  const BarrierFit fit = fit_barrier(points);
  EXPECT_NEAR(fit.barrier, 2, 1e-9);
  EXPECT_NEAR(fit.c0, 1, 1e-8);
  EXPECT_NEAR(fit.c1, 0.5, 1e-8);
  EXPECT_NEAR(fit.chi2_per_dof, 0, 1e-12);
  EXPECT_LT(fit.ci95_low, 2);
  EXPECT_GT(fit.ci95_high, 2);
  // Without the c1 eps term's freedom the interval would be narrower; with 3 % errors on
  // these 5 points the barrier is known to a few percent.
  EXPECT_LT(fit.ci95_high - fit.ci95_low, 0.5);
  // A point off the law by 10 standard errors shows in chi^2.
  points[2].mean *= std::exp(10 * 0.03);
  EXPECT_GT(fit_barrier(points).chi2_per_dof, 2);
  EXPECT_THROW(fit_barrier({points[0], points[1]}), Error);
}

TEST(LongRun, HistogramIsTheExactDensityAndThreadsDoNotMatter) {
  // linear-rot's stationary density is exp(-V/eps) / Z exactly (V = 2x^2 + y^2): the time the
  // paths spend nearest each node, against exp(-V/eps) times the node's cell, normalised.
  const LinearRotation problem(2, 1);
  const StructuredGrid<2> grid({-2, -2.5}, {2, 2.5}, {41, 51});
  SimulationSettings s;
  s.eps = 0.5;
  s.dt = 5e-3;
  s.paths = 40;
  s.max_time = 1e4;
  s.seed = 3;
  s.threads = 2;
  const std::vector<Vector<2>> attractors = {Vector<2>(0, 0)};
  const auto counts = simulate_long_run<2>(problem, grid, attractors, 0.2, Vector<2>(0, 0), s);
  std::vector<double> exact(grid.size());
  double z = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    exact[i] = std::exp(-*problem.exact_solution(grid.point(i)) / s.eps) *
               node_volume<2>(grid, grid.multi_index(i));
    z += exact[i];
  }
  double l1 = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    l1 += std::abs(static_cast<double>(counts.histogram[i]) / static_cast<double>(counts.steps) -
                   exact[i] / z);
  }
  EXPECT_LT(l1, 0.05);
  EXPECT_EQ(counts.residence[0] + counts.unassigned, counts.steps);
  s.threads = 1;
  s.paths = 4;
  s.max_time = 100;
  const auto one = simulate_long_run<2>(problem, grid, attractors, 0.2, Vector<2>(0, 0), s);
  s.threads = 3;
  const auto three = simulate_long_run<2>(problem, grid, attractors, 0.2, Vector<2>(0, 0), s);
  EXPECT_EQ(one.histogram, three.histogram);
  EXPECT_EQ(one.residence, three.residence);
}

TEST(LongRun, SymmetricWellsShareTheTimeAndTransitionsMatchExitTimes) {
  // The gradient double well at V*/eps = 4: half the time in each well, and the time per
  // transition (residence / transitions) equal to the brute-force mean time to reach the
  // other well's core.
  const DoubleWellRotation problem(0.0);
  const StructuredGrid<2> grid({-2, -1.5}, {2, 1.5}, {41, 31});
  SimulationSettings s;
  s.eps = 0.25;
  s.dt = 2.5e-3;
  s.paths = 40;
  s.max_time = 4000;
  s.seed = 5;
  s.threads = 2;
  const std::vector<Vector<2>> wells = {Vector<2>(-1, 0), Vector<2>(1, 0)};
  const auto counts = simulate_long_run<2>(problem, grid, wells, 0.2, Vector<2>(-1, 0), s);
  const double total = static_cast<double>(counts.steps);
  const double left = static_cast<double>(counts.residence[0]) / total;
  EXPECT_NEAR(left, 0.5, 0.05);
  const double per_transition = static_cast<double>(counts.residence[0]) * s.dt /
                                static_cast<double>(counts.transitions[0][1]);
  const BasinExit<2> basin(Vector<2>(1, 0), 0.2);
  s.paths = 1000;
  s.max_time = 1e5;
  const auto brute =
      summarize_exit_times<2>(simulate_exits<2>(problem, basin, Vector<2>(-1, 0), s));
  // ~600 transitions: 4% from counting; the brute-force mean: 3%.
  EXPECT_NEAR(per_transition / brute.mean, 1, 0.15) << per_transition << " vs " << brute.mean;
}

TEST(ExitDomains, DistancesAndNormals) {
  const BoxExit<2> box(Vector<2>(-1, -2), Vector<2>(1, 2));
  const auto d = box.distance(Vector<2>(0.7, 0));
  EXPECT_DOUBLE_EQ(d.inside, 0.3);
  EXPECT_EQ(d.normal, Vector<2>(1, 0));
  EXPECT_LT(box.distance(Vector<2>(0, -2.5)).inside, 0);

  const BallExit<3> ball(Vector<3>(1, 0, 0), 2);
  EXPECT_DOUBLE_EQ(ball.distance(Vector<3>(1, 0, 1.5)).inside, 0.5);
  EXPECT_EQ(ball.distance(Vector<3>(1, 0, 1.5)).normal, Vector<3>(0, 0, 1));

  const HalfspaceExit<2> half(Vector<2>(3, 4), 10);  // 0.6 x + 0.8 y < 2
  EXPECT_DOUBLE_EQ(half.distance(Vector<2>(0, 0)).inside, 2);
  EXPECT_FALSE(half.contains(Vector<2>(2, 1.1)));

  const BasinExit<2> basin(Vector<2>(1, 0), 0.1);
  EXPECT_NEAR(basin.distance(Vector<2>(-1, 0)).inside, 1.9, 1e-15);
  EXPECT_FALSE(basin.contains(Vector<2>(1.05, 0)));
  EXPECT_EQ(basin.distance(Vector<2>(-1, 0)).normal, Vector<2>(1, 0));

  // f = x^2 + y^2 < 1: the distance estimate (1 - f) / |grad f| is exact to first order.
  LevelFunction<2> f;
  f.name = "r^2";
  f.value_and_gradient = [](const Vector<2>& x, Vector<2>& g) {
    g = 2 * x;
    return x.squaredNorm();
  };
  f.copy = [f] { return f; };
  const LevelExit<2> level(f, 1.0);
  const auto near = level.distance(Vector<2>(0.99, 0));
  EXPECT_NEAR(near.inside, 0.01, 1e-4);
  EXPECT_EQ(near.normal, Vector<2>(1, 0));
  EXPECT_FALSE(level.thread_copy()->contains(Vector<2>(1.01, 0)));
}

}  // namespace
}  // namespace hj

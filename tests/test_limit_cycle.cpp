// A stable limit cycle as the attractor: the orbit found from a guess (period 2 pi / w, length
// 2 pi), V = 0 seeded along it, and olim and jet converging to the exact V = a (r^2 - 1)^2 / 4
// of the decomposition-built limit-cycle problem.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "app/configuration.hpp"
#include "core/problem_file.hpp"
#include "fitted_order.hpp"
#include "problems/catalogue.hpp"
#include "problems/sde_benchmarks.hpp"
#include "solvers/limit_cycle.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {
namespace {

TEST(LimitCycle, FoundFromAGuessOffTheCycle) {
  LimitCycleRotation problem(1.0, 2.0);
  problem.set_attractor_guess({0.6, 0.3});
  const StructuredGrid<2> grid({-1.5, -1.5}, {1.5, 1.5}, {129, 129});
  const LimitCycle<2> cycle = find_limit_cycle<2>(problem, grid);
  const double pi = std::acos(-1.0);
  EXPECT_NEAR(cycle.period, pi, 1e-3);  // 2 pi / w
  EXPECT_NEAR(cycle.length, 2 * pi, 1e-3);
  for (const auto& p : cycle.points) EXPECT_NEAR(p.norm(), 1.0, 1e-6);
  EXPECT_NEAR(cycle.distance_to(Vector<2>(0.5, 0)), 0.5, 1e-3);
}

TEST(LimitCycle, NoCycleIsOneClearError) {
  LimitCycleRotation problem(1.0, 1.0);
  problem.set_attractor_guess({0.0, 0.0});  // the focus: the drift vanishes
  const StructuredGrid<2> grid({-1.5, -1.5}, {1.5, 1.5}, {33, 33});
  EXPECT_THROW(find_limit_cycle<2>(problem, grid), Error);
  const StructuredGrid<2> small({-0.5, -0.5}, {0.5, 0.5}, {33, 33});
  problem.set_attractor_guess({0.3, 0.0});  // the orbit spirals out of the box
  try {
    find_limit_cycle<2>(problem, small);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("the orbit leaves the box"), std::string::npos);
  }
}

double max_error(const std::string& solver, int n) {
  Options options = resolve_options(parse_problem_text(
      "[problem]\ntype = \"limit-cycle\"\nw = 1.0\n[domain]\nlower = [-1.5, -1.5]\nupper = "
      "[1.5, 1.5]\nn = " +
          std::to_string(n) + "\n[solver]\ntype = \"" + solver + "\"\n",
      "test.toml"));
  const auto grid = grid_from_options<2>(options);
  const auto problem = make_problem<2>(options, grid);
  const Result<2> result = solve<2>(*problem, grid, options);
  EXPECT_EQ(result.status, Status::ok);
  double error = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    error = std::max(error, std::abs(result.value[i] - *problem->exact_solution(grid.point(i))));
  }
  return error;
}

// Measured: olim 1.4e-2, 5.7e-3, 2.5e-3; jet 2.7e-3, 7.3e-4, 2.1e-4 (n = 65, 129, 257).
TEST(LimitCycle, OlimAndJetConverge) {
  const std::vector<double> h = {3.0 / 64, 3.0 / 128, 3.0 / 256};
  std::vector<double> olim, jet;
  for (int n : {65, 129, 257}) {
    olim.push_back(max_error("olim", n));
    jet.push_back(max_error("jet", n));
  }
  EXPECT_GE(test::fitted_order(h, olim), 1.0) << olim[0] << " " << olim[1] << " " << olim[2];
  EXPECT_GE(test::fitted_order(h, jet), 1.7) << jet[0] << " " << jet[1] << " " << jet[2];
  EXPECT_LT(jet.back(), olim.back() / 5);
}

}  // namespace
}  // namespace hj

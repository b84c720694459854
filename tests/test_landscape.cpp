// Several attractors: the W-graph potential on hand-made barrier matrices, the equilibria of a
// tilted double well, and `hj landscape` on it against the closed form of a gradient system
// with A = I, where V(O_i, O_j) = 2 (U(saddle) - U(O_i)).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.hpp"
#include "app/configuration.hpp"
#include "core/error.hpp"
#include "core/problem_file.hpp"
#include "problems/catalogue.hpp"
#include "solvers/equilibria.hpp"
#include "solvers/w_graph.hpp"

namespace hj {
namespace {

TEST(WGraph, TwoAndThreeAttractorsByHand) {
  EXPECT_EQ(w_graph_potential({{0}}), std::vector<double>{0});
  // Leaving 0 costs 1, leaving 1 costs 0.5: the 0-graph {1 -> 0} costs 0.5, the 1-graph 1.
  EXPECT_EQ(w_graph_potential({{0, 1.0}, {0.5, 0}}), (std::vector<double>{0, 0.5}));
  // Three: 0-graphs {1->0, 2->0} 3+5, {1->0, 2->1} 3+1, {1->2, 2->0} 4+5: W0 = 4;
  // 1-graphs {0->1, 2->1} 2+1, {0->1, 2->0} 2+5, {0->2, 2->1} 6+1: W1 = 3;
  // 2-graphs {0->2, 1->2} 6+4, {0->1, 1->2} 2+4, {0->2, 1->0} 6+3: W2 = 6.
  const std::vector<std::vector<double>> barrier = {{0, 2, 6}, {3, 0, 4}, {5, 1, 0}};
  EXPECT_EQ(w_graph_potential(barrier), (std::vector<double>{1, 0, 3}));
}

// U = (x^2 - 1)^2 / 4 + tilt x + y^2 / 2, b = -grad U, A = I: V = 2 U up to a constant in
// each basin. The left well is the deeper one.
const double tilt = 0.1;
double U(double x) { return 0.25 * (x * x - 1) * (x * x - 1) + tilt * x; }
double critical_point(double x) {  // Newton on U'(x) = x^3 - x + tilt
  for (int k = 0; k < 50; ++k) x -= (x * x * x - x + tilt) / (3 * x * x - 1);
  return x;
}
const std::string tilted_well =
    "[problem]\ntype = \"expression\"\ndrift = [\"-(x^3 - x) - t\", \"-y\"]\ndiffusion = [[1, 0], "
    "[0, 1]]\nparameters = {t = 0.1}\n[domain]\nlower = [-2.0, -1.0]\nupper = [2.0, 1.0]\nn = "
    "129\n[solver]\ntype = \"jet\"\n";

TEST(Equilibria, TiltedDoubleWellHasTwoAttractorsAndASaddle) {
  Options options = resolve_options(parse_problem_text(tilted_well, "test.toml"));
  const auto grid = grid_from_options<2>(options);
  const auto problem = make_problem<2>(options, grid);
  const auto set = find_equilibria<2>(dynamic_cast<const SdeProblem<2>&>(*problem), grid, 12);
  ASSERT_EQ(set.attractors.size(), 2u);
  ASSERT_EQ(set.saddles.size(), 1u);
  EXPECT_TRUE(set.others.empty());
  EXPECT_NEAR(set.attractors[0].point[0], critical_point(-1), 1e-10);
  EXPECT_NEAR(set.attractors[1].point[0], critical_point(1), 1e-10);
  EXPECT_NEAR(set.saddles[0].point[0], critical_point(0), 1e-10);
  EXPECT_NEAR(set.saddles[0].point[1], 0, 1e-12);
}

TEST(Landscape, BarriersAndPreferenceOfAGradientSystem) {
  const auto dir = std::filesystem::temp_directory_path() / "hj-test-landscape";
  std::filesystem::remove_all(dir);
  const auto file = std::filesystem::temp_directory_path() / "hj-test-tilted-well.toml";
  std::ofstream(file) << tilted_well;
  LandscapeRequest request;
  request.solve.problem_file = file.string();
  request.solve.output_dir = dir.string();
  request.solve.quiet = true;
  std::ostringstream out;
  run_landscape(request, out);
  const auto j = nlohmann::json::parse(std::ifstream(dir / "landscape.json"));
  const double left = critical_point(-1), right = critical_point(1), saddle = critical_point(0);
  ASSERT_EQ(j["attractors"].size(), 2u);
  const auto& barriers = j["barriers"];
  // V from each well at the saddle: 2.2e-5 off at n = 129 (9e-5 at 65, 5e-6 at 257).
  EXPECT_NEAR(barriers[0][1].get<double>(), 2 * (U(saddle) - U(left)), 5e-5);
  EXPECT_NEAR(barriers[1][0].get<double>(), 2 * (U(saddle) - U(right)), 5e-5);
  EXPECT_EQ(j["preferred"], 0) << "the deeper (left) well";
  EXPECT_NEAR(j["w_graph_potential"][1].get<double>(),
              2 * (U(saddle) - U(left)) - 2 * (U(saddle) - U(right)), 1e-4);
  EXPECT_TRUE(j["tied_with_preferred"].empty());
  ASSERT_EQ(j["saddles"].size(), 1u);
  EXPECT_EQ(j["saddles"][0]["connects"], nlohmann::json::array({1, 0}));
  for (const char* name : {"field-0.vti", "field-1.vti", "global.vti"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
  }
  std::filesystem::remove_all(dir);
}

TEST(Landscape, RefusesProblemsWithoutAttractorsOrDrift) {
  auto error_of = [](const std::string& text) {
    const auto file = std::filesystem::temp_directory_path() / "hj-test-landscape-bad.toml";
    std::ofstream(file) << text;
    LandscapeRequest request;
    request.solve.problem_file = file.string();
    request.solve.output_dir = (std::filesystem::temp_directory_path() / "hj-never").string();
    request.solve.quiet = true;
    std::ostringstream out;
    try {
      run_landscape(request, out);
    } catch (const Error& e) {
      EXPECT_FALSE(std::filesystem::exists(request.solve.output_dir));
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("[problem]\ntype = \"eikonal-point\"\n").find("hj landscape needs an SDE"),
            std::string::npos);
  // x' = 1: no equilibrium anywhere.
  EXPECT_NE(error_of("[problem]\ntype = \"expression\"\ndrift = [\"1\", \"-y\"]\ndiffusion = "
                     "[[1, 0], [0, 1]]\n[solver]\ntype = \"olim\"\n")
                .find("no attractor of the drift in the box"),
            std::string::npos);
}

}  // namespace
}  // namespace hj

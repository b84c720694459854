// problem.type = "expression": an SDE written as expressions gives the same field as the same SDE
// from the catalogue, evaluates to hand-computed values, and each bad input is one clear error
// that names the key, the element and the character.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <string>

#include "app/configuration.hpp"
#include "core/error.hpp"
#include "core/problem_file.hpp"
#include "problems/catalogue.hpp"
#include "problems/expression_sde.hpp"
#include "problems/sde_benchmarks.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {
namespace {

// Resolves a problem file's text as `hj solve` does, with --set overrides.
Options options_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  RawSettings raw = parse_problem_text(text, "test.toml");
  for (const auto& o : overrides) apply_override(raw, o);
  return resolve_options(raw);
}

template <int dim>
std::unique_ptr<SdeProblem<dim>> sde_of(Options& options) {
  auto problem = make_problem<dim>(options, grid_from_options<dim>(options));
  auto* sde = dynamic_cast<SdeProblem<dim>*>(problem.get());
  EXPECT_NE(sde, nullptr);
  problem.release();
  return std::unique_ptr<SdeProblem<dim>>(sde);
}

// Solves a problem file's text; returns V at every node.
template <int dim>
std::vector<double> field_of(const std::string& text) {
  Options options = options_of(text);
  EXPECT_EQ(resolve_dimension(options), dim);
  const auto grid = grid_from_options<dim>(options);
  const auto problem = make_problem<dim>(options, grid);
  const Result<dim> result = solve<dim>(*problem, grid, options);
  return {result.value.begin(), result.value.end()};
}

// max |a - b| / max |a| over the nodes both reached; also whether every node is bitwise equal.
struct Difference {
  double relative = 0;
  bool bitwise = true;
};
Difference compare(const std::vector<double>& a, const std::vector<double>& b) {
  EXPECT_EQ(a.size(), b.size());
  double largest = 0, difference = 0;
  Difference d;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(std::isfinite(a[i]), std::isfinite(b[i])) << "node " << i;
    if (a[i] != b[i] && !(std::isnan(a[i]) && std::isnan(b[i]))) d.bitwise = false;
    if (!std::isfinite(a[i]) || !std::isfinite(b[i])) continue;
    largest = std::max(largest, std::abs(a[i]));
    difference = std::max(difference, std::abs(a[i] - b[i]));
  }
  EXPECT_GT(largest, 0);
  d.relative = difference / largest;
  return d;
}

const std::string linear_rot_box =
    "[domain]\nlower = [-1.3333333333333333, -2.0]\nupper = [1.3333333333333333, 2.0]\nn = 65\n";
const std::string linear_rot_catalogue =
    "[problem]\ntype = \"linear-rot\"\na = 2.0\nc = 1.0\n" + linear_rot_box;
const std::string linear_rot_expression =
    "[problem]\ntype = \"expression\"\ndrift = [\"-a*x - c*y\", \"a*c*x - y\"]\n"
    "diffusion = [[1, 0], [0, 1]]\nparameters = {a = 2.0, c = 1.0}\npotential = \"a*x^2 + y^2\"\n" +
    linear_rot_box;

// Measured: the olim and jet fields of the expression and of the catalogue's linear-rot are
// bitwise identical on 65 x 65 (muParser's bytecode does the same operations in the same order
// as LinearRotation::drift, and both problems give A = I exactly).
TEST(ExpressionSde, LinearRotEqualsTheCatalogueWithOlimAndJet) {
  for (const std::string solver : {"[solver]\ntype = \"olim\"\nstop = \"level\"\nvmax = 3.5\n",
                                   "[solver]\ntype = \"jet\"\nstop = \"level\"\nvmax = 3.5\n"}) {
    const Difference d = compare(field_of<2>(linear_rot_catalogue + solver),
                                 field_of<2>(linear_rot_expression + solver));
    EXPECT_LE(d.relative, 1e-12) << solver;
    EXPECT_TRUE(d.bitwise) << solver << ": not bitwise identical, relative difference "
                           << d.relative;
  }
}

const std::string box_3d = "[domain]\nlower = -1.0\nupper = 1.0\nn = 13\ndim = 3\n";
const std::string solver_3d = "[solver]\ntype = \"jet\"\nstop = \"level\"\nvmax = 0.9\n";

// LinearRotation3d (b = -h + c w x h, h = (a x, y, z), w = (s, s, s), s = 1/sqrt 3) written
// out as Eigen's cross product computes it. Measured: bitwise identical on 13^3 with the jet.
TEST(ExpressionSde, LinearRot3dEqualsTheCatalogue) {
  const std::string catalogue = "[problem]\ntype = \"linear-rot\"\na = 2.0\nc = 1.0\n";
  const std::string expression =
      "[problem]\ntype = \"expression\"\n"
      "drift = [\"-a*x + c*(s*z - s*y)\", \"-y + c*(s*(a*x) - s*z)\", "
      "\"-z + c*(s*y - s*(a*x))\"]\n"
      "sigma = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]\n"
      "parameters = {a = 2.0, c = 1.0, s = 0.5773502691896258}\n";
  EXPECT_EQ(0.5773502691896258, 1 / std::sqrt(3.0));
  const Difference d = compare(field_of<3>(catalogue + box_3d + solver_3d),
                               field_of<3>(expression + box_3d + solver_3d));
  EXPECT_LE(d.relative, 1e-12);
  EXPECT_TRUE(d.bitwise) << "relative difference " << d.relative;
}

TEST(ExpressionSde, ValuesAtPointsMatchHandComputedOnes) {
  Options options = options_of(
      "[problem]\ntype = \"expression\"\n"
      "drift = [\"-a*x + sin(y)\", \"x*y - b^2\"]\n"
      "sigma = [[\"1 + x\", \"y\", \"0.5\"], [0, \"2\", \"x*y\"]]\n"
      "parameters = {a = 3.0, b = 0.5}\npotential = \"a*x^2 + x*y\"\n" +
      std::string("[domain]\nlower = -2.0\nupper = 2.0\nn = 5\n"));
  const auto problem = sde_of<2>(options);
  const std::array<double, 2> p{0.7, -1.3};
  const double x = p[0], y = p[1];
  const Vector<2> b = problem->drift(p);
  EXPECT_DOUBLE_EQ(b[0], -3.0 * x + std::sin(y));
  EXPECT_DOUBLE_EQ(b[1], x * y - 0.25);
  // A = sigma sigma^T with sigma = [[1 + x, y, 0.5], [0, 2, x y]].
  const Matrix<2> A = problem->diffusion(p);
  EXPECT_DOUBLE_EQ(A(0, 0), (1 + x) * (1 + x) + y * y + 0.25);
  EXPECT_DOUBLE_EQ(A(0, 1), 2 * y + 0.5 * x * y);
  EXPECT_DOUBLE_EQ(A(1, 0), A(0, 1));
  EXPECT_DOUBLE_EQ(A(1, 1), 4 + x * y * x * y);
  EXPECT_FALSE(problem->constant_diffusion());
  ASSERT_TRUE(problem->has_exact_solution());
  EXPECT_DOUBLE_EQ(*problem->exact_solution(p), 3 * x * x + x * y);
  // No problem.gradient: central differences of V, good to about 1e-10.
  const Vector<2> g = *problem->exact_gradient(p);
  EXPECT_NEAR(g[0], 6 * x + y, 1e-9);
  EXPECT_NEAR(g[1], x, 1e-9);
  // The default attractor guess is the box centre; the catalogue recorded nothing else.
  EXPECT_EQ(problem->attractor_guess(), (std::array<double, 2>{0, 0}));
}

TEST(ExpressionSde, ConstantDiffusionWhenNoNoiseExpressionUsesACoordinate) {
  Options options = options_of(linear_rot_expression, {"problem.gradient=[\"2*a*x\", \"2*y\"]"});
  const auto problem = sde_of<2>(options);
  EXPECT_TRUE(problem->constant_diffusion());
  EXPECT_EQ(problem->diffusion({0.3, 0.1}), (Matrix<2>::Identity()));
  EXPECT_EQ(*problem->exact_gradient({0.5, -1.0}), Vector<2>(2.0, -2.0));
  Options variable =
      options_of(linear_rot_expression, {"problem.diffusion=[[\"1 + y^2\", 0], [0, 1]]"});
  EXPECT_FALSE(sde_of<2>(variable)->constant_diffusion());
}

TEST(ExpressionSde, OverridesReplaceExpressionsAndParameters) {
  Options options = options_of(linear_rot_expression,
                               {"problem.parameters.a=5", "problem.drift=[\"-a*x\", \"-c*y\"]"});
  EXPECT_EQ(options.real_table("problem.parameters"), (RealTable{{"a", 5.0}, {"c", 1.0}}));
  EXPECT_EQ(options.origin("problem.parameters"), "--set problem.parameters.a=5");
  const auto problem = sde_of<2>(options);
  EXPECT_EQ(problem->drift({1.0, 2.0}), Vector<2>(-5.0, -2.0));
  // A whole table replaces the file's.
  Options replaced = options_of(linear_rot_expression, {"problem.parameters={a = 1, c = 3}"});
  EXPECT_EQ(replaced.real_table("problem.parameters"), (RealTable{{"a", 1.0}, {"c", 3.0}}));
  // The resolved values print as TOML that reads back to the same values.
  for (const std::string key : {"problem.drift", "problem.diffusion", "problem.parameters"}) {
    const Options again =
        options_of(linear_rot_expression, {key + "=" + to_toml(options.values().at(key))});
    EXPECT_EQ(again.values().at(key), options.values().at(key)) << key;
  }
}

// The message of the hj::Error that building `text` (with overrides) throws ("" if none).
std::string error_of(const std::string& text, const std::vector<std::string>& overrides) {
  try {
    Options options = options_of(text, overrides);
    if (resolve_dimension(options) == 2) {
      sde_of<2>(options);
    } else {
      sde_of<3>(options);
    }
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ExpressionSde, ParseErrorsNameTheFileTheElementAndTheCharacter) {
  const std::string text =
      "[problem]\ntype = \"expression\"\ndrift = [\"-x\", \"x +* y\"]\n"
      "diffusion = [[1, 0], [0, 1]]\n";
  EXPECT_EQ(error_of(text, {}),
            "test.toml:3:9: problem.drift[1] = \"x +* y\": unexpected operator \"*\" at "
            "character 4");
  EXPECT_EQ(error_of(linear_rot_expression, {"problem.potential=\"a*x^2 + (y\""}),
            "--set problem.potential=\"a*x^2 + (y\": problem.potential = \"a*x^2 + (y\": missing "
            "parenthesis at the end");
  const std::string unknown = error_of(linear_rot_expression, {"problem.drift=[\"-x\", \"-w*y\"]"});
  EXPECT_NE(unknown.find("problem.drift[1] = \"-w*y\": unknown name \"w\" at character 2: neither "
                         "a variable (x, y), a parameter (a, c) nor a function"),
            std::string::npos)
      << unknown;
  const std::string in_matrix =
      error_of(linear_rot_expression, {"problem.diffusion=[[1, 0], [0, \"1 +\"]]"});
  EXPECT_NE(in_matrix.find("problem.diffusion[1][1] = \"1 +\": unexpected end of expression at "
                           "the end"),
            std::string::npos)
      << in_matrix;
}

TEST(ExpressionSde, ShapeAndNamingErrors) {
  auto expect = [](const std::vector<std::string>& overrides, const std::string& part) {
    const std::string message = error_of(linear_rot_expression, overrides);
    EXPECT_NE(message.find(part), std::string::npos) << "got: " << message;
  };
  expect({"problem.drift=[\"-x\"]"},
         "problem.drift has 1 expressions but the domain has 2 dimensions; give one per axis");
  expect({"problem.diffusion=[[1, 0, 0], [0, 1, 0]]"},
         "problem.diffusion has 2 rows, row 0 with 3 entries, but A must be 2 x 2");
  expect({"problem.sigma=[[1], [1]]"},
         "both problem.diffusion (test.toml:4:13) and problem.sigma are given; give one of them");
  expect({"problem.diffusion=[]"}, "needs problem.diffusion (the matrix A) or problem.sigma");
  expect({"problem.diffusion=[]", "problem.sigma=[[1, 0], [1]]"},
         "problem.sigma has 2 rows, row 1 with 1 entries, but sigma must have 2 rows of the same "
         "length");
  expect({"problem.parameters.y=1"},
         "problem.parameters names a parameter 'y', but y is a variable (x, y)");
  expect({"problem.parameters={\"2a\" = 1.0}"}, "has '2a', which cannot name a parameter");
  expect({"problem.drift=[\"-x, -y\", \"-y\"]"},
         "problem.drift[0] = \"-x, -y\" gives 2 values (separated by commas)");
  expect({"problem.gradient=[\"1\"]"}, "problem.gradient has 1 expressions");
  expect({"problem.drift=true"},
         "problem.drift must be a list of strings (expressions), got a "
         "boolean");
  expect({"problem.parameters=[1, 2]"},
         "problem.parameters must be a table of named numbers, e.g. {a = 2.0}, got a list of "
         "integers");
  // 3-d: z is a coordinate, and three drift entries are needed.
  const std::string message =
      error_of(linear_rot_expression + "dim = 3\n", {"domain.lower=-1", "domain.upper=1"});
  EXPECT_NE(message.find("problem.drift has 2 expressions but the domain has 3 dimensions"),
            std::string::npos)
      << message;
}

// The cost of one drift evaluation, expression against the catalogue's compiled C++; printed
// for docs/performance.md, asserted only loosely (the bytecode must not be a re-parse).
TEST(ExpressionSde, DriftEvaluationCost) {
  Options expression_options = options_of(linear_rot_expression);
  Options catalogue_options = options_of(linear_rot_catalogue);
  const auto expression = sde_of<2>(expression_options);
  const auto catalogue = sde_of<2>(catalogue_options);
  auto time_per_call = [](const SdeProblem<2>& problem) {
    constexpr int calls = 200000;
    std::vector<double> samples;
    double sink = 0;
    for (int repeat = 0; repeat < 5; ++repeat) {
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < calls; ++i) {
        const double t = 1e-6 * i;
        sink += problem.drift({t, 1 - t})[0];
      }
      samples.push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / calls);
    }
    EXPECT_TRUE(std::isfinite(sink));
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
  };
  const double expression_ns = 1e9 * time_per_call(*expression);
  const double catalogue_ns = 1e9 * time_per_call(*catalogue);
  std::printf(
      "drift evaluation, median of 5 x 200000 calls: expression %.1f ns, catalogue %.1f ns\n",
      expression_ns, catalogue_ns);
  EXPECT_LT(expression_ns, 2000.0);  // a parse per call would cost microseconds
}

}  // namespace
}  // namespace hj

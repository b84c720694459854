// problem.type = "sgd" end to end: problem files resolved as `hj solve` does, solved, and
// compared with closed forms (math.md section 4) or with the same problem written otherwise;
// each bad input one clear error.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "app/configuration.hpp"
#include "core/error.hpp"
#include "core/problem_file.hpp"
#include "fitted_order.hpp"
#include "problems/catalogue.hpp"
#include "problems/sgd_problem.hpp"
#include "solvers/solver_registry.hpp"
#include "validation/hamiltonian_residual.hpp"

namespace hj {
namespace {

const std::string examples = HJ_EXAMPLES_DIR;

Options options_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  RawSettings raw = parse_problem_text(text, "test.toml");
  for (const auto& o : overrides) apply_override(raw, o);
  return resolve_options(raw);
}

template <int dim>
Result<dim> solve_text(const std::string& text, const std::vector<std::string>& overrides = {}) {
  Options options = options_of(text, overrides);
  const auto grid = grid_from_options<dim>(options);
  const auto problem = make_problem<dim>(options, grid);
  return solve<dim>(*problem, grid, options);
}

template <int dim>
std::unique_ptr<Problem<dim>> problem_of(const std::string& text,
                                         const std::vector<std::string>& overrides = {}) {
  Options options = options_of(text, overrides);
  return make_problem<dim>(options, grid_from_options<dim>(options));
}

std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    Options options = options_of(text, overrides);
    if (resolve_dimension(options) == 3) {
      problem_of<3>(text, overrides);
    } else {
      problem_of<2>(text, overrides);
    }
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

const std::string quadratic =
    "[problem]\ntype = \"sgd\"\n[model]\ntype = \"quadratic\"  # H = diag(10, 1)\n[noise]\ntype = "
    "\"minibatch\"\n[sgd]\nbatch = 4\n[domain]\nlower = [-1.0, -1.0]\n"
    "upper = [1.0, 1.0]\nn = 33\n[solver]\ntype = \"jet\"\n";

// Max error against the problem's closed form over the nodes reached.
template <int dim>
double max_error(const std::string& text, const std::vector<std::string>& overrides) {
  Options options = options_of(text, overrides);
  const auto grid = grid_from_options<dim>(options);
  const auto problem = make_problem<dim>(options, grid);
  EXPECT_TRUE(problem->has_exact_solution());
  const Result<dim> result = solve<dim>(*problem, grid, options);
  double error = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (!is_accepted(result.flags[i])) continue;  // a level stop leaves tentative values
    error = std::max(error, std::abs(result.value[i] - *problem->exact_solution(grid.point(i))));
  }
  return error;
}

// The quadratic loss with minibatch noise (constant: H S H / B) is a linear SDE; the jet
// converges to its Lyapunov V at second order.
TEST(SgdProblems, QuadraticMinibatchJetConvergesToLyapunov) {
  std::vector<double> h, e;
  for (int n : {33, 65, 129}) {
    h.push_back(2.0 / (n - 1));
    e.push_back(max_error<2>(quadratic, {"domain.n=" + std::to_string(n)}));
  }
  EXPECT_LT(e.back(), 1e-5);
  EXPECT_GE(test::fitted_order(h, e), 1.8) << e[0] << " " << e[1] << " " << e[2];
}

// The Hamilton-Jacobi residual of the computed field needs no exact V: on the logistic loss
// with minibatch noise (V unknown) it falls at least at first order with h.
TEST(SgdProblems, HamiltonJacobiResidualConverges) {
  const std::string logistic =
      "[problem]\ntype = \"sgd\"\n[model]\ntype = \"logistic-regression\"\n[data]\nsamples "
      "= 50\n[domain]\nlower = [0.0, -1.5]\nupper = [2.5, 0.5]\n[solver]\ntype = \"jet\"\n";
  std::vector<double> h, rms, max;
  for (int n : {33, 65, 129}) {
    Options options = options_of(logistic, {"domain.n=" + std::to_string(n)});
    const auto grid = grid_from_options<2>(options);
    const auto problem = make_problem<2>(options, grid);
    const Result<2> result = solve<2>(*problem, grid, options);
    const auto residual = hamiltonian_residual<2>(*problem, result);
    ASSERT_TRUE(residual && residual->carried);
    EXPECT_EQ(residual->nodes, grid.size());
    h.push_back(grid.spacing()[0]);
    rms.push_back(residual->rms);
    max.push_back(residual->max);
  }
  EXPECT_GE(test::fitted_order(h, rms), 1.0) << rms[0] << " " << rms[1] << " " << rms[2];
  EXPECT_GE(test::fitted_order(h, max), 1.0) << max[0] << " " << max[1] << " " << max[2];
}

// In 3-d, each noise that is constant for a quadratic loss (rescaled to trace 3, so that the
// level V = 0.5 lies well outside the seed ball) gives the Lyapunov V to the jet's accuracy on
// a coarse grid.
TEST(SgdProblems, QuadraticIn3dWithEveryConstantNoise) {
  const std::string spatial =
      "[problem]\ntype = \"sgd\"\n[model]\nhessian = [[2.0, 0.3, 0.0], [0.3, 1.5, 0.0], [0.0, "
      "0.0, 1.0]]\n[noise]\ntrace = 3.0\n[domain]\nlower = [-1.0, -1.0, -1.0]\nupper = [1.0, "
      "1.0, 1.0]\nn = 17\n[solver]\ntype = \"jet\"\nstop = \"level\"\nvmax = 0.9\n";
  for (const std::vector<std::string>& noise :
       {std::vector<std::string>{"noise.type=\"isotropic\""},
        {"noise.type=\"hessian\""},
        {"noise.type=\"minibatch\""},
        {"noise.type=\"diagonal\""},
        {"noise.type=\"constant\"",
         "noise.matrix=[[1.0, 0.2, 0.0], [0.2, 0.5, 0.1], [0.0, 0.1, 0.8]]"}}) {
    Options options = options_of(spatial, noise);
    const auto grid = grid_from_options<3>(options);
    const auto problem = make_problem<3>(options, grid);
    const Result<3> result = solve<3>(*problem, grid, options);
    EXPECT_GT(result.statistics.accepted, 4 * result.statistics.seeded) << noise.front();
    double error = 0;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      if (!is_accepted(result.flags[i])) continue;  // the level stop leaves tentative values
      error = std::max(error, std::abs(result.value[i] - *problem->exact_solution(grid.point(i))));
    }
    EXPECT_LT(error, 5e-3) << noise.front();
  }
}

// math.md section 4: H = diag(10, 1), noise of trace 2. Out of the ball (here the box) of
// radius 1, isotropic noise has the barrier 1.0 and Hessian-aligned noise 5.5.
TEST(SgdProblems, EqualTraceBarriersOfMathMd) {
  for (const auto& [kind, barrier] :
       {std::pair<std::string, double>{"isotropic", 1.0}, {"hessian", 5.5}}) {
    const Result<2> result =
        solve_text<2>(quadratic, {"noise.type=\"" + kind + "\"", "noise.trace=2", "domain.n=65"});
    double smallest = INFINITY;
    for (std::size_t i = 0; i < result.grid.size(); ++i) {
      if (result.grid.on_boundary(result.grid.multi_index(i))) {
        smallest = std::min(smallest, result.value[i]);
      }
    }
    EXPECT_NEAR(smallest, barrier, 1e-6 * barrier) << kind;
  }
}

// The least-squares loss written as an expression with its gradient gives the built-in
// model's field (the sums run in another order, so not bitwise).
TEST(SgdProblems, ExpressionLossMatchesBuiltInLinearRegression) {
  const std::string common =
      "[problem]\ntype = \"sgd\"\n[noise]\ntype = \"minibatch\"\n[sgd]\nbatch = 10\nreplacement "
      "= false\n[domain]\nlower = [0.0, -1.5]\nupper = [2.0, 0.5]\nn = 33\n[solver]\ntype = "
      "\"olim\"\n[data]\nfile = \"" +
      examples + "/data/regression.csv\"\n";
  const Result<2> builtin =
      solve_text<2>(common +
                    "features = [\"a1\", \"a2\"]\ntarget = \"target\"\n[model]\ntype = "
                    "\"linear-regression\"\n");
  const Result<2> expression = solve_text<2>(
      common +
      "features = [\"a1\", \"a2\", \"target\"]\n[model]\ntype = \"expression\"\nloss = "
      "\"0.5*(x*a1 + y*a2 - target)^2\"\ngradient = [\"(x*a1 + y*a2 - target)*a1\", "
      "\"(x*a1 + y*a2 - target)*a2\"]\n");
  double largest = 0, difference = 0;
  for (std::size_t i = 0; i < builtin.grid.size(); ++i) {
    largest = std::max(largest, builtin.value[i]);
    difference = std::max(difference, std::abs(builtin.value[i] - expression.value[i]));
  }
  EXPECT_GT(largest, 1);
  EXPECT_LT(difference, 1e-9 * largest);
}

TEST(SgdProblems, RecordsEpsAndTheMinimum) {
  const auto problem = problem_of<2>(quadratic, {"sgd.eta=0.05", "model.minimum=[0.25, -0.5]"});
  const auto& sgd = dynamic_cast<const SgdProblem<2>&>(*problem);
  EXPECT_EQ(sgd.eps(), 0.05);
  const auto derived = sgd.derived();
  ASSERT_FALSE(derived.empty());
  EXPECT_EQ(derived.front().first, "eps");
  EXPECT_EQ(derived.front().second.front(), 0.05);
  EXPECT_NEAR(sgd.minimum()[0], 0.25, 1e-14);
  EXPECT_NEAR(sgd.minimum()[1], -0.5, 1e-14);
}

TEST(SgdProblems, NoiseFloorIsNeverAddedUnlessAskedFor) {
  // bump-fit: at h = 0 the gradient has no c-component, so the minibatch noise is singular on
  // that line.
  const std::string bumps =
      "[problem]\ntype = \"sgd\"\n[model]\ntype = \"bump-fit\"\n[domain]\nlower = [-2.5, 0.0]\n"
      "upper = [2.5, 1.5]\nn = 21\n";
  const std::string message = error_of(bumps);
  EXPECT_NE(message.find("noise.type = \"minibatch\": the noise covariance A(x) is not positive "
                         "definite at"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("worst at x = ["), std::string::npos) << message;
  EXPECT_NE(message.find("noise.floor"), std::string::npos) << message;
  EXPECT_EQ(error_of(bumps, {"noise.floor=1e-3"}), "no error");
}

TEST(SgdProblems, BadInputIsOneClearError) {
  auto expect = [&](const std::vector<std::string>& overrides, const std::string& expected,
                    const std::string& text = quadratic) {
    const std::string message = error_of(text, overrides);
    EXPECT_NE(message.find(expected), std::string::npos)
        << "got: " << message << "\nexpected: " << expected;
  };
  expect({"model.type=\"cubic\""},
         "model.type = \"cubic\" is not one of: quadratic, linear-regression");
  expect({"noise.type=\"white\""},
         "noise.type = \"white\" is not one of: minibatch, isotropic, hessian");
  expect({"sgd.batch=101"}, "sgd.batch = 101 exceeds the 100 samples of the data set");
  expect({"data.file=\"/nonexistent/d.csv\""}, "cannot open the data file '/nonexistent/d.csv'");
  expect({"model.type=\"linear-regression\"", "data.file=\"" + examples + "/data/regression.csv\""},
         "has no column 'y'; its columns are a1, a2, target");
  expect({"noise.matrix=[[1.0, 0.0], [0.0, 1.0]]"},
         "noise.matrix is set, but noise.type = \"minibatch\" does not read it; remove it");
  expect({"noise.type=\"constant\""}, "noise.type = \"constant\" needs noise.matrix");
  expect({"noise.type=\"constant\"", "noise.matrix=[[1.0, 2.0], [2.0, 1.0]]"},
         "noise.matrix is not positive definite: its eigenvalues -1, 3 must all be > 0");
  expect({"noise.type=\"expression\"", "noise.diffusion=[[\"1\"]]"},
         "noise.diffusion is not 2 x 2");
  expect({"noise.type=\"expression\"", "noise.diffusion=[[\"1 +\", \"0\"], [\"0\", \"1\"]]"},
         "noise.diffusion[0][0] = \"1 +\": unexpected end of expression");
  expect({"noise.type=\"expression\"", "noise.diffusion=[[\"k\", \"0\"], [\"0\", \"1\"]]"},
         "unknown name \"k\" at character 1: neither a variable (x, y), a parameter (none) nor a "
         "function; add it to model.parameters");
  expect({"model.minimum=[3.0, 0.0]"}, "lies outside the box; move the domain to contain it");
  expect({"model.hessian=[[1.0, 2.0], [2.0, 1.0]]"},
         "model.hessian is not positive definite: its eigenvalues -1, 3");
  expect({"model.type=\"sharp-flat\"", "domain.dim=3", "domain.lower=[-1.0, -1.0, -1.0]",
          "domain.upper=[1.0, 1.0, 1.0]"},
         "is a two-parameter model; set domain.dim = 2");
  expect({"model.type=\"expression\"", "model.loss=\"x^2 + y^2\""},
         "needs per-sample losses, but model.loss has no data set");
  expect({"model.type=\"expression\"", "model.loss=\"x^3 + y^2\"", "noise.type=\"isotropic\""},
         "no minimum of the expression loss found");
}

}  // namespace
}  // namespace hj

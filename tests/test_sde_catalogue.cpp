// The SDE problems as the catalogue builds them from options: maier-stein, consumer-resource,
// linear-nd and decomposed in the dimensions they exist in, their defaults recorded back into the
// options, and one clear hj::Error for each bad option, before anything is solved.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/configuration.hpp"
#include "core/error.hpp"
#include "core/problem_file.hpp"
#include "problems/catalogue.hpp"
#include "problems/linear_sde_matrices.hpp"
#include "problems/sde_families.hpp"
#include "solvers/attractor.hpp"

namespace hj {
namespace {

struct Built {
  Options options;
  std::unique_ptr<SdeProblem<2>> problem_2d;
  std::unique_ptr<SdeProblem<3>> problem_3d;
};

template <int dim>
std::unique_ptr<SdeProblem<dim>> as_sde(std::unique_ptr<Problem<dim>> problem) {
  auto* sde = dynamic_cast<SdeProblem<dim>*>(problem.get());
  EXPECT_NE(sde, nullptr);
  problem.release();
  return std::unique_ptr<SdeProblem<dim>>(sde);
}

// Resolves a problem file's text as `hj solve` does and builds its problem.
Built build(const std::string& text) {
  Built built{resolve_options(parse_problem_text(text, "test.toml")), nullptr, nullptr};
  if (resolve_dimension(built.options) == 2) {
    built.problem_2d =
        as_sde<2>(make_problem<2>(built.options, grid_from_options<2>(built.options)));
  } else {
    built.problem_3d =
        as_sde<3>(make_problem<3>(built.options, grid_from_options<3>(built.options)));
  }
  return built;
}

// The message of the hj::Error that building throws ("" if none).
std::string error_of(const std::string& text) {
  try {
    build(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const char* const box_2d = "[domain]\nlower = -1.0\nupper = 1.0\nn = 9\n";
const char* const box_3d = "[domain]\nlower = [-1.0, -1.0, -1.0]\nupper = 1.0\nn = 9\n";

TEST(SdeCatalogue, LinearNdDefaultsAreRecordedAndExact) {
  for (const char* box : {box_2d, box_3d}) {
    const Built built = build(std::string("[problem]\ntype = \"linear-nd\"\n") + box);
    const auto& options = built.options;
    const std::size_t dim = built.problem_2d ? 2 : 3;
    EXPECT_EQ(options.points("problem.B").size(), dim);
    EXPECT_EQ(options.points("problem.A").size(), dim);
    EXPECT_EQ(std::get<std::vector<double>>(options.values().at("problem.attractor")),
              std::vector<double>(dim, 0.0));
    if (built.problem_2d) {
      EXPECT_EQ(built.problem_2d->drift_jacobian({0, 0}), default_linear_sde<2>().B);
      EXPECT_EQ(built.problem_2d->diffusion({0, 0}), default_linear_sde<2>().A);
    } else {
      EXPECT_EQ(built.problem_3d->drift_jacobian({0, 0, 0}), default_linear_sde<3>().B);
    }
  }
}

TEST(SdeCatalogue, LinearNdTakesMatricesAsRowsAndTheAttractor) {
  const Built built = build(std::string("[problem]\ntype = \"linear-nd\"\nB = [[-1, 2], [-2, -1]]\n"
                                        "A = [[2, 0.5], [0.5, 1]]\nattractor = [0.25, -0.5]\n") +
                            box_2d);
  const auto& problem = *built.problem_2d;
  EXPECT_EQ(problem.attractor_guess(), (std::array<double, 2>{0.25, -0.5}));
  EXPECT_EQ(*problem.exact_solution({0.25, -0.5}), 0.0);
  const Vector<2> b = problem.drift({1.25, -0.5});  // B (1, 0) = first column
  EXPECT_EQ(b, Vector<2>(-1, -2));
  EXPECT_EQ(problem.diffusion({0, 0})(0, 1), 0.5);
}

TEST(SdeCatalogue, LinearNdSeedDrawsTheRandomPairReproducibly) {
  const std::string text = "[problem]\ntype = \"linear-nd\"\nseed = 7\ncondition = 30\n";
  const Built built = build(text + box_3d);
  const auto expected = random_linear_sde<3>(7, 30);
  EXPECT_EQ(built.problem_3d->drift_jacobian({0, 0, 0}), expected.B);
  EXPECT_EQ(built.problem_3d->diffusion({0, 0, 0}), expected.A);
  // The drawn matrices are recorded, so summary.json says what was solved.
  EXPECT_EQ(built.options.points("problem.B")[1][2], expected.B(1, 2));
  const Built again = build(text + box_3d);
  EXPECT_EQ(again.problem_3d->diffusion({0, 0, 0}), expected.A);
}

TEST(SdeCatalogue, LinearNdRefusesBadMatricesWithOneClearError) {
  const std::string head = "[problem]\ntype = \"linear-nd\"\n";
  EXPECT_EQ(error_of(head + "B = [[-1, 0], [0, -1], [1, 1]]\n" + box_2d),
            "test.toml:3:5: problem.B has 3 rows but the domain has 2 dimensions; give 2 rows of "
            "2 numbers, e.g. [[-1, 2], [-2, -1]] in 2-d");
  EXPECT_EQ(error_of(head + "A = [[1, 0, 0], [0, 1, 0], [0, 0]]\n" + box_3d),
            "test.toml:3:5: problem.A row 3 has 2 numbers but the domain has 3 dimensions; give 3 "
            "rows of 3 numbers, e.g. [[-1, 2], [-2, -1]] in 2-d");
  EXPECT_EQ(error_of(head + "B = [[0.5, 1], [0, -1]]\n" + box_2d),
            "test.toml:3:5: problem.B is not stable: its eigenvalues 0.5, -1 must all have "
            "negative real parts; give a stable B");
  EXPECT_EQ(error_of(head + "A = [[1, 2], [2, 1]]\n" + box_2d),
            "test.toml:3:5: problem.A is not positive definite: its eigenvalues -1, 3 must all be "
            "> 0; give a symmetric positive definite A");
  EXPECT_EQ(error_of(head + "A = [[1, 0.5], [0, 1]]\n" + box_2d),
            "test.toml:3:5: problem.A is not symmetric; give a symmetric positive definite A");
  EXPECT_EQ(error_of(head + "seed = 3\nB = [[-1, 0], [0, -1]]\n" + box_2d),
            "test.toml:4:5: problem.B is given but problem.seed = 3 draws random matrices; drop "
            "problem.B or set problem.seed = 0");
  EXPECT_EQ(error_of(head + "attractor = [2.0, 0.0]\n" + box_2d),
            "test.toml:3:13: problem.attractor = [2.0, 0.0] lies outside the box [-1.0, -1.0] .. "
            "[1.0, 1.0]; move it inside the domain");
  EXPECT_EQ(error_of(head + "seed = 3\ncondition = 0.5\n" + box_2d),
            "test.toml:4:13: problem.condition = 0.5 must be >= 1");
}

TEST(SdeCatalogue, DecomposedInBothDimensions) {
  const Built planar = build(std::string("[problem]\ntype = \"decomposed\"\n") + box_2d);
  EXPECT_EQ(planar.options.reals("problem.kappa", 2), (std::vector<double>{1, 3}));
  EXPECT_NEAR(*planar.problem_2d->exact_solution({1, 0}), 0.5 + 0.125, 1e-15);
  const Built spatial = build(
      std::string("[problem]\ntype = \"decomposed\"\nkappa = [1, 2, 3]\nq = 0\nrotation = 0\n") +
      box_3d);
  EXPECT_NEAR(*spatial.problem_3d->exact_solution({0, 0, 1}), 1.5, 1e-15);
  // rotation = 0: b = -1/2 A grad U.
  const std::array<double, 3> x{0.3, -0.2, 0.5};
  const Vector<3> expected =
      -0.5 * spatial.problem_3d->diffusion(x) * *spatial.problem_3d->exact_gradient(x);
  EXPECT_LT((spatial.problem_3d->drift(x) - expected).norm(), 1e-15);
  EXPECT_EQ(error_of(std::string("[problem]\ntype = \"decomposed\"\nkappa = [1, 2]\n") + box_3d),
            "test.toml:3:9: problem.kappa has 2 entries but the problem has 3 dimensions; give "
            "one value or 3");
  EXPECT_EQ(error_of(std::string("[problem]\ntype = \"decomposed\"\nkappa = [1, -2]\n") + box_2d),
            "test.toml:3:9: problem.kappa = [1.0, -2.0] must have entries > 0");
}

TEST(SdeCatalogue, MaierSteinIsPlanarWithBetaAndEitherAttractor) {
  const Built built =
      build(std::string("[problem]\ntype = \"maier-stein\"\nbeta = 3\nattractor = [1, 0]\n") +
            "[domain]\nlower = [0.0, -1.0]\nupper = [2.0, 1.0]\nn = 9\n");
  EXPECT_EQ(built.problem_2d->attractor_guess(), (std::array<double, 2>{1, 0}));
  EXPECT_FALSE(built.problem_2d->has_exact_solution());
  EXPECT_TRUE(build(std::string("[problem]\ntype = \"maier-stein\"\n") + box_2d)
                  .problem_2d->has_exact_solution());  // beta = 1 by default
  EXPECT_EQ(error_of(std::string("[problem]\ntype = \"maier-stein\"\nbeta = 0\n") + box_2d),
            "test.toml:3:8: problem.beta = 0.0 must be > 0");
  EXPECT_EQ(error_of(std::string("[problem]\ntype = \"maier-stein\"\n") + box_3d),
            "default domain.dim: problem 'maier-stein' is two-dimensional; set domain.dim = 2");
}

// The equilibria Moore et al. (2016) report for their consumer-resource model (QPot's first
// example), to the four digits they give: two stable states and a saddle between them.
TEST(SdeCatalogue, ConsumerResourceHasThePublishedEquilibria) {
  const Built built = build(std::string("[problem]\ntype = \"consumer-resource\"\n") +
                            "[domain]\nlower = [0.5, 1.5]\nupper = [6.0, 6.0]\nn = 9\n");
  const SdeProblem<2>& problem = *built.problem_2d;
  EXPECT_FALSE(problem.has_exact_solution());
  const struct {
    std::array<double, 2> published;
    EquilibriumKind kind;
  } equilibria[] = {{{1.4049, 2.8081}, EquilibriumKind::stable},
                    {{4.9040, 4.0619}, EquilibriumKind::stable}};
  for (const auto& e : equilibria) {
    const Equilibrium<2> found = find_attractor<2>(problem, e.published);
    EXPECT_NEAR(found.point[0], e.published[0], 5e-5);
    EXPECT_NEAR(found.point[1], e.published[1], 5e-5);
    EXPECT_EQ(found.kind, e.kind);
  }
  // The saddle: Newton converges there, and the march refuses it as an attractor.
  try {
    find_attractor<2>(problem, {4.2008, 4.0039});
    ADD_FAILURE() << "the saddle was taken for an attractor";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("[4.2008"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("is not stable"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace hj

// SGD losses, data and noise, checked against definitions computed independently: gradients
// and Hessians against differences, closed-form covariances against the per-sample sums, the
// minibatch covariance against every minibatch enumerated, counter-based data against itself.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

#include "core/counter_random.hpp"
#include "core/error.hpp"
#include "problems/sample_table.hpp"
#include "problems/sgd_noise.hpp"
#include "problems/sgd_problem.hpp"
#include "problems/sgd_regression_losses.hpp"
#include "problems/sgd_toy_losses.hpp"

namespace hj {
namespace {

template <int dim>
RegressionData<dim> small_regression(std::size_t samples, std::uint64_t seed) {
  Vector<dim> scales = Vector<dim>::Ones(), weights = Vector<dim>::Ones();
  scales[0] = 2;
  RegressionData<dim> data = draw_features<dim>(seed, samples, scales, weights);
  const CounterRandom noise(seed, 1);
  for (std::size_t i = 0; i < samples; ++i) data.targets[i] += 0.3 * noise.normal(i, 0);
  return data;
}

template <int dim>
RegressionData<dim> with_labels(RegressionData<dim> data) {
  for (Eigen::Index i = 0; i < data.targets.size(); ++i) {
    data.targets[i] = data.targets[i] > 0.2 ? 1.0 : -1.0;
  }
  return data;
}

// The built-in losses of each dimension, built on small generated data sets.
std::vector<std::unique_ptr<SgdLoss<2>>> planar_losses() {
  std::vector<std::unique_ptr<SgdLoss<2>>> losses;
  Matrix<2> H;
  H << 10, 2, 2, 1;
  losses.push_back(
      std::make_unique<QuadraticLoss<2>>(H, Vector<2>(0.3, -0.2), draw_shifts<2>(3, 20, 0.5)));
  losses.push_back(std::make_unique<LinearRegressionLoss<2>>(small_regression<2>(20, 4)));
  losses.push_back(
      std::make_unique<LogisticRegressionLoss<2>>(with_labels(small_regression<2>(20, 5)), 0.05));
  losses.push_back(std::make_unique<SharpFlatLoss>(Vector<2>(20, 200), 2.0, Vector<2>(1, 1),
                                                   Vector<2>(-1, -1), draw_shifts<2>(6, 20, 0.1)));
  losses.push_back(std::make_unique<BumpFitLoss>(draw_two_bumps(7, 30, 0.5, 0.1), 0.5));
  return losses;
}

std::vector<std::unique_ptr<SgdLoss<3>>> spatial_losses() {
  std::vector<std::unique_ptr<SgdLoss<3>>> losses;
  losses.push_back(std::make_unique<QuadraticLoss<3>>(
      Vector<3>(10, 3, 1).asDiagonal(), Vector<3>::Zero(), draw_shifts<3>(3, 20, 0.5)));
  losses.push_back(std::make_unique<LinearRegressionLoss<3>>(small_regression<3>(20, 4)));
  losses.push_back(
      std::make_unique<LogisticRegressionLoss<3>>(with_labels(small_regression<3>(20, 5)), 0.05));
  return losses;
}

template <int dim>
std::vector<Vector<dim>> probe_points() {
  std::vector<Vector<dim>> points;
  for (int k = 0; k < 4; ++k) {
    Vector<dim> x;
    for (int a = 0; a < dim; ++a) x[a] = 0.7 * std::sin(1.3 * k + 0.9 * a + 0.4) - 0.2 * a;
    points.push_back(x);
  }
  return points;
}

// Central differences of a function R^dim -> R^m, to compare closed forms with.
template <int dim, typename F>
auto central_difference(F f, const Vector<dim>& x, int k) {
  const double h = 1e-5;
  Vector<dim> plus = x, minus = x;
  plus[k] += h;
  minus[k] -= h;
  return (f(plus) - f(minus)) / (2 * h);
}

template <int dim>
void check_derivatives(const SgdLoss<dim>& loss) {
  SCOPED_TRACE(loss.name());
  for (const Vector<dim>& x : probe_points<dim>()) {
    const Vector<dim> g = loss.gradient(x);
    const Matrix<dim> H = loss.hessian(x);
    Vector<dim> mean = Vector<dim>::Zero();
    for (std::size_t i = 0; i < loss.samples(); ++i) mean += loss.sample_gradient(i, x);
    mean /= static_cast<double>(loss.samples());
    EXPECT_LT((mean - g).norm(), 1e-12 * (1 + g.norm())) << "grad L is the mean of grad l_i";
    for (int k = 0; k < dim; ++k) {
      const double dL =
          central_difference<dim>([&](const Vector<dim>& y) { return loss.loss(y); }, x, k);
      EXPECT_NEAR(g[k], dL, 1e-6 * (1 + std::abs(dL)));
      const Vector<dim> dg = central_difference<dim>(
          [&](const Vector<dim>& y) { return Vector<dim>(loss.gradient(y)); }, x, k);
      EXPECT_LT((H.col(k) - dg).norm(), 1e-5 * (1 + dg.norm()));
    }
    EXPECT_LT((H - H.transpose()).norm(), 1e-12 * (1 + H.norm()));
  }
}

TEST(SgdLosses, GradientsAndHessiansMatchDifferences) {
  for (const auto& loss : planar_losses()) check_derivatives<2>(*loss);
  for (const auto& loss : spatial_losses()) check_derivatives<3>(*loss);
}

// Sigma_1 straight from its definition, two passes.
template <int dim>
Matrix<dim> covariance_by_definition(const SgdLoss<dim>& loss, const Vector<dim>& x) {
  const auto n = static_cast<double>(loss.samples());
  Vector<dim> mean = Vector<dim>::Zero();
  for (std::size_t i = 0; i < loss.samples(); ++i) mean += loss.sample_gradient(i, x) / n;
  Matrix<dim> covariance = Matrix<dim>::Zero();
  for (std::size_t i = 0; i < loss.samples(); ++i) {
    const Vector<dim> d = loss.sample_gradient(i, x) - mean;
    covariance += d * d.transpose() / n;
  }
  return covariance;
}

TEST(SgdLosses, SampleCovarianceClosedFormsMatchTheDefinition) {
  auto check = [](const auto& loss, const auto& x) {
    const auto expected = covariance_by_definition(loss, x);
    EXPECT_LT((loss.sample_covariance(x) - expected).norm(), 1e-11 * (1 + expected.norm()))
        << loss.name() << " at " << x.transpose();
  };
  for (const auto& loss : planar_losses()) {
    for (const auto& x : probe_points<2>()) check(*loss, x);
    check(*loss, Vector<2>(30, -40));  // far out, where grad L >> its spread
  }
  for (const auto& loss : spatial_losses()) {
    for (const auto& x : probe_points<3>()) check(*loss, x);
  }
}

// Cov(g_B) over every minibatch of a 6-sample loss: ordered B-tuples (with replacement) or
// B-subsets (without), each equally likely.
Matrix<2> minibatch_covariance_by_enumeration(const SgdLoss<2>& loss, const Vector<2>& x,
                                              std::size_t batch, bool replacement) {
  const std::size_t n = loss.samples();
  std::vector<Vector<2>> means;
  std::vector<std::size_t> pick(batch, 0);
  std::function<void(std::size_t, std::size_t)> choose = [&](std::size_t slot, std::size_t from) {
    if (slot == batch) {
      Vector<2> g = Vector<2>::Zero();
      for (std::size_t i : pick) g += loss.sample_gradient(i, x);
      means.push_back(g / static_cast<double>(batch));
      return;
    }
    for (std::size_t i = replacement ? 0 : from; i < n; ++i) {
      pick[slot] = i;
      choose(slot + 1, i + 1);
    }
  };
  choose(0, 0);
  Vector<2> mean = Vector<2>::Zero();
  for (const auto& g : means) mean += g / static_cast<double>(means.size());
  Matrix<2> covariance = Matrix<2>::Zero();
  for (const auto& g : means) {
    covariance += (g - mean) * (g - mean).transpose() / static_cast<double>(means.size());
  }
  return covariance;
}

TEST(SgdNoise, MinibatchCovarianceMatchesEveryMinibatchEnumerated) {
  const LinearRegressionLoss<2> loss(small_regression<2>(6, 11));
  for (bool replacement : {true, false}) {
    for (std::size_t batch : {1, 2, 3, 6}) {
      NoiseSettings<2> settings;
      settings.batch = batch;
      settings.replacement = replacement;
      const SgdNoise<2> noise(settings, loss);
      for (const auto& x : probe_points<2>()) {
        const Matrix<2> expected = minibatch_covariance_by_enumeration(loss, x, batch, replacement);
        EXPECT_LT((noise(x) - expected).norm(), 1e-12 * (1 + expected.norm()))
            << "B = " << batch << (replacement ? " with" : " without") << " replacement";
      }
    }
  }
}

TEST(SgdNoise, KindsTraceAndFloor) {
  Matrix<2> H;
  H << 10, 0, 0, 1;
  const QuadraticLoss<2> loss(H, Vector<2>::Zero(), draw_shifts<2>(1, 50, 0.2));
  const Vector<2> x(0.3, -0.4);
  NoiseSettings<2> settings;
  settings.kind = NoiseKind::hessian;
  settings.scale = 0.5;
  SgdNoise<2> hessian(settings, loss);
  EXPECT_LT((hessian(x) - 0.5 * H).norm(), 1e-14);
  EXPECT_TRUE(hessian.constant());
  EXPECT_NEAR(hessian.rescale_to_trace(2, x), 2 / 5.5, 1e-14);
  EXPECT_NEAR(hessian(x).trace(), 2, 1e-13);

  settings.kind = NoiseKind::diagonal;
  settings.batch = 5;
  settings.floor = 0.25;
  const SgdNoise<2> diagonal(settings, loss);
  const Matrix<2> minibatch = loss.sample_covariance(x) / 5;
  EXPECT_NEAR(diagonal(x)(0, 0), minibatch(0, 0) + 0.25, 1e-14);
  EXPECT_NEAR(diagonal(x)(1, 1), minibatch(1, 1) + 0.25, 1e-14);
  EXPECT_EQ(diagonal(x)(0, 1), 0.0);

  settings.kind = NoiseKind::isotropic;
  settings.scale = 3;
  settings.floor = 0;
  EXPECT_LT((SgdNoise<2>(settings, loss)(x) - 3 * Matrix<2>::Identity()).norm(), 1e-15);
}

// math.md section 4: quadratic L with Hessian H: isotropic A = s I gives V = 2 (L - L*) / s,
// Hessian-aligned A = c H gives V = |x - x*|^2 / c.
TEST(SgdProblem, QuadraticClosedFormsOfMathMd) {
  Matrix<2> H;
  H << 10, 1, 1, 2;
  const Vector<2> m(0.2, -0.1);
  for (NoiseKind kind : {NoiseKind::isotropic, NoiseKind::hessian}) {
    auto loss = std::make_unique<QuadraticLoss<2>>(H, m, draw_shifts<2>(1, 10, 0.1));
    const double L_star = loss->loss(m);
    NoiseSettings<2> settings;
    settings.kind = kind;
    settings.scale = 0.7;
    auto noise = std::make_unique<SgdNoise<2>>(settings, *loss);
    const auto minimum = find_minimum<2>(*loss, Vector<2>(1, 1));
    ASSERT_TRUE(minimum);
    EXPECT_LT((*minimum - m).norm(), 1e-12);
    const QuadraticLoss<2> copy(H, m, draw_shifts<2>(1, 10, 0.1));
    SgdProblem<2> problem(std::move(loss), std::move(noise), {}, *minimum);
    ASSERT_TRUE(problem.has_exact_solution());
    for (const auto& x : probe_points<2>()) {
      const std::array<double, 2> p = to_point<2>(x);
      const double expected = kind == NoiseKind::isotropic ? 2 * (copy.loss(x) - L_star) / 0.7
                                                           : (x - m).squaredNorm() / 0.7;
      EXPECT_NEAR(*problem.exact_solution(p), expected, 1e-12 * (1 + expected));
      EXPECT_LT((problem.drift(p) + copy.gradient(x)).norm(), 1e-14);
      // The Hamilton-Jacobi equation holds for the closed form: H(x, grad V) = 0.
      EXPECT_NEAR(problem.hamiltonian(p, *problem.exact_gradient(p)), 0, 1e-11);
    }
  }
}

TEST(SgdProblem, FindsEachMinimumOfTheNonConvexLosses) {
  const SharpFlatLoss sharp_flat(Vector<2>(20, 200), 2.0, Vector<2>(1, 1), Vector<2>(-1, -1),
                                 draw_shifts<2>(6, 100, 0.1));
  const auto flat = find_minimum<2>(sharp_flat, Vector<2>(-0.8, -0.9));
  const auto sharp = find_minimum<2>(sharp_flat, Vector<2>(0.9, 0.8));
  ASSERT_TRUE(flat && sharp);
  EXPECT_LT((*flat - Vector<2>(-1, -1)).norm(), 1e-2);
  EXPECT_LT((*sharp - Vector<2>(1, 1)).norm(), 1e-2);
  // One minimum near each bump of the data.
  const BumpFitLoss bumps(draw_two_bumps(2, 200, 0.5, 0.05), 0.5);
  const auto left = find_minimum<2>(bumps, Vector<2>(-1.2, 0.8));
  const auto right = find_minimum<2>(bumps, Vector<2>(1.2, 0.5));
  ASSERT_TRUE(left && right);
  EXPECT_NEAR((*left)[0], -1, 0.1);
  EXPECT_NEAR((*left)[1], 1, 0.1);
  // The left bump's tail pulls the right fit towards it (c = 0.86 for these data).
  EXPECT_GT((*right)[0], 0.6);
  EXPECT_LT((*right)[0], 1.1);
  EXPECT_NEAR((*right)[1], 0.6, 0.15);
  EXPECT_LT(bumps.loss(*left), bumps.loss(*right)) << "the taller bump fits better";
}

TEST(CounterRandom, ReproducibleIndependentOfOrderAndStandardNormal) {
  const CounterRandom random(42, 0), other_stream(42, 1), other_seed(43, 0);
  EXPECT_EQ(random.normal(17, 3), CounterRandom(42, 0).normal(17, 3));
  EXPECT_NE(random.normal(17, 3), other_stream.normal(17, 3));
  EXPECT_NE(random.normal(17, 3), other_seed.normal(17, 3));
  const int n = 200000;
  double sum = 0, square = 0, uniform_sum = 0;
  for (int i = n - 1; i >= 0; --i) {
    const double z = random.normal(static_cast<std::uint64_t>(i), i % 4);
    sum += z;
    square += z * z;
    const double u = random.uniform(static_cast<std::uint64_t>(i), 1);
    ASSERT_GT(u, 0);
    ASSERT_LE(u, 1);
    uniform_sum += u;
  }
  // Five standard errors: the mean's is 1/sqrt(n), the variance's sqrt(2/n).
  EXPECT_NEAR(sum / n, 0, 5 / std::sqrt(n));
  EXPECT_NEAR(square / n, 1, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(uniform_sum / n, 0.5, 5 * std::sqrt(1.0 / 12 / n));
}

TEST(SampleTable, ReadsNamedColumnsAndRejectsBadFiles) {
  const auto dir = std::filesystem::temp_directory_path() / "hj-test-sample-table";
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  const std::string good =
      write("good.csv", "# comment\nid, a1,a2 ,y\n1, 0.5, -1, 2\n\n2,1e-3,3,4\n");
  const SampleTable table = read_csv(good, {"y", "a1"}, "test");
  ASSERT_EQ(table.samples(), 2);
  EXPECT_EQ(table.values(0, 0), 2);
  EXPECT_EQ(table.values(1, 1), 1e-3);
  EXPECT_EQ(table.column("a1"), 1);

  auto error_of = [&](const std::string& path, std::vector<std::string> columns) {
    try {
      read_csv(path, columns, "f.toml:3:8: data.file");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of((dir / "missing.csv").string(), {"y"}).find("cannot open the data file"),
            std::string::npos);
  EXPECT_NE(error_of(good, {"a3"})
                .find("has no column 'a3'; its columns are id, a1, a2, y "
                      "(did you mean 'a1'?)"),
            std::string::npos);
  const std::string short_row = write("short.csv", "a,y\n1,2\n3\n");
  EXPECT_NE(error_of(short_row, {"a"}).find("short.csv:3: 1 fields, but the header has 2"),
            std::string::npos);
  const std::string text = write("text.csv", "a,y\n1,two\n");
  EXPECT_NE(error_of(text, {"y"}).find("text.csv:2: column 'y' = 'two' is not a number"),
            std::string::npos);
  const std::string infinite = write("inf.csv", "a,y\n1,inf\n");
  EXPECT_NE(error_of(infinite, {"y"}).find("column 'y' = inf is not finite"), std::string::npos);
  const std::string empty = write("empty.csv", "a,y\n");
  EXPECT_NE(error_of(empty, {"y"}).find("has a header but no samples"), std::string::npos);
}

}  // namespace
}  // namespace hj

#include "problems/sgd_catalogue.hpp"

#include <filesystem>
#include <map>
#include <set>

#include "core/counter_random.hpp"
#include "problems/expression_sde.hpp"
#include "problems/linear_sde_matrices.hpp"
#include "problems/option_values.hpp"
#include "problems/sgd_problem.hpp"
#include "problems/sgd_regression_losses.hpp"
#include "problems/sgd_toy_losses.hpp"

namespace hj {
namespace {

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = {
      "quadratic",  "linear-regression", "logistic-regression",
      "sharp-flat", "bump-fit",          "expression"};
  return names;
}

// The options only some choices read. A user who sets one that the chosen model, noise or data
// source ignores gets an error instead of a silently unused value.
const std::map<std::string, std::vector<std::string>>& keys_of_model() {
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"quadratic", {"model.hessian", "model.minimum"}},
      {"linear-regression", {"data.scales", "data.weights"}},
      {"logistic-regression", {"model.ridge", "data.scales", "data.weights"}},
      {"sharp-flat",
       {"model.sharp", "model.flat", "model.sharp_centre", "model.flat_centre",
        "model.sharp_depth"}},
      {"bump-fit", {"model.width"}},
      {"expression", {"model.loss", "model.gradient", "model.parameters"}}};
  return keys;
}
const std::map<std::string, std::vector<std::string>>& keys_of_noise() {
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"minibatch", {}},
      {"isotropic", {"noise.scale"}},
      {"hessian", {"noise.scale"}},
      {"diagonal", {}},
      {"constant", {"noise.matrix"}},
      {"expression", {"noise.diffusion", "model.parameters"}}};
  return keys;
}
const std::vector<std::string> generated_data_keys = {"data.samples", "data.seed", "data.noise",
                                                      "data.scales", "data.weights"};
const std::vector<std::string> file_data_keys = {"data.features", "data.target"};

std::string at(const Options& options, const std::string& key) {
  return options.origin(key) + ": " + key;
}

void reject_unread_keys(const Options& options, const std::string& model, const std::string& noise,
                        bool from_file) {
  std::set<std::string> read;
  for (const auto& key : keys_of_model().at(model)) read.insert(key);
  for (const auto& key : keys_of_noise().at(noise)) read.insert(key);
  for (const auto& key : from_file ? file_data_keys : generated_data_keys) read.insert(key);
  if (from_file) {
    read.erase("data.scales");
    read.erase("data.weights");
  }
  std::set<std::string> optional;
  for (const auto& [name, keys] : keys_of_model()) optional.insert(keys.begin(), keys.end());
  for (const auto& [name, keys] : keys_of_noise()) optional.insert(keys.begin(), keys.end());
  optional.insert(generated_data_keys.begin(), generated_data_keys.end());
  optional.insert(file_data_keys.begin(), file_data_keys.end());
  for (const std::string& key : optional) {
    if (read.count(key) || !options.is_set(key)) continue;
    std::string reason;
    if (key.rfind("data.", 0) == 0 && key != "data.scales" && key != "data.weights") {
      reason = from_file ? "data.file is given, so no data set is generated"
                         : "no data.file is given (the data set is generated)";
    } else if (key.rfind("noise.", 0) == 0) {
      reason = "noise.type = \"" + noise + "\" does not read it";
    } else {
      reason = "model.type = \"" + model + "\"" +
               (from_file && (key == "data.scales" || key == "data.weights")
                    ? " reads its data from data.file"
                    : " does not read it");
    }
    throw Error(at(options, key) + " is set, but " + reason + "; remove it");
  }
}

template <int dim>
Vector<dim> vector_option(const Options& options, const std::string& key,
                          const Vector<dim>& fallback) {
  const auto& given = std::get<std::vector<double>>(options.values().at(key));
  if (given.empty()) return fallback;
  const std::vector<double> values = options.reals(key, dim);
  return Eigen::Map<const Vector<dim>>(values.data());
}

// A matrix option, or `fallback` when it is empty.
template <int dim>
Matrix<dim> matrix_or(const Options& options, const std::string& key, const Matrix<dim>& fallback) {
  return options.points(key).empty() ? fallback : matrix_option<dim>(options, key);
}

template <int dim>
void require_spd(const Options& options, const std::string& key, const Matrix<dim>& M) {
  if (const std::string problem = spd_problem<dim>(M); !problem.empty()) {
    throw Error(at(options, key) + " " + problem + "; give a symmetric positive definite matrix");
  }
}

// data.file relative to the folder of the problem file that names it (origins read
// "folder/file.toml:line:column"); as given when absolute or set with --set.
std::string data_path(const Options& options) {
  const std::string& file = options.string("data.file");
  const std::string origin = options.origin("data.file");
  if (std::filesystem::path(file).is_absolute() || origin.rfind("--set", 0) == 0) return file;
  std::string source = origin;
  for (int part = 0; part < 2; ++part) {
    const auto colon = source.rfind(':');
    if (colon != std::string::npos) source.erase(colon);
  }
  return (std::filesystem::path(source).parent_path() / file).lexically_normal().string();
}

std::vector<std::string> numbered(const std::string& stem, int count) {
  std::vector<std::string> names;
  for (int k = 1; k <= count; ++k) names.push_back(stem + std::to_string(k));
  return names;
}

// The data set's columns a model reads: per-sample vectors (features, shifts) and a target.
struct ColumnNames {
  std::vector<std::string> vectors;
  std::string target;
};

template <int dim>
ColumnNames column_names(const Options& options, const std::string& model) {
  ColumnNames names;
  const auto& features = options.strings("data.features");
  if (model == "quadratic" || model == "sharp-flat") {
    names.vectors = features.empty() ? numbered("s", dim) : features;
  } else if (model == "bump-fit") {
    names.vectors = features.empty() ? std::vector<std::string>{"a"} : features;
    names.target = options.string("data.target");
  } else if (model == "expression") {
    // Every column the loss reads is named; the default target "y" would be a coordinate.
    names.vectors = features;
    if (options.is_set("data.target")) names.target = options.string("data.target");
    if (names.vectors.empty() && names.target.empty()) {
      throw Error(at(options, "data.file") +
                  " is given, but model.type = \"expression\" reads no column; name the columns "
                  "model.loss uses in data.features, e.g. features = [\"a\", \"b\"]");
    }
  } else {
    names.vectors = features.empty() ? numbered("a", dim) : features;
    names.target = options.string("data.target");
  }
  const std::size_t wanted = model == "bump-fit" ? 1 : static_cast<std::size_t>(dim);
  if (model != "expression" && names.vectors.size() != wanted) {
    throw Error(at(options, "data.features") + " names " + std::to_string(names.vectors.size()) +
                " columns, but model.type = \"" + model + "\" reads " + std::to_string(wanted) +
                " per sample; name " + std::to_string(wanted));
  }
  if (model == "quadratic" || model == "sharp-flat") names.target.clear();
  return names;
}

SampleTable read_data(const Options& options, const ColumnNames& names) {
  std::vector<std::string> wanted = names.vectors;
  if (!names.target.empty()) wanted.push_back(names.target);
  return read_csv(data_path(options), wanted, at(options, "data.file"));
}

template <int dim>
Eigen::Matrix<double, Eigen::Dynamic, dim> vector_columns(const SampleTable& table) {
  return table.values.leftCols(dim);
}

template <int dim>
RegressionData<dim> regression_data(const Options& options, const std::string& model,
                                    const std::optional<SampleTable>& table) {
  if (table) {
    RegressionData<dim> data{table->values.leftCols(dim), table->values.col(dim)};
    if (model == "logistic-regression") {
      for (Eigen::Index i = 0; i < data.targets.size(); ++i) {
        const double label = data.targets[i];
        if (label != 0 && label != 1 && label != -1) {
          throw Error(at(options, "data.file") + ": sample " + std::to_string(i + 1) +
                      " has the label " + format_real(label) + " in column '" +
                      table->columns.back() + "'; logistic regression needs labels 0/1 or -1/+1");
        }
        data.targets[i] = label == 0 ? -1.0 : label;
      }
    }
    return data;
  }
  Vector<dim> weights;
  weights[0] = 1;
  weights[1] = -0.5;
  if constexpr (dim == 3) weights[2] = 0.25;
  const std::uint64_t seed = static_cast<std::uint64_t>(options.integer("data.seed"));
  const auto samples = static_cast<std::size_t>(options.integer("data.samples"));
  RegressionData<dim> data = draw_features<dim>(
      seed, samples, vector_option<dim>(options, "data.scales", Vector<dim>::Ones()),
      vector_option<dim>(options, "data.weights", weights));
  const CounterRandom second(seed, 1);
  for (std::size_t i = 0; i < samples; ++i) {
    double& target = data.targets[static_cast<Eigen::Index>(i)];
    if (model == "linear-regression") {
      target += options.real("data.noise") * second.normal(i, 0);
    } else {  // a label drawn from the logistic model of the signal
      target = second.uniform(i, 0) <= logistic(target) ? 1.0 : -1.0;
    }
  }
  return data;
}

template <int dim>
std::unique_ptr<SgdLoss<dim>> make_loss(const Options& options, const std::string& model,
                                        const std::optional<SampleTable>& table,
                                        const Vector<dim>& centre) {
  const std::uint64_t seed = static_cast<std::uint64_t>(options.integer("data.seed"));
  const auto samples = static_cast<std::size_t>(options.integer("data.samples"));
  const double spread = options.real("data.noise");
  if (model == "quadratic") {
    Matrix<dim> H = Matrix<dim>::Identity();
    H(0, 0) = 10;
    if constexpr (dim == 3) H(1, 1) = 3;
    H = matrix_or<dim>(options, "model.hessian", H);
    require_spd<dim>(options, "model.hessian", H);
    return std::make_unique<QuadraticLoss<dim>>(
        H, vector_option<dim>(options, "model.minimum", Vector<dim>::Zero()),
        table ? vector_columns<dim>(*table) : draw_shifts<dim>(seed, samples, spread));
  }
  if (model == "linear-regression") {
    return std::make_unique<LinearRegressionLoss<dim>>(regression_data<dim>(options, model, table));
  }
  if (model == "logistic-regression") {
    return std::make_unique<LogisticRegressionLoss<dim>>(
        regression_data<dim>(options, model, table), options.real("model.ridge"));
  }
  if (model == "expression") {
    const std::string& text = options.string("model.loss");
    if (text.empty()) {
      throw Error(options.origin("model.type") +
                  ": model.type = \"expression\" needs model.loss, the per-sample loss in x, "
                  "y (, z), the data columns and model.parameters, e.g. loss = \"0.5*(x*a + "
                  "y - b)^2\"");
    }
    const std::vector<ExpressionText> gradient = expression_list(options, "model.gradient");
    if (!gradient.empty() && gradient.size() != static_cast<std::size_t>(dim)) {
      throw Error(at(options, "model.gradient") + " has " + std::to_string(gradient.size()) +
                  " expressions but the domain has " + std::to_string(dim) +
                  " dimensions; give one per axis, or none (central differences)");
    }
    SampleTable data = table ? *table : SampleTable{};
    for (const std::string& column : data.columns) {
      for (const std::string& coordinate : coordinate_names(3)) {
        if (column == coordinate) {
          throw Error(at(options, "data.features") + " names the column '" + column +
                      "', which is also a coordinate in model.loss; rename the column");
        }
      }
    }
    return std::make_unique<ExpressionLoss<dim>>(ExpressionText{text, at(options, "model.loss")},
                                                 gradient, options.real_table("model.parameters"),
                                                 options.origin("model.parameters"),
                                                 std::move(data), centre);
  }
  if constexpr (dim == 2) {
    if (model == "sharp-flat") {
      const double flat = options.real("model.flat");
      const Vector<2> sharp = vector_option<2>(options, "model.sharp", Vector<2>(20, 200));
      if (!(sharp.minCoeff() > 0)) {
        throw Error(at(options, "model.sharp") + " must be two positive eigenvalues");
      }
      return std::make_unique<SharpFlatLoss>(
          sharp, flat, vector_option<2>(options, "model.sharp_centre", Vector<2>(1, 1)),
          vector_option<2>(options, "model.flat_centre", Vector<2>(-1, -1)),
          table ? vector_columns<2>(*table) : draw_shifts<2>(seed, samples, spread),
          options.real("model.sharp_depth"));
    }
    if (model == "bump-fit") {
      const double width = options.real("model.width");
      return std::make_unique<BumpFitLoss>(
          table ? Eigen::Matrix<double, Eigen::Dynamic, 2>(table->values)
                : draw_two_bumps(seed, samples, width, spread),
          width);
    }
  }
  throw Error(options.origin("model.type") + ": model.type = \"" + model +
              "\" is a two-parameter model; set domain.dim = 2");
}

template <int dim>
NoiseSettings<dim> noise_settings(const Options& options, const std::string& kind) {
  NoiseSettings<dim> settings;
  const auto& names = noise_kind_names();
  settings.kind =
      static_cast<NoiseKind>(std::find(names.begin(), names.end(), kind) - names.begin());
  settings.scale = options.real("noise.scale");
  settings.batch = static_cast<std::size_t>(options.integer("sgd.batch"));
  settings.replacement = options.boolean("sgd.replacement");
  settings.floor = options.real("noise.floor");
  if (settings.kind == NoiseKind::constant) {
    if (options.points("noise.matrix").empty()) {
      throw Error(options.origin("noise.type") +
                  ": noise.type = \"constant\" needs noise.matrix, the covariance as rows, e.g. "
                  "matrix = [[1.0, 0.2], [0.2, 0.5]]");
    }
    settings.matrix = matrix_option<dim>(options, "noise.matrix");
    require_spd<dim>(options, "noise.matrix", settings.matrix);
  }
  if (settings.kind == NoiseKind::expression) {
    const auto& rows = options.string_rows("noise.diffusion");
    const std::string n = std::to_string(dim);
    bool square = rows.size() == static_cast<std::size_t>(dim);
    for (const auto& row : rows) square = square && row.size() == static_cast<std::size_t>(dim);
    if (!square) {
      throw Error((rows.empty() ? options.origin("noise.type") +
                                      ": noise.type = \"expression\" needs noise.diffusion"
                                : at(options, "noise.diffusion") + " is not " + n + " x " + n) +
                  "; give " + n + " rows of " + n + " expressions in x, y" +
                  (dim == 3 ? ", z" : "") + " and model.parameters");
    }
    std::vector<std::vector<ExpressionText>> texts;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      texts.emplace_back();
      for (std::size_t j = 0; j < rows[i].size(); ++j) {
        texts.back().push_back({rows[i][j], at(options, "noise.diffusion") + "[" +
                                                std::to_string(i) + "][" + std::to_string(j) +
                                                "]"});
      }
    }
    settings.expression = std::make_shared<ExpressionMatrix<dim>>(
        texts, options.real_table("model.parameters"), "model.parameters",
        options.origin("model.parameters"));
  }
  return settings;
}

// The start of the search for the minimum: problem.attractor, else the model's own guess.
template <int dim>
Vector<dim> minimum_start(const Options& options, const StructuredGrid<dim>& grid,
                          const SgdLoss<dim>& loss) {
  const auto& given = std::get<std::vector<double>>(options.values().at("problem.attractor"));
  if (given.empty()) return loss.minimum_guess();
  const auto x = point_option<dim>(options, "problem.attractor", given);
  require_inside<dim>(options, "problem.attractor", x, grid);
  return to_vector<dim>(x);
}

// A(x) must be symmetric positive definite wherever a solver reads it; checked at every node,
// and the worst node named.
template <int dim>
void check_noise_on_grid(const Options& options, const StructuredGrid<dim>& grid,
                         const SgdNoise<dim>& noise, const Vector<dim>& minimum) {
  std::size_t bad = 0, worst_node = 0;
  double worst = std::numeric_limits<double>::infinity();
  bool finite = true;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const Matrix<dim> A = noise(to_vector<dim>(grid.point(i)));
    if (!A.allFinite()) {
      finite = false;
      worst_node = i;
      ++bad;
      break;
    }
    if (Eigen::LLT<Matrix<dim>>(A).info() == Eigen::Success) continue;
    ++bad;
    const double smallest = Eigen::SelfAdjointEigenSolver<Matrix<dim>>(A).eigenvalues()[0];
    if (smallest < worst) {
      worst = smallest;
      worst_node = i;
    }
  }
  if (bad == 0) return;
  const std::string kind = "noise.type = \"" + options.string("noise.type") + "\"";
  const std::string where = format_point(grid.point(worst_node));
  if (!finite) {
    throw Error(options.origin("noise.type") + ": " + kind +
                ": the noise covariance is not finite at x = " + where +
                "; check the model and noise settings there, or shrink the domain");
  }
  // A floor well above the deficit, and not negligible against the noise at the minimum.
  const double floor = std::max({2 * std::abs(worst), 1e-3 * noise(minimum).trace() / dim, 1e-12});
  throw Error(options.origin("noise.type") + ": " + kind +
              ": the noise covariance A(x) is not positive definite at " + std::to_string(bad) +
              " of " + std::to_string(grid.size()) + " grid nodes, worst at x = " + where +
              " (smallest eigenvalue " + format_real(worst) +
              "): the noise degenerates there. Add a floor, A + floor I, with noise.floor > " +
              format_real(std::abs(worst)) + " (e.g. noise.floor = " + format_real(floor) +
              "), choose another noise.type, or shrink the domain");
}

template <int dim>
std::unique_ptr<Problem<dim>> make_sgd(Options& options, const StructuredGrid<dim>& grid) {
  const std::string& model = options.string("model.type");
  const std::string& kind = options.string("noise.type");
  const bool from_file = !options.string("data.file").empty();
  reject_unread_keys(options, model, kind, from_file);
  std::optional<SampleTable> table;
  if (from_file) table = read_data(options, column_names<dim>(options, model));
  Vector<dim> centre;
  for (int a = 0; a < dim; ++a) centre[a] = 0.5 * (grid.lower()[a] + grid.upper()[a]);
  std::unique_ptr<SgdLoss<dim>> loss = make_loss<dim>(options, model, table, centre);
  options.set("data.samples", static_cast<std::int64_t>(loss->samples()));

  const auto batch = static_cast<std::size_t>(options.integer("sgd.batch"));
  const bool per_sample = kind == "minibatch" || kind == "diagonal";
  if (per_sample && loss->samples() == 0) {
    throw Error(options.origin("noise.type") + ": noise.type = \"" + kind +
                "\" needs per-sample losses, but model.loss has no data set; give data.file "
                "(and data.features), or another noise.type");
  }
  if (loss->samples() > 0 && batch > loss->samples()) {
    throw Error(at(options, "sgd.batch") + " = " + std::to_string(batch) + " exceeds the " +
                std::to_string(loss->samples()) + " samples of the data set (" +
                (table ? table->origin : "generated") + "); give a batch of at most " +
                std::to_string(loss->samples()));
  }

  const Vector<dim> start = minimum_start<dim>(options, grid, *loss);
  const std::optional<Vector<dim>> minimum = find_minimum<dim>(*loss, start);
  if (!minimum) {
    throw Error(options.origin("model.type") + ": no minimum of the " + model +
                " loss found from x = " + format_point(to_point<dim>(start)) +
                " (Newton's method with line search); set problem.attractor near a minimum");
  }
  if (!grid.contains(to_point<dim>(*minimum))) {
    throw Error(options.origin("model.type") + ": the minimum of the " + model +
                " loss, x* = " + format_point(to_point<dim>(*minimum)) +
                ", lies outside the box; move the domain to contain it");
  }
  options.set("problem.attractor", std::vector<double>(minimum->data(), minimum->data() + dim));

  auto noise = std::make_unique<SgdNoise<dim>>(noise_settings<dim>(options, kind), *loss);
  if (const double trace = options.real("noise.trace"); trace > 0) {
    const double base = noise->base(*minimum).trace();
    if (!(base > 0) || !std::isfinite(base)) {
      throw Error(at(options, "noise.trace") + ": the " + kind + " noise has trace " +
                  format_real(base) +
                  " at the minimum x* = " + format_point(to_point<dim>(*minimum)) +
                  ", so no factor rescales it; remove noise.trace, or choose another noise.type");
    }
    noise->rescale_to_trace(trace, *minimum);
  }
  check_noise_on_grid<dim>(options, grid, *noise, *minimum);

  SgdSettings settings{options.real("sgd.eta"), batch, options.boolean("sgd.replacement")};
  return std::make_unique<SgdProblem<dim>>(std::move(loss), std::move(noise), settings, *minimum);
}

void declare_sgd(OptionDeclarations& d) {
  d.add("model.type", ValueKind::string, std::string("quadratic"),
        "the loss L = 1/N sum l_i: " + join(model_names()), checks::one_of(model_names()));
  d.add("model.hessian", ValueKind::point_list, std::vector<Point>{},
        "quadratic: H as rows, SPD; empty = diag(10, 1) (2-d), diag(10, 3, 1) (3-d)");
  d.add("model.minimum", ValueKind::real_list, std::vector<double>{},
        "quadratic: the minimum m of L = 1/2 (x - m)^T H (x - m); empty = the origin");
  d.add("model.ridge", ValueKind::real, 0.01,
        "logistic-regression: lambda of the penalty lambda/2 |x|^2 (separable data need > 0)",
        checks::non_negative());
  d.add("model.sharp", ValueKind::real_list, std::vector<double>{},
        "sharp-flat: the sharp well's Hessian eigenvalues along (1, 1) and (1, -1); empty = "
        "[20, 200]",
        checks::positive());
  d.add("model.flat", ValueKind::real, 2.0, "sharp-flat: the flat well's Hessian, flat * I",
        checks::positive());
  d.add("model.sharp_depth", ValueKind::real, 0.0,
        "sharp-flat: how much lower the sharp well's quadratic sits (0: both wells reach 0 "
        "before the jitter's averaging)",
        checks::non_negative());
  d.add("model.sharp_centre", ValueKind::real_list, std::vector<double>{},
        "sharp-flat: the sharp well's centre; empty = [1, 1]");
  d.add("model.flat_centre", ValueKind::real_list, std::vector<double>{},
        "sharp-flat: the flat well's centre; empty = [-1, -1]");
  d.add("model.width", ValueKind::real, 0.5,
        "bump-fit: the width w of the fitted bump h exp(-(a - c)^2 / (2 w^2))", checks::positive());
  d.add("model.loss", ValueKind::string, std::string(),
        "expression: the per-sample loss l_i in x, y (, z), the data columns (data.features, "
        "data.target) and model.parameters; without data.file, L itself");
  d.add("model.gradient", ValueKind::string_list, std::vector<std::string>{},
        "expression: grad l_i, one expression per axis; empty = central differences of "
        "model.loss");
  d.add("model.parameters", ValueKind::real_table, RealTable{},
        "named numbers for model.loss, model.gradient and noise.diffusion, e.g. {k = 2.0}");
  d.add("data.file", ValueKind::string, std::string(),
        "a CSV file of samples (header line of names; relative to the problem file); empty = a "
        "generated data set");
  d.add("data.features", ValueKind::string_list, std::vector<std::string>{},
        "with data.file: the per-sample columns (features a_1.. of the regressions, shifts s_1.. "
        "of quadratic and sharp-flat, a of bump-fit); empty = those names");
  d.add("data.target", ValueKind::string, std::string("y"),
        "with data.file: the target column (regressions, bump-fit; labels 0/1 or -1/+1 for "
        "logistic-regression)");
  d.add("data.samples", ValueKind::integer, std::int64_t{100}, "generated data: N, the samples",
        checks::at_least(1));
  d.add("data.seed", ValueKind::integer, std::int64_t{1},
        "generated data: the seed (Philox counter-based: the same data on every machine)",
        checks::non_negative());
  d.add("data.noise", ValueKind::real, 0.1,
        "generated data: the spread: standard deviation of the shifts (quadratic), the jitter "
        "(sharp-flat), the target noise (linear-regression, bump-fit)",
        checks::non_negative());
  d.add("data.scales", ValueKind::real_list, std::vector<double>{},
        "generated regression data: the features' standard deviations; empty = 1 each",
        checks::positive());
  d.add("data.weights", ValueKind::real_list, std::vector<double>{},
        "generated regression data: the true weights; empty = [1, -0.5(, 0.25)]");
  d.add("sgd.eta", ValueKind::real, 0.01, "the learning rate eta; eps = eta", checks::positive());
  d.add("sgd.batch", ValueKind::integer, std::int64_t{1}, "the batch size B (<= N)",
        checks::at_least(1));
  d.add("sgd.replacement", ValueKind::boolean, true,
        "minibatches drawn with replacement (Sigma_1 / B) or without ((N - B)/(B (N - 1)) "
        "Sigma_1)");
  d.add("noise.type", ValueKind::string, std::string("minibatch"),
        "the diffusion A: " + join(noise_kind_names()), checks::one_of(noise_kind_names()));
  d.add("noise.scale", ValueKind::real, 1.0, "isotropic: s of s I; hessian: c of c H(x)",
        checks::positive());
  d.add("noise.matrix", ValueKind::point_list, std::vector<Point>{},
        "constant: the covariance as rows, symmetric positive definite");
  d.add("noise.diffusion", ValueKind::string_rows, std::vector<StringRow>{},
        "expression: A as dim rows of dim expressions in x, y (, z) and model.parameters");
  d.add("noise.trace", ValueKind::real, 0.0,
        "> 0: rescale A by a constant so that tr A = this at the minimum (compare noises at "
        "equal trace); 0 = no rescaling",
        checks::non_negative());
  d.add("noise.floor", ValueKind::real, 0.0,
        "add floor * I to A (after rescaling): the explicit regularisation where the noise "
        "degenerates; never added unless set",
        checks::non_negative());
  d.add("problem.attractor", ValueKind::real_list, std::vector<double>{},
        "where the search for the minimum of L starts; empty = the model's own guess");
}

}  // namespace

ProblemEntry sgd_problem_entry() {
  return {
      "SGD on a loss as the SDE dX = -grad L dt + sqrt(eta) Cov(g_B)^(1/2) dW: model.type "
      "(the loss), data.* (samples), noise.type (the covariance), sgd.eta and sgd.batch; "
      "exact V for a quadratic loss with constant noise",
      declare_sgd, make_sgd<2>, make_sgd<3>};
}

}  // namespace hj

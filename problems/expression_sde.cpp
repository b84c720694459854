#include "problems/expression_sde.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <thread>

#include "core/error.hpp"

namespace hj {

namespace {

// Every expression of `text` in one fixed order (drift, noise rows, potential, gradient), so
// that a copy compiled on another thread numbers them as the original does.
std::unique_ptr<CompiledExpressions> compile_all(const ExpressionSdeText& text, int dim,
                                                 std::vector<int>& indices) {
  auto compiled = std::make_unique<CompiledExpressions>(
      coordinate_names(dim), text.parameters, "problem.parameters", text.parameters_where);
  indices.clear();
  for (const auto& e : text.drift) indices.push_back(compiled->add(e));
  for (const auto& row : text.sigma.empty() ? text.diffusion : text.sigma) {
    for (const auto& e : row) indices.push_back(compiled->add(e));
  }
  if (!text.potential.text.empty()) indices.push_back(compiled->add(text.potential));
  for (const auto& g : text.gradient) indices.push_back(compiled->add(g));
  return compiled;
}

std::uint64_t next_problem_id() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

}  // namespace

template <int dim>
ExpressionSde<dim>::ExpressionSde(const ExpressionSdeText& text, const Point& guess)
    : text_(text), guess_(guess), owner_(std::this_thread::get_id()), id_(next_problem_id()) {
  HJ_CHECK(text.drift.size() == static_cast<std::size_t>(dim), "drift needs dim expressions");
  HJ_CHECK(text.diffusion.empty() != text.sigma.empty(), "give diffusion or sigma");
  std::vector<int> indices;
  compiled_ = compile_all(text, dim, indices);
  auto next = indices.begin();
  for (int k = 0; k < dim; ++k) drift_[k] = *next++;
  noise_is_sigma_ = !text.sigma.empty();
  constant_diffusion_ = true;
  for (const auto& row : noise_is_sigma_ ? text.sigma : text.diffusion) {
    noise_.emplace_back();
    for (std::size_t j = 0; j < row.size(); ++j) {
      noise_.back().push_back(*next++);
      constant_diffusion_ = constant_diffusion_ && !compiled_->uses_variables(noise_.back().back());
    }
  }
  if (!text.potential.text.empty()) potential_ = *next++;
  for (std::size_t k = 0; k < text.gradient.size(); ++k) gradient_.push_back(*next++);
  if (constant_diffusion_) constant_A_ = evaluate_diffusion();
}

template <int dim>
CompiledExpressions& ExpressionSde<dim>::expressions() const {
  if (std::this_thread::get_id() == owner_) return *compiled_;
  // Another thread (a simulation's worker) compiles its own copy once per problem.
  thread_local std::map<std::uint64_t, std::unique_ptr<CompiledExpressions>> copies;
  auto& copy = copies[id_];
  if (!copy) {
    std::vector<int> indices;
    copy = compile_all(text_, dim, indices);
  }
  return *copy;
}

template <int dim>
ExpressionSde<dim>::~ExpressionSde() = default;

template <int dim>
void ExpressionSde<dim>::bind(const Point& x) const {
  CompiledExpressions& e = expressions();
  for (int a = 0; a < dim; ++a) e.variables()[a] = x[a];
}

template <int dim>
Vector<dim> ExpressionSde<dim>::drift(const Point& x) const {
  bind(x);
  Vector<dim> b;
  for (int k = 0; k < dim; ++k) b[k] = expressions().value(drift_[k]);
  return b;
}

template <int dim>
Matrix<dim> ExpressionSde<dim>::evaluate_diffusion() const {
  if (!noise_is_sigma_) {
    Matrix<dim> A;
    for (int i = 0; i < dim; ++i) {
      for (int j = 0; j < dim; ++j) A(i, j) = expressions().value(noise_[i][j]);
    }
    return A;
  }
  const auto columns = static_cast<Eigen::Index>(noise_.front().size());
  Eigen::Matrix<double, dim, Eigen::Dynamic> sigma(dim, columns);
  for (int i = 0; i < dim; ++i) {
    for (Eigen::Index j = 0; j < columns; ++j) sigma(i, j) = expressions().value(noise_[i][j]);
  }
  return sigma * sigma.transpose();
}

template <int dim>
Matrix<dim> ExpressionSde<dim>::diffusion(const Point& x) const {
  if (constant_diffusion_) return constant_A_;
  bind(x);
  return evaluate_diffusion();
}

template <int dim>
std::optional<double> ExpressionSde<dim>::exact_solution(const Point& x) const {
  if (potential_ < 0) return std::nullopt;
  bind(x);
  return expressions().value(potential_);
}

template <int dim>
std::optional<Vector<dim>> ExpressionSde<dim>::exact_gradient(const Point& x) const {
  if (potential_ < 0) return std::nullopt;
  Vector<dim> g;
  if (!gradient_.empty()) {
    bind(x);
    for (int k = 0; k < dim; ++k) g[k] = expressions().value(gradient_[k]);
    return g;
  }
  // Central differences with h = eps^(1/3) max(1, |x_k|) (about 6e-6): truncation h^2 |V'''| / 6
  // and rounding eps |V| / h balance there, so grad V is good to about 1e-10 relative for a
  // smooth V of moderate size, far below any solver's gradient error. The step actually taken,
  // (x + h) - (x - h), is the one divided by.
  const double root = std::cbrt(std::numeric_limits<double>::epsilon());
  for (int k = 0; k < dim; ++k) {
    const double h = root * std::max(1.0, std::abs(x[k]));
    Point plus = x, minus = x;
    plus[k] += h;
    minus[k] -= h;
    g[k] = (*exact_solution(plus) - *exact_solution(minus)) / (plus[k] - minus[k]);
  }
  return g;
}

std::vector<ExpressionText> expression_list(const Options& options, const std::string& key) {
  std::vector<ExpressionText> list;
  const auto& texts = options.strings(key);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    list.push_back({texts[i], options.origin(key) + ": " + key + "[" + std::to_string(i) + "]"});
  }
  return list;
}

void declare_expression_sde(OptionDeclarations& d) {
  d.add("problem.drift", ValueKind::string_list, std::vector<std::string>{},
        "the drift b: one expression per axis in x, y (, z) and the parameters, e.g. "
        "[\"-a*x - c*y\", \"a*c*x - y\"] (muParser syntax: + - * / ^, sin, exp, sqrt, ...)");
  d.add("problem.diffusion", ValueKind::string_rows, std::vector<StringRow>{},
        "the diffusion matrix A as dim rows of dim expressions (numbers are expressions too), "
        "symmetric positive definite at every node; give this or problem.sigma");
  d.add("problem.sigma", ValueKind::string_rows, std::vector<StringRow>{},
        "the noise matrix sigma as dim rows of m expressions each, A = sigma sigma^T; give this "
        "or problem.diffusion");
  d.add("problem.parameters", ValueKind::real_table, RealTable{},
        "named numbers the expressions use, e.g. {a = 2.0, c = 1.0}; not x, y or z. One entry "
        "from the command line: --set problem.parameters.a=3");
  d.add("problem.potential", ValueKind::string, std::string(),
        "the exact quasi-potential V as an expression, when known (summary.json then has the "
        "errors); empty = unknown");
  d.add("problem.gradient", ValueKind::string_list, std::vector<std::string>{},
        "grad V, one expression per axis, with problem.potential; empty = central differences "
        "of problem.potential (about 1e-10 relative)");
  d.add("problem.attractor", ValueKind::real_list, std::vector<double>{},
        "where Newton's method looks for the attractor; empty = the centre of the box");
}

namespace {

std::string where(const Options& options, const std::string& key) {
  return options.origin(key) + ": " + key;
}

std::vector<std::vector<ExpressionText>> expression_rows(const Options& options,
                                                         const std::string& key) {
  std::vector<std::vector<ExpressionText>> rows;
  const auto& texts = options.string_rows(key);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    rows.emplace_back();
    for (std::size_t j = 0; j < texts[i].size(); ++j) {
      rows.back().push_back({texts[i][j], where(options, key) + "[" + std::to_string(i) + "][" +
                                              std::to_string(j) + "]"});
    }
  }
  return rows;
}

std::string axes_example(int dim) {
  return dim == 2 ? "[\"-x\", \"-y\"]" : "[\"-x\", \"-y\", \"-z\"]";
}

}  // namespace

template <int dim>
std::unique_ptr<ExpressionSde<dim>> make_expression_sde(const Options& options,
                                                        const StructuredGrid<dim>& grid) {
  const std::string n = std::to_string(dim);
  ExpressionSdeText text;
  text.drift = expression_list(options, "problem.drift");
  if (text.drift.size() != static_cast<std::size_t>(dim)) {
    const std::string origin =
        text.drift.empty() ? options.origin("problem.type") : options.origin("problem.drift");
    throw Error(origin + ": problem.drift has " + std::to_string(text.drift.size()) +
                " expressions but the domain has " + n + " dimensions; give one per axis, e.g. " +
                "drift = " + axes_example(dim));
  }
  text.diffusion = expression_rows(options, "problem.diffusion");
  text.sigma = expression_rows(options, "problem.sigma");
  if (!text.diffusion.empty() && !text.sigma.empty()) {
    throw Error(options.origin("problem.sigma") + ": both problem.diffusion (" +
                options.origin("problem.diffusion") +
                ") and problem.sigma are given; give one of them (A = sigma sigma^T)");
  }
  if (text.diffusion.empty() && text.sigma.empty()) {
    throw Error(options.origin("problem.type") +
                ": problem.type = \"expression\" needs problem.diffusion (the matrix A) or "
                "problem.sigma (A = sigma sigma^T), e.g. diffusion = " +
                (dim == 2 ? "[[1, 0], [0, 1]]" : "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]"));
  }
  for (std::size_t i = 0; i < text.diffusion.size(); ++i) {
    if (text.diffusion.size() != static_cast<std::size_t>(dim) ||
        text.diffusion[i].size() != static_cast<std::size_t>(dim)) {
      throw Error(options.origin("problem.diffusion") + ": problem.diffusion has " +
                  std::to_string(text.diffusion.size()) + " rows, row " + std::to_string(i) +
                  " with " + std::to_string(text.diffusion[i].size()) + " entries, but A must be " +
                  n + " x " + n + " in " + n + " dimensions; give " + n + " rows of " + n +
                  " expressions");
    }
  }
  if (!text.sigma.empty()) {
    const std::size_t columns = text.sigma.front().size();
    for (std::size_t i = 0; i < text.sigma.size(); ++i) {
      if (text.sigma.size() != static_cast<std::size_t>(dim) || text.sigma[i].empty() ||
          text.sigma[i].size() != columns) {
        throw Error(options.origin("problem.sigma") + ": problem.sigma has " +
                    std::to_string(text.sigma.size()) + " rows, row " + std::to_string(i) +
                    " with " + std::to_string(text.sigma[i].size()) +
                    " entries, but sigma must have " + n + " rows of the same length m >= 1 (" + n +
                    " x m, A = sigma sigma^T)");
      }
    }
  }
  text.potential = {options.string("problem.potential"), where(options, "problem.potential")};
  text.gradient = expression_list(options, "problem.gradient");
  if (!text.gradient.empty() && text.potential.text.empty()) {
    throw Error(options.origin("problem.gradient") +
                ": problem.gradient is given without problem.potential; give V too");
  }
  if (!text.gradient.empty() && text.gradient.size() != static_cast<std::size_t>(dim)) {
    throw Error(options.origin("problem.gradient") + ": problem.gradient has " +
                std::to_string(text.gradient.size()) + " expressions but the domain has " + n +
                " dimensions; give one per axis");
  }
  text.parameters = options.real_table("problem.parameters");
  text.parameters_where = options.origin("problem.parameters");
  typename ExpressionSde<dim>::Point centre;
  for (int a = 0; a < dim; ++a) centre[a] = 0.5 * (grid.lower()[a] + grid.upper()[a]);
  return std::make_unique<ExpressionSde<dim>>(text, centre);
}

template class ExpressionSde<2>;
template class ExpressionSde<3>;
template std::unique_ptr<ExpressionSde<2>> make_expression_sde<2>(const Options&,
                                                                  const StructuredGrid<2>&);
template std::unique_ptr<ExpressionSde<3>> make_expression_sde<3>(const Options&,
                                                                  const StructuredGrid<3>&);

}  // namespace hj

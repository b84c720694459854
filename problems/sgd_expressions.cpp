#include "problems/sgd_expressions.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "problems/expression_sde.hpp"

namespace hj {

namespace {

std::vector<std::string> loss_variables(int dim, const SampleTable& data) {
  std::vector<std::string> names = coordinate_names(dim);
  names.insert(names.end(), data.columns.begin(), data.columns.end());
  return names;
}

// The step of a central difference at x: eps^(1/3) max(1, |x|) balances truncation and
// rounding for smooth functions.
double difference_step(double x) {
  return std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::abs(x));
}

}  // namespace

template <int dim>
ExpressionLoss<dim>::ExpressionLoss(const ExpressionText& loss,
                                    const std::vector<ExpressionText>& gradient,
                                    const RealTable& parameters,
                                    const std::string& parameters_where, SampleTable data,
                                    const Vector<dim>& guess)
    : compiled_(std::make_unique<CompiledExpressions>(loss_variables(dim, data), parameters,
                                                      "model.parameters", parameters_where)),
      data_(std::move(data)),
      guess_(guess) {
  HJ_CHECK(gradient.empty() || gradient.size() == static_cast<std::size_t>(dim),
           "model.gradient needs dim expressions");
  loss_ = compiled_->add(loss);
  for (const ExpressionText& g : gradient) gradient_.push_back(compiled_->add(g));
}

template <int dim>
ExpressionLoss<dim>::~ExpressionLoss() = default;

template <int dim>
void ExpressionLoss<dim>::bind(std::size_t sample, const Vector<dim>& x) const {
  double* variables = compiled_->variables();
  for (int a = 0; a < dim; ++a) variables[a] = x[a];
  if (data_.samples() == 0) return;
  for (std::size_t c = 0; c < data_.columns.size(); ++c) {
    variables[dim + c] =
        data_.values(static_cast<Eigen::Index>(sample), static_cast<Eigen::Index>(c));
  }
}

template <int dim>
double ExpressionLoss<dim>::sample_loss(std::size_t sample, const Vector<dim>& x) const {
  bind(sample, x);
  return compiled_->value(loss_);
}

template <int dim>
double ExpressionLoss<dim>::loss(const Vector<dim>& x) const {
  if (samples() == 0) return sample_loss(0, x);
  double sum = 0;
  for (std::size_t i = 0; i < samples(); ++i) sum += sample_loss(i, x);
  return sum / static_cast<double>(samples());
}

template <int dim>
Vector<dim> ExpressionLoss<dim>::sample_gradient(std::size_t i, const Vector<dim>& x) const {
  Vector<dim> g;
  if (!gradient_.empty()) {
    bind(i, x);
    for (int k = 0; k < dim; ++k) g[k] = compiled_->value(gradient_[k]);
    return g;
  }
  for (int k = 0; k < dim; ++k) {
    Vector<dim> plus = x, minus = x;
    plus[k] += difference_step(x[k]);
    minus[k] -= difference_step(x[k]);
    g[k] = (sample_loss(i, plus) - sample_loss(i, minus)) / (plus[k] - minus[k]);
  }
  return g;
}

template <int dim>
Vector<dim> ExpressionLoss<dim>::gradient(const Vector<dim>& x) const {
  return samples() == 0 ? sample_gradient(0, x) : this->mean_sample_gradient(x);
}

template <int dim>
Matrix<dim> ExpressionLoss<dim>::hessian(const Vector<dim>& x) const {
  Matrix<dim> H;
  for (int k = 0; k < dim; ++k) {
    Vector<dim> plus = x, minus = x;
    plus[k] += difference_step(x[k]);
    minus[k] -= difference_step(x[k]);
    H.col(k) = (gradient(plus) - gradient(minus)) / (plus[k] - minus[k]);
  }
  return 0.5 * (H + H.transpose());
}

template <int dim>
ExpressionMatrix<dim>::ExpressionMatrix(const std::vector<std::vector<ExpressionText>>& rows,
                                        const RealTable& parameters,
                                        const std::string& parameters_key,
                                        const std::string& parameters_where)
    : compiled_(std::make_unique<CompiledExpressions>(coordinate_names(dim), parameters,
                                                      parameters_key, parameters_where)) {
  HJ_CHECK(rows.size() == static_cast<std::size_t>(dim), "a matrix needs dim rows");
  for (const auto& row : rows) {
    HJ_CHECK(row.size() == static_cast<std::size_t>(dim), "a matrix row needs dim entries");
    entries_.emplace_back();
    for (const ExpressionText& entry : row) {
      entries_.back().push_back(compiled_->add(entry));
      constant_ = constant_ && !compiled_->uses_variables(entries_.back().back());
    }
  }
}

template <int dim>
ExpressionMatrix<dim>::~ExpressionMatrix() = default;

template <int dim>
Matrix<dim> ExpressionMatrix<dim>::operator()(const Vector<dim>& x) const {
  for (int a = 0; a < dim; ++a) compiled_->variables()[a] = x[a];
  Matrix<dim> M;
  for (int i = 0; i < dim; ++i) {
    for (int j = 0; j < dim; ++j) M(i, j) = compiled_->value(entries_[i][j]);
  }
  return M;
}

template class ExpressionLoss<2>;
template class ExpressionLoss<3>;
template class ExpressionMatrix<2>;
template class ExpressionMatrix<3>;

}  // namespace hj

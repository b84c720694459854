// Regression losses on a data set (features a_i in R^dim, one per parameter, and a target):
//   linear-regression:    l_i = 1/2 (a_i . x - y_i)^2
//   logistic-regression:  l_i = log(1 + exp(-s_i a_i . x)) + lambda/2 |x|^2, labels s_i = +-1
// with their synthetic data sets (features N(0, diag(scales^2)), targets from true weights).
#pragma once

#include <cmath>

#include "core/counter_random.hpp"
#include "problems/sample_table.hpp"
#include "problems/sgd_loss.hpp"

namespace hj {

/// Rows of features (samples x dim) and targets, checked to match.
template <int dim>
struct RegressionData {
  Eigen::Matrix<double, Eigen::Dynamic, dim> features;
  Eigen::VectorXd targets;
};

/// Features a ~ N(0, diag(scales^2)) and a linear signal a . w, drawn from (seed, sample); the
/// caller turns the signal into targets (CounterRandom streams 0 and 1 are used here).
template <int dim>
RegressionData<dim> draw_features(std::uint64_t seed, std::size_t samples,
                                  const Vector<dim>& scales, const Vector<dim>& weights) {
  RegressionData<dim> data;
  data.features.resize(static_cast<Eigen::Index>(samples), dim);
  data.targets.resize(static_cast<Eigen::Index>(samples));
  const CounterRandom features(seed, 0);
  for (std::size_t i = 0; i < samples; ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    for (int k = 0; k < dim; ++k) {
      data.features(row, k) = scales[k] * features.normal(i, static_cast<std::uint32_t>(k));
    }
    data.targets[row] = data.features.row(row).dot(weights.transpose());
  }
  return data;
}

template <int dim>
class LinearRegressionLoss final : public SgdLoss<dim> {
 public:
  explicit LinearRegressionLoss(RegressionData<dim> data) : data_(std::move(data)) {
    const double n = static_cast<double>(samples());
    gram_ = data_.features.transpose() * data_.features / n;
    correlation_ = data_.features.transpose() * data_.targets / n;
    target_square_ = data_.targets.squaredNorm() / n;
    // The moments that give Sigma_1(x) in O(dim^4) work, whatever N is (see sample_covariance).
    fourth_.setZero();
    third_.setZero();
    second_.setZero();
    for (Eigen::Index i = 0; i < data_.features.rows(); ++i) {
      const Vector<dim> a = data_.features.row(i).transpose();
      const double y = data_.targets[i];
      Eigen::Matrix<double, dim * dim, 1> outer;
      Eigen::Map<Matrix<dim>>(outer.data()) = a * a.transpose();
      fourth_.noalias() += outer * outer.transpose() / n;
      third_.noalias() += outer * (y * a.transpose()) / n;
      second_.noalias() += outer * (y * y / n);
    }
  }
  std::string name() const override { return "linear-regression"; }
  std::size_t samples() const override { return static_cast<std::size_t>(data_.targets.size()); }
  double loss(const Vector<dim>& x) const override {
    return 0.5 * x.dot(gram_ * x) - correlation_.dot(x) + 0.5 * target_square_;
  }
  Vector<dim> gradient(const Vector<dim>& x) const override { return gram_ * x - correlation_; }
  Matrix<dim> hessian(const Vector<dim>&) const override { return gram_; }
  Vector<dim> sample_gradient(std::size_t i, const Vector<dim>& x) const override {
    const auto row = static_cast<Eigen::Index>(i);
    const Vector<dim> a = data_.features.row(row).transpose();
    return a * (a.dot(x) - data_.targets[row]);
  }
  /// With residual r = a . x - y: Sigma_1 = E[r^2 a a^T] - grad L grad L^T, and E[r^2 a a^T]
  /// = E[(a.x)^2 a a^T] - 2 E[y (a.x) a a^T] + E[y^2 a a^T], three moment tensors contracted
  /// with x.
  Matrix<dim> sample_covariance(const Vector<dim>& x) const override {
    Eigen::Matrix<double, dim * dim, 1> xx;
    Eigen::Map<Matrix<dim>>(xx.data()) = x * x.transpose();
    const Eigen::Matrix<double, dim * dim, 1> moment = fourth_ * xx - 2 * third_ * x + second_;
    const Vector<dim> g = gradient(x);
    const Matrix<dim> covariance = Eigen::Map<const Matrix<dim>>(moment.data()) - g * g.transpose();
    return 0.5 * (covariance + covariance.transpose());
  }
  void gradient_and_covariance(const Vector<dim>& x, Vector<dim>& gradient,
                               Matrix<dim>& covariance) const override {
    gradient = this->gradient(x);
    covariance = sample_covariance(x);
  }
  bool quadratic() const override { return true; }
  /// The least-squares weights, where grad L = 0.
  Vector<dim> minimum_guess() const override { return gram_.ldlt().solve(correlation_); }

 private:
  RegressionData<dim> data_;
  Matrix<dim> gram_;
  Vector<dim> correlation_;
  double target_square_ = 0;
  Eigen::Matrix<double, dim * dim, dim * dim> fourth_;
  Eigen::Matrix<double, dim * dim, dim> third_;
  Eigen::Matrix<double, dim * dim, 1> second_;
};

/// log(1 + e^t) without overflow.
inline double softplus(double t) {
  return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
}
/// 1 / (1 + e^-t)
inline double logistic(double t) {
  return t >= 0 ? 1 / (1 + std::exp(-t)) : std::exp(t) / (1 + std::exp(t));
}

/// Labels s_i in {-1, +1} (targets 0/1 are mapped by the caller), ridge lambda >= 0; separable
/// data need lambda > 0 for a minimum to exist.
template <int dim>
class LogisticRegressionLoss final : public SgdLoss<dim> {
 public:
  LogisticRegressionLoss(RegressionData<dim> data, double ridge)
      : data_(std::move(data)), ridge_(ridge) {}
  std::string name() const override { return "logistic-regression"; }
  std::size_t samples() const override { return static_cast<std::size_t>(data_.targets.size()); }
  double loss(const Vector<dim>& x) const override {
    double sum = 0;
    for (Eigen::Index i = 0; i < data_.targets.size(); ++i) sum += softplus(-margin(i, x));
    return sum / static_cast<double>(samples()) + 0.5 * ridge_ * x.squaredNorm();
  }
  Vector<dim> gradient(const Vector<dim>& x) const override {
    return this->mean_sample_gradient(x);
  }
  Matrix<dim> hessian(const Vector<dim>& x) const override {
    Matrix<dim> H = Matrix<dim>::Zero();
    for (Eigen::Index i = 0; i < data_.targets.size(); ++i) {
      const double p = logistic(margin(i, x));
      const Vector<dim> a = data_.features.row(i).transpose();
      H.noalias() += p * (1 - p) * a * a.transpose();
    }
    return H / static_cast<double>(samples()) + ridge_ * Matrix<dim>::Identity();
  }
  Vector<dim> sample_gradient(std::size_t i, const Vector<dim>& x) const override {
    const auto row = static_cast<Eigen::Index>(i);
    const Vector<dim> a = data_.features.row(row).transpose();
    return -data_.targets[row] * logistic(-margin(row, x)) * a + ridge_ * x;
  }
  Vector<dim> minimum_guess() const override { return Vector<dim>::Zero(); }

 private:
  double margin(Eigen::Index i, const Vector<dim>& x) const {
    return data_.targets[i] * data_.features.row(i).dot(x.transpose());
  }
  RegressionData<dim> data_;
  double ridge_;
};

}  // namespace hj

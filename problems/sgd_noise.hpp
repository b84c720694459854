// SgdNoise<dim>: the diffusion matrix A(x) of SGD's SDE (math.md section 4): the minibatch
// gradient covariance or one of the model noises the literature compares it with, optionally
// rescaled to a given trace at the minimum, plus an explicit floor.
//   minibatch   Sigma_1(x) / B (with replacement), (N - B) / (B (N - 1)) Sigma_1(x) (without)
//   isotropic   s I
//   hessian     c H(x)
//   diagonal    diag of minibatch
//   constant    a given matrix
//   expression  noise.diffusion, a matrix of expressions in x, y (, z)
// A(x) = factor * base(x) + floor I; factor = 1 or trace / tr base(x*).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "problems/sgd_expressions.hpp"
#include "problems/sgd_loss.hpp"

namespace hj {

enum class NoiseKind { minibatch, isotropic, hessian, diagonal, constant, expression };

inline const std::vector<std::string>& noise_kind_names() {
  static const std::vector<std::string> names = {"minibatch", "isotropic", "hessian",
                                                 "diagonal",  "constant",  "expression"};
  return names;
}

template <int dim>
struct NoiseSettings {
  NoiseKind kind = NoiseKind::minibatch;
  double scale = 1;                              ///< s of isotropic, c of hessian
  Matrix<dim> matrix = Matrix<dim>::Identity();  ///< constant
  std::shared_ptr<const ExpressionMatrix<dim>> expression;
  std::size_t batch = 1;    ///< B
  bool replacement = true;  ///< minibatches drawn with replacement
  double floor = 0;         ///< added as floor * I after rescaling
};

template <int dim>
class SgdNoise {
 public:
  /// `loss` must outlive the noise. B <= N is the caller's check.
  SgdNoise(NoiseSettings<dim> settings, const SgdLoss<dim>& loss)
      : settings_(std::move(settings)), loss_(loss) {}

  /// The factor of Sigma_1 in Cov(g_B): 1/B with replacement, (N - B) / (B (N - 1)) without.
  double batch_factor() const {
    const auto B = static_cast<double>(settings_.batch);
    const auto N = static_cast<double>(loss_.samples());
    if (settings_.replacement) return 1 / B;
    return N > 1 ? (N - B) / (B * (N - 1)) : 0.0;
  }

  /// False for expressions, which keep evaluation state.
  bool thread_safe() const { return settings_.kind != NoiseKind::expression; }

  /// True for the kinds built from Sigma_1 (minibatch, diagonal).
  bool uses_sample_covariance() const {
    return settings_.kind == NoiseKind::minibatch || settings_.kind == NoiseKind::diagonal;
  }

  /// The chosen covariance before rescaling and floor.
  Matrix<dim> base(const Vector<dim>& x) const {
    return uses_sample_covariance() ? from_sample_covariance(loss_.sample_covariance(x))
                                    : base_without_samples(x);
  }

  Matrix<dim> operator()(const Vector<dim>& x) const { return finish(base(x)); }
  /// A(x) for the kinds built from Sigma_1, given Sigma_1(x) (computed with grad L).
  Matrix<dim> with_sample_covariance(const Matrix<dim>& sample_covariance) const {
    return finish(from_sample_covariance(sample_covariance));
  }

  /// Scales base() so that its trace at x is `trace`; returns the factor. The caller checks
  /// that tr base(x) > 0.
  double rescale_to_trace(double trace, const Vector<dim>& x) {
    factor_ = trace / base(x).trace();
    return factor_;
  }

  /// True when A does not depend on x.
  bool constant() const {
    switch (settings_.kind) {
      case NoiseKind::isotropic:
      case NoiseKind::constant:
        return true;
      case NoiseKind::hessian:
        return loss_.quadratic();
      case NoiseKind::minibatch:
      case NoiseKind::diagonal:
        return loss_.constant_sample_covariance();
      case NoiseKind::expression:
        return settings_.expression->constant();
    }
    return false;
  }

  double factor() const { return factor_; }
  const NoiseSettings<dim>& settings() const { return settings_; }

 private:
  Matrix<dim> from_sample_covariance(const Matrix<dim>& sample_covariance) const {
    const Matrix<dim> minibatch = batch_factor() * sample_covariance;
    if (settings_.kind == NoiseKind::diagonal) return minibatch.diagonal().asDiagonal();
    return minibatch;
  }
  Matrix<dim> finish(Matrix<dim> A) const {
    A *= factor_;
    A.diagonal().array() += settings_.floor;
    return A;
  }
  Matrix<dim> base_without_samples(const Vector<dim>& x) const {
    switch (settings_.kind) {
      case NoiseKind::minibatch:
      case NoiseKind::diagonal:
        break;  // built from Sigma_1 above
      case NoiseKind::isotropic:
        return settings_.scale * Matrix<dim>::Identity();
      case NoiseKind::hessian:
        return settings_.scale * loss_.hessian(x);
      case NoiseKind::constant:
        return settings_.matrix;
      case NoiseKind::expression:
        return (*settings_.expression)(x);
    }
    return Matrix<dim>::Zero();
  }

  NoiseSettings<dim> settings_;
  const SgdLoss<dim>& loss_;
  double factor_ = 1;
};

}  // namespace hj

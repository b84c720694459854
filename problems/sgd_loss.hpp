// SgdLoss<dim>: a training loss with per-sample structure, L(x) = 1/N sum_i l_i(x), over
// parameters x in R^dim (math.md section 4). SGD's drift is -grad L; its noise covariance is
// built from the per-sample gradients (sgd_noise.hpp). The built-in losses give gradients and
// Hessians in closed form, never by differences.
#pragma once

#include <string>

#include "problems/vector_types.hpp"

namespace hj {

template <int dim>
class SgdLoss {
 public:
  virtual ~SgdLoss() = default;

  /// The model's name, e.g. "linear-regression".
  virtual std::string name() const = 0;
  /// N, the number of samples; 0 for a loss without per-sample structure.
  virtual std::size_t samples() const = 0;
  virtual double loss(const Vector<dim>& x) const = 0;
  virtual Vector<dim> gradient(const Vector<dim>& x) const = 0;
  virtual Matrix<dim> hessian(const Vector<dim>& x) const = 0;
  /// grad l_i(x), 0 <= i < samples().
  virtual Vector<dim> sample_gradient(std::size_t i, const Vector<dim>& x) const = 0;

  /// Sigma_1(x) = 1/N sum_i (grad l_i - grad L)(grad l_i - grad L)^T, accumulated in one pass
  /// around the running mean (Welford), which stays accurate far from the minimum, where the
  /// mean gradient is much larger than its spread. Losses with a closed form override it.
  virtual Matrix<dim> sample_covariance(const Vector<dim>& x) const {
    Vector<dim> mean;
    Matrix<dim> covariance;
    gradient_and_covariance(x, mean, covariance);
    return covariance;
  }
  /// grad L and Sigma_1 in one pass over the samples (SGD's drift and noise at one point).
  virtual void gradient_and_covariance(const Vector<dim>& x, Vector<dim>& gradient,
                                       Matrix<dim>& covariance) const {
    const std::size_t n = samples();
    if (n == 0) {
      gradient = this->gradient(x);
      covariance.setZero();
      return;
    }
    gradient.setZero();
    Matrix<dim> scatter = Matrix<dim>::Zero();
    for (std::size_t i = 0; i < n; ++i) {
      const Vector<dim> g = sample_gradient(i, x);
      const Vector<dim> before = g - gradient;
      gradient += before / static_cast<double>(i + 1);
      scatter.noalias() += before * (g - gradient).transpose();
    }
    covariance = 0.5 * (scatter + scatter.transpose()) / static_cast<double>(n);
  }
  /// True when Sigma_1 does not depend on x.
  virtual bool constant_sample_covariance() const { return false; }
  /// True when L is quadratic (its Hessian constant): with a constant noise covariance the
  /// quasi-potential is then the Lyapunov closed form (math.md section 4).
  virtual bool quadratic() const { return false; }
  /// False when evaluation keeps state (expressions): simulations use one thread.
  virtual bool thread_safe() const { return true; }
  /// Where the search for a minimum starts unless problem.attractor says otherwise.
  virtual Vector<dim> minimum_guess() const = 0;

 protected:
  /// grad L as the mean of grad l_i, for losses with no shorter closed form.
  Vector<dim> mean_sample_gradient(const Vector<dim>& x) const {
    Vector<dim> g = Vector<dim>::Zero();
    for (std::size_t i = 0; i < samples(); ++i) g += sample_gradient(i, x);
    return g / static_cast<double>(samples());
  }
};

}  // namespace hj

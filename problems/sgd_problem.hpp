// SgdProblem<dim>: stochastic gradient descent on a loss, seen as the SDE
//   dX = -grad L dt + sqrt(eta) Cov(g_B)(X)^(1/2) dW      (math.md section 4)
// so b = -grad L, A = the chosen noise covariance (sgd_noise.hpp) and eps = eta; exit times in
// SGD steps are SDE times divided by eta. The attractor is a minimum of L, found by Newton's
// method with the loss's exact Hessian. A quadratic loss with a constant noise has the exact
// quasi-potential V = 1/2 (x - x*)^T C^-1 (x - x*), H C + C H = A.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "problems/lyapunov.hpp"
#include "problems/sde_problem.hpp"
#include "problems/sgd_noise.hpp"

namespace hj {

/// The minimum of L reached by damped Newton steps from `start` (steepest descent where the
/// Hessian is not positive definite), or nullopt when none is found in 200 steps or the point
/// found is not a minimum (its Hessian not positive definite).
template <int dim>
std::optional<Vector<dim>> find_minimum(const SgdLoss<dim>& loss, const Vector<dim>& start) {
  Vector<dim> x = start;
  double value = loss.loss(x);
  const double scale = std::max(1.0, loss.gradient(x).norm());
  for (int iteration = 0; iteration < 200; ++iteration) {
    const Vector<dim> g = loss.gradient(x);
    if (!g.allFinite() || !std::isfinite(value)) return std::nullopt;
    if (g.norm() <= 1e-13 * scale) break;
    const Eigen::LLT<Matrix<dim>> newton(loss.hessian(x));
    Vector<dim> step = newton.info() == Eigen::Success ? Vector<dim>(newton.solve(g)) : g;
    // Halve the step until L decreases (Armijo); a Newton step near the minimum is taken whole.
    double t = 1;
    while (t > 1e-12) {
      const Vector<dim> trial = x - t * step;
      const double trial_value = loss.loss(trial);
      if (trial_value <= value - 1e-4 * t * g.dot(step) ||
          t * step.norm() < 1e-14 * (1 + x.norm())) {
        x = trial;
        value = trial_value;
        break;
      }
      t /= 2;
    }
    if (t <= 1e-12) break;
  }
  if (loss.gradient(x).norm() > 1e-8 * scale) return std::nullopt;
  if (Eigen::LLT<Matrix<dim>>(loss.hessian(x)).info() != Eigen::Success) return std::nullopt;
  return x;
}

/// SGD's settings: learning rate eta (= eps) and batch size B.
struct SgdSettings {
  double eta = 0.01;
  std::size_t batch = 1;
  bool replacement = true;
};

template <int dim>
class SgdProblem final : public SdeProblem<dim> {
 public:
  using Point = typename SdeProblem<dim>::Point;

  /// `minimum`: a minimum of the loss (find_minimum). The noise must already be rescaled.
  SgdProblem(std::unique_ptr<SgdLoss<dim>> loss, std::unique_ptr<SgdNoise<dim>> noise,
             SgdSettings settings, const Vector<dim>& minimum)
      : loss_(std::move(loss)), noise_(std::move(noise)), settings_(settings), minimum_(minimum) {
    if (noise_->constant()) constant_A_ = (*noise_)(minimum_);
    if (loss_->quadratic() && noise_->constant()) {
      precision_ = solve_lyapunov<dim>(-loss_->hessian(minimum_), constant_A_).inverse();
    }
  }

  std::string name() const override { return "sgd"; }
  Vector<dim> drift(const Point& x) const override { return evaluate(x).drift; }
  Matrix<dim> drift_jacobian(const Point& x) const override {
    return -loss_->hessian(to_vector<dim>(x));
  }
  Matrix<dim> diffusion(const Point& x) const override {
    return noise_->constant() ? constant_A_ : evaluate(x).diffusion;
  }
  bool constant_diffusion() const override { return noise_->constant(); }
  bool thread_safe() const override { return loss_->thread_safe() && noise_->thread_safe(); }

  bool has_exact_solution() const override { return precision_.has_value(); }
  std::optional<double> exact_solution(const Point& x) const override {
    if (!precision_) return std::nullopt;
    const Vector<dim> d = to_vector<dim>(x) - minimum_;
    return 0.5 * d.dot(*precision_ * d);
  }
  std::optional<Vector<dim>> exact_gradient(const Point& x) const override {
    if (!precision_) return std::nullopt;
    return Vector<dim>(*precision_ * (to_vector<dim>(x) - minimum_));
  }

  /// eps = eta, the minimum, L there and the noise's trace there: what summary.json records.
  std::vector<std::pair<std::string, std::vector<double>>> derived() const override {
    const Matrix<dim> A = (*noise_)(minimum_);
    return {{"eps", {settings_.eta}},
            {"sgd.eta", {settings_.eta}},
            {"sgd.batch", {static_cast<double>(settings_.batch)}},
            {"data.samples", {static_cast<double>(loss_->samples())}},
            {"minimum", {minimum_.data(), minimum_.data() + dim}},
            {"loss_at_minimum", {loss_->loss(minimum_)}},
            {"noise.trace_at_minimum", {A.trace()}},
            {"noise.factor", {noise_->factor()}}};
  }

  const SgdLoss<dim>& loss() const { return *loss_; }
  const SgdNoise<dim>& noise() const { return *noise_; }
  const Vector<dim>& minimum() const { return minimum_; }
  double eps() const { return settings_.eta; }
  const SgdSettings& sgd_settings() const { return settings_; }

 protected:
  Point default_attractor_guess() const override { return to_point<dim>(minimum_); }

 private:
  struct Evaluation {
    std::uint64_t owner = 0;  ///< the problem's id_ (an address could be reused)
    Point x{};
    Vector<dim> drift;
    Matrix<dim> diffusion;
  };
  // Solvers ask for b and A at the same points, and for a loss over N samples both come from
  // one pass (the jet's time on sharp-flat was all in these sums). The last point is kept per
  // thread, so that simulation threads do not share it.
  const Evaluation& evaluate(const Point& x) const {
    thread_local Evaluation last;
    if (last.owner == id_ && last.x == x) return last;
    const Vector<dim> v = to_vector<dim>(x);
    Vector<dim> gradient;
    if (noise_->uses_sample_covariance()) {
      Matrix<dim> covariance;
      loss_->gradient_and_covariance(v, gradient, covariance);
      last.diffusion = noise_->with_sample_covariance(covariance);
    } else {
      gradient = loss_->gradient(v);
      last.diffusion = noise_->constant() ? constant_A_ : (*noise_)(v);
    }
    last.drift = -gradient;
    last.owner = id_;
    last.x = x;
    return last;
  }

  std::unique_ptr<SgdLoss<dim>> loss_;
  std::unique_ptr<SgdNoise<dim>> noise_;
  SgdSettings settings_;
  Vector<dim> minimum_;
  Matrix<dim> constant_A_ = Matrix<dim>::Zero();
  std::optional<Matrix<dim>> precision_;  ///< C^-1 when V is known in closed form
  std::uint64_t id_ = next_id();

  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> count{0};
    return ++count;
  }
};

}  // namespace hj

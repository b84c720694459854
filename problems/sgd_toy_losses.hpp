// Losses of the SGD literature's model problems, each an average over samples:
//   quadratic:  l_i = 1/2 (x - m - s_i)^T H (x - m - s_i), shifts s_i with mean 0 (any dim)
//   sharp-flat: l_i = -log(exp(d - q_sharp(x - c_sharp - s_i)) + exp(-q_flat(x - c_flat - s_i))),
//               a sharp well (Hessian eigenvalues 20 and 200 along the diagonals) near (1, 1)
//               and a flat one (Hessian 2 I) near (-1, -1), jittered by data points s_i (2-d);
//               d >= 0 lowers the sharp well
//   bump-fit:   l_i = 1/2 (h exp(-(a_i - c)^2 / (2 w^2)) - y_i)^2 over x = (c, h): one Gaussian
//               bump fitted to data with two bumps, a local minimum near each (2-d, non-convex)
#pragma once

#include <cmath>

#include "core/counter_random.hpp"
#include "problems/sgd_loss.hpp"

namespace hj {

/// Points s_i ~ N(0, scale^2 I) drawn from (seed, sample), then centred (mean exactly 0).
template <int dim>
Eigen::Matrix<double, Eigen::Dynamic, dim> draw_shifts(std::uint64_t seed, std::size_t samples,
                                                       double scale) {
  Eigen::Matrix<double, Eigen::Dynamic, dim> shifts(static_cast<Eigen::Index>(samples), dim);
  const CounterRandom random(seed, 0);
  for (std::size_t i = 0; i < samples; ++i) {
    for (int k = 0; k < dim; ++k) {
      shifts(static_cast<Eigen::Index>(i), k) =
          scale * random.normal(i, static_cast<std::uint32_t>(k));
    }
  }
  return shifts.rowwise() - shifts.colwise().mean();
}

template <int dim>
class QuadraticLoss final : public SgdLoss<dim> {
 public:
  /// The shifts are centred here, so that L's minimum is `minimum` whatever data is given.
  QuadraticLoss(const Matrix<dim>& hessian, const Vector<dim>& minimum,
                const Eigen::Matrix<double, Eigen::Dynamic, dim>& shifts)
      : H_(hessian), minimum_(minimum), shifts_(shifts.rowwise() - shifts.colwise().mean()) {
    const double n = static_cast<double>(std::max<Eigen::Index>(shifts_.rows(), 1));
    const Matrix<dim> spread = shifts_.transpose() * shifts_ / n;
    covariance_ = H_ * spread * H_;
    covariance_ = 0.5 * (covariance_ + covariance_.transpose());
    offset_ = 0.5 * (spread * H_).trace();
  }
  std::string name() const override { return "quadratic"; }
  std::size_t samples() const override { return static_cast<std::size_t>(shifts_.rows()); }
  double loss(const Vector<dim>& x) const override {
    const Vector<dim> d = x - minimum_;
    return 0.5 * d.dot(H_ * d) + offset_;
  }
  Vector<dim> gradient(const Vector<dim>& x) const override { return H_ * (x - minimum_); }
  Matrix<dim> hessian(const Vector<dim>&) const override { return H_; }
  Vector<dim> sample_gradient(std::size_t i, const Vector<dim>& x) const override {
    return H_ * (x - minimum_ - shifts_.row(static_cast<Eigen::Index>(i)).transpose());
  }
  /// H S H with S the shifts' covariance: the same everywhere.
  Matrix<dim> sample_covariance(const Vector<dim>&) const override { return covariance_; }
  bool constant_sample_covariance() const override { return true; }
  void gradient_and_covariance(const Vector<dim>& x, Vector<dim>& gradient,
                               Matrix<dim>& covariance) const override {
    gradient = this->gradient(x);
    covariance = sample_covariance(x);
  }
  bool quadratic() const override { return true; }
  Vector<dim> minimum_guess() const override { return minimum_; }

 private:
  Matrix<dim> H_;
  Vector<dim> minimum_;
  Eigen::Matrix<double, Eigen::Dynamic, dim> shifts_;
  Matrix<dim> covariance_;
  double offset_ = 0;  ///< 1/2 mean s^T H s: L's value at its minimum
};

class SharpFlatLoss final : public SgdLoss<2> {
 public:
  /// Sharp well: Hessian with eigenvalues sharp[0] along (1, 1) and sharp[1] along (1, -1),
  /// centred at sharp_centre, lowered by sharp_depth; flat well: flat * I at flat_centre.
  SharpFlatLoss(const Vector<2>& sharp, double flat, const Vector<2>& sharp_centre,
                const Vector<2>& flat_centre,
                const Eigen::Matrix<double, Eigen::Dynamic, 2>& jitter, double sharp_depth = 0)
      : sharp_centre_(sharp_centre),
        flat_centre_(flat_centre),
        jitter_(jitter),
        sharp_depth_(sharp_depth) {
    Matrix<2> axes;
    axes << 1, 1, 1, -1;
    axes /= std::sqrt(2.0);
    sharp_ = axes * sharp.asDiagonal() * axes.transpose();
    flat_ = flat * Matrix<2>::Identity();
  }
  std::string name() const override { return "sharp-flat"; }
  std::size_t samples() const override { return static_cast<std::size_t>(jitter_.rows()); }
  double loss(const Vector<2>& x) const override {
    double sum = 0;
    for (std::size_t i = 0; i < samples(); ++i) sum += wells(i, x).value;
    return sum / static_cast<double>(samples());
  }
  Vector<2> gradient(const Vector<2>& x) const override { return this->mean_sample_gradient(x); }
  /// Of a soft minimum -log(e^-p + e^-q): w_p H_p + w_q H_q - w_p w_q (g_p - g_q)(g_p - g_q)^T.
  Matrix<2> hessian(const Vector<2>& x) const override {
    Matrix<2> H = Matrix<2>::Zero();
    for (std::size_t i = 0; i < samples(); ++i) {
      const Wells w = wells(i, x);
      const Vector<2> difference = w.sharp_gradient - w.flat_gradient;
      H += w.sharp_weight * sharp_ + (1 - w.sharp_weight) * flat_ -
           w.sharp_weight * (1 - w.sharp_weight) * difference * difference.transpose();
    }
    return H / static_cast<double>(samples());
  }
  Vector<2> sample_gradient(std::size_t i, const Vector<2>& x) const override {
    const Wells w = wells(i, x);
    return w.sharp_weight * w.sharp_gradient + (1 - w.sharp_weight) * w.flat_gradient;
  }
  Vector<2> minimum_guess() const override { return flat_centre_; }

 private:
  struct Wells {
    double value, sharp_weight;
    Vector<2> sharp_gradient, flat_gradient;
  };
  Wells wells(std::size_t i, const Vector<2>& x) const {
    const Vector<2> s = jitter_.row(static_cast<Eigen::Index>(i)).transpose();
    const Vector<2> us = x - sharp_centre_ - s, uf = x - flat_centre_ - s;
    Wells w;
    w.sharp_gradient = sharp_ * us;
    w.flat_gradient = flat_ * uf;
    const double p = 0.5 * us.dot(w.sharp_gradient) - sharp_depth_;
    const double q = 0.5 * uf.dot(w.flat_gradient);
    // -log(e^-p + e^-q) and e^-p / (e^-p + e^-q) from one exponential.
    const double e = std::exp(-std::abs(p - q));
    w.value = std::min(p, q) - std::log1p(e);
    w.sharp_weight = q >= p ? 1 / (1 + e) : e / (1 + e);
    return w;
  }
  Matrix<2> sharp_, flat_;
  Vector<2> sharp_centre_, flat_centre_;
  Eigen::Matrix<double, Eigen::Dynamic, 2> jitter_;
  double sharp_depth_;
};

/// Data for bump-fit: a_i uniform in [-3, 3], y_i = g(a_i + 1) + 0.6 g(a_i - 1) + noise e_i,
/// g(u) = exp(-u^2 / (2 w^2)), e_i ~ N(0, noise^2) (CounterRandom streams 0 and 1).
inline Eigen::Matrix<double, Eigen::Dynamic, 2> draw_two_bumps(std::uint64_t seed,
                                                               std::size_t samples, double width,
                                                               double noise) {
  Eigen::Matrix<double, Eigen::Dynamic, 2> data(static_cast<Eigen::Index>(samples), 2);
  const CounterRandom positions(seed, 0), errors(seed, 1);
  auto bump = [width](double u) { return std::exp(-u * u / (2 * width * width)); };
  for (std::size_t i = 0; i < samples; ++i) {
    const double a = -3 + 6 * positions.uniform(i, 0);
    const auto row = static_cast<Eigen::Index>(i);
    data(row, 0) = a;
    data(row, 1) = bump(a + 1) + 0.6 * bump(a - 1) + noise * errors.normal(i, 0);
  }
  return data;
}

class BumpFitLoss final : public SgdLoss<2> {
 public:
  /// `data`: columns a and y; x = (c, h) are the bump's centre and height.
  BumpFitLoss(const Eigen::Matrix<double, Eigen::Dynamic, 2>& data, double width)
      : data_(data), width_(width) {}
  std::string name() const override { return "bump-fit"; }
  std::size_t samples() const override { return static_cast<std::size_t>(data_.rows()); }
  double loss(const Vector<2>& x) const override {
    double sum = 0;
    for (std::size_t i = 0; i < samples(); ++i) {
      const Fit f = fit(i, x);
      sum += 0.5 * f.residual * f.residual;
    }
    return sum / static_cast<double>(samples());
  }
  Vector<2> gradient(const Vector<2>& x) const override { return this->mean_sample_gradient(x); }
  /// Gauss-Newton part plus the residual times the model's second derivatives.
  Matrix<2> hessian(const Vector<2>& x) const override {
    Matrix<2> H = Matrix<2>::Zero();
    for (std::size_t i = 0; i < samples(); ++i) {
      const Fit f = fit(i, x);
      const double w2 = width_ * width_, d = f.offset;
      Matrix<2> second;
      second << x[1] * f.bump * (d * d / (w2 * w2) - 1 / w2), f.bump * d / w2, f.bump * d / w2, 0;
      H += f.slope * f.slope.transpose() + f.residual * second;
    }
    return H / static_cast<double>(samples());
  }
  Vector<2> sample_gradient(std::size_t i, const Vector<2>& x) const override {
    const Fit f = fit(i, x);
    return f.residual * f.slope;
  }
  /// Near the taller data bump (centre -1, height 1).
  Vector<2> minimum_guess() const override { return Vector<2>(-1.0, 1.0); }

 private:
  struct Fit {
    double bump, offset, residual;  ///< g, a - c, h g - y
    Vector<2> slope;                ///< d(h g) / d(c, h)
  };
  Fit fit(std::size_t i, const Vector<2>& x) const {
    const auto row = static_cast<Eigen::Index>(i);
    Fit f;
    f.offset = data_(row, 0) - x[0];
    f.bump = std::exp(-f.offset * f.offset / (2 * width_ * width_));
    f.residual = x[1] * f.bump - data_(row, 1);
    f.slope = Vector<2>(x[1] * f.bump * f.offset / (width_ * width_), f.bump);
    return f;
  }
  Eigen::Matrix<double, Eigen::Dynamic, 2> data_;
  double width_;
};

}  // namespace hj

#include "validation/barrier_fit.hpp"

#include <Eigen/Dense>
#include <cmath>

#include "core/error.hpp"

namespace hj {

BarrierFit fit_barrier(const std::vector<BarrierPoint>& points) {
  if (points.size() < 3) throw Error("barrier fit: needs at least 3 values of eps");
  const auto n = static_cast<Eigen::Index>(points.size());
  Eigen::MatrixXd X(n, 3);
  Eigen::VectorXd y(n), w(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const BarrierPoint& p = points[static_cast<std::size_t>(i)];
    if (!(p.mean > 0) || !(p.standard_error > 0) || !(p.eps > 0)) {
      throw Error("barrier fit: every eps needs a positive mean exit time and standard error");
    }
    X(i, 0) = 1 / p.eps;
    X(i, 1) = 1;
    X(i, 2) = p.eps;
    y[i] = std::log(p.mean);
    const double sigma = p.standard_error / p.mean;  // of log E[tau], to first order
    w[i] = 1 / (sigma * sigma);
  }
  const Eigen::MatrixXd normal = X.transpose() * w.asDiagonal() * X;
  const Eigen::Vector3d beta = normal.ldlt().solve(X.transpose() * w.asDiagonal() * y);
  const Eigen::Matrix3d covariance = normal.inverse();
  BarrierFit fit;
  fit.barrier = beta[0];
  fit.c0 = beta[1];
  fit.c1 = beta[2];
  fit.barrier_se = std::sqrt(covariance(0, 0));
  const Eigen::VectorXd residual = y - X * beta;
  const double chi2 = residual.dot(w.asDiagonal() * residual);
  fit.chi2_per_dof = n > 3 ? chi2 / static_cast<double>(n - 3) : NAN;
  fit.ci95_low = fit.barrier - 1.96 * fit.barrier_se;
  fit.ci95_high = fit.barrier + 1.96 * fit.barrier_se;
  return fit;
}

}  // namespace hj

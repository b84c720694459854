// The metric problems of the catalogue (problem.type = "metric"): a constant Randers metric
// (M0, w), optionally pulled back by the shear phi(x) = x + a x_0^2 e_1, which makes M(x)
// depend on the position while the distance stays known in closed form.
#pragma once

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "problems/metric_problem.hpp"

namespace hj {

/// F(x, v) = |Dphi(x) v|_M0 + <w, Dphi(x) v> with phi(x) = x + a x_0^2 e_1, i.e.
/// M(x) = Dphi^T M0 Dphi and w(x) = Dphi^T w. Shortest curves are the preimages of straight
/// segments from phi(s) to phi(x), so u(x) = min_s |phi(x) - phi(s)|_M0 + <w, phi(x) - phi(s)>
/// wherever those preimages stay in the box. The preimage of the segment bulges towards
/// +x_1 by at most a (x_0 - s_0)^2 / 4 and never leaves through the lower face; it stays in
/// the box for every x exactly when a (x_0 - s_0)^2 <= upper_1 - s_1 for both ends of the
/// x_0-range. Otherwise the problem does not claim an exact solution. a = 0: constant M0, w.
template <int dim>
class ShearedRandersMetric final : public MetricProblem<dim> {
 public:
  using Point = typename Problem<dim>::Point;
  /// `box_lower`, `box_upper`: the domain, to decide whether the closed form holds there.
  ShearedRandersMetric(Matrix<dim> metric, Vector<dim> one_form, double shear,
                       std::vector<Point> sources, const Point& box_lower, const Point& box_upper)
      : metric_(std::move(metric)),
        one_form_(std::move(one_form)),
        shear_(shear),
        sources_(std::move(sources)) {
    exact_ = true;
    for (const Point& s : sources_) {
      const double reach = std::max(std::abs(box_lower[0] - s[0]), std::abs(box_upper[0] - s[0]));
      if (shear_ * reach * reach > box_upper[1] - s[1]) exact_ = false;
    }
  }

  std::string name() const override { return "metric"; }
  bool constant_coefficients() const override { return shear_ == 0; }
  Matrix<dim> metric(const Point& x) const override {
    const Matrix<dim> J = jacobian(x);
    return J.transpose() * metric_ * J;
  }
  Vector<dim> one_form(const Point& x) const override {
    return jacobian(x).transpose() * one_form_;
  }
  std::vector<Point> sources() const override { return sources_; }

  bool has_exact_solution() const override { return exact_; }
  std::optional<double> exact_solution(const Point& x) const override {
    if (!exact_) return std::nullopt;
    double u = std::numeric_limits<double>::infinity();
    for (const Point& s : sources_) {
      u = std::min(u, randers_cost<dim>(metric_, one_form_, sheared(x) - sheared(s)));
    }
    return u;
  }

 private:
  Vector<dim> sheared(const Point& x) const {
    Vector<dim> z = to_vector<dim>(x);
    z[1] += shear_ * x[0] * x[0];
    return z;
  }
  Matrix<dim> jacobian(const Point& x) const {
    Matrix<dim> J = Matrix<dim>::Identity();
    J(1, 0) = 2 * shear_ * x[0];
    return J;
  }

  Matrix<dim> metric_;
  Vector<dim> one_form_;
  double shear_;
  std::vector<Point> sources_;
  bool exact_ = true;
};

}  // namespace hj

// Eikonal problems with exact solutions (../shared/design/benchmarks.md, "Eikonal, exact").
#pragma once

#include <algorithm>
#include <limits>
#include <utility>

#include "problems/eikonal_problem.hpp"

namespace hj {

/// Constant speed c from one or more point sources: u(x) = min_k |x - x_k| / c.
template <int dim>
class EikonalPointSources final : public EikonalProblem<dim> {
 public:
  using Point = typename Problem<dim>::Point;
  EikonalPointSources(std::string name, double speed, std::vector<Point> sources)
      : name_(std::move(name)), speed_(speed), sources_(std::move(sources)) {}

  std::string name() const override { return name_; }
  double slowness(const Point&) const override { return 1.0 / speed_; }
  bool constant_coefficients() const override { return true; }
  std::vector<Point> sources() const override { return sources_; }
  bool has_exact_solution() const override { return true; }
  std::optional<double> exact_solution(const Point& x) const override {
    double u = std::numeric_limits<double>::infinity();
    for (const auto& s : sources_) u = std::min(u, distance<dim>(x, s) / speed_);
    return u;
  }

 private:
  std::string name_;
  double speed_;
  std::vector<Point> sources_;
};

/// Slowness growing linearly with the distance r to the source: s = r, so u = r^2 / 2
/// (speed 1/r, infinite at the source). Smooth u: a clean second-order test.
template <int dim>
class EikonalRadialSlowness final : public EikonalProblem<dim> {
 public:
  using Point = typename Problem<dim>::Point;
  explicit EikonalRadialSlowness(Point source) : source_(source) {}

  std::string name() const override { return "eikonal-radial"; }
  double slowness(const Point& x) const override { return distance<dim>(x, source_); }
  std::vector<Point> sources() const override { return {source_}; }
  bool has_exact_solution() const override { return true; }
  std::optional<double> exact_solution(const Point& x) const override {
    const double r = distance<dim>(x, source_);
    return 0.5 * r * r;
  }

 private:
  Point source_;
};

}  // namespace hj

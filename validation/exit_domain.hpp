// ExitDomain<dim>: the region a simulated path starts in and whose boundary ends it. Exit times
// (validation.md) are first passage times out of one of these: a box, a ball, a half-space
// n.x < c, a sublevel set f < level (of the loss, or of any function), or everything outside a
// small ball around another attractor (the path "reached the other basin").
//
// The simulator needs the distance to the boundary and the outward normal: the Brownian bridge
// crossing probability between two steps, exp(-2 d0 d1 / (eps dt n^T A n)), treats the boundary
// as flat over one step.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>

#include "core/value.hpp"
#include "problems/vector_types.hpp"

namespace hj {

template <int dim>
struct BoundaryDistance {
  double inside;       ///< > 0: distance to the boundary from inside; <= 0: outside (exited)
  Vector<dim> normal;  ///< outward unit normal of the nearest boundary
};

/// v / |v|, or the first axis where v = 0 (any direction serves at a centre).
template <int dim>
Vector<dim> unit_or_axis(const Vector<dim>& v) {
  const double norm = v.norm();
  if (norm > 0) return v / norm;
  Vector<dim> axis = Vector<dim>::Zero();
  axis[0] = 1;
  return axis;
}

template <int dim>
class ExitDomain {
 public:
  virtual ~ExitDomain() = default;
  virtual BoundaryDistance<dim> distance(const Vector<dim>& x) const = 0;
  bool contains(const Vector<dim>& x) const { return distance(x).inside > 0; }
  /// "box [-1, 1] x [-2, 2]", for tables and messages.
  virtual std::string describe() const = 0;
  /// A copy a thread may use alone (level sets of expressions hold evaluation state).
  virtual std::unique_ptr<ExitDomain<dim>> thread_copy() const = 0;
};

template <int dim>
class BoxExit final : public ExitDomain<dim> {
 public:
  BoxExit(const Vector<dim>& lower, const Vector<dim>& upper) : lower_(lower), upper_(upper) {}
  BoundaryDistance<dim> distance(const Vector<dim>& x) const override {
    BoundaryDistance<dim> d{std::numeric_limits<double>::infinity(), Vector<dim>::Zero()};
    for (int k = 0; k < dim; ++k) {
      for (const int side : {-1, 1}) {
        const double gap = side < 0 ? x[k] - lower_[k] : upper_[k] - x[k];
        if (gap < d.inside) {
          d.inside = gap;
          d.normal = Vector<dim>::Zero();
          d.normal[k] = side;
        }
      }
    }
    return d;
  }
  std::string describe() const override;
  std::unique_ptr<ExitDomain<dim>> thread_copy() const override {
    return std::make_unique<BoxExit>(*this);
  }

 private:
  Vector<dim> lower_, upper_;
};

template <int dim>
class BallExit final : public ExitDomain<dim> {
 public:
  BallExit(const Vector<dim>& center, double radius) : center_(center), radius_(radius) {}
  BoundaryDistance<dim> distance(const Vector<dim>& x) const override {
    const Vector<dim> r = x - center_;
    return {radius_ - r.norm(), unit_or_axis<dim>(r)};
  }
  std::string describe() const override;
  std::unique_ptr<ExitDomain<dim>> thread_copy() const override {
    return std::make_unique<BallExit>(*this);
  }

 private:
  Vector<dim> center_;
  double radius_;
};

/// The half-space n.x < offset; the path exits where n.x >= offset.
template <int dim>
class HalfspaceExit final : public ExitDomain<dim> {
 public:
  HalfspaceExit(const Vector<dim>& normal, double offset)
      : normal_(normal.normalized()), offset_(offset / normal.norm()) {}
  BoundaryDistance<dim> distance(const Vector<dim>& x) const override {
    return {offset_ - normal_.dot(x), normal_};
  }
  std::string describe() const override;
  std::unique_ptr<ExitDomain<dim>> thread_copy() const override {
    return std::make_unique<HalfspaceExit>(*this);
  }

 private:
  Vector<dim> normal_;
  double offset_;
};

/// Everything outside the ball of `radius` around another attractor: a transition ends when the
/// path comes that close to it.
template <int dim>
class BasinExit final : public ExitDomain<dim> {
 public:
  BasinExit(const Vector<dim>& other_attractor, double radius)
      : target_(other_attractor), radius_(radius) {}
  BoundaryDistance<dim> distance(const Vector<dim>& x) const override {
    const Vector<dim> r = target_ - x;
    return {r.norm() - radius_, unit_or_axis<dim>(r)};
  }
  std::string describe() const override;
  std::unique_ptr<ExitDomain<dim>> thread_copy() const override {
    return std::make_unique<BasinExit>(*this);
  }

 private:
  Vector<dim> target_;
  double radius_;
};

/// Both domains at once: a path exits when it leaves either (splitting leaves the box where V
/// is known as an exit too).
template <int dim>
class IntersectionExit final : public ExitDomain<dim> {
 public:
  IntersectionExit(std::unique_ptr<ExitDomain<dim>> first, std::unique_ptr<ExitDomain<dim>> second)
      : first_(std::move(first)), second_(std::move(second)) {}
  BoundaryDistance<dim> distance(const Vector<dim>& x) const override {
    const auto a = first_->distance(x), b = second_->distance(x);
    return a.inside <= b.inside ? a : b;
  }
  std::string describe() const override {
    return first_->describe() + ", within the " + second_->describe();
  }
  std::unique_ptr<ExitDomain<dim>> thread_copy() const override {
    return std::make_unique<IntersectionExit>(first_->thread_copy(), second_->thread_copy());
  }

 private:
  std::unique_ptr<ExitDomain<dim>> first_, second_;
};

/// A function with its gradient, evaluated by one thread at a time (see LevelExit).
template <int dim>
struct LevelFunction {
  std::string name;  ///< "loss", or the expression's text
  std::function<double(const Vector<dim>&, Vector<dim>& gradient)> value_and_gradient;
  /// Makes an independent evaluator for another thread (expressions hold state).
  std::function<LevelFunction()> copy;
};

/// The sublevel set f < level; the path exits where f >= level. The distance is the first-order
/// estimate (level - f) / |grad f|, exact for a flat boundary, which is what the bridge assumes.
template <int dim>
class LevelExit final : public ExitDomain<dim> {
 public:
  LevelExit(LevelFunction<dim> function, double level)
      : function_(std::move(function)), level_(level) {}
  BoundaryDistance<dim> distance(const Vector<dim>& x) const override {
    Vector<dim> gradient;
    const double f = function_.value_and_gradient(x, gradient);
    const double norm = gradient.norm();
    if (!(norm > 0)) {
      Vector<dim> normal = Vector<dim>::Zero();
      normal[0] = 1;
      // A critical point of f: no distance estimate; far from the boundary unless on it.
      return {f < level_ ? std::numeric_limits<double>::infinity() : level_ - f, normal};
    }
    return {(level_ - f) / norm, gradient / norm};
  }
  std::string describe() const override;
  std::unique_ptr<ExitDomain<dim>> thread_copy() const override {
    return std::make_unique<LevelExit>(function_.copy(), level_);
  }

 private:
  LevelFunction<dim> function_;
  double level_;
};

template <int dim>
std::string format_vector(const Vector<dim>& v) {
  return format_point<dim>(to_point<dim>(v));
}

template <int dim>
std::string BoxExit<dim>::describe() const {
  return "box from " + format_vector<dim>(lower_) + " to " + format_vector<dim>(upper_);
}
template <int dim>
std::string BallExit<dim>::describe() const {
  return "ball of radius " + format_real(radius_) + " around " + format_vector<dim>(center_);
}
template <int dim>
std::string HalfspaceExit<dim>::describe() const {
  return "half-space n.x < " + format_real(offset_) + ", n = " + format_vector<dim>(normal_);
}
template <int dim>
std::string BasinExit<dim>::describe() const {
  return "until within " + format_real(radius_) + " of the attractor " +
         format_vector<dim>(target_);
}
template <int dim>
std::string LevelExit<dim>::describe() const {
  return "sublevel set " + function_.name + " < " + format_real(level_);
}

}  // namespace hj

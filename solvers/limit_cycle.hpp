// A stable limit cycle of the drift, for problems whose attractor is a closed orbit: the orbit
// followed from the problem's guess (classic RK4 in steps of a fraction of the grid spacing)
// until its returns to the Poincare section through the guess agree, then one more period
// recorded as a closed polyline. V = 0 on the cycle and grows like the squared distance from
// it, so nodes within one grid spacing are seeded with V = 0 (an O(h^2) error, the order of a
// second-order scheme's own).
#pragma once

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/value.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/sde_problem.hpp"

namespace hj {

template <int dim>
struct LimitCycle {
  std::vector<Vector<dim>> points;  ///< one period, closed (the last point is near the first)
  double period = 0;
  double length = 0;

  /// The distance from x to the polyline.
  double distance_to(const Vector<dim>& x) const {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
      const Vector<dim> a = points[k], ab = points[k + 1] - a;
      const double t =
          std::clamp(ab.squaredNorm() > 0 ? (x - a).dot(ab) / ab.squaredNorm() : 0.0, 0.0, 1.0);
      best = std::min(best, (a + t * ab - x).norm());
    }
    return best;
  }
};

/// Throws hj::Error when the orbit leaves the box, stops at an equilibrium, or does not settle
/// within 2000 returns.
template <int dim>
LimitCycle<dim> find_limit_cycle(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid) {
  const auto guess = problem.attractor_guess();
  const Vector<dim> origin = to_vector<dim>(guess);
  const Vector<dim> normal = problem.drift(guess).normalized();
  const double h = grid.max_spacing();
  auto b = [&](const Vector<dim>& x) { return problem.drift(to_point<dim>(x)); };
  auto fail = [&](const std::string& why) {
    return Error("problem '" + problem.name() + "': no limit cycle found from " +
                 format_point(guess) + " (" + why +
                 "); give problem.attractor on or near the cycle");
  };
  if (!normal.allFinite()) throw fail("the drift vanishes there");
  Vector<dim> x = origin, last_return = origin;
  LimitCycle<dim> cycle;
  bool recording = false;
  double time = 0;
  for (int returns = 0; returns < 2000;) {
    const Vector<dim> before = x;
    const double speed = b(x).norm();
    if (!(speed > 1e-12))
      throw fail("the orbit stops at an equilibrium near " + format_point(to_point<dim>(x)));
    const double dt = 0.05 * h / speed;
    const Vector<dim> k1 = b(x), k2 = b(x + 0.5 * dt * k1), k3 = b(x + 0.5 * dt * k2),
                      k4 = b(x + dt * k3);
    x += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    time += dt;
    if (!grid.contains(to_point<dim>(x))) throw fail("the orbit leaves the box");
    if (recording) {
      cycle.points.push_back(x);
      cycle.length += (x - before).norm();
    }
    // A return: the orbit crosses the section through the guess in the drift's direction.
    const double s0 = (before - origin).dot(normal), s1 = (x - origin).dot(normal);
    if (!(s0 < 0 && s1 >= 0)) continue;
    const Vector<dim> crossing = before + s0 / (s0 - s1) * (x - before);
    ++returns;
    if (recording) {
      cycle.period = time;
      cycle.points.back() = crossing;
      return cycle;
    }
    if ((crossing - last_return).norm() < 1e-9 * std::max(1.0, crossing.norm()) && returns > 2) {
      recording = true;
      time = 0;
      cycle.points.push_back(crossing);
    }
    last_return = crossing;
  }
  throw fail("its returns to the section did not settle in 2000 periods");
}

}  // namespace hj

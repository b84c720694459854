// The geometric minimum action method (gMAM; Heymann and Vanden-Eijnden, CPAM 61, 2008): the
// minimum action path from the attractor to a target as the minimiser of the geometric action
// S(phi) = int F(phi, phi') da, F(x, v) = |v|_M |b|_M - <v, b>_M, M = A^{-1} (math.md), over
// curves phi(a), a in [0, 1], kept at equal arclength.
//
// With H(x, p) = 1/2 p^T A p + b^T p, the minimiser solves (their "simplified gMAM")
//   lambda^2 phi'' - lambda H_px phi' + H_pp H_x + lambda lambda' phi' = 0,
//   lambda = |b|_M / |phi'|_M,  p = M (lambda phi' - b),
// and the method relaxes towards it by the semi-implicit step
//   (phi_new - phi) / tau = lambda^2 phi_new'' + [the other terms at phi],
// keeps the part of the move normal to the path, and puts the points back at equal arclength.
// The second-difference term is implicit (a tridiagonal solve), so tau is limited only by the
// explicit terms; a step that raises the action is retried with half the step. It uses b, A and
// their derivatives only, never a computed V, so it checks V independently. The action reported
// is the midpoint rule along the final polyline (geometric_action.hpp).
#pragma once

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/value.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/geometric_action.hpp"

namespace hj {

struct GmamSettings {
  int points = 200;  ///< points on the path, ends included
  /// Converged when the action changed by less than this, relative, over the last `window`
  /// iterations.
  double tolerance = 1e-8;
  int window = 10;
  int max_iterations = 20000;
};

enum class GmamStatus {
  converged,
  iteration_limit,    ///< max_iterations without meeting the tolerance
  non_finite,         ///< NaN or infinity in b, A or the path
  diffusion_not_spd,  ///< A failed its Cholesky factorisation at a point of the path
  step_collapsed,     ///< the relaxation step was halved to nothing without the action settling
};

inline std::string to_string(GmamStatus status) {
  switch (status) {
    case GmamStatus::converged:
      return "converged";
    case GmamStatus::iteration_limit:
      return "iteration_limit";
    case GmamStatus::non_finite:
      return "non_finite";
    case GmamStatus::diffusion_not_spd:
      return "diffusion_not_spd";
    case GmamStatus::step_collapsed:
      return "step_collapsed";
  }
  return "unknown";
}

template <int dim>
struct GmamPath {
  std::vector<std::array<double, dim>> points;               ///< from the attractor to the target
  double action = std::numeric_limits<double>::quiet_NaN();  ///< geometric action, midpoint rule
  int iterations = 0;
  /// |S_k - S_{k - window}| / S_k at the last iteration (NaN before `window` iterations).
  double action_change = std::numeric_limits<double>::quiet_NaN();
  bool converged = false;
  GmamStatus status = GmamStatus::iteration_limit;
  std::string status_detail;  ///< one line for any status but converged
  double step = 0;            ///< the relaxation step tau at the end
};

namespace detail {

/// `count` points at equal arclength along the polyline, ends kept.
template <int dim>
std::vector<std::array<double, dim>> resample_by_arclength(
    const std::vector<std::array<double, dim>>& line, int count) {
  std::vector<double> s(line.size(), 0.0);
  for (std::size_t k = 1; k < line.size(); ++k) {
    s[k] = s[k - 1] + (to_vector<dim>(line[k]) - to_vector<dim>(line[k - 1])).norm();
  }
  std::vector<std::array<double, dim>> out(count);
  out.front() = line.front();
  out.back() = line.back();
  std::size_t k = 1;
  for (int j = 1; j + 1 < count; ++j) {
    const double target = s.back() * j / (count - 1);
    while (k + 1 < line.size() && s[k] < target) ++k;
    const double t = s[k] > s[k - 1] ? (target - s[k - 1]) / (s[k] - s[k - 1]) : 0.0;
    for (int a = 0; a < dim; ++a) out[j][a] = line[k - 1][a] + t * (line[k][a] - line[k - 1][a]);
  }
  return out;
}

}  // namespace detail

/// The polyline gMAM starts from: a traced path (target first, ending near the attractor)
/// reversed and joined to the attractor, or the straight line when `traced` is empty.
template <int dim>
std::vector<std::array<double, dim>> gmam_start(
    const std::array<double, dim>& attractor, const std::array<double, dim>& target,
    const std::vector<std::array<double, dim>>& traced) {
  if (traced.empty()) return {attractor, target};
  std::vector<std::array<double, dim>> line{attractor};
  line.insert(line.end(), traced.rbegin(), traced.rend());
  return line;
}

/// Minimises the geometric action over paths from `initial.front()` (the attractor) to
/// `initial.back()` (the target), starting from the polyline `initial` (two points: a straight
/// line). Numerical trouble ends the iteration with a status; nothing is thrown.
template <int dim>
GmamPath<dim> geometric_minimum_action(const SdeProblem<dim>& problem,
                                       const std::vector<std::array<double, dim>>& initial,
                                       const GmamSettings& settings) {
  using Position = std::array<double, dim>;
  const int n = settings.points;
  HJ_CHECK(n >= 3 && initial.size() >= 2, "gMAM needs at least three points and a start and end");
  GmamPath<dim> out;
  double polyline = 0;
  for (std::size_t k = 1; k < initial.size(); ++k) {
    polyline += (to_vector<dim>(initial[k]) - to_vector<dim>(initial[k - 1])).norm();
  }
  if (!(polyline > 0)) {  // the target is the attractor: the empty path, action 0
    out.points.assign(2, initial.front());
    out.action = 0;
    out.action_change = 0;
    out.converged = true;
    out.status = GmamStatus::converged;
    return out;
  }
  std::vector<Position> path = detail::resample_by_arclength<dim>(initial, n);
  const double da = 1.0 / (n - 1);
  const bool constant_a = problem.constant_diffusion();

  // Per point: b, A, M = A^{-1}; false (with the status set) where A is not SPD or not finite.
  std::vector<Vector<dim>> b(n);
  std::vector<Matrix<dim>> A(n), M(n);
  auto tabulate = [&](const std::vector<Position>& x) {
    for (int i = 0; i < n; ++i) {
      b[i] = problem.drift(x[i]);
      A[i] = problem.diffusion(x[i]);
      const Eigen::LLT<Matrix<dim>> llt(A[i]);
      if (!b[i].allFinite() || !A[i].allFinite()) {
        out.status = GmamStatus::non_finite;
        out.status_detail = "b or A is not finite at " + format_point(x[i]);
        return false;
      }
      if (llt.info() != Eigen::Success) {
        out.status = GmamStatus::diffusion_not_spd;
        out.status_detail = "A is not positive definite at " + format_point(x[i]);
        return false;
      }
      M[i] = llt.solve(Matrix<dim>::Identity());
    }
    return true;
  };

  // tau from the explicit terms linearised at each point of the starting path (A, Db frozen):
  // lambda (A Db^T M - Db) phi' is advection, stable with the implicit lambda^2 phi'' while
  // tau |A Db^T M - Db|^2 <= 2; -A Db^T M Db phi is decay, stable while tau |A Db^T M Db| <= 2.
  if (!tabulate(path)) return out;
  double stiffness = 0;
  for (int i = 0; i < n; ++i) {
    const Matrix<dim> J = problem.drift_jacobian(path[i]);
    const Matrix<dim> advection = A[i] * J.transpose() * M[i] - J;
    const double a = Eigen::JacobiSVD<Matrix<dim>>(advection).singularValues()[0];
    const double d =
        Eigen::JacobiSVD<Matrix<dim>>(A[i] * J.transpose() * M[i] * J).singularValues()[0];
    stiffness = std::max({stiffness, a * a, d});
  }
  const double tau0 = stiffness > 0 && std::isfinite(stiffness) ? 1 / stiffness : 1.0;
  double tau = tau0;

  std::vector<double> history;  // the action after each accepted iteration
  double action = polyline_action<dim>(problem, path);
  std::vector<Vector<dim>> rhs(n), dphi(n);
  std::vector<double> lambda(n), r(n);
  while (out.iterations < settings.max_iterations) {
    if (!tabulate(path)) break;
    // At equal arclength |phi'| is the length; only the direction comes from differences, so a
    // sharp turn (phi_{i+1} close to phi_{i-1}) cannot make lambda blow up.
    double length = 0;
    for (int i = 1; i < n; ++i) {
      length += (to_vector<dim>(path[i]) - to_vector<dim>(path[i - 1])).norm();
    }
    for (int i = 0; i < n; ++i) {
      const int lo = std::max(i - 1, 0), hi = std::min(i + 1, n - 1);
      dphi[i] = length * (to_vector<dim>(path[hi]) - to_vector<dim>(path[lo])).normalized();
      lambda[i] = std::sqrt(b[i].dot(M[i] * b[i]) / dphi[i].dot(M[i] * dphi[i]));
    }
    for (int i = 1; i + 1 < n; ++i) {
      const Position& x = path[i];
      const Vector<dim> p = M[i] * (lambda[i] * dphi[i] - b[i]);
      const Matrix<dim> J = problem.drift_jacobian(x);
      // H_px phi' = Db phi' + (D_phi' A) p and H_x = Db^T p + 1/2 p^T (d_j A) p.
      Vector<dim> h_px_dphi = J * dphi[i];
      Vector<dim> h_x = J.transpose() * p;
      if (!constant_a) {
        for (int j = 0; j < dim; ++j) {
          const double step = 1e-6 * std::max(1.0, std::abs(x[j]));
          Position plus = x, minus = x;
          plus[j] += step;
          minus[j] -= step;
          const Matrix<dim> dA = (problem.diffusion(plus) - problem.diffusion(minus)) / (2 * step);
          h_px_dphi += dphi[i][j] * (dA * p);
          h_x[j] += 0.5 * p.dot(dA * p);
        }
      }
      const double dlambda = (lambda[i + 1] - lambda[i - 1]) / (2 * da);
      rhs[i] = -lambda[i] * h_px_dphi + A[i] * h_x + lambda[i] * dlambda * dphi[i];
      r[i] = tau * lambda[i] * lambda[i] / (da * da);
    }
    // (1 + 2 r_i) phi_i - r_i (phi_{i-1} + phi_{i+1}) = phi_i + tau rhs_i, ends fixed: Thomas.
    std::vector<Vector<dim>> d(n);
    std::vector<double> c(n, 0.0);
    for (int i = 1; i + 1 < n; ++i) {
      d[i] = to_vector<dim>(path[i]) + tau * rhs[i];
      if (i == 1) d[i] += r[i] * to_vector<dim>(path[0]);
      if (i == n - 2) d[i] += r[i] * to_vector<dim>(path[n - 1]);
      const double diagonal = 1 + 2 * r[i] + (i > 1 ? r[i] * c[i - 1] : 0.0);
      c[i] = -r[i] / diagonal;
      d[i] = (d[i] + (i > 1 ? Vector<dim>(r[i] * d[i - 1]) : Vector<dim>::Zero())) / diagonal;
    }
    std::vector<Position> next = path;
    Vector<dim> above = to_vector<dim>(path[n - 1]);
    for (int i = n - 2; i >= 1; --i) {
      const Vector<dim> x = i == n - 2 ? d[i] : Vector<dim>(d[i] - c[i] * above);
      next[i] = to_point<dim>(x);
      above = x;
    }
    // Only the normal part of the move changes the curve; the tangential part would be undone
    // by the reparametrisation, with an interpolation error that shifts the fixed point.
    for (int i = 1; i + 1 < n; ++i) {
      const Vector<dim> t = dphi[i].normalized();
      const Vector<dim> move = to_vector<dim>(next[i]) - to_vector<dim>(path[i]);
      next[i] = to_point<dim>(to_vector<dim>(path[i]) + move - move.dot(t) * t);
    }
    bool finite = true;
    for (const Position& x : next) finite = finite && to_vector<dim>(x).allFinite();
    const std::vector<Position> candidate =
        finite ? detail::resample_by_arclength<dim>(next, n) : next;
    const double next_action = finite ? polyline_action<dim>(problem, candidate) : NAN;
    // The relaxation lowers the action in the continuum: a step that blows up or raises it by
    // more than 0.1% is unstable, and is retried with half of it.
    if (!std::isfinite(next_action) || next_action > action + 1e-3 * std::abs(action)) {
      tau *= 0.5;
      if (tau < 1e-8 * tau0) {
        out.status =
            std::isfinite(next_action) ? GmamStatus::step_collapsed : GmamStatus::non_finite;
        out.status_detail = std::isfinite(next_action)
                                ? "every step raised the action, down to 1e-8 of the first step"
                                : "the path became non-finite, down to 1e-8 of the first step";
        break;
      }
      continue;
    }
    path = candidate;
    action = next_action;
    history.push_back(action);
    ++out.iterations;
    const int w = settings.window;
    if (static_cast<int>(history.size()) > w) {
      out.action_change = std::abs(action - history[history.size() - 1 - w]) /
                          std::max(std::abs(action), std::numeric_limits<double>::min());
      if (out.action_change <= settings.tolerance) {
        out.converged = true;
        out.status = GmamStatus::converged;
        break;
      }
    }
  }
  if (!out.converged && out.status == GmamStatus::iteration_limit) {
    char change[32];
    std::snprintf(change, sizeof change, "%.2e", out.action_change);
    out.status_detail = "no convergence in " + std::to_string(settings.max_iterations) +
                        " iterations (relative change of the action over the last " +
                        std::to_string(settings.window) + ": " + change + ")";
  }
  out.points = path;
  out.action = action;
  out.step = tau;
  return out;
}

}  // namespace hj

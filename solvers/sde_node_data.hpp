// Per-node data of an SDE problem that the quasi-potential solvers read in their inner loops:
// the drift, and the metric M = A^{-1} (stored once when A is constant). Tabulating checks that b
// is finite and A symmetric positive definite at every node and names the first point where not;
// solvers that evaluate the problem directly make the same check with check_sde_on_grid.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/node_vector.hpp"
#include "core/value.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/sde_problem.hpp"

namespace hj {

/// Drift and metric M = A^{-1} at every node; M stored once when A is constant.
template <int dim>
struct SdeNodeData {
  NodeVector<Vector<dim>> drift;
  NodeVector<Matrix<dim>> metric;  ///< one entry when A is constant
  const Matrix<dim>& metric_at(std::size_t node) const {
    return metric.size() == 1 ? metric.front() : metric[node];
  }
};

/// A^{-1} at x; an error naming x when A is not symmetric positive definite there.
template <int dim>
Matrix<dim> checked_metric(const SdeProblem<dim>& problem, const std::array<double, dim>& x) {
  const Matrix<dim> A = problem.diffusion(x);
  const Eigen::LLT<Matrix<dim>> cholesky(A);
  if (cholesky.info() != Eigen::Success || !A.allFinite() ||
      (A - A.transpose()).norm() > 1e-12 * A.norm()) {
    std::ostringstream message;
    message << "problem '" << problem.name()
            << "': the diffusion matrix A at x = " << format_point(x)
            << " is not symmetric positive definite (A = "
            << A.format(Eigen::IOFormat(6, Eigen::DontAlignCols, ", ", "; ", "", "", "[", "]"))
            << "); fix sigma or the diffusion there";
    throw Error(message.str());
  }
  return Matrix<dim>(cholesky.solve(Matrix<dim>::Identity()));
}

/// b(x); an error naming x when it is not finite.
template <int dim>
Vector<dim> checked_drift(const SdeProblem<dim>& problem, const std::array<double, dim>& x) {
  const Vector<dim> b = problem.drift(x);
  if (!b.allFinite()) {
    throw Error("problem '" + problem.name() +
                "': the drift is not finite at x = " + format_point(x));
  }
  return b;
}

/// Checks b and A at every node (for solvers that evaluate the problem where they need it).
template <int dim>
void check_sde_on_grid(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid) {
  if (problem.constant_diffusion()) checked_metric<dim>(problem, grid.point(std::size_t{0}));
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto x = grid.point(i);
    checked_drift<dim>(problem, x);
    if (!problem.constant_diffusion()) checked_metric<dim>(problem, x);
  }
}

template <int dim>
SdeNodeData<dim> tabulate_sde(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid) {
  SdeNodeData<dim> data;
  data.drift.resize(grid.size());
  if (problem.constant_diffusion()) {
    data.metric.assign(1, checked_metric<dim>(problem, grid.point(std::size_t{0})));
  } else {
    data.metric.resize(grid.size());
  }
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto x = grid.point(i);
    data.drift[i] = checked_drift<dim>(problem, x);
    if (!problem.constant_diffusion()) data.metric[i] = checked_metric<dim>(problem, x);
  }
  return data;
}

}  // namespace hj

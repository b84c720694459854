// Per-node data of a metric problem that the line-integral update reads in its inner loop: M
// and the one-form w (each stored once when the problem's coefficients are constant).
// Tabulating checks at every node that M is symmetric positive definite and that
// |w|_{M^-1} < 1 (otherwise F(x, v) <= 0 for some v), and names the first point where not.
#pragma once

#include <sstream>
#include <string>

#include "core/error.hpp"
#include "core/node_vector.hpp"
#include "core/value.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/metric_problem.hpp"

namespace hj {

template <int dim>
struct MetricNodeData {
  NodeVector<Matrix<dim>> metric;    ///< one entry when constant
  NodeVector<Vector<dim>> one_form;  ///< one entry when constant
  const Matrix<dim>& metric_at(std::size_t node) const {
    return metric.size() == 1 ? metric.front() : metric[node];
  }
  const Vector<dim>& one_form_at(std::size_t node) const {
    return one_form.size() == 1 ? one_form.front() : one_form[node];
  }
};

namespace detail {

template <int dim>
void check_metric_at(const MetricProblem<dim>& problem, const std::array<double, dim>& x,
                     const Matrix<dim>& M, const Vector<dim>& w) {
  const auto format = Eigen::IOFormat(6, Eigen::DontAlignCols, ", ", "; ", "", "", "[", "]");
  std::ostringstream message;
  message << "problem '" << problem.name() << "': at x = " << format_point(x) << ", ";
  if (!M.allFinite() || (M - M.transpose()).norm() > 1e-12 * M.norm() ||
      M.llt().info() != Eigen::Success) {
    message << "the metric M = " << M.format(format)
            << " is not symmetric positive definite; fix the metric there";
    throw Error(message.str());
  }
  if (!w.allFinite() || !(one_form_size<dim>(M, w) < 1)) {
    message << "the one-form w = " << w.transpose().format(format)
            << " has |w|_{M^-1} = " << one_form_size<dim>(M, w)
            << ", which must be below 1 for the cost to be positive; shrink w";
    throw Error(message.str());
  }
}

}  // namespace detail

template <int dim>
MetricNodeData<dim> tabulate_metric(const MetricProblem<dim>& problem,
                                    const StructuredGrid<dim>& grid) {
  MetricNodeData<dim> data;
  const std::size_t stored = problem.constant_coefficients() ? 1 : grid.size();
  data.metric.resize(stored);
  data.one_form.resize(stored);
  for (std::size_t i = 0; i < stored; ++i) {
    const auto x = grid.point(i);
    data.metric[i] = problem.metric(x);
    data.one_form[i] = problem.one_form(x);
    detail::check_metric_at<dim>(problem, x, data.metric[i], data.one_form[i]);
  }
  return data;
}

}  // namespace hj

// MetricCost<dim>: the cost policy of the line-integral update for metric problems,
// F(z, v) = |v|_M + <w, v> (Riemannian when w = 0, Randers otherwise), with M and w read per node
// from MetricNodeData and blended linearly where the update needs them between nodes.
#pragma once

#include "problems/metric_problem.hpp"
#include "solvers/metric_node_data.hpp"

namespace hj {

template <int dim>
class MetricCost {
 public:
  /// What F needs at one point.
  struct Coefficients {
    Matrix<dim> metric;
    Vector<dim> one_form;
    void add(double weight, const Coefficients& other) {
      metric += weight * other.metric;
      one_form += weight * other.one_form;
    }
    void scale(double factor) {
      metric *= factor;
      one_form *= factor;
    }
  };

  explicit MetricCost(const MetricNodeData<dim>& data) : data_(data) {}

  static Coefficients zero() { return {Matrix<dim>::Zero(), Vector<dim>::Zero()}; }
  Coefficients at(std::size_t node) const {
    return {data_.metric_at(node), data_.one_form_at(node)};
  }
  static double cost(const Coefficients& c, const Vector<dim>& v) {
    return randers_cost<dim>(c.metric, c.one_form, v);
  }

 private:
  const MetricNodeData<dim>& data_;
};

}  // namespace hj

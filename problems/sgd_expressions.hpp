// The SGD pieces a user writes as expressions (muParser, compiled once; compiled_expressions.hpp):
//   ExpressionLoss:   model.loss, a per-sample loss l_i in x, y (, z) and the data set's columns
//                     (or L itself without data), with model.gradient optional;
//   ExpressionMatrix: noise.diffusion, a dim x dim matrix of expressions in x, y (, z).
// Both read model.parameters. Evaluation binds variables inside the compiled expressions, so
// these objects are used from one thread.
#pragma once

#include <memory>
#include <vector>

#include "problems/compiled_expressions.hpp"
#include "problems/sample_table.hpp"
#include "problems/sgd_loss.hpp"

namespace hj {

template <int dim>
class ExpressionLoss final : public SgdLoss<dim> {
 public:
  /// `gradient`: empty (central differences of `loss`) or dim expressions. `data` may have no
  /// rows: the loss is then L itself, with no per-sample structure.
  ExpressionLoss(const ExpressionText& loss, const std::vector<ExpressionText>& gradient,
                 const RealTable& parameters, const std::string& parameters_where, SampleTable data,
                 const Vector<dim>& guess);
  ~ExpressionLoss() override;

  std::string name() const override { return "expression"; }
  std::size_t samples() const override { return static_cast<std::size_t>(data_.samples()); }
  double loss(const Vector<dim>& x) const override;
  Vector<dim> gradient(const Vector<dim>& x) const override;
  /// Central differences of the gradient (about 1e-10 relative for smooth losses).
  Matrix<dim> hessian(const Vector<dim>& x) const override;
  Vector<dim> sample_gradient(std::size_t i, const Vector<dim>& x) const override;
  Vector<dim> minimum_guess() const override { return guess_; }
  bool thread_safe() const override { return false; }

 private:
  void bind(std::size_t sample, const Vector<dim>& x) const;
  double sample_loss(std::size_t sample, const Vector<dim>& x) const;

  std::unique_ptr<CompiledExpressions> compiled_;
  int loss_ = -1;
  std::vector<int> gradient_;
  SampleTable data_;
  Vector<dim> guess_;
};

template <int dim>
class ExpressionMatrix {
 public:
  /// `rows`: dim rows of dim expressions.
  ExpressionMatrix(const std::vector<std::vector<ExpressionText>>& rows,
                   const RealTable& parameters, const std::string& parameters_key,
                   const std::string& parameters_where);
  ~ExpressionMatrix();
  Matrix<dim> operator()(const Vector<dim>& x) const;
  /// True when no entry reads x, y or z.
  bool constant() const { return constant_; }

 private:
  std::unique_ptr<CompiledExpressions> compiled_;
  std::vector<std::vector<int>> entries_;
  bool constant_ = true;
};

}  // namespace hj

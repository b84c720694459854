// ExpressionSde<dim>: an SDE written in the problem file, problem.type = "expression":
//   drift = ["-a*x - c*y", "a*c*x - y"], diffusion = [["1", "0"], ["0", "1"]] (or sigma, with
//   A = sigma sigma^T), parameters = {a = 2.0, c = 1.0}, optionally the exact potential V.
// Every expression is parsed once by muParser, which compiles it to bytecode; evaluating it is a
// run through that bytecode, with no parsing (about 5 times a compiled drift, docs/performance.md).
// olim and fmm tabulate b and A at the nodes before they march, so they do not evaluate the
// problem in their inner loops; the jet evaluates b and A on its arcs, through the bytecode.
// muParser stays inside compiled_expressions.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/options.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/compiled_expressions.hpp"
#include "problems/sde_problem.hpp"

namespace hj {

/// What a user wrote, already in shape: `drift` has dim entries; exactly one of `diffusion`
/// (dim x dim) and `sigma` (dim rows of m >= 1) is non-empty; `gradient` is empty or has dim
/// entries; an empty `potential.text` means V is unknown.
struct ExpressionSdeText {
  std::vector<ExpressionText> drift;
  std::vector<std::vector<ExpressionText>> diffusion;
  std::vector<std::vector<ExpressionText>> sigma;
  ExpressionText potential;
  std::vector<ExpressionText> gradient;
  RealTable parameters;
  std::string parameters_where;  ///< origin of problem.parameters
};

/// "x", "y" (, "z"): the coordinates' names in expressions.
inline std::vector<std::string> coordinate_names(int dim) {
  static const std::vector<std::string> names = {"x", "y", "z"};
  return {names.begin(), names.begin() + dim};
}

template <int dim>
class ExpressionSde final : public SdeProblem<dim> {
 public:
  using Point = typename SdeProblem<dim>::Point;

  /// Compiles every expression; throws hj::Error naming the expression, its origin and the
  /// character where muParser fails, an unknown name, or a parameter named like a coordinate.
  /// `guess` is where Newton's method looks for the attractor unless problem.attractor says.
  ExpressionSde(const ExpressionSdeText& text, const Point& guess);
  ~ExpressionSde() override;

  std::string name() const override { return "expression"; }
  Vector<dim> drift(const Point& x) const override;
  Matrix<dim> diffusion(const Point& x) const override;
  /// True when no diffusion or sigma expression uses x, y or z (muParser lists what each uses).
  bool constant_diffusion() const override { return constant_diffusion_; }
  /// Each thread evaluates its own compiled copy (expressions()), so simulations use every core.
  bool thread_safe() const override { return true; }
  bool has_exact_solution() const override { return potential_ >= 0; }
  std::optional<double> exact_solution(const Point& x) const override;
  /// problem.gradient where given; else central differences of problem.potential.
  std::optional<Vector<dim>> exact_gradient(const Point& x) const override;

 protected:
  Point default_attractor_guess() const override { return guess_; }

 private:
  // The evaluation writes x into the variables muParser reads, so even the const functions
  // change state: the constructing thread uses compiled_, every other thread its own copy.
  CompiledExpressions& expressions() const;
  void bind(const Point& x) const;
  Matrix<dim> evaluate_diffusion() const;

  ExpressionSdeText text_;
  std::unique_ptr<CompiledExpressions> compiled_;
  std::array<int, dim> drift_{};         // indices into compiled_
  std::vector<std::vector<int>> noise_;  // diffusion (dim x dim) or sigma (dim x m)
  bool noise_is_sigma_ = false;
  int potential_ = -1;         // -1: V unknown
  std::vector<int> gradient_;  // empty: differences of V
  bool constant_diffusion_ = false;
  Matrix<dim> constant_A_ = Matrix<dim>::Zero();
  Point guess_;
  std::thread::id owner_;
  std::uint64_t id_;  ///< names this problem's copies (an address could be reused)
};

/// The expressions of a string-list option, each labelled "origin: key[i]" for messages.
std::vector<ExpressionText> expression_list(const Options& options, const std::string& key);

/// problem.drift, problem.diffusion, problem.sigma, problem.parameters, problem.potential,
/// problem.gradient and problem.attractor, with their help.
void declare_expression_sde(OptionDeclarations& declarations);

/// Reads the options into an ExpressionSde, checking the shapes first (dim drift entries, a
/// square diffusion, exactly one of diffusion and sigma). The attractor guess is the box centre.
template <int dim>
std::unique_ptr<ExpressionSde<dim>> make_expression_sde(const Options& options,
                                                        const StructuredGrid<dim>& grid);

}  // namespace hj

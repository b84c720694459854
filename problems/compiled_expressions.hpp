// CompiledExpressions: expressions from a problem file, parsed once by muParser and evaluated
// through its bytecode. Variables (the coordinates x, y, z, and for SGD losses the columns of a
// data set) are bound by address: write them into variables() before calling value().
// Parameters are constants, so the bytecode folds them. muParser stays inside the .cpp file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace hj {

/// One expression and where it came from, for messages: "f.toml:5:9: problem.drift[1]".
struct ExpressionText {
  std::string text;
  std::string where;
};

namespace detail {
class ExpressionParsers;
}

class CompiledExpressions {
 public:
  /// `variables`: the names bound to variables()[k]; `parameters`: named constants, from the
  /// option `parameters_key` (named in messages) set at `parameters_where`. Throws hj::Error
  /// for a parameter that shadows a variable or is not a valid name.
  CompiledExpressions(std::vector<std::string> variables, const RealTable& parameters,
                      const std::string& parameters_key, const std::string& parameters_where);
  ~CompiledExpressions();
  CompiledExpressions(const CompiledExpressions&) = delete;
  CompiledExpressions& operator=(const CompiledExpressions&) = delete;

  /// Compiles `expression` and returns its index; throws hj::Error naming its origin and the
  /// character (counted from 1) where muParser fails, or the unknown name.
  int add(const ExpressionText& expression);
  /// The expression's value at the variables as they are now.
  double value(int index) const;
  /// True when the expression reads any variable (false: it is a constant).
  bool uses_variables(int index) const;
  /// True when the expression reads variables()[k].
  bool uses_variable(int index, std::size_t k) const;
  /// Where to write the variables before value(); as many as names were given.
  double* variables() { return variables_.data(); }

 private:
  std::vector<std::string> names_;
  std::vector<double> variables_;
  std::unique_ptr<detail::ExpressionParsers> parsers_;
};

}  // namespace hj

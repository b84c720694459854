// The typed value of one option, as read from a problem file or a --set override.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace hj {

/// The kinds of value an option can hold. A list kind also accepts a single value, which the
/// component broadcasts (so `domain.n = 101` means 101 nodes on every axis). The string kinds
/// carry expressions (problem.type = "expression"): string_list one per drift component,
/// string_rows a matrix of them (problem.diffusion), real_table named numbers
/// (problem.parameters = {a = 2.0}).
enum class ValueKind {
  boolean,
  integer,
  real,
  string,
  integer_list,
  real_list,
  point_list,
  string_list,
  string_rows,
  real_table
};

using Point = std::vector<double>;
using StringRow = std::vector<std::string>;
/// Named numbers; ordered by name, as TOML tables are, so that outputs are reproducible.
using RealTable = std::map<std::string, double>;

/// One option value. Integers and reals are kept apart so that `domain.n = 1.5` is an error.
using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                           std::vector<double>, std::vector<Point>, std::vector<std::string>,
                           std::vector<StringRow>, RealTable>;

/// What a user would write for this kind in a problem file ("a list of numbers", ...).
std::string describe(ValueKind kind);

/// The value written as TOML, e.g. `[0.0, 1.5]`, `"fmm"` or `{a = 2.0, c = 1.0}`.
std::string to_toml(const Value& value);

/// A number written as TOML, recognisably a real ("1.0", "0.5", "1e-07").
std::string format_real(double x);

/// A number for a table people read: `digits` significant digits ("%.*g").
std::string format_brief(double x, int digits);

/// A point written as the user would, "[0.5, 2.0]".
template <std::size_t n>
std::string format_point(const std::array<double, n>& x) {
  return to_toml(std::vector<double>(x.begin(), x.end()));
}

}  // namespace hj

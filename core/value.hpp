// The typed value of one option, as read from a problem file or a --set override.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace hj {

/// The kinds of value an option can hold. A list kind also accepts a single value, which the
/// component broadcasts (so `domain.n = 101` means 101 nodes on every axis).
enum class ValueKind { boolean, integer, real, string, integer_list, real_list, point_list };

using Point = std::vector<double>;

/// One option value. Integers and reals are kept apart so that `domain.n = 1.5` is an error.
using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                           std::vector<double>, std::vector<Point>>;

/// What a user would write for this kind in a problem file ("a list of numbers", ...).
std::string describe(ValueKind kind);

/// The value written as TOML, e.g. `[0.0, 1.5]` or `"fmm"`.
std::string to_toml(const Value& value);

/// A point written as the user would, "[0.5, 2.0]".
template <std::size_t n>
std::string format_point(const std::array<double, n>& x) {
  return to_toml(std::vector<double>(x.begin(), x.end()));
}

}  // namespace hj

#include "core/value.hpp"

#include <sstream>

namespace hj {

std::string describe(ValueKind kind) {
  switch (kind) {
    case ValueKind::boolean:
      return "true or false";
    case ValueKind::integer:
      return "an integer";
    case ValueKind::real:
      return "a number";
    case ValueKind::string:
      return "a string";
    case ValueKind::integer_list:
      return "an integer or a list of integers";
    case ValueKind::real_list:
      return "a number or a list of numbers";
    case ValueKind::point_list:
      return "a list of points (lists of numbers)";
  }
  return "?";
}

namespace {
void write_real(std::ostream& out, double x) {
  std::ostringstream s;
  s.precision(17);
  s << x;
  std::string text = s.str();
  // Keep reals recognisable as reals when read back as TOML.
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  out << text;
}

template <typename T, typename WriteOne>
void write_list(std::ostream& out, const std::vector<T>& list, WriteOne write_one) {
  out << "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out << ", ";
    write_one(list[i]);
  }
  out << "]";
}
}  // namespace

std::string to_toml(const Value& value) {
  std::ostringstream out;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          out << (v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out << v;
        } else if constexpr (std::is_same_v<T, double>) {
          write_real(out, v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          out << '"' << v << '"';
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          write_list(out, v, [&](std::int64_t x) { out << x; });
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          write_list(out, v, [&](double x) { write_real(out, x); });
        } else {
          write_list(out, v, [&](const Point& p) {
            write_list(out, p, [&](double x) { write_real(out, x); });
          });
        }
      },
      value);
  return out.str();
}

}  // namespace hj

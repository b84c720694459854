#include "core/value.hpp"

#include <charconv>
#include <cstdio>
#include <sstream>

namespace hj {

std::string format_brief(double x, int digits) {
  char text[40];
  std::snprintf(text, sizeof text, "%.*g", digits, x);
  return text;
}

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
    case ValueKind::string_list:
      return "a list of strings (expressions)";
    case ValueKind::string_rows:
      return "a list of rows, each a list of strings (expressions)";
    case ValueKind::real_table:
      return "a table of named numbers, e.g. {a = 2.0}";
  }
  return "?";
}

std::string format_real(double x) {
  // The shortest text that reads back as the same double: 0.1, not 0.10000000000000001.
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  std::string text(buffer, end);
  // Keep reals recognisable as reals when read back as TOML.
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

namespace {
void write_real(std::ostream& out, double x) { out << format_real(x); }

// A TOML basic string: expressions may hold quotes or backslashes only by mistake, but the
// output must still read back as what was given.
void write_string(std::ostream& out, const std::string& text) {
  out << '"';
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out << '\\';
    out << ch;
  }
  out << '"';
}

// A table key: bare when TOML allows it (letters, digits, _ and -), else quoted.
void write_key(std::ostream& out, const std::string& key) {
  const bool bare = !key.empty() && key.find_first_not_of(
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789_-") == std::string::npos;
  if (bare) {
    out << key;
  } else {
    write_string(out, key);
  }
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
          write_string(out, v);
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          write_list(out, v, [&](std::int64_t x) { out << x; });
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          write_list(out, v, [&](double x) { write_real(out, x); });
        } else if constexpr (std::is_same_v<T, std::vector<Point>>) {
          write_list(out, v, [&](const Point& p) {
            write_list(out, p, [&](double x) { write_real(out, x); });
          });
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          write_list(out, v, [&](const std::string& x) { write_string(out, x); });
        } else if constexpr (std::is_same_v<T, std::vector<StringRow>>) {
          write_list(out, v, [&](const StringRow& row) {
            write_list(out, row, [&](const std::string& x) { write_string(out, x); });
          });
        } else {
          static_assert(std::is_same_v<T, RealTable>);
          out << "{";
          bool first = true;
          for (const auto& [name, x] : v) {
            out << (first ? "" : ", ");
            first = false;
            write_key(out, name);
            out << " = ";
            write_real(out, x);
          }
          out << "}";
        }
      },
      value);
  return out.str();
}

}  // namespace hj

#include "core/problem_file.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>

#include "core/error.hpp"

namespace hj {
namespace {

std::string where(const std::string& source_name, const toml::source_region& region) {
  return source_name + ":" + std::to_string(region.begin.line) + ":" +
         std::to_string(region.begin.column);
}

// Converts a TOML value to an hj Value; returns false for shapes hj has no option kind for.
bool to_value(const toml::node& node, Value& out) {
  if (auto b = node.value_exact<bool>()) {
    out = *b;
    return true;
  }
  if (auto i = node.value_exact<std::int64_t>()) {
    out = *i;
    return true;
  }
  if (auto d = node.value_exact<double>()) {
    out = *d;
    return true;
  }
  if (auto s = node.value_exact<std::string>()) {
    out = *s;
    return true;
  }
  if (const toml::table* table = node.as_table()) {  // named numbers, {a = 2.0, c = 1.0}
    RealTable named;
    for (const auto& [name, element] : *table) {
      const auto x = element.value<double>();
      if (!element.is_number() || !x) return false;
      named[std::string(name.str())] = *x;
    }
    out = std::move(named);
    return true;
  }
  const toml::array* array = node.as_array();
  if (array == nullptr) return false;
  if (array->empty()) {
    out = std::vector<double>{};
    return true;
  }
  if (array->is_homogeneous(toml::node_type::integer)) {
    std::vector<std::int64_t> ints;
    for (const auto& element : *array) ints.push_back(*element.value_exact<std::int64_t>());
    out = std::move(ints);
    return true;
  }
  const bool all_numbers = std::all_of(
      array->begin(), array->end(), [](const toml::node& element) { return element.is_number(); });
  if (all_numbers) {  // integers and floats mixed, e.g. [0.25, 0]
    std::vector<double> reals;
    for (const auto& element : *array) reals.push_back(*element.value<double>());
    out = std::move(reals);
    return true;
  }
  const bool strings_and_numbers = std::all_of(
      array->begin(), array->end(),
      [](const toml::node& element) { return element.is_string() || element.is_number(); });
  if (strings_and_numbers) {  // expressions, where a number is an expression too: ["-y", 0]
    std::vector<std::string> texts;
    for (const auto& element : *array) {
      if (auto text = element.value_exact<std::string>()) {
        texts.push_back(*text);
      } else if (auto i = element.value_exact<std::int64_t>()) {
        texts.push_back(std::to_string(*i));
      } else {
        texts.push_back(format_real(*element.value<double>()));
      }
    }
    out = std::move(texts);
    return true;
  }
  if (array->is_homogeneous(toml::node_type::array)) {
    // Rows of numbers are points; as soon as one row holds a string, all rows are expressions.
    std::vector<Value> rows;
    bool any_strings = false;
    for (const auto& element : *array) {
      Value inner;
      if (!to_value(element, inner)) return false;
      if (std::holds_alternative<std::vector<std::string>>(inner)) {
        any_strings = true;
      } else if (!std::holds_alternative<std::vector<std::int64_t>>(inner) &&
                 !std::holds_alternative<std::vector<double>>(inner)) {
        return false;
      }
      rows.push_back(std::move(inner));
    }
    if (any_strings) {
      std::vector<StringRow> texts;
      for (const auto& row : rows) {
        if (const auto* strings = std::get_if<std::vector<std::string>>(&row)) {
          texts.push_back(*strings);
        } else if (const auto* ints = std::get_if<std::vector<std::int64_t>>(&row)) {
          StringRow text;
          for (const auto i : *ints) text.push_back(std::to_string(i));
          texts.push_back(std::move(text));
        } else {
          StringRow text;
          for (const double x : std::get<std::vector<double>>(row)) text.push_back(format_real(x));
          texts.push_back(std::move(text));
        }
      }
      out = std::move(texts);
      return true;
    }
    std::vector<Point> points;
    for (const auto& row : rows) {
      if (const auto* ints = std::get_if<std::vector<std::int64_t>>(&row)) {
        points.emplace_back(ints->begin(), ints->end());
      } else {
        points.push_back(std::get<std::vector<double>>(row));
      }
    }
    out = std::move(points);
    return true;
  }
  return false;
}

RawSettings settings_from_table(const toml::table& root, const std::string& source_name) {
  RawSettings settings;
  for (const auto& [table_name, node] : root) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      throw Error(where(source_name, node.source()) + ": '" + std::string(table_name.str()) +
                  "' must be inside a table such as [problem], [domain], [solver] or [output]");
    }
    for (const auto& [key, value_node] : *table) {
      const std::string full_key = std::string(table_name.str()) + "." + std::string(key.str());
      const std::string origin = where(source_name, value_node.source());
      Value value;
      if (!to_value(value_node, value)) {
        throw Error(origin + ": " + full_key +
                    " has a value hj cannot use here (expected a boolean, number, string, a list "
                    "of numbers, of points or of strings, or a table of numbers)");
      }
      settings[full_key] = {std::move(value), origin};
    }
  }
  return settings;
}

}  // namespace

RawSettings parse_problem_text(std::string_view text, const std::string& source_name) {
  try {
    const toml::table root = toml::parse(text, source_name);
    return settings_from_table(root, source_name);
  } catch (const toml::parse_error& error) {
    throw Error(where(source_name, error.source()) +
                ": TOML syntax error: " + std::string(error.description()));
  }
}

RawSettings read_problem_file(const std::string& path) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    throw Error(path + ": no such problem file; give the path of a .toml file (see examples/)");
  }
  try {
    const toml::table root = toml::parse_file(path);
    return settings_from_table(root, path);
  } catch (const toml::parse_error& error) {
    throw Error(where(path, error.source()) +
                ": TOML syntax error: " + std::string(error.description()));
  }
}

void apply_override(RawSettings& settings, const std::string& assignment) {
  const std::string origin = "--set " + assignment;
  const auto equals = assignment.find('=');
  if (equals == std::string::npos) {
    throw Error(origin + ": expected table.key=value, e.g. --set domain.n=201");
  }
  const std::string key = assignment.substr(0, equals);
  const std::string text = assignment.substr(equals + 1);
  const auto dot = key.find('.');
  const auto second_dot = dot == std::string::npos ? dot : key.find('.', dot + 1);
  if (dot == std::string::npos || dot == 0 || dot + 1 == key.size() || second_dot == dot + 1 ||
      second_dot + 1 == key.size() ||
      (second_dot != std::string::npos && key.find('.', second_dot + 1) != std::string::npos)) {
    throw Error(origin +
                ": the key must be table.key, e.g. domain.n (or table.key.name for one "
                "entry of a table of numbers, e.g. problem.parameters.a)");
  }
  Value value;
  try {
    const toml::table parsed = toml::parse("value = " + text);
    if (!to_value(*parsed.get("value"), value)) {
      throw Error(origin +
                  ": hj cannot use this value (expected a boolean, number, string, a list of "
                  "numbers, of points or of strings, or a table of numbers)");
    }
  } catch (const toml::parse_error&) {
    const bool bare_word = !text.empty() && text.find_first_of(" \t\"'[]{},=") == std::string::npos;
    if (!bare_word) {
      throw Error(origin + ": cannot read '" + text + "' as a TOML value");
    }
    value = text;
  }
  if (second_dot != std::string::npos) {
    // One entry of a table of named numbers (problem.parameters.a=3): merged into the table the
    // file gave, so the other entries stay.
    const std::string table_key = key.substr(0, second_dot);
    const std::string name = key.substr(second_dot + 1);
    double number = 0;
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      number = static_cast<double>(*i);
    } else if (const auto* x = std::get_if<double>(&value)) {
      number = *x;
    } else {
      throw Error(origin + ": " + table_key + "." + name + " must be a number, got " +
                  to_toml(value));
    }
    RealTable table;
    if (const auto found = settings.find(table_key); found != settings.end()) {
      if (const auto* given = std::get_if<RealTable>(&found->second.value)) table = *given;
    }
    table[name] = number;
    settings[table_key] = {std::move(table), origin};
    return;
  }
  settings[key] = {std::move(value), origin};
}

}  // namespace hj

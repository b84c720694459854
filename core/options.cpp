#include "core/options.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/error.hpp"

namespace hj {

OptionDeclarations& OptionDeclarations::add(std::string key, ValueKind kind, Value default_value,
                                            std::string help, OptionCheck check) {
  HJ_CHECK(find(key) == nullptr, "option declared twice: " + key);
  specs_.push_back(
      {std::move(key), kind, std::move(default_value), std::move(help), std::move(check)});
  return *this;
}

const OptionSpec* OptionDeclarations::find(const std::string& key) const {
  for (const auto& spec : specs_) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

void OptionDeclarations::append(const OptionDeclarations& other) {
  for (const auto& spec : other.specs_) {
    if (find(spec.key) == nullptr) specs_.push_back(spec);
  }
}

namespace {

std::string kind_of(const Value& value) {
  switch (value.index()) {
    case 0:
      return "a boolean";
    case 1:
      return "an integer";
    case 2:
      return "a number";
    case 3:
      return "a string";
    case 4:
      return "a list of integers";
    case 5:
      return "a list of numbers";
    case 6:
      return "a list of lists";
    case 7:
      return "a list of strings";
    case 8:
      return "a list of lists of strings";
    default:
      return "a table";
  }
}

// Numbers where expressions are expected are expressions too: diffusion = [[1, 0], [0, 1]].
template <typename Number>
std::vector<std::string> as_texts(const std::vector<Number>& numbers) {
  std::vector<std::string> texts;
  for (const Number x : numbers) {
    if constexpr (std::is_same_v<Number, double>) {
      texts.push_back(format_real(x));
    } else {
      texts.push_back(std::to_string(x));
    }
  }
  return texts;
}

// Converts what the user wrote to the declared kind; returns false if it cannot.
bool coerce(const Value& in, ValueKind kind, Value& out) {
  const auto* as_int = std::get_if<std::int64_t>(&in);
  const auto* as_real = std::get_if<double>(&in);
  const auto* as_ints = std::get_if<std::vector<std::int64_t>>(&in);
  const auto* as_reals = std::get_if<std::vector<double>>(&in);
  switch (kind) {
    case ValueKind::boolean:
      if (!std::holds_alternative<bool>(in)) return false;
      out = in;
      return true;
    case ValueKind::integer:
      if (!as_int) return false;
      out = in;
      return true;
    case ValueKind::real:
      if (as_int)
        out = static_cast<double>(*as_int);
      else if (as_real)
        out = *as_real;
      else
        return false;
      return true;
    case ValueKind::string:
      if (!std::holds_alternative<std::string>(in)) return false;
      out = in;
      return true;
    case ValueKind::integer_list:
      if (as_int)
        out = std::vector<std::int64_t>{*as_int};
      else if (as_ints)
        out = *as_ints;
      else
        return false;
      return true;
    case ValueKind::real_list:
      if (as_int)
        out = std::vector<double>{static_cast<double>(*as_int)};
      else if (as_real)
        out = std::vector<double>{*as_real};
      else if (as_ints)
        out = std::vector<double>(as_ints->begin(), as_ints->end());
      else if (as_reals)
        out = *as_reals;
      else
        return false;
      return true;
    case ValueKind::point_list: {
      if (const auto* points = std::get_if<std::vector<Point>>(&in)) {
        out = *points;
        return true;
      }
      // [] is no point; a single point is a list of one point.
      if (as_reals && as_reals->empty())
        out = std::vector<Point>{};
      else if (as_ints)
        out = std::vector<Point>{Point(as_ints->begin(), as_ints->end())};
      else if (as_reals)
        out = std::vector<Point>{*as_reals};
      else
        return false;
      return true;
    }
    case ValueKind::string_list:
      if (const auto* strings = std::get_if<std::vector<std::string>>(&in))
        out = *strings;
      else if (const auto* one = std::get_if<std::string>(&in))
        out = std::vector<std::string>{*one};
      else if (as_reals)  // [] included
        out = as_texts(*as_reals);
      else if (as_ints)
        out = as_texts(*as_ints);
      else if (as_int)
        out = std::vector<std::string>{std::to_string(*as_int)};
      else if (as_real)
        out = std::vector<std::string>{format_real(*as_real)};
      else
        return false;
      return true;
    case ValueKind::string_rows:
      if (const auto* rows = std::get_if<std::vector<StringRow>>(&in)) {
        out = *rows;
      } else if (const auto* points = std::get_if<std::vector<Point>>(&in)) {
        std::vector<StringRow> texts;
        for (const auto& p : *points) texts.push_back(as_texts(p));
        out = std::move(texts);
      } else if (as_reals && as_reals->empty()) {
        out = std::vector<StringRow>{};
      } else {
        return false;  // a flat list is no matrix: which entries would be rows?
      }
      return true;
    case ValueKind::real_table:
      if (!std::holds_alternative<RealTable>(in)) return false;
      out = in;
      return true;
  }
  return false;
}

bool all_finite(const Value& value) {
  if (const auto* x = std::get_if<double>(&value)) return std::isfinite(*x);
  if (const auto* xs = std::get_if<std::vector<double>>(&value)) {
    return std::all_of(xs->begin(), xs->end(), [](double x) { return std::isfinite(x); });
  }
  if (const auto* table = std::get_if<RealTable>(&value)) {
    return std::all_of(table->begin(), table->end(),
                       [](const auto& entry) { return std::isfinite(entry.second); });
  }
  if (const auto* ps = std::get_if<std::vector<Point>>(&value)) {
    for (const auto& p : *ps) {
      if (!std::all_of(p.begin(), p.end(), [](double x) { return std::isfinite(x); })) {
        return false;
      }
    }
  }
  return true;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string join(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += separator;
    out += words[i];
  }
  return out;
}

Options Options::resolve(const RawSettings& raw, const OptionDeclarations& declarations) {
  Options options;
  std::vector<std::string> known;
  for (const auto& spec : declarations.specs()) known.push_back(spec.key);

  for (const auto& [key, setting] : raw) {
    const OptionSpec* spec = declarations.find(key);
    if (spec == nullptr) {
      std::string message = setting.origin + ": unknown option '" + key + "'";
      const std::string suggestion = closest_match(key, known);
      if (!suggestion.empty()) {
        message += "; did you mean '" + suggestion + "'?";
      } else {
        message += "; run 'hj help' for the options of the chosen problem and solver";
      }
      throw Error(message);
    }
    Value value;
    if (!coerce(setting.value, spec->kind, value)) {
      throw Error(setting.origin + ": " + key + " must be " + describe(spec->kind) + ", got " +
                  kind_of(setting.value) + " " + to_toml(setting.value));
    }
    if (!all_finite(value)) {
      throw Error(setting.origin + ": " + key + " must be finite, got " + to_toml(value));
    }
    if (spec->check) {
      const std::string problem = spec->check(value);
      if (!problem.empty()) {
        throw Error(setting.origin + ": " + key + " = " + to_toml(value) + " " + problem);
      }
    }
    options.values_[key] = std::move(value);
    options.origins_[key] = setting.origin;
  }
  for (const auto& spec : declarations.specs()) {
    if (!options.has(spec.key)) options.values_[spec.key] = spec.default_value;
  }
  return options;
}

const Value& Options::at(const std::string& key) const {
  const auto found = values_.find(key);
  HJ_CHECK(found != values_.end(), "option not declared: " + key);
  return found->second;
}

bool Options::boolean(const std::string& key) const { return std::get<bool>(at(key)); }
std::int64_t Options::integer(const std::string& key) const {
  return std::get<std::int64_t>(at(key));
}
double Options::real(const std::string& key) const { return std::get<double>(at(key)); }
const std::string& Options::string(const std::string& key) const {
  return std::get<std::string>(at(key));
}
const std::vector<Point>& Options::points(const std::string& key) const {
  return std::get<std::vector<Point>>(at(key));
}
const std::vector<std::string>& Options::strings(const std::string& key) const {
  return std::get<std::vector<std::string>>(at(key));
}
const std::vector<StringRow>& Options::string_rows(const std::string& key) const {
  return std::get<std::vector<StringRow>>(at(key));
}
const RealTable& Options::real_table(const std::string& key) const {
  return std::get<RealTable>(at(key));
}

namespace {
template <typename T>
std::vector<T> broadcast(const Options& options, const std::string& key, const std::vector<T>& in,
                         std::size_t size) {
  if (in.size() == size) return in;
  if (in.size() == 1) return std::vector<T>(size, in.front());
  throw Error(options.origin(key) + ": " + key + " has " + std::to_string(in.size()) +
              " entries but the problem has " + std::to_string(size) +
              " dimensions; give one value or " + std::to_string(size));
}
}  // namespace

std::vector<double> Options::reals(const std::string& key, std::size_t size) const {
  return broadcast(*this, key, std::get<std::vector<double>>(at(key)), size);
}

std::vector<std::int64_t> Options::integers(const std::string& key, std::size_t size) const {
  return broadcast(*this, key, std::get<std::vector<std::int64_t>>(at(key)), size);
}

std::string Options::origin(const std::string& key) const {
  const auto found = origins_.find(key);
  return found == origins_.end() ? "default " + key : found->second;
}

void Options::set(const std::string& key, Value value) { values_[key] = std::move(value); }

namespace checks {

OptionCheck positive() {
  return [](const Value& v) -> std::string {
    if (const auto* x = std::get_if<double>(&v)) return *x > 0 ? "" : "must be > 0";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i > 0 ? "" : "must be > 0";
    if (const auto* xs = std::get_if<std::vector<double>>(&v)) {
      for (double x : *xs) {
        if (!(x > 0)) return "must have entries > 0";
      }
    }
    return "";
  };
}

OptionCheck non_negative() {
  return [](const Value& v) -> std::string {
    if (const auto* x = std::get_if<double>(&v)) return *x >= 0 ? "" : "must be >= 0";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i >= 0 ? "" : "must be >= 0";
    return "";
  };
}

OptionCheck at_least(std::int64_t minimum) {
  return [minimum](const Value& v) -> std::string {
    const std::string message = "must be at least " + std::to_string(minimum);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i >= minimum ? "" : message;
    if (const auto* is = std::get_if<std::vector<std::int64_t>>(&v)) {
      for (auto i : *is) {
        if (i < minimum) return "must have every entry at least " + std::to_string(minimum);
      }
    }
    return "";
  };
}

OptionCheck one_of(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](const Value& v) -> std::string {
    const auto& s = std::get<std::string>(v);
    if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return "";
    return "is not one of: " + join(allowed);
  };
}

}  // namespace checks

}  // namespace hj

// Typed options: each component declares its options (key, kind, default, check, one line of
// help); a problem file plus --set overrides are resolved against those declarations. `hj help`
// and docs/options.md are generated from the same declarations, so they cannot drift.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/value.hpp"

namespace hj {

/// Returns an empty string when the value is acceptable, else what is wrong ("must be > 0").
using OptionCheck = std::function<std::string(const Value&)>;

struct OptionSpec {
  std::string key;  ///< "table.name", e.g. "domain.n"
  ValueKind kind;
  Value default_value;
  std::string help;  ///< one line
  OptionCheck check;
};

/// The options of one component (a problem type, a solver, the domain, ...), in declaration order.
class OptionDeclarations {
 public:
  OptionDeclarations& add(std::string key, ValueKind kind, Value default_value, std::string help,
                          OptionCheck check = {});
  const std::vector<OptionSpec>& specs() const { return specs_; }
  const OptionSpec* find(const std::string& key) const;
  void append(const OptionDeclarations& other);

 private:
  std::vector<OptionSpec> specs_;
};

/// A value as the user wrote it, with where it came from ("file.toml:3:5", "--set a.b=1").
struct RawSetting {
  Value value;
  std::string origin;
};
using RawSettings = std::map<std::string, RawSetting>;

/// Resolved option values: every declared key has a value of its declared kind.
class Options {
 public:
  /// Checks every raw key against the declarations, converts it to the declared kind, runs the
  /// checks, and fills in defaults. Throws hj::Error naming the key, its origin and the fix.
  static Options resolve(const RawSettings& raw, const OptionDeclarations& declarations);

  bool has(const std::string& key) const { return values_.count(key) > 0; }
  bool boolean(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  double real(const std::string& key) const;
  const std::string& string(const std::string& key) const;
  /// A list option with exactly `size` entries; a single value given by the user is broadcast.
  std::vector<double> reals(const std::string& key, std::size_t size) const;
  std::vector<std::int64_t> integers(const std::string& key, std::size_t size) const;
  const std::vector<Point>& points(const std::string& key) const;
  /// The expression kinds: a list of strings, rows of strings, named numbers.
  const std::vector<std::string>& strings(const std::string& key) const;
  const std::vector<StringRow>& string_rows(const std::string& key) const;
  const RealTable& real_table(const std::string& key) const;
  /// Where a value came from, for error messages ("default" when not set).
  std::string origin(const std::string& key) const;
  /// True when the problem file or an override set `key` (its origin is not "default ...").
  bool is_set(const std::string& key) const { return origin(key).rfind("default", 0) != 0; }

  /// Replaces a value after resolution (a component recording what it actually used).
  void set(const std::string& key, Value value);
  const std::map<std::string, Value>& values() const { return values_; }

 private:
  const Value& at(const std::string& key) const;
  std::map<std::string, Value> values_;
  std::map<std::string, std::string> origins_;
};

/// The candidate closest to `word` by edit distance, or "" if none is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

/// "a, b, c"
std::string join(const std::vector<std::string>& words, const std::string& separator = ", ");

/// Ready-made checks.
namespace checks {
OptionCheck positive();
OptionCheck non_negative();
OptionCheck at_least(std::int64_t minimum);
OptionCheck one_of(std::vector<std::string> allowed);
}  // namespace checks

}  // namespace hj

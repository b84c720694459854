// Registry<Entry>: implementations chosen by name at run time (as PETSc registers -ksp_type).
// An unknown name is an error that lists the names that exist.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/options.hpp"

namespace hj {

template <typename Entry>
class Registry {
 public:
  /// `what` names the kind of thing in messages: "problem type", "solver".
  explicit Registry(std::string what) : what_(std::move(what)) {}

  void add(const std::string& name, Entry entry) {
    HJ_CHECK(entries_.count(name) == 0, what_ + " registered twice: " + name);
    entries_.emplace(name, std::move(entry));
  }

  /// The entry called `name`; `origin` says where the name came from, for the error message.
  const Entry& get(const std::string& name, const std::string& origin) const {
    const auto found = entries_.find(name);
    if (found != entries_.end()) return found->second;
    std::string message = origin + ": unknown " + what_ + " '" + name + "'";
    const std::string suggestion = closest_match(name, names());
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    message += " Known: " + join(names());
    throw Error(message);
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, entry] : entries_) out.push_back(name);
    return out;
  }
  const std::map<std::string, Entry>& entries() const { return entries_; }

 private:
  std::string what_;
  std::map<std::string, Entry> entries_;
};

}  // namespace hj

// The resolved options as JSON, the same in every file hj writes (summary.json,
// landscape.json): each value as its own JSON type.
#pragma once

#include <nlohmann/json.hpp>

#include "core/options.hpp"

namespace hj {

inline nlohmann::ordered_json options_json(const Options& options) {
  nlohmann::ordered_json resolved;
  for (const auto& [key, value] : options.values()) {
    resolved[key] = std::visit([](const auto& v) { return nlohmann::ordered_json(v); }, value);
  }
  return resolved;
}

}  // namespace hj

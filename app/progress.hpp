// A progress line on stderr for solves longer than a second, only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace hj {

class ProgressDisplay {
 public:
  /// `enabled` = false silences it (e.g. --quiet); it is silent anyway unless stderr is a tty.
  ProgressDisplay(std::string label, bool enabled);
  ~ProgressDisplay();
  /// Called by the marcher's hook; prints at most ten times a second, after the first second.
  void update(std::uint64_t done, std::uint64_t total);

 private:
  std::string label_;
  bool active_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_, last_print_;
};

}  // namespace hj

// Seconds elapsed on the steady clock, for the timings every Result and summary reports.
#pragma once

#include <chrono>

namespace hj {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace hj

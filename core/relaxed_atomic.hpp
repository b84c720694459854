// Loads and stores of a double that another thread may access at the same time: a parallel
// march reads the accepted values next to its slab while their owner writes them. Relaxed
// atomics compile to plain moves on x86-64 and AArch64, so the serial march pays nothing, and
// there is no data race in the C++ sense. (std::atomic_ref<const T> arrives only in C++26, hence
// the const_cast on a load, which does not write.)
#pragma once

#include <atomic>

namespace hj {

inline double relaxed_load(const double& x) {
  return std::atomic_ref<double>(const_cast<double&>(x)).load(std::memory_order_relaxed);
}

inline void relaxed_store(double& x, double value) {
  std::atomic_ref<double>(x).store(value, std::memory_order_relaxed);
}

}  // namespace hj

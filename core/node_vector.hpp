// NodeVector<T>: a std::vector for per-node data, backed by transparent huge pages when large.
//
// Marching visits nodes in the order of the heap, which jumps around the grid: with 4 KiB pages
// nearly every access misses the TLB once grids exceed a few megabytes. Asking the kernel for
// 2 MiB pages (madvise MADV_HUGEPAGE, where transparent huge pages are in "madvise" mode) removes
// most of those misses. Small arrays use the ordinary allocator.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace hj {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  static constexpr std::size_t huge_page = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_page) return std::allocator<T>().allocate(n);
    const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
    void* memory = std::aligned_alloc(huge_page, rounded);
    if (memory == nullptr) throw std::bad_alloc();
    madvise(memory, rounded, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
    return static_cast<T*>(memory);
  }

  void deallocate(T* memory, std::size_t n) {
    if (n * sizeof(T) < huge_page) {
      std::allocator<T>().deallocate(memory, n);
    } else {
      std::free(memory);
    }
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

template <typename T>
using NodeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace hj

// NodeVector<T>: a std::vector for per-node data, backed by transparent huge pages when large.
//
// Marching visits nodes in the order of the heap, which jumps around the grid: with 4 KiB pages
// nearly every access misses the TLB once grids exceed a few megabytes. Asking the kernel for
// 2 MiB pages (madvise MADV_HUGEPAGE, where transparent huge pages are in "madvise" mode) removes
// most of those misses. Small arrays use the ordinary allocator.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace hj {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  static constexpr std::size_t huge_page = std::size_t{2} << 20;
  static std::size_t rounded(std::size_t bytes) {
    return (bytes + huge_page - 1) / huge_page * huge_page;
  }

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_page) return std::allocator<T>().allocate(n);
    // A mapping of its own, returned whole to the kernel on deallocation (no heap fragmentation
    // keeps one solve's memory alive into the next), aligned to a huge page: map one huge page
    // more than needed and unmap the slack on both sides.
    const std::size_t length = rounded(bytes);
    void* mapped = mmap(nullptr, length + huge_page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + huge_page - 1) / huge_page * huge_page;
    if (aligned > start) munmap(mapped, aligned - start);
    const std::uintptr_t tail = aligned + length;
    const std::uintptr_t end = start + length + huge_page;
    if (end > tail) munmap(reinterpret_cast<void*>(tail), end - tail);
    void* memory = reinterpret_cast<void*>(aligned);
    madvise(memory, length, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
    return static_cast<T*>(memory);
  }

  void deallocate(T* memory, std::size_t n) {
    if (n * sizeof(T) < huge_page) {
      std::allocator<T>().deallocate(memory, n);
    } else {
      munmap(memory, rounded(n * sizeof(T)));
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

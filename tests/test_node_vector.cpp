#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

#include "core/memory.hpp"
#include "core/node_vector.hpp"

namespace hj {
namespace {

TEST(NodeVector, LargeArraysAreHugePageAlignedAndGiveTheirMemoryBack) {
  const std::uint64_t before = current_rss_bytes();
  {
    NodeVector<double> values(std::size_t{8} << 20, 1.5);  // 64 MiB
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(values.data()) % (std::size_t{2} << 20), 0u);
    std::iota(values.begin(), values.end(), 0.0);
    EXPECT_EQ(values.back(), static_cast<double>(values.size() - 1));
    EXPECT_GT(current_rss_bytes(), before + (std::uint64_t{60} << 20));
  }
  EXPECT_LT(current_rss_bytes(), before + (std::uint64_t{8} << 20));
}

TEST(NodeVector, SmallArraysUseTheOrdinaryHeap) {
  NodeVector<std::uint8_t> flags(1000, 3);
  flags.resize(5000, 4);
  EXPECT_EQ(flags[999], 3);
  EXPECT_EQ(flags[4999], 4);
}

}  // namespace
}  // namespace hj

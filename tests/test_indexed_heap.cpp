#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "solvers/indexed_heap.hpp"

namespace hj {
namespace {

TEST(IndexedHeap, PopsInKeyOrderAfterRandomPushesAndDecreases) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> uniform(0, 1);
  const std::size_t n = 2000;
  IndexedHeap heap(n);
  std::vector<double> key(n, 2.0);
  for (std::size_t round = 0; round < 5 * n; ++round) {
    const auto node = static_cast<IndexedHeap::Node>(random() % n);
    const double k = uniform(random);
    const bool inserted = heap.push_or_decrease(node, k);
    EXPECT_EQ(inserted, key[node] == 2.0);
    key[node] = std::min(key[node], k);
    EXPECT_DOUBLE_EQ(heap.key(node), key[node]);
  }
  std::vector<double> popped;
  while (!heap.empty()) {
    const auto entry = heap.pop();
    EXPECT_DOUBLE_EQ(entry.key, key[entry.node]);
    EXPECT_FALSE(heap.contains(entry.node));
    popped.push_back(entry.key);
  }
  EXPECT_TRUE(std::is_sorted(popped.begin(), popped.end()));
  EXPECT_EQ(popped.size(), static_cast<std::size_t>(std::count_if(
                               key.begin(), key.end(), [](double k) { return k < 2.0; })));
}

TEST(IndexedHeap, LargerKeyDoesNotRaiseANode) {
  IndexedHeap heap(3);
  heap.push_or_decrease(1, 0.5);
  heap.push_or_decrease(1, 0.9);
  EXPECT_DOUBLE_EQ(heap.key(1), 0.5);
}

}  // namespace
}  // namespace hj

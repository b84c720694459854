#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "solvers/indexed_heap.hpp"

namespace hj {
namespace {

// What the marcher does with a value for a node not yet popped: push it the first time, lower
// its key afterwards (never raise it). Returns true for a push.
bool push_or_decrease(IndexedHeap& heap, IndexedHeap::Node node, double key) {
  const IndexedHeap::Word word = heap.word(node);
  if (word == IndexedHeap::never_pushed) {
    heap.push(node, key);
    return true;
  }
  if (key < heap.entry(word).key) heap.change_key(word, key);
  return false;
}

TEST(IndexedHeap, PopsInKeyOrderAfterRandomPushesAndDecreases) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> uniform(0, 1);
  const std::size_t n = 2000;
  IndexedHeap heap(n);
  std::vector<double> key(n, 2.0);
  for (std::size_t round = 0; round < 5 * n; ++round) {
    const auto node = static_cast<IndexedHeap::Node>(random() % n);
    const double k = uniform(random);
    const bool inserted = push_or_decrease(heap, node, k);
    EXPECT_EQ(inserted, key[node] == 2.0);
    key[node] = std::min(key[node], k);
    EXPECT_DOUBLE_EQ(heap.key(node), key[node]);
  }
  std::vector<double> popped;
  while (!heap.empty()) {
    const auto entry = heap.pop(0);
    EXPECT_DOUBLE_EQ(entry.key, key[entry.node]);
    EXPECT_FALSE(heap.contains(entry.node));
    popped.push_back(entry.key);
  }
  EXPECT_TRUE(std::is_sorted(popped.begin(), popped.end()));
  EXPECT_EQ(popped.size(), static_cast<std::size_t>(std::count_if(
                               key.begin(), key.end(), [](double k) { return k < 2.0; })));
}

// Pops interleaved with pushes, decreases and raises, as in a march: handles of popped nodes are
// reused, and every pop must still be the smallest of a reference set.
TEST(IndexedHeap, InterleavedOperationsMatchAReferenceSet) {
  std::mt19937 random(11);
  std::uniform_real_distribution<double> uniform(0, 1);
  const std::size_t n = 500;
  IndexedHeap heap(n);
  std::map<IndexedHeap::Node, double> reference;
  std::vector<bool> popped(n, false);
  for (int round = 0; round < 20000; ++round) {
    const auto node = static_cast<IndexedHeap::Node>(random() % n);
    if (random() % 3 == 0 && !heap.empty()) {
      const auto smallest =
          std::min_element(reference.begin(), reference.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; });
      const IndexedHeap::Popped top = heap.pop(static_cast<IndexedHeap::Word>(round));
      ASSERT_EQ(top.key, smallest->second);
      reference.erase(top.node);
      popped[top.node] = true;
      EXPECT_EQ(heap.word(top.node), static_cast<IndexedHeap::Word>(round));
    } else if (!popped[node]) {
      const double k = uniform(random);
      // Pushed, or moved to k whether that is smaller or larger (fast marching's replace).
      if (heap.contains(node)) {
        heap.change_key(heap.word(node), k);
      } else {
        heap.push(node, k);
      }
      reference[node] = k;
      EXPECT_TRUE(heap.contains(node));
      EXPECT_EQ(heap.key(node), k);
    }
    ASSERT_EQ(heap.size(), reference.size());
  }
}

TEST(IndexedHeap, ChangeKeyMovesANodeBothWays) {
  IndexedHeap heap(3);
  heap.push(0, 0.1);
  heap.push(1, 0.2);
  heap.push(2, 0.3);
  heap.change_key(heap.word(0), 0.9);   // the root sinks below both others
  heap.change_key(heap.word(2), 0.05);  // a leaf rises to the root
  EXPECT_EQ(heap.pop(0).node, 2u);
  EXPECT_EQ(heap.pop(1).node, 1u);
  const IndexedHeap::Popped last = heap.pop(2);
  EXPECT_EQ(last.node, 0u);
  EXPECT_DOUBLE_EQ(last.key, 0.9);
}

// The words can be the caller's array: they say never pushed, in the heap, or the mark a pop
// left, which is how the Marcher keeps acceptance numbers in them.
TEST(IndexedHeap, KeepsItsStateInTheCallersWords) {
  std::vector<IndexedHeap::Word> words(4, IndexedHeap::never_pushed);
  IndexedHeap heap{std::span<IndexedHeap::Word>(words)};
  heap.push(2, 0.25);
  heap.push_fixed(0, 0.5);
  EXPECT_TRUE(IndexedHeap::is_in_heap(words[2]));
  EXPECT_TRUE(IndexedHeap::is_in_heap(words[0]));
  EXPECT_EQ(words[1], IndexedHeap::never_pushed);
  const IndexedHeap::Popped first = heap.pop(7);
  EXPECT_EQ(first.node, 2u);
  EXPECT_FALSE(first.fixed);
  EXPECT_EQ(words[2], 7u);
  EXPECT_TRUE(IndexedHeap::is_popped(words[2]));
  const IndexedHeap::Popped second = heap.pop(8);
  EXPECT_EQ(second.node, 0u);
  EXPECT_TRUE(second.fixed);
  EXPECT_EQ(words[0], 8u);
}

}  // namespace
}  // namespace hj

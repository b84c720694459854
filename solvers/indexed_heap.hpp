// IndexedHeap: a binary min-heap of (key, node) with decrease-key, the priority queue of the
// Marcher. Each node knows its slot in the heap, so a lowered tentative value moves it up in
// O(log n) instead of leaving a stale copy behind. The per-node slot table also remembers nodes
// that were popped, so the marcher learns a node's whole state from one load.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/node_vector.hpp"

namespace hj {

class IndexedHeap {
 public:
  using Node = std::uint32_t;
  static constexpr Node not_in_heap = std::numeric_limits<Node>::max();  ///< never pushed
  static constexpr Node popped = not_in_heap - 1;  ///< pushed once, popped since

  explicit IndexedHeap(std::size_t nodes) : slot_(nodes, not_in_heap) {}

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  /// The node's slot in the heap, or not_in_heap, or popped.
  Node slot(Node node) const { return slot_[node]; }
  bool contains(Node node) const { return slot_[node] < popped; }
  double key(Node node) const { return entries_[slot_[node]].key; }
  /// Prefetches the node's slot-table line (see Marcher::prefetch_neighbourhood).
  void prefetch_slot(std::size_t node) const { __builtin_prefetch(slot_.data() + node); }

  struct Entry {
    double key;
    Node node;
    std::uint32_t fixed;  ///< 1: the key may not change (a seed); fills the entry's padding
  };
  const Entry& top() const { return entries_.front(); }
  const Entry& entry(Node slot) const { return entries_[slot]; }

  /// Inserts a node whose key no update may change (a seed). It must not be in the heap.
  void push_fixed(Node node, double key) {
    HJ_CHECK(slot_[node] == not_in_heap, "a fixed node must be new to the heap");
    push_new(node, key, 1);
  }

  /// Inserts `node`, or lowers its key if it is already in the heap with a larger one.
  /// Returns true for an insertion, false for a decrease (or no change).
  bool push_or_decrease(Node node, double key) {
    const Node slot = slot_[node];
    HJ_ASSERT(slot != popped);
    if (slot == not_in_heap) {
      push_new(node, key, 0);
      return true;
    }
    if (key < entries_[slot].key) {
      entries_[slot].key = key;
      sift_up(slot);
    }
    return false;
  }

  /// Inserts `node`, or moves it to `key` whether that is smaller or larger than its old key.
  /// Returns true for an insertion.
  bool push_or_update(Node node, double key) {
    const Node slot = slot_[node];
    if (slot == not_in_heap || key < entries_[slot].key) return push_or_decrease(node, key);
    entries_[slot].key = key;
    sift_down(slot);
    return false;
  }

  Entry pop() {
    HJ_ASSERT(!entries_.empty());
    const Entry smallest = entries_.front();
    slot_[smallest.node] = popped;
    const Entry last = entries_.back();
    entries_.pop_back();
    if (!entries_.empty()) sift_hole_down_then_up(last);
    return smallest;
  }

  /// Bytes held per grid node (the slot table), for memory estimates.
  static constexpr std::size_t bytes_per_node = sizeof(Node);

 private:
  void push_new(Node node, double key, std::uint32_t fixed) {
    const auto slot = static_cast<Node>(entries_.size());
    entries_.push_back({key, node, fixed});
    sift_up(slot);
  }

  void place(Node slot, const Entry& entry) {
    entries_[slot] = entry;
    slot_[entry.node] = slot;
  }

  void sift_up(Node slot) {
    const Entry moving = entries_[slot];
    while (slot > 0) {
      const Node parent = (slot - 1) / 2;
      if (!(moving.key < entries_[parent].key)) break;
      place(slot, entries_[parent]);
      slot = parent;
    }
    place(slot, moving);
  }

  // Floyd's bottom-up deletion: the hole left at the root walks down to a leaf along the smaller
  // children (one comparison a level), then `last` rises from there, usually by a level or two.
  // About half the comparisons of a plain sift-down, and it was the marcher's hottest loop.
  void sift_hole_down_then_up(const Entry& last) {
    const Node count = static_cast<Node>(entries_.size());
    Node hole = 0;
    while (true) {
      Node child = 2 * hole + 1;
      if (child >= count) break;
      // Large heaps live in the last-level cache or beyond: fetch the 8 great-grandchildren (two
      // cache lines) while this level is decided. It hides most of the descent's latency.
      if (8 * hole + 11 < count) {
        __builtin_prefetch(entries_.data() + 8 * hole + 7);
        __builtin_prefetch(entries_.data() + 8 * hole + 11);
      }
      if (child + 1 < count) child += entries_[child + 1].key < entries_[child].key ? 1 : 0;
      place(hole, entries_[child]);
      hole = child;
    }
    while (hole > 0) {
      const Node parent = (hole - 1) / 2;
      if (!(last.key < entries_[parent].key)) break;
      place(hole, entries_[parent]);
      hole = parent;
    }
    place(hole, last);
  }

  void sift_down(Node slot) {
    const Entry moving = entries_[slot];
    const Node count = static_cast<Node>(entries_.size());
    while (true) {
      Node child = 2 * slot + 1;
      if (child >= count) break;
      if (child + 1 < count && entries_[child + 1].key < entries_[child].key) ++child;
      if (!(entries_[child].key < moving.key)) break;
      place(slot, entries_[child]);
      slot = child;
    }
    place(slot, moving);
  }

  std::vector<Entry> entries_;
  NodeVector<Node> slot_;
};

}  // namespace hj

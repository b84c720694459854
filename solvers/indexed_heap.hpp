// IndexedHeap: a binary min-heap of (key, node) with decrease-key, the priority queue of the
// Marcher. Each node knows its slot in the heap, so a lowered tentative value moves it up in
// O(log n) instead of leaving a stale copy behind.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace hj {

class IndexedHeap {
 public:
  using Node = std::uint32_t;
  static constexpr Node not_in_heap = std::numeric_limits<Node>::max();

  explicit IndexedHeap(std::size_t nodes) : slot_(nodes, not_in_heap) {}

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  bool contains(Node node) const { return slot_[node] != not_in_heap; }
  double key(Node node) const { return entries_[slot_[node]].key; }

  struct Entry {
    double key;
    Node node;
  };
  const Entry& top() const { return entries_.front(); }

  /// Inserts `node`, or lowers its key if it is already in the heap with a larger one.
  /// Returns true for an insertion, false for a decrease (or no change).
  bool push_or_decrease(Node node, double key) {
    Node slot = slot_[node];
    if (slot == not_in_heap) {
      slot = static_cast<Node>(entries_.size());
      entries_.push_back({key, node});
      sift_up(slot);
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
    slot_[smallest.node] = not_in_heap;
    const Entry last = entries_.back();
    entries_.pop_back();
    if (!entries_.empty()) {
      entries_.front() = last;
      slot_[last.node] = 0;
      sift_down(0);
    }
    return smallest;
  }

  /// Bytes held per grid node (the slot table), for memory estimates.
  static constexpr std::size_t bytes_per_node = sizeof(Node);

 private:
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
  std::vector<Node> slot_;
};

}  // namespace hj

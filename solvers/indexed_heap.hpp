// IndexedHeap: a binary min-heap of (key, node) with decrease-key, the priority queue of the
// Marcher. A lowered tentative value moves its entry up in O(log n) instead of leaving a stale
// copy behind.
//
// To find a node's entry, each node has a 32-bit word, and the heap keeps a small table from
// handles to slots. Handles are recycled as nodes leave the heap, so that table is as small as
// the largest heap (the front), not the grid: the slot writes of every sift (about log2 n per
// pop) stay in cache instead of going to scattered lines of a grid-sized array.
//
// A node's word says where it is: never pushed (all ones), in the heap (the top bit set, its
// handle below it), or popped (any value below 2^31, chosen by whoever pops it). The words can
// live in an array of the caller's: the Marcher uses Result::accepted_order, so that a node's
// acceptance number and its heap state share one load, one cache line and four bytes a node.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/node_vector.hpp"

namespace hj {

class IndexedHeap {
 public:
  using Node = std::uint32_t;
  using Word = std::uint32_t;
  static constexpr Word never_pushed = std::numeric_limits<Word>::max();
  static constexpr Word in_heap_bit = Word{1} << 31;
  static bool is_in_heap(Word word) { return word >= in_heap_bit && word != never_pushed; }
  static bool is_popped(Word word) { return word < in_heap_bit; }

  /// A heap with its own word per node.
  explicit IndexedHeap(std::size_t nodes) : own_words_(nodes, never_pushed), words_(own_words_) {
    check_size(nodes);
  }
  /// A heap on the caller's words, every one never_pushed.
  explicit IndexedHeap(std::span<Word> words) : words_(words) { check_size(words.size()); }
  IndexedHeap(const IndexedHeap&) = delete;  // words_ may point into own_words_
  IndexedHeap& operator=(const IndexedHeap&) = delete;

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  Word word(Node node) const { return words_[node]; }
  bool contains(Node node) const { return is_in_heap(words_[node]); }
  double key(Node node) const { return entry(words_[node]).key; }
  /// Prefetches the node's word (see Marcher::prefetch_neighbourhood).
  void prefetch_word(std::size_t node) const { __builtin_prefetch(words_.data() + node); }

  struct Entry {
    double key;
    Node node;
    std::uint32_t handle : 31;
    std::uint32_t fixed : 1;  ///< 1: the key may not change (a seed)
  };
  const Entry& top() const { return entries_.front(); }
  /// The handle in a word (is_in_heap(word)).
  static Node handle_of(Word word) { return word & ~in_heap_bit; }
  /// The entry of a node in the heap, by its word (is_in_heap(word)).
  const Entry& entry(Word word) const { return entries_[slot_of_handle_[handle_of(word)]]; }

  /// Inserts a node whose key no update may change (a seed). It must not be in the heap.
  void push_fixed(Node node, double key) {
    HJ_CHECK(words_[node] == never_pushed, "a fixed node must be new to the heap");
    push_new(node, key, 1);
  }

  /// Inserts a node that was never pushed.
  void push(Node node, double key) {
    HJ_ASSERT(words_[node] == never_pushed);
    push_new(node, key, 0);
  }

  /// Inserts a popped node again (a parallel march reopens a node a later value lowers).
  void push_again(Node node, double key) {
    HJ_ASSERT(is_popped(words_[node]));
    push_new(node, key, 0);
  }

  /// Moves a node in the heap (its word, is_in_heap(word)) to `key`, smaller or larger.
  void change_key(Word word, double key) {
    const Node slot = slot_of_handle_[handle_of(word)];
    const double old = entries_[slot].key;
    entries_[slot].key = key;
    if (key < old) {
      sift_up(slot);
    } else {
      sift_down(slot);
    }
  }

  struct Popped {
    double key;
    Node node;
    bool fixed;
  };
  /// Removes the smallest entry; the node's word becomes `mark` (below 2^31: popped; or
  /// never_pushed, to forget the node).
  Popped pop(Word mark) {
    HJ_ASSERT(!entries_.empty());
    HJ_ASSERT(mark < in_heap_bit || mark == never_pushed);
    const Entry smallest = entries_.front();
    words_[smallest.node] = mark;
    free_handles_.push_back(smallest.handle);
    const Entry last = entries_.back();
    entries_.pop_back();
    if (!entries_.empty()) sift_hole_down_then_up(last);
    return {smallest.key, smallest.node, smallest.fixed != 0};
  }

 private:
  static constexpr Node max_handle = in_heap_bit - 2;  ///< so that no word is never_pushed

  // Popped words count acceptances below 2^31, so the grid must have fewer nodes.
  static void check_size(std::size_t nodes) {
    HJ_CHECK(nodes < in_heap_bit, "grids of 2^31 nodes or more are not supported (this one has " +
                                      std::to_string(nodes) + ")");
  }

  void push_new(Node node, double key, std::uint32_t fixed) {
    Node handle;
    if (free_handles_.empty()) {
      handle = static_cast<Node>(slot_of_handle_.size());
      HJ_ASSERT(handle <= max_handle);
      slot_of_handle_.push_back(0);
    } else {
      handle = free_handles_.back();
      free_handles_.pop_back();
    }
    words_[node] = in_heap_bit | handle;
    const auto slot = static_cast<Node>(entries_.size());
    // The masks say to the compiler that the values fit their bit fields (checked above).
    entries_.push_back({key, node, handle & ~in_heap_bit, fixed & 1u});
    sift_up(slot);
  }

  void place(Node slot, const Entry& entry) {
    entries_[slot] = entry;
    slot_of_handle_[entry.handle] = slot;
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
  NodeVector<Word> own_words_;        ///< empty when the words are the caller's
  std::span<Word> words_;             ///< per node: never_pushed, in_heap_bit | handle, or popped
  std::vector<Node> slot_of_handle_;  ///< per handle: its entry's slot in entries_
  std::vector<Node> free_handles_;    ///< handles of popped nodes, reused last in first out
};

}  // namespace hj

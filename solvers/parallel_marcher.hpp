// ParallelMarcher<dim, Update>: fast marching on several threads, with the serial Marcher's
// values to the last bit.
//
// The grid is cut into slabs along its last axis, one per thread, and each thread marches its
// slab with its own heap. A node accepted next to a cut posts a message to the owner of the
// neighbour across it, who then updates that neighbour as if the node were its own. Threads
// march concurrently, so a message can come late: its target may already have been accepted
// from values that did not include the message's node. The target is then recomputed from its
// neighbours' current values and, where the value changes, reopened (pushed again) and accepted
// anew, and its own neighbours hear of it in turn. A thread whose smallest key runs more than a
// window ahead of a neighbouring slab's waits, which keeps such corrections few; the window only
// matters for speed.
//
// When every heap is empty and no message is under way, each node's value is its update's
// value from its neighbours' final values. Those discrete equations have one solution: an
// update uses only neighbours smaller than its result, so the smallest node on which two
// solutions differ would have to differ from identical inputs. The serial march's values are
// that solution, so the parallel values equal them to the last bit. (Ties, two neighbours of
// exactly equal value, are where the serial march's own order is arbitrary.)
//
// The acceptance order is renumbered afterwards into one global order by value (ties: lower
// slab first), so that `accepted_order` means what it means after a serial march.
//
// What an update must offer: `recomputes_from_all_accepted` (fast marching), no front
// bookkeeping, no ball search, no update kinds, `reach == 1` (it reads axis neighbours only, so
// a changed value concerns the neighbours it notifies; second order also reads two steps away),
// and relaxed atomic loads of the values (core/relaxed_atomic.hpp). The stopping rules `all` and
// `level` are supported; `boundary` (the first boundary node in value order) is not.
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/node_vector.hpp"
#include "core/relaxed_atomic.hpp"
#include "core/stopwatch.hpp"
#include "solvers/indexed_heap.hpp"
#include "solvers/marcher.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

template <int dim, typename Update>
class ParallelMarcher {
  static_assert(Update::recomputes_from_all_accepted && !Update::needs_front &&
                    !Update::searches_ball && Update::reach == 1,
                "the parallel march takes first-order fast marching updates");
  static_assert(!requires(const Update& u) { u.last_kind(); });

 public:
  using Grid = StructuredGrid<dim>;
  using MultiIndex = typename Grid::MultiIndex;
  using Node = IndexedHeap::Node;

  /// `threads` is an upper bound: each slab keeps at least two layers of the last axis.
  ParallelMarcher(Result<dim>& result, const Update& update, StoppingRule rule, int threads,
                  double window, MarchHooks hooks = {})
      : result_(result),
        grid_(result.grid),
        update_(update),
        rule_(rule),
        window_(window),
        hooks_(std::move(hooks)) {
    HJ_CHECK(rule.kind != StoppingRule::Kind::boundary,
             "the parallel march has no 'first boundary node' stopping rule");
    const std::int64_t layers = grid_.nodes_per_axis()[dim - 1];
    const int slabs = static_cast<int>(std::clamp<std::int64_t>(threads, 1, layers / 2));
    for (int t = 0; t < slabs; ++t) {
      const std::int64_t begin = layers * t / slabs, end = layers * (t + 1) / slabs;
      for (std::int64_t layer = begin; layer < end; ++layer) slab_of_layer_.push_back(t);
      workers_.push_back(std::make_unique<Worker>(result_.accepted_order));
      workers_.back()->first_node = static_cast<std::size_t>(begin * grid_.stride(dim - 1));
      workers_.back()->end_node = static_cast<std::size_t>(end * grid_.stride(dim - 1));
      // Room for every node and a few percent reopened, so that growing rarely doubles it.
      const std::size_t slab_nodes = workers_.back()->end_node - workers_.back()->first_node;
      workers_.back()->pops.reserve(slab_nodes + slab_nodes / 16);
    }
    result_.statistics.nodes = grid_.size();
    result_.statistics.threads = static_cast<std::uint64_t>(slabs);
  }

  /// As Marcher::seed: a value no update changes, accepted in value order with the rest.
  void seed(std::size_t node, double value) {
    HJ_CHECK(!(result_.flags[node] & node_flags::seeded), "node seeded twice");
    HJ_CHECK(std::isfinite(value) && value >= 0, "seed values must be finite and >= 0");
    result_.flags[node] |= node_flags::seeded;
    workers_[slab_of(grid_.multi_index(node))]->heap.push_fixed(static_cast<Node>(node), value);
    ++result_.statistics.seeded;
  }

  /// Marches until every heap is empty (or holds only values above the level of the rule).
  void run() {
    const auto start = std::chrono::steady_clock::now();
    pending_ = static_cast<std::int64_t>(workers_.size());
    for_each_slab([this](int t) { march(t); });
    if (failure_) std::rethrow_exception(failure_);
    for_each_slab([this](int t) { sort_by_value(t); });
    for_each_slab([this](int t) { number_and_mark(t); });
    finish(start);
  }

 private:
  struct Message {
    Node target, source;
    double previous;  ///< the source's value before this acceptance (+inf: its first)
  };

  /// Messages to one slab, from the slabs beside it.
  struct Mailbox {
    std::mutex mutex;
    std::vector<Message> messages;
    alignas(64) std::atomic<std::uint64_t> posted{0};
  };

  struct Worker {
    explicit Worker(std::span<IndexedHeap::Word> words) : heap(words) {}
    IndexedHeap heap;
    std::size_t first_node = 0, end_node = 0;  ///< the slab's nodes: one index range
    /// Every pop in order (a node's heap word is the index of its last pop); after the march,
    /// the slab's accepted nodes by value.
    std::vector<Node> pops;
    std::vector<double> values;  ///< after the march: the values of `pops`
    std::vector<Message> inbox;
    std::uint64_t read = 0;  ///< messages taken from the mailbox
    bool active = true;      ///< counted in pending_
    Statistics stats;
    Mailbox mailbox;
    alignas(64) std::atomic<double> frontier{0};   ///< its smallest key, published now and then
    double left_frontier = 0, right_frontier = 0;  ///< the neighbouring slabs', as last read
  };

  int slab_of(const MultiIndex& m) const { return slab_of_layer_[m[dim - 1]]; }

  // Runs f(t) for every slab, slab 0 on this thread.
  template <typename F>
  void for_each_slab(F&& f) {
    std::vector<std::thread> threads;
    for (int t = 1; t < static_cast<int>(workers_.size()); ++t) {
      threads.emplace_back([&, t] { guarded(f, t); });
    }
    guarded(f, 0);
    for (std::thread& thread : threads) thread.join();
  }

  template <typename F>
  void guarded(F& f, int t) {
    try {
      f(t);
    } catch (...) {
      std::lock_guard lock(failure_mutex_);
      if (!failure_) failure_ = std::current_exception();
      abort_ = true;
    }
  }

  // One thread's march. pending_ counts active threads and messages not yet read; at zero the
  // march is over (an inactive thread has an empty heap and sends nothing).
  void march(int t) {
    Worker& w = *workers_[t];
    constexpr std::uint64_t publish_every = 64;
    std::uint64_t step = 0;
    while (!abort_.load(std::memory_order_relaxed)) {
      if (w.mailbox.posted.load(std::memory_order_acquire) > w.read) {
        if (!w.active) {
          w.active = true;
          pending_.fetch_add(1);
        }
        read_mail(t);
      }
      const bool has_work = !w.heap.empty() && !(rule_.kind == StoppingRule::Kind::level &&
                                                 w.heap.top().key > rule_.level);
      if (!has_work) {
        w.frontier.store(std::numeric_limits<double>::infinity(), std::memory_order_relaxed);
        if (w.active) {
          w.active = false;
          pending_.fetch_sub(1);
        }
        if (pending_.load() == 0) return;
        _mm_pause();
        continue;
      }
      const double key = w.heap.top().key;
      if (step++ % publish_every == 0 || key > w.left_frontier + window_ ||
          key > w.right_frontier + window_) {
        // Reading the neighbours' frontiers every step would move their cache lines back and
        // forth between the cores; now and then suffices, and always while waiting.
        w.frontier.store(key, std::memory_order_relaxed);
        w.left_frontier = frontier_of(t - 1);
        w.right_frontier = frontier_of(t + 1);
        if (key > w.left_frontier + window_ || key > w.right_frontier + window_) {
          _mm_pause();
          continue;
        }
      }
      accept_next(t);
      if (t == 0 && hooks_.progress && w.pops.size() % hooks_.progress_every == 0) {
        hooks_.progress(w.pops.size() * workers_.size(), grid_.size());  // slab 0's share
      }
    }
  }

  double frontier_of(int t) const {
    if (t < 0 || t >= static_cast<int>(workers_.size())) {
      return std::numeric_limits<double>::infinity();
    }
    return workers_[t]->frontier.load(std::memory_order_relaxed);
  }

  void accept_next(int t) {
    Worker& w = *workers_[t];
    HJ_CHECK(w.pops.size() < IndexedHeap::in_heap_bit, "too many acceptances for one slab");
    const auto [value, node, fixed] = w.heap.pop(static_cast<IndexedHeap::Word>(w.pops.size()));
    w.pops.push_back(node);
    const double previous = result_.value[node];  // +inf unless the node is reopened
    relaxed_store(result_.value[node], value);
    const MultiIndex m = grid_.multi_index(node);
    grid_.for_each_neighbour(node, m, [&](std::size_t target, int axis, int side) {
      MultiIndex target_index = m;
      target_index[axis] += side;
      const int owner = axis == dim - 1 ? slab_of(target_index) : t;
      if (owner == t) {
        offer(t, target, target_index, node, previous);
      } else {
        post(owner, {static_cast<Node>(target), node, previous});
      }
    });
  }

  void post(int to, const Message& message) {
    pending_.fetch_add(1);  // before the message is visible, so that pending_ never reads 0 early
    Mailbox& box = workers_[to]->mailbox;
    std::lock_guard lock(box.mutex);
    box.messages.push_back(message);
    box.posted.fetch_add(1, std::memory_order_release);
  }

  void read_mail(int t) {
    Worker& w = *workers_[t];
    {
      std::lock_guard lock(w.mailbox.mutex);
      w.inbox.swap(w.mailbox.messages);
    }
    for (const Message& message : w.inbox) {
      offer(t, message.target, grid_.multi_index(message.target), message.source, message.previous);
    }
    w.read += w.inbox.size();
    pending_.fetch_sub(static_cast<std::int64_t>(w.inbox.size()));
    w.inbox.clear();
  }

  // The slab's node `target` hears that its neighbour `source` was accepted (again, if
  // `previous` is finite).
  void offer(int t, std::size_t target, const MultiIndex& target_index, std::size_t source,
             double previous) {
    Worker& w = *workers_[t];
    const IndexedHeap::Word word = w.heap.word(static_cast<Node>(target));
    if (IndexedHeap::is_popped(word)) {
      // Accepted already. Its value can change only if the source is below it, now or before.
      const double accepted = result_.value[target];
      if (accepted <= relaxed_load(result_.value[source]) && accepted <= previous) return;
      if (result_.flags[target] & node_flags::seeded) return;
      const double u = update_.tentative(target, target_index, source, accepted);
      if (!counted(w, u) || u == accepted) return;
      w.heap.push_again(static_cast<Node>(target), u);
      ++w.stats.reopened;
      note_push(w);
      return;
    }
    double current = std::numeric_limits<double>::infinity();
    if (word != IndexedHeap::never_pushed) {
      const IndexedHeap::Entry& entry = w.heap.entry(word);
      if (entry.fixed) return;
      current = entry.key;
    }
    const double u = update_.tentative(target, target_index, source, current);
    if (!counted(w, u) || u == current) return;
    w.stats.updates_improved += u < current;
    if (word != IndexedHeap::never_pushed) {
      w.heap.change_key(word, u);
      return;
    }
    w.heap.push(static_cast<Node>(target), u);
    note_push(w);
  }

  // Counts an update; false for NaN or -inf (numerical trouble, reported in the status).
  static bool counted(Worker& w, double u) {
    ++w.stats.updates_tried;
    if (std::isnan(u) || u == -std::numeric_limits<double>::infinity()) {
      ++w.stats.non_finite_updates;
      return false;
    }
    return true;
  }

  static void note_push(Worker& w) {
    ++w.stats.heap_pushes;
    w.stats.heap_max_size = std::max<std::uint64_t>(w.stats.heap_max_size, w.heap.size());
  }

  // The slab's accepted nodes by value, in place of its pops: the last pop of each node, in pop
  // order, is sorted but for the reopened nodes, which are sorted apart and merged in.
  void sort_by_value(int t) {
    Worker& w = *workers_[t];
    std::vector<Node>& sorted = w.pops;
    std::vector<Node> late;
    std::size_t kept = 0;
    double largest = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < w.pops.size(); ++k) {
      const Node node = w.pops[k];
      if (w.heap.word(node) != k) continue;  // popped again later
      const double value = result_.value[node];
      if (value >= largest) {
        largest = value;
        sorted[kept++] = node;  // kept <= k: writes behind the reading
      } else {
        late.push_back(node);
      }
    }
    auto by_value = [this](Node a, Node b) { return result_.value[a] < result_.value[b]; };
    std::stable_sort(late.begin(), late.end(), by_value);
    // Merge from the back, in place: no buffer the size of the slab.
    sorted.resize(kept + late.size());
    std::size_t in_order = kept, in_late = late.size(), out = sorted.size();
    while (in_late > 0) {
      if (in_order > 0 && by_value(late[in_late - 1], sorted[in_order - 1])) {
        sorted[--out] = sorted[--in_order];
      } else {
        sorted[--out] = late[--in_late];
      }
    }
    w.values.resize(sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) w.values[i] = result_.value[sorted[i]];
  }

  // Global acceptance numbers (a node's rank by value over all slabs, ties to the lower slab),
  // and the states of the slab's nodes from their heap words.
  void number_and_mark(int t) {
    Worker& w = *workers_[t];
    std::vector<std::size_t> before(workers_.size(), 0);  // per slab: its nodes ranked before
    for (std::size_t i = 0; i < w.pops.size(); ++i) {
      std::size_t rank = i;
      for (int j = 0; j < static_cast<int>(workers_.size()); ++j) {
        if (j == t) continue;
        const std::vector<double>& other = workers_[j]->values;
        while (before[j] < other.size() &&
               (other[before[j]] < w.values[i] || (other[before[j]] == w.values[i] && j < t))) {
          ++before[j];
        }
        rank += before[j];
      }
      result_.accepted_order[w.pops[i]] = static_cast<IndexedHeap::Word>(rank);
    }
    write_states_from_heap_words(result_, w.first_node, w.end_node);
  }

  void finish(std::chrono::steady_clock::time_point start) {
    Statistics& stats = result_.statistics;
    for (const auto& w : workers_) {
      stats.accepted += w->pops.size();
      stats.updates_tried += w->stats.updates_tried;
      stats.updates_improved += w->stats.updates_improved;
      stats.non_finite_updates += w->stats.non_finite_updates;
      stats.heap_pushes += w->stats.heap_pushes;
      stats.heap_max_size += w->stats.heap_max_size;
      stats.reopened += w->stats.reopened;
    }
    stats.unreached = stats.nodes - stats.accepted;
    bool stopped = false;
    for (const auto& w : workers_) {
      // Nodes still considered (above the level) keep their tentative values.
      while (!w->heap.empty()) {
        stopped = true;
        const auto [value, node, fixed] = w->heap.pop(Result<dim>::never_accepted);
        result_.value[node] = value;
      }
    }
    if (stats.unreached > 0) mark_front_after_stop(result_);
    stats.time_march_s = seconds_since(start);
    set_march_status(result_, stopped,
                     stopped ? "every value <= " + std::to_string(rule_.level) + " accepted" : "");
  }

  Result<dim>& result_;
  const Grid& grid_;
  const Update& update_;
  StoppingRule rule_;
  double window_;
  MarchHooks hooks_;
  std::vector<int> slab_of_layer_;
  std::vector<std::unique_ptr<Worker>> workers_;
  alignas(64) std::atomic<std::int64_t> pending_{0};
  std::atomic<bool> abort_{false};
  std::mutex failure_mutex_;
  std::exception_ptr failure_;
};

}  // namespace hj

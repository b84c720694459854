// Marcher<dim, Update>: the one label-setting engine. It owns the order of acceptance (heap,
// node states, seeds, stopping rules, statistics); a LocalUpdate owns the numerics of one
// tentative value. New schemes write a LocalUpdate, not a new marcher. (ParallelMarcher, in
// parallel_marcher.hpp, marches first-order fast marching updates on several threads.)
//
// The Update concept:
//   double tentative(std::size_t target, const MultiIndex& target_index,
//                    std::size_t just_accepted, double current) const;
// returns the tentative value at `target` (not yet accepted) given every accepted node, right
// after `just_accepted` joined them (`current` is its tentative value so far, +inf if none), or
// +inf when no admissible update exists. It reads the
// Result it was built on. During the march `Result::value` holds accepted values only (+inf
// elsewhere: tentative values live in the heap), so an update needs one load per neighbour and
// no state check. NaN or -inf is counted as a non-finite update.
//
// An Update also says how its values combine:
//   static constexpr bool recomputes_from_all_accepted;
// true (fast marching): each call recomputes the value from every accepted node, so the newest
// value replaces the old one, even when larger (second-order stencils can raise it); false
// (ordered upwind): each call is one more candidate and the smallest wins.
//   static constexpr bool needs_front;
// true when the update reads the front/accepted distinction during the march (ordered upwind
// updates search the front). Fast marching does not, so the marcher skips that bookkeeping and
// writes the states into `flags` in one pass at the end (an update with needs_front = false
// must not read them during the march), marking the front where a stopping rule left one.
//   static constexpr bool searches_ball;
// false (fast marching): the 2 dim axis neighbours of an accepted node are (re)computed with
// tentative(). true (ordered upwind / line integral methods): the update provides
//   const std::vector<BallOffset<dim>>& ball() const;
// the offsets within its search radius, nearest first (an update whose radius varies per node
// also has `std::size_t ball_size(std::size_t accepted) const`: how many of them the newly
// accepted node updates, called once per acceptance); a far node that is a box neighbour of the
// accepted node joins the considered set with first_value(target, target_index) (a search over the
// whole front within the radius), and a considered node in the ball gets tentative() (updates that
// use the newly accepted node). The front is then defined by box neighbours.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/memory.hpp"
#include "core/stopwatch.hpp"
#include "solvers/indexed_heap.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

/// One node offset of a ball-searching update, in index units and as a linear index offset.
template <int dim>
struct BallOffset {
  std::array<std::int64_t, dim> delta;
  std::int64_t linear;
  bool box_neighbour;  ///< every |delta_a| <= 1
  double length2;      ///< |delta h|^2, physical
};

/// The offsets with |delta h| <= radius (physical lengths), nearest first, the centre excluded.
template <int dim>
std::vector<BallOffset<dim>> ball_offsets(const StructuredGrid<dim>& grid, double radius) {
  std::array<std::int64_t, dim> reach;
  for (int a = 0; a < dim; ++a) {
    reach[a] = static_cast<std::int64_t>(std::floor(radius / grid.spacing()[a] + 1e-9));
    reach[a] = std::max<std::int64_t>(reach[a], 1);
  }
  std::vector<std::pair<double, BallOffset<dim>>> found;
  std::array<std::int64_t, dim> delta;
  for (int a = 0; a < dim; ++a) delta[a] = -reach[a];
  while (true) {
    double length2 = 0;
    bool box = true, centre = true;
    std::int64_t linear = 0;
    for (int a = 0; a < dim; ++a) {
      const double d = static_cast<double>(delta[a]) * grid.spacing()[a];
      length2 += d * d;
      box = box && std::abs(delta[a]) <= 1;
      centre = centre && delta[a] == 0;
      linear += delta[a] * grid.stride(a);
    }
    if (!centre && (box || length2 <= radius * radius * (1 + 1e-12))) {
      found.push_back({length2, {delta, linear, box, length2}});
    }
    int a = 0;
    while (a < dim && ++delta[a] > reach[a]) {
      delta[a] = -reach[a];
      ++a;
    }
    if (a == dim) break;
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<BallOffset<dim>> offsets;
  for (const auto& [length2, offset] : found) offsets.push_back(offset);
  return offsets;
}

/// The box neighbours among a ball's offsets (the front's neighbours, the edges of simplices).
template <int dim>
std::vector<BallOffset<dim>> box_neighbour_offsets(const std::vector<BallOffset<dim>>& ball) {
  std::vector<BallOffset<dim>> box;
  for (const BallOffset<dim>& offset : ball) {
    if (offset.box_neighbour) box.push_back(offset);
  }
  return box;
}

struct StoppingRule {
  enum class Kind { all, level, boundary };
  Kind kind = Kind::all;
  double level = 0;  ///< for Kind::level: stop before accepting a value above this

  static StoppingRule all_nodes() { return {}; }
  static StoppingRule below_level(double v) { return {Kind::level, v}; }
  static StoppingRule first_boundary_node() { return {Kind::boundary, 0}; }
};

struct MarchHooks {
  /// Called every `progress_every` acceptances with (accepted so far, nodes in the grid).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  std::uint64_t progress_every = 1u << 16;
};

/// A march's status from its statistics: numerical trouble first, then a stopping rule, then
/// nodes never reached.
template <int dim>
void set_march_status(Result<dim>& result, bool stopped, const std::string& stop_detail) {
  const Statistics& stats = result.statistics;
  if (stats.non_finite_updates > 0) {
    result.status = Status::non_finite_update;
    result.status_detail = std::to_string(stats.non_finite_updates) +
                           " local updates gave NaN or infinity and were discarded";
  } else if (stopped) {
    result.status = Status::stopped_by_rule;
    result.status_detail = stop_detail;
  } else if (stats.unreached > 0) {
    result.status = Status::unreached_nodes;
    result.status_detail = std::to_string(stats.unreached) + " nodes were never reached";
  } else {
    result.status = Status::ok;
  }
}

/// The states of nodes [begin, end) from their heap words in `accepted_order` (a march that
/// does not track states): popped is accepted, never pushed is far, in the heap is considered.
template <int dim>
void write_states_from_heap_words(Result<dim>& result, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    const IndexedHeap::Word word = result.accepted_order[i];
    const NodeState state = IndexedHeap::is_popped(word)        ? NodeState::accepted
                            : word == IndexedHeap::never_pushed ? NodeState::far
                                                                : NodeState::considered;
    set_state(result.flags[i], state);
  }
}

/// After a march without front bookkeeping that stopped early: accepted nodes with an axis
/// neighbour not accepted are the front.
template <int dim>
void mark_front_after_stop(Result<dim>& result) {
  const StructuredGrid<dim>& grid = result.grid;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (!is_accepted(result.flags[i])) continue;
    bool interior = true;
    grid.for_each_neighbour(i, grid.multi_index(i), [&](std::size_t k, int, int) {
      interior = interior && is_accepted(result.flags[k]);
    });
    if (!interior) set_state(result.flags[i], NodeState::front);
  }
}

template <int dim, typename Update>
class Marcher {
 public:
  using Grid = StructuredGrid<dim>;
  using MultiIndex = typename Grid::MultiIndex;

  Marcher(Result<dim>& result, const Update& update, StoppingRule rule, MarchHooks hooks = {})
      : result_(result),
        grid_(result.grid),
        update_(update),
        rule_(rule),
        hooks_(std::move(hooks)),
        heap_(result.accepted_order) {
    static_assert(Result<dim>::never_accepted == IndexedHeap::never_pushed);
    // Without front bookkeeping the front is marked after a stop from axis neighbours.
    static_assert(Update::needs_front || !Update::searches_ball);
    result_.statistics.nodes = grid_.size();
    if constexpr (Update::searches_ball) box_neighbours_ = box_neighbour_offsets(update_.ball());
    // Offsets of the nodes a node's updates read: up to two axis steps, in other rows than the
    // node's own (those share its cache lines).
    for (int a = 1; a < dim; ++a) {
      for (std::int64_t step : {grid_.stride(a), 2 * grid_.stride(a)}) {
        prefetch_offsets_.push_back(step);
        prefetch_offsets_.push_back(-step);
      }
      for (int b = 1; b < a; ++b) {
        for (std::int64_t sa : {-1, 1}) {
          for (std::int64_t sb : {-1, 1}) {
            prefetch_offsets_.push_back(sa * grid_.stride(a) + sb * grid_.stride(b));
          }
        }
      }
    }
  }

  /// Fixes the value of a node before the march (near-source seeding). Seeds join the heap like
  /// any tentative value, but no update changes them; they are accepted in value order along with
  /// the marched nodes, so the acceptance order stays monotone.
  void seed(std::size_t node, double value) {
    HJ_CHECK(!(result_.flags[node] & node_flags::seeded), "node seeded twice");
    HJ_CHECK(std::isfinite(value) && value >= 0, "seed values must be finite and >= 0");
    result_.flags[node] |= node_flags::seeded;
    set_state(result_.flags[node], NodeState::considered);
    heap_.push_fixed(static_cast<IndexedHeap::Node>(node), value);
    ++result_.statistics.seeded;
  }

  /// Marches until the heap is empty or the stopping rule fires; sets status and statistics.
  void run() {
    const auto start = std::chrono::steady_clock::now();
    Statistics& stats = result_.statistics;
    bool stopped = false;
    std::string stop_detail;
    while (!heap_.empty()) {
      if (rule_.kind == StoppingRule::Kind::level && heap_.top().key > rule_.level) {
        stopped = true;
        stop_detail = "every value <= " + std::to_string(rule_.level) + " accepted";
        break;
      }
      // The node's word becomes its acceptance number (see indexed_heap.hpp).
      const auto order = static_cast<IndexedHeap::Word>(stats.accepted);
      const auto [value, node, fixed] = heap_.pop(order);
      if (!heap_.empty()) prefetch_neighbourhood(heap_.top().node);
      const MultiIndex m = grid_.multi_index(node);
      result_.value[node] = value;
      if constexpr (records_kinds) {
        if (!fixed) ++stats.accepted_by_update_kind[update_kind_of(result_.flags[node])];
      }
      accept(node, m);
      if (rule_.kind == StoppingRule::Kind::boundary && grid_.on_boundary(m)) {
        stopped = true;
        stop_detail = "first boundary node accepted at u = " + std::to_string(value);
        break;
      }
      update_neighbours(node, m);
      if (stats.accepted >= next_progress_) {
        next_progress_ += hooks_.progress_every;
        if (hooks_.progress) hooks_.progress(stats.accepted, stats.nodes);
      }
    }
    stats.unreached = stats.nodes - stats.accepted;
    if constexpr (!tracks_states) write_states();
    if (stats.unreached > 0) {
      // Nodes still considered keep their tentative values, flagged as such.
      while (!heap_.empty()) {
        const auto [value, node, fixed] = heap_.pop(Result<dim>::never_accepted);
        result_.value[node] = value;
      }
      if (!Update::needs_front) mark_front_after_stop(result_);
    }
    stats.time_march_s = seconds_since(start);
    set_march_status(result_, stopped, stop_detail);
  }

 private:
  /// Updates that say which kind of candidate won (`int last_kind() const`, 1..3) have it
  /// recorded per node in the flags and counted at acceptance.
  static constexpr bool records_kinds = requires(const Update& u) { u.last_kind(); };
  /// Whether the march keeps the flags' states current. Without front bookkeeping and update
  /// kinds nothing reads them during the march, so the states are written in one pass at the
  /// end from the heap's per-node table: a random write per node and per push fewer, and the flags
  /// stay out of the cache while the front moves.
  static constexpr bool tracks_states = Update::needs_front || records_kinds;

  // The march visits nodes in heap order, which jumps around the grid, so its time goes to
  // waiting for memory. While this node is processed, the next one's neighbourhood is fetched.
  void prefetch_neighbourhood(std::size_t node) const {
    const auto size = static_cast<std::int64_t>(grid_.size());
    const auto centre = static_cast<std::int64_t>(node);
    // The node's own records are written on acceptance.
    __builtin_prefetch(&result_.value[node], 1);
    if constexpr (tracks_states) __builtin_prefetch(&result_.flags[node], 1);
    for (std::int64_t offset : prefetch_offsets_) {
      const std::int64_t k = centre + offset;
      if (k < 0 || k >= size) continue;
      __builtin_prefetch(&result_.value[static_cast<std::size_t>(k)]);
    }
    heap_.prefetch_word(node);       // written on the pop, read for the targets along axis 0
    for (int a = 1; a < dim; ++a) {  // the targets' words
      for (std::int64_t side : {-1, 1}) {
        const std::int64_t k = centre + side * grid_.stride(a);
        if (k >= 0 && k < size) heap_.prefetch_word(static_cast<std::size_t>(k));
      }
    }
  }

  void accept(std::size_t node, const MultiIndex& m) {
    ++result_.statistics.accepted;  // the heap wrote the acceptance number
    if constexpr (!Update::needs_front) {
      if constexpr (tracks_states) set_state(result_.flags[node], NodeState::accepted);
      return;
    }
    set_state(result_.flags[node], NodeState::front);
    // The node and its accepted neighbours leave the front once all their neighbours are in.
    retire_if_interior(node, m);
    for_each_front_neighbour(node, m, [&](std::size_t k, const MultiIndex& mk) {
      if (state_of(result_.flags[k]) == NodeState::front) retire_if_interior(k, mk);
    });
  }

  // The neighbours that define the front: axis neighbours, or box neighbours for ball searches.
  template <typename F>
  void for_each_front_neighbour(std::size_t node, const MultiIndex& m, F&& f) const {
    if constexpr (Update::searches_ball) {
      for (const BallOffset<dim>& offset : box_neighbours_) {
        MultiIndex mk;
        bool inside = true;
        for (int a = 0; a < dim; ++a) {
          mk[a] = m[a] + offset.delta[a];
          inside = inside && mk[a] >= 0 && mk[a] < grid_.nodes_per_axis()[a];
        }
        if (inside)
          f(static_cast<std::size_t>(static_cast<std::int64_t>(node) + offset.linear), mk);
      }
    } else {
      grid_.for_each_neighbour(node, m, [&](std::size_t k, int axis, int side) {
        MultiIndex mk = m;
        mk[axis] += side;
        f(k, mk);
      });
    }
  }

  // Without state tracking: each node's state from its heap word.
  void write_states() { write_states_from_heap_words(result_, 0, grid_.size()); }

  void retire_if_interior(std::size_t node, const MultiIndex& m) {
    bool interior = true;
    for_each_front_neighbour(node, m, [&](std::size_t k, const MultiIndex&) {
      interior = interior && is_accepted(result_.flags[k]);
    });
    if (interior) set_state(result_.flags[node], NodeState::accepted);
  }

  void update_neighbours(std::size_t node, const MultiIndex& m) {
    if constexpr (Update::searches_ball) {
      update_ball(node, m);
      return;
    }
    grid_.for_each_neighbour(node, m, [&](std::size_t target, int axis, int side) {
      // One load tells accepted (popped), seeded (fixed in the heap), considered or far.
      const auto heap_node = static_cast<IndexedHeap::Node>(target);
      const IndexedHeap::Word word = heap_.word(heap_node);
      if (IndexedHeap::is_popped(word)) return;
      double current = std::numeric_limits<double>::infinity();
      if (word != IndexedHeap::never_pushed) {
        const IndexedHeap::Entry& entry = heap_.entry(word);
        if (entry.fixed) return;
        current = entry.key;
      }
      MultiIndex target_index = m;
      target_index[axis] += side;
      offer(target, word, update_.tentative(target, target_index, node, current), current);
    });
  }

  // Ball-searching updates: box neighbours join the considered set, considered nodes in the
  // ball are updated with the newly accepted node.
  void update_ball(std::size_t node, const MultiIndex& m) {
    const std::vector<BallOffset<dim>>& ball = update_.ball();
    std::size_t count = ball.size();
    if constexpr (requires(const Update& u) { u.ball_size(node); }) count = update_.ball_size(node);
    for (std::size_t k = 0; k < count; ++k) {
      const BallOffset<dim>& offset = ball[k];
      MultiIndex target_index;
      bool inside = true;
      for (int a = 0; a < dim; ++a) {
        target_index[a] = m[a] + offset.delta[a];
        inside = inside && target_index[a] >= 0 && target_index[a] < grid_.nodes_per_axis()[a];
      }
      if (!inside) continue;
      const auto target = static_cast<std::size_t>(static_cast<std::int64_t>(node) + offset.linear);
      const IndexedHeap::Word word = heap_.word(static_cast<IndexedHeap::Node>(target));
      if (IndexedHeap::is_popped(word)) continue;
      if (word == IndexedHeap::never_pushed) {
        if (offset.box_neighbour) {
          offer(target, word, update_.first_value(target, target_index),
                std::numeric_limits<double>::infinity());
        }
        continue;
      }
      const IndexedHeap::Entry& entry = heap_.entry(word);
      if (entry.fixed) continue;
      offer(target, word, update_.tentative(target, target_index, node, entry.key), entry.key);
    }
  }

  // Takes a tentative value u for `target`, whose heap word is `word` (the caller has read it) and
  // whose current tentative value is `current` (+inf when never pushed).
  void offer(std::size_t target, IndexedHeap::Word word, double u, double current) {
    Statistics& stats = result_.statistics;
    ++stats.updates_tried;
    // +inf means "no admissible update from here"; NaN or -inf is numerical trouble.
    if (std::isnan(u) || u == -std::numeric_limits<double>::infinity()) {
      ++stats.non_finite_updates;
      return;
    }
    const bool replace = Update::recomputes_from_all_accepted && u != current;
    if (u < current || replace) {
      stats.updates_improved += u < current;
      if constexpr (records_kinds) set_update_kind(result_.flags[target], update_.last_kind());
      if (word != IndexedHeap::never_pushed) {
        heap_.change_key(word, u);  // smaller, or larger where the update recomputes (replace)
        return;
      }
      heap_.push(static_cast<IndexedHeap::Node>(target), u);
      ++stats.heap_pushes;
      if constexpr (tracks_states) set_state(result_.flags[target], NodeState::considered);
      if (heap_.size() > stats.heap_max_size) stats.heap_max_size = heap_.size();
    }
  }

  Result<dim>& result_;
  const Grid& grid_;
  const Update& update_;
  StoppingRule rule_;
  MarchHooks hooks_;
  IndexedHeap heap_;
  std::vector<std::int64_t> prefetch_offsets_;
  std::vector<BallOffset<dim>> box_neighbours_;  ///< ball searches: the box neighbours' offsets
  std::uint64_t next_progress_ = 0;  ///< acceptances at which the progress hook is called next
};

}  // namespace hj

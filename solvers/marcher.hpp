// Marcher<dim, Update>: the one label-setting engine. It owns the order of acceptance (heap,
// node states, seeds, stopping rules, statistics); a LocalUpdate owns the numerics of one
// tentative value. New schemes write a LocalUpdate, not a new marcher.
//
// The Update concept:
//   double tentative(std::size_t target, const MultiIndex& target_index,
//                    std::size_t just_accepted) const;
// returns the tentative value at `target` (not yet accepted) given every accepted node, right
// after `just_accepted` joined them, or +inf when no admissible update exists. It reads values
// and flags from the Result it was built on. NaN or -inf is counted as a non-finite update.
//
// An Update also says how its values combine:
//   static constexpr bool recomputes_from_all_accepted;
// true (fast marching): each call recomputes the value from every accepted node, so the newest
// value replaces the old one, even when larger (second-order stencils can raise it); false
// (ordered upwind): each call is one more candidate and the smallest wins.
#pragma once

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "core/memory.hpp"
#include "solvers/indexed_heap.hpp"
#include "solvers/node_state.hpp"
#include "solvers/result.hpp"

namespace hj {

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
        heap_(result.grid.size()) {
    result_.statistics.nodes = grid_.size();
  }

  /// Fixes the value of a node before the march (near-source seeding). Seeds join the heap like
  /// any tentative value, but no update changes them; they are accepted in value order along with
  /// the marched nodes, so the acceptance order stays monotone.
  void seed(std::size_t node, double value) {
    HJ_CHECK(!(result_.flags[node] & node_flags::seeded), "node seeded twice");
    HJ_CHECK(std::isfinite(value) && value >= 0, "seed values must be finite and >= 0");
    result_.value[node] = value;
    result_.flags[node] |= node_flags::seeded;
    set_state(result_.flags[node], NodeState::considered);
    heap_.push_or_update(static_cast<IndexedHeap::Node>(node), value);
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
      const auto [value, node] = heap_.pop();
      const MultiIndex m = grid_.multi_index(node);
      accept(node);
      if (rule_.kind == StoppingRule::Kind::boundary && grid_.on_boundary(m)) {
        stopped = true;
        stop_detail = "first boundary node accepted at u = " + std::to_string(value);
        break;
      }
      update_neighbours(node, m);
      if (hooks_.progress && stats.accepted % hooks_.progress_every == 0) {
        hooks_.progress(stats.accepted, stats.nodes);
      }
    }
    stats.unreached = stats.nodes - stats.accepted;
    stats.time_march_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    set_status(stopped, stop_detail);
  }

 private:
  void accept(std::size_t node) {
    std::uint8_t& flags = result_.flags[node];
    set_state(flags, NodeState::front);
    result_.accepted_order[node] = static_cast<std::uint32_t>(result_.statistics.accepted++);
    // The node and its accepted neighbours leave the front once all their neighbours are in.
    const MultiIndex m = grid_.multi_index(node);
    retire_if_interior(node, m);
    grid_.for_each_neighbour(node, m, [&](std::size_t k, int, int) {
      if (state_of(result_.flags[k]) == NodeState::front) retire_if_interior(k);
    });
  }

  void retire_if_interior(std::size_t node) { retire_if_interior(node, grid_.multi_index(node)); }
  void retire_if_interior(std::size_t node, const MultiIndex& m) {
    bool interior = true;
    grid_.for_each_neighbour(node, m, [&](std::size_t k, int, int) {
      interior = interior && is_accepted(result_.flags[k]);
    });
    if (interior) set_state(result_.flags[node], NodeState::accepted);
  }

  void update_neighbours(std::size_t node, const MultiIndex& m) {
    Statistics& stats = result_.statistics;
    grid_.for_each_neighbour(node, m, [&](std::size_t target, int axis, int side) {
      if (is_accepted(result_.flags[target]) || (result_.flags[target] & node_flags::seeded)) {
        return;
      }
      MultiIndex target_index = m;
      target_index[axis] += side;
      const double u = update_.tentative(target, target_index, node);
      ++stats.updates_tried;
      // +inf means "no admissible update from here"; NaN or -inf is numerical trouble.
      if (std::isnan(u) || u == -std::numeric_limits<double>::infinity()) {
        ++stats.non_finite_updates;
        return;
      }
      double& value = result_.value[target];
      const bool replace = Update::recomputes_from_all_accepted && u != value;
      if (u < value || replace) {
        stats.updates_improved += u < value;
        value = u;
        const auto heap_node = static_cast<IndexedHeap::Node>(target);
        if (replace ? heap_.push_or_update(heap_node, u) : heap_.push_or_decrease(heap_node, u)) {
          ++stats.heap_pushes;
          set_state(result_.flags[target], NodeState::considered);
          if (heap_.size() > stats.heap_max_size) stats.heap_max_size = heap_.size();
        }
      }
    });
  }

  void set_status(bool stopped, const std::string& stop_detail) {
    const Statistics& stats = result_.statistics;
    if (stats.non_finite_updates > 0) {
      result_.status = Status::non_finite_update;
      result_.status_detail = std::to_string(stats.non_finite_updates) +
                              " local updates gave NaN or infinity and were discarded";
    } else if (stopped) {
      result_.status = Status::stopped_by_rule;
      result_.status_detail = stop_detail;
    } else if (stats.unreached > 0) {
      result_.status = Status::unreached_nodes;
      result_.status_detail = std::to_string(stats.unreached) + " nodes were never reached";
    } else {
      result_.status = Status::ok;
    }
  }

  Result<dim>& result_;
  const Grid& grid_;
  const Update& update_;
  StoppingRule rule_;
  MarchHooks hooks_;
  IndexedHeap heap_;
};

}  // namespace hj

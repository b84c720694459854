// Result<dim>: the fields a solve produced, its status and its statistics.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/node_vector.hpp"
#include "meshes/structured_grid.hpp"

namespace hj {

/// How a solve ended. Numerical trouble is reported here, never thrown and never papered over.
enum class Status {
  ok,                 ///< every node accepted
  unreached_nodes,    ///< the march ran out of reachable nodes before covering the grid
  non_finite_update,  ///< some local update produced NaN or infinity (those nodes were not updated)
  stopped_by_rule,    ///< a stopping rule (level, boundary) ended the march
};
std::string to_string(Status status);

struct Statistics {
  std::uint64_t nodes = 0;
  std::uint64_t seeded = 0;
  std::uint64_t accepted = 0;  ///< seeded nodes included
  std::uint64_t unreached = 0;
  std::uint64_t updates_tried = 0;
  std::uint64_t updates_improved = 0;
  std::uint64_t non_finite_updates = 0;
  std::uint64_t heap_pushes = 0;
  std::uint64_t heap_max_size = 0;  ///< a parallel march: its threads' largest heaps, summed
  std::uint64_t threads = 1;        ///< threads that marched (see ParallelMarcher)
  /// Parallel march: accepted nodes a later value changed, marched again (0 on one thread).
  std::uint64_t reopened = 0;
  /// Accepted nodes by the kind of update that gave their value (index = kind, see
  /// Result::update_kinds); seeds are counted in `seeded`.
  std::array<std::uint64_t, 4> accepted_by_update_kind{};
  double time_setup_s = 0;  ///< tabulating problem data, allocating
  double time_seed_s = 0;
  double time_march_s = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::uint64_t baseline_rss_bytes = 0;  ///< resident memory when the solve started

  double solve_s() const { return time_setup_s + time_seed_s + time_march_s; }
};

template <int dim>
struct Result {
  static constexpr std::uint32_t never_accepted = std::numeric_limits<std::uint32_t>::max();

  explicit Result(const StructuredGrid<dim>& g)
      : grid(g),
        value(g.size(), std::numeric_limits<double>::infinity()),
        accepted_order(g.size(), never_accepted),
        flags(g.size(), 0) {}

  StructuredGrid<dim> grid;
  NodeVector<double> value;                  ///< u (or V); +inf where never reached
  NodeVector<std::uint32_t> accepted_order;  ///< 0 for the first node accepted
  NodeVector<std::uint8_t> flags;            ///< see node_state.hpp
  /// grad u, for solvers that carry it (jet marching); empty otherwise. NaN where never reached.
  NodeVector<std::array<double, dim>> gradient;
  Status status = Status::ok;
  std::string status_detail;  ///< one line explaining a status other than ok
  Statistics statistics;
  /// What the solver found or chose that a reader should know (the attractor and its
  /// eigenvalues, the search radius), as name/value pairs for the summary.
  std::vector<std::pair<std::string, std::string>> details;
  /// Names of the update kinds recorded in `flags` (index 1..3), empty when not recorded.
  std::vector<std::string> update_kinds;

  /// "ok: 4198401 nodes in 0.61 s (6.9 M nodes/s)"
  std::string brief_report() const;
  /// Every statistic, one per line.
  std::string full_report() const;

  /// Bytes the result holds per node, for memory estimates.
  static constexpr std::size_t bytes_per_node =
      sizeof(double) + sizeof(std::uint32_t) + sizeof(std::uint8_t);
};

}  // namespace hj

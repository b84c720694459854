// summary.json (for machines) and the short table on stdout (for people).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/options.hpp"
#include "problems/problem.hpp"
#include "solvers/result.hpp"
#include "validation/exact_error.hpp"

namespace hj {

/// A gMAM action that moves by more than this, relative, between half and all of its points
/// is reported as not resolved.
constexpr double gmam_resolution_tolerance = 1e-3;
/// The points of that coarser gMAM run.
inline int gmam_coarse_points(int points) { return std::max(3, points / 2); }

/// A gMAM path to the same target, for the summary.
struct GmamRecord {
  double action = 0;
  int iterations = 0;
  double action_change = 0;  ///< relative, over the last 10 iterations
  bool converged = false;
  std::string status, status_detail;
  std::size_t points = 0;
  std::string start;  ///< "traced path" or "straight line"
  /// Hausdorff distance to the traced path closed to the attractor; NaN without a traced path.
  double distance_to_traced = 0;
  /// The same gMAM with half the points, and |action - that| / action: how far the path's
  /// resolution can be trusted (NaN where the coarser run did not converge).
  double action_half_points = 0;
  double resolution_change = 0;
};

/// A traced minimum action path, for the summary.
struct PathRecord {
  std::string kind;  ///< "target" or "barrier"
  std::vector<double> target, end;
  double action = 0, value_at_target = 0;
  bool reached_attractor = false;
  std::string stop_reason;
  std::size_t points = 0;
  std::optional<GmamRecord> gmam;  ///< with paths.gmam = true
};

struct RunRecord {
  double total_s = 0;  ///< program start to summary, writing included
  double write_s = 0;
  std::uint64_t estimated_bytes = 0;
  std::vector<std::string> outputs;  ///< files written, relative to the output directory
  std::vector<PathRecord> paths;
};

template <int dim>
std::string summary_json(const Options& options, const Problem<dim>& problem,
                         const Result<dim>& result, const std::optional<ErrorNorms>& error,
                         const RunRecord& run);

template <int dim>
std::string summary_table(const Options& options, const Problem<dim>& problem,
                          const Result<dim>& result, const std::optional<ErrorNorms>& error,
                          const RunRecord& run, const std::string& output_dir);

}  // namespace hj

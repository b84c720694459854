// summary.json (for machines) and the short table on stdout (for people).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/options.hpp"
#include "problems/problem.hpp"
#include "solvers/result.hpp"
#include "validation/exact_error.hpp"

namespace hj {

/// A traced minimum action path, for the summary.
struct PathRecord {
  std::string kind;  ///< "target" or "barrier"
  std::vector<double> target, end;
  double action = 0, value_at_target = 0;
  bool reached_attractor = false;
  std::string stop_reason;
  std::size_t points = 0;
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

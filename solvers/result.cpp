#include "solvers/result.hpp"

#include <cstdio>
#include <sstream>

#include "core/memory.hpp"

namespace hj {

std::string to_string(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::unreached_nodes:
      return "unreached_nodes";
    case Status::non_finite_update:
      return "non_finite_update";
    case Status::stopped_by_rule:
      return "stopped_by_rule";
  }
  return "?";
}

template <int dim>
std::string Result<dim>::brief_report() const {
  const double seconds = statistics.solve_s();
  char text[200];
  std::snprintf(text, sizeof text, "%s: %llu of %llu nodes accepted in %.3g s (%.3g M nodes/s)",
                to_string(status).c_str(), static_cast<unsigned long long>(statistics.accepted),
                static_cast<unsigned long long>(statistics.nodes), seconds,
                seconds > 0 ? 1e-6 * static_cast<double>(statistics.accepted) / seconds : 0.0);
  std::string line = text;
  if (!status_detail.empty()) line += " (" + status_detail + ")";
  return line;
}

template <int dim>
std::string Result<dim>::full_report() const {
  const Statistics& s = statistics;
  std::ostringstream out;
  out << "status              " << to_string(status)
      << (status_detail.empty() ? "" : " (" + status_detail + ")") << "\n"
      << "nodes               " << s.nodes << "\n"
      << "seeded              " << s.seeded << "\n"
      << "accepted            " << s.accepted << "\n"
      << "unreached           " << s.unreached << "\n"
      << "updates tried       " << s.updates_tried << "\n"
      << "updates improved    " << s.updates_improved << "\n"
      << "non-finite updates  " << s.non_finite_updates << "\n"
      << "heap pushes         " << s.heap_pushes << "\n"
      << "heap max size       " << s.heap_max_size << "\n"
      << "threads             " << s.threads << "\n"
      << "reopened            " << s.reopened << "\n"
      << "time setup [s]      " << s.time_setup_s << "\n"
      << "time seed [s]       " << s.time_seed_s << "\n"
      << "time march [s]      " << s.time_march_s << "\n"
      << "peak memory         " << format_bytes(static_cast<double>(s.peak_rss_bytes)) << "\n";
  return out.str();
}

template struct Result<2>;
template struct Result<3>;

}  // namespace hj

#include "app/summary.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/options_json.hpp"
#include "core/memory.hpp"
#include "core/version.hpp"
#include "problems/sde_problem.hpp"
#include "validation/boundary_minimum.hpp"
#include "validation/gradient_error.hpp"
#include "validation/hamiltonian_residual.hpp"

namespace hj {
namespace {

using nlohmann::ordered_json;

template <int dim>
std::vector<double> as_vector(const std::array<double, dim>& x) {
  return {x.begin(), x.end()};
}

// JSON has no infinity or NaN: such numbers become null.
ordered_json number(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(); }

std::string format(const char* pattern, double x) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, x);
  return text;
}

}  // namespace

template <int dim>
std::string summary_json(const Options& options, const Problem<dim>& problem,
                         const Result<dim>& result, const std::optional<ErrorNorms>& error,
                         const RunRecord& run) {
  const Statistics& s = result.statistics;
  const auto& grid = result.grid;
  ordered_json j;
  j["hj_version"] = version;
  j["problem"] = problem.name();
  j["solver"] = options.string("solver.type");
  j["dim"] = dim;
  j["domain"] = {
      {"lower", as_vector<dim>(grid.lower())},
      {"upper", as_vector<dim>(grid.upper())},
      {"n", std::vector<std::int64_t>(grid.nodes_per_axis().begin(), grid.nodes_per_axis().end())},
      {"spacing", as_vector<dim>(grid.spacing())}};
  j["status"] = to_string(result.status);
  j["status_detail"] = result.status_detail;
  j["nodes"] = s.nodes;
  j["timing"] = {{"setup_s", s.time_setup_s}, {"seed_s", s.time_seed_s},
                 {"march_s", s.time_march_s}, {"solve_s", s.solve_s()},
                 {"write_s", run.write_s},    {"total_s", run.total_s}};
  j["memory"] = {{"peak_rss_bytes", s.peak_rss_bytes},
                 {"baseline_rss_bytes", s.baseline_rss_bytes},
                 {"estimated_bytes", run.estimated_bytes}};
  j["statistics"] = {{"seeded", s.seeded},
                     {"accepted", s.accepted},
                     {"unreached", s.unreached},
                     {"updates_tried", s.updates_tried},
                     {"updates_improved", s.updates_improved},
                     {"non_finite_updates", s.non_finite_updates},
                     {"heap_pushes", s.heap_pushes},
                     {"heap_max_size", s.heap_max_size},
                     {"threads", s.threads},
                     {"reopened", s.reopened}};
  if (!result.update_kinds.empty()) {
    ordered_json by_kind;
    for (std::size_t k = 1; k < result.update_kinds.size(); ++k) {
      by_kind[result.update_kinds[k]] = s.accepted_by_update_kind[k];
    }
    j["statistics"]["accepted_by_update_kind"] = by_kind;
  }
  if (error) {
    j["error"] = {{"max", number(error->max)},
                  {"rms", number(error->rms)},
                  {"nodes", error->nodes},
                  {"unreached", error->unreached},
                  {"max_at", as_vector<dim>(grid.point(error->max_node))}};
    if (const auto gradient = gradient_error<dim>(problem, result)) {
      j["error"]["grad_max"] = number(gradient->max);
      j["error"]["grad_rms"] = number(gradient->rms);
      j["error"]["grad_nodes"] = gradient->nodes;
      j["error"]["grad_method"] = result.gradient.empty()
                                      ? "central differences of the computed field"
                                      : "the gradient the solver carries";
    }
  }
  if (const auto* sde = dynamic_cast<const SdeProblem<dim>*>(&problem)) {
    if (const auto derived = sde->derived(); !derived.empty()) {
      ordered_json values;
      for (const auto& [name, value] : derived) {
        values[name] = value.size() == 1 ? ordered_json(value.front()) : ordered_json(value);
      }
      j["derived"] = values;
    }
  }
  if (const auto residual = hamiltonian_residual<dim>(problem, result);
      residual && residual->nodes) {
    j["residual"] = {{"max", number(residual->max)},
                     {"rms", number(residual->rms)},
                     {"nodes", residual->nodes},
                     {"max_at", as_vector<dim>(grid.point(residual->max_node))},
                     {"grad_method", residual->carried ? "the gradient the solver carries"
                                                       : "central differences of the computed "
                                                         "field"}};
  }
  if (problem.equation() == Equation::quasi_potential) {
    // min of V on the box's boundary: the exit cost; null when the march stopped before it.
    if (const auto barrier = boundary_minimum<dim>(result)) {
      j["barrier"] = {{"value", barrier->value}, {"at", as_vector<dim>(grid.point(barrier->node))}};
    } else {
      j["barrier"] = nullptr;
    }
  }
  if (!run.paths.empty()) {
    ordered_json paths = ordered_json::array();
    for (const PathRecord& path : run.paths) {
      ordered_json entry = {{"kind", path.kind},
                            {"target", path.target},
                            {"end", path.end},
                            {"action", number(path.action)},
                            {"value_at_target", number(path.value_at_target)},
                            {"reached_attractor", path.reached_attractor},
                            {"stop_reason", path.stop_reason},
                            {"points", path.points}};
      if (const auto& g = path.gmam) {
        entry["gmam"] = {{"action", number(g->action)},
                         {"iterations", g->iterations},
                         {"action_change", number(g->action_change)},
                         {"converged", g->converged},
                         {"status", g->status},
                         {"status_detail", g->status_detail},
                         {"points", g->points},
                         {"start", g->start},
                         {"distance_to_traced", number(g->distance_to_traced)},
                         {"action_half_points", number(g->action_half_points)},
                         {"resolution_change", number(g->resolution_change)}};
      }
      paths.push_back(entry);
    }
    j["paths"] = paths;
  }
  if (!result.details.empty()) {
    ordered_json details;
    for (const auto& [name, value] : result.details) details[name] = value;
    j["solver_details"] = details;
  }
  j["options"] = options_json(options);
  j["outputs"] = run.outputs;
  return j.dump(2) + "\n";
}

template <int dim>
std::string summary_table(const Options& options, const Problem<dim>& problem,
                          const Result<dim>& result, const std::optional<ErrorNorms>& error,
                          const RunRecord& run, const std::string& output_dir) {
  const Statistics& s = result.statistics;
  std::ostringstream out;
  std::string nodes;
  for (int a = 0; a < dim; ++a) {
    nodes += (a ? " x " : "") + std::to_string(result.grid.nodes_per_axis()[a]);
  }
  out << "problem      " << problem.name() << " (" << dim << "-d, " << nodes << " nodes)\n"
      << "solver       " << options.string("solver.type");
  if (options.has("solver.order")) out << ", order " << options.integer("solver.order");
  out << "\n"
      << "status       " << to_string(result.status)
      << (result.status_detail.empty() ? "" : " (" + result.status_detail + ")") << "\n"
      << "accepted     " << s.accepted << " of " << s.nodes << " nodes (" << s.seeded
      << " seeded)\n"
      << "solve time   " << format("%.3g s", s.solve_s())
      << format(" (%.3g M nodes/s)",
                s.solve_s() > 0 ? 1e-6 * static_cast<double>(s.accepted) / s.solve_s() : 0)
      << "\n"
      << "peak memory  " << format_bytes(static_cast<double>(s.peak_rss_bytes)) << "\n";
  // Short labels for the table; summary.json keeps the full keys.
  const std::map<std::string, std::string> labels = {{"attractor_eigenvalues", "eigenvalues"},
                                                     {"attractor_kind", "kind"},
                                                     {"search_radius_steps", "radius K"},
                                                     {"search_radius_used", "K used"}};
  for (const auto& [name, value] : result.details) {
    const auto found = labels.find(name);
    const std::string& label = found == labels.end() ? name : found->second;
    out << label << std::string(label.size() < 13 ? 13 - label.size() : 1, ' ') << value << "\n";
  }
  if (error) {
    out << "error max    " << format("%.3e", error->max) << " at "
        << to_toml(as_vector<dim>(result.grid.point(error->max_node))) << "\n"
        << "error rms    " << format("%.3e", error->rms) << " over " << error->nodes << " nodes\n";
  }
  for (const PathRecord& path : run.paths) {
    const std::string where = path.target.empty() ? path.kind : to_toml(path.target);
    out << "path         " << where << ": "
        << (path.reached_attractor
                ? format("action %.6f", path.action) + format(" (V %.6f)", path.value_at_target)
                : "not traced: " + path.stop_reason)
        << "\n";
    if (const auto& g = path.gmam) {
      out << "gMAM         " << where << ": " << format("action %.6f", g->action) << " ("
          << (g->converged ? "converged in " + std::to_string(g->iterations) + " iterations"
                           : g->status + ": " + g->status_detail)
          << ")\n";
      if (std::isnan(g->action_half_points)) {
        out << "             with " << gmam_coarse_points(static_cast<int>(g->points))
            << " points gMAM did not converge: its resolution is not known\n";
      } else if (!(g->resolution_change <= gmam_resolution_tolerance)) {
        out << "             " << format("%.6f", g->action_half_points) << " with "
            << gmam_coarse_points(static_cast<int>(g->points)) << " points ("
            << format("%.2g%% apart", 100 * g->resolution_change)
            << "): not resolved; raise paths.gmam_points\n";
      }
    }
  }
  out << "wrote        ";
  for (std::size_t i = 0; i < run.outputs.size(); ++i) {
    out << (i ? ", " : "") << output_dir << "/" << run.outputs[i];
  }
  out << "\n";
  return out.str();
}

template std::string summary_json<2>(const Options&, const Problem<2>&, const Result<2>&,
                                     const std::optional<ErrorNorms>&, const RunRecord&);
template std::string summary_json<3>(const Options&, const Problem<3>&, const Result<3>&,
                                     const std::optional<ErrorNorms>&, const RunRecord&);
template std::string summary_table<2>(const Options&, const Problem<2>&, const Result<2>&,
                                      const std::optional<ErrorNorms>&, const RunRecord&,
                                      const std::string&);
template std::string summary_table<3>(const Options&, const Problem<3>&, const Result<3>&,
                                      const std::optional<ErrorNorms>&, const RunRecord&,
                                      const std::string&);

}  // namespace hj

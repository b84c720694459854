#include "app/path_tracing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "solvers/gmam.hpp"
#include "solvers/minimum_action_path.hpp"
#include "validation/boundary_minimum.hpp"
#include "validation/path_distance.hpp"

namespace hj {
namespace {

template <int dim>
Polyline polyline(const std::vector<std::array<double, dim>>& points, double value, int kind) {
  Polyline line{{}, value, kind};
  for (const auto& x : points) {
    std::array<double, 3> p{0, 0, 0};
    std::copy(x.begin(), x.end(), p.begin());
    line.points.push_back(p);
  }
  return line;
}

template <int dim>
GmamSettings gmam_settings(const Options& options) {
  GmamSettings settings;
  settings.points = static_cast<int>(options.integer("paths.gmam_points"));
  settings.tolerance = options.real("paths.gmam_tolerance");
  settings.max_iterations = static_cast<int>(options.integer("paths.gmam_iterations"));
  return settings;
}

// gMAM to the target, started from the traced path when it reached the attractor.
template <int dim>
GmamRecord run_gmam(const SdeProblem<dim>& problem, const Equilibrium<dim>& attractor,
                    const std::array<double, dim>& target, const ActionPath<dim>& traced,
                    const GmamSettings& settings, std::vector<Polyline>& lines) {
  const bool from_trace = traced.reached_attractor;
  const std::vector<std::array<double, dim>> none;
  const auto start = gmam_start<dim>(attractor.point, target, from_trace ? traced.points : none);
  const GmamPath<dim> path = geometric_minimum_action<dim>(problem, start, settings);
  GmamRecord record;
  record.action = path.action;
  record.iterations = path.iterations;
  record.action_change = path.action_change;
  record.converged = path.converged;
  record.status = to_string(path.status);
  record.status_detail = path.status_detail;
  record.points = path.points.size();
  record.start = from_trace ? "traced path" : "straight line";
  record.distance_to_traced = std::numeric_limits<double>::quiet_NaN();
  if (from_trace) {  // closed across the capture ball, where the true path spirals in
    auto closed = traced.points;
    closed.push_back(attractor.point);
    record.distance_to_traced = hausdorff_distance<dim>(closed, path.points);
  }
  // The same from the same start with half the points: a path that winds (a weakly damped
  // focus spirals it in about 10 times near consumer-resource's attractor) can be under-resolved
  // by the default 200 points and still converge, 8% above V there.
  GmamSettings coarse = settings;
  coarse.points = gmam_coarse_points(settings.points);
  const GmamPath<dim> half = geometric_minimum_action<dim>(problem, start, coarse);
  record.action_half_points =
      half.converged ? half.action : std::numeric_limits<double>::quiet_NaN();
  record.resolution_change = std::abs(path.action - record.action_half_points) /
                             std::max(std::abs(path.action), std::numeric_limits<double>::min());
  lines.push_back(polyline<dim>(path.points, path.action, gmam_method));
  return record;
}

}  // namespace

bool wants_paths(const Options& options) {
  return !options.points("paths.targets").empty() || options.boolean("paths.barrier");
}

template <int dim>
void check_path_targets(const Options& options, const Problem<dim>& problem,
                        const StructuredGrid<dim>& grid, const TargetSource& source) {
  if (!wants_paths(options)) return;
  const std::string key =
      options.points("paths.targets").empty() ? "paths.barrier" : "paths.targets";
  if (problem.equation() != Equation::quasi_potential) {
    throw Error(options.origin(key) +
                ": minimum action paths need a quasi-potential problem; problem '" +
                problem.name() + "' is " + to_string(problem.equation()) +
                "; choose an SDE problem ('hj list')");
  }
  if (const auto* sde = dynamic_cast<const SdeProblem<dim>*>(&problem);
      sde && sde->attractor_is_cycle()) {
    throw Error(options.origin(key) + ": problem '" + problem.name() +
                "' has a limit cycle as its attractor; minimum action paths are traced to a "
                "point attractor only (drop " +
                key + ")");
  }
  for (const Point& p : options.points("paths.targets")) {
    const std::string what =
        options.origin("paths.targets") + ": " + source.point + " " + to_toml(p);
    if (p.size() != static_cast<std::size_t>(dim)) {
      throw Error(what + " has " + std::to_string(p.size()) + " coordinates; the domain has " +
                  std::to_string(dim) + "; give one coordinate per axis");
    }
    std::array<double, dim> x{};
    std::copy(p.begin(), p.end(), x.begin());
    if (!grid.contains(x)) {
      throw Error(what + " lies outside the box " + format_point(grid.lower()) + " .. " +
                  format_point(grid.upper()) + "; give a point inside the domain");
    }
  }
}

template <int dim>
std::vector<Polyline> trace_paths(const Options& options, const Problem<dim>& problem,
                                  const Result<dim>& result, RunRecord& run) {
  std::vector<std::pair<std::string, std::array<double, dim>>> targets;
  for (const Point& p : options.points("paths.targets")) {
    std::array<double, dim> x{};
    std::copy(p.begin(), p.end(), x.begin());
    targets.push_back({"target", x});
  }
  if (options.boolean("paths.barrier")) {
    if (const auto barrier = boundary_minimum<dim>(result)) {
      targets.push_back({"barrier", result.grid.point(barrier->node)});
    } else {
      PathRecord missing;
      missing.kind = "barrier";
      missing.stop_reason = "no boundary node was reached (a stopping rule ended the march)";
      run.paths.push_back(missing);
    }
  }
  std::vector<Polyline> lines;
  if (targets.empty()) return lines;
  const auto& sde = static_cast<const SdeProblem<dim>&>(problem);
  const Equilibrium<dim> attractor = find_attractor<dim>(sde, sde.attractor_guess());
  const MinimumActionPaths<dim> paths(sde, result, attractor, options.real("solver.seed_radius"),
                                      TraceSettings{options.real("paths.tolerance")});
  const bool gmam = options.boolean("paths.gmam");
  for (const auto& [kind, target] : targets) {
    const ActionPath<dim> path = paths.trace(target);
    PathRecord record{kind,
                      std::vector<double>(target.begin(), target.end()),
                      {},
                      path.action,
                      path.value_at_target,
                      path.reached_attractor,
                      path.stop_reason,
                      path.points.size(),
                      std::nullopt};
    if (!path.points.empty()) {
      record.end.assign(path.points.back().begin(), path.points.back().end());
      lines.push_back(polyline<dim>(path.points, path.action, traced_through_v));
    }
    if (gmam) {
      record.gmam = run_gmam<dim>(sde, attractor, target, path, gmam_settings<dim>(options), lines);
    }
    run.paths.push_back(std::move(record));
  }
  return lines;
}

template void check_path_targets<2>(const Options&, const Problem<2>&, const StructuredGrid<2>&,
                                    const TargetSource&);
template void check_path_targets<3>(const Options&, const Problem<3>&, const StructuredGrid<3>&,
                                    const TargetSource&);
template std::vector<Polyline> trace_paths<2>(const Options&, const Problem<2>&, const Result<2>&,
                                              RunRecord&);
template std::vector<Polyline> trace_paths<3>(const Options&, const Problem<3>&, const Result<3>&,
                                              RunRecord&);

}  // namespace hj

#include "app/configuration.hpp"

#include "problems/catalogue.hpp"
#include "solvers/solver_registry.hpp"
#include "validation/monte_carlo_setup.hpp"

namespace hj {

const char* const default_problem_text =
    R"(# hj's default problem: distance from the centre of a 2-d box.
[problem]
type = "eikonal-point"
speed = 1.0

[domain]
lower = -1.0     # every axis; one value per axis also works
upper = 1.0
n = 201

[solver]
type = "fmm"
order = 2
)";

OptionDeclarations common_declarations() {
  OptionDeclarations d;
  d.add("problem.type", ValueKind::string, std::string("eikonal-point"),
        "problem name (see 'hj list')");
  d.add("domain.dim", ValueKind::integer, std::int64_t{2}, "space dimension: 2 or 3",
        [](const Value& v) -> std::string {
          const auto dim = std::get<std::int64_t>(v);
          return dim == 2 || dim == 3 ? "" : "must be 2 or 3";
        });
  d.add("domain.lower", ValueKind::real_list, std::vector<double>{-1.0},
        "lower corner of the box: one number for every axis, or one per axis");
  d.add("domain.upper", ValueKind::real_list, std::vector<double>{1.0},
        "upper corner of the box: one number for every axis, or one per axis");
  d.add("domain.n", ValueKind::integer_list, std::vector<std::int64_t>{101},
        "nodes per axis (at least 3): one number for every axis, or one per axis",
        checks::at_least(3));
  declare_marcher_options(d);
  d.add("paths.targets", ValueKind::point_list, std::vector<Point>{},
        "end points of minimum action paths to trace (quasi-potential problems), written to "
        "paths.vtp");
  d.add("paths.barrier", ValueKind::boolean, false,
        "also trace the minimum action path to the barrier, the minimiser of V on the boundary");
  d.add("paths.tolerance", ValueKind::real, 1e-6,
        "local error allowed per step of the adaptive path integration, relative to the box's "
        "longest side (steps stay below one grid spacing)",
        checks::positive());
  d.add("paths.gmam", ValueKind::boolean, true,
        "recompute every path by the geometric minimum action method from b and A alone (an "
        "independent check of the path and its action), started from the traced path");
  d.add("paths.gmam_points", ValueKind::integer, std::int64_t{200},
        "points on each gMAM path, ends included", checks::at_least(3));
  d.add("paths.gmam_tolerance", ValueKind::real, 1e-8,
        "gMAM has converged when its action changed by less than this, relative, over the last "
        "10 iterations",
        checks::positive());
  d.add("paths.gmam_iterations", ValueKind::integer, std::int64_t{20000},
        "at most this many gMAM iterations; the summary says when they were not enough",
        checks::at_least(1));
  d.add("output.dir", ValueKind::string, std::string("hj-out"),
        "directory for field.vti, summary.json and the paths (the -o flag sets it)");
  d.add("output.field", ValueKind::boolean, true, "write field.vti");
  return d;
}

OptionDeclarations declarations_for(const std::string& problem_type,
                                    const std::string& solver_type) {
  OptionDeclarations d = common_declarations();
  declare_monte_carlo_options(d);
  if (const auto* problem = [&]() -> const ProblemEntry* {
        const auto& entries = problem_registry().entries();
        const auto found = entries.find(problem_type);
        return found == entries.end() ? nullptr : &found->second;
      }()) {
    problem->declare(d);
  }
  const auto& solvers = solver_registry().entries();
  if (const auto found = solvers.find(solver_type); found != solvers.end()) {
    found->second.declare(d);
  }
  return d;
}

std::vector<OptionGroup> all_option_groups() {
  std::vector<OptionGroup> groups;
  groups.push_back({"common options", "domain, output and marching, for every problem and solver",
                    common_declarations()});
  OptionDeclarations simulation;
  declare_monte_carlo_options(simulation);
  groups.push_back({"simulation options",
                    "the [mc] and [exit] tables of hj mc, and [fp] of hj fokker-planck",
                    simulation});
  for (const auto& [name, entry] : problem_registry().entries()) {
    OptionDeclarations d;
    entry.declare(d);
    groups.push_back({"problem.type = \"" + name + "\"", entry.help, d});
  }
  for (const auto& [name, entry] : solver_registry().entries()) {
    OptionDeclarations d;
    entry.declare(d);
    groups.push_back({"solver.type = \"" + name + "\"", entry.help, d});
  }
  return groups;
}

namespace {

std::string chosen_name(const RawSettings& raw, const std::string& key, const std::string& fallback,
                        std::string& origin) {
  const auto found = raw.find(key);
  if (found == raw.end()) {
    origin = "default " + key;
    return fallback;
  }
  origin = found->second.origin;
  if (const auto* name = std::get_if<std::string>(&found->second.value)) return *name;
  throw Error(origin + ": " + key + " must be a string, got " + to_toml(found->second.value));
}

// A key declared by another problem type or solver gets a message saying so.
void reject_keys_of_other_components(const RawSettings& raw, const OptionDeclarations& active,
                                     const std::string& problem_type,
                                     const std::string& solver_type) {
  for (const auto& [key, setting] : raw) {
    if (active.find(key) != nullptr) continue;
    for (const OptionGroup& group : all_option_groups()) {
      if (group.declarations.find(key) != nullptr) {
        throw Error(setting.origin + ": option '" + key + "' belongs to " + group.title +
                    ", not to problem.type = \"" + problem_type + "\" with solver.type = \"" +
                    solver_type + "\"");
      }
    }
  }
}

}  // namespace

Options resolve_options(const RawSettings& raw) {
  std::string problem_origin, solver_origin;
  const std::string problem_type =
      chosen_name(raw, "problem.type", "eikonal-point", problem_origin);
  const std::string solver_type = chosen_name(raw, "solver.type", "fmm", solver_origin);
  problem_registry().get(problem_type, problem_origin);  // unknown names list the known ones
  solver_registry().get(solver_type, solver_origin);
  const OptionDeclarations declarations = declarations_for(problem_type, solver_type);
  reject_keys_of_other_components(raw, declarations, problem_type, solver_type);
  return Options::resolve(raw, declarations);
}

int resolve_dimension(Options& options) {
  if (options.is_set("domain.dim")) {
    return static_cast<int>(options.integer("domain.dim"));
  }
  std::size_t longest = 1;
  longest =
      std::max(longest, std::get<std::vector<double>>(options.values().at("domain.lower")).size());
  longest =
      std::max(longest, std::get<std::vector<double>>(options.values().at("domain.upper")).size());
  longest = std::max(longest,
                     std::get<std::vector<std::int64_t>>(options.values().at("domain.n")).size());
  const int dim = longest == 1 ? 2 : static_cast<int>(longest);
  if (dim != 2 && dim != 3) {
    throw Error(options.origin("domain.lower") + ": the domain has " + std::to_string(dim) +
                " coordinates; hj solves in 2 or 3 dimensions");
  }
  options.set("domain.dim", std::int64_t{dim});
  return dim;
}

template <int dim>
StructuredGrid<dim> grid_from_options(const Options& options) {
  const auto lower = options.reals("domain.lower", dim);
  const auto upper = options.reals("domain.upper", dim);
  const auto n = options.integers("domain.n", dim);
  typename StructuredGrid<dim>::Point lo, hi;
  typename StructuredGrid<dim>::MultiIndex nodes;
  for (int a = 0; a < dim; ++a) {
    if (!(lower[a] < upper[a])) {
      throw Error(options.origin("domain.lower") + ": domain.lower[" + std::to_string(a) +
                  "] = " + to_toml(lower[a]) + " must be below domain.upper[" + std::to_string(a) +
                  "] = " + to_toml(upper[a]) + " (" + options.origin("domain.upper") + ")");
    }
    lo[a] = lower[a];
    hi[a] = upper[a];
    nodes[a] = n[a];
  }
  return StructuredGrid<dim>(lo, hi, nodes);
}

template StructuredGrid<2> grid_from_options<2>(const Options&);
template StructuredGrid<3> grid_from_options<3>(const Options&);

}  // namespace hj

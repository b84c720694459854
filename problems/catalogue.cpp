#include "problems/catalogue.hpp"

#include "problems/eikonal_problems.hpp"

namespace hj {
namespace {

// Writes a point as the user would, "[0.5, 2]".
template <int dim>
std::string format_point(const std::array<double, dim>& x) {
  return to_toml(std::vector<double>(x.begin(), x.end()));
}

template <int dim>
std::string format_box(const StructuredGrid<dim>& grid) {
  return format_point<dim>(grid.lower()) + " .. " + format_point<dim>(grid.upper());
}

template <int dim>
std::array<double, dim> to_point(const Options& options, const std::string& key,
                                 const std::vector<double>& values) {
  if (values.size() != static_cast<std::size_t>(dim)) {
    throw Error(options.origin(key) + ": " + key + " has " + std::to_string(values.size()) +
                " coordinates but the domain has " + std::to_string(dim) + " dimensions");
  }
  std::array<double, dim> x{};
  std::copy(values.begin(), values.end(), x.begin());
  return x;
}

template <int dim>
void require_inside(const Options& options, const std::string& key,
                    const std::array<double, dim>& x, const StructuredGrid<dim>& grid) {
  if (!grid.contains(x)) {
    throw Error(options.origin(key) + ": " + key + " = " + format_point<dim>(x) +
                " lies outside the box " + format_box(grid) + "; move it inside the domain");
  }
}

// problem.source: one point; empty means the centre of the box (recorded back into options).
template <int dim>
std::array<double, dim> source_point(Options& options, const StructuredGrid<dim>& grid) {
  const auto& given = std::get<std::vector<double>>(options.values().at("problem.source"));
  std::array<double, dim> x{};
  if (given.empty()) {
    for (int a = 0; a < dim; ++a) x[a] = 0.5 * (grid.lower()[a] + grid.upper()[a]);
    options.set("problem.source", std::vector<double>(x.begin(), x.end()));
  } else {
    x = to_point<dim>(options, "problem.source", given);
  }
  require_inside<dim>(options, "problem.source", x, grid);
  return x;
}

void declare_speed(OptionDeclarations& d) {
  d.add("problem.speed", ValueKind::real, 1.0, "constant speed c > 0 (|grad u| = 1/c)",
        checks::positive());
}

void declare_source(OptionDeclarations& d) {
  d.add("problem.source", ValueKind::real_list, std::vector<double>{},
        "point source [x, y(, z)]; empty = centre of the box");
}

template <int dim>
std::unique_ptr<Problem<dim>> make_point(Options& options, const StructuredGrid<dim>& grid) {
  return std::make_unique<EikonalPointSources<dim>>(
      "eikonal-point", options.real("problem.speed"),
      std::vector<std::array<double, dim>>{source_point(options, grid)});
}

template <int dim>
std::unique_ptr<Problem<dim>> make_points(Options& options, const StructuredGrid<dim>& grid) {
  const std::string key = "problem.sources";
  const auto& given = options.points(key);
  if (given.empty()) {
    throw Error(options.origin(key) + ": " + key +
                " is empty; give a list of points, e.g. [[-0.5, 0], [0.5, 0]]");
  }
  std::vector<std::array<double, dim>> sources;
  for (const auto& p : given) {
    sources.push_back(to_point<dim>(options, key, p));
    require_inside<dim>(options, key, sources.back(), grid);
  }
  return std::make_unique<EikonalPointSources<dim>>("eikonal-points", options.real("problem.speed"),
                                                    std::move(sources));
}

template <int dim>
std::unique_ptr<Problem<dim>> make_radial(Options& options, const StructuredGrid<dim>& grid) {
  return std::make_unique<EikonalRadialSlowness<dim>>(source_point(options, grid));
}

Registry<ProblemEntry> build_registry() {
  Registry<ProblemEntry> registry("problem type");
  registry.add("eikonal-point",
               {"eikonal |grad u| = 1/c, constant speed, one point source (exact: |x - x0| / c)",
                [](OptionDeclarations& d) {
                  declare_speed(d);
                  declare_source(d);
                },
                make_point<2>, make_point<3>});
  registry.add("eikonal-points",
               {"eikonal, constant speed, several point sources (exact: min_k |x - x_k| / c)",
                [](OptionDeclarations& d) {
                  declare_speed(d);
                  d.add("problem.sources", ValueKind::point_list, std::vector<Point>{},
                        "point sources [[x, y(, z)], ...]");
                },
                make_points<2>, make_points<3>});
  registry.add("eikonal-radial",
               {"eikonal with slowness |x - x0| (speed 1/r), one point source (exact: r^2 / 2)",
                declare_source, make_radial<2>, make_radial<3>});
  return registry;
}

}  // namespace

const Registry<ProblemEntry>& problem_registry() {
  static const Registry<ProblemEntry> registry = build_registry();
  return registry;
}

template <int dim>
std::unique_ptr<Problem<dim>> make_problem(Options& options, const StructuredGrid<dim>& grid) {
  const std::string& type = options.string("problem.type");
  const ProblemEntry& entry = problem_registry().get(type, options.origin("problem.type"));
  if constexpr (dim == 2) {
    return entry.make_2d(options, grid);
  } else {
    return entry.make_3d(options, grid);
  }
}

template std::unique_ptr<Problem<2>> make_problem<2>(Options&, const StructuredGrid<2>&);
template std::unique_ptr<Problem<3>> make_problem<3>(Options&, const StructuredGrid<3>&);

}  // namespace hj

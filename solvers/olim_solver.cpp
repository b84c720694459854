#include "solvers/olim_solver.hpp"

#include <chrono>
#include <sstream>

#include "core/error.hpp"
#include "solvers/attractor.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {

void declare_olim_options(OptionDeclarations& d) {
  d.add("solver.quadrature", ValueKind::string, std::string("midpoint"),
        "segment quadrature: right-hand (the ordered upwind method), trapezoid, midpoint",
        checks::one_of({"right-hand", "trapezoid", "midpoint"}));
  d.add("solver.radius", ValueKind::integer, std::int64_t{0},
        "search radius K in grid steps; 0 = automatic, round(1.6 n^(1/3))", checks::non_negative());
  d.add("solver.seed_radius", ValueKind::real, 0.0,
        "radius of the ball around the attractor set from the linearisation; 0 = automatic (3 h)",
        checks::non_negative());
}

int default_radius_steps(std::int64_t nodes_per_axis) {
  return std::max(
      2, static_cast<int>(std::lround(1.6 * std::cbrt(static_cast<double>(nodes_per_axis)))));
}

template <int dim>
OlimSettings olim_settings_from(Options& options, const StructuredGrid<dim>& grid) {
  OlimSettings settings;
  const std::string& rule = options.string("solver.quadrature");
  settings.rule = rule == "right-hand"  ? QuadratureRule::right_hand
                  : rule == "trapezoid" ? QuadratureRule::trapezoid
                                        : QuadratureRule::midpoint;
  settings.radius_steps = static_cast<int>(options.integer("solver.radius"));
  if (settings.radius_steps == 0) {
    std::int64_t n = 0;
    for (std::int64_t na : grid.nodes_per_axis()) n = std::max(n, na);
    settings.radius_steps = default_radius_steps(n);
    options.set("solver.radius", std::int64_t{settings.radius_steps});
  }
  settings.seed_radius = options.real("solver.seed_radius");
  if (settings.seed_radius == 0) {
    settings.seed_radius = 3 * grid.max_spacing();
    options.set("solver.seed_radius", settings.seed_radius);
  }
  settings.stop = stopping_rule_from(options);
  return settings;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <std::size_t n>
std::string format_point(const std::array<double, n>& x) {
  return to_toml(std::vector<double>(x.begin(), x.end()));
}

// Drift and A^{-1} at every node; A must be SPD wherever it is used.
template <int dim>
SdeNodeData<dim> tabulate(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid) {
  SdeNodeData<dim> data;
  data.drift.resize(grid.size());
  auto metric = [&](const std::array<double, dim>& x) {
    const Matrix<dim> A = problem.diffusion(x);
    const Eigen::LLT<Matrix<dim>> cholesky(A);
    if (cholesky.info() != Eigen::Success || !A.allFinite() ||
        (A - A.transpose()).norm() > 1e-12 * A.norm()) {
      std::ostringstream message;
      message << "problem '" << problem.name()
              << "': the diffusion matrix A at x = " << format_point(x)
              << " is not symmetric positive definite (A = "
              << A.format(Eigen::IOFormat(6, Eigen::DontAlignCols, ", ", "; ", "", "", "[", "]"))
              << "); fix sigma or the diffusion there";
      throw Error(message.str());
    }
    return Matrix<dim>(cholesky.solve(Matrix<dim>::Identity()));
  };
  if (problem.constant_diffusion()) {
    data.metric.assign(1, metric(grid.point(std::size_t{0})));
  } else {
    data.metric.resize(grid.size());
  }
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto x = grid.point(i);
    data.drift[i] = problem.drift(x);
    if (!data.drift[i].allFinite()) {
      throw Error("problem '" + problem.name() +
                  "': the drift is not finite at x = " + format_point(x));
    }
    if (!problem.constant_diffusion()) data.metric[i] = metric(x);
  }
  return data;
}

template <typename Update, int dim>
void march(const SdeProblem<dim>& problem, const SdeNodeData<dim>& data,
           const OlimSettings& settings, const MarchHooks& hooks, Result<dim>& result) {
  const StructuredGrid<dim>& grid = result.grid;
  const Update update(result, data, settings.radius_steps * grid.max_spacing());
  Marcher<dim, Update> marcher(result, update, settings.stop, hooks);
  const auto start = std::chrono::steady_clock::now();
  const Equilibrium<dim> attractor = find_attractor<dim>(problem, problem.attractor_guess());
  if (!grid.contains(attractor.point)) {
    throw Error("problem '" + problem.name() + "': the attractor " + format_point(attractor.point) +
                " lies outside the box; enlarge the domain");
  }
  result.details.push_back({"attractor", format_point(attractor.point)});
  result.details.push_back({"attractor_eigenvalues", attractor.eigenvalue_text()});
  result.details.push_back({"attractor_kind", attractor.kind == EquilibriumKind::stable
                                                  ? "stable"
                                                  : "degenerate (some eigenvalues have zero "
                                                    "real part)"});
  result.details.push_back({"search_radius_steps", std::to_string(settings.radius_steps)});
  // Near the attractor V is the linearisation's quadratic form up to O(r^3). A degenerate
  // attractor has no linearisation: the corners of its cell get V = 0 (V grows faster than r^2).
  std::optional<LinearisedQuasiPotential<dim>> linear;
  double radius = settings.seed_radius;
  if (attractor.kind == EquilibriumKind::stable) {
    linear.emplace(problem, attractor);
  } else {
    double diagonal2 = 0;
    for (double h : grid.spacing()) diagonal2 += h * h;
    radius = std::sqrt(diagonal2);
  }
  std::size_t seeded = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto x = grid.point(i);
    if (distance<dim>(x, attractor.point) > radius * (1 + 1e-12)) continue;
    marcher.seed(i, linear ? linear->value(x) : 0.0);
    ++seeded;
  }
  HJ_CHECK(seeded > 0, "the seed ball holds no node");
  result.statistics.time_seed_s = seconds_since(start);
  marcher.run();
}

}  // namespace

template <int dim>
Result<dim> solve_olim(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid,
                       const OlimSettings& settings, const MarchHooks& hooks) {
  const std::uint64_t baseline_rss = current_rss_bytes();
  const auto start = std::chrono::steady_clock::now();
  const SdeNodeData<dim> data = tabulate(problem, grid);
  Result<dim> result(grid);
  result.statistics.baseline_rss_bytes = baseline_rss;
  result.statistics.time_setup_s = seconds_since(start);
  switch (settings.rule) {
    case QuadratureRule::right_hand:
      march<LineIntegralUpdate<dim, QuadratureRule::right_hand>>(problem, data, settings, hooks,
                                                                 result);
      break;
    case QuadratureRule::trapezoid:
      march<LineIntegralUpdate<dim, QuadratureRule::trapezoid>>(problem, data, settings, hooks,
                                                                result);
      break;
    case QuadratureRule::midpoint:
      march<LineIntegralUpdate<dim, QuadratureRule::midpoint>>(problem, data, settings, hooks,
                                                               result);
      break;
  }
  result.statistics.peak_rss_bytes = peak_rss_bytes();
  return result;
}

std::size_t olim_bytes_per_node(bool constant_diffusion) {
  // Result and heap slots, the drift, and A^{-1} per node when A varies (3-d sizes: an upper
  // bound for 2-d).
  return Result<3>::bytes_per_node + IndexedHeap::bytes_per_node + sizeof(Vector<3>) +
         (constant_diffusion ? 0 : sizeof(Matrix<3>));
}

template OlimSettings olim_settings_from<2>(Options&, const StructuredGrid<2>&);
template OlimSettings olim_settings_from<3>(Options&, const StructuredGrid<3>&);
template Result<2> solve_olim<2>(const SdeProblem<2>&, const StructuredGrid<2>&,
                                 const OlimSettings&, const MarchHooks&);
template Result<3> solve_olim<3>(const SdeProblem<3>&, const StructuredGrid<3>&,
                                 const OlimSettings&, const MarchHooks&);

}  // namespace hj

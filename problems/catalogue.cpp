#include "problems/catalogue.hpp"

#include "problems/eikonal_problems.hpp"
#include "problems/expression_sde.hpp"
#include "problems/linear_sde_matrices.hpp"
#include "problems/metric_problems.hpp"
#include "problems/option_values.hpp"
#include "problems/sde_benchmarks.hpp"
#include "problems/sde_families.hpp"
#include "problems/sgd_catalogue.hpp"

namespace hj {
namespace {

// problem.source: one point; empty means the centre of the box (recorded back into options).
template <int dim>
std::array<double, dim> source_point(Options& options, const StructuredGrid<dim>& grid) {
  const auto& given = std::get<std::vector<double>>(options.values().at("problem.source"));
  std::array<double, dim> x{};
  if (given.empty()) {
    for (int a = 0; a < dim; ++a) x[a] = 0.5 * (grid.lower()[a] + grid.upper()[a]);
    options.set("problem.source", std::vector<double>(x.begin(), x.end()));
  } else {
    x = point_option<dim>(options, "problem.source", given);
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
    sources.push_back(point_option<dim>(options, key, p));
    require_inside<dim>(options, key, sources.back(), grid);
  }
  return std::make_unique<EikonalPointSources<dim>>("eikonal-points", options.real("problem.speed"),
                                                    std::move(sources));
}

template <int dim>
std::unique_ptr<Problem<dim>> make_radial(Options& options, const StructuredGrid<dim>& grid) {
  return std::make_unique<EikonalRadialSlowness<dim>>(source_point(options, grid));
}

void declare_attractor(OptionDeclarations& d) {
  d.add("problem.attractor", ValueKind::real_list, std::vector<double>{},
        "where Newton's method looks for the attractor; empty = the problem's own guess");
}

// Reads problem.attractor into the problem, checked to lie in the box.
template <int dim>
void apply_attractor_guess(Options& options, const StructuredGrid<dim>& grid,
                           SdeProblem<dim>& problem) {
  const auto& given = std::get<std::vector<double>>(options.values().at("problem.attractor"));
  if (given.empty()) return;
  const auto x = point_option<dim>(options, "problem.attractor", given);
  require_inside<dim>(options, "problem.attractor", x, grid);
  problem.set_attractor_guess(x);
}

// A number parameter of a planar benchmark SDE: problem.<name>.
struct PlanarParameter {
  std::string name;
  double default_value;
  std::string help;
  OptionCheck check = {};
};

// A benchmark SDE of benchmarks.md that exists in 2-d (make_3d refuses; linear-rot replaces it
// with its 3-d analogue), built from its parameters by `construct`.
using PlanarConstructor = std::function<std::unique_ptr<SdeProblem<2>>(const Options&)>;

ProblemEntry planar_entry(std::string help, std::vector<PlanarParameter> parameters,
                          PlanarConstructor construct) {
  ProblemEntry entry;
  entry.help = std::move(help);
  entry.declare = [parameters](OptionDeclarations& d) {
    for (const auto& p : parameters) {
      d.add("problem." + p.name, ValueKind::real, p.default_value, p.help, p.check);
    }
    declare_attractor(d);
  };
  entry.make_2d = [construct](Options& options,
                              const StructuredGrid<2>& grid) -> std::unique_ptr<Problem<2>> {
    auto problem = construct(options);
    apply_attractor_guess<2>(options, grid, *problem);
    return problem;
  };
  entry.make_3d = [](Options& options, const StructuredGrid<3>&) -> std::unique_ptr<Problem<3>> {
    throw Error(options.origin("domain.dim") + ": problem '" + options.string("problem.type") +
                "' is two-dimensional; set domain.dim = 2");
  };
  return entry;
}

void register_sde_benchmarks(Registry<ProblemEntry>& registry) {
  auto a = [](const Options& o) { return o.real("problem.a"); };
  auto c = [](const Options& o) { return o.real("problem.c"); };
  auto f = [](const Options& o) { return o.real("problem.f"); };
  ProblemEntry linear_rot = planar_entry(
      "SDE b = (-a x - c y, a c x - y), A = I; exact V = a x^2 + y^2. In 3-d: V = a x^2 + y^2 + "
      "z^2, b = -grad V / 2 + c/2 w x grad V, w = (1, 1, 1)/sqrt 3",
      {{"a", 2.0, "the x-stiffness a > 0"}, {"c", 1.0, "the rotation c"}},
      [=](const Options& o) { return std::make_unique<LinearRotation>(a(o), c(o)); });
  linear_rot.make_3d = [=](Options& options,
                           const StructuredGrid<3>& grid) -> std::unique_ptr<Problem<3>> {
    auto problem = std::make_unique<LinearRotation3d>(a(options), c(options));
    apply_attractor_guess<3>(options, grid, *problem);
    return problem;
  };
  registry.add("linear-rot", std::move(linear_rot));
  registry.add(
      "cubic-rot",
      planar_entry("SDE with exact V = 2x^2 + a x^3 / 2 + y^2, a saddle at x = -8/(3a), A = I",
                   {{"a", 1.0, "the cubic term a"}, {"c", 1.0, "the rotation c"}},
                   [=](const Options& o) { return std::make_unique<CubicRotation>(a(o), c(o)); }));
  registry.add("quartic",
               planar_entry("SDE b = (-a x^3 - c y^3, a c x^3 - y^3), A = I, degenerate "
                            "attractor; exact V = (a x^4 + y^4) / 2",
                            {{"a", 1.0, "the x-stiffness a > 0"}, {"c", 1.0, "the rotation c"}},
                            [=](const Options& o) {
                              return std::make_unique<QuarticRotation>(a(o), c(o));
                            }));
  registry.add("double-well-rot",
               planar_entry("SDE with wells at x = -1, 1 and rotation f, A = I; exact V = "
                            "(x^2 - 1)^2 + y^2 in the basin of (-1, 0)",
                            {{"f", 1.0, "the rotation f"}}, [=](const Options& o) {
                              return std::make_unique<DoubleWellRotation>(f(o));
                            }));
  registry.add(
      "focus-in-cycle",
      planar_entry("SDE: stable focus inside the unstable cycle r = 1, A = I; exact V = "
                   "r^2 - r^4/2 (r <= 1), 1/2 outside",
                   {{"f", 4.0, "the rotation f (4 and 10 are demanding)"}},
                   [=](const Options& o) { return std::make_unique<FocusInCycle>(f(o)); }));
  registry.add(
      "maier-stein",
      planar_entry(
          "SDE b = (x - x^3 - beta x y^2, -(1 + x^2) y), A = I, attractors (+-1, 0), "
          "saddle (0, 0); V = (1 - x^2)^2 / 2 on the x-axis for beta < 4, exact "
          "everywhere in the basin only for beta = 1",
          {{"beta", 1.0,
            "the coupling beta > 0 (1: a gradient drift; from 4 on the exit path leaves "
            "the x-axis)",
            checks::positive()}},
          [](const Options& o) { return std::make_unique<MaierStein>(o.real("problem.beta")); }));
  registry.add("limit-cycle",
               planar_entry("SDE with a stable limit cycle r = 1: b = -1/2 grad U + w (-y, x), "
                            "U = a (r^2 - 1)^2 / 4, A = I; exact V = U (0 on the cycle)",
                            {{"a", 1.0, "the radial stiffness a > 0", checks::positive()},
                             {"w", 1.0, "the angular velocity w on the cycle"}},
                            [](const Options& o) {
                              return std::make_unique<LimitCycleRotation>(o.real("problem.a"),
                                                                          o.real("problem.w"));
                            }));
  registry.add(
      "consumer-resource",
      planar_entry(
          "SDE of plankton x and consumers y with two stable states (Moore et al. 2016, QPot's "
          "example 1), A = I; stable near (1.4049, 2.8081) and (4.9040, 4.0619), a saddle at "
          "(4.2008, 4.0039) with the defaults (problem.attractor picks a state); V not known in "
          "closed form",
          {{"alpha", 1.54, "the plankton's maximal growth rate", checks::positive()},
           {"beta", 10.14, "the plankton's carrying capacity", checks::positive()},
           {"delta", 1.0, "the consumers' maximal feeding rate", checks::positive()},
           {"gamma", 0.476, "the conversion of plankton into consumers", checks::positive()},
           {"kappa", 1.0, "the half-saturation constant (squared) of feeding", checks::positive()},
           {"mu", 0.112509, "the consumers' death rate", checks::positive()}},
          [](const Options& o) {
            ConsumerResource::Parameters p;
            p.alpha = o.real("problem.alpha");
            p.beta = o.real("problem.beta");
            p.delta = o.real("problem.delta");
            p.gamma = o.real("problem.gamma");
            p.kappa = o.real("problem.kappa");
            p.mu = o.real("problem.mu");
            return std::make_unique<ConsumerResource>(p);
          }));
}

template <int dim>
std::vector<Point> matrix_rows(const Matrix<dim>& M) {
  std::vector<Point> rows(dim, Point(dim));
  for (int i = 0; i < dim; ++i) {
    for (int j = 0; j < dim; ++j) rows[i][j] = M(i, j);
  }
  return rows;
}

void declare_linear_nd(OptionDeclarations& d) {
  d.add("problem.B", ValueKind::point_list, std::vector<Point>{},
        "the drift matrix B (b = B (x - x*)) as rows, [[b11, b12], [b21, b22]]; all its "
        "eigenvalues need negative real parts; empty = a non-normal B with rotation");
  d.add("problem.A", ValueKind::point_list, std::vector<Point>{},
        "the constant diffusion matrix A as rows, symmetric positive definite; empty = an "
        "anisotropic A");
  d.add("problem.attractor", ValueKind::real_list, std::vector<double>{},
        "the attractor x* [x, y(, z)]; empty = the origin");
  d.add("problem.seed", ValueKind::integer, std::int64_t{0},
        "0 = use problem.B and problem.A; otherwise a random stable B and a random SPD A from "
        "this seed (std::mt19937_64), the same on every machine",
        checks::non_negative());
  d.add("problem.condition", ValueKind::real, 10.0,
        "condition number of the random A (with problem.seed)", [](const Value& v) -> std::string {
          return std::get<double>(v) >= 1 ? "" : "must be >= 1";
        });
}

// linear-nd: the matrices given, built in or drawn from problem.seed, checked before the
// Lyapunov solve, and recorded back into the options so that summary.json holds them.
template <int dim>
std::unique_ptr<Problem<dim>> make_linear_nd(Options& options, const StructuredGrid<dim>& grid) {
  LinearSdeMatrices<dim> m = default_linear_sde<dim>();
  std::string origin_B = options.origin("problem.B"), origin_A = options.origin("problem.A");
  if (const std::int64_t seed = options.integer("problem.seed"); seed != 0) {
    for (const std::string key : {"problem.B", "problem.A"}) {
      if (!options.points(key).empty()) {
        throw Error(options.origin(key) + ": " + key +
                    " is given but problem.seed = " + std::to_string(seed) +
                    " draws random matrices; drop " + key + " or set problem.seed = 0");
      }
    }
    m = random_linear_sde<dim>(static_cast<std::uint64_t>(seed), options.real("problem.condition"));
    origin_B = origin_A = options.origin("problem.seed");
  } else {
    if (!options.points("problem.B").empty()) m.B = matrix_option<dim>(options, "problem.B");
    if (!options.points("problem.A").empty()) m.A = matrix_option<dim>(options, "problem.A");
  }
  if (const std::string problem = stability_problem<dim>(m.B); !problem.empty()) {
    throw Error(origin_B + ": problem.B " + problem + "; give a stable B");
  }
  if (const std::string problem = spd_problem<dim>(m.A); !problem.empty()) {
    throw Error(origin_A + ": problem.A " + problem + "; give a symmetric positive definite A");
  }
  options.set("problem.B", matrix_rows<dim>(m.B));
  options.set("problem.A", matrix_rows<dim>(m.A));
  const auto& given = std::get<std::vector<double>>(options.values().at("problem.attractor"));
  std::array<double, dim> attractor{};
  if (given.empty()) {
    options.set("problem.attractor", std::vector<double>(dim, 0.0));
  } else {
    attractor = point_option<dim>(options, "problem.attractor", given);
    require_inside<dim>(options, "problem.attractor", attractor, grid);
  }
  return std::make_unique<LinearSde<dim>>(m.B, m.A, attractor);
}

void declare_decomposed(OptionDeclarations& d) {
  d.add("problem.kappa", ValueKind::real_list, std::vector<double>{},
        "the stiffnesses kappa_k > 0 of U = 1/2 sum kappa_k x_k^2 + q/4 |x|^4, one or one per "
        "axis; empty = [1, 3] in 2-d, [1, 2, 4] in 3-d",
        checks::positive());
  d.add("problem.q", ValueKind::real, 0.5, "the quartic term q >= 0 of U", checks::non_negative());
  d.add("problem.rotation", ValueKind::real, 2.0,
        "the size of the part l of the drift orthogonal to grad U (0: b = -1/2 A grad U)");
  declare_attractor(d);
}

template <int dim>
std::unique_ptr<Problem<dim>> make_decomposed(Options& options, const StructuredGrid<dim>& grid) {
  std::vector<double> kappa;
  if (std::get<std::vector<double>>(options.values().at("problem.kappa")).empty()) {
    kappa = dim == 2 ? std::vector<double>{1, 3} : std::vector<double>{1, 2, 4};
    options.set("problem.kappa", kappa);
  } else {
    kappa = options.reals("problem.kappa", dim);
  }
  auto problem = std::make_unique<DecomposedSde<dim>>(Eigen::Map<const Vector<dim>>(kappa.data()),
                                                      options.real("problem.q"),
                                                      options.real("problem.rotation"));
  apply_attractor_guess<dim>(options, grid, *problem);
  return problem;
}

// The SDE families of benchmarks.md, in 2-d and 3-d.
void register_sde_families(Registry<ProblemEntry>& registry) {
  registry.add("linear-nd", {"SDE b = B (x - x*), constant SPD A, 2-d or 3-d; exact V = 1/2 dx^T "
                             "C^-1 dx with B C + C B^T + A = 0",
                             declare_linear_nd, make_linear_nd<2>, make_linear_nd<3>});
  registry.add("decomposed",
               {"SDE b = -1/2 A(x) grad U + l, l orthogonal to grad U, variable A(x), 2-d or 3-d; "
                "exact V = U = 1/2 sum kappa_k x_k^2 + q/4 |x|^4",
                declare_decomposed, make_decomposed<2>, make_decomposed<3>});
}

void declare_metric(OptionDeclarations& d) {
  d.add("problem.M", ValueKind::point_list, std::vector<Point>{},
        "the constant metric M of F(v) = sqrt(v^T M v) + <w, v> as rows, symmetric positive "
        "definite; empty = built from problem.anisotropy and problem.angle (the identity by "
        "default)");
  d.add(
      "problem.anisotropy", ValueKind::real, 1.0,
      "with problem.M empty: the ratio r of the longest to the shortest axis of the unit ball "
      "F <= 1, M with eigenvalues 1, r^2 (2-d) or 1, r, r^2 (3-d)",
      [](const Value& v) -> std::string { return std::get<double>(v) >= 1 ? "" : "must be >= 1"; });
  d.add("problem.angle", ValueKind::real, 0.0,
        "with problem.M empty: M's axes turned by this angle in degrees in the (x, y) plane, in "
        "3-d then by the same angle in the (y, z) plane");
  d.add("problem.w", ValueKind::real_list, std::vector<double>{},
        "the constant one-form w of a Randers metric, |w|_{M^-1} < 1; empty = 0 (Riemannian)");
  d.add("problem.shear", ValueKind::real, 0.0,
        "a >= 0: the metric pulled back by phi(x) = x + a x^2 e_y, so M(x) = Dphi^T M Dphi and "
        "w(x) = Dphi^T w vary; u is known exactly while a (x - s_x)^2 <= upper_y - s_y over the "
        "box for every source s",
        checks::non_negative());
  d.add("problem.sources", ValueKind::point_list, std::vector<Point>{},
        "point sources [[x, y(, z)], ...]; empty = the centre of the box");
}

// M = R diag(1, r^2) R^T (2-d), R diag(1, r, r^2) R^T (3-d), R turning by `degrees` in the
// (x, y) plane and, in 3-d, then in the (y, z) plane: axes that follow no grid line.
template <int dim>
Matrix<dim> ellipsoidal_metric(double ratio, double degrees) {
  const double angle = degrees * std::acos(-1.0) / 180;
  const double c = std::cos(angle), s = std::sin(angle);
  Matrix<dim> R = Matrix<dim>::Identity();
  Vector<dim> eigenvalues;
  if constexpr (dim == 2) {
    R << c, -s, s, c;
    eigenvalues << 1, ratio * ratio;
  } else {
    Matrix<dim> in_xy = Matrix<dim>::Identity(), in_yz = Matrix<dim>::Identity();
    in_xy.template topLeftCorner<2, 2>() << c, -s, s, c;
    in_yz.template bottomRightCorner<2, 2>() << c, -s, s, c;
    R = in_yz * in_xy;
    eigenvalues << 1, ratio, ratio * ratio;
  }
  return R * eigenvalues.asDiagonal() * R.transpose();
}

template <int dim>
std::unique_ptr<Problem<dim>> make_metric(Options& options, const StructuredGrid<dim>& grid) {
  Matrix<dim> M;
  std::string origin_M = options.origin("problem.M");
  if (options.points("problem.M").empty()) {
    M = ellipsoidal_metric<dim>(options.real("problem.anisotropy"), options.real("problem.angle"));
    origin_M = options.origin("problem.anisotropy");
  } else {
    for (const auto& [key, neutral] :
         {std::pair<std::string, double>{"problem.anisotropy", 1.0}, {"problem.angle", 0.0}}) {
      if (options.real(key) != neutral) {
        throw Error(options.origin(key) + ": " + key +
                    " shapes a built-in metric, but problem.M is given; drop one of them");
      }
    }
    M = matrix_option<dim>(options, "problem.M");
  }
  if (const std::string problem = spd_problem<dim>(M); !problem.empty()) {
    throw Error(origin_M + ": problem.M " + problem + "; give a symmetric positive definite M");
  }
  Vector<dim> w = Vector<dim>::Zero();
  if (!std::get<std::vector<double>>(options.values().at("problem.w")).empty()) {
    const std::vector<double> given = options.reals("problem.w", dim);
    w = Eigen::Map<const Vector<dim>>(given.data());
    if (const double size = one_form_size<dim>(M, w); !(size < 1)) {
      throw Error(options.origin("problem.w") +
                  ": problem.w has |w|_{M^-1} = " + detail::format_number(size) +
                  ", so the cost F(v) = |v|_M + <w, v> is not positive in every direction; give "
                  "a w with |w|_{M^-1} < 1");
    }
  }
  std::vector<std::array<double, dim>> sources;
  const std::string key = "problem.sources";
  if (options.points(key).empty()) {
    std::array<double, dim> centre{};
    for (int a = 0; a < dim; ++a) centre[a] = 0.5 * (grid.lower()[a] + grid.upper()[a]);
    sources.push_back(centre);
    options.set(key, std::vector<Point>{Point(centre.begin(), centre.end())});
  } else {
    for (const auto& p : options.points(key)) {
      sources.push_back(point_option<dim>(options, key, p));
      require_inside<dim>(options, key, sources.back(), grid);
    }
  }
  options.set("problem.M", matrix_rows<dim>(M));
  options.set("problem.w", std::vector<double>(w.data(), w.data() + dim));
  return std::make_unique<ShearedRandersMetric<dim>>(
      M, w, options.real("problem.shear"), std::move(sources), grid.lower(), grid.upper());
}

template <int dim>
std::unique_ptr<Problem<dim>> make_expression(Options& options, const StructuredGrid<dim>& grid) {
  auto problem = make_expression_sde<dim>(options, grid);
  apply_attractor_guess<dim>(options, grid, *problem);
  return problem;
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
  registry.add("metric",
               {"distance from point sources in the metric F(x, v) = sqrt(v^T M v) + <w, v> "
                "(Riemannian, or Randers with w), constant or sheared; exact: min_s |x - s|_M + "
                "<w, x - s> (constant), the same after the shear",
                declare_metric, make_metric<2>, make_metric<3>});
  register_sde_benchmarks(registry);
  register_sde_families(registry);
  registry.add("expression",
               {"SDE written in the problem file: problem.drift, problem.diffusion or "
                "problem.sigma as expressions in x, y (, z) and problem.parameters, 2-d or 3-d; "
                "exact V = problem.potential where given",
                declare_expression_sde, make_expression<2>, make_expression<3>});
  registry.add("sgd", sgd_problem_entry());
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

#include "validation/monte_carlo_setup.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <thread>

#include "core/error.hpp"
#include "core/memory.hpp"
#include "problems/compiled_expressions.hpp"
#include "problems/option_values.hpp"
#include "problems/sgd_problem.hpp"
#include "solvers/attractor.hpp"

namespace hj {

void declare_monte_carlo_options(OptionDeclarations& d) {
  d.add("mc.dynamics", ValueKind::string, std::string("sde"),
        "what is simulated: \"sde\" (Euler-Maruyama), \"sgd\" (SGD problems: the recursion x <- "
        "x - eta g_B with minibatches drawn from the data) or \"sgd-gaussian\" (the recursion "
        "with Gaussian noise of the problem's covariance)",
        checks::one_of({"sde", "sgd", "sgd-gaussian"}));
  d.add("mc.eps", ValueKind::real, 0.0,
        "noise strength eps > 0 of the simulation; 0: the problem's own (SGD: the learning rate)");
  d.add("mc.paths", ValueKind::integer, std::int64_t{1000}, "independent paths simulated",
        checks::at_least(1));
  d.add("mc.seed", ValueKind::integer, std::int64_t{1},
        "with the path index, names every random number (Philox): results do not depend on the "
        "number of threads",
        checks::non_negative());
  d.add("mc.dt", ValueKind::real, 0.0,
        "Euler-Maruyama step; 0: 0.01 over the largest eigenvalue modulus of Db at the attractor "
        "(at most 0.25 over the largest in the exit domain)",
        checks::non_negative());
  d.add("mc.max_time", ValueKind::real, 1e4,
        "time budget of a path; a path still inside then is reported as censored, never as an "
        "exit",
        checks::positive());
  d.add("mc.threads", ValueKind::integer, std::int64_t{0}, "threads; 0: every core",
        checks::non_negative());
  d.add("mc.bridge", ValueKind::boolean, true,
        "also detect exits between steps (Brownian bridge); without it exit times are biased by "
        "O(sqrt(dt))");
  d.add("mc.start", ValueKind::real_list, std::vector<double>{},
        "where every path starts; empty: the attractor");
  d.add("mc.method", ValueKind::string, std::string("brute-force"),
        "\"brute-force\" (every path to its exit), \"splitting\" (adaptive multilevel "
        "splitting on the computed V: solves first, for V*/eps of 20 and more) or \"long-run\" "
        "(paths of mc.max_time with no exit: histogram, residence fractions and transitions "
        "between attractors); SDE dynamics only for the last two",
        checks::one_of({"brute-force", "splitting", "long-run"}));
  d.add("mc.core_radius", ValueKind::real, 0.0,
        "long-run: the balls around the attractors that define which one a path last visited; "
        "0: a tenth of the smallest distance between attractors (one attractor: a twentieth of "
        "the box's diagonal)",
        checks::non_negative());
  d.add("splitting.replicas", ValueKind::integer, std::int64_t{100},
        "replicas N of each splitting run", checks::at_least(2));
  d.add("splitting.runs", ValueKind::integer, std::int64_t{20},
        "independent splitting runs (their spread gives the interval)", checks::at_least(2));
  d.add("splitting.cycles", ValueKind::integer, std::int64_t{1000},
        "brute-force cycles from the attractor to the level splitting.level_out and back to "
        "splitting.level_in (their durations and entry points)",
        checks::at_least(10));
  d.add("splitting.level_in", ValueKind::real, 0.05,
        "the attractor's neighbourhood A = {V < level_in V*}, V* the smallest V outside the "
        "exit domain",
        checks::positive());
  d.add("splitting.level_out", ValueKind::real, 0.15,
        "where splitting starts: Sigma = {V >= level_out V*} (above level_in, below 1)",
        checks::positive());
  d.add("validate.ratios", ValueKind::real_list, std::vector<double>{4, 5, 6, 7, 8},
        "hj validate: the values of V*/eps simulated by brute force (mc.paths paths each)",
        checks::positive());
  d.add("validate.splitting_ratios", ValueKind::real_list, std::vector<double>{12, 16, 20},
        "hj validate: the values of V*/eps estimated by splitting (the splitting.* options)",
        checks::positive());
  d.add("validate.fokker_planck", ValueKind::boolean, true,
        "hj validate: also solve the stationary Fokker-Planck equation at the largest eps and "
        "compare -eps log p with V");
  d.add("validate.sample_paths", ValueKind::integer, std::int64_t{5},
        "hj validate: this many of the paths at the largest eps, recorded into sample_paths.vtp",
        checks::non_negative());
  d.add("validate.plots", ValueKind::boolean, true,
        "hj validate: draw the PNG plots (matplotlib through /usr/bin/python3)");
  d.add("fp.eps", ValueKind::real, 0.0,
        "hj fokker-planck: the noise strength eps > 0; 0: mc.eps if set, else the problem's own "
        "(SGD: the learning rate)");
  d.add("exit.type", ValueKind::string, std::string("box"),
        "the domain a path exits: box, ball, halfspace, level (f < exit.level) or basin (until "
        "near another attractor)",
        checks::one_of({"box", "ball", "halfspace", "level", "basin"}));
  d.add("exit.lower", ValueKind::real_list, std::vector<double>{},
        "box: lower corner; empty: domain.lower");
  d.add("exit.upper", ValueKind::real_list, std::vector<double>{},
        "box: upper corner; empty: domain.upper");
  d.add("exit.center", ValueKind::real_list, std::vector<double>{},
        "ball: centre; empty: the attractor");
  d.add("exit.radius", ValueKind::real, 0.0,
        "ball: radius (required); basin: how close to the other attractor a path must come (0: a "
        "tenth of the distance between the attractors)",
        checks::non_negative());
  d.add("exit.normal", ValueKind::real_list, std::vector<double>{},
        "halfspace: the normal n; paths exit where n.x >= exit.offset");
  d.add("exit.offset", ValueKind::real, 0.0, "halfspace: the offset c of n.x < c");
  d.add("exit.function", ValueKind::string, std::string("loss"),
        "level: the function f of f < exit.level: \"loss\" (SGD problems) or an expression in x, "
        "y (, z)");
  d.add("exit.level", ValueKind::real, 0.0, "level: paths exit where f >= exit.level");
  d.add("exit.attractor", ValueKind::real_list, std::vector<double>{},
        "basin: a guess of the other attractor (Newton's method finds it)");
}

std::string to_string(Dynamics dynamics) {
  switch (dynamics) {
    case Dynamics::sde:
      return "sde";
    case Dynamics::sgd:
      return "sgd";
    case Dynamics::sgd_gaussian:
      return "sgd-gaussian";
  }
  return "?";
}

namespace {

template <int dim>
Vector<dim> vector_option(const Options& options, const std::string& key) {
  return to_vector<dim>(point_option<dim>(options, key, options.reals(key, dim)));
}

template <int dim>
Vector<dim> broadcast_vector(const Options& options, const std::string& key) {
  const auto values = options.reals(key, dim);
  return Eigen::Map<const Vector<dim>>(values.data());
}

// An expression f(x, y, z) with central-difference gradient; copies recompile the text, so
// that each thread evaluates its own.
template <int dim>
LevelFunction<dim> expression_level(const ExpressionText& text) {
  auto compiled = std::make_shared<CompiledExpressions>(std::vector<std::string>{"x", "y", "z"},
                                                        RealTable{}, "exit.function", text.where);
  const int index = compiled->add(text);
  LevelFunction<dim> f;
  f.name = text.text;
  f.value_and_gradient = [compiled, index](const Vector<dim>& x, Vector<dim>& gradient) {
    auto at = [&](const Vector<dim>& y) {
      for (int k = 0; k < dim; ++k) compiled->variables()[k] = y[k];
      return compiled->value(index);
    };
    for (int k = 0; k < dim; ++k) {
      const double step = 1e-6 * std::max(1.0, std::abs(x[k]));
      Vector<dim> plus = x, minus = x;
      plus[k] += step;
      minus[k] -= step;
      gradient[k] = (at(plus) - at(minus)) / (2 * step);
    }
    return at(x);
  };
  f.copy = [text] { return expression_level<dim>(text); };
  return f;
}

template <int dim>
LevelFunction<dim> loss_level(const Options& options, const SdeProblem<dim>& problem) {
  const auto* sgd = dynamic_cast<const SgdProblem<dim>*>(&problem);
  if (sgd == nullptr) {
    throw Error(options.origin("exit.function") +
                ": exit.function = \"loss\" needs an SGD problem (problem.type = \"sgd\"); give "
                "an expression in x, y (, z) instead");
  }
  LevelFunction<dim> f;
  f.name = "L";
  f.value_and_gradient = [sgd](const Vector<dim>& x, Vector<dim>& gradient) {
    gradient = sgd->loss().gradient(x);
    return sgd->loss().loss(x);
  };
  const LevelFunction<dim> same = f;
  f.copy = [same] { return same; };  // built-in losses are thread-safe; others run on one thread
  return f;
}

template <int dim>
std::unique_ptr<ExitDomain<dim>> make_exit_domain(const Options& options,
                                                  const SdeProblem<dim>& problem,
                                                  const StructuredGrid<dim>& grid,
                                                  const Vector<dim>& attractor) {
  const std::string type = options.string("exit.type");
  if (type == "box") {
    const Vector<dim> lower = options.is_set("exit.lower")
                                  ? broadcast_vector<dim>(options, "exit.lower")
                                  : to_vector<dim>(grid.lower());
    const Vector<dim> upper = options.is_set("exit.upper")
                                  ? broadcast_vector<dim>(options, "exit.upper")
                                  : to_vector<dim>(grid.upper());
    for (int k = 0; k < dim; ++k) {
      if (!(lower[k] < upper[k])) {
        throw Error(options.origin("exit.lower") + ": exit.lower[" + std::to_string(k) +
                    "] must be below exit.upper[" + std::to_string(k) + "]");
      }
    }
    return std::make_unique<BoxExit<dim>>(lower, upper);
  }
  if (type == "ball") {
    if (!(options.real("exit.radius") > 0)) {
      throw Error(options.origin("exit.radius") + ": exit.type = \"ball\" needs exit.radius > 0");
    }
    const Vector<dim> center =
        options.is_set("exit.center") ? vector_option<dim>(options, "exit.center") : attractor;
    return std::make_unique<BallExit<dim>>(center, options.real("exit.radius"));
  }
  if (type == "halfspace") {
    if (!options.is_set("exit.normal")) {
      throw Error(options.origin("exit.type") +
                  ": exit.type = \"halfspace\" needs exit.normal (and exit.offset): paths exit "
                  "where n.x >= offset");
    }
    const Vector<dim> normal = vector_option<dim>(options, "exit.normal");
    if (!(normal.norm() > 0)) {
      throw Error(options.origin("exit.normal") + ": exit.normal must not be zero");
    }
    return std::make_unique<HalfspaceExit<dim>>(normal, options.real("exit.offset"));
  }
  if (type == "level") {
    const std::string& function = options.string("exit.function");
    LevelFunction<dim> f = function == "loss"
                               ? loss_level<dim>(options, problem)
                               : expression_level<dim>({function, options.origin("exit.function") +
                                                                      ": exit.function"});
    return std::make_unique<LevelExit<dim>>(std::move(f), options.real("exit.level"));
  }
  // basin
  if (!options.is_set("exit.attractor")) {
    throw Error(options.origin("exit.type") +
                ": exit.type = \"basin\" needs exit.attractor, a guess of the other attractor");
  }
  const auto other = find_attractor<dim>(
      problem, point_option<dim>(options, "exit.attractor", options.reals("exit.attractor", dim)));
  const Vector<dim> target = to_vector<dim>(other.point);
  const double separation = (target - attractor).norm();
  if (!(separation > 1e-8 * std::max(1.0, attractor.norm()))) {
    throw Error(options.origin("exit.attractor") + ": exit.attractor leads to the attractor " +
                format_vector<dim>(target) +
                " the paths start from; give a guess near another attractor");
  }
  const double radius =
      options.real("exit.radius") > 0 ? options.real("exit.radius") : 0.1 * separation;
  return std::make_unique<BasinExit<dim>>(target, radius);
}

// max |eigenvalue of Db| over a lattice of the box's points inside the exit domain, and the
// attractor and start.
template <int dim>
double largest_rate(const SdeProblem<dim>& problem, const ExitDomain<dim>& exit,
                    const StructuredGrid<dim>& grid, const std::vector<Vector<dim>>& points,
                    bool lattice = true) {
  auto rate = [&](const Vector<dim>& x) {
    const auto eigenvalues =
        Eigen::EigenSolver<Matrix<dim>>(problem.drift_jacobian(to_point<dim>(x)), false)
            .eigenvalues();
    return eigenvalues.cwiseAbs().maxCoeff();
  };
  double largest = 0;
  for (const auto& x : points) largest = std::max(largest, rate(x));
  if (!lattice) return largest;
  constexpr int per_axis = 9;
  std::array<int, dim> index{};
  for (;;) {
    Vector<dim> x;
    for (int k = 0; k < dim; ++k) {
      x[k] = grid.lower()[k] + (grid.upper()[k] - grid.lower()[k]) * index[k] / (per_axis - 1);
    }
    if (exit.contains(x)) largest = std::max(largest, rate(x));
    int k = 0;
    while (k < dim && ++index[k] == per_axis) index[k++] = 0;
    if (k == dim) break;
  }
  return largest;
}

}  // namespace

template <int dim>
MonteCarloSetup<dim> monte_carlo_setup(const Options& options, const SdeProblem<dim>& problem,
                                       const StructuredGrid<dim>& grid) {
  MonteCarloSetup<dim> setup;
  SimulationSettings& s = setup.settings;
  const std::string& dynamics = options.string("mc.dynamics");
  setup.dynamics = dynamics == "sgd"            ? Dynamics::sgd
                   : dynamics == "sgd-gaussian" ? Dynamics::sgd_gaussian
                                                : Dynamics::sde;
  const auto* sgd = dynamic_cast<const SgdProblem<dim>*>(&problem);
  if (setup.dynamics != Dynamics::sde) {
    if (sgd == nullptr) {
      throw Error(options.origin("mc.dynamics") + ": mc.dynamics = \"" + dynamics +
                  "\" needs an SGD problem (problem.type = \"sgd\")");
    }
    for (const char* key : {"mc.eps", "mc.dt", "mc.bridge"}) {
      if (options.is_set(key)) {
        throw Error(options.origin(key) + ": " + key + " does not apply to mc.dynamics = \"" +
                    dynamics + "\": the step and the noise strength are the learning rate " +
                    "sgd.eta, and exits are tested after each step");
      }
    }
  }
  if (sgd != nullptr) {
    const auto eigenvalues = Eigen::SelfAdjointEigenSolver<Matrix<dim>>(
                                 sgd->loss().hessian(sgd->minimum()), Eigen::EigenvaluesOnly)
                                 .eigenvalues();
    setup.eta_lambda_max = sgd->eps() * eigenvalues.maxCoeff();
  }
  s.eps = options.is_set("mc.eps") ? options.real("mc.eps") : problem.own_eps().value_or(0.0);
  if (!(s.eps > 0)) {
    throw Error(options.origin("mc.eps") + ": mc.eps = " + format_real(s.eps) +
                " must be > 0 (the noise strength of dX = b dt + sqrt(eps) sigma dW)");
  }
  if (problem.attractor_is_cycle() && !options.is_set("mc.start")) {
    throw Error(options.origin("problem.type") + ": problem '" + problem.name() +
                "' has a limit cycle as attractor; give mc.start, a point on or near it");
  }
  setup.attractor =
      problem.attractor_is_cycle()
          ? vector_option<dim>(options, "mc.start")
          : to_vector<dim>(find_attractor<dim>(problem, problem.attractor_guess()).point);
  setup.start =
      options.is_set("mc.start") ? vector_option<dim>(options, "mc.start") : setup.attractor;
  setup.exit = make_exit_domain<dim>(options, problem, grid, setup.attractor);
  if (!setup.exit->contains(setup.attractor)) {
    throw Error(options.origin("exit.type") + ": the exit domain (" + setup.exit->describe() +
                ") does not contain the attractor " + format_vector<dim>(setup.attractor) +
                "; paths would exit at once");
  }
  if (!setup.exit->contains(setup.start)) {
    throw Error(options.origin("mc.start") + ": mc.start = " + format_vector<dim>(setup.start) +
                " lies outside the exit domain (" + setup.exit->describe() + ")");
  }
  setup.largest_rate =
      largest_rate<dim>(problem, *setup.exit, grid, {setup.attractor, setup.start});
  s.dt = options.real("mc.dt");
  if (setup.dynamics != Dynamics::sde) {
    s.dt = s.eps;  // eta
  } else if (s.dt == 0) {
    // Resolve the relaxation at the attractor, where paths spend their time, and stay stable
    // wherever they may go.
    setup.dt_chosen = true;
    const double at_attractor =
        largest_rate<dim>(problem, *setup.exit, grid, {setup.attractor}, false);
    s.dt =
        std::min(0.01 / std::max(at_attractor, 1e-12), 0.25 / std::max(setup.largest_rate, 1e-12));
  } else if (s.dt * setup.largest_rate > 0.5) {
    throw Error(options.origin("mc.dt") + ": mc.dt = " + format_real(s.dt) +
                " is too large for the drift: |eigenvalue of Db| reaches " +
                format_real(setup.largest_rate) +
                " in the exit domain, and Euler-Maruyama needs dt |eigenvalue| well below 1; try "
                "mc.dt = " +
                format_real(0.01 / setup.largest_rate));
  }
  s.paths = static_cast<std::uint64_t>(options.integer("mc.paths"));
  const double need = static_cast<double>(s.paths) * sizeof(PathEnd<dim>);
  if (need > 0.8 * static_cast<double>(available_memory_bytes())) {
    throw Error(options.origin("mc.paths") + ": mc.paths = " + std::to_string(s.paths) + " needs " +
                format_bytes(need) + " for the paths' ends, more than the " +
                format_bytes(static_cast<double>(available_memory_bytes())) +
                " available; simulate fewer paths per run");
  }
  s.seed = static_cast<std::uint64_t>(options.integer("mc.seed"));
  s.max_time = options.real("mc.max_time");
  const auto threads = static_cast<unsigned>(options.integer("mc.threads"));
  s.threads = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  s.bridge = setup.dynamics == Dynamics::sde && options.boolean("mc.bridge");
  return setup;
}

template MonteCarloSetup<2> monte_carlo_setup<2>(const Options&, const SdeProblem<2>&,
                                                 const StructuredGrid<2>&);
template MonteCarloSetup<3> monte_carlo_setup<3>(const Options&, const SdeProblem<3>&,
                                                 const StructuredGrid<3>&);

}  // namespace hj

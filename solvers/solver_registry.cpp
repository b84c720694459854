#include "solvers/solver_registry.hpp"

#include <algorithm>

#include "problems/eikonal_problem.hpp"
#include "solvers/fmm_solver.hpp"
#include "solvers/jet_solver.hpp"
#include "solvers/olim_solver.hpp"

namespace hj {
namespace {

template <int dim>
Result<dim> run_fmm(const Problem<dim>& problem, const StructuredGrid<dim>& grid, Options& options,
                    const MarchHooks& hooks) {
  const FmmSettings settings = fmm_settings_from(options, grid, problem.equation());
  // solve() has checked that the equation is one fmm solves.
  if (problem.equation() == Equation::quasi_potential) {
    return solve_fmm_quasi_potential(static_cast<const SdeProblem<dim>&>(problem), grid, settings,
                                     hooks);
  }
  return solve_fmm(static_cast<const EikonalProblem<dim>&>(problem), grid, settings, hooks);
}

template <int dim>
Result<dim> run_olim(const Problem<dim>& problem, const StructuredGrid<dim>& grid, Options& options,
                     const MarchHooks& hooks) {
  // solve() has checked the equation: an SDE or a metric problem.
  const OlimSettings settings = olim_settings_from(options, grid);
  if (problem.equation() == Equation::metric) {
    return solve_olim(static_cast<const MetricProblem<dim>&>(problem), grid, settings, hooks);
  }
  return solve_olim(static_cast<const SdeProblem<dim>&>(problem), grid, settings, hooks);
}

template <int dim>
Result<dim> run_jet(const Problem<dim>& problem, const StructuredGrid<dim>& grid, Options& options,
                    const MarchHooks& hooks) {
  const auto& sde = static_cast<const SdeProblem<dim>&>(problem);
  return solve_jet(sde, grid, jet_settings_from(options, grid, sde), hooks);
}

Registry<SolverEntry> build_solvers() {
  Registry<SolverEntry> registry("solver");
  registry.add("fmm", {"fast marching: eikonal problems (order 1 or 2), and quasi-potentials as "
                       "the inconsistent first-order baseline",
                       {Equation::eikonal, Equation::quasi_potential},
                       declare_fmm_options,
                       {"eikonal-upwind-1", "eikonal-upwind-2", "hamiltonian-upwind-1"},
                       fmm_bytes_per_node,
                       run_fmm<2>,
                       run_fmm<3>});
  registry.add("olim",
               {"ordered line integral method, first order (one-point, triangle and, in 3-d, "
                "tetrahedron updates within K h, solver.quadrature): quasi-potentials, and "
                "distances in Riemannian and Randers metrics from point sources",
                {Equation::quasi_potential, Equation::metric},
                declare_olim_options,
                {"line-integral-rhr", "line-integral-trapezoid", "line-integral-midpoint"},
                [](Equation e, bool constant) { return olim_bytes_per_node(e, constant); },
                run_olim<2>,
                run_olim<3>});
  registry.add("jet", {"jet marching for quasi-potentials, second order in 2-d and 3-d, grad V "
                       "carried at every node (Hermite interpolation on front edges and faces, "
                       "arcs by Simpson's rule)",
                       {Equation::quasi_potential},
                       declare_jet_options,
                       {"jet-hermite-simpson"},
                       jet_bytes_per_node,
                       run_jet<2>,
                       run_jet<3>});
  return registry;
}

Registry<UpdateRuleEntry> build_update_rules() {
  Registry<UpdateRuleEntry> registry("update rule");
  registry.add("eikonal-upwind-1",
               {"first-order upwind differences along grid axes (fmm, solver.order = 1)"});
  registry.add("hamiltonian-upwind-1",
               {"first-order upwind differences on 1/2 p^T A p + b^T p = 0 (fmm on a "
                "quasi-potential problem; inconsistent, a baseline)"});
  registry.add("eikonal-upwind-2",
               {"second-order upwind differences where two upwind nodes are accepted and "
                "monotone, first order elsewhere (fmm, solver.order = 2)"});
  registry.add("line-integral-rhr",
               {"segment cost F at the segment's end, the right-hand rule: the ordered upwind "
                "method (olim, solver.quadrature = rhr)"});
  registry.add("line-integral-trapezoid",
               {"segment cost by the trapezoid rule (olim, solver.quadrature = trapezoid)"});
  registry.add("line-integral-midpoint",
               {"segment cost at the midpoint, F's coefficients (drift and A^-1, or M and w) "
                "interpolated (olim, solver.quadrature = midpoint)"});
  registry.add("jet-hermite-simpson",
               {"jet update: V cubic Hermite on a front edge or (3-d) face, a quadratic arc along "
                "b + A grad V, its action by Simpson's rule, grad V as the derivative of that "
                "candidate in x (jet)"});
  return registry;
}

}  // namespace

const Registry<SolverEntry>& solver_registry() {
  static const Registry<SolverEntry> registry = build_solvers();
  return registry;
}

const Registry<UpdateRuleEntry>& update_rule_registry() {
  static const Registry<UpdateRuleEntry> registry = build_update_rules();
  return registry;
}

void declare_marcher_options(OptionDeclarations& d) {
  d.add("solver.type", ValueKind::string, std::string("fmm"), "solver name (see 'hj list')");
  d.add("solver.stop", ValueKind::string, std::string("all"),
        "stopping rule: all (every reachable node), level (values <= solver.vmax), boundary "
        "(first boundary node)",
        checks::one_of({"all", "level", "boundary"}));
  d.add("solver.vmax", ValueKind::real, 1.0, "the level for solver.stop = \"level\"",
        checks::positive());
}

StoppingRule stopping_rule_from(const Options& options) {
  const std::string& stop = options.string("solver.stop");
  if (stop == "level") return StoppingRule::below_level(options.real("solver.vmax"));
  if (stop == "boundary") return StoppingRule::first_boundary_node();
  return StoppingRule::all_nodes();
}

template <int dim>
Result<dim> solve(const Problem<dim>& problem, const StructuredGrid<dim>& grid, Options& options,
                  const MarchHooks& hooks) {
  const std::string& name = options.string("solver.type");
  const SolverEntry& entry = solver_registry().get(name, options.origin("solver.type"));
  const auto solves = [&](const SolverEntry& e) {
    return std::find(e.equations.begin(), e.equations.end(), problem.equation()) !=
           e.equations.end();
  };
  if (!solves(entry)) {
    std::vector<std::string> fitting, kinds;
    for (const auto& [other, e] : solver_registry().entries()) {
      if (solves(e)) fitting.push_back(other);
    }
    for (Equation equation : entry.equations) kinds.push_back(to_string(equation));
    throw Error(options.origin("solver.type") + ": solver '" + name + "' solves " +
                join(kinds, " and ") + " problems, but problem '" + problem.name() + "' is a " +
                to_string(problem.equation()) + " problem; " +
                (fitting.empty() ? std::string("no registered solver handles it yet")
                                 : "use solver.type = " + join(fitting, " or ")));
  }
  if constexpr (dim == 2) {
    return entry.solve_2d(problem, grid, options, hooks);
  } else {
    return entry.solve_3d(problem, grid, options, hooks);
  }
}

template Result<2> solve<2>(const Problem<2>&, const StructuredGrid<2>&, Options&,
                            const MarchHooks&);
template Result<3> solve<3>(const Problem<3>&, const StructuredGrid<3>&, Options&,
                            const MarchHooks&);

}  // namespace hj

// `hj fokker-planck`: the stationary density p of the problem's SDE on the grid
// (validation/fokker_planck.hpp), -eps log p, and, where V is known exactly, how far
// -eps log p - min(-eps log p) is from it. Runs under mpiexec too; rank 0 writes and prints.
#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/commands.hpp"
#include "app/configuration.hpp"
#include "app/options_json.hpp"
#include "app/run_pipeline.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "meshes/vtk_writers.hpp"
#include "problems/catalogue.hpp"
#include "problems/sde_problem.hpp"
#include "solvers/attractor.hpp"
#include "validation/fokker_planck.hpp"
#include "validation/petsc_session.hpp"

namespace hj {
namespace {

using json = nlohmann::ordered_json;

// fp.eps, else mc.eps, else the problem's own (SGD's eta).
template <int dim>
double fokker_planck_eps(const Options& options, const SdeProblem<dim>& problem) {
  double eps = 0;
  std::string key = "fp.eps";
  if (options.is_set("fp.eps")) {
    eps = options.real("fp.eps");
  } else if (options.is_set("mc.eps")) {
    key = "mc.eps";
    eps = options.real("mc.eps");
  } else {
    eps = problem.own_eps().value_or(0.0);
  }
  if (!(eps > 0)) {
    throw Error(options.origin(key) + ": " + key + " = " + format_real(eps) +
                " must be > 0 (the noise strength of dX = b dt + sqrt(eps) sigma dW)");
  }
  return eps;
}

template <int dim>
void fokker_planck_in_dimension(const Options& options, const FokkerPlanckRequest& request,
                                const PetscSession& session, std::ostream& out) {
  const StructuredGrid<dim> grid = grid_from_options<dim>(options);
  Options resolved = options;
  const std::unique_ptr<Problem<dim>> problem = make_problem<dim>(resolved, grid);
  const auto* sde = dynamic_cast<const SdeProblem<dim>*>(problem.get());
  if (sde == nullptr) {
    throw Error(options.origin("problem.type") + ": hj fokker-planck needs an SDE; problem '" +
                problem->name() + "' is a " + to_string(problem->equation()) + " problem");
  }
  const double eps = fokker_planck_eps<dim>(resolved, *sde);
  const auto attractor = sde->attractor_is_cycle()
                             ? sde->attractor_guess()
                             : find_attractor<dim>(*sde, sde->attractor_guess()).point;
  const FokkerPlanckSolution solution = solve_fokker_planck<dim>(*sde, grid, eps, attractor);
  if (session.rank() != 0) return;

  // -eps log p, shifted to vanish at its minimum, against V where V is known.
  const auto& p = solution.density;
  std::vector<double> potential(grid.size()), exact, difference;
  double lowest = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < grid.size(); ++i) {
    potential[i] = p[i] > 0 ? -eps * std::log(p[i]) : std::numeric_limits<double>::infinity();
    lowest = std::min(lowest, potential[i]);
  }
  for (double& value : potential) value -= lowest;
  json comparison;
  if (sde->has_exact_solution()) {
    exact.resize(grid.size());
    difference.resize(grid.size());
    double max_error = 0, sum = 0;
    std::size_t at = 0;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      exact[i] = sde->exact_solution(grid.point(i)).value_or(NAN);
      difference[i] = potential[i] - exact[i];
      if (std::abs(difference[i]) > max_error) {
        max_error = std::abs(difference[i]);
        at = i;
      }
      sum += difference[i] * difference[i];
    }
    comparison = {{"max", max_error},
                  {"rms", std::sqrt(sum / static_cast<double>(grid.size()))},
                  {"max_at", grid.point(at)},
                  {"note",
                   "-eps log p - min(-eps log p) minus the exact V, over every node; the two "
                   "agree as h -> 0 where p = exp(-V/eps) / Z exactly (constant A, b = -A grad "
                   "V / 2 + l, l . grad V = 0, div l = 0), else they differ by O(eps)"}};
    // Near the boundary the density is e^-(V/eps) small and the no-flux wall matters; the
    // comparison by level shows where the two agree.
    json by_level = json::array();
    for (const double level : {0.25, 0.5, 1.0, 2.0, 4.0}) {
      double level_max = 0;
      for (std::size_t i = 0; i < grid.size(); ++i) {
        if (exact[i] <= level) level_max = std::max(level_max, std::abs(difference[i]));
      }
      by_level.push_back({{"V_at_most", level}, {"max", level_max}});
    }
    comparison["by_level"] = by_level;
  }
  const std::string dir = resolved.string("output.dir");
  create_output_directory(dir);
  std::vector<NamedArray> arrays = {{"p", std::span<const double>(p)},
                                    {"minus_eps_log_p", std::span<const double>(potential)}};
  if (!exact.empty()) {
    arrays.push_back({"V_exact", std::span<const double>(exact)});
    arrays.push_back({"difference", std::span<const double>(difference)});
  }
  write_vti<dim>(dir + "/fokker-planck.vti", grid, arrays);
  json j;
  j["hj_version"] = version;
  j["problem"] = problem->name();
  j["dim"] = dim;
  j["eps"] = eps;
  j["nodes"] = grid.size();
  j["ranks"] = solution.ranks;
  j["status"] = !solution.converged     ? "solver did not converge"
                : solution.negative > 0 ? "negative densities"
                                        : "ok";
  j["solver"] = {{"ksp_type", solution.ksp_type},
                 {"pc_type", solution.pc_type},
                 {"reason", solution.reason},
                 {"iterations", solution.iterations},
                 {"relative_residual", solution.residual}};
  j["negative_nodes"] = solution.negative;
  j["pinned_at"] = attractor;
  j["timing"] = {{"assemble_s", solution.assemble_s}, {"solve_s", solution.solve_s}};
  if (!comparison.is_null()) j["comparison_with_exact_V"] = comparison;
  j["options"] = options_json(resolved);
  write_file_atomically(dir + "/fokker-planck.json", j.dump(2) + "\n");
  if (request.solve.quiet) return;
  out << "problem      " << problem->name() << " (" << dim << "-d), eps " << eps << ", "
      << grid.size() << " nodes on " << solution.ranks
      << (solution.ranks == 1 ? " process" : " processes") << "\n"
      << "solver       " << solution.ksp_type << " + " << solution.pc_type << ": "
      << solution.reason << ", relative residual " << solution.residual << ", " << solution.solve_s
      << " s\n";
  if (!comparison.is_null()) {
    out << "-eps log p   vs exact V: max " << comparison["max"].get<double>() << ", rms "
        << comparison["rms"].get<double>() << "\n";
  }
  out << "wrote        " << dir << "/fokker-planck.vti, fokker-planck.json\n";
}

}  // namespace

void run_fokker_planck(const FokkerPlanckRequest& request, std::ostream& out) {
  const RawSettings raw = load_settings(request.solve);
  Options options = resolve_options(raw);
  const PetscSession session(request.petsc);
  in_dimension(options, [&](auto d) {
    fokker_planck_in_dimension<decltype(d)::value>(options, request, session, out);
  });
}

}  // namespace hj

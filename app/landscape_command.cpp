// `hj landscape`: every attractor and saddle of the drift in the box, the quasi-potential from
// each attractor (the configured solver, marched over the whole box), the barriers
// V(O_i, O_j) between attractors, Freidlin-Wentzell's W-graph potential W(O_k) and the
// attractor it prefers (smallest W), and the global quasi-potential
// U(x) = min_k (W(O_k) + V(O_k, x)).
#include <Eigen/Eigenvalues>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/configuration.hpp"
#include "app/options_json.hpp"
#include "app/run_pipeline.hpp"
#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "core/version.hpp"
#include "meshes/vtk_writers.hpp"
#include "problems/catalogue.hpp"
#include "solvers/equilibria.hpp"
#include "solvers/field_interpolation.hpp"
#include "solvers/solver_registry.hpp"
#include "solvers/w_graph.hpp"

namespace hj {
namespace {

using json = nlohmann::ordered_json;

// V_k at x; the march covers the whole box, so an unknown cell is reported, not guessed.
template <int dim>
double interpolate(const Result<dim>& result, const std::array<double, dim>& x) {
  const std::optional<double> v = interpolate_field<dim>(result, x);
  if (!v) {
    throw Error("hj landscape: the march from an attractor did not reach " + format_point(x) +
                " (" + result.status_detail + ")");
  }
  return *v;
}

// The attractors a saddle's unstable manifold runs into: from s +- delta v (v the unstable
// eigenvector) along the drift (classic RK4, steps of a tenth of the grid spacing over |b|,
// capped) until within two grid spacings of an attractor; -1 for a branch that leaves the box or
// does not arrive.
template <int dim>
std::array<int, 2> saddle_ends(const SdeProblem<dim>& problem, const Equilibrium<dim>& saddle,
                               const std::vector<Equilibrium<dim>>& attractors,
                               const StructuredGrid<dim>& grid) {
  int unstable = 0;
  for (int k = 0; k < dim; ++k) {
    if (saddle.eigenvalues[k].real() > saddle.eigenvalues[unstable].real()) unstable = k;
  }
  Eigen::EigenSolver<Matrix<dim>> solver(saddle.jacobian);
  const Vector<dim> direction = solver.eigenvectors().col(unstable).real().normalized();
  const double h = *std::min_element(grid.spacing().begin(), grid.spacing().end());
  std::array<int, 2> ends{-1, -1};
  for (int side = 0; side < 2; ++side) {
    Vector<dim> x = to_vector<dim>(saddle.point) + (side ? -1.0 : 1.0) * 0.1 * h * direction;
    auto b = [&](const Vector<dim>& y) { return problem.drift(to_point<dim>(y)); };
    for (int step = 0; step < 200000 && grid.contains(to_point<dim>(x)); ++step) {
      const auto arrived = std::find_if(attractors.begin(), attractors.end(), [&](const auto& a) {
        return (to_vector<dim>(a.point) - x).norm() < 2 * h;
      });
      if (arrived != attractors.end()) {
        ends[side] = static_cast<int>(arrived - attractors.begin());
        break;
      }
      const double dt = std::min(0.1 * h / std::max(b(x).norm(), 1e-300), 10.0 * h);
      const Vector<dim> k1 = b(x), k2 = b(x + 0.5 * dt * k1), k3 = b(x + 0.5 * dt * k2),
                        k4 = b(x + dt * k3);
      x += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
  }
  return ends;
}

template <int dim>
json equilibrium_json(const Equilibrium<dim>& e) {
  return {{"point", std::vector<double>(e.point.begin(), e.point.end())},
          {"eigenvalues", e.eigenvalue_text()},
          {"unstable_directions", unstable_directions(e)}};
}

template <int dim>
void landscape_in_dimension(Options& options, const LandscapeRequest& request, std::ostream& out) {
  const StructuredGrid<dim> grid = grid_from_options<dim>(options);
  const auto problem = make_problem<dim>(options, grid);
  auto* sde = dynamic_cast<SdeProblem<dim>*>(problem.get());
  if (sde == nullptr) {
    throw Error(options.origin("problem.type") +
                ": hj landscape needs an SDE (a quasi-potential "
                "problem), but problem.type = \"" +
                options.string("problem.type") + "\" is " + to_string(problem->equation()));
  }
  if (sde->attractor_is_cycle()) {
    throw Error(options.origin("problem.type") + ": problem '" + problem->name() +
                "' has a limit cycle as its attractor; hj landscape compares point attractors "
                "only (hj solve computes V from the cycle)");
  }
  if (!options.has("solver.stop")) {
    throw Error(options.origin("solver.type") + ": solver.type = \"" +
                options.string("solver.type") +
                "\" does not solve quasi-potentials; use olim or jet for hj landscape");
  }
  options.set("solver.stop", std::string("all"));  // barriers need the whole box
  const EquilibriumSet<dim> set = find_equilibria<dim>(*sde, grid, request.starts);
  const std::size_t n = set.attractors.size();
  if (n == 0) {
    throw Error("hj landscape: no attractor of the drift in the box (Newton from " +
                std::to_string(request.starts) + "^" + std::to_string(dim) +
                " starts); enlarge the box or give more starts with --starts");
  }
  if (n > static_cast<std::size_t>(max_w_graph_attractors)) {
    throw Error("hj landscape: " + std::to_string(n) +
                " attractors in the box; the W-graphs are "
                "enumerated for at most " +
                std::to_string(max_w_graph_attractors) + "; shrink the box");
  }

  std::vector<Result<dim>> fields;
  for (const auto& attractor : set.attractors) {
    sde->set_attractor_guess(attractor.point);
    fields.push_back(solve<dim>(*problem, grid, options));
  }
  // V(O_i, O_j): the cheapest saddle whose unstable manifold runs into O_j, as V_i there (from
  // the saddle the way down to O_j is free). V_i read at O_j itself is the same in theory, but
  // the march reaches an attractor's neighbourhood last and least accurately (a tilted double
  // well: 1.4e-5 low at n = 257 and 513 while V at the saddle converges), so it is only the
  // fallback when no saddle in the box leads to O_j.
  std::vector<std::array<int, 2>> ends;
  for (const auto& s : set.saddles) ends.push_back(saddle_ends<dim>(*sde, s, set.attractors, grid));
  std::vector<std::vector<double>> barrier(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<std::string>> barrier_source(n, std::vector<std::string>(n, "-"));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < n; ++k) {
      if (i == k) continue;
      double best = std::numeric_limits<double>::infinity();
      for (std::size_t s = 0; s < set.saddles.size(); ++s) {
        if (ends[s][0] != static_cast<int>(k) && ends[s][1] != static_cast<int>(k)) continue;
        const double v = interpolate<dim>(fields[i], set.saddles[s].point);
        if (v < best) {
          best = v;
          barrier_source[i][k] = "saddle " + std::to_string(s);
        }
      }
      if (!std::isfinite(best)) {
        best = interpolate<dim>(fields[i], set.attractors[k].point);
        barrier_source[i][k] = "V at the attractor (no saddle in the box leads there)";
      }
      barrier[i][k] = best;
    }
  }
  const std::vector<double> W = w_graph_potential(barrier);
  const auto preferred = static_cast<std::size_t>(std::min_element(W.begin(), W.end()) - W.begin());
  std::vector<double> global(grid.size());
  for (std::size_t node = 0; node < grid.size(); ++node) {
    global[node] = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < n; ++k) {
      global[node] = std::min(global[node], W[k] + fields[k].value[node]);
    }
  }

  // Nothing is written before this point.
  const std::string dir = options.string("output.dir");
  create_output_directory(dir);
  json j;
  j["hj_version"] = version;
  j["problem"] = problem->name();
  j["solver"] = options.string("solver.type");
  j["dim"] = dim;
  j["starts_per_axis"] = request.starts;
  j["attractors"] = json::array();
  for (std::size_t k = 0; k < n; ++k) {
    json a = equilibrium_json(set.attractors[k]);
    a["status"] = to_string(fields[k].status);
    a["field"] = "field-" + std::to_string(k) + ".vti";
    j["attractors"].push_back(a);
  }
  j["saddles"] = json::array();
  for (const auto& s : set.saddles) {
    json entry = equilibrium_json(s);
    std::vector<double> from;
    for (std::size_t k = 0; k < n; ++k) from.push_back(interpolate<dim>(fields[k], s.point));
    entry["value_from_attractors"] = from;
    const auto& e = ends[static_cast<std::size_t>(&s - set.saddles.data())];
    entry["connects"] = {e[0], e[1]};
    j["saddles"].push_back(entry);
  }
  j["other_equilibria"] = json::array();
  for (const auto& e : set.others) j["other_equilibria"].push_back(equilibrium_json(e));
  j["barriers"] = barrier;
  j["barriers_from"] = barrier_source;
  j["barriers_note"] =
      "barriers[i][j] = V(O_i, O_j): V from attractor i at the cheapest saddle "
      "whose unstable manifold runs into attractor j (saddles[s].connects)";
  j["w_graph_potential"] = W;
  // W differences below the solver's accuracy decide nothing: report ties.
  const double scale = std::max(1.0, *std::max_element(W.begin(), W.end()));
  std::vector<std::size_t> tied;
  for (std::size_t k = 0; k < n; ++k) {
    if (k != preferred && W[k] <= 1e-6 * scale) tied.push_back(k);
  }
  j["preferred"] = preferred;
  j["tied_with_preferred"] = tied;
  j["preferred_point"] = std::vector<double>(set.attractors[preferred].point.begin(),
                                             set.attractors[preferred].point.end());
  j["options"] = options_json(options);
  for (std::size_t k = 0; k < n; ++k) {
    write_vti<dim>(dir + "/field-" + std::to_string(k) + ".vti", grid,
                   {{"u", std::span<const double>(fields[k].value)},
                    {"flags", std::span<const std::uint8_t>(fields[k].flags)}});
  }
  write_vti<dim>(dir + "/global.vti", grid, {{"U", std::span<const double>(global)}});
  write_file_atomically(dir + "/landscape.json", j.dump(2) + "\n");

  if (request.solve.quiet) return;
  out << "problem      " << problem->name() << " (" << dim << "-d), solver "
      << options.string("solver.type") << "\n";
  for (std::size_t k = 0; k < n; ++k) {
    out << "attractor " << k << "  " << format_point(set.attractors[k].point) << "  eigenvalues "
        << set.attractors[k].eigenvalue_text() << "  W " << format_brief(W[k], 6)
        << (k == preferred ? (tied.empty() ? "  preferred" : "  preferred (tied)") : "") << "\n";
  }
  for (const auto& s : set.saddles) {
    out << "saddle       " << format_point(s.point) << "  eigenvalues " << s.eigenvalue_text()
        << "\n";
  }
  out << "barriers V(O_i, O_j):\n";
  for (std::size_t i = 0; i < n; ++i) {
    out << "  from " << i << ":";
    for (std::size_t k = 0; k < n; ++k) {
      out << "  " << (i == k ? std::string("-") : format_brief(barrier[i][k], 6));
    }
    out << "\n";
  }
  out << "wrote        " << dir << "/landscape.json, global.vti, field-0.." << n - 1 << ".vti\n";
}

}  // namespace

void run_landscape(const LandscapeRequest& request, std::ostream& out) {
  if (request.starts < 1)
    throw Error("--starts " + std::to_string(request.starts) + ": give at least 1");
  RawSettings raw = load_settings(request.solve);
  Options options = resolve_options(raw);
  in_dimension(options,
               [&](auto d) { landscape_in_dimension<decltype(d)::value>(options, request, out); });
}

}  // namespace hj

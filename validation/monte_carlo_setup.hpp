// The [mc] and [exit] tables of a problem file: the simulation's settings and the exit domain,
// read and checked against the problem before anything runs (validation.md).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/options.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/sde_problem.hpp"
#include "validation/exit_domain.hpp"
#include "validation/sde_monte_carlo.hpp"

namespace hj {

/// mc.eps, mc.paths, mc.seed, mc.dt, mc.max_time, mc.threads, mc.bridge, mc.start and the exit
/// domain's exit.type, exit.lower, exit.upper, exit.center, exit.radius, exit.normal,
/// exit.offset, exit.function, exit.level, exit.attractor.
void declare_monte_carlo_options(OptionDeclarations& declarations);

/// What is simulated: the SDE (Euler-Maruyama), SGD itself (minibatches drawn from the data),
/// or SGD with Gaussian noise of the problem's covariance (Euler-Maruyama with dt = eps = eta).
enum class Dynamics { sde, sgd, sgd_gaussian };
std::string to_string(Dynamics dynamics);

template <int dim>
struct MonteCarloSetup {
  Dynamics dynamics = Dynamics::sde;
  SimulationSettings settings;
  Vector<dim> attractor;  ///< found by Newton from the problem's guess
  Vector<dim> start;      ///< mc.start, or the attractor
  std::unique_ptr<ExitDomain<dim>> exit;
  double largest_rate = 0;  ///< max |eigenvalue of Db| sampled in the exit domain (mc.dt's check)
  bool dt_chosen = false;   ///< mc.dt was 0: chosen from largest_rate
  /// SGD problems: eta times the largest eigenvalue of the loss's Hessian at the minimum (the
  /// SDE predicts SGD only where it is small).
  std::optional<double> eta_lambda_max;
};

/// Reads and checks everything: eps > 0 (mc.eps, or the problem's own, SGD's learning rate),
/// the exit domain (contains the attractor and the start), a step the drift allows, paths that
/// fit in memory. Throws hj::Error naming the key on any problem.
template <int dim>
MonteCarloSetup<dim> monte_carlo_setup(const Options& options, const SdeProblem<dim>& problem,
                                       const StructuredGrid<dim>& grid);

}  // namespace hj

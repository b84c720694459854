// What a set of simulated exits says: the mean exit time with its 95% interval (normal
// approximation of the sample mean; exit times far from a barrier are close to exponential, so
// the coefficient of variation should be near 1), and where the paths left. Censored paths
// (still inside at the time budget) and non-finite ones are counted, never averaged in.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "validation/sde_monte_carlo.hpp"

namespace hj {

struct ExitTimeSummary {
  std::size_t paths = 0, exits = 0, censored = 0, non_finite = 0;
  double mean = NAN, standard_deviation = NAN, standard_error = NAN;
  double ci95_low = NAN, ci95_high = NAN;
  double coefficient_of_variation = NAN, median = NAN;
};

template <int dim>
struct ExitLocationSummary {
  Vector<dim> mean = Vector<dim>::Constant(NAN);
  Vector<dim> standard_deviation = Vector<dim>::Constant(NAN);
};

/// Sums run in path order, so the summary does not depend on the number of threads.
template <int dim>
ExitTimeSummary summarize_exit_times(const SimulationRun<dim>& run) {
  ExitTimeSummary s;
  s.paths = run.paths.size();
  std::vector<double> times;
  for (const PathEnd<dim>& end : run.paths) {
    if (end.outcome == PathOutcome::exited) times.push_back(end.time);
    if (end.outcome == PathOutcome::censored) ++s.censored;
    if (end.outcome == PathOutcome::non_finite) ++s.non_finite;
  }
  s.exits = times.size();
  if (times.empty()) return s;
  double mean = 0, m2 = 0;  // Welford
  for (std::size_t i = 0; i < times.size(); ++i) {
    const double delta = times[i] - mean;
    mean += delta / static_cast<double>(i + 1);
    m2 += delta * (times[i] - mean);
  }
  s.mean = mean;
  std::sort(times.begin(), times.end());
  const std::size_t n = times.size();
  s.median = n % 2 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
  if (n < 2) return s;
  s.standard_deviation = std::sqrt(m2 / static_cast<double>(n - 1));
  s.standard_error = s.standard_deviation / std::sqrt(static_cast<double>(n));
  s.ci95_low = mean - 1.96 * s.standard_error;
  s.ci95_high = mean + 1.96 * s.standard_error;
  s.coefficient_of_variation = s.standard_deviation / mean;
  return s;
}

template <int dim>
ExitLocationSummary<dim> summarize_exit_locations(const SimulationRun<dim>& run) {
  ExitLocationSummary<dim> s;
  Vector<dim> mean = Vector<dim>::Zero(), m2 = Vector<dim>::Zero();
  double n = 0;
  for (const PathEnd<dim>& end : run.paths) {
    if (end.outcome != PathOutcome::exited) continue;
    n += 1;
    const Vector<dim> delta = end.point - mean;
    mean += delta / n;
    m2 += delta.cwiseProduct(end.point - mean);
  }
  if (n == 0) return s;
  s.mean = mean;
  if (n > 1) s.standard_deviation = (m2 / (n - 1)).cwiseSqrt();
  return s;
}

}  // namespace hj

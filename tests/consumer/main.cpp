// Solves a 2-d point-source eikonal problem through the installed hj::solvers library and exits
// 0 only if the second-order error is as small as expected on this grid.
#include <cstdio>

#include "problems/eikonal_problems.hpp"
#include "solvers/fmm_solver.hpp"
#include "validation/exact_error.hpp"

int main() {
  const hj::StructuredGrid<2> grid({-1, -1}, {1, 1}, {101, 101});
  const hj::EikonalPointSources<2> problem("eikonal-point", 1.0, {{0.0, 0.0}});
  hj::FmmSettings settings;
  settings.order = 2;
  settings.seed_radius = 0.2;
  const hj::Result<2> result = hj::solve_fmm(problem, grid, settings);
  const double error = hj::compare_with_exact<2>(problem, result, false)->norms.max;
  std::printf("%s, max error %.3e\n", result.brief_report().c_str(), error);
  return result.status == hj::Status::ok && error < 2e-3 ? 0 : 1;
}

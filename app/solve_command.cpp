#include "app/commands.hpp"
#include "app/run_pipeline.hpp"

namespace hj {

void run_solve(const SolveRequest& request, std::ostream& out) {
  solve_and_write(load_settings(request), request, RunPlan{}, out);
}

}  // namespace hj

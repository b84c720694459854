#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "app/commands.hpp"
#include "app/run_pipeline.hpp"
#include "core/error.hpp"

namespace hj {
namespace {

// "x,y" or "x,y,z" as numbers; the count is checked against the domain later.
Point parse_point(const std::string& text) {
  const std::string where = "--to " + text;
  Point x;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string field =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(field.c_str(), &end);
    const bool blank_tail = end && std::string(end).find_first_not_of(" \t") == std::string::npos;
    if (field.find_first_not_of(" \t") == std::string::npos || !blank_tail || errno == ERANGE ||
        !std::isfinite(value)) {
      throw Error(where + ": '" + field +
                  "' is not a number; give the target as x,y or x,y,z (e.g. --to 0.5,-1)");
    }
    x.push_back(value);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return x;
}

}  // namespace

void run_path(const PathRequest& request, std::ostream& out) {
  if (request.to.empty()) {
    throw Error("hj path: no target; give the end point of the path with --to x,y or --to x,y,z");
  }
  const Point target = parse_point(request.to);
  RawSettings raw = load_settings(request.solve);
  // Exactly the --to path: targets and barrier of the problem file are for hj solve.
  raw["paths.targets"] = {std::vector<Point>{target}, "--to " + request.to};
  raw["paths.barrier"] = {false, "hj path"};
  RunPlan plan;
  plan.paths_file = "path.vtp";
  plan.targets.point = "the target";
  solve_and_write(raw, request.solve, plan, out);
}

}  // namespace hj

// Assembles the option declarations of the chosen components (domain, output, the problem type,
// the solver) and resolves a problem file plus overrides against them.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "core/options.hpp"
#include "meshes/structured_grid.hpp"

namespace hj {

/// The problem file `hj solve` uses when none is given: a 2-d eikonal point source.
extern const char* const default_problem_text;

/// Options of the domain, the output and the marcher, shared by every problem and solver.
OptionDeclarations common_declarations();

/// Every declaration that applies to this problem type and solver.
OptionDeclarations declarations_for(const std::string& problem_type,
                                    const std::string& solver_type);

/// A group of options for `hj help`: a title ("problem type eikonal-point") and its options.
struct OptionGroup {
  std::string title;
  std::string help;
  OptionDeclarations declarations;
};
std::vector<OptionGroup> all_option_groups();

/// Resolves raw settings: unknown keys, wrong types, failed checks and unknown names are
/// hj::Errors naming the key and where it was set.
Options resolve_options(const RawSettings& raw);

/// domain.dim as given, or else the length of the longest of domain.lower/upper/n (2 when all
/// are single numbers); recorded back into `options`.
int resolve_dimension(Options& options);

/// Calls f(std::integral_constant<int, dim>{}) with the dimension resolve_dimension finds:
/// what every subcommand does after reading its options.
template <class F>
void in_dimension(Options& options, F&& f) {
  if (resolve_dimension(options) == 2) {
    f(std::integral_constant<int, 2>{});
  } else {
    f(std::integral_constant<int, 3>{});
  }
}

/// The grid the options describe, checked (lower < upper, n >= 3, lengths match domain.dim).
template <int dim>
StructuredGrid<dim> grid_from_options(const Options& options);

}  // namespace hj

// Reading points and matrices from options, checked against the domain: what the catalogue's
// problem factories share (catalogue.cpp, sgd_catalogue.cpp). Errors name the key and origin.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/options.hpp"
#include "meshes/structured_grid.hpp"
#include "problems/vector_types.hpp"

namespace hj {

/// A point option as a point of the domain; its length must be dim.
template <int dim>
std::array<double, dim> point_option(const Options& options, const std::string& key,
                                     const std::vector<double>& values) {
  if (values.size() != static_cast<std::size_t>(dim)) {
    throw Error(options.origin(key) + ": " + key + " has " + std::to_string(values.size()) +
                " coordinates but the domain has " + std::to_string(dim) + " dimensions");
  }
  std::array<double, dim> x{};
  std::copy(values.begin(), values.end(), x.begin());
  return x;
}

/// Refuses a point outside the box.
template <int dim>
void require_inside(const Options& options, const std::string& key,
                    const std::array<double, dim>& x, const StructuredGrid<dim>& grid) {
  if (!grid.contains(x)) {
    throw Error(options.origin(key) + ": " + key + " = " + format_point(x) +
                " lies outside the box " + format_point(grid.lower()) + " .. " +
                format_point(grid.upper()) + "; move it inside the domain");
  }
}

/// A matrix option: dim rows of dim numbers (problem.B, problem.A, model.hessian, ...).
template <int dim>
Matrix<dim> matrix_option(const Options& options, const std::string& key) {
  const auto& rows = options.points(key);
  const std::string fix = "; give " + std::to_string(dim) + " rows of " + std::to_string(dim) +
                          " numbers, e.g. [[-1, 2], [-2, -1]] in 2-d";
  if (rows.size() != static_cast<std::size_t>(dim)) {
    throw Error(options.origin(key) + ": " + key + " has " + std::to_string(rows.size()) +
                (rows.size() == 1 ? " row" : " rows") + " but the domain has " +
                std::to_string(dim) + " dimensions" + fix);
  }
  Matrix<dim> M;
  for (int i = 0; i < dim; ++i) {
    if (rows[i].size() != static_cast<std::size_t>(dim)) {
      throw Error(options.origin(key) + ": " + key + " row " + std::to_string(i + 1) + " has " +
                  std::to_string(rows[i].size()) + " numbers but the domain has " +
                  std::to_string(dim) + " dimensions" + fix);
    }
    for (int j = 0; j < dim; ++j) M(i, j) = rows[i][j];
  }
  return M;
}

}  // namespace hj

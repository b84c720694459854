// The stationary Fokker-Planck equation of dX = b dt + sqrt(eps) sigma dW on the box, with no
// flux through its boundary:
//   div J = 0,   J = v p - (eps/2) A grad p,   v = b - (eps/2) div A,   sum p vol = 1.
// Its solution gives -eps log p, which tends to V (up to a constant) as eps -> 0, and the exact
// reference for Monte Carlo histograms at finite eps (validation.md).
//
// Discretisation (finite volumes on the nodes, PETSc DMDA, one process or many): A is split
// into non-negative weights on the stencil's directions, A = sum_d w_d delta_d delta_d^T with
// delta_d = h_i e_i (axes) and h_i e_i +- h_j e_j (diagonals, which carry A's off-diagonal
// part). Along an axis the flux is Scharfetter-Gummel's exponentially fitted one (drift and
// diffusion together, upwind as the diffusion vanishes); along a diagonal it is diffusion
// alone. Every off-diagonal entry of the matrix is then <= 0 and every column sums to 0: the
// density is positive and mass is conserved. The split needs A_ii >= sum_j |A_ij| h_i / h_j
// (diagonal dominance at the grid's aspect); where A is more anisotropic hj says where, and
// does not solve. The singular system is made regular by fixing p = 1 at the node nearest the
// attractor, then normalised.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "meshes/structured_grid.hpp"
#include "problems/sde_problem.hpp"

namespace hj {

struct FokkerPlanckSolution {
  std::vector<double> density;  ///< p at every node, sum p vol = 1 (rank 0 only; empty else)
  bool converged = false;
  std::string reason;  ///< PETSc's converged or diverged reason
  std::string ksp_type, pc_type;
  int iterations = 0;
  double residual = 0;       ///< |M p - f| / |f| of the pinned system, recomputed
  std::size_t negative = 0;  ///< nodes with p < 0 (none for an M-matrix solved accurately)
  int ranks = 1;
  double assemble_s = 0, solve_s = 0;
};

/// Solves on `grid` with PETSc's options database (set -ksp_type, -pc_type, ... on the command
/// line; the default is a direct solve by MUMPS). `pin` is
/// where p is fixed before normalising (the attractor). Collective: every rank calls it.
/// Throws hj::Error when A is too anisotropic for the positive stencil somewhere.
template <int dim>
FokkerPlanckSolution solve_fokker_planck(const SdeProblem<dim>& problem,
                                         const StructuredGrid<dim>& grid, double eps,
                                         const std::array<double, dim>& pin);

/// The cell volume of a node: the product of its spacings, halved per axis on which it lies on
/// the box's boundary.
template <int dim>
double node_volume(const StructuredGrid<dim>& grid,
                   const typename StructuredGrid<dim>::MultiIndex& m);

}  // namespace hj

#include "validation/fokker_planck.hpp"

#include <petscdmda.h>
#include <petscksp.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "core/value.hpp"

namespace hj {
namespace {

void check(PetscErrorCode code, const char* what) {
  if (code != 0) {
    throw Error(std::string("PETSc: ") + what + " failed (error " + std::to_string(code) +
                "; its message is above)");
  }
}

// c B(-v / c) with B(x) = x / (e^x - 1): the Scharfetter-Gummel weight of the upstream node for
// drift v and diffusion c = D / h; v+ as c -> 0 (upwind), c as v -> 0 (central).
double fitted(double v, double c) {
  if (c <= 0) return std::max(v, 0.0);
  const double x = -v / c;
  if (std::abs(x) < 1e-8) return c * (1 - 0.5 * x);
  return c * x / std::expm1(x);
}

template <int dim>
using MultiIndex = typename StructuredGrid<dim>::MultiIndex;

template <int dim>
class Stencil {
 public:
  Stencil(const SdeProblem<dim>& problem, const StructuredGrid<dim>& grid, double eps)
      : problem_(problem), grid_(grid), eps_(eps) {}

  // The coefficients of p_k (into `diagonal`) and p_n (returned, <= 0) in node k's balance
  // sum_n mu_kn G(k -> n) = 0, for the edge from k to n = k + step (step in {-1, 0, 1}^dim,
  // one or two entries non-zero).
  double edge(const MultiIndex<dim>& k, const MultiIndex<dim>& step, double& diagonal) const {
    MultiIndex<dim> n = k;
    int axes[2] = {-1, -1}, count = 0;
    for (int a = 0; a < dim; ++a) {
      n[a] += step[a];
      if (step[a] != 0) axes[count++] = a;
    }
    const auto xk = grid_.point(k), xn = grid_.point(n);
    std::array<double, dim> mid;
    for (int a = 0; a < dim; ++a) mid[a] = 0.5 * (xk[a] + xn[a]);
    const Matrix<dim> A = problem_.diffusion(mid);
    const auto& h = grid_.spacing();
    const double mu = volume_factor(k, n);
    if (count == 2) {
      // Diagonal: diffusion with weight max(+-A_ij, 0) / (h_i h_j), the sign of the diagonal.
      const int i = axes[0], j = axes[1];
      const double sign = static_cast<double>(step[i] * step[j]);
      const double w = std::max(sign * A(i, j), 0.0) / (h[i] * h[j]);
      const double g = mu * 0.5 * eps_ * w;
      diagonal += g;
      return -g;
    }
    const int i = axes[0];
    double D = A(i, i);
    for (int j = 0; j < dim; ++j) {
      if (j != i) D -= std::abs(A(i, j)) * h[i] / h[j];
    }
    if (D < -1e-12 * A(i, i)) {
      throw Error("problem '" + problem_.name() + "': the diffusion at " + format_point(mid) +
                  " is too anisotropic for the positive Fokker-Planck stencil (A_ii - sum |A_ij| "
                  "h_i / h_j < 0 on axis " +
                  std::to_string(i) +
                  "); use spacings closer to A's aspect or a less anisotropic A");
    }
    D = 0.5 * eps_ * std::max(D, 0.0);
    const double v = static_cast<double>(step[i]) * effective_drift(mid)[i];
    const double c = D / h[i];
    diagonal += mu * fitted(v, c) / h[i];
    return -mu * fitted(-v, c) / h[i];
  }

 private:
  // v = b - (eps/2) div A, (div A)_i = sum_j d_j A_ij by central differences.
  Vector<dim> effective_drift(const std::array<double, dim>& x) const {
    Vector<dim> v = problem_.drift(x);
    if (problem_.constant_diffusion()) return v;
    for (int j = 0; j < dim; ++j) {
      const double step = 1e-4 * grid_.spacing()[j];
      auto plus = x, minus = x;
      plus[j] += step;
      minus[j] -= step;
      const Vector<dim> column =
          (problem_.diffusion(plus).col(j) - problem_.diffusion(minus).col(j)) / (2 * step);
      v -= 0.5 * eps_ * column;
    }
    return v;
  }

  // mu_kn: the product of the spacings, halved per axis on whose boundary both k and n lie.
  double volume_factor(const MultiIndex<dim>& k, const MultiIndex<dim>& n) const {
    double mu = 1;
    for (int a = 0; a < dim; ++a) {
      mu *= grid_.spacing()[a];
      const bool boundary = k[a] == 0 || k[a] == grid_.nodes_per_axis()[a] - 1;
      if (k[a] == n[a] && boundary) mu *= 0.5;
    }
    return mu;
  }

  const SdeProblem<dim>& problem_;
  const StructuredGrid<dim>& grid_;
  double eps_;
};

// Every step of the box stencil with one or two non-zero entries (axes and face diagonals).
template <int dim>
std::vector<MultiIndex<dim>> stencil_steps() {
  std::vector<MultiIndex<dim>> steps;
  MultiIndex<dim> s;
  s.fill(-1);
  for (;;) {
    int nonzero = 0;
    for (int a = 0; a < dim; ++a) nonzero += s[a] != 0;
    if (nonzero == 1 || nonzero == 2) steps.push_back(s);
    int a = 0;
    while (a < dim && ++s[a] == 2) s[a++] = -1;
    if (a == dim) break;
  }
  return steps;
}

MatStencil stencil_of(const std::array<std::int64_t, 2>& m) {
  MatStencil s{};
  s.i = static_cast<PetscInt>(m[0]);
  s.j = static_cast<PetscInt>(m[1]);
  return s;
}
MatStencil stencil_of(const std::array<std::int64_t, 3>& m) {
  MatStencil s{};
  s.i = static_cast<PetscInt>(m[0]);
  s.j = static_cast<PetscInt>(m[1]);
  s.k = static_cast<PetscInt>(m[2]);
  return s;
}

// Every rank learns the message of the lowest rank that failed (empty: none did).
void share_failure(std::string& message) {
  int rank = 0;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  int failing = message.empty() ? std::numeric_limits<int>::max() : rank;
  MPI_Allreduce(MPI_IN_PLACE, &failing, 1, MPI_INT, MPI_MIN, PETSC_COMM_WORLD);
  if (failing == std::numeric_limits<int>::max()) return;
  int length = static_cast<int>(message.size());
  MPI_Bcast(&length, 1, MPI_INT, failing, PETSC_COMM_WORLD);
  message.resize(static_cast<std::size_t>(length));
  MPI_Bcast(message.data(), length, MPI_CHAR, failing, PETSC_COMM_WORLD);
}

}  // namespace

template <int dim>
double node_volume(const StructuredGrid<dim>& grid,
                   const typename StructuredGrid<dim>::MultiIndex& m) {
  double volume = 1;
  for (int a = 0; a < dim; ++a) {
    volume *= grid.spacing()[a];
    if (m[a] == 0 || m[a] == grid.nodes_per_axis()[a] - 1) volume *= 0.5;
  }
  return volume;
}

template <int dim>
FokkerPlanckSolution solve_fokker_planck(const SdeProblem<dim>& problem,
                                         const StructuredGrid<dim>& grid, double eps,
                                         const std::array<double, dim>& pin) {
  FokkerPlanckSolution solution;
  const auto start = std::chrono::steady_clock::now();
  MPI_Comm_size(PETSC_COMM_WORLD, &solution.ranks);
  int rank = 0;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  const auto& n = grid.nodes_per_axis();
  DM da = nullptr;
  if constexpr (dim == 2) {
    check(DMDACreate2d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_BOX,
                       static_cast<PetscInt>(n[0]), static_cast<PetscInt>(n[1]), PETSC_DECIDE,
                       PETSC_DECIDE, 1, 1, nullptr, nullptr, &da),
          "DMDACreate2d");
  } else {
    check(DMDACreate3d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE,
                       DMDA_STENCIL_BOX, static_cast<PetscInt>(n[0]), static_cast<PetscInt>(n[1]),
                       static_cast<PetscInt>(n[2]), PETSC_DECIDE, PETSC_DECIDE, PETSC_DECIDE, 1, 1,
                       nullptr, nullptr, nullptr, &da),
          "DMDACreate3d");
  }
  check(DMSetUp(da), "DMSetUp");
  Mat M = nullptr;
  Vec p = nullptr, f = nullptr;
  check(DMCreateMatrix(da, &M), "DMCreateMatrix");
  check(DMCreateGlobalVector(da, &p), "DMCreateGlobalVector");
  check(VecDuplicate(p, &f), "VecDuplicate");
  check(VecSet(f, 0.0), "VecSet");

  // The node nearest the pin carries p = 1.
  MultiIndex<dim> pinned;
  for (int a = 0; a < dim; ++a) {
    const double position = (pin[a] - grid.lower()[a]) / grid.spacing()[a];
    pinned[a] = std::clamp<std::int64_t>(std::llround(position), 0, n[a] - 1);
  }

  PetscInt corner[3] = {0, 0, 0}, width[3] = {1, 1, 1};
  check(DMDAGetCorners(da, &corner[0], &corner[1], &corner[2], &width[0], &width[1], &width[2]),
        "DMDAGetCorners");
  const Stencil<dim> stencil(problem, grid, eps);
  const auto steps = stencil_steps<dim>();
  std::vector<MatStencil> columns;
  std::vector<PetscScalar> values;
  MultiIndex<dim> k;
  // A rank that cannot assemble (A too anisotropic in its part) must not leave the others
  // waiting in a collective call: the message goes to every rank, and all throw.
  std::string failure;
  try {
    for (PetscInt c = 0; c < width[2]; ++c) {
      for (PetscInt b = 0; b < width[1]; ++b) {
        for (PetscInt a = 0; a < width[0]; ++a) {
          const PetscInt local[3] = {corner[0] + a, corner[1] + b, corner[2] + c};
          for (int axis = 0; axis < dim; ++axis) k[axis] = local[axis];
          const MatStencil row = stencil_of(k);
          columns.clear();
          values.clear();
          if (k == pinned) {
            const PetscScalar one = 1;
            check(MatSetValuesStencil(M, 1, &row, 1, &row, &one, INSERT_VALUES), "MatSetValues");
            continue;
          }
          double diagonal = 0;
          for (const auto& step : steps) {
            MultiIndex<dim> neighbour = k;
            bool inside = true;
            for (int axis = 0; axis < dim; ++axis) {
              neighbour[axis] += step[axis];
              inside = inside && neighbour[axis] >= 0 && neighbour[axis] < n[axis];
            }
            if (!inside) continue;
            const double off = stencil.edge(k, step, diagonal);
            if (off == 0) continue;
            columns.push_back(stencil_of(neighbour));
            values.push_back(off);
          }
          columns.push_back(row);
          values.push_back(diagonal);
          check(MatSetValuesStencil(M, 1, &row, static_cast<PetscInt>(columns.size()),
                                    columns.data(), values.data(), INSERT_VALUES),
                "MatSetValuesStencil");
        }
      }
    }
  } catch (const Error& error) {
    failure = error.what();
  }
  share_failure(failure);
  if (!failure.empty()) {
    MatDestroy(&M);
    VecDestroy(&p);
    VecDestroy(&f);
    DMDestroy(&da);
    throw Error(failure);
  }
  check(MatAssemblyBegin(M, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(M, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  // The right-hand side: 1 at the pinned node (PETSc's global numbering, via the DMDA).
  {
    PetscScalar** f2 = nullptr;
    PetscScalar*** f3 = nullptr;
    const bool owned = [&] {
      for (int axis = 0; axis < dim; ++axis) {
        if (pinned[axis] < corner[axis] || pinned[axis] >= corner[axis] + width[axis]) return false;
      }
      return true;
    }();
    check(VecSet(f, 0.0), "VecSet");
    if constexpr (dim == 2) {
      check(DMDAVecGetArray(da, f, &f2), "DMDAVecGetArray");
      if (owned) f2[pinned[1]][pinned[0]] = 1;
      check(DMDAVecRestoreArray(da, f, &f2), "DMDAVecRestoreArray");
    } else {
      check(DMDAVecGetArray(da, f, &f3), "DMDAVecGetArray");
      if (owned) f3[pinned[2]][pinned[1]][pinned[0]] = 1;
      check(DMDAVecRestoreArray(da, f, &f3), "DMDAVecRestoreArray");
    }
  }
  solution.assemble_s = seconds_since(start);

  const auto solve_start = std::chrono::steady_clock::now();
  KSP ksp = nullptr;
  check(KSPCreate(PETSC_COMM_WORLD, &ksp), "KSPCreate");
  check(KSPSetOperators(ksp, M, M), "KSPSetOperators");
  // A direct solve by default: tiny densities keep their relative accuracy far better than
  // behind an iterative method's residual tolerance. -ksp_type / -pc_type change it.
  PC pc = nullptr;
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  check(KSPSetType(ksp, KSPPREONLY), "KSPSetType");
  check(PCSetType(pc, PCLU), "PCSetType");
  // MUMPS (nested-dissection ordering) factors 3-d grids far faster than PETSc's own LU, and
  // runs on several processes.
  check(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS), "MUMPS");
  check(KSPSetFromOptions(ksp), "KSPSetFromOptions");
  check(KSPSolve(ksp, f, p), "KSPSolve");
  KSPConvergedReason reason;
  check(KSPGetConvergedReason(ksp, &reason), "KSPGetConvergedReason");
  solution.converged = reason > 0;
  solution.reason = KSPConvergedReasons[reason];
  PetscInt iterations = 0;
  check(KSPGetIterationNumber(ksp, &iterations), "KSPGetIterationNumber");
  solution.iterations = static_cast<int>(iterations);
  KSPType ksp_type;
  PCType pc_type;
  check(KSPGetType(ksp, &ksp_type), "KSPGetType");
  check(PCGetType(pc, &pc_type), "PCGetType");
  solution.ksp_type = ksp_type;
  solution.pc_type = pc_type;
  {
    Vec r = nullptr;
    check(VecDuplicate(f, &r), "VecDuplicate");
    check(MatMult(M, p, r), "MatMult");
    check(VecAXPY(r, -1.0, f), "VecAXPY");
    PetscReal rn = 0, fn = 0;
    check(VecNorm(r, NORM_2, &rn), "VecNorm");
    check(VecNorm(f, NORM_2, &fn), "VecNorm");
    solution.residual = rn / fn;
    check(VecDestroy(&r), "VecDestroy");
  }
  solution.solve_s = seconds_since(solve_start);

  // Gather in the grid's order (x fastest, as the DMDA's natural order) on rank 0.
  Vec natural = nullptr, gathered = nullptr;
  VecScatter scatter = nullptr;
  check(DMDACreateNaturalVector(da, &natural), "DMDACreateNaturalVector");
  check(DMDAGlobalToNaturalBegin(da, p, INSERT_VALUES, natural), "DMDAGlobalToNatural");
  check(DMDAGlobalToNaturalEnd(da, p, INSERT_VALUES, natural), "DMDAGlobalToNatural");
  check(VecScatterCreateToZero(natural, &scatter, &gathered), "VecScatterCreateToZero");
  check(VecScatterBegin(scatter, natural, gathered, INSERT_VALUES, SCATTER_FORWARD), "scatter");
  check(VecScatterEnd(scatter, natural, gathered, INSERT_VALUES, SCATTER_FORWARD), "scatter");
  if (rank == 0) {
    const PetscScalar* values_read = nullptr;
    check(VecGetArrayRead(gathered, &values_read), "VecGetArrayRead");
    solution.density.assign(values_read, values_read + grid.size());
    check(VecRestoreArrayRead(gathered, &values_read), "VecRestoreArrayRead");
    double mass = 0;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      mass += solution.density[i] * node_volume<dim>(grid, grid.multi_index(i));
      if (solution.density[i] < 0) ++solution.negative;
    }
    for (double& value : solution.density) value /= mass;
  }
  check(VecScatterDestroy(&scatter), "VecScatterDestroy");
  check(VecDestroy(&gathered), "VecDestroy");
  check(VecDestroy(&natural), "VecDestroy");
  check(KSPDestroy(&ksp), "KSPDestroy");
  check(VecDestroy(&p), "VecDestroy");
  check(VecDestroy(&f), "VecDestroy");
  check(MatDestroy(&M), "MatDestroy");
  check(DMDestroy(&da), "DMDestroy");
  return solution;
}

template FokkerPlanckSolution solve_fokker_planck<2>(const SdeProblem<2>&, const StructuredGrid<2>&,
                                                     double, const std::array<double, 2>&);
template FokkerPlanckSolution solve_fokker_planck<3>(const SdeProblem<3>&, const StructuredGrid<3>&,
                                                     double, const std::array<double, 3>&);
template double node_volume<2>(const StructuredGrid<2>&, const MultiIndex<2>&);
template double node_volume<3>(const StructuredGrid<3>&, const MultiIndex<3>&);

}  // namespace hj

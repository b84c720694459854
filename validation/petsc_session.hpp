// PETSc (and MPI) for the life of one object: the Fokker-Planck solver needs them, nothing else
// in hj does. PETSc's own options (-ksp_type gmres, -pc_type ..., -ksp_monitor) are passed in
// unchanged, as PETSc users expect. PETSc's headers stay in the .cpp.
#pragma once

#include <string>
#include <vector>

namespace hj {

class PetscSession {
 public:
  /// `options`: PETSc command-line options, e.g. {"-ksp_type", "gmres"}.
  explicit PetscSession(const std::vector<std::string>& options);
  ~PetscSession();
  PetscSession(const PetscSession&) = delete;
  PetscSession& operator=(const PetscSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// The rank of this process in MPI_COMM_WORLD, or 0 when MPI is not running; for deciding who
  /// prints, also before or after a session.
  static int world_rank();

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace hj

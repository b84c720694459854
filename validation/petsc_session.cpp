#include "validation/petsc_session.hpp"

#include <mpi.h>
#include <petscsys.h>

#include "core/error.hpp"

namespace hj {

PetscSession::PetscSession(const std::vector<std::string>& options) {
  // PETSc reads the options as a command line; it keeps pointers into it for a while, so the
  // strings live in statics.
  static std::vector<std::string> words;
  static std::vector<char*> pointers;
  words = {"hj"};
  words.insert(words.end(), options.begin(), options.end());
  pointers.clear();
  for (auto& word : words) pointers.push_back(word.data());
  pointers.push_back(nullptr);
  int argc = static_cast<int>(words.size());
  char** argv = pointers.data();
  if (PetscInitialize(&argc, &argv, nullptr, nullptr) != 0) {
    throw Error("PETSc could not start (see its message above)");
  }
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank_);
  MPI_Comm_size(PETSC_COMM_WORLD, &size_);
}

PetscSession::~PetscSession() { PetscFinalize(); }

int PetscSession::world_rank() {
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (!initialized || finalized) {
    // Before MPI starts, Open MPI's launcher says which rank this process will be.
    if (const char* rank = std::getenv("OMPI_COMM_WORLD_RANK")) return std::atoi(rank);
    if (const char* rank = std::getenv("PMI_RANK")) return std::atoi(rank);
    return 0;
  }
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

}  // namespace hj

// One Euler-Maruyama step of dX = b dt + sqrt(eps) sigma dW with the exit test of
// validation.md: the step lands outside the ExitDomain (exit point interpolated on the
// segment), or both ends are inside and the Brownian bridge between them crossed the boundary,
// with probability exp(-2 d0 d1 / (eps dt n^T A n)). What brute-force Monte Carlo
// (sde_monte_carlo.hpp) and splitting (splitting.hpp) step with.
#pragma once

#include <Eigen/Cholesky>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>

#include "core/counter_random.hpp"
#include "problems/sde_problem.hpp"
#include "validation/exit_domain.hpp"

namespace hj {

/// Standard normals in sequence, four from each Philox call of `random` (block 0, counted by
/// call): single-precision Box-Muller, twice as fast as double precision, and a step's noise
/// needs no more (z to 7 digits, |z| <= 6.7).
template <int dim>
class NormalStream {
 public:
  explicit NormalStream(const CounterRandom& random) : random_(random) {}
  Vector<dim> next() {
    Vector<dim> z;
    for (int k = 0; k < dim; ++k) {
      if (used_ == 4) {
        quad_ = random_.normal_quad(calls_++, 0);
        used_ = 0;
      }
      z[k] = quad_[used_++];
    }
    return z;
  }

 private:
  const CounterRandom& random_;
  std::array<float, 4> quad_{};
  int used_ = 4;
  std::uint64_t calls_ = 0;
};

enum class StepResult : std::uint8_t { inside, exited, non_finite };

template <int dim>
class EulerMaruyama {
 public:
  /// `noise_substeps`: each increment is the normalised sum of that many draws (a run at 2 dt
  /// with 2 follows the Brownian paths of a run at dt with 1).
  EulerMaruyama(const SdeProblem<dim>& problem, const ExitDomain<dim>& domain, double eps,
                double dt, bool bridge, int noise_substeps = 1)
      : problem_(problem),
        domain_(domain),
        dt_(dt),
        variance_(eps * dt),
        noise_scale_(std::sqrt(eps * dt)),
        bridge_(bridge),
        substeps_(noise_substeps) {
    if (problem.constant_diffusion()) {
      constant_sigma_ = factor(problem.diffusion(problem.attractor_guess()));
    }
  }

  double dt() const { return dt_; }

  /// Advances x (whose distance is `here`) by one step; on an exit, x becomes the exit point.
  /// The bridge draws its uniform from `random` at (step, block 1). Inlined into the callers'
  /// loops: as a call it cost 13% of the throughput (docs/performance.md).
  [[gnu::always_inline]] StepResult step(Vector<dim>& x, BoundaryDistance<dim>& here,
                                         NormalStream<dim>& normals, const CounterRandom& random,
                                         std::uint64_t step_index) const {
    const auto point = to_point<dim>(x);
    const Matrix<dim> sigma =
        constant_sigma_ ? *constant_sigma_ : factor(problem_.diffusion(point));
    const Vector<dim> next =
        x + dt_ * problem_.drift(point) + noise_scale_ * (sigma * increment(normals));
    const BoundaryDistance<dim> there = domain_.distance(next);
    // (An infinite distance is fine: a sublevel set far from its boundary says so.)
    if (!next.allFinite() || std::isnan(there.inside)) return StepResult::non_finite;
    if (there.inside <= 0) {
      x += here.inside / (here.inside - there.inside) * (next - x);
      return StepResult::exited;
    }
    // The probability is below e^-40 unless d0 d1 < 20 eps dt |sigma^T n|^2 <= 20 eps dt
    // |sigma|_F^2: most steps stop at that product.
    if (bridge_ && here.inside * there.inside < 20 * variance_ * sigma.squaredNorm()) {
      const double spread = variance_ * (sigma.transpose() * there.normal).squaredNorm();
      if (random.uniform(step_index, 2) < std::exp(-2 * here.inside * there.inside / spread)) {
        x = next + there.inside * there.normal;
        return StepResult::exited;
      }
    }
    x = next;
    here = there;
    return StepResult::inside;
  }

 private:
  static Matrix<dim> factor(const Matrix<dim>& A) { return A.llt().matrixL(); }

  Vector<dim> increment(NormalStream<dim>& normals) const {
    if (substeps_ == 1) return normals.next();
    Vector<dim> sum = Vector<dim>::Zero();
    for (int k = 0; k < substeps_; ++k) sum += normals.next();
    return sum / std::sqrt(static_cast<double>(substeps_));
  }

  const SdeProblem<dim>& problem_;
  const ExitDomain<dim>& domain_;
  double dt_, variance_, noise_scale_;
  bool bridge_;
  int substeps_;
  std::optional<Matrix<dim>> constant_sigma_;
};

}  // namespace hj

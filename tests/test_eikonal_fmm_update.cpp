// The fast marching update alone, against closed forms.
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/eikonal_fmm_update.hpp"

namespace hj {
namespace {

// Accepts `node` with `value` directly in the result (no marcher needed).
template <int dim>
void accept(Result<dim>& result, const typename StructuredGrid<dim>::MultiIndex& m, double value) {
  const std::size_t i = result.grid.index(m);
  result.value[i] = value;
  set_state(result.flags[i], NodeState::front);
}

TEST(EikonalFmmUpdate, TwoNeighboursFirstOrderClosedForm) {
  Result<2> result(StructuredGrid<2>({0, 0}, {2, 2}, {3, 3}));  // h = 1
  const NodeField slowness = NodeField::constant(1.0);
  const EikonalFmmUpdate<2, 1> update(result, slowness);
  accept<2>(result, {0, 1}, 0.3);
  accept<2>(result, {1, 0}, 0.5);
  const double a = 0.3, b = 0.5;
  const double expected = 0.5 * (a + b + std::sqrt(2 - (a - b) * (a - b)));
  EXPECT_NEAR(update.tentative(result.grid.index({1, 1}), {1, 1}, 0), expected, 1e-15);
}

TEST(EikonalFmmUpdate, FarApartNeighboursUseOneAxis) {
  Result<2> result(StructuredGrid<2>({0, 0}, {2, 2}, {3, 3}));
  const NodeField slowness = NodeField::constant(2.0);
  const EikonalFmmUpdate<2, 1> update(result, slowness);
  accept<2>(result, {0, 1}, 0.0);
  accept<2>(result, {1, 0}, 5.0);  // |a - b| >= s h: the second axis is not upwind
  EXPECT_DOUBLE_EQ(update.tentative(result.grid.index({1, 1}), {1, 1}, 0), 2.0);
}

TEST(EikonalFmmUpdate, SecondOrderOneSidedDifference) {
  Result<2> result(StructuredGrid<2>({0, 0}, {4, 4}, {5, 5}));  // h = 1
  const NodeField slowness = NodeField::constant(1.0);
  const EikonalFmmUpdate<2, 2> update(result, slowness);
  accept<2>(result, {0, 2}, 0.0);
  accept<2>(result, {1, 2}, 1.0);
  // (3u - 4 u1 + u2) / 2 = 1 with u1 = 1, u2 = 0 gives u = 2.
  EXPECT_DOUBLE_EQ(update.tentative(result.grid.index({2, 2}), {2, 2}, 0), 2.0);
  // Not monotone along the axis (u2 > u1): first order only.
  Result<2> other(StructuredGrid<2>({0, 0}, {4, 4}, {5, 5}));
  const EikonalFmmUpdate<2, 2> other_update(other, slowness);
  accept<2>(other, {0, 2}, 1.5);
  accept<2>(other, {1, 2}, 1.0);
  EXPECT_DOUBLE_EQ(other_update.tentative(other.grid.index({2, 2}), {2, 2}, 0), 2.0);
}

// A plane wave u = n . x is reproduced exactly by both orders, in 2-d and 3-d.
template <int dim, int order>
void check_plane_wave() {
  typename StructuredGrid<dim>::Point lower{}, upper;
  typename StructuredGrid<dim>::MultiIndex n, target;
  upper.fill(1.0);
  n.fill(5);
  target.fill(3);
  Result<dim> result(StructuredGrid<dim>(lower, upper, n));
  std::array<double, dim> direction;
  double norm = 0;
  for (int a = 0; a < dim; ++a) norm += (direction[a] = 1.0 + 0.37 * a) * direction[a];
  for (auto& x : direction) x /= std::sqrt(norm);
  const double s = 1.7;
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    const auto m = result.grid.multi_index(i);
    bool upwind = true;
    for (int a = 0; a < dim; ++a) upwind = upwind && m[a] <= target[a];
    if (!upwind || m == target) continue;
    double u = 0;
    const auto x = result.grid.point(m);
    for (int a = 0; a < dim; ++a) u += s * direction[a] * x[a];
    accept<dim>(result, m, u);
  }
  const NodeField slowness = NodeField::constant(s);
  const EikonalFmmUpdate<dim, order> update(result, slowness);
  double exact = 0;
  const auto x = result.grid.point(target);
  for (int a = 0; a < dim; ++a) exact += s * direction[a] * x[a];
  EXPECT_NEAR(update.tentative(result.grid.index(target), target, 0), exact, 1e-13)
      << "dim " << dim << " order " << order;
}

TEST(EikonalFmmUpdate, PlaneWavesAreExact) {
  check_plane_wave<2, 1>();
  check_plane_wave<2, 2>();
  check_plane_wave<3, 1>();
  check_plane_wave<3, 2>();
}

TEST(EikonalFmmUpdate, NoAcceptedNeighbourMeansNoUpdate) {
  Result<2> result(StructuredGrid<2>({0, 0}, {2, 2}, {3, 3}));
  const NodeField slowness = NodeField::constant(1.0);
  const EikonalFmmUpdate<2, 2> update(result, slowness);
  EXPECT_TRUE(std::isinf(update.tentative(4, {1, 1}, 0)));
}

}  // namespace
}  // namespace hj

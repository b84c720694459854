#include <gtest/gtest.h>

#include <set>
#include <string>

#include "meshes/structured_grid.hpp"
#include "tests/dimensions.hpp"

namespace hj {
namespace {

template <typename T>
class StructuredGridTest : public ::testing::Test {};
TYPED_TEST_SUITE(StructuredGridTest, test::Dimensions);

template <int dim>
StructuredGrid<dim> sample_grid() {
  typename StructuredGrid<dim>::Point lower, upper;
  typename StructuredGrid<dim>::MultiIndex n;
  for (int a = 0; a < dim; ++a) {
    lower[a] = -1.0 - a;
    upper[a] = 2.0 + 0.5 * a;
    n[a] = 5 + 2 * a;  // spacing differs per axis
  }
  return StructuredGrid<dim>(lower, upper, n);
}

TYPED_TEST(StructuredGridTest, IndexRoundTripAndAxisZeroFastest) {
  constexpr int dim = TypeParam::value;
  const auto grid = sample_grid<dim>();
  for (std::size_t i = 0; i < grid.size(); ++i) EXPECT_EQ(grid.index(grid.multi_index(i)), i);
  typename StructuredGrid<dim>::MultiIndex m{};
  m[0] = 1;
  EXPECT_EQ(grid.index(m), 1u);
}

TYPED_TEST(StructuredGridTest, CornersAndSpacing) {
  constexpr int dim = TypeParam::value;
  const auto grid = sample_grid<dim>();
  const auto first = grid.point(std::size_t{0});
  const auto last = grid.point(grid.size() - 1);
  for (int a = 0; a < dim; ++a) {
    EXPECT_DOUBLE_EQ(first[a], grid.lower()[a]);
    EXPECT_NEAR(last[a], grid.upper()[a], 1e-14);
    EXPECT_DOUBLE_EQ(grid.spacing()[a], (grid.upper()[a] - grid.lower()[a]) /
                                            static_cast<double>(grid.nodes_per_axis()[a] - 1));
  }
}

TYPED_TEST(StructuredGridTest, NeighboursAreTheAxisNeighboursInside) {
  constexpr int dim = TypeParam::value;
  const auto grid = sample_grid<dim>();
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto m = grid.multi_index(i);
    std::set<std::size_t> seen;
    int expected = 0;
    for (int a = 0; a < dim; ++a) {
      expected += (m[a] > 0) + (m[a] < grid.nodes_per_axis()[a] - 1);
    }
    grid.for_each_neighbour(i, m, [&](std::size_t k, int axis, int side) {
      auto mk = m;
      mk[axis] += side;
      EXPECT_EQ(grid.index(mk), k);
      seen.insert(k);
    });
    EXPECT_EQ(static_cast<int>(seen.size()), expected);
    EXPECT_EQ(grid.on_boundary(m), expected < 2 * dim);
  }
}

TYPED_TEST(StructuredGridTest, RejectsEmptyBoxesAndTooFewNodes) {
  constexpr int dim = TypeParam::value;
  typename StructuredGrid<dim>::Point lower{}, upper{};
  typename StructuredGrid<dim>::MultiIndex n{};
  for (int a = 0; a < dim; ++a) {
    upper[a] = 1;
    n[a] = 3;
  }
  EXPECT_NO_THROW(StructuredGrid<dim>(lower, upper, n));
  auto flat = upper;
  flat[dim - 1] = 0;
  EXPECT_THROW(StructuredGrid<dim>(lower, flat, n), Error);
  auto few = n;
  few[0] = 2;
  EXPECT_THROW(StructuredGrid<dim>(lower, upper, few), Error);
}

// The marcher numbers acceptances in 31 bits: a grid of 2^31 nodes is refused, one of 2^31 - 2
// is not (the constructor allocates nothing, so both are cheap to try).
TYPED_TEST(StructuredGridTest, RejectsMoreNodesThanAMarchCanNumber) {
  constexpr int dim = TypeParam::value;
  typename StructuredGrid<dim>::Point lower{}, upper{};
  upper.fill(1);
  typename StructuredGrid<dim>::MultiIndex fits, too_many;
  if constexpr (dim == 2) {
    fits = {715827882, 3};    // 2^31 - 2
    too_many = {1 << 29, 4};  // 2^31
  } else {
    fits = {238609294, 3, 3};  // 2^31 - 2
    too_many = {1 << 27, 4, 4};
  }
  EXPECT_NO_THROW(StructuredGrid<dim>(lower, upper, fits));
  try {
    StructuredGrid<dim>(lower, upper, too_many);
    ADD_FAILURE() << "a grid of 2^31 nodes was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("2^31 - 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hj

// The Marcher with test updates: it must accept in order, obey stopping rules, and report
// numerical trouble as a status.
#include <gtest/gtest.h>

#include "solvers/marcher.hpp"

namespace hj {
namespace {

StructuredGrid<2> grid_11() { return StructuredGrid<2>({0, 0}, {1, 1}, {11, 11}); }

// Graph distance in grid steps (each accepted neighbour offers its value + 1).
template <bool tracks_front>
struct StepCountOf {
  static constexpr bool recomputes_from_all_accepted = true;
  static constexpr bool needs_front = tracks_front;
  static constexpr bool searches_ball = false;
  const Result<2>& result;
  double tentative(std::size_t target, const StructuredGrid<2>::MultiIndex& m, std::size_t,
                   double = 0) const {
    double best = std::numeric_limits<double>::infinity();
    result.grid.for_each_neighbour(target, m, [&](std::size_t k, int, int) {
      // Accepted values only (+inf elsewhere): without front tracking the states in flags are
      // written at the end of the march.
      best = std::min(best, result.value[k] + 1);
    });
    return best;
  }
};
using StepCount = StepCountOf<true>;

TEST(Marcher, AcceptsEveryNodeInOrderOfValue) {
  Result<2> result(grid_11());
  const StepCount update{result};
  Marcher<2, StepCount> marcher(result, update, StoppingRule::all_nodes());
  marcher.seed(0, 0.0);
  marcher.run();
  EXPECT_EQ(result.status, Status::ok);
  EXPECT_EQ(result.statistics.accepted, 121u);
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    const auto m = result.grid.multi_index(i);
    EXPECT_EQ(result.value[i], static_cast<double>(m[0] + m[1]));
    EXPECT_EQ(state_of(result.flags[i]), NodeState::accepted);
    for (std::size_t j = 0; j < result.grid.size(); ++j) {
      if (result.value[i] < result.value[j]) {
        EXPECT_LT(result.accepted_order[i], result.accepted_order[j]);
      }
    }
  }
  EXPECT_TRUE(result.flags[0] & node_flags::seeded);
}

// The front is the same whether the marcher tracks it during the march or marks it at the end.
template <typename T>
class MarcherFront : public ::testing::Test {};
using FrontModes = ::testing::Types<StepCountOf<true>, StepCountOf<false>>;
TYPED_TEST_SUITE(MarcherFront, FrontModes);

TYPED_TEST(MarcherFront, LevelRuleStopsBeforeLargerValuesAndKeepsTheFront) {
  Result<2> result(grid_11());
  const TypeParam update{result};
  Marcher<2, TypeParam> marcher(result, update, StoppingRule::below_level(3.0));
  marcher.seed(0, 0.0);
  marcher.run();
  EXPECT_EQ(result.status, Status::stopped_by_rule);
  EXPECT_EQ(result.statistics.accepted, 10u);  // 1 + 2 + 3 + 4 nodes with value <= 3
  std::size_t front = 0, considered = 0;
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    const auto m = result.grid.multi_index(i);
    EXPECT_EQ(is_accepted(result.flags[i]), m[0] + m[1] <= 3);
    front += state_of(result.flags[i]) == NodeState::front;
    considered += state_of(result.flags[i]) == NodeState::considered;
  }
  EXPECT_EQ(front, 4u);
  EXPECT_EQ(considered, 5u);
}

TEST(Marcher, BoundaryRuleStopsAtTheFirstBoundaryNode) {
  Result<2> result(grid_11());
  const StepCount update{result};
  Marcher<2, StepCount> marcher(result, update, StoppingRule::first_boundary_node());
  marcher.seed(result.grid.index({5, 5}), 0.0);
  marcher.run();
  EXPECT_EQ(result.status, Status::stopped_by_rule);
  std::size_t boundary_accepted = 0;
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    if (is_accepted(result.flags[i]) && result.grid.on_boundary(result.grid.multi_index(i))) {
      ++boundary_accepted;
      EXPECT_EQ(result.value[i], 5.0);
    }
  }
  EXPECT_EQ(boundary_accepted, 1u);
}

// An update that fails (NaN) for one column: those nodes stay unreached and the status says so.
struct FailingColumn {
  static constexpr bool recomputes_from_all_accepted = true;
  static constexpr bool needs_front = true;
  static constexpr bool searches_ball = false;
  StepCount inner;
  double tentative(std::size_t target, const StructuredGrid<2>::MultiIndex& m, std::size_t just,
                   double = 0) const {
    return m[0] == 7 ? std::nan("") : inner.tentative(target, m, just);
  }
};

TEST(Marcher, NonFiniteUpdatesAreReportedNotHidden) {
  Result<2> result(grid_11());
  const FailingColumn update{{result}};
  Marcher<2, FailingColumn> marcher(result, update, StoppingRule::all_nodes());
  marcher.seed(0, 0.0);
  marcher.run();
  EXPECT_EQ(result.status, Status::non_finite_update);
  EXPECT_GT(result.statistics.non_finite_updates, 0u);
  EXPECT_EQ(result.statistics.unreached, 11u * 4u);  // column 7 and everything beyond it
  EXPECT_TRUE(std::isinf(result.value[result.grid.index({9, 3})]));
}

// An update that never offers a finite value beyond a wall leaves nodes unreached.
struct Wall {
  static constexpr bool recomputes_from_all_accepted = true;
  static constexpr bool needs_front = true;
  static constexpr bool searches_ball = false;
  StepCount inner;
  double tentative(std::size_t target, const StructuredGrid<2>::MultiIndex& m, std::size_t just,
                   double = 0) const {
    return m[1] >= 6 ? std::numeric_limits<double>::infinity() : inner.tentative(target, m, just);
  }
};

TEST(Marcher, NodesNoUpdateReachesAreReportedUnreached) {
  Result<2> result(grid_11());
  const Wall update{{result}};
  Marcher<2, Wall> marcher(result, update, StoppingRule::all_nodes());
  marcher.seed(0, 0.0);
  marcher.run();
  EXPECT_EQ(result.status, Status::unreached_nodes);
  EXPECT_EQ(result.statistics.unreached, 11u * 5u);
  EXPECT_EQ(result.statistics.non_finite_updates, 0u);
}

TEST(Marcher, SeedsKeepTheirValuesAndJoinTheAcceptanceOrder) {
  Result<2> result(grid_11());
  const StepCount update{result};
  Marcher<2, StepCount> marcher(result, update, StoppingRule::all_nodes());
  const std::size_t late = result.grid.index({0, 2});
  marcher.seed(0, 0.0);
  marcher.seed(late, 3.5);  // larger than its marched value would be (2): it stays 3.5
  EXPECT_THROW(marcher.seed(0, 1.0), std::logic_error);
  marcher.run();
  EXPECT_EQ(result.value[late], 3.5);
  EXPECT_EQ(result.statistics.seeded, 2u);
  // Accepted after every node with a smaller value, marched or not.
  for (std::size_t i = 0; i < result.grid.size(); ++i) {
    if (result.value[i] < 3.5) {
      EXPECT_LT(result.accepted_order[i], result.accepted_order[late]);
    }
  }
}

}  // namespace
}  // namespace hj

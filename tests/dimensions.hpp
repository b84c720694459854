// The dimensions every property suite runs in: typed tests over dim = 2 and 3.
#pragma once

#include <gtest/gtest.h>

#include <type_traits>

namespace hj::test {
using Dimensions = ::testing::Types<std::integral_constant<int, 2>, std::integral_constant<int, 3>>;
}  // namespace hj::test

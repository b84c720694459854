#include <gtest/gtest.h>

#include "core/registry.hpp"
#include "problems/catalogue.hpp"
#include "solvers/solver_registry.hpp"

namespace hj {
namespace {

TEST(Registry, UnknownNameListsTheKnownOnes) {
  Registry<int> registry("widget");
  registry.add("alpha", 1);
  registry.add("beta", 2);
  EXPECT_EQ(registry.get("beta", "here"), 2);
  try {
    registry.get("alpah", "f.toml:1:8");
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("f.toml:1:8: unknown widget 'alpah'"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean 'alpha'"), std::string::npos) << message;
    EXPECT_NE(message.find("Known: alpha, beta"), std::string::npos) << message;
  }
}

TEST(Registry, CatalogueHoldsTheEikonalProblemsAndFmm) {
  const auto problems = problem_registry().names();
  for (const char* name : {"eikonal-point", "eikonal-points", "eikonal-radial"}) {
    EXPECT_NE(std::find(problems.begin(), problems.end(), name), problems.end()) << name;
  }
  const auto& fmm = solver_registry().get("fmm", "test");
  for (const auto& rule : fmm.update_rules) {
    EXPECT_NO_THROW(update_rule_registry().get(rule, "test"));
  }
}

}  // namespace
}  // namespace hj

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/options.hpp"

namespace hj {
namespace {

OptionDeclarations sample_declarations() {
  OptionDeclarations d;
  d.add("domain.n", ValueKind::integer_list, std::vector<std::int64_t>{11}, "nodes",
        checks::at_least(3));
  d.add("domain.lower", ValueKind::real_list, std::vector<double>{-1.0}, "lower");
  d.add("problem.speed", ValueKind::real, 1.0, "speed", checks::positive());
  d.add("solver.type", ValueKind::string, std::string("fmm"), "solver");
  d.add("output.field", ValueKind::boolean, true, "write");
  return d;
}

std::string error_of(const RawSettings& raw) {
  try {
    Options::resolve(raw, sample_declarations());
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Options, DefaultsFillUnsetKeys) {
  const Options options = Options::resolve({}, sample_declarations());
  EXPECT_EQ(options.integers("domain.n", 3), (std::vector<std::int64_t>{11, 11, 11}));
  EXPECT_DOUBLE_EQ(options.real("problem.speed"), 1.0);
  EXPECT_EQ(options.string("solver.type"), "fmm");
  EXPECT_TRUE(options.boolean("output.field"));
  EXPECT_EQ(options.origin("problem.speed"), "default problem.speed");
}

TEST(Options, IntegersAreAcceptedWhereNumbersAreExpected) {
  const Options options =
      Options::resolve({{"problem.speed", {std::int64_t{2}, "f:1:1"}},
                        {"domain.lower", {std::vector<std::int64_t>{-2, -3}, "f:2:1"}}},
                       sample_declarations());
  EXPECT_DOUBLE_EQ(options.real("problem.speed"), 2.0);
  EXPECT_EQ(options.reals("domain.lower", 2), (std::vector<double>{-2.0, -3.0}));
}

TEST(Options, UnknownKeySuggestsTheClosest) {
  const std::string message = error_of({{"domain.nn", {std::int64_t{3}, "f.toml:4:1"}}});
  EXPECT_NE(message.find("f.toml:4:1"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown option 'domain.nn'"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'domain.n'"), std::string::npos) << message;
}

TEST(Options, WrongTypeNamesKeyExpectedAndGiven) {
  const std::string message = error_of({{"domain.n", {std::string("many"), "f.toml:2:5"}}});
  EXPECT_NE(message.find("f.toml:2:5: domain.n must be an integer or a list of integers, got a "
                         "string \"many\""),
            std::string::npos)
      << message;
  EXPECT_NE(error_of({{"domain.n", {1.5, "x"}}}), "");
  EXPECT_NE(error_of({{"output.field", {std::int64_t{1}, "x"}}}), "");
}

TEST(Options, ChecksRejectBadValues) {
  EXPECT_NE(error_of({{"problem.speed", {-1.0, "x"}}}).find("must be > 0"), std::string::npos);
  EXPECT_NE(error_of({{"problem.speed", {0.0, "x"}}}).find("must be > 0"), std::string::npos);
  EXPECT_NE(error_of({{"domain.n", {std::int64_t{2}, "x"}}}).find("at least 3"), std::string::npos);
}

TEST(Options, EmptyListIsNoPoints) {
  OptionDeclarations d;
  d.add("paths.targets", ValueKind::point_list, std::vector<Point>{{1, 2}}, "targets");
  const Options options =
      Options::resolve({{"paths.targets", {std::vector<double>{}, "--set"}}}, d);
  EXPECT_TRUE(options.points("paths.targets").empty());
}

TEST(Options, BroadcastRejectsWrongLength) {
  const Options options = Options::resolve(
      {{"domain.lower", {std::vector<double>{0, 1}, "f.toml:3:9"}}}, sample_declarations());
  EXPECT_THROW(options.reals("domain.lower", 3), Error);
}

TEST(Options, ClosestMatch) {
  EXPECT_EQ(closest_match("eikonal-pint", {"eikonal-point", "eikonal-points", "other"}),
            "eikonal-point");
  EXPECT_EQ(closest_match("zzzzzzzzz", {"a", "b"}), "");
}

TEST(Options, ValuesPrintAsToml) {
  EXPECT_EQ(to_toml(Value{2.0}), "2.0");
  EXPECT_EQ(to_toml(Value{std::vector<double>{0.5, -1}}), "[0.5, -1.0]");
  EXPECT_EQ(to_toml(Value{std::string("fmm")}), "\"fmm\"");
}

}  // namespace
}  // namespace hj

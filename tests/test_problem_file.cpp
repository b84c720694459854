#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/problem_file.hpp"

namespace hj {
namespace {

TEST(ProblemFile, ReadsTablesIntoDottedKeysWithOrigins) {
  const RawSettings raw = parse_problem_text(
      "[domain]\nn = [11, 21]\nlower = [-1, -0.5]\n[problem]\nsources = [[0, 0], [0.5, 1]]\n",
      "p.toml");
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(raw.at("domain.n").value),
            (std::vector<std::int64_t>{11, 21}));
  EXPECT_EQ(std::get<std::vector<double>>(raw.at("domain.lower").value),
            (std::vector<double>{-1.0, -0.5}));
  EXPECT_EQ(std::get<std::vector<Point>>(raw.at("problem.sources").value).size(), 2u);
  EXPECT_EQ(raw.at("domain.n").origin, "p.toml:2:5");
}

TEST(ProblemFile, SyntaxErrorNamesLineAndColumn) {
  try {
    parse_problem_text("[domain]\nn = [1, 2\n", "bad.toml");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.toml:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("TOML syntax error"), std::string::npos) << e.what();
  }
}

TEST(ProblemFile, KeysOutsideTablesAreErrors) {
  EXPECT_THROW(parse_problem_text("n = 3\n", "p.toml"), Error);
}

TEST(ProblemFile, MissingFileIsAnError) {
  try {
    read_problem_file("/nonexistent/hj.toml");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/hj.toml: no such problem file"),
              std::string::npos);
  }
}

TEST(ProblemFile, OverridesParseTomlValuesAndBareWords) {
  RawSettings raw;
  apply_override(raw, "domain.n=2049");
  apply_override(raw, "solver.type=fmm");
  apply_override(raw, "problem.source=[0.25, 0]");
  apply_override(raw, "problem.speed=2.5");
  EXPECT_EQ(std::get<std::int64_t>(raw.at("domain.n").value), 2049);
  EXPECT_EQ(std::get<std::string>(raw.at("solver.type").value), "fmm");
  EXPECT_EQ(std::get<std::vector<double>>(raw.at("problem.source").value),
            (std::vector<double>{0.25, 0.0}));
  EXPECT_EQ(raw.at("domain.n").origin, "--set domain.n=2049");
  EXPECT_THROW(apply_override(raw, "domain.n"), Error);
  EXPECT_THROW(apply_override(raw, "n=3"), Error);
  EXPECT_THROW(apply_override(raw, "domain.n=[1,"), Error);
}

TEST(ProblemFile, ExpressionsRowsAndTablesOfNumbers) {
  const RawSettings raw = parse_problem_text(
      "[problem]\ndrift = [\"-x\", 0, 1.5]\ndiffusion = [[\"1 + x^2\", 0], [0, 1]]\n"
      "points = [[1, 0], [0, 1]]\nparameters = {a = 2, b = 0.5}\n",
      "f.toml");
  EXPECT_EQ(std::get<std::vector<std::string>>(raw.at("problem.drift").value),
            (std::vector<std::string>{"-x", "0", "1.5"}));
  // One row with a string makes every row expressions; rows of numbers alone stay points.
  EXPECT_EQ(std::get<std::vector<StringRow>>(raw.at("problem.diffusion").value),
            (std::vector<StringRow>{{"1 + x^2", "0"}, {"0", "1"}}));
  EXPECT_EQ(std::get<std::vector<Point>>(raw.at("problem.points").value),
            (std::vector<Point>{{1, 0}, {0, 1}}));
  EXPECT_EQ(std::get<RealTable>(raw.at("problem.parameters").value),
            (RealTable{{"a", 2.0}, {"b", 0.5}}));
  EXPECT_EQ(to_toml(raw.at("problem.parameters").value), "{a = 2.0, b = 0.5}");
  EXPECT_EQ(to_toml(raw.at("problem.diffusion").value), R"([["1 + x^2", "0"], ["0", "1"]])");
  EXPECT_THROW(parse_problem_text("[problem]\nparameters = {a = \"x\"}\n", "f.toml"), Error);
}

TEST(ProblemFile, OverrideOfOneTableEntryKeepsTheOthers) {
  RawSettings raw = parse_problem_text("[problem]\nparameters = {a = 2.0, c = 1.0}\n", "f.toml");
  apply_override(raw, "problem.parameters.a=3");
  apply_override(raw, "problem.parameters.d=-1.5");
  EXPECT_EQ(std::get<RealTable>(raw.at("problem.parameters").value),
            (RealTable{{"a", 3.0}, {"c", 1.0}, {"d", -1.5}}));
  EXPECT_EQ(raw.at("problem.parameters").origin, "--set problem.parameters.d=-1.5");
  EXPECT_THROW(apply_override(raw, "problem.parameters.a=x"), Error);
  EXPECT_THROW(apply_override(raw, "problem..a=1"), Error);
  EXPECT_THROW(apply_override(raw, "problem.parameters.a.b=1"), Error);
}

}  // namespace
}  // namespace hj

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

}  // namespace
}  // namespace hj

#include "base/strings.h"

#include <catch2/catch.hpp>
#include <string>

namespace routelint {
namespace {

TEST_CASE("GlobMatch matches ids, names and globs case-insensitively", "[base][glob]") {
  CHECK(GlobMatch("RL001", "RL001"));
  CHECK(GlobMatch("rl001", "RL001"));
  CHECK_FALSE(GlobMatch("RL001", "RL0011"));
  CHECK(GlobMatch("RL0*", "RL012"));
  CHECK(GlobMatch("*", ""));
  CHECK(GlobMatch("*propagation*", "firewall-subnet-propagation-disabled"));
  CHECK_FALSE(GlobMatch("*propagation", "firewall-subnet-propagation-disabled"));
  CHECK(GlobMatch("a*b*c", "aXXbYYc"));
  CHECK_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  CHECK_FALSE(GlobMatch("", "x"));
}

TEST_CASE("GlobMatch stays fast on patterns that make naive matching exponential", "[base][glob]") {
  const std::string text(2000, 'a');
  std::string pattern;
  for (int i = 0; i < 50; ++i) pattern += "a*";
  pattern += "b";
  CHECK_FALSE(GlobMatch(pattern, text));
}

TEST_CASE("RuleMatchesPattern takes an id, a name, or a glob of either", "[base][glob]") {
  CHECK(RuleMatchesPattern("RL002", "spoke-missing-default-route", "RL002"));
  CHECK(RuleMatchesPattern("RL002", "spoke-missing-default-route", "spoke-missing-default-route"));
  CHECK(RuleMatchesPattern("RL002", "spoke-missing-default-route", "spoke-*"));
  CHECK_FALSE(RuleMatchesPattern("RL002", "spoke-missing-default-route", "RL003"));
}

}  // namespace
}  // namespace routelint

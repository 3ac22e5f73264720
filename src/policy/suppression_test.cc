#include "policy/suppression.h"

#include <catch2/catch.hpp>

namespace routelint {
namespace {

Finding MakeFinding(std::string rule, std::string name, std::string resource, std::string id, std::string file) {
  Finding f;
  f.rule_id = std::move(rule);
  f.rule_name = std::move(name);
  f.resource_name = std::move(resource);
  f.resource_id = std::move(id);
  f.location.file = std::move(file);
  return f;
}

std::vector<Finding> TwoSpokes() {
  return {MakeFinding("RL002", "spoke-missing-default-route", "vnet-spoke4/snet-app",
                      "/sub/rg/providers/microsoft.network/virtualnetworks/vnet-spoke4/subnets/snet-app", "sandbox/spoke4.json"),
          MakeFinding("RL002", "spoke-missing-default-route", "vnet-spoke5/snet-app",
                      "/sub/rg/providers/microsoft.network/virtualnetworks/vnet-spoke5/subnets/snet-app", "prod/spoke5.json")};
}

const auto kEveryRuleRan = [](std::string_view) { return true; };

SuppressionRule Suppress(std::string rule, std::string resource, std::string file = "") {
  SuppressionRule s;
  s.rule = std::move(rule);
  s.resource = std::move(resource);
  s.file = std::move(file);
  s.reason = "sandbox spoke, egress reviewed";
  s.where = Location{".routelint.toml", 7, 1};
  return s;
}

TEST_CASE("A config suppression accepts exactly the findings it names", "[policy][suppress]") {
  std::vector<Finding> findings = TwoSpokes();
  std::vector<Diagnostic> diagnostics;
  ApplySuppressions({Suppress("RL002", "spoke4")}, {}, CivilDate{2026, 1, 1}, kEveryRuleRan, &findings, &diagnostics);
  REQUIRE(findings[0].suppressions.size() == 1);
  CHECK(findings[0].suppressions[0].kind == FindingSuppression::Kind::kExternal);
  CHECK(findings[0].suppressions[0].justification == "sandbox spoke, egress reviewed");
  CHECK(findings[0].suppressions[0].location.line == 7);
  CHECK_FALSE(IsActive(findings[0]));
  CHECK(IsActive(findings[1]));
  CHECK(diagnostics.empty());
}

TEST_CASE("Suppressions match rule names and globs, resource ids and file patterns", "[policy][suppress]") {
  std::vector<Finding> findings = TwoSpokes();
  std::vector<Diagnostic> diagnostics;
  ApplySuppressions({Suppress("spoke-*", "virtualnetworks/vnet-spoke", "^prod/")}, {}, CivilDate{2026, 1, 1}, kEveryRuleRan,
                    &findings, &diagnostics);
  CHECK(IsActive(findings[0]));
  CHECK_FALSE(IsActive(findings[1]));
}

TEST_CASE("An expired suppression lets its finding back with a note", "[policy][suppress]") {
  std::vector<Finding> findings = TwoSpokes();
  std::vector<Diagnostic> diagnostics;
  SuppressionRule s = Suppress("RL002", "spoke4");
  s.has_expiry = true;
  s.expires = CivilDate{2026, 6, 30};
  SECTION("on its last day it still applies") {
    ApplySuppressions({s}, {}, CivilDate{2026, 6, 30}, kEveryRuleRan, &findings, &diagnostics);
    CHECK_FALSE(IsActive(findings[0]));
    CHECK(diagnostics.empty());
  }
  SECTION("the day after, it does not") {
    ApplySuppressions({s}, {}, CivilDate{2026, 7, 1}, kEveryRuleRan, &findings, &diagnostics);
    CHECK(IsActive(findings[0]));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].id == "RL905");
    CHECK(diagnostics[0].severity == Severity::kNote);
    CHECK(diagnostics[0].location.line == 7);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("expired on 2026-06-30"));
  }
}

TEST_CASE("An unused suppression is reported, unless its rule did not run", "[policy][suppress]") {
  std::vector<Finding> findings = TwoSpokes();
  std::vector<Diagnostic> diagnostics;
  ApplySuppressions({Suppress("RL002", "spoke9")}, {}, CivilDate{2026, 1, 1}, kEveryRuleRan, &findings, &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::kWarning);
  CHECK_THAT(diagnostics[0].message, Catch::Contains("matched no finding"));

  diagnostics.clear();
  ApplySuppressions({Suppress("RL002", "spoke9")}, {}, CivilDate{2026, 1, 1}, [](std::string_view) { return false; },
                    &findings, &diagnostics);
  CHECK(diagnostics.empty());
}

TEST_CASE("Template metadata suppresses findings on the resource and its children", "[policy][suppress]") {
  std::vector<Finding> findings = TwoSpokes();
  std::vector<Diagnostic> diagnostics;
  InlineSuppression vnet{"/sub/rg/providers/microsoft.network/virtualnetworks/vnet-spoke4", "vnet-spoke4", {"RL002"},
                         "lab network", Location{"spoke4.json", 12, 7}};
  // A VNet whose name only starts like another's must not be covered.
  InlineSuppression prefix_only{"/sub/rg/providers/microsoft.network/virtualnetworks/vnet-spoke", "vnet-spoke", {"RL002"},
                                "x", Location{"spoke.json", 3, 7}};
  ApplySuppressions({}, {vnet, prefix_only}, CivilDate{2026, 1, 1}, kEveryRuleRan, &findings, &diagnostics);
  REQUIRE(findings[0].suppressions.size() == 1);
  CHECK(findings[0].suppressions[0].kind == FindingSuppression::Kind::kInSource);
  CHECK(findings[0].suppressions[0].justification == "lab network");
  CHECK(IsActive(findings[1]));
  REQUIRE(diagnostics.size() == 1);  // prefix_only matched nothing
  CHECK(diagnostics[0].location.file == "spoke.json");
}

}  // namespace
}  // namespace routelint

// End-to-end tests of what teams accept: suppressions in the configuration
// and in template metadata, baselines across revisions, custom rules,
// severities and [estate] scoping, through the routelint binary.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/lint.h"
#include "test_support.h"

namespace routelint::testing {
namespace {

using nlohmann::json;
using routelint::IpAddress;
using routelint::LintOptions;
using routelint::LintOutput;
using routelint::Location;
using routelint::Prefix;
using routelint::RunLint;
using routelint::Severity;

json Findings(const json& document, const std::string& rule) {
  json out = json::array();
  for (const json& f : document["findings"]) {
    if (f["rule"] == rule) out.push_back(f);
  }
  return out;
}

json Diagnostics(const json& document, const std::string& id) {
  json out = json::array();
  for (const json& d : document["diagnostics"]) {
    if (d["id"] == id) out.push_back(d);
  }
  return out;
}

TEST_CASE("a config suppression removes exactly its finding and shows its reason", "[e2e][policy]") {
  RunResult r = RunRoutelint({"check", "-f", "json", "-c", "testdata/policy/suppress.toml", "testdata/examples/two-defects"});
  CHECK(r.status == 1);  // RL001 still counts
  const json doc = json::parse(r.out);
  const json rl002 = Findings(doc, "RL002");
  REQUIRE(rl002.size() == 1);
  REQUIRE(rl002[0]["suppressions"].size() == 1);
  CHECK(rl002[0]["suppressions"][0]["kind"] == "external");
  CHECK(rl002[0]["suppressions"][0]["justification"] == "spoke2 is a sandbox; its egress was reviewed (NET-17)");
  CHECK(rl002[0]["suppressions"][0]["file"] == "testdata/policy/suppress.toml");
  CHECK(rl002[0]["suppressions"][0]["line"] == 1);
  CHECK(Findings(doc, "RL001")[0]["suppressions"].empty());
  CHECK(doc["summary"]["errors"] == 1);
  CHECK(doc["summary"]["suppressed"] == 1);
  CHECK(Diagnostics(doc, "RL905").empty());

  RunResult text = RunRoutelint({"check", "-c", "testdata/policy/suppress.toml", "testdata/examples/two-defects"});
  CHECK(text.out.find("RL002") == std::string::npos);
  CHECK(text.out.find("1 finding (1 error, 0 warnings, 0 notes) in 9 files; 1 suppressed") != std::string::npos);

  RunResult sarif = RunRoutelint({"check", "-f", "sarif", "-c", "testdata/policy/suppress.toml", "testdata/examples/two-defects"});
  const json results = json::parse(sarif.out)["runs"][0]["results"];
  int suppressed = 0;
  for (const json& result : results) {
    if (!result.contains("suppressions")) continue;
    ++suppressed;
    CHECK(result["ruleId"] == "RL002");
    CHECK(result["suppressions"][0]["kind"] == "external");
    CHECK(result["suppressions"][0]["status"] == "accepted");
    CHECK(result["suppressions"][0]["justification"] == "spoke2 is a sandbox; its egress was reviewed (NET-17)");
  }
  CHECK(suppressed == 1);
}

TEST_CASE("a suppression that covers every finding makes the run pass", "[e2e][policy]") {
  RunResult r = RunRoutelint({"check", "-c", "testdata/policy/suppress.toml", "--select", "RL002", "testdata/examples/two-defects"});
  CHECK(r.status == 0);
  CHECK(r.out == "no findings in 9 files; 1 suppressed\n");
}

TEST_CASE("an expired suppression brings its finding back with a note", "[e2e][policy]") {
  RunResult r = RunRoutelint({"check", "-f", "json", "-c", "testdata/policy/suppress-expired.toml", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  const json doc = json::parse(r.out);
  CHECK(Findings(doc, "RL002")[0]["suppressions"].empty());
  const json notes = Diagnostics(doc, "RL905");
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["severity"] == "note");
  CHECK(notes[0]["file"] == "testdata/policy/suppress-expired.toml");
  CHECK(notes[0]["message"].get<std::string>().find("expired on 2020-01-01") != std::string::npos);
}

TEST_CASE("an unused suppression is reported at its entry", "[e2e][policy]") {
  RunResult r = RunRoutelint({"check", "-c", "testdata/policy/suppress-unused.toml", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(r.out.find("testdata/policy/suppress-unused.toml:1:1: warning: suppression of RL002 matched no finding") !=
        std::string::npos);
  // Not when the rule did not run: the suppression may matter on a full run.
  RunResult only_rl001 = RunRoutelint({"check", "-c", "testdata/policy/suppress-unused.toml", "--select", "RL001",
                                       "testdata/examples/two-defects"});
  CHECK(only_rl001.out.find("RL905") == std::string::npos);
}

TEST_CASE("template metadata suppresses its resource's finding in source", "[e2e][policy]") {
  RunResult r = RunRoutelint({"check", "-f", "json", "testdata/policy/metadata"});
  CHECK(r.status == 1);  // vnet-spoke1-blue/snet-data still counts
  const json doc = json::parse(r.out);
  const json rl002 = Findings(doc, "RL002");
  REQUIRE(rl002.size() == 2);
  int in_source = 0;
  for (const json& f : rl002) {
    if (f["suppressions"].empty()) {
      CHECK(f["resource"]["name"] == "vnet-spoke1-blue/snet-data");
      continue;
    }
    ++in_source;
    CHECK(f["resource"]["name"] == "rt-spoke2-blue-app");
    CHECK(f["suppressions"][0]["kind"] == "inSource");
    CHECK(f["suppressions"][0]["justification"] ==
          "egress of this lab spoke is reviewed by the network team (ticket NET-142)");
    CHECK(f["suppressions"][0]["file"] == "testdata/policy/metadata/spoke2.json");
    CHECK(f["suppressions"][0]["line"] == 20);
  }
  CHECK(in_source == 1);
  // The VNet's suppression of RL011 matches nothing: reported for cleanup.
  const json unused = Diagnostics(doc, "RL905");
  REQUIRE(unused.size() == 1);
  CHECK(unused[0]["line"] == 47);
  CHECK(unused[0]["message"].get<std::string>().find("vnet-spoke2-blue suppresses RL011") != std::string::npos);
}

TEST_CASE("a baseline hides known findings on the next, reformatted revision and fails on a new one",
          "[e2e][policy][baseline]") {
  const std::string baseline = "/tmp/routelint-test-baseline-" + std::to_string(getpid()) + ".json";
  RunResult write = RunRoutelint({"check", "--write-baseline", baseline, "testdata/examples/two-defects"});
  CHECK(write.status == 0);  // recording findings is not a failure
  CHECK(write.err.find("recorded 2 finding(s)") != std::string::npos);

  // Same revision: nothing new.
  RunResult same = RunRoutelint({"check", "--baseline", baseline, "testdata/examples/two-defects"});
  CHECK(same.status == 0);
  CHECK(same.out == "no findings in 9 files; 2 in the baseline\n");

  // Next revision: every file reformatted and reordered, under another path, one new defect.
  RunResult next = RunRoutelint({"check", "-f", "json", "--baseline", baseline, "testdata/policy/baseline-next"});
  CHECK(next.status == 1);
  const json doc = json::parse(next.out);
  int fresh = 0;
  for (const json& f : doc["findings"]) {
    if (f["baseline"] == "new") {
      ++fresh;
      CHECK(f["rule"] == "RL002");
      CHECK(f["resource"]["name"] == "rt-spoke1-blue-app");
    } else {
      CHECK(f["baseline"] == "unchanged");
    }
  }
  CHECK(fresh == 1);
  CHECK(doc["summary"]["baselined"] == 2);

  RunResult sarif = RunRoutelint({"check", "-f", "sarif", "--baseline", baseline, "testdata/policy/baseline-next"});
  int unchanged = 0;
  const json sarif_doc = json::parse(sarif.out);
  for (const json& result : sarif_doc["runs"][0]["results"]) {
    unchanged += result["baselineState"] == "unchanged";
  }
  CHECK(unchanged == 2);
  std::remove(baseline.c_str());
}

TEST_CASE("a baseline that cannot be read is an input error", "[e2e][policy][baseline]") {
  RunResult r = RunRoutelint({"check", "--baseline", "testdata/policy/custom.toml", "testdata/examples/two-defects"});
  CHECK(r.status == 2);
  CHECK(r.out.find("testdata/policy/custom.toml:1:1: error:") != std::string::npos);
}

TEST_CASE("custom rules check properties by type, role and name", "[e2e][policy][custom]") {
  RunResult r = RunRoutelint({"check", "-f", "json", "-c", "testdata/policy/custom.toml", "testdata/rules/RL004/fire"});
  const json doc = json::parse(r.out);
  const json org001 = Findings(doc, "ORG001");
  // spoke1's table sets propagation on; spoke2's leaves it out, and Azure's default is on too.
  REQUIRE(org001.size() == 2);
  CHECK(org001[0]["severity"] == "error");
  CHECK(org001[0]["resource"]["name"] == "rt-spoke1-blue-app");
  CHECK(org001[0]["file"] == "testdata/rules/RL004/fire/spoke1.json");
  CHECK(org001[0]["line"] == 16);  // at disableBgpRoutePropagation
  CHECK(org001[0]["message"].get<std::string>().find("properties.disableBgpRoutePropagation = false (expected true)") !=
        std::string::npos);
  CHECK(org001[1]["resource"]["name"] == "rt-spoke2-blue-app");
  CHECK(org001[1]["message"].get<std::string>().find("= absent (expected true)") != std::string::npos);
  // Hub tables keep propagation on purpose: the role keeps them out.
  for (const json& f : org001) CHECK(f["resource"]["name"].get<std::string>().find("hub") == std::string::npos);
  CHECK(Findings(doc, "ORG003").empty());

  // The catalogue lists them after routelint's own, in SARIF too.
  RunResult rules = RunRoutelint({"rules", "-c", "testdata/policy/custom.toml"});
  CHECK(rules.out.find("ORG001  spoke-route-table-propagation") != std::string::npos);
  RunResult sarif = RunRoutelint({"check", "-f", "sarif", "-c", "testdata/policy/custom.toml", "testdata/rules/RL004/fire"});
  bool listed = false;
  const json sarif_doc = json::parse(sarif.out);
  for (const json& rule : sarif_doc["runs"][0]["tool"]["driver"]["rules"]) listed = listed || rule["id"] == "ORG001";
  CHECK(listed);
}

TEST_CASE("custom rules stay silent on values decided at deployment", "[e2e][policy][custom]") {
  RunResult r = RunRoutelint({"check", "-c", "testdata/policy/custom-location.toml", "--select", "ORG010",
                              "testdata/rules/RL004/fire"});
  CHECK(r.status == 0);
  CHECK(r.out.find("{location}") == std::string::npos);
  CHECK(r.out.find("ORG010") == std::string::npos);
}

TEST_CASE("custom rules stay silent on the correct estate", "[e2e][policy][custom]") {
  RunResult r = RunRoutelint({"check", "-c", "testdata/policy/custom.toml", "testdata/examples/blue-green"});
  CHECK(r.status == 0);
  CHECK(r.out == "no findings in 9 files\n");
}

TEST_CASE("severities from the configuration change what fails the run", "[e2e][policy]") {
  RunResult r = RunRoutelint({"check", "-c", "testdata/policy/severity.toml", "testdata/examples/two-defects"});
  CHECK(r.status == 0);  // both findings are notes now, below --fail-on warning
  CHECK(r.out.find(": note: ") != std::string::npos);
  CHECK(r.out.find(": error: ") == std::string::npos);
}

TEST_CASE("topology declares a hub whose firewall lives in another repository", "[e2e][policy][topology]") {
  RunResult alone = RunRoutelint({"check", "testdata/policy/topology"});
  CHECK(alone.status == 0);
  RunResult declared = RunRoutelint({"check", "-f", "json", "-c", "testdata/policy/topology.toml", "testdata/policy/topology"});
  CHECK(declared.status == 1);
  const json rl002 = Findings(json::parse(declared.out), "RL002");
  REQUIRE(rl002.size() == 2);
  CHECK(rl002[0]["message"].get<std::string>().find("firewall 10.1.0.4 declared in [topology]") != std::string::npos);

  LintOptions options;
  options.paths = {"testdata/policy/topology"};
  std::string ignored;
  options.hubs.push_back({"vnet-hub-blue", IpAddress::Parse("10.1.0.4", &ignored), Prefix::Parse("10.1.0.0/16", &ignored),
                          Location{"topology.toml", 3, 1}});
  const LintOutput out = RunLint(options);
  REQUIRE(out.model.deployments.size() == 1);
  CHECK(out.model.deployments[0].supernet->ToString() == "10.1.0.0/16");
  CHECK(out.model.deployments[0].spokes.size() == 2);

  options.hubs[0].vnet = "vnet-hub-red";
  const LintOutput missing = RunLint(options);
  REQUIRE(missing.report.diagnostics.size() == 1);
  CHECK(missing.report.diagnostics[0].id == "RL902");
  CHECK(missing.report.diagnostics[0].severity == Severity::kWarning);
  CHECK(missing.report.diagnostics[0].location.line == 3);
}

}  // namespace
}  // namespace routelint::testing

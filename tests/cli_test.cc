// End-to-end tests of the routelint binary: exit statuses, output formats
// against golden files, bad input.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace routelint::testing {
namespace {

TEST_CASE("a correct estate exits 0", "[e2e][cli]") {
  RunResult r = RunRoutelint({"check", "testdata/examples/blue-green"});
  CHECK(r.status == 0);
  CHECK(r.out == "no findings in 9 files\n");
}

TEST_CASE("a file reached by an absolute estate path and a relative named path loads once", "[e2e][cli]") {
  const std::string estate = std::filesystem::absolute("testdata/examples/two-defects").string();
  RunResult r = RunRoutelint({"check", "--estate", estate, "testdata/examples/two-defects/blue/spoke2.json"});
  CHECK(r.status == 1);
  // Under its named spelling, once; no second declaration of every resource.
  CHECK(r.out.rfind("testdata/examples/two-defects/blue/spoke2.json:85:11: error: subnet snet-app", 0) == 0);
  CHECK(r.out.find("RL904") == std::string::npos);
  CHECK(r.out.find("1 finding (1 error, 0 warnings, 0 notes) in 9 files") != std::string::npos);
}

TEST_CASE("findings exit 1 and print compiler-style lines (golden)", "[e2e][cli]") {
  RunResult r = RunRoutelint({"testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(MatchesGolden("tests/golden/e2e/two-defects.txt", r.out));
}

TEST_CASE("json output matches its golden file and parses", "[e2e][cli]") {
  RunResult r = RunRoutelint({"check", "--format", "json", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  auto document = nlohmann::json::parse(r.out);
  CHECK(document["version"] == 1);
  CHECK(document["findings"].size() == 2);
  // The version line differs between builds; compare the rest.
  document["tool"].erase("commit");
  CHECK(MatchesGolden("tests/golden/e2e/two-defects.json", document.dump(2) + "\n"));
}

TEST_CASE("sarif output matches its golden file", "[e2e][cli]") {
  RunResult r = RunRoutelint({"-f", "sarif", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  auto document = nlohmann::json::parse(r.out);
  CHECK(document["version"] == "2.1.0");
  CHECK(document["runs"][0]["results"].size() == 2);
  // The commit differs between builds; compare the rest.
  document["runs"][0]["tool"]["driver"]["properties"].erase("commit");
  CHECK(MatchesGolden("tests/golden/e2e/two-defects.sarif", document.dump(2) + "\n"));
}

TEST_CASE("github output is one workflow command per finding", "[e2e][cli]") {
  RunResult r = RunRoutelint({"-f", "github", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(MatchesGolden("tests/golden/e2e/two-defects.github", r.out));
}

TEST_CASE("the fail-on option decides which findings fail the run", "[e2e][cli]") {
  CHECK(RunRoutelint({"--fail-on", "none", "testdata/examples/two-defects"}).status == 0);
  CHECK(RunRoutelint({"--fail-on", "error", "testdata/examples/two-defects"}).status == 1);
  CHECK(RunRoutelint({"--ignore", "RL001,spoke-missing-default-route", "testdata/examples/two-defects"}).status == 0);
  RunResult only = RunRoutelint({"--select", "RL001", "testdata/examples/two-defects"});
  CHECK(only.status == 1);
  CHECK(only.out.find("RL002") == std::string::npos);
}

TEST_CASE("a malformed file exits 2 with file:line:col and the other files are still linted", "[e2e][cli]") {
  RunResult r = RunRoutelint({"testdata/bad/truncated.json", "testdata/examples/two-defects"});
  CHECK(r.status == 2);
  CHECK(r.out.find("testdata/bad/truncated.json:6:1: error:") != std::string::npos);
  CHECK(r.out.find("[RL901]") != std::string::npos);
  CHECK(r.out.find("[RL001 firewall-subnet-propagation-disabled]") != std::string::npos);
  CHECK(r.out.find("[RL002 spoke-missing-default-route]") != std::string::npos);
}

TEST_CASE("json and sarif reports are complete even when the status is 2", "[e2e][cli]") {
  RunResult r = RunRoutelint({"-f", "sarif", "testdata/bad/truncated.json"});
  CHECK(r.status == 2);
  auto document = nlohmann::json::parse(r.out);
  auto& notifications = document["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notifications.size() == 1);
  CHECK(notifications[0]["descriptor"]["id"] == "RL901");
}

TEST_CASE("a missing path and a bad option exit 2", "[e2e][cli]") {
  RunResult missing = RunRoutelint({"no/such/dir"});
  CHECK(missing.status == 2);
  CHECK(missing.out.find("no/such/dir: error: no such file or directory") != std::string::npos);
  RunResult bad = RunRoutelint({"--format", "yaml", "."});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("unknown format 'yaml'") != std::string::npos);
  CHECK(RunRoutelint({"--jobs", "0"}).status == 2);
}

TEST_CASE("the output option writes the report to a file instead of stdout", "[e2e][cli]") {
  const std::string path = "/tmp/routelint-cli-test-output.sarif";
  RunResult r = RunRoutelint({"-o", path, "-f", "sarif", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(ReadSourceFile(path))["runs"][0]["results"].size() == 2);
  std::remove(path.c_str());
}

TEST_CASE("version, help and rules", "[e2e][cli]") {
  RunResult version = RunRoutelint({"--version"});
  CHECK(version.status == 0);
  CHECK(version.out.rfind("routelint 0.1.0", 0) == 0);
  RunResult help = RunRoutelint({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("--fail-on") != std::string::npos);
  RunResult rules = RunRoutelint({"rules"});
  CHECK(rules.out.find("RL003  hub-missing-remote-supernet-route") != std::string::npos);
  RunResult page = RunRoutelint({"rules", "RL001"});
  CHECK(page.out.rfind("# RL001 firewall-subnet-propagation-disabled", 0) == 0);
  CHECK(RunRoutelint({"rules", "RL999"}).status == 2);
  // A diagnostic is no rule, and not in the list, but its page is printed.
  CHECK(rules.out.find("RL902") == std::string::npos);
  RunResult diagnostic = RunRoutelint({"rules", "rl902"});
  CHECK(diagnostic.status == 0);
  CHECK(diagnostic.out.rfind("# RL902 input-not-read", 0) == 0);
  RunResult diagnostic_json = RunRoutelint({"rules", "-f", "json", "RL902"});
  CHECK(diagnostic_json.status == 0);
  CHECK(diagnostic_json.out.find("\"id\": \"RL902\"") != std::string::npos);
}

TEST_CASE("output is byte-identical between runs", "[e2e][cli]") {
  RunResult a = RunRoutelint({"-f", "json", "-j", "1", "testdata"});
  RunResult b = RunRoutelint({"-f", "json", "-j", "2", "testdata"});
  CHECK(a.out == b.out);
}

TEST_CASE("an estate large enough for the rules to run on threads gives one thread's output", "[e2e][cli]") {
  char dir_template[] = "/tmp/routelint-estate-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  // 6 deployments of 25 spokes of 4 subnets: 600 spoke subnets, past the
  // size at which the rules run in parallel (lint.cc); the spokes keep
  // gateway routes (RL004 on each) and the meshed hubs route to each other.
  const std::string generate = "python3 '" + std::string(ROUTELINT_SOURCE_DIR) + "/bench/gen_estate.py' '" + dir +
                               "' --hubs 6 --spokes 25 --subnets 4 --table-per-spoke --propagating-spokes > /dev/null";
  REQUIRE(std::system(generate.c_str()) == 0);
  const RunResult one = RunRoutelint({"check", "-f", "sarif", "--fail-on", "none", "-j", "1", dir});
  const RunResult two = RunRoutelint({"check", "-f", "sarif", "--fail-on", "none", "-j", "2", dir});
  std::filesystem::remove_all(dir);
  CHECK(one.status == 0);
  CHECK(one.err == two.err);
  CHECK(one.out == two.out);
  const nlohmann::json sarif = nlohmann::json::parse(one.out);
  CHECK(sarif["runs"][0]["results"].size() >= 600);
}

}  // namespace
}  // namespace routelint::testing

namespace routelint::testing {
namespace {

TEST_CASE("a .bicep input without the Bicep CLI is skipped with one note", "[e2e][cli][bicep]") {
  RunResult r = RunRoutelint({"--bicep", "", "testdata/bicep-cli"});
  // An empty --bicep means "look on PATH"; this machine has none.
  if (r.out.find("not on PATH") == std::string::npos) {
    WARN("a bicep CLI is on PATH; the missing-CLI path is not exercised");
    return;
  }
  CHECK(r.status == 0);
  CHECK(r.out.find("testdata/bicep-cli/estate.bicep: warning: 1 .bicep file(s) not linted: the Bicep CLI is not on PATH") !=
        std::string::npos);
}

TEST_CASE("a .bicep input is compiled with the Bicep CLI and linted", "[e2e][cli][bicep]") {
  RunResult r = RunRoutelint({"--bicep", "tests/tools/fake-bicep.sh", "testdata/bicep-cli"});
  CHECK(r.status == 1);
  // At the subnet in the source: the compiled text is in no file.
  CHECK(r.out.find("testdata/bicep-cli/estate.bicep:43:7: error: subnet snet-app of spoke vnet-spoke1 has no route table") !=
        std::string::npos);
  CHECK(r.out.find("[RL002 spoke-missing-default-route]") != std::string::npos);
  CHECK(r.out.find("compiled template") == std::string::npos);
}

TEST_CASE("a .bicep file whose compiled JSON sits beside it is linted through the JSON", "[e2e][cli][bicep]") {
  // RL023 flags the estate's cross-hub child routes (testdata/bicep/lv1-correct/EXPECT.md).
  RunResult r = RunRoutelint({"--bicep", "tests/tools/fake-bicep.sh", "--ignore", "RL023", "testdata/bicep/lv1-correct"});
  CHECK(r.status == 0);
  CHECK(r.out == "no findings in 2 files\n");
}

TEST_CASE("linked templates: relativePath always, URIs through --link-map", "[e2e][cli][linked]") {
  RunResult unmapped = RunRoutelint({"testdata/linked"});
  CHECK(unmapped.status == 0);
  CHECK(unmapped.out.find("no --link-map folder for this address") != std::string::npos);
  RunResult mapped = RunRoutelint({"--link-map", "https://templates.example.com/network/=testdata/linked/modules",
                                   "testdata/linked"});
  CHECK(mapped.status == 1);
  CHECK(mapped.out.find("testdata/linked/modules/spoke.json:33:9: error: route table rt-spoke-b-app") != std::string::npos);
  CHECK(mapped.out.find("10.5.0.4 (fw-hub) [module 'spoke-b']") != std::string::npos);
  CHECK(mapped.out.find("1 finding (1 error") != std::string::npos);
}

TEST_CASE("strict mode makes values unknown before deployment fail the run", "[e2e][cli]") {
  CHECK(RunRoutelint({"testdata/rules/RL002/silent"}).status == 0);
  RunResult strict = RunRoutelint({"--strict", "testdata/rules/RL002/silent"});
  CHECK(strict.status == 1);
  CHECK(strict.out.find("error: Microsoft.Network/virtualNetworks 'vnet-spoke5-blue': routing-relevant values unknown") !=
        std::string::npos);
}

}  // namespace
}  // namespace routelint::testing

namespace routelint::testing {
namespace {

TEST_CASE("rules lists the catalogue as text, json and markdown", "[e2e][cli]") {
  RunResult json = RunRoutelint({"rules", "-f", "json"});
  CHECK(json.status == 0);
  auto rules = nlohmann::json::parse(json.out);
  REQUIRE(rules.is_array());
  CHECK(rules.size() >= 19);
  CHECK(rules[0]["id"] == "RL001");
  CHECK(rules[0]["page"].get<std::string>().rfind("# RL001 firewall-subnet-propagation-disabled", 0) == 0);
  RunResult markdown = RunRoutelint({"rules", "--format", "markdown"});
  CHECK(markdown.out.rfind("| id | name | severity | what it flags |", 0) == 0);
  CHECK(markdown.out.find("| RL012 | [route-table-naming](rules/RL012-route-table-naming.md) | note |") != std::string::npos);
  RunResult one = RunRoutelint({"rules", "-f", "json", "RL022"});
  CHECK(nlohmann::json::parse(one.out).size() == 1);
  CHECK(RunRoutelint({"rules", "-f", "sarif"}).status == 2);
}

TEST_CASE("the README's rule table is the catalogue routelint prints", "[e2e][cli]") {
  const std::string readme = ReadSourceFile("README.md");
  const std::string begin = "<!-- rules:begin (generated: routelint rules -f markdown) -->\n";
  const size_t start = readme.find(begin);
  const size_t end = readme.find("<!-- rules:end -->");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  RunResult markdown = RunRoutelint({"rules", "-f", "markdown"});
  // Regenerate the table with `build/routelint rules -f markdown` when this fails.
  CHECK(readme.substr(start + begin.size(), end - start - begin.size()) == markdown.out);
  // Every rule id RL001-RL022 of the catalogue is there, with its page.
  for (int id = 1; id <= 22; ++id) {
    const std::string rule = fmt::format("RL{:03}", id);
    INFO(rule);
    CHECK(markdown.out.find("| " + rule + " | [") != std::string::npos);
    CHECK(RunRoutelint({"rules", rule}).out.rfind("# " + rule + " ", 0) == 0);
  }
}

TEST_CASE("show-source prints the source line with a caret under the column", "[e2e][cli]") {
  RunResult r = RunRoutelint({"check", "--show-source", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(r.out.find("hub.json:89:9: error: ") != std::string::npos);
  CHECK(r.out.find("  89 |         \"disableBgpRoutePropagation\": true\n"
                   "     |         ^\n") != std::string::npos);
}

TEST_CASE("quiet prints the problems only", "[e2e][cli]") {
  RunResult r = RunRoutelint({"check", "--quiet", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(r.out.find("[RL001 firewall-subnet-propagation-disabled]") != std::string::npos);
  CHECK(r.out.find("2 findings") == std::string::npos);
  RunResult clean = RunRoutelint({"check", "-q", "testdata/examples/blue-green"});
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("verbose says which files were skipped and why, and the stage times", "[e2e][cli]") {
  RunResult r = RunRoutelint({"check", "-v", "testdata/examples/blue-green", "testdata/policy/EXPECT.md"});
  CHECK(r.err.find("routelint: skipped testdata/examples/blue-green/green/hub.parameters.json: parameters file of "
                   "testdata/examples/blue-green/green/hub.json\n") != std::string::npos);
  CHECK(r.err.find("routelint: skipped testdata/policy/EXPECT.md: ") != std::string::npos);
  CHECK(r.err.find(" parse ") != std::string::npos);
  CHECK(r.err.find(" rules ") != std::string::npos);
}

}  // namespace
}  // namespace routelint::testing

namespace routelint::testing {
namespace {

TEST_CASE("the bgp-routes option reads the Format-Table text of Get-AzExpressRouteCircuitRouteTable", "[e2e][cli]") {
  // With its CSV export, RL022's estate learned only half of 192.168.20.0/24;
  // the PowerShell table learned all of it, and 192.168.1.0/24 too.
  const std::string config = "testdata/rules/RL022/fire/.routelint.toml";
  const RunResult csv = RunRoutelint({"check", "-c", config, "testdata/rules/RL022/fire"});
  CHECK(csv.status == 1);
  CHECK(csv.out.find("[RL022 onprem-prefix-not-learned]") != std::string::npos);
  const RunResult table = RunRoutelint(
      {"check", "-c", config, "--bgp-routes", "testdata/learned-routes/ps-table.txt", "testdata/rules/RL022/fire"});
  CHECK(table.status == 0);
  CHECK(table.out == "no findings in 9 files\n");  // no RL022, and no RL902 about the table

  // The learned routes reach the hub's firewall subnet; Azure's own rows
  // (AS path 65515: 10.1.0.0/16) do not.
  const RunResult routes = RunRoutelint({"routes", "--subnet", "vnet-hub-blue/AzureFirewallSubnet", "--bgp-routes",
                                         "testdata/learned-routes/ps-table.txt", "testdata/examples/blue-green"});
  CHECK(routes.status == 0);
  const auto learned = [&routes](const std::string& prefix) {
    const size_t at = routes.out.find(" " + prefix + " ");
    if (at == std::string::npos) return false;
    const size_t end = routes.out.find('\n', at);
    return routes.out.substr(at, end - at).find("BGP (learned from on-premises)") != std::string::npos;
  };
  CHECK(learned("192.168.20.0/24"));
  CHECK(learned("172.16.0.8/30"));
  CHECK(learned("10.10.10.1/32"));
  CHECK_FALSE(learned("10.1.0.0/16"));
}

}  // namespace
}  // namespace routelint::testing

// Every rule's fixture pair: the estates under testdata/rules/<ID>/fire*/
// must make the rule fire, those under silent*/ must not.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "cli/config.h"
#include "cli/lint.h"

namespace routelint {
namespace {

namespace fs = std::filesystem;

// Lints a fixture folder, with its own .routelint.toml when it has one.
LintOutput Lint(const std::string& path) {
  LintOptions options;
  options.paths = {path};
  if (fs::exists(fs::path(path) / ".routelint.toml")) {
    Config config;
    Diagnostic problem;
    REQUIRE(LoadConfig((fs::path(path) / ".routelint.toml").string(), &config, &problem));
    ApplyConfig(config, &options);
  }
  return RunLint(options);
}

int Count(const Report& report, const std::string& rule) {
  int n = 0;
  for (const Finding& f : report.findings) n += f.rule_id == rule;
  return n;
}

bool HasErrorDiagnostic(const Report& report) {
  for (const Diagnostic& d : report.diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

TEST_CASE("every rule has fixtures that fire and fixtures that stay silent", "[e2e][fixtures]") {
  int rules_seen = 0;
  for (const RuleInfo& rule : RuleCatalogue()) {
    fs::path dir;
    for (const auto& entry : fs::directory_iterator("testdata/rules")) {
      if (entry.path().filename().string() == rule.id) dir = entry.path();
    }
    INFO(rule.id);
    REQUIRE(!dir.empty());
    ++rules_seen;
    int fire_folders = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_directory()) continue;
      LintOutput out = Lint(entry.path().string());  // with the folder's .routelint.toml
      INFO(entry.path().string());
      CHECK_FALSE(HasErrorDiagnostic(out.report));
      if (name.rfind("fire", 0) == 0) {
        ++fire_folders;
        CHECK(Count(out.report, rule.id) >= 1);
      } else if (name.rfind("silent", 0) == 0) {
        CHECK(Count(out.report, rule.id) == 0);
      }
    }
    CHECK(fire_folders >= 1);
    CHECK(fs::is_directory(dir / "silent"));
  }
  CHECK(rules_seen == static_cast<int>(RuleCatalogue().size()));
}

TEST_CASE("the correct blue-green estate gives no finding", "[e2e][fixtures]") {
  LintOutput out = Lint("testdata/examples/blue-green");
  CHECK(out.report.findings.empty());
  CHECK_FALSE(HasErrorDiagnostic(out.report));
  CHECK(out.report.stats.templates == 8);
  CHECK(out.report.stats.parameter_files == 1);
  // Roles: two deployments, each a hub with two spokes and one firewall.
  REQUIRE(out.model.deployments.size() == 2);
  for (const Deployment& d : out.model.deployments) {
    CHECK(d.spokes.size() == 2);
    CHECK(d.firewalls.size() == 1);
  }
}

// The next hop of green's route to blue, as the model sees it.
std::string GreenToBlueNextHop(const Model& model) {
  for (const RouteTable& table : model.route_tables) {
    if (table.name != "rt-hub-green-fw") continue;
    for (const Route& route : table.routes) {
      if (route.address_prefix.Or("") == "10.1.0.0/16") return route.next_hop_ip.Or("(absent)");
    }
  }
  return "(no route)";
}

TEST_CASE("the green hub's parameters file decides its route to blue", "[e2e][fixtures]") {
  // Named alone, green/hub.json keeps remoteFirewallIp's empty default;
  // with its parameters file (paired by name) the route points at fw-blue.
  LintOptions options;
  options.paths = {"testdata/examples/blue-green/green/hub.json"};
  CHECK(GreenToBlueNextHop(RunLint(options).model) == "");
  options.paths.push_back("testdata/examples/blue-green/green/hub.parameters.json");
  CHECK(GreenToBlueNextHop(RunLint(options).model) == "10.1.0.4");
  options.paths = {"testdata/examples/blue-green/green/hub.json"};
  options.parameters = {"testdata/examples/blue-green/green/hub.parameters.json"};
  CHECK(GreenToBlueNextHop(RunLint(options).model) == "10.1.0.4");
}

TEST_CASE("two defects in two files are both found, each in its file", "[e2e][fixtures]") {
  LintOutput out = Lint("testdata/examples/two-defects");
  REQUIRE(out.report.findings.size() == 2);
  CHECK(out.report.findings[0].rule_id == "RL002");
  CHECK(out.report.findings[0].location.file == "testdata/examples/two-defects/blue/spoke2.json");
  CHECK(out.report.findings[0].resource_name == "vnet-spoke2-blue/snet-app");
  CHECK(out.report.findings[1].rule_id == "RL001");
  CHECK(out.report.findings[1].location.file == "testdata/examples/two-defects/green/hub.json");
  CHECK(out.report.findings[1].location.line == 89);
  CHECK(out.report.findings[1].resource_name == "rt-hub-green-fw");
}

TEST_CASE("output does not depend on the number of threads", "[e2e]") {
  LintOptions one;
  one.paths = {"testdata"};
  one.jobs = 1;
  LintOptions four = one;
  four.jobs = 4;
  const Report a = RunLint(one).report;
  const Report b = RunLint(four).report;
  CHECK(RenderJson(a) == RenderJson(b));
}

TEST_CASE("a run whose model is not kept reports what a run that keeps it does", "[e2e]") {
  LintOptions kept;
  kept.paths = {"testdata"};
  LintOptions dropped = kept;
  dropped.keep_model = false;
  const LintOutput a = RunLint(kept);
  const LintOutput b = RunLint(dropped);
  CHECK(!a.model.subnets.empty());
  CHECK(b.model.subnets.empty());
  CHECK(b.model.route_tables.empty());
  CHECK(b.model.files == a.model.files);  // what findings and diagnostics name
  CHECK(a.report.findings.size() > 10);
  CHECK(RenderJson(a.report) == RenderJson(b.report));
  CHECK(RenderSarif(a.report) == RenderSarif(b.report));
}

TEST_CASE("output does not depend on the order the files are named in", "[e2e]") {
  LintOptions forward;
  forward.paths = {"testdata/examples/two-defects/blue", "testdata/examples/two-defects/green",
                   "testdata/examples/two-defects/global"};
  LintOptions backward = forward;
  std::reverse(backward.paths.begin(), backward.paths.end());
  backward.jobs = 2;
  const Report a = RunLint(forward).report;
  const Report b = RunLint(backward).report;
  CHECK(a.findings.size() == 2);
  CHECK(RenderJson(a) == RenderJson(b));
  CHECK(RenderSarif(a) == RenderSarif(b));
}

}  // namespace
}  // namespace routelint

namespace routelint {
namespace {

int CountDiagnostics(const Report& report, const std::string& id) {
  int n = 0;
  for (const Diagnostic& d : report.diagnostics) n += d.id == id;
  return n;
}

TEST_CASE("Bicep-compiled estate: modules, loops and outputs give no routing finding when correct", "[e2e][bicep]") {
  LintOutput out = Lint("testdata/bicep/lv1-correct");
  // The routing is correct. The only findings are RL023's: each hub-link
  // module adds its cross-hub route as a child of a route table whose hub
  // module lists its routes inline, so each deployment of a hub module
  // removes that route until the hub-link module runs again (EXPECT.md).
  REQUIRE(out.report.findings.size() == 2);
  CHECK(out.report.findings[0].rule_id == "RL023");
  CHECK(out.report.findings[0].resource_name == "rt-hub-blue-fw/to-green");
  CHECK(out.report.findings[1].rule_id == "RL023");
  CHECK(out.report.findings[1].resource_name == "rt-hub-green-fw/to-blue");
  CHECK(out.report.diagnostics.empty());
  // The spokes' default routes point at the firewall IP the hub module
  // outputs, derived from AzureFirewallSubnet (never written in the template).
  int spoke_defaults = 0;
  for (const RouteTable& table : out.model.route_tables) {
    for (const Route& route : table.routes) {
      if (route.address_prefix.Or("") == "0.0.0.0/0" && route.next_hop_ip.known()) {
        ++spoke_defaults;
        CHECK((route.next_hop_ip.value == "10.1.0.4" || route.next_hop_ip.value == "10.2.0.4"));
      }
    }
  }
  CHECK(spoke_defaults >= 4);
}

TEST_CASE("Bicep-compiled estate: conditions and ternaries decide the findings", "[e2e][bicep]") {
  LintOutput out = Lint("testdata/bicep/lv1-defects");
  CHECK(Count(out.report, "RL003") == 2);
  CHECK(Count(out.report, "RL002") == 3);
  CHECK(out.report.findings.size() == 5);
  for (const Finding& f : out.report.findings) {
    // Reported where the module's source writes the routes; the compiled
    // template's place (EXPECT.md) stays as the last related location.
    const bool rl003 = f.rule_id == "RL003";
    CHECK(f.location.file == (rl003 ? "testdata/bicep/lv1-defects/modules/hub.bicep"
                                     : "testdata/bicep/lv1-defects/modules/spoke.bicep"));
    CHECK(f.location.line == 41);
    REQUIRE_FALSE(f.related.empty());
    CHECK(f.related.back().location.file == "testdata/bicep/lv1-defects/main.json");
    CHECK(f.related.back().message == "the same place in the compiled template");
  }
  CHECK(out.report.diagnostics.empty());
}

TEST_CASE("languageVersion 2.0 estate: the parameters file decides RL001", "[e2e][bicep]") {
  LintOutput with = Lint("testdata/bicep/lv2-params");
  CHECK(Count(with.report, "RL001") == 2);
  CHECK(Count(with.report, "RL023") == 2);  // the cross-hub child routes, as in lv1-correct
  CHECK(with.report.findings.size() == 4);
  // modules/types.bicep is imported, not an entry point of its own (RL902).
  CHECK(with.report.diagnostics.empty());
  LintOptions alone;
  alone.paths = {"testdata/bicep/lv2-params/main.json"};
  LintOutput without = RunLint(alone);
  CHECK(Count(without.report, "RL001") == 0);
  CHECK(CountDiagnostics(without.report, "RL903") == 0);
}

}  // namespace
}  // namespace routelint

namespace routelint {
namespace {

std::string NextHopOf(const Model& model, const std::string& table_name) {
  for (const RouteTable& table : model.route_tables) {
    if (table.name == table_name && !table.routes.empty()) {
      const Route& route = table.routes.front();
      if (route.next_hop_ip.known()) return route.next_hop_ip.value;
      return route.next_hop_ip.unknown() ? "(unknown)" : "(absent)";
    }
  }
  return "(no table)";
}

TEST_CASE("reference() reads a firewall another file declares", "[e2e][crossfile]") {
  LintOutput both = Lint("testdata/crossfile");
  CHECK(NextHopOf(both.model, "rt-spoke-x-app") == "10.7.0.4");
  CHECK(both.report.diagnostics.empty());
  // Alone, the spoke cannot know the address: Unknown, with a note that says why.
  LintOptions alone;
  alone.paths = {"testdata/crossfile/spoke.json"};
  LintOutput spoke = RunLint(alone);
  CHECK(NextHopOf(spoke.model, "rt-spoke-x-app") == "(unknown)");
  REQUIRE(spoke.report.diagnostics.size() == 1);
  CHECK(spoke.report.diagnostics[0].id == "RL900");
  CHECK(spoke.report.diagnostics[0].message.find("no input file declares") != std::string::npos);
}

TEST_CASE("reference() reads another file's firewall whichever of the two is read first, on any number of threads", "[e2e][crossfile]") {
  // Files are read in path order: testdata/crossfile reads the hub first (its
  // body is freed before the spoke asks for it, and the hub is evaluated
  // again); here the spoke comes first (the hub's body is kept from then on).
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "routelint-crossfile-order";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file("testdata/crossfile/spoke.json", dir / "a-spoke.json");
  std::filesystem::copy_file("testdata/crossfile/hub.json", dir / "b-hub.json");
  for (const std::string& path : {std::string("testdata/crossfile"), dir.string()}) {
    for (int jobs : {1, 2}) {
      LintOptions options;
      options.paths = {path};
      options.jobs = jobs;
      const LintOutput out = RunLint(options);
      INFO(path << " -j" << jobs);
      CHECK(NextHopOf(out.model, "rt-spoke-x-app") == "10.7.0.4");
      CHECK(out.report.diagnostics.empty());
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace routelint

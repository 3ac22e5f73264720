// Live estates end to end: the two-defects estate as `az network ... list`
// and as `az graph query` print it gives the findings of its templates; a new
// spoke template joins an export of the hubs it will be peered with; broken
// exports give diagnostics, not crashes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/lint.h"
#include "test_support.h"

namespace routelint {
namespace {

namespace fs = std::filesystem;

LintOutput Lint(std::vector<std::string> paths) {
  LintOptions options;
  options.paths = std::move(paths);
  return RunLint(options);
}

std::set<std::pair<std::string, std::string>> RulesAndResources(const Report& report) {
  std::set<std::pair<std::string, std::string>> out;
  for (const Finding& f : report.findings) out.insert({f.rule_id, f.resource_name});
  return out;
}

std::string DiagnosticsText(const Report& report) {
  std::string text;
  for (const Diagnostic& d : report.diagnostics) {
    text += d.id + " " + d.location.file + ":" + std::to_string(d.location.line) + " " + d.message + "\n";
  }
  return text;
}

bool HasError(const Report& report) {
  return std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const Finding* FindingOf(const Report& report, const std::string& rule) {
  for (const Finding& f : report.findings) {
    if (f.rule_id == rule) return &f;
  }
  return nullptr;
}

// The same estate, deployed: the model must hold the same network.
void CheckSameNetwork(const Model& deployed, const Model& declared) {
  CHECK(deployed.vnets.size() == declared.vnets.size());
  CHECK(deployed.subnets.size() == declared.subnets.size());
  CHECK(deployed.route_tables.size() == declared.route_tables.size());
  CHECK(deployed.peerings.size() == declared.peerings.size());
  CHECK(deployed.firewalls.size() == declared.firewalls.size());
  CHECK(deployed.gateways.size() == declared.gateways.size());
  CHECK(deployed.local_gateways.size() == declared.local_gateways.size());
  CHECK(deployed.connections.size() == declared.connections.size());
  for (const Peering& p : deployed.peerings) {
    INFO(p.id);
    CHECK(p.remote_vnet != kNone);
  }
  for (const Firewall& f : deployed.firewalls) {
    INFO(f.name);
    CHECK(f.private_ip.known());
    CHECK(f.subnet != kNone);
  }
  for (const VirtualNetworkGateway& g : deployed.gateways) CHECK(g.vnet != kNone);
  for (const Connection& c : deployed.connections) {
    CHECK(c.gateway1 != kNone);
    CHECK(c.local_gateway != kNone);
  }
  REQUIRE(deployed.deployments.size() == 2);
  for (const Deployment& d : deployed.deployments) {
    CHECK(d.spokes.size() == 2);
    CHECK(d.firewalls.size() == 1);
  }
}

TEST_CASE("the az list export of two-defects gives the findings of its templates", "[live][e2e]") {
  const LintOutput templates = Lint({"testdata/examples/two-defects"});
  const LintOutput live = Lint({"testdata/live/two-defects-az"});
  INFO(DiagnosticsText(live.report));
  CHECK_FALSE(HasError(live.report));
  CHECK(live.report.diagnostics.empty());
  REQUIRE(templates.report.findings.size() == 2);
  CHECK(RulesAndResources(live.report) == RulesAndResources(templates.report));
  CHECK(live.report.stats.exports == 8);
  CHECK(live.report.stats.templates == 0);
  CheckSameNetwork(live.model, templates.model);
  // The VM's NIC is in the estate, and is no appliance.
  CHECK(live.model.nics.size() == 1);

  // Findings point at the export's text, through az's flattened properties.
  const Finding* rl001 = FindingOf(live.report, "RL001");
  REQUIRE(rl001 != nullptr);
  CHECK(rl001->location.file == "testdata/live/two-defects-az/route-table-list.json");
  const std::vector<std::string> tables = Lines(rl001->location.file);
  REQUIRE(rl001->location.line > 0);
  REQUIRE(rl001->location.line <= static_cast<int>(tables.size()));
  CHECK(tables[rl001->location.line - 1].find("\"disableBgpRoutePropagation\": true") != std::string::npos);
  for (const RelatedLocation& r : rl001->related) {
    INFO(r.message);
    CHECK(r.location.file.rfind("testdata/live/two-defects-az/", 0) == 0);
    CHECK(r.location.line > 0);
  }

  const Finding* rl002 = FindingOf(live.report, "RL002");
  REQUIRE(rl002 != nullptr);
  CHECK(rl002->resource_name == "vnet-spoke2-blue/snet-app");
  CHECK(rl002->location.file == "testdata/live/two-defects-az/vnet-list.json");
  // The subnet's own object, not its VNet: az sorts keys, so the subnet's
  // addressPrefix comes first.
  const std::vector<std::string> vnets = Lines(rl002->location.file);
  REQUIRE(rl002->location.line > 0);
  REQUIRE(rl002->location.line < static_cast<int>(vnets.size()));
  CHECK(vnets[rl002->location.line - 1].find_first_not_of(' ') == vnets[rl002->location.line - 1].find('{'));
  CHECK(vnets[rl002->location.line].find("\"addressPrefix\": \"10.1.8.0/24\"") != std::string::npos);
}

TEST_CASE("the Resource Graph export of two-defects gives the findings of its templates", "[live][e2e]") {
  const LintOutput templates = Lint({"testdata/examples/two-defects"});
  const LintOutput live = Lint({"testdata/live/two-defects-graph"});
  INFO(DiagnosticsText(live.report));
  // Public IPs and the firewall policy are left out without a word.
  CHECK(live.report.diagnostics.empty());
  CHECK(RulesAndResources(live.report) == RulesAndResources(templates.report));
  CHECK(live.report.stats.exports == 1);
  CheckSameNetwork(live.model, templates.model);

  const Finding* rl001 = FindingOf(live.report, "RL001");
  REQUIRE(rl001 != nullptr);
  CHECK(rl001->location.file == "testdata/live/two-defects-graph/network.json");
  const std::vector<std::string> lines = Lines(rl001->location.file);
  REQUIRE(rl001->location.line > 0);
  CHECK(lines[rl001->location.line - 1].find("\"disableBgpRoutePropagation\": true") != std::string::npos);
}

TEST_CASE("a new spoke template joins the export of its hubs and misses a hub route", "[live][e2e]") {
  // Alone, the spoke knows no hub: its firewall address (read with
  // reference()) stays unknown (an RL900 note) and it is nobody's spoke.
  const LintOutput alone = Lint({"testdata/live/new-spoke/spoke5-blue.json"});
  CHECK(alone.report.findings.empty());
  CHECK(alone.model.deployments.empty());
  REQUIRE(alone.report.diagnostics.size() == 1);
  CHECK(alone.report.diagnostics[0].id == "RL900");

  const LintOutput joined = Lint({"testdata/live/new-spoke/spoke5-blue.json", "testdata/live/hubs-graph"});
  INFO(DiagnosticsText(joined.report));
  CHECK_FALSE(HasError(joined.report));
  CHECK(joined.report.diagnostics.empty());  // the firewall's address is known now
  // The deployed hub's GatewaySubnet has no route for the new spoke yet:
  // replies from on-premises come back around the firewall.
  REQUIRE(joined.report.findings.size() == 1);
  const Finding& f = joined.report.findings[0];
  CHECK(f.rule_id == "RL018");
  CHECK(f.resource_name == "vnet-spoke5-blue/snet-app");
  CHECK(f.location.file == "testdata/live/new-spoke/spoke5-blue.json");
  CHECK(f.message.find("10.1.12.0/22 → VirtualAppliance 10.1.0.4") != std::string::npos);
  REQUIRE(f.flow.size() == 3);
  CHECK(f.flow[1].location.file == "testdata/live/hubs-graph/hubs.json");  // fw-blue, deployed
  CHECK(f.flow[2].location.file == "testdata/live/hubs-graph/hubs.json");  // vgw-hub-blue, deployed
  CHECK(joined.report.stats.templates == 1);
  CHECK(joined.report.stats.exports == 1);
  // The spoke is a spoke of the deployed Blue hub, and its default route
  // goes to the deployed firewall's address, read from the export.
  bool found = false;
  for (const Deployment& d : joined.model.deployments) {
    if (joined.model.vnets[d.hub].name != "vnet-hub-blue") continue;
    for (ObjectIndex s : d.spokes) found = found || joined.model.vnets[s].name == "vnet-spoke5-blue";
  }
  CHECK(found);
  bool routed = false;
  for (const RouteTable& t : joined.model.route_tables) {
    if (t.name != "rt-spoke5-blue-app") continue;
    REQUIRE(t.routes.size() == 1);
    REQUIRE(t.routes[0].next_hop_address.has_value());
    routed = t.routes[0].next_hop_address->ToString() == "10.1.0.4";
  }
  CHECK(routed);
}

TEST_CASE("a new spoke pointing at the wrong hub firewall is found only with the hubs' export", "[live][e2e]") {
  CHECK(Lint({"testdata/live/new-spoke/spoke6-blue.json"}).report.findings.empty());

  const LintOutput joined = Lint({"testdata/live/new-spoke/spoke6-blue.json", "testdata/live/hubs-graph"});
  INFO(DiagnosticsText(joined.report));
  REQUIRE(joined.report.findings.size() == 1);
  const Finding& f = joined.report.findings[0];
  CHECK(f.rule_id == "RL005");
  CHECK(f.resource_name == "rt-spoke6-blue-app/default-to-fw");
  CHECK(f.location.file == "testdata/live/new-spoke/spoke6-blue.json");
  CHECK(f.message.find("fw-green") != std::string::npos);
  CHECK(f.message.find("fw-blue (10.1.0.4)") != std::string::npos);
  // The hub firewall it should use is the deployed one, in the export.
  REQUIRE(f.related.size() == 1);
  CHECK(f.related[0].location.file == "testdata/live/hubs-graph/hubs.json");
  CHECK(f.related[0].location.line > 0);
}

TEST_CASE("broken exports give diagnostics at their place, and the rest is still linted", "[live][e2e]") {
  const fs::path dir = fs::temp_directory_path() / ("routelint-live-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream(dir / "vnets.json") << R"([
  {
    "id": "/subscriptions/3f2b8c71-5d4e-4a9b-8c6f-1e7d2a9b4c05/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-a",
    "name": "vnet-a",
    "type": "Microsoft.Network/virtualNetworks",
    "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]},
    "subnets": [
      {"addressPrefix": "10.50.1.0/24"}
    ]
  },
  "not a resource",
  {"name": "half", "type": "Microsoft.Network/virtualNetworks"}
]
)";
    std::ofstream(dir / "paged.json") << R"({"count": 1, "data": [
  {"id": "/subscriptions/3f2b8c71-5d4e-4a9b-8c6f-1e7d2a9b4c05/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt",
   "name": "rt", "type": "microsoft.network/routetables", "properties": {"routes": []}}
], "skip_token": "ew0KICAiJGlkIjogIjEi", "total_records": 1200}
)";
    std::ofstream(dir / "truncated.json") << R"([{"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",)";
  }
  const LintOutput out = Lint({dir.string()});
  const std::string text = DiagnosticsText(out.report);
  INFO(text);
  auto at = [&](const std::string& file, int line) {
    return std::any_of(out.report.diagnostics.begin(), out.report.diagnostics.end(), [&](const Diagnostic& d) {
      return d.location.file == (dir / file).string() && d.location.line == line;
    });
  };
  CHECK(at("vnets.json", 8));   // the subnet without a name
  CHECK(at("vnets.json", 11));  // the string
  CHECK(at("vnets.json", 12));  // no id
  CHECK(at("paged.json", 4));   // skip_token: one page of 1200
  CHECK(text.find("RL901") != std::string::npos);  // truncated.json does not parse
  CHECK(out.report.stats.exports == 2);
  CHECK(out.model.vnets.size() == 1);
  CHECK(out.model.route_tables.size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("the command line lints exports and counts them", "[live][e2e][cli]") {
  using testing::RunRoutelint;
  testing::RunResult json = RunRoutelint({"check", "-f", "json", "testdata/live/two-defects-az"});
  CHECK(json.status == 1);
  const auto document = nlohmann::json::parse(json.out);
  CHECK(document["summary"]["exports"] == 8);
  CHECK(document["summary"]["templates"] == 0);
  CHECK(document["findings"].size() == 2);

  testing::RunResult routes =
      RunRoutelint({"routes", "--subnet", "vnet-spoke1-blue/snet-app", "testdata/live/two-defects-graph"});
  INFO(routes.out << routes.err);
  CHECK(routes.status == 0);
  CHECK(routes.out.find("10.1.0.4") != std::string::npos);
}

}  // namespace
}  // namespace routelint

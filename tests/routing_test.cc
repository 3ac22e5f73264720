// The routing engine against Microsoft's worked example (azure-routing.md
// Appendix A) and the seed articles' scenarios, and the routes/trace
// commands end to end.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/lint.h"
#include "route/effective_routes.h"
#include "route/trace.h"
#include "test_support.h"

namespace routelint {
namespace {

LintOutput Lint(const std::string& path) {
  LintOptions options;
  options.paths = {path};
  return RunLint(options);
}

ObjectIndex SubnetNamed(const Model& model, const std::string& vnet, const std::string& subnet) {
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    const Subnet& x = model.subnets[s];
    if (x.name == subnet && x.vnet != kNone && model.vnets[x.vnet].name == vnet) return static_cast<ObjectIndex>(s);
  }
  FAIL("no subnet " << vnet << "/" << subnet);
  return kNone;
}

// "Source|State|prefix|next hop|ip|name" per route, in the table's order.
std::vector<std::string> Rows(const EffectiveRouteTable& table) {
  std::vector<std::string> rows;
  for (const EffectiveRoute& r : table.routes) {
    rows.push_back(std::string(RouteSourceName(r.source)) + "|" + (r.active ? "Active" : "Invalid") + "|" + r.PrefixText() + "|" +
                   std::string(NextHopTypeName(r.next_hop)) + "|" + (r.next_hop_ip ? r.next_hop_ip->ToString() : "") + "|" +
                   std::string(r.UserRouteName()));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST_CASE("Microsoft's routing example: Subnet1's effective routes, state included", "[route]") {
  LintOutput out = Lint("testdata/routing/microsoft-example");
  RoutingEngine engine(out.model, {});
  const EffectiveRouteTable& table = engine.RoutesOf(SubnetNamed(out.model, "Virtual-network-1", "Subnet1"));
  // Appendix A, rows 1-12 (row 10: the Storage service endpoint).
  std::vector<std::string> expected = {
      "Default|Invalid|10.0.0.0/16|Virtual network||",
      "User|Active|10.0.0.0/16|Virtual appliance|10.0.100.4|Within-VNet1",
      "User|Active|10.0.0.0/24|Virtual network||Within-Subnet1",
      "Default|Invalid|10.1.0.0/16|VNet peering||",
      "Default|Invalid|10.2.0.0/16|VNet peering||",
      "User|Active|10.1.0.0/16|None||ToVNet2-1-Drop",
      "User|Active|10.2.0.0/16|None||ToVNet2-2-Drop",
      "Virtual network gateway|Invalid|10.10.0.0/16|Virtual network gateway||",
      "User|Active|10.10.0.0/16|Virtual appliance|10.0.100.4|To-On-Prem",
      "Default|Active|Microsoft.Storage (service endpoint prefixes)|VirtualNetworkServiceEndpoint||",
      "Default|Invalid|0.0.0.0/0|Internet||",
      "User|Active|0.0.0.0/0|Virtual appliance|10.0.100.4|Default-NVA",
  };
  std::sort(expected.begin(), expected.end());
  CHECK(Rows(table) == expected);
  // The reserved None routes are gone: the 0.0.0.0/0 user route removed them.
  CHECK(table.Lookup(*IpAddress::Parse("192.168.5.5", nullptr))->UserRouteName() == "Default-NVA");
  CHECK(table.Lookup(*IpAddress::Parse("10.0.0.7", nullptr))->UserRouteName() == "Within-Subnet1");
  CHECK(table.Lookup(*IpAddress::Parse("10.0.3.7", nullptr))->UserRouteName() == "Within-VNet1");
}

TEST_CASE("Microsoft's routing example: Subnet2 has only default routes, all active", "[route]") {
  LintOutput out = Lint("testdata/routing/microsoft-example");
  RoutingEngine engine(out.model, {});
  const EffectiveRouteTable& table = engine.RoutesOf(SubnetNamed(out.model, "Virtual-network-1", "Subnet2"));
  std::vector<std::string> expected = {
      "Default|Active|10.0.0.0/16|Virtual network||",
      "Default|Active|10.1.0.0/16|VNet peering||",
      "Default|Active|10.2.0.0/16|VNet peering||",
      "Virtual network gateway|Active|10.10.0.0/16|Virtual network gateway||",
      "Default|Active|0.0.0.0/0|Internet||",
      "Default|Active|10.0.0.0/8|None||",
      "Default|Active|100.64.0.0/10|None||",
      "Default|Active|192.168.0.0/16|None||",
      // The current page lists 172.16.0.0/12 too (azure-routing.md §1.1).
      "Default|Active|172.16.0.0/12|None||",
  };
  std::sort(expected.begin(), expected.end());
  CHECK(Rows(table) == expected);
}

TEST_CASE("subnets with the same VNet and route table share one computation", "[route]") {
  LintOutput out = Lint("testdata/routing/microsoft-example");
  RoutingEngine engine(out.model, {});
  const EffectiveRouteTable& a = engine.RoutesOf(SubnetNamed(out.model, "Virtual-network-1", "Subnet2"));
  const EffectiveRouteTable& b = engine.RoutesOf(SubnetNamed(out.model, "Virtual-network-1", "Subnet3"));
  CHECK(&a == &b);
}

std::vector<std::string> FirewallNames(const Model& model, const TraceResult& t) {
  std::vector<std::string> names;
  for (ObjectIndex f : t.firewalls) names.push_back(model.firewalls[f].name);
  return names;
}

IpAddress Ip(const char* text) { return *IpAddress::Parse(text, nullptr); }

TEST_CASE("seed: spoke 1 reaches spoke 4 through the blue and the green firewall, and back", "[route][trace]") {
  LintOutput out = Lint("testdata/examples/blue-green");
  RoutingEngine engine(out.model, {});
  const TraceResult t = Trace(engine, SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app"), Ip("10.2.12.4"));
  CHECK(t.outcome == TraceOutcome::kDelivered);
  CHECK(SubnetDisplayName(out.model, t.delivered_subnet) == "vnet-spoke4-green/snet-app");
  CHECK(FirewallNames(out.model, t) == std::vector<std::string>{"fw-blue", "fw-green"});
  REQUIRE(t.hops.size() == 3);
  CHECK(TraceHopText(out.model, t, 0) == "vnet-spoke1-blue/snet-app");
  CHECK(TraceHopText(out.model, t, 1) == "firewall fw-blue (10.1.0.4) in vnet-hub-blue/AzureFirewallSubnet");
  CHECK(TraceOutcomeText(out.model, t) == "delivered to vnet-spoke4-green/snet-app");
  const TraceResult back = ReturnPath(engine, t);
  CHECK(back.outcome == TraceOutcome::kDelivered);
  CHECK(FirewallNames(out.model, back) == std::vector<std::string>{"fw-green", "fw-blue"});
  CHECK(TraceOutcomeText(out.model, TraceResult{}).empty());  // nothing traced, nothing to say
}

TEST_CASE("seed: without the supernet route the blue firewall cannot reach green's spokes", "[route][trace]") {
  LintOutput out = Lint("testdata/rules/RL003/fire");
  RoutingEngine engine(out.model, {});
  const TraceResult t = Trace(engine, SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app"), Ip("10.2.12.4"));
  // Past fw-blue, 10.2.12.4 matches only the reserved 10.0.0.0/8 → None
  // (the firewall subnet's 0.0.0.0/0 goes to the Internet): lost.
  CHECK(FirewallNames(out.model, t) == std::vector<std::string>{"fw-blue"});
  CHECK(t.outcome == TraceOutcome::kDropped);
  REQUIRE(t.hops.size() == 2);
  CHECK(t.hops.back().route.PrefixText() == "10.0.0.0/8");
  CHECK(TraceOutcomeText(out.model, t) == "dropped by 10.0.0.0/8 → None (Default)");
}

TEST_CASE("seed: a firewall subnet that disables propagation sends on-premises traffic to the Internet", "[route][trace]") {
  LintOutput correct = Lint("testdata/examples/blue-green");
  RoutingEngine good(correct.model, {});
  const TraceResult ok = Trace(good, SubnetNamed(correct.model, "vnet-spoke3-green", "snet-app"), Ip("192.168.1.10"));
  CHECK(ok.outcome == TraceOutcome::kOnPremises);
  CHECK(FirewallNames(correct.model, ok) == std::vector<std::string>{"fw-green"});

  LintOutput broken = Lint("testdata/examples/two-defects");
  RoutingEngine bad(broken.model, {});
  const TraceResult lost = Trace(bad, SubnetNamed(broken.model, "vnet-spoke3-green", "snet-app"), Ip("192.168.1.10"));
  // The seed simplifies this to "send to Internet"; the firewall subnet's
  // 0.0.0.0/0 → Internet user route keeps Azure's reserved 192.168.0.0/16 →
  // None route (only a 0/0 route to an appliance or gateway removes it), so
  // the packet is dropped there. Lost either way, never on-premises.
  CHECK(lost.outcome == TraceOutcome::kDropped);
  CHECK(lost.hops.back().route.PrefixText() == "192.168.0.0/16");
  CHECK(FirewallNames(broken.model, lost) == std::vector<std::string>{"fw-green"});
}

TEST_CASE("seed: a spoke that keeps propagation bypasses its firewall to on-premises", "[route][trace]") {
  LintOutput out = Lint("testdata/routing/spoke-propagation-enabled");
  RoutingEngine engine(out.model, {});
  const ObjectIndex spoke = SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app");
  const EffectiveRoute* chosen = engine.RoutesOf(spoke).Lookup(Ip("192.168.1.10"));
  REQUIRE(chosen != nullptr);
  CHECK(chosen->PrefixText() == "192.168.1.0/24");  // the propagated /24 beats the 0.0.0.0/0 user route
  CHECK(chosen->source == RouteSource::kGateway);
  const TraceResult t = Trace(engine, spoke, Ip("192.168.1.10"));
  CHECK(t.outcome == TraceOutcome::kOnPremises);
  CHECK(t.firewalls.empty());
  CHECK(TraceOutcomeText(out.model, t) == "sent on-premises through gateway " + out.model.gateways[t.exit_gateway].name);
  const TraceResult back = ReturnPath(engine, t);
  CHECK(FirewallNames(out.model, back) == std::vector<std::string>{"fw-blue"});  // asymmetric
  CHECK(TraceHopText(out.model, back, 0) == "gateway " + out.model.gateways[t.exit_gateway].name + " (from on-premises)");
}

TEST_CASE("seed: a shared ExpressRoute circuit joins the hubs without peering or supernet routes", "[route][trace]") {
  LintOutput out = Lint("testdata/routing/shared-expressroute");
  CHECK(out.report.findings.empty());
  RoutingEngine engine(out.model, {});
  const TraceResult t = Trace(engine, SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app"), Ip("10.2.12.4"));
  CHECK(t.outcome == TraceOutcome::kDelivered);
  CHECK(SubnetDisplayName(out.model, t.delivered_subnet) == "vnet-spoke4-green/snet-app");
  CHECK(FirewallNames(out.model, t) == std::vector<std::string>{"fw-blue", "fw-green"});
  // Blue firewall → blue gateway → circuit → green gateway → green firewall.
  REQUIRE(t.hops.size() == 4);
  CHECK(t.hops[2].kind == TraceHop::Kind::kGateway);
  CHECK(out.model.gateways[t.hops[2].gateway].name == "vgw-hub-green");
  CHECK(TraceHopText(out.model, t, 2).rfind("gateway vgw-hub-blue → gateway vgw-hub-green (", 0) == 0);
}

TEST_CASE("seed: a GatewaySubnet without routes to the firewall returns traffic around it", "[route][trace]") {
  LintOutput out = Lint("testdata/routing/gateway-subnet-asymmetric");
  RoutingEngine engine(out.model, {});
  const TraceResult t = Trace(engine, SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app"), Ip("192.168.1.10"));
  CHECK(t.outcome == TraceOutcome::kOnPremises);
  CHECK(FirewallNames(out.model, t) == std::vector<std::string>{"fw-blue"});
  const TraceResult back = ReturnPath(engine, t);
  CHECK(back.outcome == TraceOutcome::kDelivered);
  CHECK(back.firewalls.empty());
}

TEST_CASE("trace: every way a trace ends is said in words", "[route][trace]") {
  LintOutput out = Lint("testdata/examples/blue-green");
  RoutingEngine engine(out.model, {});
  const ObjectIndex spoke = SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app");
  TraceResult t = Trace(engine, spoke, Ip("10.2.12.4"));
  const std::string destination = "10.2.12.4";
  auto said = [&](TraceStop stop, ObjectIndex at = kNone) {
    t.stop = stop;
    t.stop_at = at;
    return TraceOutcomeText(out.model, t);
  };
  CHECK(said(TraceStop::kSubnetNotInEstate) == "the subnet of this hop is not in the estate");
  CHECK(said(TraceStop::kRoutesIncomplete, spoke) == "routes of vnet-spoke1-blue/snet-app are not all known");
  CHECK(said(TraceStop::kNoRoute, spoke) == "no route in vnet-spoke1-blue/snet-app");
  CHECK(said(TraceStop::kNoSubnetContains, out.model.subnets[spoke].vnet) == "no subnet of vnet-spoke1-blue contains " + destination);
  CHECK(said(TraceStop::kInternet) == "left to the Internet");
  CHECK(said(TraceStop::kServiceEndpoint) == "delivered to the service endpoint");
  CHECK(said(TraceStop::kNextHopUnknown) == "the next hop is unknown before deployment");
  CHECK(said(TraceStop::kApplianceAddressUnknown) == "the appliance address is unknown");
  CHECK(said(TraceStop::kBackAtFirewall, t.firewalls.front()) == "back at fw-blue");
  CHECK(said(TraceStop::kNoGateway) == "no virtual network gateway for this route");
  CHECK(said(TraceStop::kBackAtGateway, 0) == "back at " + out.model.gateways[0].name);
  CHECK(said(TraceStop::kTooManyHops) == "more than 32 hops");
  // The last hop's route: fw-green's, to green's spoke over the peering.
  CHECK(said(TraceStop::kNoneRoute) == "dropped by 10.2.12.0/22 → VNet peering (Default)");
  t.hops.resize(1);  // the spoke's own hop: its default route names fw-blue's address
  CHECK(said(TraceStop::kNoApplianceAt) == "no firewall or IP-forwarding NIC answers at 10.1.0.4");
}

TEST_CASE("routes command: Microsoft's example as text, csv and json (golden)", "[route][cli]") {
  using testing::MatchesGolden;
  using testing::RunRoutelint;
  for (const char* format : {"text", "csv", "json"}) {
    INFO(format);
    testing::RunResult r = RunRoutelint({"routes", "--subnet", "Virtual-network-1/Subnet1", "-f", format,
                                         "testdata/routing/microsoft-example"});
    CHECK(r.status == 0);
    CHECK(MatchesGolden(std::string("tests/golden/route/microsoft-subnet1.") + format, r.out));
  }
  CHECK(RunRoutelint({"routes", "--subnet", "nope/nope", "testdata/routing/microsoft-example"}).status == 2);
  CHECK(RunRoutelint({"routes", "testdata/routing/microsoft-example"}).status == 2);
}

TEST_CASE("trace command: the seed's walk-through (golden)", "[route][cli]") {
  using testing::MatchesGolden;
  using testing::RunRoutelint;
  testing::RunResult text = RunRoutelint({"trace", "--from", "vnet-spoke1-blue/snet-app", "--to", "10.2.12.4",
                                          "testdata/examples/blue-green"});
  CHECK(text.status == 0);
  CHECK(MatchesGolden("tests/golden/route/trace-spoke1-spoke4.txt", text.out));
  testing::RunResult json = RunRoutelint({"trace", "--from", "vnet-spoke1-blue/snet-app", "--to", "10.2.12.4", "-f", "json",
                                          "testdata/examples/blue-green"});
  CHECK(json.status == 0);
  CHECK(MatchesGolden("tests/golden/route/trace-spoke1-spoke4.json", json.out));
  CHECK(RunRoutelint({"trace", "--from", "vnet-spoke1-blue/snet-app", "--to", "10.2.300.4", "testdata/examples/blue-green"})
            .status == 2);
}

}  // namespace
}  // namespace routelint

namespace routelint {
namespace {

TEST_CASE("routes learned over BGP reach the gateway's VNet and transit spokes, not Azure's own", "[route]") {
  LintOptions options;
  options.paths = {"testdata/examples/blue-green"};
  options.bgp_routes = "testdata/learned-routes/portal.csv";
  LintOutput out = RunLint(options);
  // Rows announced by the gateways themselves (AS path 65515) are VNet ranges.
  for (const Prefix& p : out.learned.prefixes) CHECK(p.ToString() != "10.1.0.0/16");
  RoutingEngine engine(out.model, out.learned);
  const EffectiveRoute* firewall = engine.RoutesOf(SubnetNamed(out.model, "vnet-hub-blue", "AzureFirewallSubnet"))
                                       .Lookup(Ip("192.168.10.20"));
  REQUIRE(firewall != nullptr);
  CHECK(firewall->source == RouteSource::kGateway);
  CHECK(firewall->LearnedFrom() == "BGP (learned from on-premises)");
  // The spoke disables propagation: it sends the same traffic to its firewall.
  const EffectiveRoute* spoke = engine.RoutesOf(SubnetNamed(out.model, "vnet-spoke1-blue", "snet-app")).Lookup(Ip("192.168.10.20"));
  REQUIRE(spoke != nullptr);
  CHECK(spoke->UserRouteName() == "default-to-fw");
}

}  // namespace
}  // namespace routelint

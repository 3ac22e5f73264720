// Tests for RL023 over models built from small inline templates: which
// declarations it flags, what the message says, where the finding points.
#include "rules/rl023_child_declared_inline_and_separately.h"

#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "rules/rule_test_support.h"

namespace routelint {
namespace {

std::vector<PendingFinding> Check(std::string_view template_text) {
  return rule_testing::Run(ChildDeclaredInlineAndSeparately(), rule_testing::ModelOf(Json::parse(template_text)));
}

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A hub with an Azure Firewall at 10.0.0.4 and a spoke route table that
// sends 0.0.0.0/0 to it; `extra` adds resources after them (index 3 on).
std::string Estate(std::string_view vnet_properties, std::string_view extra) {
  return std::string(R"({"resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
     "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                    "subnets": [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.0.0.0/26"}}]}},
    {"type": "Microsoft.Network/azureFirewalls", "name": "fw-hub",
     "properties": {"ipConfigurations": [{"name": "c", "properties": {"subnet": {"id":
       "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"}}}]}},
    {"type": "Microsoft.Network/routeTables", "name": "rt-spoke",
     "properties": {"routes": [{"name": "default-to-fw", "properties": {"addressPrefix": "0.0.0.0/0",
                    "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4"}}]}},
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-spoke",
     "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]})") +
         std::string(vnet_properties) + "}}" + std::string(extra) + "]}";
}

const char* const kChildApp = R"(,
    {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-spoke/snet-app",
     "properties": {"addressPrefix": "10.1.0.0/24",
                    "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]"}}})";

TEST_CASE("RL023: a child subnet missing from the VNet's inline subnets is deleted by the VNet's deployment", "[RL023]") {
  const auto findings = Check(Estate(R"(, "subnets": [{"name": "snet-data", "properties": {"addressPrefix": "10.1.1.0/24"}}])",
                                     kChildApp));
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0].finding;
  CHECK(f.rule_id == "RL023");
  CHECK(f.severity == Severity::kError);
  CHECK(f.resource_type == "Microsoft.Network/virtualNetworks/subnets");
  CHECK(f.resource_name == "vnet-spoke/snet-app");
  CHECK(findings[0].origin.pointer == "/resources/4");  // the child resource
  INFO(f.message);
  CHECK(Contains(f.message, "vnet-spoke also lists its subnets inline (properties.subnets) without snet-app"));
  CHECK(Contains(f.message, "Azure deletes snet-app"));
  CHECK(Contains(f.message, "InUseSubnetCannotBeDeleted"));
  CHECK(Contains(f.message, "add snet-app to its subnets array and remove the child resource"));
  REQUIRE(findings[0].related.size() == 1);
  CHECK(findings[0].related[0].origin.pointer == "/resources/3/properties/subnets");
}

TEST_CASE("RL023: an empty inline subnets list deletes every child subnet", "[RL023]") {
  const auto findings = Check(Estate(R"(, "subnets": [])", kChildApp));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].finding.resource_name == "vnet-spoke/snet-app");
}

TEST_CASE("RL023: the correct patterns stay silent", "[RL023]") {
  // No subnets property: the child subnets are the only declaration.
  CHECK(Check(Estate("", kChildApp)).empty());
  // Only inline.
  CHECK(Check(Estate(R"(, "subnets": [{"name": "snet-app", "properties": {"addressPrefix": "10.1.0.0/24"}}])", "")).empty());
  // A child subnet of a VNet that no input declares (an existing one).
  CHECK(Check(R"({"resources": [{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-x/snet",
                  "properties": {"addressPrefix": "10.9.0.0/24"}}]})")
            .empty());
}

TEST_CASE("RL023: unknown lists and conditions stay silent", "[RL023]") {
  // The inline list comes from a parameter with no value.
  std::string text = Estate(R"(, "subnets": "[parameters('subnets')]")", kChildApp);
  text.insert(1, R"("parameters": {"subnets": {"type": "array"}}, )");
  CHECK(Check(text).empty());
  // The child subnet's condition cannot be decided.
  text = Estate(R"(, "subnets": [])", R"(,
    {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-spoke/snet-app", "condition": "[parameters('deploy')]",
     "properties": {"addressPrefix": "10.1.0.0/24"}})");
  text.insert(1, R"("parameters": {"deploy": {"type": "bool"}}, )");
  CHECK(Check(text).empty());
  // An inline entry's name is unknown: the child may be in the list.
  text = Estate(R"(, "subnets": [{"name": "[parameters('name')]", "properties": {"addressPrefix": "10.1.0.0/24"}}])", kChildApp);
  text.insert(1, R"("parameters": {"name": {"type": "string"}}, )");
  CHECK(Check(text).empty());
}

TEST_CASE("RL023: a subnet declared both ways whose child sets the route table loses it to the VNet's deployment", "[RL023]") {
  const auto findings = Check(Estate(R"(, "subnets": [{"name": "snet-app", "properties": {"addressPrefix": "10.1.0.0/24"}}])",
                                     kChildApp));
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0].finding;
  INFO(f.message);
  CHECK(findings[0].origin.pointer == "/resources/4");
  CHECK(Contains(f.message, "subnet vnet-spoke/snet-app is declared twice"));
  CHECK(Contains(f.message, "they disagree on the route table (inline: none, child resource: rt-spoke)"));
  CHECK(Contains(f.message, "takes the subnet's 0.0.0.0/0 traffic away from the firewall fw-hub (10.0.0.4)"));
  CHECK(Contains(f.message, "keep snet-app in its subnets array and remove the child resource"));
  REQUIRE(findings[0].related.size() == 1);
  CHECK(findings[0].related[0].origin.pointer == "/resources/3/properties/subnets/0");
}

TEST_CASE("RL023: a subnet declared twice alike is still flagged, and says so", "[RL023]") {
  const auto findings = Check(Estate(R"(, "subnets": [{"name": "snet-app", "properties": {"addressPrefix": "10.1.0.0/24",
      "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]"}}}])",
                                     kChildApp));
  REQUIRE(findings.size() == 1);
  INFO(findings[0].finding.message);
  CHECK(Contains(findings[0].finding.message, "today both associate route table rt-spoke"));
}

TEST_CASE("RL023: a child route missing from the table's inline routes is removed by the table's deployment", "[RL023]") {
  const auto findings = Check(Estate("", R"(,
    {"type": "Microsoft.Network/routeTables/routes", "name": "rt-spoke/to-onprem",
     "properties": {"addressPrefix": "192.168.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4"}})"));
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0].finding;
  INFO(f.message);
  CHECK(f.resource_type == "Microsoft.Network/routeTables/routes");
  CHECK(f.resource_name == "rt-spoke/to-onprem");
  CHECK(Contains(f.resource_id, "/routetables/rt-spoke/routes/to-onprem"));
  CHECK(findings[0].origin.pointer == "/resources/4");
  CHECK(Contains(f.message, "(192.168.0.0/16 → VirtualAppliance 10.0.0.4)"));
  CHECK(Contains(f.message, "removes to-onprem, so traffic for 192.168.0.0/16 from the subnets using rt-spoke no longer "
                            "goes to the firewall fw-hub (10.0.0.4) but follows default-to-fw (0.0.0.0/0 → "
                            "VirtualAppliance 10.0.0.4), to the same appliance, until the child resource is deployed again"));
  REQUIRE(findings[0].related.size() == 1);
  CHECK(findings[0].related[0].origin.pointer == "/resources/2/properties/routes");
}

TEST_CASE("RL023: the message says where the traffic of a removed route goes instead", "[RL023]") {
  // A hub firewall subnet's table: without the cross-hub route, the other
  // deployment's traffic follows 0.0.0.0/0 to the Internet.
  auto findings = Check(R"({"resources": [
    {"type": "Microsoft.Network/routeTables", "name": "rt-hub-fw", "properties": {"routes": [
      {"name": "default-internet", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}}]}},
    {"type": "Microsoft.Network/routeTables/routes", "name": "rt-hub-fw/to-other-hub", "properties": {
      "addressPrefix": "10.2.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.2.0.4"}}]})");
  REQUIRE(findings.size() == 1);
  INFO(findings[0].finding.message);
  CHECK(Contains(findings[0].finding.message, "no longer goes to the appliance at 10.2.0.4 but follows default-internet "
                                              "(0.0.0.0/0 → Internet) until"));
  // An empty inline list: the system routes.
  findings = Check(R"({"resources": [
    {"type": "Microsoft.Network/routeTables", "name": "rt-spoke", "properties": {"routes": []}},
    {"type": "Microsoft.Network/routeTables/routes", "name": "rt-spoke/default-to-fw", "properties": {
      "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4"}}]})");
  REQUIRE(findings.size() == 1);
  INFO(findings[0].finding.message);
  CHECK(Contains(findings[0].finding.message, "but follows the system routes, bypassing it, until"));
}

TEST_CASE("RL023: a route declared both ways that disagrees says how", "[RL023]") {
  const auto findings = Check(Estate("", R"(,
    {"type": "Microsoft.Network/routeTables/routes", "name": "rt-spoke/Default-To-Fw",
     "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}})"));
  REQUIRE(findings.size() == 1);
  INFO(findings[0].finding.message);
  CHECK(Contains(findings[0].finding.message,
                 "they disagree (inline: 0.0.0.0/0 → VirtualAppliance 10.0.0.4, child resource: 0.0.0.0/0 → Internet)"));
  CHECK(findings[0].related[0].origin.pointer == "/resources/2/properties/routes/0");
}

TEST_CASE("RL023: child routes of a table without a routes property stay silent", "[RL023]") {
  CHECK(Check(R"({"resources": [
    {"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"disableBgpRoutePropagation": true}},
    {"type": "Microsoft.Network/routeTables/routes", "name": "rt/r", "properties": {"addressPrefix": "0.0.0.0/0",
     "nextHopType": "Internet"}}]})")
            .empty());
}

TEST_CASE("RL023: peerings are flagged only when declared both ways with different settings", "[RL023]") {
  const char* const peer_child = R"(,
    {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "vnet-spoke/to-hub",
     "properties": {"remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"},
                    "allowForwardedTraffic": true}})";
  // Declared twice, allowForwardedTraffic absent (false) inline, true in the child.
  auto findings = Check(Estate(R"(, "virtualNetworkPeerings": [{"name": "to-hub", "properties": {
      "remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"}}}])",
                               peer_child));
  REQUIRE(findings.size() == 1);
  INFO(findings[0].finding.message);
  CHECK(findings[0].finding.resource_name == "vnet-spoke/to-hub");
  CHECK(Contains(findings[0].finding.message, "allowForwardedTraffic: inline false, child resource true"));
  CHECK(Contains(findings[0].finding.message, "traffic that a firewall forwards across the peering is dropped"));
  // Declared twice alike: silent.
  findings = Check(Estate(R"(, "virtualNetworkPeerings": [{"name": "to-hub", "properties": {
      "remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"},
      "allowForwardedTraffic": true}}])",
                          peer_child));
  CHECK(findings.empty());
  // A child peering missing from an inline list: Microsoft documents no deletion, silent.
  CHECK(Check(Estate(R"(, "virtualNetworkPeerings": [])", peer_child)).empty());
}

TEST_CASE("RL023: fingerprints are stable and tell the children apart", "[RL023]") {
  const std::string text = Estate(R"(, "subnets": [])", std::string(kChildApp) + R"(,
    {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-spoke/snet-data",
     "properties": {"addressPrefix": "10.1.1.0/24"}})");
  const auto a = Check(text);
  const auto b = Check(text);
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 2);
  CHECK(a[0].finding.fingerprint == b[0].finding.fingerprint);
  CHECK(a[0].finding.fingerprint != a[1].finding.fingerprint);
}

}  // namespace
}  // namespace routelint

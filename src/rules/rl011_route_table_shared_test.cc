// RL011: which shared route tables couple subnets that need different
// routes, and what the message says happens to the traffic.
#include "rules/rl011_route_table_shared.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "rules/rule_test_support.h"

namespace routelint {
namespace {

using namespace rule_testing;  // Id, ModelOf, Run, Template

// rt-shared, with 0.0.0.0/0 to `hop` (an appliance at 10.1.1.4, or Internet).
Json SharedTable(const std::string& hop) {
  Json route = {{"addressPrefix", "0.0.0.0/0"}, {"nextHopType", hop}};
  if (hop == "VirtualAppliance") route["nextHopIpAddress"] = "10.1.1.4";
  return {{"type", "Microsoft.Network/routeTables"}, {"name", "rt-shared"}, {"location", "westeurope"},
          {"properties", {{"routes", Json::array({Json{{"name", "default"}, {"properties", route}}})}}}};
}

Json Subnet(const std::string& name, const std::string& prefix) {
  return {{"name", name},
          {"properties", {{"addressPrefix", prefix}, {"routeTable", {{"id", Id("Microsoft.Network/routeTables", "rt-shared")}}}}}};
}

Json Vnet(const std::string& name, const std::string& space, const std::vector<Json>& subnets) {
  return {{"type", "Microsoft.Network/virtualNetworks"}, {"name", name}, {"location", "westeurope"},
          {"properties", {{"addressSpace", {{"addressPrefixes", Json::array({space})}}}, {"subnets", subnets}}}};
}

// A network virtual appliance: a NIC with IP forwarding at 10.1.1.4 in snet-nva.
Json Nva() {
  Json config = {{"name", "ipconfig"},
                 {"properties", {{"privateIPAllocationMethod", "Static"}, {"privateIPAddress", "10.1.1.4"},
                                 {"subnet", {{"id", "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-nva')]"}}}}}};
  return {{"type", "Microsoft.Network/networkInterfaces"}, {"name", "nic-nva"}, {"location", "westeurope"},
          {"properties", {{"enableIPForwarding", true}, {"ipConfigurations", Json::array({config})}}}};
}

std::vector<PendingFinding> Check(const std::vector<Json>& resources) {
  return Run(RouteTableShared(), ModelOf(Template(resources)));
}

TEST_CASE("RL011: workload subnets of one VNet may share a table", "[rules][RL011]") {
  const auto findings = Check({SharedTable("VirtualAppliance"),
                               Vnet("vnet-spoke", "10.2.0.0/16", {Subnet("snet-app", "10.2.1.0/24"), Subnet("snet-data", "10.2.2.0/24")})});
  CHECK(findings.empty());
}

TEST_CASE("RL011: a table serving subnets of two VNets is flagged once, with every subnet related", "[rules][RL011]") {
  const auto findings = Check({SharedTable("VirtualAppliance"),
                               Vnet("vnet-spoke1", "10.2.0.0/16", {Subnet("snet-app", "10.2.1.0/24"), Subnet("snet-data", "10.2.2.0/24")}),
                               Vnet("vnet-spoke2", "10.3.0.0/16", {Subnet("snet-app", "10.3.1.0/24")})});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].finding.message.find("3 subnets in 2 VNets") != std::string::npos);
  CHECK(findings[0].related.size() == 3);
}

TEST_CASE("RL011: an appliance's subnet sharing the table its route points at loops the appliance's traffic",
          "[rules][RL011]") {
  const auto findings = Check({SharedTable("VirtualAppliance"), Nva(),
                               Vnet("vnet-hub", "10.1.0.0/16", {Subnet("snet-nva", "10.1.1.0/24"), Subnet("snet-mgmt", "10.1.2.0/24")})});
  REQUIRE(findings.size() == 1);
  const std::string& message = findings[0].finding.message;
  CHECK(message.find("serves vnet-hub/snet-nva") != std::string::npos);
  CHECK(message.find("firewall nic-nva") != std::string::npos);
  CHECK(message.find("sent back into the appliance path and loops") != std::string::npos);
}

TEST_CASE("RL011: GatewaySubnet sharing a table with workload subnets", "[rules][RL011]") {
  const auto findings = Check({SharedTable("VirtualAppliance"),
                               Vnet("vnet-hub", "10.1.0.0/16", {Subnet("GatewaySubnet", "10.1.0.0/27"), Subnet("snet-mgmt", "10.1.2.0/24")})});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].finding.message.find("serves vnet-hub/GatewaySubnet") != std::string::npos);
  CHECK(findings[0].finding.message.find("traffic that arrives from on-premises") != std::string::npos);
}

}  // namespace
}  // namespace routelint

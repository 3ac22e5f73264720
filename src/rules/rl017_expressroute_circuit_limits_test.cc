// RL017: the VNet-link limits table, the geopolitical regions, and the
// rule over circuits and connections.
#include "rules/rl017_expressroute_circuit_limits.h"

#include <string>

#include <catch2/catch.hpp>

#include "rules/rule_test_support.h"

namespace routelint {
namespace {

using rule_testing::Id;
using rule_testing::ModelOf;
using rule_testing::Run;
using rule_testing::Template;

Json Circuit(const std::string& tier, const Json& mbps, const Json& peering_location = "Amsterdam") {
  return {{"type", "Microsoft.Network/expressRouteCircuits"}, {"name", "er"}, {"location", "westeurope"},
          {"sku", {{"name", tier + "_MeteredData"}, {"tier", tier}, {"family", "MeteredData"}}},
          {"properties",
           {{"serviceProviderProperties",
             {{"serviceProviderName", "Equinix"}, {"peeringLocation", peering_location}, {"bandwidthInMbps", mbps}}}}}};
}

// `count` VNets with an ExpressRoute gateway in `region`, each linked to circuit "er".
Json LinkedGateways(int count, const std::string& region = "westeurope") {
  Json resources = Json::array();
  for (int i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    Json gateway_subnet = {{"name", "GatewaySubnet"}, {"properties", {{"addressPrefix", "10." + n + ".0.0/27"}}}};
    resources.push_back({{"type", "Microsoft.Network/virtualNetworks"}, {"name", "vnet" + n}, {"location", region},
                         {"properties",
                          {{"addressSpace", {{"addressPrefixes", Json::array({"10." + n + ".0.0/16"})}}},
                           {"subnets", Json::array({gateway_subnet})}}}});
    Json subnet_ref = {{"id", "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet" + n + "', 'GatewaySubnet')]"}};
    Json config = {{"name", "c"}, {"properties", {{"subnet", subnet_ref}}}};
    resources.push_back({{"type", "Microsoft.Network/virtualNetworkGateways"}, {"name", "vgw" + n}, {"location", region},
                         {"properties", {{"gatewayType", "ExpressRoute"}, {"ipConfigurations", Json::array({config})}}}});
    resources.push_back({{"type", "Microsoft.Network/connections"}, {"name", "conn" + n}, {"location", region},
                         {"properties",
                          {{"connectionType", "ExpressRoute"},
                           {"virtualNetworkGateway1", {{"id", Id("Microsoft.Network/virtualNetworkGateways", "vgw" + n)}}},
                           {"peer", {{"id", Id("Microsoft.Network/expressRouteCircuits", "er")}}}}}});
  }
  return resources;
}

Json With(Json circuit, Json others) {
  others.push_back(std::move(circuit));
  return Template(std::move(others));
}

size_t Findings(const Json& tmpl) { return Run(ExpressRouteCircuitLimits(), ModelOf(tmpl)).size(); }

}  // namespace

TEST_CASE("VNet links per circuit follow Microsoft's limits table", "[rules][RL017]") {
  CHECK(VnetLinkLimit("Standard", 50) == 10);
  CHECK(VnetLinkLimit("Standard", 10000) == 10);
  CHECK(VnetLinkLimit("Local", 1000) == 10);
  CHECK(VnetLinkLimit("standard", std::nullopt) == 10);  // the bandwidth does not matter
  CHECK(VnetLinkLimit("Premium", 50) == 20);
  CHECK(VnetLinkLimit("Premium", 100) == 25);
  CHECK(VnetLinkLimit("Premium", 200) == 25);
  CHECK(VnetLinkLimit("Premium", 500) == 40);
  CHECK(VnetLinkLimit("Premium", 1000) == 50);
  CHECK(VnetLinkLimit("Premium", 2000) == 60);
  CHECK(VnetLinkLimit("Premium", 5000) == 75);
  CHECK(VnetLinkLimit("Premium", 10000) == 100);
  CHECK(VnetLinkLimit("Premium", 40000) == 100);
  CHECK(VnetLinkLimit("Premium", 100000) == 100);
  CHECK_FALSE(VnetLinkLimit("Premium", 20000));  // not in the table
  CHECK_FALSE(VnetLinkLimit("Premium", std::nullopt));
  CHECK_FALSE(VnetLinkLimit("Basic", 1000));
  CHECK_FALSE(VnetLinkLimit("", 1000));
}

TEST_CASE("Azure regions and peering locations map to geopolitical regions", "[rules][RL017]") {
  CHECK(GeopoliticalRegionOfAzureRegion("westeurope") == "Europe");
  CHECK(GeopoliticalRegionOfAzureRegion("West Europe") == "Europe");
  CHECK(GeopoliticalRegionOfAzureRegion("eastus2") == "North America");
  CHECK(GeopoliticalRegionOfAzureRegion("East US 2") == "North America");
  CHECK(GeopoliticalRegionOfAzureRegion("australiaeast") == "Oceania");
  CHECK(GeopoliticalRegionOfAzureRegion("australiacentral") == "Australia Government");
  CHECK(GeopoliticalRegionOfAzureRegion("centralindia") == "India");
  CHECK(GeopoliticalRegionOfAzureRegion("spaincentral").empty());  // not in the table
  CHECK(GeopoliticalRegionOfAzureRegion("{location}").empty());
  CHECK(GeopoliticalRegionOfPeeringLocation("Amsterdam") == "Europe");
  CHECK(GeopoliticalRegionOfPeeringLocation("amsterdam2") == "Europe");
  CHECK(GeopoliticalRegionOfPeeringLocation("Silicon Valley") == "North America");
  CHECK(GeopoliticalRegionOfPeeringLocation("SiliconValley2") == "North America");
  CHECK(GeopoliticalRegionOfPeeringLocation("Newport(Wales)") == "Europe");
  CHECK(GeopoliticalRegionOfPeeringLocation("Sydney") == "Oceania");
  CHECK(GeopoliticalRegionOfPeeringLocation("Atlantis").empty());
}

TEST_CASE("more VNet links than the circuit allows", "[rules][RL017]") {
  CHECK(Findings(With(Circuit("Standard", 1000), LinkedGateways(10))) == 0);
  const Model model = ModelOf(With(Circuit("Standard", 1000), LinkedGateways(11)));
  const std::vector<PendingFinding> findings = Run(ExpressRouteCircuitLimits(), model);
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0].finding;
  CHECK(f.resource_type == "Microsoft.Network/expressRouteCircuits");
  CHECK(f.resource_name == "er");
  CHECK(f.message.find("ExpressRoute circuit er (Standard, 1 Gbps) has 11 virtual network links (11 ExpressRoute "
                       "gateway connections); Azure allows 10") != std::string::npos);
  CHECK(f.message.find("Upgrade er to Premium (sku tier Premium, up to 50 links at 1 Gbps)") != std::string::npos);
  CHECK(findings[0].related.size() == 11);
  // Premium: by bandwidth.
  CHECK(Findings(With(Circuit("Premium", 1000), LinkedGateways(11))) == 0);
  CHECK(Findings(With(Circuit("Premium", 50), LinkedGateways(20))) == 0);
  CHECK(Findings(With(Circuit("Premium", 50), LinkedGateways(21))) == 1);
  CHECK(Findings(With(Circuit("Premium", 20000), LinkedGateways(21))) == 0);  // limit unknown
  // The tier unknown: silent.
  Json unknown_tier = Circuit("Standard", 1000);
  unknown_tier["sku"]["tier"] = "[parameters('tier')]";
  Json tmpl = With(unknown_tier, LinkedGateways(11));
  tmpl["parameters"] = {{"tier", {{"type", "string"}}}};
  CHECK(Findings(tmpl) == 0);
}

TEST_CASE("Global Reach connections count as links, conditional connections do not", "[rules][RL017]") {
  Json resources = LinkedGateways(10);
  resources.push_back({{"type", "Microsoft.Network/expressRouteCircuits/peerings/connections"},
                       {"name", "er/AzurePrivatePeering/gr-to-er2"},
                       {"properties",
                        {{"addressPrefix", "192.168.255.0/29"},
                         {"peerExpressRouteCircuitPeering",
                          {{"id", "[resourceId('Microsoft.Network/expressRouteCircuits/peerings', 'er2', 'AzurePrivatePeering')]"}}}}}});
  const Model model = ModelOf(With(Circuit("Standard", 1000), resources));
  REQUIRE(model.circuits.size() == 1);
  CHECK(model.circuits[0].global_reach.size() == 1);
  const std::vector<PendingFinding> findings = Run(ExpressRouteCircuitLimits(), model);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].finding.message.find("11 virtual network links (10 ExpressRoute gateway connections and 1 Global "
                                         "Reach connection)") != std::string::npos);

  Json conditional = LinkedGateways(11);
  conditional[32]["condition"] = "[parameters('link11')]";  // conn11
  REQUIRE(conditional[32]["name"] == "conn11");
  Json tmpl = With(Circuit("Standard", 1000), conditional);
  tmpl["parameters"] = {{"link11", {{"type", "bool"}}}};
  CHECK(Findings(tmpl) == 0);
}

TEST_CASE("a circuit without Premium linked across geopolitical regions", "[rules][RL017]") {
  const Model model = ModelOf(With(Circuit("Standard", 1000, "Silicon Valley"), LinkedGateways(1, "westeurope")));
  const std::vector<PendingFinding> findings = Run(ExpressRouteCircuitLimits(), model);
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0].finding;
  CHECK(f.resource_type == "Microsoft.Network/connections");
  CHECK(f.resource_name == "conn1");
  CHECK(f.message.find("connection conn1 links gateway vgw1 of vnet1 in westeurope (Europe) to ExpressRoute circuit er "
                       "at peering location Silicon Valley (North America), a Standard circuit") != std::string::npos);
  CHECK(f.message.find("Upgrade er to Premium") != std::string::npos);
  CHECK(findings[0].related.size() == 2);

  CHECK(Findings(With(Circuit("Local", 1000, "Silicon Valley"), LinkedGateways(1, "westeurope"))) == 1);
  CHECK(Findings(With(Circuit("Premium", 1000, "Silicon Valley"), LinkedGateways(1, "westeurope"))) == 0);
  CHECK(Findings(With(Circuit("Standard", 1000, "Amsterdam"), LinkedGateways(1, "West Europe"))) == 0);
  // Unlisted region, unknown peering location, placeholder region: silent.
  CHECK(Findings(With(Circuit("Standard", 1000, "Silicon Valley"), LinkedGateways(1, "spaincentral"))) == 0);
  CHECK(Findings(With(Circuit("Standard", 1000, "Silicon Valley"), LinkedGateways(1, "[resourceGroup().location]"))) == 0);
  Json tmpl = With(Circuit("Standard", 1000, "[parameters('where')]"), LinkedGateways(1, "westeurope"));
  tmpl["parameters"] = {{"where", {{"type", "string"}}}};
  CHECK(Findings(tmpl) == 0);
}

TEST_CASE("connections to circuits outside the estate are not judged", "[rules][RL017]") {
  Json resources = LinkedGateways(11);
  const Model model = ModelOf(Template(resources));  // no circuit "er"
  CHECK(model.circuits.empty());
  for (const Connection& c : model.connections) CHECK(c.circuit == kNone);
  CHECK(Run(ExpressRouteCircuitLimits(), model).empty());
}

TEST_CASE("a Direct circuit's bandwidth and peering location come from the circuit and its port", "[rules][RL017]") {
  Json port = {{"type", "Microsoft.Network/ExpressRoutePorts"}, {"name", "port-ams"}, {"location", "westeurope"},
               {"properties", {{"peeringLocation", "Equinix-Amsterdam-AM5"}, {"bandwidthInGbps", 10}}}};
  Json circuit = {{"type", "Microsoft.Network/expressRouteCircuits"}, {"name", "er"}, {"location", "westeurope"},
                  {"sku", {{"name", "Premium_MeteredData"}, {"tier", "Premium"}, {"family", "MeteredData"}}},
                  {"properties",
                   {{"expressRoutePort", {{"id", Id("Microsoft.Network/ExpressRoutePorts", "port-ams")}}}, {"bandwidthInGbps", 5}}}};
  Json resources = LinkedGateways(76);
  resources.push_back(port);
  const Model model = ModelOf(With(circuit, resources));
  REQUIRE(model.circuits.size() == 1);
  CHECK(model.circuits[0].bandwidth_mbps.Or(0) == 5000);
  CHECK(model.circuits[0].peering_location.Or("") == "Equinix-Amsterdam-AM5");
  const std::vector<PendingFinding> findings = Run(ExpressRouteCircuitLimits(), model);
  REQUIRE(findings.size() == 1);  // 76 > 75
  CHECK(findings[0].finding.message.find("(Premium, 5 Gbps) has 76 virtual network links") != std::string::npos);
}

}  // namespace routelint

// Tests for reading exports of live estates: which documents are exports,
// az's flattened objects back in template shape, Resource Graph rows, what
// the model makes of them, and diagnostics (never crashes) for the rest.
#include "live/live_export.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "model/builder.h"

namespace routelint {
namespace {

constexpr const char* kSub = "/subscriptions/3f2b8c71-5d4e-4a9b-8c6f-1e7d2a9b4c05/resourceGroups/";

std::string Id(const std::string& rg, const std::string& rest) {
  return kSub + rg + "/providers/Microsoft.Network/" + rest;
}

// `az network vnet list`: one VNet, properties flattened at every level.
Json AzVnet() {
  const std::string vnet = Id("rg-hub", "virtualNetworks/vnet-hub");
  return Json{
      {"addressSpace", {{"addressPrefixes", {"10.1.0.0/22"}}}},
      {"ddosProtectionPlan", nullptr},
      {"id", vnet},
      {"location", "westeurope"},
      {"name", "vnet-hub"},
      {"resourceGroup", "rg-hub"},
      {"type", "Microsoft.Network/virtualNetworks"},
      {"subnets",
       {{{"addressPrefix", "10.1.0.0/26"},
         {"addressPrefixes", nullptr},
         {"delegations", {{{"id", vnet + "/subnets/snet-sql/delegations/d"}, {"name", "d"},
                           {"serviceName", "Microsoft.Sql/managedInstances"}}}},
         {"id", vnet + "/subnets/AzureFirewallSubnet"},
         {"ipConfigurations", {{{"id", Id("rg-hub", "azureFirewalls/fw/azureFirewallIpConfigurations/c")},
                                {"resourceGroup", "rg-hub"}}}},
         {"name", "AzureFirewallSubnet"},
         {"resourceGroup", "rg-hub"},
         {"routeTable", {{"id", Id("rg-hub", "routeTables/rt-fw")}, {"resourceGroup", "rg-hub"}}},
         {"type", "Microsoft.Network/virtualNetworks/subnets"}}}},
      {"virtualNetworkPeerings",
       {{{"allowForwardedTraffic", true},
         {"allowGatewayTransit", true},
         {"id", vnet + "/virtualNetworkPeerings/peer-to-spoke"},
         {"name", "peer-to-spoke"},
         {"peeringState", "Connected"},
         {"remoteVirtualNetwork", {{"id", Id("rg-spoke", "virtualNetworks/vnet-spoke")}, {"resourceGroup", "rg-spoke"}}},
         {"useRemoteGateways", false}}}}};
}

TEST_CASE("which documents are exports of a live estate", "[live]") {
  CHECK(IsLiveExport(Json::array({AzVnet()})));
  CHECK(IsLiveExport(AzVnet()));  // `az network vnet show`
  CHECK(IsLiveExport(Json{{"count", 1}, {"data", {AzVnet()}}, {"skip_token", nullptr}, {"total_records", 1}}));
  CHECK(IsLiveExport(Json{{"value", {AzVnet()}}, {"nextLink", nullptr}}));
  // One resource among other items is enough; the others become diagnostics.
  CHECK(IsLiveExport(Json::array({42, AzVnet()})));

  CHECK_FALSE(IsLiveExport(Json::array()));  // `az ... list` with nothing to list
  CHECK_FALSE(IsLiveExport(Json::parse(R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                                            "id": "/subscriptions/x/providers/Microsoft.Network/virtualNetworks/v", "type": "a/b"})")));
  CHECK_FALSE(IsLiveExport(Json::parse(R"({"value": [{"network": "10.0.0.0/8", "nextHop": "1.2.3.4", "path": "65010"}]})")));
  CHECK_FALSE(IsLiveExport(Json::parse(R"([{"id": "vnet1", "type": "Microsoft.Network/virtualNetworks"}])")));
  CHECK_FALSE(IsLiveExport(Json::parse(R"([{"id": "/subscriptions/s/resourceGroups/rg", "type": "Microsoft.Resources/resourceGroups"}])")));
  CHECK_FALSE(IsLiveExport(Json::parse(R"({"name": "x"})")));
  CHECK_FALSE(IsLiveExport(Json("text")));
}

TEST_CASE("az's flattened VNet becomes the template shape", "[live]") {
  const LiveExport live = ReadLiveExport(Json::array({AzVnet()}));
  CHECK(live.shape == ExportShape::kAzList);
  CHECK(live.flattened);
  CHECK(live.messages.empty());
  REQUIRE(live.resources.size() == 1);
  const ExpandedResource& r = live.resources[0];
  CHECK(r.type == "Microsoft.Network/virtualNetworks");
  CHECK(r.name == "vnet-hub");
  CHECK(r.pointer == "/0");
  CHECK(r.deployed);
  CHECK(r.body["location"] == "westeurope");
  const Json& p = r.body["properties"];
  CHECK(p["addressSpace"]["addressPrefixes"][0] == "10.1.0.0/22");
  CHECK_FALSE(p.contains("ddosProtectionPlan"));  // null: absent, as a template would leave it
  CHECK_FALSE(p.contains("resourceGroup"));
  const Json& subnet = p["subnets"][0];
  CHECK(subnet["name"] == "AzureFirewallSubnet");
  CHECK(subnet["properties"]["addressPrefix"] == "10.1.0.0/26");
  CHECK_FALSE(subnet["properties"].contains("addressPrefixes"));
  CHECK(subnet["properties"]["routeTable"]["id"] == Id("rg-hub", "routeTables/rt-fw"));
  CHECK(subnet["properties"]["delegations"][0]["properties"]["serviceName"] == "Microsoft.Sql/managedInstances");
  // References (no name) stay references.
  CHECK(subnet["properties"]["ipConfigurations"][0].contains("id"));
  CHECK_FALSE(subnet["properties"]["ipConfigurations"][0].contains("properties"));
  const Json& peering = p["virtualNetworkPeerings"][0];
  CHECK(peering["properties"]["allowGatewayTransit"] == true);
  CHECK(peering["properties"]["remoteVirtualNetwork"]["id"] == Id("rg-spoke", "virtualNetworks/vnet-spoke"));
}

TEST_CASE("az's spelling of members becomes ARM's", "[live]") {
  const std::string nic = Id("rg-nva", "networkInterfaces/nic-nva");
  const Json item = {{"enableIpForwarding", true},
                     {"id", nic},
                     {"name", "nic-nva"},
                     {"type", "Microsoft.Network/networkInterfaces"},
                     {"ipConfigurations",
                      {{{"id", nic + "/ipConfigurations/ipconfig1"},
                        {"name", "ipconfig1"},
                        {"privateIpAddress", "10.1.2.4"},
                        {"privateIpAllocationMethod", "Dynamic"},
                        {"subnet", {{"id", Id("rg-nva", "virtualNetworks/v/subnets/nva")}}}}}}};
  const LiveExport live = ReadLiveExport(Json::array({item}));
  REQUIRE(live.resources.size() == 1);
  const Json& p = live.resources[0].body["properties"];
  CHECK(p["enableIPForwarding"] == true);
  CHECK(p["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.1.2.4");
  CHECK(p["ipConfigurations"][0]["properties"]["privateIPAllocationMethod"] == "Dynamic");
}

TEST_CASE("a deployed NIC's dynamic address is known, so an NVA is recognised", "[live]") {
  const std::string vnet = Id("rg", "virtualNetworks/vnet-hub");
  const Json vnet_item = {{"id", vnet},
                          {"name", "vnet-hub"},
                          {"type", "Microsoft.Network/virtualNetworks"},
                          {"addressSpace", {{"addressPrefixes", {"10.9.0.0/16"}}}},
                          {"subnets", {{{"id", vnet + "/subnets/nva"}, {"name", "nva"}, {"addressPrefix", "10.9.1.0/24"}}}}};
  const Json table = {{"id", Id("rg", "routeTables/rt")},
                      {"name", "rt"},
                      {"type", "Microsoft.Network/routeTables"},
                      {"routes", {{{"id", Id("rg", "routeTables/rt/routes/r")}, {"name", "r"}, {"addressPrefix", "0.0.0.0/0"},
                                   {"nextHopType", "VirtualAppliance"}, {"nextHopIpAddress", "10.9.1.4"}}}}};
  const std::string nic = Id("rg", "networkInterfaces/nic-nva");
  const Json nic_item = {{"enableIpForwarding", true},
                         {"id", nic},
                         {"name", "nic-nva"},
                         {"type", "Microsoft.Network/networkInterfaces"},
                         {"ipConfigurations",
                          {{{"id", nic + "/ipConfigurations/c"}, {"name", "c"}, {"privateIpAddress", "10.9.1.4"},
                            {"privateIpAllocationMethod", "Dynamic"}, {"subnet", {{"id", vnet + "/subnets/nva"}}}}}}};
  LiveExport live = ReadLiveExport(Json::array({vnet_item, table, nic_item}));
  REQUIRE(live.resources.size() == 3);
  std::vector<ModelMessage> messages;
  const Model model = BuildModel({"export.json"}, {ExpandedFile{0, std::move(live.resources)}}, &messages);
  REQUIRE(model.nics.size() == 1);
  REQUIRE(model.nics[0].ip_configs.size() == 1);
  CHECK(model.nics[0].ip_configs[0].private_ip.known());
  CHECK(model.nics[0].enable_ip_forwarding.Or(false));
  REQUIRE(model.firewalls.size() == 1);
  CHECK(model.firewalls[0].kind == Firewall::Kind::kNetworkVirtualAppliance);
  CHECK(model.firewalls[0].subnet != kNone);
}

TEST_CASE("Resource Graph rows keep their properties, types take ARM's spelling", "[live]") {
  Json row = AzVnet();  // reshaped below as Resource Graph prints it
  Json graph_row = {{"id", row["id"]},
                    {"name", "vnet-hub"},
                    {"type", "microsoft.network/virtualnetworks"},
                    {"resourceGroup", "rg-hub"},
                    {"subscriptionId", "3f2b8c71-5d4e-4a9b-8c6f-1e7d2a9b4c05"},
                    {"sku", nullptr},
                    {"properties",
                     {{"addressSpace", {{"addressPrefixes", {"10.1.0.0/22"}}}},
                      {"subnets", {{{"name", "snet"}, {"id", row["id"].get<std::string>() + "/subnets/snet"},
                                    {"properties", {{"addressPrefix", "10.1.1.0/24"}}}}}}}}};
  const Json pip = {{"id", Id("rg-hub", "publicIPAddresses/pip")}, {"name", "pip"},
                    {"type", "microsoft.network/publicipaddresses"}, {"properties", Json::object()}};
  const Json circuit = {{"id", Id("rg-hub", "expressRouteCircuits/er")}, {"name", "er"},
                        {"type", "microsoft.network/expressroutecircuits"}, {"properties", Json::object()}};
  const LiveExport live = ReadLiveExport(
      Json{{"count", 3}, {"data", {pip, graph_row, circuit}}, {"skip_token", nullptr}, {"total_records", 3}});
  CHECK(live.shape == ExportShape::kResourceGraph);
  CHECK_FALSE(live.flattened);
  CHECK(live.messages.empty());
  CHECK(live.unused == 1);  // the public IP: nothing the model reads
  REQUIRE(live.resources.size() == 2);
  CHECK(live.resources[1].type == "Microsoft.Network/expressRouteCircuits");
  const ExpandedResource& r = live.resources[0];
  CHECK(r.type == "Microsoft.Network/virtualNetworks");
  CHECK(r.pointer == "/data/1");
  CHECK(r.body["properties"]["subnets"][0]["properties"]["addressPrefix"] == "10.1.1.0/24");
  CHECK_FALSE(r.body.contains("sku"));  // null

  // The same rows as older az versions print them: a bare array.
  const LiveExport bare = ReadLiveExport(Json::array({graph_row}));
  CHECK(bare.shape == ExportShape::kResourceGraph);
  REQUIRE(bare.resources.size() == 1);
  CHECK(bare.resources[0].pointer == "/0");
}

TEST_CASE("az's ExpressRoute circuit keeps its sku beside the properties", "[live]") {
  // `az network express-route list`: flattened, sku at the top as in ARM.
  const Json circuit = {{"id", Id("rg-er", "expressRouteCircuits/er-ams")},
                        {"name", "er-ams"},
                        {"type", "Microsoft.Network/expressRouteCircuits"},
                        {"location", "westeurope"},
                        {"sku", {{"family", "MeteredData"}, {"name", "Standard_MeteredData"}, {"tier", "Standard"}}},
                        {"serviceProviderProperties",
                         {{"bandwidthInMbps", 1000}, {"peeringLocation", "Amsterdam"}, {"serviceProviderName", "Equinix"}}},
                        {"provisioningState", "Succeeded"}};
  const LiveExport live = ReadLiveExport(Json::array({circuit}));
  REQUIRE(live.resources.size() == 1);
  const Json& body = live.resources[0].body;
  CHECK(body["sku"]["tier"] == "Standard");
  CHECK(body["properties"]["serviceProviderProperties"]["peeringLocation"] == "Amsterdam");
  CHECK(body["properties"]["serviceProviderProperties"]["bandwidthInMbps"] == 1000);
}

TEST_CASE("a paged export says that resources are missing", "[live]") {
  const Json row = {{"id", Id("rg", "routeTables/rt")}, {"name", "rt"}, {"type", "microsoft.network/routetables"},
                    {"properties", Json::object()}};
  const LiveExport graph = ReadLiveExport(Json{{"count", 1}, {"data", {row}}, {"skip_token", "ew0KICAiJGlkIjogIjEi"},
                                               {"total_records", 2400}});
  REQUIRE(graph.messages.size() == 1);
  CHECK(graph.messages[0].pointer == "/skip_token");
  CHECK(graph.messages[0].message.find("2400") != std::string::npos);
  const LiveExport rest = ReadLiveExport(Json{{"value", {row}}, {"nextLink", "https://management.azure.com/next"}});
  CHECK(rest.shape == ExportShape::kRestList);
  REQUIRE(rest.messages.size() == 1);
  CHECK(rest.messages[0].pointer == "/nextLink");
  CHECK(rest.resources.size() == 1);
}

TEST_CASE("child resources listed on their own get their parent in their name", "[live]") {
  // `az network vnet subnet list` and `az network route-table route list`.
  const Json subnet = {{"id", Id("rg", "virtualNetworks/vnet-a/subnets/snet-app")}, {"name", "snet-app"},
                       {"type", "Microsoft.Network/virtualNetworks/subnets"}, {"addressPrefix", "10.0.1.0/24"}};
  const Json route = {{"id", Id("rg", "routeTables/rt/routes/default")}, {"name", "default"},
                      {"type", "Microsoft.Network/routeTables/routes"}, {"addressPrefix", "0.0.0.0/0"},
                      {"nextHopType", "Internet"}};
  const LiveExport live = ReadLiveExport(Json::array({subnet, route}));
  REQUIRE(live.resources.size() == 2);
  CHECK(live.resources[0].name == "vnet-a/snet-app");
  CHECK(live.resources[0].body["properties"]["addressPrefix"] == "10.0.1.0/24");
  CHECK(live.resources[1].name == "rt/default");
  CHECK(live.resources[1].body["properties"]["nextHopType"] == "Internet");
}

TEST_CASE("items that are no Azure resource become warnings with their place", "[live]") {
  Json vnet = AzVnet();
  vnet["subnets"] = Json::array({Json{{"addressPrefix", "10.1.0.0/26"}}, 7});  // no name; not an object
  Json bad_peerings = AzVnet();
  bad_peerings["id"] = Id("rg-hub", "virtualNetworks/vnet-two");
  bad_peerings["virtualNetworkPeerings"] = "peer-to-spoke";
  const Json items = Json::array({
      42,                                                                           // /0
      Json{{"name", "x"}},                                                          // /1 no id, no type
      Json{{"id", "vnet1"}, {"type", "Microsoft.Network/virtualNetworks"}},         // /2 not an ARM id
      Json{{"id", Id("rg", "routeTables/rt")}, {"type", "Microsoft.Network/virtualNetworks"}},  // /3 mismatch
      Json{{"id", kSub + std::string("rg/providers/Microsoft.Network/virtualNetworks")},
           {"type", "Microsoft.Network/virtualNetworks"}},                          // /4 no name in the id
      vnet,                                                                         // /5
      bad_peerings,                                                                 // /6
      nullptr,                                                                      // /7
  });
  REQUIRE(IsLiveExport(items));
  const LiveExport live = ReadLiveExport(items);
  std::vector<std::string> pointers;
  for (const LiveMessage& m : live.messages) {
    INFO(m.pointer << ": " << m.message);
    CHECK(m.severity == Severity::kWarning);
    CHECK_FALSE(m.message.empty());
    pointers.push_back(m.pointer);
  }
  CHECK(pointers == std::vector<std::string>{"/0", "/1", "/2", "/3", "/4", "/5/subnets/0", "/5/subnets/1",
                                             "/6/virtualNetworkPeerings", "/7"});
  // The readable resources are still read.
  CHECK(live.resources.size() == 2);
}

TEST_CASE("a Resource Graph row without properties cannot be read", "[live]") {
  const Json row = {{"id", Id("rg", "virtualNetworks/v")}, {"name", "v"}, {"type", "microsoft.network/virtualnetworks"}};
  const LiveExport live = ReadLiveExport(Json{{"count", 1}, {"data", {row}}, {"total_records", 1}});
  REQUIRE(live.messages.size() == 1);
  CHECK(live.messages[0].pointer == "/data/0");
  CHECK(live.resources.empty());
}

TEST_CASE("hostile values in an export are read without crashing", "[live]") {
  const Json items = Json::parse(R"([
    {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
     "type": "Microsoft.Network/virtualNetworks", "name": 5, "properties": "flat",
     "addressSpace": {"addressPrefixes": [1, null, "not-a-prefix"]}, "subnets": {"a": 1}},
    {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt",
     "type": "Microsoft.Network/routeTables", "routes": [{"name": {"x": 1}, "id": [], "nextHopType": 3}]},
    {"id": "/subscriptions/s/resourceGroups/rg/providers//virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks"},
    {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw/",
     "type": "Microsoft.Network/azureFirewalls", "ipConfigurations": [null, {"privateIpAddress": 7}]}
  ])");
  const LiveExport live = ReadLiveExport(items);
  std::vector<ModelMessage> messages;
  const std::vector<ExpandedFile> files{ExpandedFile{0, live.resources}};
  const Model model = BuildModel({"export.json"}, files, &messages);
  CHECK(model.vnets.size() == 1);
  CHECK_FALSE(live.messages.empty());
}

TEST_CASE("pointers into az's flattened text lose their properties steps", "[live]") {
  CHECK(FlattenedPointer("/3/properties/subnets/0/properties/routeTable") == "/3/subnets/0/routeTable");
  CHECK(FlattenedPointer("/3") == "/3");
  CHECK(FlattenedPointer("") == "");
  CHECK(FlattenedPointer("/properties") == "");
  CHECK(FlattenedPointer("/0/properties/disableBgpRoutePropagation") == "/0/disableBgpRoutePropagation");
  CHECK(FlattenedPointer("/0/propertiesX/y") == "/0/propertiesX/y");
}

}  // namespace
}  // namespace routelint

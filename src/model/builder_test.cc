// Tests for BuildModel over files expanded from small inline templates:
// joining across files, child and inline subnets, references, derived
// firewall addresses, NVAs, roles and conflicting declarations.
#include "model/builder.h"

#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

ExpandedFile From(uint32_t file, std::string_view template_text, const DeploymentContext& deployment = {}) {
  const Json tmpl = Json::parse(template_text);
  EvalSession session;
  ExpandResult expanded = ExpandTemplate(tmpl, nullptr, deployment, {}, session);
  // The inputs are valid templates: expansion reports no template error.
  for (const ExpandMessage& m : expanded.messages) {
    INFO("expand " << m.id << " " << m.pointer << ": " << m.message);
    CHECK(m.id != "RL903");
  }
  return ExpandedFile{file, std::move(expanded.resources)};
}

struct Built {
  Model model;
  std::vector<ModelMessage> messages;
  std::string log;  // the messages as text, for INFO()
};

Built Build(const std::vector<ExpandedFile>& inputs) {
  Built b;
  std::vector<std::string> files;
  for (size_t i = 0; i < inputs.size(); ++i) files.push_back("file" + std::to_string(i) + ".json");
  b.model = BuildModel(files, inputs, &b.messages);
  for (const ModelMessage& m : b.messages) b.log += m.id + " " + m.origin.pointer + ": " + m.message + "\n";
  return b;
}

ObjectIndex VnetNamed(const Model& m, std::string_view name) {
  for (size_t i = 0; i < m.vnets.size(); ++i) {
    if (m.vnets[i].name == name) return static_cast<ObjectIndex>(i);
  }
  return kNone;
}

ObjectIndex SubnetNamed(const Model& m, std::string_view name) {
  for (size_t i = 0; i < m.subnets.size(); ++i) {
    if (m.subnets[i].name == name) return static_cast<ObjectIndex>(i);
  }
  return kNone;
}

Prefix P(std::string_view text) {
  std::string error;
  auto prefix = Prefix::Parse(text, &error);
  REQUIRE(prefix.has_value());
  return *prefix;
}

IpAddress Ip(std::string_view text) {
  std::string error;
  auto ip = IpAddress::Parse(text, &error);
  REQUIRE(ip.has_value());
  return *ip;
}

size_t CountMessages(const std::vector<ModelMessage>& messages, std::string_view id) {
  size_t n = 0;
  for (const ModelMessage& m : messages) n += m.id == id;
  return n;
}

// ------------------------------------------------------------ a hub and a spoke in three files

const char* const kHub = R"({
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
     "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
                    "subnets": [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.1.0.0/26"}}]}},
    {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-hub/snet-shared",
     "properties": {"addressPrefix": "10.1.1.0/24"}},
    {"type": "Microsoft.Network/azureFirewalls", "name": "fw-hub",
     "properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": {
        "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"},
        "publicIPAddress": {"id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-fw')]"}}}]}},
    {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "vnet-hub/hub-to-spoke",
     "properties": {"remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-spoke')]"},
                    "allowForwardedTraffic": true, "allowGatewayTransit": false}}
  ]
})";

const char* const kSpoke = R"({
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-spoke",
     "properties": {"addressSpace": {"addressPrefixes": ["10.2.0.0/16"]},
                    "subnets": [{"name": "snet-app", "properties": {"addressPrefix": "10.2.0.0/24",
                                 "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]"}}}],
                    "virtualNetworkPeerings": [{"name": "spoke-to-hub", "properties": {
                        "remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"},
                        "allowForwardedTraffic": "true", "useRemoteGateways": false}}]}}
  ]
})";

const char* const kRoutes = R"({
  "resources": [
    {"type": "Microsoft.Network/routeTables", "name": "rt-spoke",
     "properties": {"disableBgpRoutePropagation": true,
                    "routes": [{"name": "default", "properties": {"addressPrefix": "0.0.0.0/0",
                                "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.1.0.4"}}]}},
    {"type": "Microsoft.Network/routeTables/routes", "name": "rt-spoke/to-storage",
     "properties": {"addressPrefix": "Storage", "nextHopType": "Internet"}}
  ]
})";

TEST_CASE("builder: inline and child subnets merge into one VNet", "[model]") {
  const Built b = Build({From(0, kHub)});
  INFO(b.log);
  const Model& m = b.model;
  CHECK(m.files == std::vector<std::string>{"file0.json"});
  REQUIRE(m.vnets.size() == 1);
  const VirtualNetwork& hub = m.vnets[0];
  CHECK(hub.name == "vnet-hub");
  CHECK(hub.id == "/subscriptions/{subscriptionid}/resourcegroups/{resourcegroup}/providers/"
                  "microsoft.network/virtualnetworks/vnet-hub");
  CHECK(hub.address_space == std::vector<Prefix>{P("10.1.0.0/16")});
  CHECK_FALSE(hub.address_space_unknown);
  REQUIRE(hub.subnets.size() == 2);
  const Subnet& inline_subnet = m.subnets[hub.subnets[0]];
  const Subnet& child_subnet = m.subnets[hub.subnets[1]];
  CHECK(inline_subnet.name == "AzureFirewallSubnet");
  CHECK(inline_subnet.prefixes == std::vector<Prefix>{P("10.1.0.0/26")});
  CHECK(inline_subnet.vnet == 0);
  CHECK(inline_subnet.id == hub.id + "/subnets/azurefirewallsubnet");
  CHECK(inline_subnet.origin.pointer == "/resources/0/properties/subnets/0");
  CHECK(child_subnet.name == "snet-shared");
  CHECK(child_subnet.prefixes == std::vector<Prefix>{P("10.1.1.0/24")});
  CHECK(child_subnet.vnet == 0);
  CHECK(child_subnet.origin.pointer == "/resources/1");
  CHECK(m.FindSubnet(hub.id + "/subnets/snet-shared") == hub.subnets[1]);
}

TEST_CASE("builder: the same subnet declared inline and as a child is one subnet", "[model]") {
  const Built b = Build({From(0, R"({
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-a",
       "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                      "subnets": [{"name": "snet", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
      {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-a/SNET",
       "properties": {"addressPrefix": "10.0.0.0/24"}}
    ]})")});
  REQUIRE(b.model.vnets.size() == 1);
  CHECK(b.model.vnets[0].subnets.size() == 1);
  CHECK(b.model.subnets.size() == 1);
}

TEST_CASE("builder: each subnet, route and peering knows whether it is declared inline, as a child, or both", "[model]") {
  const Built b = Build({From(0, R"({
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-a",
       "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                      "subnets": [{"name": "snet-both", "properties": {"addressPrefix": "10.0.0.0/24"}},
                                  {"name": "snet-inline", "properties": {"addressPrefix": "10.0.1.0/24"}}],
                      "virtualNetworkPeerings": [{"name": "peer-both", "properties": {
                          "remoteVirtualNetwork": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-b"},
                          "allowForwardedTraffic": false}}]},
       "resources": [
         {"type": "subnets", "name": "snet-child", "properties": {"addressPrefix": "10.0.2.0/24"}}]},
      {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-a/SNET-BOTH",
       "properties": {"addressPrefix": "10.0.0.0/24",
                      "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', 'rt')]"}}},
      {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "vnet-a/peer-both",
       "properties": {"remoteVirtualNetwork": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-b"},
                      "allowForwardedTraffic": true}},
      {"type": "Microsoft.Network/routeTables", "name": "rt",
       "properties": {"routes": [{"name": "default", "properties": {"addressPrefix": "0.0.0.0/0",
                                  "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.9.0.4"}}]}},
      {"type": "Microsoft.Network/routeTables/routes", "name": "rt/DEFAULT",
       "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}},
      {"type": "Microsoft.Network/routeTables/routes", "name": "rt/to-storage",
       "properties": {"addressPrefix": "Storage", "nextHopType": "Internet"}}
    ]})")});
  INFO(b.log);
  const Model& m = b.model;
  REQUIRE(m.vnets.size() == 1);
  const VirtualNetwork& vnet = m.vnets[0];
  REQUIRE(vnet.inline_subnets.known());
  CHECK(vnet.inline_subnets.value.pointer == "/resources/0/properties/subnets");
  REQUIRE(vnet.inline_peerings.known());
  CHECK(vnet.inline_peerings.value.pointer == "/resources/0/properties/virtualNetworkPeerings");
  REQUIRE(vnet.subnets.size() == 3);

  // Declared both ways (the child's name in another case): one subnet with
  // the inline values; the child's declaration is kept beside them.
  const Subnet& both = m.subnets[SubnetNamed(m, "snet-both")];
  CHECK(both.declared_inline);
  CHECK(both.declared_as_child);
  CHECK(both.origin.pointer == "/resources/0/properties/subnets/0");
  CHECK(both.route_table_id.absent());
  REQUIRE(both.child_declaration != nullptr);
  CHECK(both.child_declaration->origin.pointer == "/resources/1");
  CHECK(both.child_declaration->route_table_id.known());
  CHECK(both.child_declaration->prefixes == std::vector<Prefix>{P("10.0.0.0/24")});

  const Subnet& only_inline = m.subnets[SubnetNamed(m, "snet-inline")];
  CHECK(only_inline.declared_inline);
  CHECK_FALSE(only_inline.declared_as_child);
  CHECK(only_inline.child_declaration == nullptr);

  // A child nested in the VNet's own "resources".
  const Subnet& child = m.subnets[SubnetNamed(m, "snet-child")];
  CHECK_FALSE(child.declared_inline);
  CHECK(child.declared_as_child);
  CHECK(child.origin.pointer == "/resources/0/resources/0");
  CHECK(child.child_declaration == nullptr);

  REQUIRE(m.peerings.size() == 1);
  CHECK(m.peerings[0].declared_inline);
  CHECK(m.peerings[0].declared_as_child);
  CHECK(m.peerings[0].allow_forwarded_traffic.value == false);
  REQUIRE(m.peerings[0].child_declaration != nullptr);
  CHECK(m.peerings[0].child_declaration->allow_forwarded_traffic.value == true);
  CHECK(m.peerings[0].child_declaration->origin.pointer == "/resources/2");

  // Routes: the child of the same name is the inline route, not a second
  // route; a child of another name is a route of its own.
  REQUIRE(m.route_tables.size() == 1);
  const RouteTable& table = m.route_tables[0];
  REQUIRE(table.inline_routes.known());
  CHECK(table.inline_routes.value.pointer == "/resources/3/properties/routes");
  REQUIRE(table.routes.size() == 2);
  CHECK(table.routes[0].name == "default");
  CHECK(table.routes[0].declared_inline);
  CHECK(table.routes[0].declared_as_child);
  CHECK(table.routes[0].next_hop_type.value == "VirtualAppliance");
  REQUIRE(table.routes[0].child_declaration != nullptr);
  CHECK(table.routes[0].child_declaration->next_hop_type.value == "Internet");
  CHECK(table.routes[0].child_declaration->origin.pointer == "/resources/4");
  CHECK(table.routes[1].name == "to-storage");
  CHECK_FALSE(table.routes[1].declared_inline);
  CHECK(table.routes[1].declared_as_child);
  CHECK(table.routes[1].origin.pointer == "/resources/5");
}

TEST_CASE("builder: an inline list is absent, known, or unknown", "[model]") {
  const Built b = Build({From(0, R"({
    "parameters": {"subnetList": {"type": "array"}, "deployRt": {"type": "bool"}},
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-none",
       "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-empty",
       "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]}, "subnets": [], "virtualNetworkPeerings": null}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-param",
       "properties": {"addressSpace": {"addressPrefixes": ["10.2.0.0/16"]}, "subnets": "[parameters('subnetList')]"}},
      {"type": "Microsoft.Network/routeTables", "name": "rt-maybe", "condition": "[parameters('deployRt')]",
       "properties": {"routes": []}},
      {"type": "Microsoft.Network/routeTables/routes", "name": "rt-maybe/r", "condition": "[parameters('deployRt')]",
       "properties": {"addressPrefix": "10.0.0.0/8", "nextHopType": "None"}}
    ]})")});
  INFO(b.log);
  const Model& m = b.model;
  const VirtualNetwork& none = m.vnets[VnetNamed(m, "vnet-none")];
  CHECK(none.inline_subnets.absent());
  CHECK(none.inline_peerings.absent());
  const VirtualNetwork& empty = m.vnets[VnetNamed(m, "vnet-empty")];
  CHECK(empty.inline_subnets.known());  // [] is a list: it deletes every subnet not in it
  CHECK(empty.inline_peerings.absent());
  CHECK(m.vnets[VnetNamed(m, "vnet-param")].inline_subnets.unknown());
  // A parent or child whose condition is unknown: neither list nor child counts.
  REQUIRE(m.route_tables.size() == 1);
  CHECK(m.route_tables[0].inline_routes.unknown());
  REQUIRE(m.route_tables[0].routes.size() == 1);
  CHECK_FALSE(m.route_tables[0].routes[0].declared_as_child);
}

TEST_CASE("builder: a child subnet of an undeclared VNet adds that VNet with an unknown address space", "[model]") {
  const Built b = Build({From(0, R"({
    "resources": [{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-existing/snet",
                   "properties": {"addressPrefix": "10.9.0.0/24"}}]})")});
  REQUIRE(b.model.vnets.size() == 1);
  CHECK(b.model.vnets[0].name == "vnet-existing");
  CHECK(b.model.vnets[0].address_space_unknown);
  REQUIRE(b.model.vnets[0].subnets.size() == 1);
  CHECK(b.model.subnets[0].prefixes == std::vector<Prefix>{P("10.9.0.0/24")});
}

TEST_CASE("builder: a route table association resolves across two files", "[model]") {
  const Built b = Build({From(0, kSpoke), From(1, kRoutes)});
  INFO(b.log);
  const Model& m = b.model;
  const ObjectIndex snet = SubnetNamed(m, "snet-app");
  REQUIRE(snet != kNone);
  const Subnet& subnet = m.subnets[snet];
  REQUIRE(subnet.route_table_id.known());
  CHECK(subnet.route_table_id.value ==
        "/subscriptions/{subscriptionid}/resourcegroups/{resourcegroup}/providers/microsoft.network/routetables/rt-spoke");
  REQUIRE(subnet.route_table != kNone);
  const RouteTable* rt = m.RouteTableOf(subnet);
  REQUIRE(rt != nullptr);
  CHECK(rt->name == "rt-spoke");
  CHECK(rt->origin.file == 1);
  CHECK(rt->disable_bgp_route_propagation.known());
  CHECK(rt->disable_bgp_route_propagation.value);
  // The inline route and the child route.
  REQUIRE(rt->routes.size() == 2);
  const Route& route = rt->routes[0];
  CHECK(route.name == "default");
  REQUIRE(route.prefix.has_value());
  CHECK(*route.prefix == P("0.0.0.0/0"));
  CHECK(route.next_hop_type.value == "VirtualAppliance");
  REQUIRE(route.next_hop_address.has_value());
  CHECK(*route.next_hop_address == Ip("10.1.0.4"));
  CHECK(route.origin.pointer == "/resources/0/properties/routes/0");
  const Route& tag = rt->routes[1];
  CHECK(tag.name == "to-storage");
  CHECK(tag.address_prefix.value == "Storage");
  CHECK_FALSE(tag.prefix.has_value());
  CHECK_FALSE(tag.next_hop_address.has_value());
  // The order of the files does not matter.
  const Built reversed = Build({From(0, kRoutes), From(1, kSpoke)});
  const ObjectIndex snet2 = SubnetNamed(reversed.model, "snet-app");
  REQUIRE(snet2 != kNone);
  CHECK(reversed.model.subnets[snet2].route_table != kNone);
}

TEST_CASE("builder: an Azure Firewall without privateIPAddress gets Host(4) of its subnet", "[model]") {
  const Built b = Build({From(0, kHub)});
  INFO(b.log);
  const Model& m = b.model;
  REQUIRE(m.firewalls.size() == 1);
  const Firewall& fw = m.firewalls[0];
  CHECK(fw.kind == Firewall::Kind::kAzureFirewall);
  CHECK(fw.name == "fw-hub");
  CHECK(fw.subnet == SubnetNamed(m, "AzureFirewallSubnet"));
  REQUIRE(fw.private_ip.known());
  // 10.1.0.0/26: .0-.3 are reserved by Azure, the firewall takes 10.1.0.4.
  CHECK(fw.private_ip.value == Ip("10.1.0.4"));
  CHECK(m.FirewallAt(Ip("10.1.0.4")) == 0);
  CHECK(m.FirewallAt(Ip("10.1.0.5")) == kNone);
}

TEST_CASE("builder: an Azure Firewall's written privateIPAddress is used", "[model]") {
  const Built b = Build({From(0, R"({
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
       "properties": {"addressSpace": {"addressPrefixes": ["10.3.0.0/16"]},
                      "subnets": [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.3.0.64/26"}}]}},
      {"type": "Microsoft.Network/azureFirewalls", "name": "fw",
       "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.3.0.70",
          "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"}}}]}}
    ]})")});
  REQUIRE(b.model.firewalls.size() == 1);
  REQUIRE(b.model.firewalls[0].private_ip.known());
  CHECK(b.model.firewalls[0].private_ip.value == Ip("10.3.0.70"));
}

TEST_CASE("builder: an Azure Firewall in an unknown subnet has an unknown address", "[model]") {
  const Built b = Build({From(0, R"({
    "parameters": {"prefix": {"type": "string"}},
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
       "properties": {"addressSpace": {"addressPrefixes": ["10.3.0.0/16"]},
                      "subnets": [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "[parameters('prefix')]"}}]}},
      {"type": "Microsoft.Network/azureFirewalls", "name": "fw",
       "properties": {"ipConfigurations": [{"name": "c", "properties": {
          "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"}}}]}}
    ]})")});
  REQUIRE(b.model.firewalls.size() == 1);
  CHECK(b.model.firewalls[0].private_ip.unknown());
  CHECK(b.model.FirewallAt(Ip("10.3.0.4")) == kNone);
  // The unknown prefix is reported (RL900) with the parameter's name.
  bool named = false;
  for (const ModelMessage& msg : b.messages) {
    named = named || (msg.id == "RL900" && msg.message.find("'prefix'") != std::string::npos);
  }
  CHECK(named);
}

const char* const kNva = R"({
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
     "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                    "subnets": [{"name": "snet-nva", "properties": {"addressPrefix": "10.0.1.0/24"}}]}},
    {"type": "Microsoft.Network/networkInterfaces", "name": "nic-nva",
     "properties": {"enableIPForwarding": true, "ipConfigurations": [{"name": "c", "properties": {
        "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-nva')]"},
        "privateIPAllocationMethod": "Static", "privateIPAddress": "10.0.1.4"}}]}},
    {"type": "Microsoft.Network/networkInterfaces", "name": "nic-vm",
     "properties": {"ipConfigurations": [{"name": "c", "properties": {
        "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-nva')]"},
        "privateIPAllocationMethod": "Static", "privateIPAddress": "10.0.1.5"}}]}},
    {"type": "Microsoft.Network/networkInterfaces", "name": "nic-dynamic",
     "properties": {"enableIPForwarding": true, "ipConfigurations": [{"name": "c", "properties": {
        "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-nva')]"},
        "privateIPAllocationMethod": "Dynamic", "privateIPAddress": "10.0.1.6"}}]}},
    {"type": "Microsoft.Network/networkInterfaces", "name": "nic-unused",
     "properties": {"enableIPForwarding": true, "ipConfigurations": [{"name": "c", "properties": {
        "privateIPAllocationMethod": "Static", "privateIPAddress": "10.0.1.7"}}]}},
    {"type": "Microsoft.Network/routeTables", "name": "rt",
     "properties": {"routes": [
       {"name": "a", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.1.4"}},
       {"name": "b", "properties": {"addressPrefix": "10.8.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.1.5"}},
       {"name": "c", "properties": {"addressPrefix": "10.9.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.1.6"}}]}}
  ]
})";

TEST_CASE("builder: a NIC with IP forwarding whose static IP is a VirtualAppliance next hop is an NVA", "[model]") {
  const Built b = Build({From(0, kNva)});
  INFO(b.log);
  const Model& m = b.model;
  CHECK(m.nics.size() == 4);
  REQUIRE(m.firewalls.size() == 1);
  const Firewall& nva = m.firewalls[0];
  CHECK(nva.kind == Firewall::Kind::kNetworkVirtualAppliance);
  CHECK(nva.name == "nic-nva");
  CHECK(nva.id == "/subscriptions/{subscriptionid}/resourcegroups/{resourcegroup}/providers/"
                  "microsoft.network/networkinterfaces/nic-nva");
  REQUIRE(nva.private_ip.known());
  CHECK(nva.private_ip.value == Ip("10.0.1.4"));
  CHECK(nva.subnet == SubnetNamed(m, "snet-nva"));
  CHECK(m.FirewallAt(Ip("10.0.1.4")) == 0);
  // Not NVAs: no IP forwarding (10.0.1.5), a dynamic address (10.0.1.6),
  // no route pointing at it (10.0.1.7).
  CHECK(m.FirewallAt(Ip("10.0.1.5")) == kNone);
  CHECK(m.FirewallAt(Ip("10.0.1.6")) == kNone);
  CHECK(m.FirewallAt(Ip("10.0.1.7")) == kNone);
}

TEST_CASE("builder: the NIC and the route of an NVA may be in different files", "[model]") {
  const Json whole = Json::parse(kNva);
  Json first = whole, second = whole;
  first["resources"] = Json::array({whole["resources"][0], whole["resources"][1]});
  second["resources"] = Json::array({whole["resources"][5]});
  const Built b = Build({From(0, first.dump()), From(1, second.dump())});
  INFO(b.log);
  REQUIRE(b.model.firewalls.size() == 1);
  CHECK(b.model.firewalls[0].kind == Firewall::Kind::kNetworkVirtualAppliance);
  CHECK(b.model.firewalls[0].origin.file == 0);
}

TEST_CASE("builder: roles of a hub with a firewall and peerings, and its spoke", "[model]") {
  const Built b = Build({From(0, kHub), From(1, kSpoke), From(2, kRoutes)});
  INFO(b.log);
  const Model& m = b.model;
  const ObjectIndex hub = VnetNamed(m, "vnet-hub");
  const ObjectIndex spoke = VnetNamed(m, "vnet-spoke");
  REQUIRE(hub != kNone);
  REQUIRE(spoke != kNone);
  // Peerings resolve both ways.
  REQUIRE(m.vnets[hub].peerings.size() == 1);
  CHECK(m.peerings[m.vnets[hub].peerings[0]].remote_vnet == spoke);
  REQUIRE(m.vnets[spoke].peerings.size() == 1);
  const Peering& back = m.peerings[m.vnets[spoke].peerings[0]];
  CHECK(back.remote_vnet == hub);
  CHECK(back.allow_forwarded_traffic.known());
  CHECK(back.allow_forwarded_traffic.value);  // the string "true"
  CHECK(back.use_remote_gateways.known());
  CHECK_FALSE(back.use_remote_gateways.value);
  CHECK(back.allow_gateway_transit.absent());

  REQUIRE(m.is_hub.size() == 2);
  CHECK(m.is_hub[hub]);
  CHECK_FALSE(m.is_hub[spoke]);
  REQUIRE(m.deployments.size() == 1);
  const Deployment& d = m.deployments[0];
  CHECK(d.hub == hub);
  CHECK(d.spokes == std::vector<ObjectIndex>{spoke});
  CHECK(d.firewalls == std::vector<ObjectIndex>{0});
  CHECK(m.deployment_of_vnet[hub] == 0);
  CHECK(m.deployment_of_vnet[spoke] == 0);
  // The smallest prefix covering 10.1.0.0/16 and 10.2.0.0/16.
  REQUIRE(d.supernet.has_value());
  CHECK(*d.supernet == P("10.0.0.0/14"));
}

TEST_CASE("builder: roles with two spokes, an unpeered VNet and an appliance-less peer", "[model]") {
  const char* const spoke2 = R"({
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-spoke2",
       "properties": {"addressSpace": {"addressPrefixes": ["10.3.0.0/16"]}}},
      {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "vnet-spoke2/to-hub",
       "properties": {"remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"}}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-alone",
       "properties": {"addressSpace": {"addressPrefixes": ["192.168.0.0/24"]}}}
    ]})";
  const Built b = Build({From(0, kHub), From(1, kSpoke), From(2, spoke2)});
  INFO(b.log);
  const Model& m = b.model;
  const ObjectIndex hub = VnetNamed(m, "vnet-hub");
  const ObjectIndex s1 = VnetNamed(m, "vnet-spoke");
  const ObjectIndex s2 = VnetNamed(m, "vnet-spoke2");
  const ObjectIndex alone = VnetNamed(m, "vnet-alone");
  REQUIRE(m.deployments.size() == 1);
  CHECK(m.deployments[0].hub == hub);
  CHECK(m.deployments[0].spokes.size() == 2);
  CHECK(m.deployment_of_vnet[s1] == 0);
  CHECK(m.deployment_of_vnet[s2] == 0);
  CHECK_FALSE(m.is_hub[alone]);
  CHECK(m.deployment_of_vnet[alone] == kNone);
  // 10.1/16, 10.2/16, 10.3/16.
  REQUIRE(m.deployments[0].supernet.has_value());
  CHECK(*m.deployments[0].supernet == P("10.0.0.0/14"));
}

TEST_CASE("builder: no hub without an appliance, and no supernet with an unknown address space", "[model]") {
  // The spoke alone: peered, but with no firewall or gateway it is no hub.
  Built b = Build({From(0, kSpoke)});
  INFO(b.log);
  CHECK(b.model.deployments.empty());

  const char* const unknown_spoke = R"({
    "parameters": {"space": {"type": "string"}},
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-spoke",
      "properties": {"addressSpace": {"addressPrefixes": ["[parameters('space')]"]},
        "virtualNetworkPeerings": [{"name": "p", "properties": {
          "remoteVirtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"}}}]}}]})";
  b = Build({From(0, kHub), From(1, unknown_spoke)});
  INFO(b.log);
  REQUIRE(b.model.deployments.size() == 1);
  CHECK(b.model.deployments[0].spokes.size() == 1);
  CHECK(b.model.vnets[VnetNamed(b.model, "vnet-spoke")].address_space_unknown);
  CHECK_FALSE(b.model.deployments[0].supernet.has_value());
}

TEST_CASE("builder: the same resource declared twice with different content is RL904", "[model]") {
  const char* const a = R"({"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
      "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}]})";
  const char* const b_text = R"({"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "VNET-HUB",
      "properties": {"addressSpace": {"addressPrefixes": ["10.5.0.0/16"]}}}]})";
  Built b = Build({From(0, a), From(1, b_text)});
  INFO(b.log);
  REQUIRE(CountMessages(b.messages, "RL904") == 1);
  for (const ModelMessage& m : b.messages) {
    if (m.id != "RL904") continue;
    CHECK(m.origin.file == 1);
    CHECK(m.origin.pointer == "/resources/0");
    CHECK(m.message.find("VNET-HUB") != std::string::npos);
  }
  // The first declaration is used.
  REQUIRE(b.model.vnets.size() == 1);
  CHECK(b.model.vnets[0].address_space == std::vector<Prefix>{P("10.0.0.0/16")});

  // Identical declarations are no conflict.
  b = Build({From(0, a), From(1, a)});
  INFO(b.log);
  CHECK(CountMessages(b.messages, "RL904") == 0);
  CHECK(b.model.vnets.size() == 1);
}

TEST_CASE("builder: a reference by an id with a different literal subscription resolves by provider part", "[model]") {
  const char* const spoke = R"({
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-spoke",
      "properties": {"addressSpace": {"addressPrefixes": ["10.2.0.0/16"]},
        "subnets": [{"name": "snet", "properties": {"addressPrefix": "10.2.0.0/24", "routeTable": {"id":
          "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-spoke"}}}],
        "virtualNetworkPeerings": [{"name": "to-hub", "properties": {"remoteVirtualNetwork": {"id":
          "[resourceId('11111111-1111-1111-1111-111111111111', 'rg-hub', 'Microsoft.Network/virtualNetworks', 'vnet-hub')]"}}}]}}]})";
  const Built b = Build({From(0, spoke), From(1, kRoutes), From(2, kHub)});
  INFO(b.log);
  const Model& m = b.model;
  const ObjectIndex snet = SubnetNamed(m, "snet");
  REQUIRE(snet != kNone);
  CHECK(m.subnets[snet].route_table_id.value.find("11111111") != std::string::npos);
  REQUIRE(m.subnets[snet].route_table != kNone);
  CHECK(m.route_tables[m.subnets[snet].route_table].name == "rt-spoke");
  const ObjectIndex spoke_vnet = VnetNamed(m, "vnet-spoke");
  REQUIRE(m.vnets[spoke_vnet].peerings.size() == 1);
  CHECK(m.peerings[m.vnets[spoke_vnet].peerings[0]].remote_vnet == VnetNamed(m, "vnet-hub"));
}

TEST_CASE("builder: provider-part matching refuses an ambiguous match but an exact id still resolves", "[model]") {
  const char* const rt = R"({"resources": [{"type": "Microsoft.Network/routeTables", "name": "rt-x"}]})";
  DeploymentContext a, c;
  a.resource_group = "rg-a";
  c.resource_group = "rg-c";
  const char* const vnet = R"({
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet",
      "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [
        {"name": "s1", "properties": {"addressPrefix": "10.0.1.0/24", "routeTable": {"id":
          "/subscriptions/other/resourceGroups/rg-b/providers/Microsoft.Network/routeTables/rt-x"}}},
        {"name": "s2", "properties": {"addressPrefix": "10.0.2.0/24", "routeTable": {"id":
          "[resourceId('rg-c', 'Microsoft.Network/routeTables', 'rt-x')]"}}}]}}]})";
  const Built b = Build({From(0, rt, a), From(1, rt, c), From(2, vnet)});
  INFO(b.log);
  const Model& m = b.model;
  REQUIRE(m.route_tables.size() == 2);
  CHECK(m.subnets[SubnetNamed(m, "s1")].route_table == kNone);
  const ObjectIndex s2_table = m.subnets[SubnetNamed(m, "s2")].route_table;
  REQUIRE(s2_table != kNone);
  CHECK(m.route_tables[s2_table].origin.file == 1);
}

TEST_CASE("builder: routing-relevant Unknowns are one RL900 note per resource", "[model]") {
  const char* const text = R"({
    "parameters": {"fwIp": {"type": "string"}, "tag": {"type": "string"}},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt",
      "tags": {"owner": "[parameters('tag')]"},
      "properties": {"routes": [{"name": "r", "properties": {"addressPrefix": "0.0.0.0/0",
        "nextHopType": "VirtualAppliance", "nextHopIpAddress": "[parameters('fwIp')]"}}]}}]})";
  const Built b = Build({From(0, text)});
  INFO(b.log);
  REQUIRE(CountMessages(b.messages, "RL900") == 1);
  for (const ModelMessage& m : b.messages) {
    if (m.id != "RL900") continue;
    CHECK(m.message.find("nextHopIpAddress") != std::string::npos);
    CHECK(m.message.find("'fwIp'") != std::string::npos);
    CHECK(m.message.find("owner") == std::string::npos);  // tags are not routing-relevant
    CHECK(m.origin.pointer == "/resources/0");
  }
  REQUIRE(b.model.route_tables.size() == 1);
  REQUIRE(b.model.route_tables[0].routes.size() == 1);
  CHECK(b.model.route_tables[0].routes[0].next_hop_ip.unknown());
  CHECK_FALSE(b.model.route_tables[0].routes[0].next_hop_address.has_value());
}

TEST_CASE("builder: an invalid address prefix is RL903", "[model]") {
  const Built b = Build({From(0, R"({"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v",
      "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.1/16"]}}}]})")});
  CHECK(CountMessages(b.messages, "RL903") == 1);
  REQUIRE(b.model.vnets.size() == 1);
  CHECK(b.model.vnets[0].address_space.empty());
  CHECK(b.model.vnets[0].address_space_unknown);
}

TEST_CASE("builder: gateways attach to their VNet", "[model]") {
  const Built b = Build({From(0, R"({"resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
       "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                      "subnets": [{"name": "GatewaySubnet", "properties": {"addressPrefix": "10.0.255.0/27"}}]}},
      {"type": "Microsoft.Network/virtualNetworkGateways", "name": "vgw",
       "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "enableBgp": false, "ipConfigurations": [
         {"name": "c", "properties": {"subnet": {"id":
           "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'GatewaySubnet')]"}}}]}}]})")});
  const Model& m = b.model;
  REQUIRE(m.gateways.size() == 1);
  CHECK(m.gateways[0].subnet == SubnetNamed(m, "GatewaySubnet"));
  CHECK(m.gateways[0].vnet == VnetNamed(m, "vnet-hub"));
  CHECK(m.GatewayOfVnet(VnetNamed(m, "vnet-hub")) == 0);
  CHECK(m.ReceivesGatewayRoutes(VnetNamed(m, "vnet-hub")));
  CHECK(m.gateways[0].gateway_type.value == "Vpn");
}

TEST_CASE("builder: ExpressRoute circuits, the connections that name them, and gateway regions", "[model]") {
  const Built b = Build({From(0, R"({"parameters": {"tier": {"type": "string"}}, "resources": [
      {"type": "Microsoft.Network/expressRouteCircuits", "name": "er", "location": "westeurope",
       "sku": {"name": "Standard_MeteredData", "tier": "[parameters('tier')]", "family": "MeteredData"},
       "properties": {"serviceProviderProperties": {"peeringLocation": "Amsterdam", "bandwidthInMbps": 200},
                      "peerings": [{"name": "AzurePrivatePeering", "properties": {"connections": [
                        {"name": "gr", "properties": {"addressPrefix": "192.168.255.0/29"}}]}}]}},
      {"type": "Microsoft.Network/virtualNetworkGateways", "name": "vgw", "location": "[resourceGroup().location]",
       "properties": {"gatewayType": "ExpressRoute"}},
      {"type": "Microsoft.Network/virtualNetworkGateways", "name": "vgw2", "location": "North Europe",
       "properties": {"gatewayType": "ExpressRoute"}},
      {"type": "Microsoft.Network/connections", "name": "c1", "properties": {"connectionType": "ExpressRoute",
       "virtualNetworkGateway1": {"id": "[resourceId('Microsoft.Network/virtualNetworkGateways', 'vgw')]"},
       "peer": {"id": "[resourceId('Microsoft.Network/expressRouteCircuits', 'er')]"}}},
      {"type": "Microsoft.Network/connections", "name": "c2", "properties": {"connectionType": "ExpressRoute",
       "virtualNetworkGateway1": {"id": "[resourceId('Microsoft.Network/virtualNetworkGateways', 'vgw2')]"},
       "peer": {"id": "[resourceId('11111111-2222-3333-4444-555555555555', 'rg-x', 'Microsoft.Network/expressRouteCircuits', 'other')]"}}}]})")});
  const Model& m = b.model;
  INFO(b.log);
  REQUIRE(m.circuits.size() == 1);
  CHECK(m.circuits[0].sku_tier.unknown());
  CHECK(m.circuits[0].sku_family.Or("") == "MeteredData");
  CHECK(m.circuits[0].bandwidth_mbps.Or(0) == 200);
  CHECK(m.circuits[0].peering_location.Or("") == "Amsterdam");
  CHECK(m.circuits[0].location.Or("") == "westeurope");
  CHECK(m.circuits[0].global_reach.size() == 1);
  REQUIRE(m.connections.size() == 2);
  CHECK(m.connections[0].circuit == 0);
  CHECK(m.connections[1].circuit == kNone);  // a circuit outside the estate
  REQUIRE(m.gateways.size() == 2);
  CHECK(m.gateways[0].location.unknown());  // resourceGroup().location: a placeholder
  CHECK(m.gateways[1].location.Or("") == "North Europe");
  // The unknown tier is an RL900 note on the circuit.
  REQUIRE(CountMessages(b.messages, "RL900") == 1);
  CHECK(b.log.find("sku/tier") != std::string::npos);
}

TEST_CASE("builder: API Management and Databricks workspaces find their subnets", "[model]") {
  const Built b = Build({From(0, R"({"resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "v",
       "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [
         {"name": "snet-apim", "properties": {"addressPrefix": "10.0.0.0/27"}},
         {"name": "snet-apim-2", "properties": {"addressPrefix": "10.0.0.32/27"}},
         {"name": "host", "properties": {"addressPrefix": "10.0.1.0/24"}},
         {"name": "container", "properties": {"addressPrefix": "10.0.2.0/24"}}]}},
      {"type": "Microsoft.ApiManagement/service", "name": "apim", "sku": {"name": "Premium", "capacity": 1},
       "properties": {"virtualNetworkType": "External",
         "virtualNetworkConfiguration": {"subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'snet-apim')]"},
         "additionalLocations": [{"location": "northeurope", "sku": {"name": "Premium", "capacity": 1},
           "virtualNetworkConfiguration": {"subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'snet-apim-2')]"}}]}},
      {"type": "Microsoft.Databricks/workspaces", "name": "dbw", "sku": {"name": "premium"},
       "properties": {"parameters": {"customVirtualNetworkId": {"value": "[resourceId('Microsoft.Network/virtualNetworks', 'v')]"},
         "customPublicSubnetName": {"value": "host"}, "customPrivateSubnetName": {"value": "container"}}}}]})")});
  const Model& m = b.model;
  REQUIRE(m.paas_services.size() == 2);
  const PaasService& apim = m.paas_services[0];
  CHECK(apim.kind == PaasService::Kind::kApiManagement);
  CHECK(apim.sku.Or("") == "Premium");
  CHECK(apim.mode.Or("") == "External");
  REQUIRE(apim.subnets.size() == 2);
  CHECK(apim.subnets[0] == SubnetNamed(m, "snet-apim"));
  CHECK(apim.subnets[1] == SubnetNamed(m, "snet-apim-2"));
  const PaasService& dbw = m.paas_services[1];
  CHECK(dbw.kind == PaasService::Kind::kDatabricks);
  CHECK(dbw.mode.absent());  // requiredNsgRules left out: AllRules
  REQUIRE(dbw.subnets.size() == 2);
  CHECK(dbw.subnets[0] == SubnetNamed(m, "host"));
  CHECK(dbw.subnets[1] == SubnetNamed(m, "container"));
}

TEST_CASE("builder: a routing property of the wrong JSON type is RL903 at its place", "[model]") {
  const Built b = Build({From(0, R"({
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet",
       "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16", 10]},
         "subnets": [{"name": "a", "properties": {"addressPrefix": 167772160}},
                     {"name": "b", "properties": {"addressPrefix": "10.0.2.0/24", "routeTable": "rt"}}],
         "virtualNetworkPeerings": [{"name": "p", "properties": {"allowForwardedTraffic": "yes",
           "useRemoteGateways": "false", "remoteVirtualNetwork": {"id": ["x"]}}}]}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet2", "properties": {"subnets": "a,b"}},
      {"type": "Microsoft.Network/routeTables", "name": "rt",
       "properties": {"disableBgpRoutePropagation": "sometimes", "routes": {"name": "r"}}},
      {"type": "Microsoft.Network/routeTables/routes", "name": "rt/r2",
       "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": ["10.0.0.4"]}}
    ]})")});
  INFO(b.log);
  auto at = [&](std::string_view pointer) -> const ModelMessage* {
    for (const ModelMessage& m : b.messages) {
      if (m.id == "RL903" && m.origin.pointer == pointer) return &m;
    }
    return nullptr;
  };
  const ModelMessage* m = at("/resources/0/properties/addressSpace/addressPrefixes/1");
  REQUIRE(m != nullptr);
  CHECK(m->severity == Severity::kWarning);
  CHECK(m->message.find("properties.addressSpace.addressPrefixes.1 must be a string, not a number") != std::string::npos);
  CHECK(at("/resources/0/properties/subnets/0/properties/addressPrefix") != nullptr);
  CHECK(at("/resources/0/properties/subnets/1/properties/routeTable") != nullptr);
  CHECK(at("/resources/0/properties/virtualNetworkPeerings/0/properties/allowForwardedTraffic") != nullptr);
  CHECK(at("/resources/0/properties/virtualNetworkPeerings/0/properties/useRemoteGateways") == nullptr);  // "false" converts
  CHECK(at("/resources/0/properties/virtualNetworkPeerings/0/properties/remoteVirtualNetwork/id") != nullptr);
  CHECK(at("/resources/1/properties/subnets") != nullptr);
  CHECK(at("/resources/2/properties/disableBgpRoutePropagation") != nullptr);
  CHECK(at("/resources/2/properties/routes") != nullptr);
  CHECK(at("/resources/3/properties/nextHopIpAddress") != nullptr);
  // The values are Unknown to the model, never guessed.
  const ObjectIndex a = SubnetNamed(b.model, "a");
  REQUIRE(a != kNone);
  CHECK(b.model.subnets[a].prefixes.empty());
  REQUIRE(b.model.route_tables.size() == 1);
  CHECK(b.model.route_tables[0].disable_bgp_route_propagation.unknown());
}

TEST_CASE("builder: wrong types are reported in the order of the expected paths, ten per resource", "[model]") {
  // Twelve subnets with a number for a prefix, the address space's second
  // entry a number too: the address space's path comes first in the list,
  // then the subnets' in element order, and the report stops at ten.
  std::string subnets;
  for (int i = 0; i < 12; ++i) {
    subnets += (i ? "," : "") + std::string(R"({"name": "s)") + std::to_string(i) + R"(", "properties": {"addressPrefix": 1}})";
  }
  const Built b = Build({From(0, R"({"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet",
      "properties": {"subnets": [)" + subnets + R"(], "addressSpace": {"addressPrefixes": ["10.0.0.0/16", 10]}}}]})")});
  std::vector<std::string> pointers;
  for (const ModelMessage& m : b.messages) {
    if (m.id == "RL903") pointers.push_back(m.origin.pointer);
  }
  REQUIRE(pointers.size() == 10);
  CHECK(pointers[0] == "/resources/0/properties/addressSpace/addressPrefixes/1");
  for (size_t i = 1; i < pointers.size(); ++i) {
    CHECK(pointers[i] == "/resources/0/properties/subnets/" + std::to_string(i - 1) + "/properties/addressPrefix");
  }
}

}  // namespace
}  // namespace routelint

namespace routelint {
namespace {

TEST_CASE("builder: files read apart and joined in their order give the model of one build", "[model]") {
  // The spoke's child subnet and route table come before the VNet they join
  // and the hub's gateway: the join puts them in dependency order.
  const std::vector<ExpandedFile> inputs = {From(0, kRoutes), From(1, kHub)};
  std::vector<ModelFragment> fragments;
  // Each file on a pool of its own, as two threads would read them.
  for (const ExpandedFile& file : inputs) fragments.push_back(ReadModelFragment(file, std::make_shared<TextPool>()));
  CHECK(fragments[0].resources() == inputs[0].resources.size());
  std::vector<ModelMessage> messages;
  const Model joined = JoinModel({"file0.json", "file1.json"}, std::move(fragments), &messages);
  const Built built = Build(inputs);
  CHECK(joined.vnets.size() == built.model.vnets.size());
  CHECK(joined.subnets.size() == built.model.subnets.size());
  CHECK(joined.route_tables.size() == built.model.route_tables.size());
  REQUIRE(joined.subnets.size() == built.model.subnets.size());
  for (size_t i = 0; i < joined.subnets.size(); ++i) {
    CHECK(joined.subnets[i].id == built.model.subnets[i].id);
    CHECK(joined.subnets[i].origin.file == built.model.subnets[i].origin.file);
    CHECK(joined.subnets[i].origin.pointer == built.model.subnets[i].origin.pointer);
    CHECK(joined.subnets[i].route_table == built.model.subnets[i].route_table);
  }
  CHECK(messages.size() == built.messages.size());
}

TEST_CASE("builder: RL904 compares the declarations' content, numbers by value, and says nothing of Unknown values", "[model]") {
  auto table = [](const char* routes) {
    return std::string(R"({"resources": [{"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"routes": )") +
           routes + "}}]}";
  };
  const std::string one = table(R"([{"name": "a", "properties": {"addressPrefix": "10.0.0.0/8", "x": 1}}])");
  const std::string one_float = table(R"([{"name": "a", "properties": {"addressPrefix": "10.0.0.0/8", "x": 1.0}}])");
  const std::string two = table(R"([{"name": "a", "properties": {"addressPrefix": "10.0.0.0/8", "x": 2}}])");
  const std::string unknown = table(R"([{"name": "a", "properties": {"addressPrefix": "[parameters('p')]"}}])");
  const std::string with_parameter = std::string(R"({"parameters": {"p": {"type": "string"}},)") + unknown.substr(1);
  CHECK(CountMessages(Build({From(0, one), From(1, one_float)}).messages, "RL904") == 0);
  CHECK(CountMessages(Build({From(0, one), From(1, two)}).messages, "RL904") == 1);
  // Values unknown before deployment may or may not differ: nothing is said.
  CHECK(CountMessages(Build({From(0, with_parameter), From(1, with_parameter)}).messages, "RL904") == 0);
  // What is known differs.
  CHECK(CountMessages(Build({From(0, with_parameter), From(1, one)}).messages, "RL904") == 1);
}

}  // namespace
}  // namespace routelint

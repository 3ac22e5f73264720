#include "bicep/bicep_source.h"

#include <catch2/catch.hpp>

#include <string>

namespace routelint {
namespace {

constexpr std::string_view kHub = R"(// A hub.
targetScope = 'resourceGroup'

@description('Where.')
param location string = resourceGroup().location
param spokes array

var name = 'vnet-${location}'

@batchSize(1)
resource routeTables 'Microsoft.Network/routeTables@2023-09-01' = [for (spoke, i) in spokes: {
  name: 'rt-${spoke.name}'
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      {
        name: 'default'
        properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }
      }
    ]
  }
}]

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-hub'
  location: location
  properties: {
    subnets: [for (s, i) in spokes: {
      name: s.name
      properties: {
        routeTable: { id: routeTables[i].id }
      }
    }]
  }

  resource firewallSubnet 'subnets' = {
    name: 'AzureFirewallSubnet'
  }
}

resource old 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {
  name: 'vnet-old'
}

module hub 'modules/hub.bicep' = if (length(spokes) > 0) {
  name: 'hub-${location}'
  params: {
    spokes: spokes
  }
}

output vnetId string = vnet.id
)";

TEST_CASE("the scanner lists declarations in the order Bicep emits them", "[bicep]") {
  const BicepSource source = ScanBicep(kHub);
  REQUIRE(source.declarations.size() == 5);
  const BicepDeclaration& tables = source.declarations[0];
  CHECK(tables.symbol == "routeTables");
  CHECK(tables.type == "Microsoft.Network/routeTables");
  CHECK(tables.loop);
  CHECK(tables.at.line == 11);
  CHECK(tables.at.column == 1);
  CHECK(tables.first_line == 10);  // its decorator
  CHECK(tables.last_line == 22);
  CHECK(tables.literal_name.empty());  // interpolated

  CHECK(source.declarations[1].symbol == "vnet");
  CHECK(source.declarations[1].literal_name == "vnet-hub");
  // A nested resource follows its parent, with the parent's type before its own.
  CHECK(source.declarations[2].symbol == "vnet::firewallSubnet");
  CHECK(source.declarations[2].type == "Microsoft.Network/virtualNetworks/subnets");
  CHECK(source.declarations[2].literal_name == "AzureFirewallSubnet");
  CHECK(source.declarations[3].existing);
  const BicepDeclaration& hub = source.declarations[4];
  CHECK(hub.kind == BicepDeclaration::Kind::kModule);
  CHECK(hub.type == "Microsoft.Resources/deployments");
  CHECK(hub.module_path == "modules/hub.bicep");
  REQUIRE(hub.body);
  CHECK(hub.body->Find("params") != nullptr);

  REQUIRE(source.parameters.size() == 2);
  CHECK(source.parameters[0].name == "location");
  CHECK(source.parameters[0].at.line == 5);
  REQUIRE(source.variables.size() == 1);
  CHECK(source.variables[0].name == "name");
  CHECK(source.variables[0].at.line == 8);
  REQUIRE(source.outputs.size() == 1);
  CHECK(source.outputs[0].name == "vnetId");
}

TEST_CASE("the scanner keeps every object key with its line, through arrays and loops", "[bicep]") {
  const BicepSource source = ScanBicep(kHub);
  const BicepObject& tables = *source.declarations[0].body;  // the loop's body
  const BicepObject::Property* properties = tables.Find("properties");
  REQUIRE(properties);
  REQUIRE(properties->object);
  const BicepObject::Property* routes = properties->object->Find("routes");
  REQUIRE(routes);
  CHECK(routes->at.line == 15);
  CHECK(routes->at.column == 5);
  CHECK(routes->last_line == 20);
  REQUIRE(routes->array);
  REQUIRE(routes->array->items.size() == 1);
  const BicepObject& route = *routes->array->items[0];
  CHECK(route.at.line == 16);
  // A one-line object's keys, separated by commas.
  const BicepObject::Property* next_hop = route.Find("properties")->object->Find("nextHopType");
  REQUIRE(next_hop);
  CHECK(next_hop->at.line == 18);
  CHECK(next_hop->at.column == 51);
  // A property loop's body.
  const BicepObject::Property* subnets = source.declarations[1].body->Find("properties")->object->Find("subnets");
  REQUIRE(subnets->array);
  REQUIRE(subnets->array->loop_body);
  const BicepObject::Property* table = subnets->array->loop_body->Find("properties")->object->Find("routeTable");
  REQUIRE(table);
  CHECK(table->at.line == 31);
  // ARM property names are case-insensitive.
  CHECK(tables.Find("PROPERTIES") == properties);
}

TEST_CASE("strings, interpolations and comments do not confuse the scanner", "[bicep]") {
  const BicepSource source = ScanBicep(R"(var a = '}{ ${string({ x: '}' })} \' ]'
/* resource fake 'A/b@1' = {
} */
var b = '''
resource fake2 'A/b@1' = {
'''
// resource fake3 'A/b@1' = {
resource real 'Microsoft.Network/routeTables@2023-09-01' = {
  name: 'rt-${'{'}'
  properties: {
    'quoted-key': [ ']' ]
    after: 1
  }
}
)");
  REQUIRE(source.declarations.size() == 1);
  CHECK(source.declarations[0].symbol == "real");
  CHECK(source.declarations[0].at.line == 8);
  const BicepObject& properties = *source.declarations[0].body->Find("properties")->object;
  REQUIRE(properties.Find("quoted-key"));
  REQUIRE(properties.Find("after"));
  CHECK(properties.Find("after")->at.line == 12);
}

TEST_CASE("routelint-ignore comments cover the declaration or property after them", "[bicep]") {
  const BicepSource source = ScanBicep(R"(// routelint-ignore RL002, RL004: lab spoke, reviewed (NET-142)
@description('x')
resource rt 'Microsoft.Network/routeTables@2023-09-01' = {
  name: 'rt'
  properties: {
    // routelint-ignore RL001: the firewall does not forward to on-premises
    disableBgpRoutePropagation: true
    routes: [] // routelint-ignore RL019: trailing
  }
}
// routelint-ignore RL002
// routelint-ignored RL002: not ours
// routelint-ignore RL003: nothing follows
)");
  REQUIRE(source.ignore_comments.size() == 5);
  const BicepIgnoreComment& whole = source.ignore_comments[0];
  CHECK(whole.rules == std::vector<std::string>{"RL002", "RL004"});
  CHECK(whole.reason == "lab spoke, reviewed (NET-142)");
  CHECK(whole.first_line == 2);  // the decorator starts the declaration
  CHECK(whole.last_line == 10);
  const BicepIgnoreComment& property = source.ignore_comments[1];
  CHECK(property.first_line == 7);
  CHECK(property.last_line == 7);
  const BicepIgnoreComment& trailing = source.ignore_comments[2];
  CHECK(trailing.rules == std::vector<std::string>{"RL019"});
  CHECK(trailing.first_line == 8);
  CHECK(source.ignore_comments[3].reason.empty());
  CHECK(source.ignore_comments[4].first_line == 0);
}

TEST_CASE("a byte order mark and CR LF line ends change nothing", "[bicep]") {
  const BicepSource source = ScanBicep("\xEF\xBB\xBFresource rt 'Microsoft.Network/routeTables@2023-09-01' = {\r\n"
                                       "  name: 'rt'\r\n  properties: {}\r\n}\r\n");
  REQUIRE(source.declarations.size() == 1);
  CHECK(source.declarations[0].at.line == 1);
  CHECK(source.declarations[0].at.column == 1);
  CHECK(source.declarations[0].literal_name == "rt");
  CHECK(source.declarations[0].body->Find("properties")->at.line == 3);
  // An ignore comment's rules and reason end before the CR.
  const BicepSource crlf = ScanBicep("// routelint-ignore RL002: lab\r\nresource r 'A/b@1' = {}\r\n"
                                     "// routelint-ignore RL003\r\nresource q 'A/c@1' = {}\r\n");
  REQUIRE(crlf.ignore_comments.size() == 2);
  CHECK(crlf.ignore_comments[0].reason == "lab");
  CHECK(crlf.ignore_comments[1].rules == std::vector<std::string>{"RL003"});
}

TEST_CASE("broken or hostile Bicep ends, and keeps what it can", "[bicep]") {
  CHECK(ScanBicep("").declarations.empty());
  CHECK(ScanBicep("resource").declarations.empty());
  CHECK(ScanBicep("resource x 'A/b@1' = {").declarations.size() == 1);
  CHECK(ScanBicep("}}}]]] resource x 'A/b@1' = {\n}\n").declarations.size() == 1);
  CHECK(ScanBicep("var x = '${'").declarations.empty());
  std::string deep = "resource x 'A/b@1' = {\n";
  for (int i = 0; i < 10000; ++i) deep += "a: {\n";
  const BicepSource source = ScanBicep(deep);
  REQUIRE(source.declarations.size() == 1);
  // A typo in one declaration costs that declaration, not the next.
  const BicepSource partial = ScanBicep(R"(resource a 'A/b@1' = {
  name: (
}
resource b 'A/c@1' = {
  name: 'b'
}
)");
  CHECK(partial.FindSymbol("a") != nullptr);
  REQUIRE(partial.FindSymbol("b") != nullptr);
  CHECK(partial.FindSymbol("b")->literal_name == "b");
}

}  // namespace
}  // namespace routelint

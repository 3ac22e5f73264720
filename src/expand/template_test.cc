// Tests for ExpandTemplate over small inline templates: parameters and
// parameter files, variables (plain, chained, cyclic, copy), resource and
// property copy loops, conditions, child resources, languageVersion 2.0,
// escapes and user-defined functions.
#include "expand/template.h"

#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "expand/template_test_support.h"

namespace routelint {
namespace {

using expand_testing::Contains;
using expand_testing::Expand;
using expand_testing::FindMessage;

// The messages of an expansion, for INFO().
std::string Messages(const ExpandResult& r) {
  std::string out;
  for (const ExpandMessage& m : r.messages) out += m.id + " " + m.pointer + ": " + m.message + "\n";
  return out;
}

const char* const kVnetTemplate = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vnetName": {"type": "string", "defaultValue": "vnet-hub"},
    "addressPrefix": {"type": "string", "defaultValue": "10.0.0.0/16"},
    "location": {"type": "string", "defaultValue": "[resourceGroup().location]"}
  },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-04-01",
      "name": "[parameters('vnetName')]",
      "location": "[parameters('location')]",
      "dependsOn": [],
      "properties": {"addressSpace": {"addressPrefixes": ["[parameters('addressPrefix')]"]}}
    }
  ]
})";

TEST_CASE("template: parameters take their default values", "[expand]") {
  DeploymentContext d;
  d.location = "westeurope";
  const ExpandResult r = Expand(kVnetTemplate, {}, d);
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  const ExpandedResource& vnet = r.resources[0];
  CHECK(vnet.type == "Microsoft.Network/virtualNetworks");
  CHECK(vnet.name == "vnet-hub");
  CHECK(vnet.id == "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
                   "Microsoft.Network/virtualNetworks/vnet-hub");
  CHECK(vnet.pointer == "/resources/0");
  CHECK(vnet.context.empty());
  CHECK_FALSE(vnet.condition_unknown);
  CHECK(vnet.unknowns.empty());
  CHECK(vnet.body["properties"]["addressSpace"]["addressPrefixes"] == Json::array({"10.0.0.0/16"}));
  CHECK(vnet.body["location"] == "westeurope");
  CHECK(vnet.body["apiVersion"] == "2023-04-01");
  CHECK(vnet.body["name"] == "vnet-hub");
  CHECK(vnet.body["type"] == "Microsoft.Network/virtualNetworks");
  CHECK_FALSE(vnet.body.contains("dependsOn"));
}

TEST_CASE("template: a parameters object overrides defaults", "[expand]") {
  DeploymentContext d;
  d.subscription_id = "sub1";
  d.resource_group = "rg1";
  const ExpandResult r = Expand(kVnetTemplate, R"({"vnetName": {"value": "vnet-spoke"}, "location": {"value": "northeurope"}})", d);
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "vnet-spoke");
  CHECK(r.resources[0].id == "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet-spoke");
  CHECK(r.resources[0].body["location"] == "northeurope");
  // Not supplied: still the default.
  CHECK(r.resources[0].body["properties"]["addressSpace"]["addressPrefixes"][0] == "10.0.0.0/16");
}

TEST_CASE("template: parameter names are matched case-insensitively", "[expand]") {
  const ExpandResult r = Expand(kVnetTemplate, R"({"VNETNAME": {"value": "vnet-x"}})");
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "vnet-x");
}

const char* const kRouteTemplate = R"({
  "parameters": {
    "fwIp": {"type": "string"},
    "suffix": {"type": "string", "defaultValue": "-rt"}
  },
  "variables": {"tableSuffix": "[parameters('suffix')]"},
  "resources": [
    {
      "type": "Microsoft.Network/routeTables",
      "name": "[concat('spoke', variables('tableSuffix'))]",
      "properties": {
        "disableBgpRoutePropagation": true,
        "routes": [
          {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance",
                                             "nextHopIpAddress": "[parameters('fwIp')]"}}
        ]
      }
    }
  ]
})";

TEST_CASE("template: a parameter without value or default is an Unknown property with a reason", "[expand]") {
  const ExpandResult r = Expand(kRouteTemplate);
  REQUIRE(r.resources.size() == 1);
  const ExpandedResource& rt = r.resources[0];
  CHECK(rt.name == "spoke-rt");
  CHECK(IsUnknown(rt.body["properties"]["routes"][0]["properties"]["nextHopIpAddress"]));
  CHECK(rt.body["properties"]["routes"][0]["properties"]["addressPrefix"] == "0.0.0.0/0");
  REQUIRE(rt.unknowns.size() == 1);
  CHECK(rt.unknowns[0].path == "/properties/routes/0/properties/nextHopIpAddress");
  CHECK(Contains(rt.unknowns[0].reason, "'fwIp'"));
  CHECK(FindMessage(r, "RL903") == nullptr);
}

TEST_CASE("template: a nullable parameter left unset is null, not Unknown", "[expand]") {
  // Bicep's `param lock lockType?` (languageVersion 2.0).
  const ExpandResult r = Expand(R"({
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "languageVersion": "2.0",
    "parameters": {"lock": {"type": "object", "nullable": true}},
    "resources": {"rt": {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "rt",
                         "properties": {"disableBgpRoutePropagation": "[equals(parameters('lock'), null())]"}}}
  })");
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].unknowns.empty());
  CHECK(r.resources[0].body["properties"]["disableBgpRoutePropagation"] == true);
}

TEST_CASE("template: the value from a parameters file makes it known", "[expand]") {
  const ExpandResult r = Expand(kRouteTemplate, R"({"fwIp": {"value": "10.0.1.4"}})");
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].unknowns.empty());
  CHECK(r.resources[0].body["properties"]["routes"][0]["properties"]["nextHopIpAddress"] == "10.0.1.4");
}

TEST_CASE("template: a Key Vault reference is Unknown with a reason", "[expand]") {
  const ExpandResult r = Expand(kRouteTemplate, R"({"fwIp": {"reference": {"keyVault": {"id": "/x"}, "secretName": "ip"}}})");
  REQUIRE(r.resources.size() == 1);
  REQUIRE(r.resources[0].unknowns.size() == 1);
  CHECK(Contains(r.resources[0].unknowns[0].reason, "Key Vault"));
}

TEST_CASE("template: the Unknown reason survives variables evaluated later in the same expression",
          "[expand]") {
  // The first Unknown met names the parameter; resolving a variable or a
  // parameter default after it (first use, not cached yet) in the same
  // expression must not drop that reason.
  const ExpandResult r = Expand(R"({
    "parameters": {"hubRange": {"type": "string"}, "extra": {"type": "string", "defaultValue": "[concat('10.9', '.0.0/16')]"}},
    "variables": {"spokeRange": "[concat('10.2', '.0.0/16')]"},
    "resources": [
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-a", "properties": {"addressSpace": {
        "addressPrefixes": "[createArray(parameters('hubRange'), variables('spokeRange'))]"}}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-b", "properties": {"addressSpace": {
        "addressPrefixes": "[createArray(parameters('hubRange'), parameters('extra'))]"}}}
    ]
  })");
  INFO(Messages(r));
  REQUIRE(r.resources.size() == 2);
  for (const ExpandedResource& resource : r.resources) {
    INFO(resource.name);
    const Json& prefixes = resource.body["properties"]["addressSpace"]["addressPrefixes"];
    REQUIRE(prefixes.is_array());
    CHECK(IsUnknown(prefixes[0]));
    CHECK_FALSE(IsUnknown(prefixes[1]));
    REQUIRE(resource.unknowns.size() == 1);
    CHECK(resource.unknowns[0].path == "/properties/addressSpace/addressPrefixes");
    CHECK(Contains(resource.unknowns[0].reason, "'hubRange'"));
  }
}

TEST_CASE("template: an unknown resource name is RL900 and the resource is dropped", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"name": {"type": "string"}},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[parameters('name')]"}]
  })");
  CHECK(r.resources.empty());
  const ExpandMessage* m = FindMessage(r, "RL900", "'name'");
  REQUIRE(m != nullptr);
  CHECK(m->pointer == "/resources/0");
}

TEST_CASE("template: variables refer to variables and parameters", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"env": {"type": "string", "defaultValue": "prod"}},
    "variables": {
      "hubName": "[concat(variables('prefix'), '-hub')]",
      "prefix": "[concat('vnet-', parameters('env'))]",
      "settings": {"name": "[variables('HUBNAME')]", "ranges": ["10.0.0.0/16", "[variables('extra')]"]},
      "extra": "10.1.0.0/16"
    },
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[variables('settings').name]",
      "properties": {"addressSpace": {"addressPrefixes": "[variables('settings').ranges]"}}}]
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "vnet-prod-hub");
  CHECK(r.resources[0].body["properties"]["addressSpace"]["addressPrefixes"] ==
        Json::array({"10.0.0.0/16", "10.1.0.0/16"}));
}

TEST_CASE("template: a variable cycle is an RL903 message, not a hang", "[expand]") {
  const ExpandResult r = Expand(R"({
    "variables": {"a": "[concat(variables('b'), 'x')]", "b": "[variables('a')]"},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt",
      "properties": {"disableBgpRoutePropagation": "[variables('a')]"}}]
  })");
  const ExpandMessage* m = FindMessage(r, "RL903", "depends on itself");
  REQUIRE(m != nullptr);
  CHECK(m->pointer == "/resources/0/properties/disableBgpRoutePropagation");
  REQUIRE(r.resources.size() == 1);
  CHECK(IsUnknown(r.resources[0].body["properties"]["disableBgpRoutePropagation"]));
}

TEST_CASE("template: a parameter default that refers to itself is an RL903 message", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"p": {"type": "string", "defaultValue": "[parameters('p')]"}},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"x": "[parameters('p')]"}}]
  })");
  CHECK(FindMessage(r, "RL903", "refers to itself") != nullptr);
}

TEST_CASE("template: an undeclared variable or parameter is an RL903 message", "[expand]") {
  const ExpandResult r = Expand(R"({
    "variables": {},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt",
      "properties": {"a": "[variables('nope')]", "b": "[parameters('nada')]"}}]
  })");
  CHECK(FindMessage(r, "RL903", "'nope'") != nullptr);
  CHECK(FindMessage(r, "RL903", "'nada'") != nullptr);
}

TEST_CASE("template: copy variables", "[expand]") {
  // copy-variables: a variable made by a copy loop, used by a resource.
  const ExpandResult r = Expand(R"({
    "variables": {
      "copy": [
        {"name": "subnetList", "count": 3,
         "input": {"name": "[concat('snet-', copyIndex('subnetList'))]",
                   "properties": {"addressPrefix": "[concat('10.0.', copyIndex('subnetList'), '.0/24')]"}}},
        {"name": "itemForLoop", "count": "[length(range(0, 10))]", "input": "[range(0, 10)[copyIndex('itemForLoop')]]"}
      ]
    },
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet",
      "properties": {"subnets": "[variables('subnetList')]",
                     "big": "[filter(variables('itemForLoop'), lambda('i', greater(lambdaVariables('i'), 5)))]"}}]
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  const Json& subnets = r.resources[0].body["properties"]["subnets"];
  REQUIRE(subnets.is_array());
  REQUIRE(subnets.size() == 3);
  CHECK(subnets[0]["name"] == "snet-0");
  CHECK(subnets[2]["name"] == "snet-2");
  CHECK(subnets[2]["properties"]["addressPrefix"] == "10.0.2.0/24");
  // template-functions-lambda#filter, filteredLoop.
  CHECK(r.resources[0].body["properties"]["big"] == Json::array({6, 7, 8, 9}));
}

TEST_CASE("template: resource copy with copyIndex() names", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"count": {"type": "int", "defaultValue": 3}},
    "resources": [{"type": "Microsoft.Network/virtualNetworks",
      "name": "[concat('vnet-', copyIndex(1))]",
      "copy": {"name": "vnetLoop", "count": "[parameters('count')]"},
      "properties": {"addressSpace": {"addressPrefixes": ["[concat('10.', copyIndex('vnetLoop'), '.0.0/16')]"]}}}]
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 3);
  for (int i = 0; i < 3; ++i) {
    INFO("index " << i);
    CHECK(r.resources[i].name == "vnet-" + std::to_string(i + 1));
    CHECK(r.resources[i].context == "copy 'vnetLoop' index " + std::to_string(i));
    CHECK(r.resources[i].pointer == "/resources/0");
    CHECK(r.resources[i].body["properties"]["addressSpace"]["addressPrefixes"][0] ==
          "10." + std::to_string(i) + ".0.0/16");
    CHECK_FALSE(r.resources[i].body.contains("copy"));
  }
}

TEST_CASE("template: copy count over 800 is RL903 and no resources", "[expand]") {
  const char* const text = R"({
    "parameters": {"count": {"type": "int"}},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
      "copy": {"name": "loop", "count": "[parameters('count')]"}}]
  })";
  ExpandResult r = Expand(text, R"({"count": {"value": 801}})");
  CHECK(r.resources.empty());
  const ExpandMessage* m = FindMessage(r, "RL903", "800");
  REQUIRE(m != nullptr);
  CHECK(m->pointer == "/resources/0/copy/count");

  r = Expand(text, R"({"count": {"value": 800}})");
  CHECK(r.resources.size() == 800);
  CHECK(FindMessage(r, "RL903") == nullptr);

  r = Expand(text, R"({"count": {"value": 0}})");
  CHECK(r.resources.empty());
  CHECK(r.messages.empty());

  r = Expand(text, R"({"count": {"value": -1}})");
  CHECK(r.resources.empty());
  CHECK(FindMessage(r, "RL903", "non-negative") != nullptr);

  // Unknown count: RL900, nothing expanded.
  r = Expand(text);
  CHECK(r.resources.empty());
  CHECK(FindMessage(r, "RL900", "'count'") != nullptr);
}

TEST_CASE("template: an invalid copy count is reported once, at its own pointer", "[expand]") {
  // The error about the first resource's count must not be reported again
  // against the next resource.
  const ExpandResult r = Expand(R"({
    "resources": [
      {"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
       "copy": {"name": "loop", "count": -1}},
      {"type": "Microsoft.Network/routeTables", "name": "rt-next"}
    ]
  })");
  INFO(Messages(r));
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "rt-next");
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0].id == "RL903");
  CHECK(r.messages[0].pointer == "/resources/0/copy/count");
}

TEST_CASE("template: property copy builds the subnets array", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"subnets": {"type": "array", "defaultValue": [
      {"name": "GatewaySubnet", "prefix": "10.0.0.0/27"}, {"name": "AzureFirewallSubnet", "prefix": "10.0.1.0/26"}]}},
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
      "properties": {
        "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
        "copy": [{"name": "subnets", "count": "[length(parameters('subnets'))]",
                  "input": {"name": "[parameters('subnets')[copyIndex('subnets')].name]",
                            "properties": {"addressPrefix": "[parameters('subnets')[copyIndex('subnets')].prefix]"}}}]
      }}]
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  const Json& properties = r.resources[0].body["properties"];
  CHECK_FALSE(properties.contains("copy"));
  REQUIRE(properties["subnets"].is_array());
  REQUIRE(properties["subnets"].size() == 2);
  CHECK(properties["subnets"][0]["name"] == "GatewaySubnet");
  CHECK(properties["subnets"][1]["properties"]["addressPrefix"] == "10.0.1.0/26");
  CHECK(properties["addressSpace"]["addressPrefixes"][0] == "10.0.0.0/16");
}

TEST_CASE("template: an Unknown inside a property copy is reported with its path", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"p": {"type": "string"}},
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet",
      "properties": {"copy": [{"name": "subnets", "count": 2,
        "input": {"name": "[concat('s', copyIndex('subnets'))]",
                  "properties": {"addressPrefix": "[if(equals(copyIndex('subnets'), 1), parameters('p'), '10.0.0.0/24')]"}}}]}}]
  })");
  REQUIRE(r.resources.size() == 1);
  REQUIRE(r.resources[0].unknowns.size() == 1);
  CHECK(r.resources[0].unknowns[0].path == "/properties/subnets/1/properties/addressPrefix");
  CHECK(Contains(r.resources[0].unknowns[0].reason, "'p'"));
}

TEST_CASE("template: conditions", "[expand]") {
  const char* const text = R"({
    "parameters": {"deploy": {"type": "bool"}},
    "resources": [
      {"type": "Microsoft.Network/routeTables", "name": "rt-never", "condition": false},
      {"type": "Microsoft.Network/routeTables", "name": "rt-expr-false", "condition": "[equals('a', 'b')]"},
      {"type": "Microsoft.Network/routeTables", "name": "rt-always", "condition": "[equals('a', 'a')]"},
      {"type": "Microsoft.Network/routeTables", "name": "rt-maybe", "condition": "[parameters('deploy')]"}
    ]
  })";
  ExpandResult r = Expand(text);
  REQUIRE(r.resources.size() == 2);
  CHECK(r.resources[0].name == "rt-always");
  CHECK_FALSE(r.resources[0].condition_unknown);
  CHECK(r.resources[1].name == "rt-maybe");
  CHECK(r.resources[1].condition_unknown);
  CHECK(r.resources[1].pointer == "/resources/3");
  CHECK_FALSE(r.resources[1].body.contains("condition"));

  r = Expand(text, R"({"deploy": {"value": false}})");
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "rt-always");

  r = Expand(text, R"({"deploy": {"value": true}})");
  REQUIRE(r.resources.size() == 2);
  CHECK_FALSE(r.resources[1].condition_unknown);
}

TEST_CASE("template: a condition false in one copy iteration drops only that one", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
      "copy": {"name": "loop", "count": 4}, "condition": "[not(equals(mod(copyIndex(), 2), 1))]"}]
  })");
  REQUIRE(r.resources.size() == 2);
  CHECK(r.resources[0].name == "rt0");
  CHECK(r.resources[1].name == "rt2");
}

TEST_CASE("template: child resources inside a parent's resources get full type, name and id", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{
      "type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
      "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
      "resources": [
        {"type": "subnets", "name": "GatewaySubnet", "dependsOn": ["vnet-hub"],
         "properties": {"addressPrefix": "10.0.0.0/27"}},
        {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "vnet-hub/to-spoke",
         "properties": {"allowForwardedTraffic": true}}
      ]
    }]
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 3);
  CHECK_FALSE(r.resources[0].body.contains("resources"));
  const ExpandedResource& subnet = r.resources[1];
  CHECK(subnet.type == "Microsoft.Network/virtualNetworks/subnets");
  CHECK(subnet.name == "vnet-hub/GatewaySubnet");
  CHECK(subnet.id == "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
                     "Microsoft.Network/virtualNetworks/vnet-hub/subnets/GatewaySubnet");
  CHECK(subnet.pointer == "/resources/0/resources/0");
  CHECK(subnet.body["properties"]["addressPrefix"] == "10.0.0.0/27");
  const ExpandedResource& peering = r.resources[2];
  CHECK(peering.type == "Microsoft.Network/virtualNetworks/virtualNetworkPeerings");
  CHECK(peering.name == "vnet-hub/to-spoke");
  CHECK(peering.pointer == "/resources/0/resources/1");
}

TEST_CASE("template: a name that does not fit its type is RL903", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "only-one-segment"}]
  })");
  CHECK(r.resources.empty());
  CHECK(FindMessage(r, "RL903", "only-one-segment") != nullptr);
}

TEST_CASE("template: languageVersion 2.0 resources by symbolic name, existing ones skipped", "[expand]") {
  const ExpandResult r = Expand(R"({
    "languageVersion": "2.0",
    "parameters": {"vnetName": {"type": "string", "defaultValue": "vnet-spoke"}},
    "resources": {
      "hubVnet": {"type": "Microsoft.Network/virtualNetworks", "existing": true, "name": "vnet-hub"},
      "spoke/vnet": {"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('vnetName')]",
                     "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]}}}
    }
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "vnet-spoke");
  CHECK(r.resources[0].pointer == "/resources/spoke~1vnet");
  CHECK_FALSE(r.resources[0].body.contains("existing"));
}

TEST_CASE("template: a doubled opening bracket escapes a literal one", "[expand]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"jsonArray": {"type": "string", "defaultValue": "[[1,2,3 ]"}},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt",
      "properties": {"literal": "[[not an expression]", "fromJson": "[json(parameters('jsonArray'))]",
                     "plain": "[no closing bracket"}}]
  })");
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  const Json& p = r.resources[0].body["properties"];
  CHECK(p["literal"] == "[not an expression]");
  // template-functions-object#json: "[[1,2,3 ]" is the string "[1,2,3 ]".
  CHECK(p["fromJson"] == Json::array({1, 2, 3}));
  CHECK(p["plain"] == "[no closing bracket");
}

TEST_CASE("template: user-defined functions from the functions section", "[expand]") {
  DeploymentContext d;
  d.resource_group = "rg-net";
  const ExpandResult r = Expand(R"({
    "functions": [{"namespace": "contoso", "members": {
      "vnetName": {"parameters": [{"name": "env", "type": "string"}, {"name": "n", "type": "int"}],
                   "output": {"type": "string", "value": "[format('vnet-{0}-{1}', toLower(parameters('env')), parameters('n'))]"}},
      "rgId": {"parameters": [], "output": {"type": "string", "value": "[resourceGroup().id]"}}
    }}],
    "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[contoso.vnetName('PROD', 2)]",
      "properties": {"rg": "[contoso.rgId()]"}}]
  })", {}, d);
  INFO(Messages(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 1);
  CHECK(r.resources[0].name == "vnet-prod-2");
  CHECK(r.resources[0].body["properties"]["rg"] == "/subscriptions/{subscriptionId}/resourceGroups/rg-net");
}

TEST_CASE("template: an invalid expression is an RL903 message at the property", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt",
      "properties": {"disableBgpRoutePropagation": "[concat('a']"}}]
  })");
  const ExpandMessage* m = FindMessage(r, "RL903", "invalid expression");
  REQUIRE(m != nullptr);
  CHECK(m->pointer == "/resources/0/properties/disableBgpRoutePropagation");
}

TEST_CASE("template: a nested deployment is noted as not expanded", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Resources/deployments", "name": "inner", "properties": {"mode": "Incremental"}}]
  })");
  CHECK(FindMessage(r, "RL900", "inner") != nullptr);
}

TEST_CASE("template: the work bound stops a runaway template", "[expand]") {
  const Json tmpl = Json::parse(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
      "copy": {"name": "loop", "count": 800},
      "properties": {"x": "[length(range(0, 10000))]"}}]
  })");
  EvalSession session(1000);
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, {}, {}, session);
  CHECK(session.exhausted());
  CHECK(FindMessage(r, "RL903", "more work") != nullptr);
}

TEST_CASE("template: schema recognition", "[expand]") {
  CHECK(IsDeploymentTemplateSchema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"));
  CHECK(IsDeploymentTemplateSchema("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"));
  CHECK_FALSE(IsDeploymentTemplateSchema("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"));
  CHECK(IsDeploymentParametersSchema("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"));
  CHECK_FALSE(IsDeploymentTemplateSchema("https://json.schemastore.org/package.json"));
}

// ------------------------------------------------------------ hostile input
// Regression tests for what the fuzzers and the bad-input corpus found.

TEST_CASE("template: a variable copy loop whose name is no string is no copy loop", "[expand]") {
  // Reading the name once threw nlohmann's type_error out of the expander.
  ExpandResult r;
  REQUIRE_NOTHROW(r = Expand(R"({
    "variables": {"copy": [{"name": 7, "count": 2, "input": "x"}]},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"v": "[variables('x')]"}}]
  })"));
  INFO(Messages(r));
  CHECK(FindMessage(r, "RL903", "variable 'x' is not declared") != nullptr);
}

TEST_CASE("template: an output copy loop without a count is no copy loop", "[expand]") {
  // The missing count was once dereferenced (a null pointer).
  ExpandResult r;
  REQUIRE_NOTHROW(r = Expand(R"({
    "resources": [{"type": "Microsoft.Resources/deployments", "name": "mod",
      "properties": {"mode": "Incremental", "template": {"resources": [],
        "outputs": {"o": {"type": "array", "copy": {"input": "x"}}}}}}]
  })"));
  CHECK(r.resources.size() == 1);
}

TEST_CASE("template: errors in a module's outputs are reported where the output is", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Resources/deployments", "name": "mod",
      "properties": {"mode": "Incremental", "template": {"resources": [],
        "outputs": {"o": {"type": "string", "value": "[reference('mod').outputs.o.value]"}}}}}]
  })");
  INFO(Messages(r));
  const ExpandMessage* m = FindMessage(r, "RL903", "cycle");
  REQUIRE(m != nullptr);
  CHECK(m->pointer == "/resources/0/properties/template/outputs/o");
}

TEST_CASE("template: nested property copy loops are bounded by what they build", "[expand]") {
  // 800 x 800 x 800 items: half a billion values if nothing stopped them.
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {
      "copy": [{"name": "a", "count": 800, "input": {
        "copy": [{"name": "b", "count": 800, "input": {
          "copy": [{"name": "c", "count": 800, "input": "some text for each item"}]}}]}}]}}]
  })");
  INFO(Messages(r));
  CHECK(FindMessage(r, "RL903", "larger than the limit") != nullptr);
}

TEST_CASE("template: more resources than the limit is said once", "[expand]") {
  ExpandLimits limits;
  limits.max_resources = 10;
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
      "copy": {"name": "loop", "count": 800}}]
  })", {}, {}, limits);
  CHECK(r.resources.size() == 10);
  size_t said = 0;
  for (const ExpandMessage& m : r.messages) said += Contains(m.message, "more resources than the limit") ? 1 : 0;
  CHECK(said == 1);
}

TEST_CASE("template: one file's messages are capped", "[expand]") {
  // 800 resources, each with an error: a thousand messages and a summary.
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
      "copy": {"name": "loop", "count": 800},
      "properties": {"a": "[div(1, 0)]", "b": "[div(2, 0)]"}}]
  })");
  CHECK(r.messages.size() == 1001);
  CHECK(FindMessage(r, "RL903", "600 more messages") != nullptr);
}

TEST_CASE("template: an absurdly long resource name is not linted", "[expand]") {
  const ExpandResult r = Expand(R"({
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[padLeft('rt', 5000, 'x')]"}]
  })");
  CHECK(r.resources.empty());
  const ExpandMessage* m = FindMessage(r, "RL903", "longer than 1024");
  REQUIRE(m != nullptr);
  CHECK(m->message.size() < 300);
}

TEST_CASE("template: the budget of values built stops amplification across resources", "[expand]") {
  // Each of 800 resources holds 16 copies of a 256 KiB string: 3 GiB in all.
  std::string big = "[concat(";
  for (int i = 0; i < 16; ++i) big += i ? ", variables('s')" : "variables('s')";
  big += ")]";
  Json tmpl = Json::parse(R"({
    "variables": {"s": "[padLeft('', 16384, 'x')]"},
    "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat('rt', copyIndex())]",
      "copy": {"name": "loop", "count": 800},
      "properties": {"copy": [{"name": "many", "count": 16, "input": "[variables('big')]"}]}}]
  })");
  tmpl["variables"]["big"] = big;
  EvalSession session;
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, {}, {}, session);
  CHECK(session.exhausted());
  CHECK(r.resources.size() < 800);
  CHECK(FindMessage(r, "RL903", "more work") != nullptr);
}

}  // namespace
}  // namespace routelint

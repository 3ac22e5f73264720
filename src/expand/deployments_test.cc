// Tests for nested and linked deployments in ExpandTemplate: inner and outer
// expression scope, parameters passed to modules, module outputs read through
// reference(), reference() of resources in the same template (an Azure
// Firewall's predictable private IP), languageVersion 2.0 dependency order,
// resource-group scoped deployments, linked templates through the LinkLoader
// and the nesting depth limit.
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

size_t CountMessages(const ExpandResult& r, std::string_view id, std::string_view text = {}) {
  size_t n = 0;
  for (const ExpandMessage& m : r.messages) n += m.id == id && Contains(m.message, text);
  return n;
}

// The messages of an expansion, for INFO().
std::string Messages(const ExpandResult& r) {
  std::string out;
  for (const ExpandMessage& m : r.messages) out += m.id + " " + m.file + "#" + m.pointer + ": " + m.message + "\n";
  return out;
}

// The resources of an expansion, one a line, for INFO().
std::string Resources(const ExpandResult& r) {
  std::string out;
  for (const ExpandedResource& x : r.resources) {
    out += x.type + " " + x.name + " @" + x.file + "#" + x.pointer + " [" + x.context + "]\n";
  }
  return out;
}

const ExpandedResource* FindResource(const ExpandResult& r, std::string_view name) {
  for (const ExpandedResource& x : r.resources) {
    if (x.name == name) return &x;
  }
  return nullptr;
}

size_t CountOfType(const ExpandResult& r, std::string_view type) {
  size_t n = 0;
  for (const ExpandedResource& x : r.resources) n += EqualsIgnoreCase(x.type, type);
  return n;
}

const UnknownProperty* FindUnknown(const ExpandedResource& r, std::string_view path) {
  for (const UnknownProperty& u : r.unknowns) {
    if (u.path == path) return &u;
  }
  return nullptr;
}

// The first route's next hop of a route table, as expanded.
const Json& NextHop(const ExpandedResource& rt) {
  return rt.body["properties"]["routes"][0]["properties"]["nextHopIpAddress"];
}

constexpr std::string_view kNextHopPath = "/properties/routes/0/properties/nextHopIpAddress";

// ------------------------------------------------------------ inner scope

const char* const kInnerScope = R"({
  "parameters": {
    "hubFw": {"type": "string"},
    "prefix": {"type": "string", "defaultValue": "10.1.0.0/16"}
  },
  "variables": {"parentOnly": "from-parent"},
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "spoke",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {
          "fwIp": {"value": "[parameters('hubFw')]"},
          "space": {"value": "[parameters('prefix')]"}
        },
        "template": {
          "parameters": {
            "fwIp": {"type": "string"},
            "space": {"type": "string"},
            "prefix": {"type": "string", "defaultValue": "inner-default"}
          },
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "name": "rt-spoke",
              "properties": {"routes": [{"name": "default", "properties": {
                "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance",
                "nextHopIpAddress": "[parameters('fwIp')]"}}]}
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "name": "vnet-spoke",
              "properties": {"addressSpace": {"addressPrefixes": ["[parameters('space')]"]},
                             "note": "[parameters('prefix')]",
                             "deploymentName": "[deployment().name]"}
            }
          ]
        }
      }
    }
  ]
})";

TEST_CASE("deployments: inner scope parameters receive the values the parent passes", "[expand][deployments]") {
  const ExpandResult r = Expand(kInnerScope, R"({"hubFw": {"value": "10.0.1.4"}})");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 3);
  const ExpandedResource& module = r.resources[0];
  CHECK(module.type == "Microsoft.Resources/deployments");
  CHECK(module.name == "spoke");
  CHECK(module.id == "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
                     "Microsoft.Resources/deployments/spoke");
  CHECK(module.pointer == "/resources/0");
  CHECK(module.context.empty());

  const ExpandedResource* rt = FindResource(r, "rt-spoke");
  REQUIRE(rt != nullptr);
  CHECK(NextHop(*rt) == "10.0.1.4");
  CHECK(rt->unknowns.empty());
  CHECK(rt->pointer == "/resources/0/properties/template/resources/0");
  CHECK(rt->context == "module 'spoke'");
  CHECK(rt->file.empty());

  const ExpandedResource* vnet = FindResource(r, "vnet-spoke");
  REQUIRE(vnet != nullptr);
  CHECK(vnet->pointer == "/resources/0/properties/template/resources/1");
  CHECK(vnet->context == "module 'spoke'");
  // The parent's parameter value, passed in...
  CHECK(vnet->body["properties"]["addressSpace"]["addressPrefixes"] == Json::array({"10.1.0.0/16"}));
  // ...but a parameter of the same name inside is the nested template's own.
  CHECK(vnet->body["properties"]["note"] == "inner-default");
  CHECK(vnet->body["properties"]["deploymentName"] == "spoke");
}

TEST_CASE("deployments: a value passed from an Unknown parent parameter is Unknown inside, naming it",
          "[expand][deployments]") {
  const ExpandResult r = Expand(kInnerScope);
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903") == nullptr);
  REQUIRE(r.resources.size() == 3);
  // The deployment itself records the Unknown parameter value it passes.
  const UnknownProperty* passed = FindUnknown(r.resources[0], "/properties/parameters/fwIp/value");
  REQUIRE(passed != nullptr);
  CHECK(Contains(passed->reason, "'hubFw'"));

  const ExpandedResource* rt = FindResource(r, "rt-spoke");
  REQUIRE(rt != nullptr);
  CHECK(IsUnknown(NextHop(*rt)));
  CHECK(rt->body["properties"]["routes"][0]["properties"]["addressPrefix"] == "0.0.0.0/0");
  REQUIRE(rt->unknowns.size() == 1);
  CHECK(rt->unknowns[0].path == kNextHopPath);
  CHECK(Contains(rt->unknowns[0].reason, "'hubFw'"));
  // The other, known parameter is unaffected.
  const ExpandedResource* vnet = FindResource(r, "vnet-spoke");
  REQUIRE(vnet != nullptr);
  CHECK(vnet->unknowns.empty());
  CHECK(vnet->body["properties"]["addressSpace"]["addressPrefixes"][0] == "10.1.0.0/16");
}

TEST_CASE("deployments: an inner-scope template does not see the parent's variables", "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "variables": {"rtName": "rt-parent", "parentOnly": "from-parent"},
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "m",
      "properties": {
        "expressionEvaluationOptions": {"scope": "Inner"},
        "template": {
          "variables": {"rtName": "rt-inner"},
          "resources": [
            {"type": "Microsoft.Network/routeTables", "name": "[variables('rtName')]"},
            {"type": "Microsoft.Network/routeTables", "name": "rt-2", "properties": {"x": "[variables('parentOnly')]"}}
          ]
        }
      }
    }],
    "outputs": {}
  })");
  INFO(Messages(r) << Resources(r));
  CHECK(FindResource(r, "rt-inner") != nullptr);
  CHECK(FindResource(r, "rt-parent") == nullptr);
  CHECK(FindMessage(r, "RL903", "'parentOnly'") != nullptr);
}

TEST_CASE("deployments: copy loops of modules give each nested resource its module context",
          "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "resources": [{
      "type": "Microsoft.Resources/deployments",
      "name": "[concat('spoke-', copyIndex())]",
      "copy": {"name": "spokes", "count": 2},
      "properties": {
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"i": {"value": "[copyIndex()]"}},
        "template": {
          "parameters": {"i": {"type": "int"}},
          "resources": [
            {"type": "Microsoft.Network/routeTables", "name": "[concat('rt-', string(parameters('i')))]"},
            {"type": "Microsoft.Network/networkSecurityGroups", "name": "[concat('nsg-', string(parameters('i')), '-', copyIndex())]",
             "copy": {"name": "nsgs", "count": 2}}
          ]
        }
      }
    }]
  })");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 8);
  const ExpandedResource* spoke1 = FindResource(r, "spoke-1");
  REQUIRE(spoke1 != nullptr);
  CHECK(spoke1->context == "copy 'spokes' index 1");
  CHECK(spoke1->pointer == "/resources/0");

  const ExpandedResource* rt0 = FindResource(r, "rt-0");
  const ExpandedResource* rt1 = FindResource(r, "rt-1");
  REQUIRE(rt0 != nullptr);
  REQUIRE(rt1 != nullptr);
  CHECK(rt0->context == "copy 'spokes' index 0 › module 'spoke-0'");
  CHECK(rt1->context == "copy 'spokes' index 1 › module 'spoke-1'");
  CHECK(rt1->pointer == "/resources/0/properties/template/resources/0");

  const ExpandedResource* nsg = FindResource(r, "nsg-1-1");
  REQUIRE(nsg != nullptr);
  CHECK(nsg->context == "copy 'spokes' index 1 › module 'spoke-1' › copy 'nsgs' index 1");
  CHECK(nsg->pointer == "/resources/0/properties/template/resources/1");
}

TEST_CASE("deployments: nested modules stack their contexts and pointers", "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "outer",
      "properties": {
        "expressionEvaluationOptions": {"scope": "inner"},
        "template": {"resources": [
          {"type": "Microsoft.Network/routeTables", "name": "rt-a"},
          {"type": "Microsoft.Resources/deployments", "name": "inner",
           "properties": {"expressionEvaluationOptions": {"scope": "inner"},
                          "template": {"resources": [{"type": "Microsoft.Network/routeTables", "name": "rt-b"}]}}}
        ]}
      }
    }]
  })");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* rt = FindResource(r, "rt-b");
  REQUIRE(rt != nullptr);
  CHECK(rt->context == "module 'outer' › module 'inner'");
  CHECK(rt->pointer == "/resources/0/properties/template/resources/1/properties/template/resources/0");
}

// ------------------------------------------------------------ outer scope

TEST_CASE("deployments: an outer-scope nested template sees the parent's parameters and variables",
          "[expand][deployments]") {
  const char* const scope_member = GENERATE(as<const char*>{}, "", R"("expressionEvaluationOptions": {"scope": "outer"},)");
  const std::string text = std::string(R"({
    "parameters": {"fwIp": {"type": "string", "defaultValue": "10.0.1.4"}},
    "variables": {"rtName": "rt-outer"},
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "outerMod",
      "properties": {)") + scope_member + R"(
        "mode": "Incremental",
        "template": {
          "parameters": {"fwIp": {"type": "string", "defaultValue": "9.9.9.9"}},
          "variables": {"rtName": "rt-nested"},
          "resources": [{
            "type": "Microsoft.Network/routeTables", "name": "[variables('rtName')]",
            "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress": "[parameters('fwIp')]"}}]}
          }]
        }
      }
    }]
  })";
  INFO(scope_member);
  const ExpandResult r = Expand(text);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 2);
  const ExpandedResource& rt = r.resources[1];
  CHECK(rt.name == "rt-outer");
  CHECK(NextHop(rt) == "10.0.1.4");
  CHECK(rt.context == "module 'outerMod'");
  CHECK(rt.pointer == "/resources/0/properties/template/resources/0");
}

TEST_CASE("deployments: an outer-scope value left Unknown by the parent names the parent's parameter",
          "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"fwIp": {"type": "string"}},
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "m",
      "properties": {"template": {"resources": [{
        "type": "Microsoft.Network/routeTables", "name": "rt",
        "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress": "[parameters('fwIp')]"}}]}}]}}
    }]
  })");
  INFO(Messages(r) << Resources(r));
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(IsUnknown(NextHop(*rt)));
  REQUIRE(rt->unknowns.size() == 1);
  CHECK(rt->unknowns[0].path == kNextHopPath);
  CHECK(Contains(rt->unknowns[0].reason, "'fwIp'"));
}

TEST_CASE("deployments: an outer-scope value read through a parent variable names the parent's parameter",
          "[expand][deployments]") {
  // The variable is Unknown because of 'fwIp'; the nested resource that
  // reads it should say so, not only "decided at deployment".
  const ExpandResult r = Expand(R"({
    "parameters": {"fwIp": {"type": "string"}},
    "variables": {"hop": "[parameters('fwIp')]", "route": {"ip": "[parameters('fwIp')]"}},
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "m",
      "properties": {"template": {"resources": [{
        "type": "Microsoft.Network/routeTables", "name": "rt",
        "properties": {"a": "[variables('hop')]", "b": "[variables('route').ip]"}}]}}
    }]
  })");
  INFO(Messages(r) << Resources(r));
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  REQUIRE(rt->unknowns.size() == 2);
  for (const UnknownProperty& u : rt->unknowns) {
    INFO(u.path << ": " << u.reason);
    CHECK(Contains(u.reason, "'fwIp'"));
  }
}

TEST_CASE("deployments: an inner parameter defaulting to a passed Unknown value names the parent's parameter",
          "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"hubFw": {"type": "string"}},
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "m",
      "properties": {
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"fw": {"value": "[parameters('hubFw')]"}},
        "template": {
          "parameters": {"fw": {"type": "string"}, "hop": {"type": "string", "defaultValue": "[parameters('fw')]"}},
          "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"a": "[parameters('hop')]"}}]
        }
      }
    }]
  })");
  INFO(Messages(r) << Resources(r));
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  REQUIRE(rt->unknowns.size() == 1);
  INFO(rt->unknowns[0].reason);
  CHECK(Contains(rt->unknowns[0].reason, "'hubFw'"));
}

// ------------------------------------------------------------ outputs

// A route table that reads the hub module's output `fwIp` (expression `read`)
// placed before or after the module.
std::string HubOutputTemplate(std::string_view read, bool module_first) {
  const std::string rt = std::string(R"({
    "type": "Microsoft.Network/routeTables", "name": "rt-spoke",
    "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress": ")") + std::string(read) + R"("}}]}
  })";
  const std::string hub = R"({
    "type": "Microsoft.Resources/deployments", "name": "hub",
    "properties": {
      "expressionEvaluationOptions": {"scope": "inner"},
      "parameters": {"octet": {"value": 1}},
      "template": {
        "parameters": {"octet": {"type": "int"}},
        "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub"}],
        "outputs": {
          "fwIp": {"type": "string", "value": "[format('10.0.{0}.4', parameters('octet'))]"},
          "ips": {"type": "array", "copy": {"count": 3, "input": "[concat('10.0.', string(copyIndex()), '.4')]"}}
        }
      }
    }
  })";
  return "{\"resources\": [" + (module_first ? hub + "," + rt : rt + "," + hub) + "]}";
}

TEST_CASE("deployments: the parent reads a module's outputs through reference()", "[expand][deployments]") {
  const bool module_first = GENERATE(true, false);
  const char* const read = GENERATE(as<const char*>{},
                                    "[reference(resourceId('Microsoft.Resources/deployments', 'hub')).outputs.fwIp.value]",
                                    "[reference('hub').outputs.fwIp.value]",
                                    "[reference('hub', '2022-09-01').outputs.ips.value[1]]",
                                    "[reference(resourceId('Microsoft.Resources/deployments', 'hub'), '2022-09-01').outputs['ips'].value[1]]");
  INFO("read " << read << (module_first ? ", module first" : ", module after its use"));
  const ExpandResult r = Expand(HubOutputTemplate(read, module_first));
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  // Expanded once, however often and wherever it is referenced.
  CHECK(CountOfType(r, "Microsoft.Resources/deployments") == 1);
  CHECK(CountOfType(r, "Microsoft.Network/virtualNetworks") == 1);
  CHECK(r.resources.size() == 3);
  const ExpandedResource* rt = FindResource(r, "rt-spoke");
  REQUIRE(rt != nullptr);
  CHECK(rt->unknowns.empty());
  CHECK(NextHop(*rt) == "10.0.1.4");
  CHECK(rt->context.empty());
  // The module's resources still carry their module context when expanded on demand.
  const ExpandedResource* vnet = FindResource(r, "vnet-hub");
  REQUIRE(vnet != nullptr);
  CHECK(vnet->context == "module 'hub'");
  CHECK(vnet->pointer == (module_first ? "/resources/0/properties/template/resources/0"
                                       : "/resources/1/properties/template/resources/0"));
}

TEST_CASE("deployments: an output copy builds an array output", "[expand][deployments]") {
  const ExpandResult r = Expand(HubOutputTemplate("[string(reference('hub').outputs.ips.value)]", false));
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* rt = FindResource(r, "rt-spoke");
  REQUIRE(rt != nullptr);
  CHECK(NextHop(*rt) == R"(["10.0.0.4","10.0.1.4","10.0.2.4"])");
}

TEST_CASE("deployments: a module output left Unknown is Unknown in the parent, with the module's reason",
          "[expand][deployments]") {
  const bool module_first = GENERATE(true, false);
  const std::string hub = R"({
    "type": "Microsoft.Resources/deployments", "name": "hub",
    "properties": {
      "expressionEvaluationOptions": {"scope": "inner"},
      "parameters": {"fw": {"value": "[parameters('hubFwIp')]"}},
      "template": {
        "parameters": {"fw": {"type": "string"}},
        "outputs": {"fwIp": {"type": "string", "value": "[parameters('fw')]"}}
      }
    }
  })";
  const std::string rt = R"({
    "type": "Microsoft.Network/routeTables", "name": "rt-spoke",
    "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress": "[reference('hub').outputs.fwIp.value]"}}]}
  })";
  const std::string text = R"({"parameters": {"hubFwIp": {"type": "string"}}, "resources": [)" +
                           (module_first ? hub + "," + rt : rt + "," + hub) + "]}";
  INFO((module_first ? "module first" : "module after its use"));
  const ExpandResult r = Expand(text);
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903") == nullptr);
  const ExpandedResource* route_table = FindResource(r, "rt-spoke");
  REQUIRE(route_table != nullptr);
  CHECK(IsUnknown(NextHop(*route_table)));
  REQUIRE(route_table->unknowns.size() == 1);
  INFO("reason: " << route_table->unknowns[0].reason);
  CHECK(Contains(route_table->unknowns[0].reason, "'hubFwIp'"));
}

TEST_CASE("deployments: reference() to an undeclared deployment is Unknown with a reason", "[expand][deployments]") {
  const ExpandResult r = Expand(R"({"resources": [{
    "type": "Microsoft.Network/routeTables", "name": "rt",
    "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress":
      "[reference(resourceId('Microsoft.Resources/deployments', 'elsewhere')).outputs.fwIp.value]"}}]}}]})");
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903") == nullptr);
  REQUIRE(r.resources.size() == 1);
  CHECK(IsUnknown(NextHop(r.resources[0])));
  REQUIRE(r.resources[0].unknowns.size() == 1);
  CHECK(Contains(r.resources[0].unknowns[0].reason, "'elsewhere'"));
}

// Each deployment passes the other's output in: ARM rejects the cycle.
std::string CycleTemplate(bool by_id, bool third_first) {
  auto module = [by_id](const std::string& name, const std::string& other) {
    const std::string read = by_id ? "[reference(resourceId('Microsoft.Resources/deployments', '" + other + "')).outputs.y.value]"
                                   : "[reference('" + other + "').outputs.y.value]";
    return R"({"type": "Microsoft.Resources/deployments", "name": ")" + name + R"(",
      "properties": {
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"x": {"value": ")" + read + R"("}},
        "template": {"parameters": {"x": {"type": "string"}},
                     "outputs": {"y": {"type": "string", "value": "[parameters('x')]"}}}}})";
  };
  const std::string reader = R"({"type": "Microsoft.Network/routeTables", "name": "rt",
    "properties": {"x": "[reference('a').outputs.y.value]"}})";
  return "{\"resources\": [" + (third_first ? reader + "," : std::string()) + module("a", "b") + "," + module("b", "a") + "]}";
}

TEST_CASE("deployments: a cycle of module references is RL903 and terminates", "[expand][deployments]") {
  // A resource declared first reads 'a', whose parameters read 'b', whose
  // parameters read 'a' again.
  const bool by_id = GENERATE(true, false);
  INFO((by_id ? "by id" : "by name"));
  const ExpandResult r = Expand(CycleTemplate(by_id, true));
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903", "cycle") != nullptr);
  CHECK(CountOfType(r, "Microsoft.Resources/deployments") == 2);
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(IsUnknown(rt->body["properties"]["x"]));
}

TEST_CASE("deployments: a cycle of module references found while the modules come up in order",
          "[expand][deployments]") {
  // Declaration order a, b: a's parameters expand b on demand, whose
  // parameters read a, which is still being expanded. ARM rejects this
  // template ("circular dependency"); the cycle deserves the same RL903 as
  // when a third resource starts it.
  const bool by_id = GENERATE(true, false);
  INFO((by_id ? "by id" : "by name"));
  const ExpandResult r = Expand(CycleTemplate(by_id, false));
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903", "cycle") != nullptr);
}

TEST_CASE("deployments: a module reading a sibling module's output, declared later", "[expand][deployments]") {
  const ExpandResult r = Expand(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "spoke",
     "properties": {"expressionEvaluationOptions": {"scope": "inner"},
       "parameters": {"fwIp": {"value": "[reference('hub').outputs.fwIp.value]"}},
       "template": {"parameters": {"fwIp": {"type": "string"}},
         "resources": [{"type": "Microsoft.Network/routeTables", "name": "rt-spoke",
           "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress": "[parameters('fwIp')]"}}]}}]}}},
    {"type": "Microsoft.Resources/deployments", "name": "hub",
     "properties": {"expressionEvaluationOptions": {"scope": "inner"},
       "template": {"outputs": {"fwIp": {"type": "string", "value": "10.0.1.4"}}}}}
  ]})");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  CHECK(CountOfType(r, "Microsoft.Resources/deployments") == 2);
  const ExpandedResource* rt = FindResource(r, "rt-spoke");
  REQUIRE(rt != nullptr);
  CHECK(NextHop(*rt) == "10.0.1.4");
  CHECK(rt->context == "module 'spoke'");
}

TEST_CASE("deployments: an Unknown met before an on-demand module expansion keeps its reason",
          "[expand][deployments]") {
  // The first Unknown of an expression names its cause, even when a later
  // part of the same expression makes the module 'hub' expand on demand.
  const bool module_first = GENERATE(true, false);
  const std::string hub = R"({
    "type": "Microsoft.Resources/deployments", "name": "hub",
    "properties": {"expressionEvaluationOptions": {"scope": "inner"},
      "template": {"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub"}],
                   "outputs": {"fwIp": {"type": "string", "value": "10.0.1.4"}}}}
  })";
  const std::string rt = R"({
    "type": "Microsoft.Network/routeTables", "name": "rt",
    "properties": {"hops": "[createArray(parameters('otherFw'), reference('hub').outputs.fwIp.value)]"}
  })";
  const std::string text = R"({"parameters": {"otherFw": {"type": "string"}}, "resources": [)" +
                           (module_first ? hub + "," + rt : rt + "," + hub) + "]}";
  INFO((module_first ? "module first" : "module after its use"));
  const ExpandResult r = Expand(text);
  INFO(Messages(r) << Resources(r));
  const ExpandedResource* table = FindResource(r, "rt");
  REQUIRE(table != nullptr);
  const Json& hops = table->body["properties"]["hops"];
  REQUIRE(hops.is_array());
  REQUIRE(hops.size() == 2);
  CHECK(IsUnknown(hops[0]));
  CHECK(hops[1] == "10.0.1.4");
  REQUIRE(table->unknowns.size() == 1);
  CHECK(Contains(table->unknowns[0].reason, "'otherFw'"));
}

TEST_CASE("deployments: a module expanded on demand from a copy loop does not see that loop",
          "[expand][deployments]") {
  // copyIndex() in a deployment that is not in a copy loop is an error in
  // ARM, whether or not a copy-looped resource referenced the deployment
  // before its declaration came up.
  const bool module_first = GENERATE(true, false);
  const std::string hub = R"({
    "type": "Microsoft.Resources/deployments", "name": "hub",
    "properties": {"expressionEvaluationOptions": {"scope": "inner"},
      "parameters": {"i": {"value": "[copyIndex()]"}},
      "template": {"parameters": {"i": {"type": "int"}},
                   "outputs": {"fwIp": {"type": "string", "value": "10.0.1.4"}}}}
  })";
  const std::string rt = R"({
    "type": "Microsoft.Network/routeTables", "name": "[concat('rt-', copyIndex())]",
    "copy": {"name": "rts", "count": 2},
    "properties": {"x": "[reference('hub').outputs.fwIp.value]"}
  })";
  const std::string text = "{\"resources\": [" + (module_first ? hub + "," + rt : rt + "," + hub) + "]}";
  INFO((module_first ? "module first" : "module after its use"));
  const ExpandResult r = Expand(text);
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903", "copyIndex() outside a copy loop") != nullptr);
}

// ------------------------------------------------------------ reference() of resources

const char* const kFirewallInlineSubnet = R"({
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
     "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                    "subnets": [{"name": "GatewaySubnet", "properties": {"addressPrefix": "10.0.0.0/27"}},
                                {"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.0.1.0/26"}}]}},
    {"type": "Microsoft.Network/publicIPAddresses", "name": "pip-fw",
     "properties": {"publicIPAllocationMethod": "Static"}},
    {"type": "Microsoft.Network/azureFirewalls", "name": "fw-hub",
     "properties": {"ipConfigurations": [{"name": "cfg", "properties": {
       "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"},
       "publicIPAddress": {"id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-fw')]"}}}]}},
    {"type": "Microsoft.Network/routeTables", "name": "rt",
     "properties": {
       "byId": "[reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-hub')).ipConfigurations[0].properties.privateIPAddress]",
       "byName": "[reference('fw-hub', '2023-04-01').ipConfigurations[0].properties.privateIPAddress]",
       "full": "[reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-hub'), '2023-04-01', 'Full').properties.ipConfigurations[0].properties.privateIPAddress]",
       "fullId": "[reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-hub'), '2023-04-01', 'Full').id]"
     }}
  ]
})";

TEST_CASE("deployments: reference() of a firewall gives the first assignable address of its inline subnet",
          "[expand][deployments]") {
  const ExpandResult r = Expand(kFirewallInlineSubnet);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(rt->unknowns.empty());
  const Json& p = rt->body["properties"];
  CHECK(p["byId"] == "10.0.1.4");
  CHECK(p["byName"] == "10.0.1.4");
  CHECK(p["full"] == "10.0.1.4");
  CHECK(p["fullId"] == "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
                       "Microsoft.Network/azureFirewalls/fw-hub");
  // The firewall's own expanded body is not changed by reference().
  const ExpandedResource* fw = FindResource(r, "fw-hub");
  REQUIRE(fw != nullptr);
  CHECK_FALSE(fw->body["properties"]["ipConfigurations"][0]["properties"].contains("privateIPAddress"));
}

TEST_CASE("deployments: reference() of a firewall whose subnet is a child resource", "[expand][deployments]") {
  const bool nested_child = GENERATE(true, false);
  const std::string subnet = nested_child
      ? R"({"type": "subnets", "name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.0.2.64/26"}})"
      : R"({"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet-hub/AzureFirewallSubnet",
            "properties": {"addressPrefix": "10.0.2.64/26"}})";
  const std::string text = std::string(R"({"resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
     "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}})") +
                           (nested_child ? ", \"resources\": [" + subnet + "]}" : "}," + subnet) + R"(,
    {"type": "Microsoft.Network/azureFirewalls", "name": "fw-hub",
     "properties": {"ipConfigurations": [{"name": "cfg", "properties": {
       "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"}}}]}},
    {"type": "Microsoft.Network/routeTables", "name": "rt",
     "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress":
       "[reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-hub')).ipConfigurations[0].properties.privateIPAddress]"}}]}}
  ]})";
  INFO((nested_child ? "subnet declared inside the VNet's resources" : "subnet declared top-level"));
  const ExpandResult r = Expand(text);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(rt->unknowns.empty());
  CHECK(NextHop(*rt) == "10.0.2.68");
}

TEST_CASE("deployments: a NIC's static private IP comes back as written", "[expand][deployments]") {
  const ExpandResult r = Expand(R"({"resources": [
    {"type": "Microsoft.Network/networkInterfaces", "name": "nic-nva",
     "properties": {"enableIPForwarding": true, "ipConfigurations": [{"name": "ip1", "properties": {
       "privateIPAllocationMethod": "Static", "privateIPAddress": "10.0.2.10",
       "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'nva')]"}}}]}},
    {"type": "Microsoft.Network/routeTables", "name": "rt",
     "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress":
       "[reference(resourceId('Microsoft.Network/networkInterfaces', 'nic-nva')).ipConfigurations[0].properties.privateIPAddress]"}}],
       "forwarding": "[reference('nic-nva').enableIPForwarding]"}}
  ]})");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(rt->unknowns.empty());
  CHECK(NextHop(*rt) == "10.0.2.10");
  CHECK(rt->body["properties"]["forwarding"] == true);
}

TEST_CASE("deployments: a member of a referenced resource the template never wrote is Unknown, not an error",
          "[expand][deployments]") {
  const char* const read = GENERATE(as<const char*>{},
                                    "[reference('pip-fw').ipAddress]",
                                    "[reference(resourceId('Microsoft.Network/publicIPAddresses', 'pip-fw')).ipAddress]",
                                    "[reference('fw-hub').provisioningState]",
                                    "[reference('fw-hub').ipConfigurations[0].properties.whatever]",
                                    "[reference('fw-hub').ipConfigurations[0].properties.subnet.etag]",
                                    "[reference('pip-fw', '2023-04-01', 'Full').properties.ipAddress]",
                                    "[reference('pip-fw', '2023-04-01', 'Full').etag]");
  INFO(read);
  Json tmpl = Json::parse(kFirewallInlineSubnet);
  tmpl["resources"][3]["properties"] = {{"x", read}};
  EvalSession session;
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session);
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903") == nullptr);
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(IsUnknown(rt->body["properties"]["x"]));
  REQUIRE(rt->unknowns.size() == 1);
  CHECK(rt->unknowns[0].path == "/properties/x");
  CHECK(Contains(rt->unknowns[0].reason, "known only after deployment"));
}

TEST_CASE("deployments: a member missing from a resource's state read with a wrong index is still an error",
          "[expand][deployments]") {
  // Unknown covers what Azure adds at deployment; an index past the end of
  // an array the template wrote is the template's own mistake.
  Json tmpl = Json::parse(kFirewallInlineSubnet);
  tmpl["resources"][3]["properties"] = {{"x", "[reference('fw-hub').ipConfigurations[5].properties.privateIPAddress]"}};
  EvalSession session;
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session);
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903", "out of range") != nullptr);
}

TEST_CASE("deployments: reference() of a resource not in the template is Unknown with a reason",
          "[expand][deployments]") {
  const char* const read = GENERATE(as<const char*>{},
                                    "[reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-elsewhere')).ipConfigurations[0].properties.privateIPAddress]",
                                    "[reference(resourceId('rg-other', 'Microsoft.Network/azureFirewalls', 'fw-hub')).ipConfigurations[0].properties.privateIPAddress]",
                                    "[reference('fw-elsewhere').ipConfigurations[0].properties.privateIPAddress]");
  INFO(read);
  Json tmpl = Json::parse(kFirewallInlineSubnet);
  tmpl["resources"][3]["properties"] = {{"x", read}};
  EvalSession session;
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session);
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903") == nullptr);
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(IsUnknown(rt->body["properties"]["x"]));
  REQUIRE(rt->unknowns.size() == 1);
  CHECK(Contains(rt->unknowns[0].reason, "reference('"));
  CHECK(Contains(rt->unknowns[0].reason, "known only at deployment"));
}

TEST_CASE("deployments: the parent reads the private IP of a firewall a module deploys", "[expand][deployments]") {
  // Resources of every frame are visible to reference() by id, and the
  // module's own output can read its firewall too.
  const ExpandResult r = Expand(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "hub", "resourceGroup": "rg-hub",
     "properties": {"expressionEvaluationOptions": {"scope": "inner"},
       "template": {
         "resources": [
           {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
            "properties": {"subnets": [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.8.0.0/26"}}]}},
           {"type": "Microsoft.Network/azureFirewalls", "name": "fw",
            "properties": {"ipConfigurations": [{"name": "c", "properties": {"subnet": {"id":
              "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"}}}]}}
         ],
         "outputs": {"fwIp": {"type": "string", "value": "[reference('fw').ipConfigurations[0].properties.privateIPAddress]"}}
       }}},
    {"type": "Microsoft.Network/routeTables", "name": "rt",
     "properties": {
       "byId": "[reference(resourceId('rg-hub', 'Microsoft.Network/azureFirewalls', 'fw')).ipConfigurations[0].properties.privateIPAddress]",
       "byOutput": "[reference('hub').outputs.fwIp.value]"}}
  ]})");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(rt->unknowns.empty());
  CHECK(rt->body["properties"]["byId"] == "10.8.0.4");
  CHECK(rt->body["properties"]["byOutput"] == "10.8.0.4");
}

// ------------------------------------------------------------ languageVersion 2.0

TEST_CASE("deployments: languageVersion 2.0 expands in dependsOn order, not key order", "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "languageVersion": "2.0",
    "resources": {
      "aRouteTable": {
        "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt-spoke",
        "dependsOn": ["zFirewall"],
        "properties": {"routes": [{"name": "d", "properties": {"nextHopType": "VirtualAppliance",
          "nextHopIpAddress": "[reference('zFirewall').ipConfigurations[0].properties.privateIPAddress]"}}]}
      },
      "zFirewall": {
        "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-04-01", "name": "fw-hub",
        "dependsOn": ["mVnet"],
        "properties": {"ipConfigurations": [{"name": "c", "properties": {"subnet": {"id":
          "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]"}}}]}
      },
      "mVnet": {
        "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "vnet-hub",
        "properties": {"subnets": [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.0.1.0/26"}}]}
      }
    }
  })");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 3);
  CHECK(r.resources[0].name == "vnet-hub");
  CHECK(r.resources[1].name == "fw-hub");
  CHECK(r.resources[2].name == "rt-spoke");
  CHECK(r.resources[2].pointer == "/resources/aRouteTable");
  CHECK(r.resources[2].unknowns.empty());
  CHECK(NextHop(r.resources[2]) == "10.0.1.4");
}

TEST_CASE("deployments: languageVersion 2.0 reference() of a copy-looped module symbol", "[expand][deployments]") {
  const bool with_depends_on = GENERATE(true, false);
  const std::string text = std::string(R"({
    "languageVersion": "2.0",
    "resources": {
      "aTable": {
        "type": "Microsoft.Network/routeTables", "name": "rt",)") +
                           (with_depends_on ? R"("dependsOn": ["mods"],)" : "") + R"(
        "properties": {"second": "[reference('mods[1]').outputs.name.value]",
                       "third": "[reference('mods[2]', '2022-09-01').outputs.name.value]"}
      },
      "mods": {
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
        "name": "[format('mod-{0}', copyIndex())]",
        "copy": {"name": "mods", "count": 3},
        "properties": {
          "expressionEvaluationOptions": {"scope": "inner"},
          "parameters": {"i": {"value": "[copyIndex()]"}},
          "template": {"parameters": {"i": {"type": "int"}},
                       "outputs": {"name": {"type": "string", "value": "[format('out-{0}', parameters('i'))]"}}}
        }
      }
    }
  })";
  INFO((with_depends_on ? "with dependsOn" : "expanded on demand"));
  const ExpandResult r = Expand(text);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  CHECK(CountOfType(r, "Microsoft.Resources/deployments") == 3);
  CHECK(FindResource(r, "mod-0") != nullptr);
  CHECK(FindResource(r, "mod-1") != nullptr);
  CHECK(FindResource(r, "mod-2") != nullptr);
  const ExpandedResource* mod1 = FindResource(r, "mod-1");
  REQUIRE(mod1 != nullptr);
  CHECK(mod1->context == "copy 'mods' index 1");
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(rt->unknowns.empty());
  CHECK(rt->body["properties"]["second"] == "out-1");
  CHECK(rt->body["properties"]["third"] == "out-2");
}

TEST_CASE("deployments: languageVersion 2.0 existing symbols read through reference() are Unknown",
          "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "languageVersion": "2.0",
    "resources": {
      "hubFw": {"type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-04-01", "name": "fw-hub", "existing": true},
      "table": {
        "type": "Microsoft.Network/routeTables", "name": "rt",
        "properties": {"routes": [{"name": "d", "properties": {
          "nextHopIpAddress": "[reference('hubFw').ipConfigurations[0].properties.privateIPAddress]"}}]}
      }
    }
  })");
  INFO(Messages(r) << Resources(r));
  CHECK(FindMessage(r, "RL903") == nullptr);
  REQUIRE(r.resources.size() == 1);
  const ExpandedResource& rt = r.resources[0];
  CHECK(rt.name == "rt");
  CHECK(IsUnknown(NextHop(rt)));
  REQUIRE(rt.unknowns.size() == 1);
  CHECK(rt.unknowns[0].path == kNextHopPath);
  CHECK(Contains(rt.unknowns[0].reason, "existing"));
}

// ------------------------------------------------------------ resource group scope

TEST_CASE("deployments: a deployment to another resource group builds its resources' ids there",
          "[expand][deployments]") {
  DeploymentContext d;
  d.subscription_id = "sub-1";
  const ExpandResult r = Expand(R"({"resources": [{
    "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "hubRg",
    "resourceGroup": "rg-hub",
    "properties": {"expressionEvaluationOptions": {"scope": "inner"},
      "template": {"resources": [
        {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub",
         "resources": [{"type": "subnets", "name": "AzureFirewallSubnet", "properties": {"addressPrefix": "10.0.1.0/26"}}]},
        {"type": "Microsoft.Network/routeTables", "name": "rt",
         "properties": {"vnetId": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]",
                        "group": "[resourceGroup().name]",
                        "sub": "[subscription().subscriptionId]"}}
      ]}}
  }]})", {}, d);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  REQUIRE(r.resources.size() == 4);
  // The deployment resource itself lives in the parent's resource group.
  CHECK(r.resources[0].id == "/subscriptions/sub-1/resourceGroups/{resourceGroup}/providers/Microsoft.Resources/deployments/hubRg");
  const ExpandedResource* vnet = FindResource(r, "vnet-hub");
  REQUIRE(vnet != nullptr);
  CHECK(vnet->id == "/subscriptions/sub-1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub");
  const ExpandedResource* subnet = FindResource(r, "vnet-hub/AzureFirewallSubnet");
  REQUIRE(subnet != nullptr);
  CHECK(subnet->id == "/subscriptions/sub-1/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/"
                      "subnets/AzureFirewallSubnet");
  const ExpandedResource* rt = FindResource(r, "rt");
  REQUIRE(rt != nullptr);
  CHECK(rt->id == "/subscriptions/sub-1/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt");
  CHECK(rt->body["properties"]["vnetId"] == vnet->id);
  CHECK(rt->body["properties"]["group"] == "rg-hub");
  CHECK(rt->body["properties"]["sub"] == "sub-1");
}

TEST_CASE("deployments: a deployment to another subscription, and to a computed resource group",
          "[expand][deployments]") {
  const ExpandResult r = Expand(R"({
    "parameters": {"hubRg": {"type": "string", "defaultValue": "rg-conn"}},
    "resources": [{
      "type": "Microsoft.Resources/deployments", "name": "conn",
      "subscriptionId": "sub-conn", "resourceGroup": "[parameters('hubRg')]",
      "properties": {"expressionEvaluationOptions": {"scope": "inner"},
        "template": {"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "vnet-conn"}]}}
    }]
  })");
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  const ExpandedResource* vnet = FindResource(r, "vnet-conn");
  REQUIRE(vnet != nullptr);
  CHECK(vnet->id == "/subscriptions/sub-conn/resourceGroups/rg-conn/providers/Microsoft.Network/virtualNetworks/vnet-conn");
}

// ------------------------------------------------------------ linked templates

struct LoaderCall {
  std::string from;
  std::string link;
  bool is_uri = false;
};

// A loader over an in-memory folder: link text → (path, document).
struct FakeLoader {
  std::vector<std::pair<std::string, std::pair<std::string, Json>>> files;
  std::vector<LoaderCall> calls;

  LinkLoader Callback() {
    return [this](const std::string& from, const std::string& link, bool is_uri, Json* document, std::string* path,
                  std::string* error) {
      calls.push_back({from, link, is_uri});
      for (const auto& [name, file] : files) {
        if (name == link) {
          *document = file.second;
          *path = file.first;
          return true;
        }
      }
      *error = "no such file";
      return false;
    };
  }
};

const char* const kLinkedHub = R"({
  "parameters": {"fwIp": {"type": "string"}},
  "resources": [
    {"type": "Microsoft.Network/routeTables", "name": "rt-hub",
     "properties": {"routes": [{"name": "d", "properties": {"nextHopIpAddress": "[parameters('fwIp')]"}}]}},
    {"type": "Microsoft.Resources/deployments", "name": "leaf",
     "properties": {"templateLink": {"relativePath": "leaf.json"}}}
  ],
  "outputs": {"echo": {"type": "string", "value": "[parameters('fwIp')]"}}
})";

TEST_CASE("deployments: linked templates come through the loader", "[expand][deployments]") {
  FakeLoader fake;
  fake.files.push_back({"modules/hub.json", {"/repo/modules/hub.json", Json::parse(kLinkedHub)}});
  fake.files.push_back({"leaf.json", {"/repo/modules/leaf.json",
                                      Json::parse(R"({"resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-leaf"}]})")}});
  const Json tmpl = Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "hub",
     "properties": {"mode": "Incremental", "templateLink": {"relativePath": "modules/hub.json"},
                    "parameters": {"fwIp": {"value": "10.0.1.4"}}}},
    {"type": "Microsoft.Network/routeTables", "name": "rt-main",
     "properties": {"x": "[reference('hub').outputs.echo.value]"}}
  ]})");
  EvalSession session;
  const LinkLoader loader = fake.Callback();
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session, "/repo/main.json", loader);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());

  REQUIRE(fake.calls.size() == 2);
  CHECK(fake.calls[0].from == "/repo/main.json");
  CHECK(fake.calls[0].link == "modules/hub.json");
  CHECK_FALSE(fake.calls[0].is_uri);
  // A link inside the linked file resolves against that file.
  CHECK(fake.calls[1].from == "/repo/modules/hub.json");
  CHECK(fake.calls[1].link == "leaf.json");
  CHECK_FALSE(fake.calls[1].is_uri);

  CHECK(r.linked_files == std::vector<std::string>{"/repo/modules/hub.json", "/repo/modules/leaf.json"});

  const ExpandedResource* hub = FindResource(r, "hub");
  REQUIRE(hub != nullptr);
  CHECK(hub->file.empty());
  const ExpandedResource* rt = FindResource(r, "rt-hub");
  REQUIRE(rt != nullptr);
  CHECK(rt->file == "/repo/modules/hub.json");
  CHECK(rt->pointer == "/resources/0");
  CHECK(rt->context == "module 'hub'");
  CHECK(NextHop(*rt) == "10.0.1.4");
  const ExpandedResource* nsg = FindResource(r, "nsg-leaf");
  REQUIRE(nsg != nullptr);
  CHECK(nsg->file == "/repo/modules/leaf.json");
  CHECK(nsg->pointer == "/resources/0");
  CHECK(nsg->context == "module 'hub' › module 'leaf'");
  const ExpandedResource* main_rt = FindResource(r, "rt-main");
  REQUIRE(main_rt != nullptr);
  CHECK(main_rt->file.empty());
  CHECK(main_rt->body["properties"]["x"] == "10.0.1.4");
}

TEST_CASE("deployments: templateLink.uri calls the loader with is_uri", "[expand][deployments]") {
  FakeLoader fake;
  fake.files.push_back({"https://example.com/t/hub.json",
                        {"/mirror/hub.json", Json::parse(R"({"resources": [{"type": "Microsoft.Network/routeTables", "name": "rt-uri"}]})")}});
  const Json tmpl = Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "hub",
     "properties": {"templateLink": {"uri": "https://example.com/t/hub.json"}}}]})");
  EvalSession session;
  const LinkLoader loader = fake.Callback();
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session, "main.json", loader);
  INFO(Messages(r) << Resources(r));
  CHECK(r.messages.empty());
  REQUIRE(fake.calls.size() == 1);
  CHECK(fake.calls[0].is_uri);
  CHECK(fake.calls[0].from == "main.json");
  const ExpandedResource* rt = FindResource(r, "rt-uri");
  REQUIRE(rt != nullptr);
  CHECK(rt->file == "/mirror/hub.json");
  CHECK(r.linked_files == std::vector<std::string>{"/mirror/hub.json"});
}

TEST_CASE("deployments: a linked template the loader cannot give is RL900 naming the link", "[expand][deployments]") {
  const bool with_loader = GENERATE(true, false);
  FakeLoader fake;
  const Json tmpl = Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "spoke",
     "properties": {"templateLink": {"relativePath": "modules/missing.json"}}},
    {"type": "Microsoft.Network/routeTables", "name": "rt"}]})");
  EvalSession session;
  const LinkLoader loader = with_loader ? fake.Callback() : LinkLoader{};
  INFO((with_loader ? "loader fails" : "no loader"));
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session, "/repo/main.json", loader);
  INFO(Messages(r) << Resources(r));
  const ExpandMessage* m = FindMessage(r, "RL900", "modules/missing.json");
  REQUIRE(m != nullptr);
  CHECK(Contains(m->message, "'spoke'"));
  if (with_loader) CHECK(Contains(m->message, "no such file"));
  CHECK(m->pointer == "/resources/0");
  CHECK(m->file.empty());
  CHECK(FindMessage(r, "RL903") == nullptr);
  CHECK(r.linked_files.empty());
  // The rest of the template still expands.
  CHECK(FindResource(r, "rt") != nullptr);
  CHECK(FindResource(r, "spoke") != nullptr);
}

TEST_CASE("deployments: messages about a linked template's content name the linked file", "[expand][deployments]") {
  FakeLoader fake;
  fake.files.push_back({"bad.json", {"/repo/bad.json", Json::parse(R"({"resources": [
    {"type": "Microsoft.Network/routeTables", "name": "a/b"},
    {"type": "Microsoft.Network/routeTables", "name": "[variables('nope')]"}]})")}});
  const Json tmpl = Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "m", "properties": {"templateLink": {"relativePath": "bad.json"}}}]})");
  EvalSession session;
  const LinkLoader loader = fake.Callback();
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, ExpandLimits{}, session, "/repo/main.json", loader);
  INFO(Messages(r) << Resources(r));
  const ExpandMessage* fit = FindMessage(r, "RL903", "does not fit");
  REQUIRE(fit != nullptr);
  CHECK(fit->file == "/repo/bad.json");
  CHECK(fit->pointer == "/resources/0");
  const ExpandMessage* undeclared = FindMessage(r, "RL903", "'nope'");
  REQUIRE(undeclared != nullptr);
  CHECK(undeclared->file == "/repo/bad.json");
  CHECK(undeclared->pointer == "/resources/1");
}

// ------------------------------------------------------------ depth limit

// `levels` deployments, each nesting the next inline; the innermost template
// declares the route table "rt-bottom".
Json NestedDeployments(int levels, bool inner) {
  Json t = Json::parse(R"({"resources": [{"type": "Microsoft.Network/routeTables", "name": "rt-bottom"}]})");
  for (int i = levels - 1; i >= 0; --i) {
    Json properties = {{"mode", "Incremental"}, {"template", std::move(t)}};
    if (inner) properties["expressionEvaluationOptions"] = {{"scope", "inner"}};
    Json deployment = {{"type", "Microsoft.Resources/deployments"},
                       {"apiVersion", "2022-09-01"},
                       {"name", "d" + std::to_string(i)},
                       {"properties", std::move(properties)}};
    t = Json{{"resources", Json::array({std::move(deployment)})}};
  }
  return t;
}

TEST_CASE("deployments: nesting 40 levels deep stops at the depth limit with RL903", "[expand][deployments]") {
  const bool inner = GENERATE(true, false);
  INFO((inner ? "inner scope" : "outer scope"));
  const Json tmpl = NestedDeployments(40, inner);
  const ExpandLimits limits;
  REQUIRE(limits.max_deployment_depth == 32);
  EvalSession session;
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, limits, session);
  INFO(Messages(r));
  REQUIRE(CountMessages(r, "RL903", "deeper than 32") == 1);
  const ExpandMessage* m = FindMessage(r, "RL903", "deeper than 32");
  CHECK(m->severity == Severity::kError);
  // The deployment at depth 32 (d32) is the one not expanded.
  std::string pointer = "/resources/0";
  for (int i = 0; i < 32; ++i) pointer += "/properties/template/resources/0";
  CHECK(m->pointer == pointer);
  CHECK(r.messages.size() == 1);
  // Frames 0..32 each declared one deployment; nothing below d32 expanded.
  CHECK(r.resources.size() == 33);
  CHECK(FindResource(r, "d32") != nullptr);
  CHECK(FindResource(r, "d33") == nullptr);
  CHECK(FindResource(r, "rt-bottom") == nullptr);
  const ExpandedResource* d32 = FindResource(r, "d32");
  REQUIRE(d32 != nullptr);
  CHECK(Contains(d32->context, "module 'd31'"));
}

TEST_CASE("deployments: nesting exactly to the depth limit still expands", "[expand][deployments]") {
  ExpandLimits limits;
  limits.max_deployment_depth = GENERATE(1, 3, 32);
  INFO("limit " << limits.max_deployment_depth);
  {
    const Json tmpl = NestedDeployments(limits.max_deployment_depth, true);
    EvalSession session;
    const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, limits, session);
    INFO(Messages(r));
    CHECK(r.messages.empty());
    CHECK(FindResource(r, "rt-bottom") != nullptr);
    CHECK(r.resources.size() == static_cast<size_t>(limits.max_deployment_depth) + 1);
  }
  {
    const Json tmpl = NestedDeployments(limits.max_deployment_depth + 1, true);
    EvalSession session;
    const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, limits, session);
    INFO(Messages(r));
    CHECK(FindMessage(r, "RL903", "deeper than " + std::to_string(limits.max_deployment_depth)) != nullptr);
    CHECK(FindResource(r, "rt-bottom") == nullptr);
    CHECK(r.resources.size() == static_cast<size_t>(limits.max_deployment_depth) + 1);
  }
}

TEST_CASE("deployments: a linked template that links itself stops at the depth limit", "[expand][deployments]") {
  FakeLoader fake;
  fake.files.push_back({"self.json", {"/repo/self.json", Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "again", "properties": {"templateLink": {"relativePath": "self.json"}}}]})")}});
  const Json tmpl = Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "start", "properties": {"templateLink": {"relativePath": "self.json"}}}]})");
  ExpandLimits limits;
  limits.max_deployment_depth = 5;
  EvalSession session;
  const LinkLoader loader = fake.Callback();
  const ExpandResult r = ExpandTemplate(tmpl, nullptr, DeploymentContext{}, limits, session, "/repo/main.json", loader);
  INFO(Messages(r) << Resources(r));
  const ExpandMessage* m = FindMessage(r, "RL903", "deeper than 5");
  REQUIRE(m != nullptr);
  CHECK(m->file == "/repo/self.json");
  CHECK(fake.calls.size() == 5);
  CHECK(r.resources.size() == 6);
}

}  // namespace
}  // namespace routelint

#include "bicep/bicep_map.h"

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace routelint {
namespace {

using Json = nlohmann::json;

// Source files held in memory.
BicepSourceMap::ReadText Files(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path, std::string* text) {
    auto it = files.find(path);
    if (it == files.end()) return false;
    *text = it->second;
    return true;
  };
}

constexpr std::string_view kMain = R"(param spokes array

resource onPrem 'Microsoft.Network/localNetworkGateways@2023-09-01' = {
  name: 'lng-onprem'
}

module hub 'modules/hub.bicep' = {
  name: 'hub'
  params: {
    spokes: spokes
  }
}

module lab 'br/public:network/hub:1.0' = {
  name: 'lab'
}

module legacy 'legacy/net.json' = {
  name: 'legacy'
}
)";

constexpr std::string_view kHubModule = R"(param spokes array

resource firewallTable 'Microsoft.Network/routeTables@2023-09-01' = {
  name: 'rt-fw'
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          nextHopType: 'Internet'
        }
      }
    ]
  }
}

resource spokeTables 'Microsoft.Network/routeTables@2023-09-01' = [for spoke in spokes: {
  name: 'rt-${spoke}'
  properties: {
    disableBgpRoutePropagation: false
  }
}]

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-hub'
  properties: {
    subnets: [for spoke in spokes: {
      name: spoke
      properties: {
        routeTable: { id: 'x' }
      }
    }]
  }
}
)";

// What `bicep build` makes of kMain (languageVersion 1), trimmed to what
// the map reads.
Json CompiledMain() {
  return Json::parse(R"({
  "metadata": {"_generator": {"name": "bicep"}},
  "parameters": {"spokes": {"type": "array"}},
  "resources": [
    {"type": "Microsoft.Network/localNetworkGateways", "name": "lng-onprem"},
    {"type": "Microsoft.Resources/deployments", "name": "hub", "properties": {
      "parameters": {"spokes": {"value": "[parameters('spokes')]"}},
      "template": {
        "parameters": {"spokes": {"type": "array"}},
        "resources": [
          {"type": "Microsoft.Network/routeTables", "name": "rt-fw",
           "properties": {"routes": [{"name": "default", "properties": {"nextHopType": "Internet"}}]}},
          {"type": "Microsoft.Network/routeTables", "copy": {"name": "spokeTables", "count": 2},
           "name": "[format('rt-{0}', parameters('spokes')[copyIndex()])]",
           "properties": {"disableBgpRoutePropagation": false}},
          {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-hub", "properties": {
            "copy": [{"name": "subnets", "count": 2, "input": {"name": "x", "properties": {"routeTable": {"id": "x"}}}}]}}
        ]}}},
    {"type": "Microsoft.Resources/deployments", "name": "lab", "properties": {"template": {"resources": [
      {"type": "Microsoft.Network/routeTables", "name": "rt-lab"}]}}},
    {"type": "Microsoft.Resources/deployments", "name": "legacy", "properties": {"template": {"resources": [
      {"type": "Microsoft.Network/routeTables", "name": "rt-legacy"}]}}}
  ]})");
}

BicepPlace MapOrFail(BicepSourceMap& map, std::string_view pointer) {
  BicepPlace place;
  INFO(pointer);
  CHECK(map.Map(pointer, &place));
  return place;
}

TEST_CASE("a languageVersion 1 template maps to its declarations and property lines, through modules", "[bicep]") {
  const Json compiled = CompiledMain();
  BicepSourceMap map(compiled, "infra/main.bicep",
                     Files({{"infra/main.bicep", std::string(kMain)}, {"infra/modules/hub.bicep", std::string(kHubModule)}}));
  BicepPlace p = MapOrFail(map, "/resources/0");
  CHECK(p.file == "infra/main.bicep");
  CHECK(p.line == 3);
  CHECK(p.column == 1);
  // Into the module's file; the first route table, then its route's property.
  p = MapOrFail(map, "/resources/1/properties/template/resources/0/properties/routes/0/properties/nextHopType");
  CHECK(p.file == "infra/modules/hub.bicep");
  CHECK(p.line == 10);
  CHECK(p.column == 11);
  // A resource loop, by its copy name.
  p = MapOrFail(map, "/resources/1/properties/template/resources/1/properties/disableBgpRoutePropagation");
  CHECK(p.line == 20);
  // An evaluated property loop's element, and its compiled copy.
  CHECK(MapOrFail(map, "/resources/1/properties/template/resources/2/properties/subnets/1/properties/routeTable").line == 30);
  CHECK(MapOrFail(map, "/resources/1/properties/template/resources/2/properties/copy/0/input/properties/routeTable").line ==
        30);
  // A path the source does not write ends at the deepest place it does.
  CHECK(MapOrFail(map, "/resources/1/properties/template/resources/0/properties/nothing").line == 5);
  // A module's parameter.
  CHECK(MapOrFail(map, "/resources/1/properties/parameters/spokes/value").line == 10);
  CHECK(MapOrFail(map, "/parameters/spokes").line == 1);
  // A literal array's items, objects or not.
  const Json plain = Json::parse(R"({"resources": [{"type": "Microsoft.Network/virtualNetworks"}]})");
  BicepSourceMap vnet(plain, "vnet.bicep", Files({{"vnet.bicep", R"(resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
        cidr
      ]
    }
  }
}
)"}}));
  p = MapOrFail(vnet, "/resources/0/properties/addressSpace/addressPrefixes/1");
  CHECK(p.line == 6);
  CHECK(p.column == 9);
  BicepPlace none;
  CHECK_FALSE(map.Map("/variables/absent", &none));
  // A registry module has no source here: its declaration stands for it.
  p = MapOrFail(map, "/resources/2/properties/template/resources/0/properties");
  CHECK(p.file == "infra/main.bicep");
  CHECK(p.line == 14);
  // So has an ARM template used as a module.
  p = MapOrFail(map, "/resources/3/properties/template/resources/0/properties");
  CHECK(p.file == "infra/main.bicep");
  CHECK(p.line == 18);
  CHECK(map.problem().empty());
}

TEST_CASE("a languageVersion 2.0 template maps by symbolic name", "[bicep]") {
  const Json compiled = Json::parse(R"({
    "languageVersion": "2.0",
    "parameters": {"spokes": {"type": "array"}},
    "resources": {
      "onPrem": {"type": "Microsoft.Network/localNetworkGateways", "name": "lng-onprem"},
      "hub": {"type": "Microsoft.Resources/deployments", "properties": {"template": {
        "languageVersion": "2.0",
        "parameters": {"spokes": {"type": "array"}},
        "resources": {"vnet": {}, "spokeTables": {}, "firewallTable": {}}}}},
      "lab": {"type": "Microsoft.Resources/deployments"},
      "legacy": {"type": "Microsoft.Resources/deployments"}
    }})");
  BicepSourceMap map(compiled, "main.bicep",
                     Files({{"main.bicep", std::string(kMain)}, {"modules/hub.bicep", std::string(kHubModule)}}));
  CHECK(MapOrFail(map, "/resources/onPrem").line == 3);
  CHECK(map.problem().empty());
  BicepPlace p = MapOrFail(map, "/resources/hub/properties/template/resources/vnet/properties/subnets/0");
  CHECK(p.file == "modules/hub.bicep");
  CHECK(p.line == 27);
}

TEST_CASE("a nested resource is found under either symbolic name languageVersion 2.0 gives it", "[bicep]") {
  const std::string main = R"(resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  resource gateway 'subnets' = {
    name: 'GatewaySubnet'
    properties: {
      routeTable: null
    }
  }
}
)";
  for (const char* key : {"vnet::gateway", "gateway"}) {
    Json compiled = Json::parse(R"({"languageVersion": "2.0", "resources": {"vnet": {}}})");
    compiled["resources"][key] = Json::object();
    BicepSourceMap map(compiled, "main.bicep", Files({{"main.bicep", main}}));
    CHECK(MapOrFail(map, std::string("/resources/") + key + "/properties/routeTable").line == 6);
  }
}

TEST_CASE("a raw deployments resource comes before every module in languageVersion 1", "[bicep]") {
  const std::string main = R"(module first 'a.bicep' = {
  name: 'first'
}
resource raw 'Microsoft.Resources/deployments@2022-09-01' = {
  name: 'raw'
}
)";
  const Json compiled = Json::parse(R"({"resources": [
    {"type": "Microsoft.Resources/deployments", "name": "raw"},
    {"type": "Microsoft.Resources/deployments", "name": "first"}]})");
  BicepSourceMap map(compiled, "main.bicep", Files({{"main.bicep", main}}));
  CHECK(MapOrFail(map, "/resources/0").line == 4);
  CHECK(MapOrFail(map, "/resources/1").line == 1);
}

TEST_CASE("a stale source is not mapped, and says why once", "[bicep]") {
  Json compiled = CompiledMain();
  SECTION("a parameter added since the build") {
    std::string main = "param extra string\n" + std::string(kMain);
    BicepSourceMap map(compiled, "main.bicep", Files({{"main.bicep", main}}));
    BicepPlace p;
    CHECK_FALSE(map.Map("/resources/0", &p));
    CHECK(map.problem().find("main.bicep does not match the template compiled from it (its parameters differ)") == 0);
  }
  SECTION("a resource renamed since the build") {
    compiled["resources"][0]["name"] = "lng-old";
    BicepSourceMap map(compiled, "main.bicep", Files({{"main.bicep", std::string(kMain)}}));
    BicepPlace p;
    CHECK_FALSE(map.Map("/resources/0", &p));
    CHECK(map.problem().find("'lng-old' in the compiled template is 'lng-onprem' in the source") != std::string::npos);
    CHECK(map.problem_file() == "main.bicep");
  }
  SECTION("a module whose file changed") {
    std::string hub = std::string(kHubModule) + "resource extra 'Microsoft.Network/routeTables@2023-09-01' = {}\n";
    BicepSourceMap map(compiled, "main.bicep", Files({{"main.bicep", std::string(kMain)}, {"modules/hub.bicep", hub}}));
    BicepPlace p;
    CHECK(map.Map("/resources/0", &p));  // the entry file still matches
    CHECK_FALSE(map.Map("/resources/1/properties/template/resources/0", &p));
    CHECK(map.problem().find("modules/hub.bicep does not match") == 0);
    CHECK(map.problem_file() == "modules/hub.bicep");
  }
  SECTION("a source that cannot be read") {
    BicepSourceMap map(compiled, "main.bicep", Files({}));
    BicepPlace p;
    CHECK_FALSE(map.Map("/resources/0", &p));
    CHECK(map.problem() == "cannot read main.bicep");
  }
}

TEST_CASE("ignore comments are read from the source and its local modules", "[bicep]") {
  const std::string main = "// routelint-ignore RL002: lab\n" + std::string(kMain);
  const std::string hub = std::string(kHubModule) + "// routelint-ignore RL003: reviewed\nresource x 'A/b@1' = {}\n";
  const std::vector<BicepFileComments> all =
      ReadIgnoreComments("main.bicep", Files({{"main.bicep", main}, {"modules/hub.bicep", hub}}));
  REQUIRE(all.size() == 2);
  CHECK(all[0].file == "main.bicep");
  CHECK(all[0].comments[0].rules == std::vector<std::string>{"RL002"});
  CHECK(all[1].file == "modules/hub.bicep");
  CHECK(all[1].comments[0].reason == "reviewed");
}

TEST_CASE("CompiledByBicep reads the generator metadata", "[bicep]") {
  CHECK(CompiledByBicep(CompiledMain()));
  CHECK_FALSE(CompiledByBicep(Json::parse(R"({"metadata": {"_generator": {"name": "other"}}})")));
  CHECK_FALSE(CompiledByBicep(Json::array()));
}

}  // namespace
}  // namespace routelint

// The hot kernels, with Google Benchmark: the JSON loader on a spoke
// template, ARM expression evaluation as Bicep emits it, and longest-prefix
// lookups in a route table's trie.
//   build/bench/kernels_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <string>

#include "base/ip.h"
#include "expand/template.h"
#include "parse/json_loader.h"

namespace routelint {
namespace {

// A spoke as the benchmark generator writes it: four route tables, a VNet
// with four subnets, two peerings.
std::string SpokeTemplate() {
  std::string resources;
  for (int k = 0; k < 4; ++k) {
    resources += R"({"type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "rt-spoke-)" +
                 std::to_string(k) + R"(", "location": "[resourceGroup().location]", "properties": {
        "disableBgpRoutePropagation": true, "routes": [
          {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.1.0.4"}},
          {"name": "rfc1918-10", "properties": {"addressPrefix": "10.0.0.0/8", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.1.0.4"}}]}},)";
  }
  return R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0", "parameters": {"spoke": {"type": "int", "defaultValue": 7}},
    "variables": {"vnetName": "[format('vnet-spoke-{0}', parameters('spoke'))]"},
    "resources": [)" + resources + R"(
      {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "[variables('vnetName')]",
       "location": "[resourceGroup().location]",
       "properties": {"addressSpace": {"addressPrefixes": ["[format('10.1.{0}.0/24', parameters('spoke'))]"]},
         "copy": [{"name": "subnets", "count": 4, "input": {
           "name": "[format('snet-{0}', copyIndex('subnets'))]",
           "properties": {"addressPrefix": "[cidrSubnet(format('10.1.{0}.0/24', parameters('spoke')), 26, copyIndex('subnets'))]",
             "routeTable": {"id": "[resourceId('Microsoft.Network/routeTables', format('rt-spoke-{0}', copyIndex('subnets')))]"}}}}]}}]})";
}

void BM_ParseTemplate(benchmark::State& state) {
  const std::string text = SpokeTemplate();
  for (auto _ : state) {
    nlohmann::json document;
    Diagnostic error;
    benchmark::DoNotOptimize(ParseJsonText("spoke.json", text, ParseLimits{}, &document, &error));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseTemplate);

void BM_ExpandTemplate(benchmark::State& state) {
  nlohmann::json document;
  Diagnostic error;
  ParseJsonText("spoke.json", SpokeTemplate(), ParseLimits{}, &document, &error);
  for (auto _ : state) {
    EvalSession session;
    ExpandResult result = ExpandTemplate(document, nullptr, DeploymentContext{}, ExpandLimits{}, session);
    benchmark::DoNotOptimize(result.resources.size());
  }
  state.SetItemsProcessed(state.iterations() * 5);  // resources
}
BENCHMARK(BM_ExpandTemplate);

void BM_PrefixTableLookup(benchmark::State& state) {
  // A hub firewall table: one /16 per other hub, and a default route.
  PrefixTable<int> table;
  for (uint32_t hub = 0; hub < static_cast<uint32_t>(state.range(0)); ++hub) {
    table.Insert(Prefix::Make(IpAddress::V4((10u << 24) | (hub << 16)), 16), static_cast<int>(hub));
  }
  table.Insert(Prefix::Make(IpAddress::V4(0), 0), -1);
  uint32_t probe = 0;
  for (auto _ : state) {
    probe = probe * 1664525u + 1013904223u;
    benchmark::DoNotOptimize(table.Lookup(IpAddress::V4((10u << 24) | (probe & 0x00ffffffu))));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PrefixTableLookup)->Arg(100)->Arg(250);

}  // namespace
}  // namespace routelint

BENCHMARK_MAIN();

#include "rules/rl017_expressroute_circuit_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "expand/value.h"

namespace routelint {
namespace {

// Microsoft's table "Azure regions to ExpressRoute locations within a
// geopolitical region" (azure-docs includes/expressroute-azure-regions-
// geopolitical-region.md, ms.date 04/05/2024), global commercial Azure.
// Regions by their ARM names; names are compared lower case without
// spaces, so display names ("West Europe") match too. National clouds are
// left out: ExpressRoute does not connect to them from these locations.
struct Geography {
  std::string_view name;
  std::vector<std::string_view> regions;
  std::vector<std::string_view> peering_locations;
};

const std::vector<Geography>& Geographies() {
  static const std::vector<Geography> kGeographies = {
    {"Australia Government", {"australiacentral", "australiacentral2"}, {"Canberra", "Canberra2"}},
    {"Europe",
     {"francecentral", "francesouth", "germanynorth", "germanywestcentral", "italynorth", "northeurope", "norwayeast",
      "norwaywest", "polandcentral", "swedencentral", "switzerlandnorth", "switzerlandwest", "ukwest", "uksouth",
      "westeurope"},
     {"Amsterdam", "Amsterdam2", "Berlin", "Copenhagen", "Dublin", "Dublin2", "Frankfurt", "Frankfurt2", "Geneva",
      "London", "London2", "Madrid", "Madrid2", "Marseille", "Milan", "Milan2", "Munich", "Newport(Wales)", "Oslo",
      "Paris", "Paris2", "Stavanger", "Stockholm", "Warsaw", "Zurich", "Zurich2"}},
    {"North America",
     {"eastus", "westus", "eastus2", "westus2", "westus3", "centralus", "southcentralus", "northcentralus",
      "westcentralus", "canadacentral", "canadaeast"},
     {"Atlanta", "Chicago", "Chicago2", "Dallas", "Denver", "Las Vegas", "Los Angeles", "Los Angeles2", "Miami",
      "Minneapolis", "Montreal", "New York", "Phoenix", "Quebec City", "Queretaro(Mexico)", "Quincy", "San Antonio",
      "Seattle", "Silicon Valley", "Silicon Valley2", "Toronto", "Toronto2", "Vancouver", "Washington DC",
      "Washington DC2"}},
    {"Asia", {"eastasia", "southeastasia"},
     {"Bangkok", "Hong Kong", "Hong Kong2", "Jakarta", "Kuala Lumpur", "Singapore", "Singapore2", "Taipei"}},
    {"India", {"westindia", "centralindia", "southindia"}, {"Chennai", "Chennai2", "Mumbai", "Mumbai2", "Pune"}},
    {"Israel", {"israelcentral"}, {"Tel Aviv", "Tel Aviv2"}},
    {"Japan", {"japanwest", "japaneast"}, {"Osaka", "Tokyo", "Tokyo2", "Tokyo3"}},
    {"Oceania", {"australiaeast", "australiasoutheast"}, {"Auckland", "Melbourne", "Perth", "Sydney", "Sydney2"}},
    {"South Korea", {"koreacentral", "koreasouth"}, {"Busan", "Seoul", "Seoul2"}},
    {"UAE", {"uaecentral", "uaenorth"}, {"Abu Dhabi", "Dubai", "Dubai2"}},
    {"South Africa", {"southafricawest", "southafricanorth"}, {"Cape Town", "Johannesburg"}},
    {"South America", {"brazilsouth"}, {"Campinas", "Rio de Janeiro", "Sao Paulo", "Sao Paulo2", "Santiago"}},
    {"Qatar", {"qatarcentral"}, {"Doha", "Doha2"}},
  };
  return kGeographies;
}

std::string Key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c != ' ') key += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return key;
}

// Premium circuits: VNet links by bandwidth (Microsoft's ExpressRoute limits,
// "Virtual networks links allowed for each ExpressRoute circuit").
constexpr std::pair<int64_t, int> kPremiumLinks[] = {{50, 20},    {100, 25},    {200, 25},    {500, 40},  {1000, 50},
                                                     {2000, 60},  {5000, 75},   {10000, 100}, {40000, 100}, {100000, 100}};
constexpr int kStandardLinks = 10;  // Local and Standard, at every bandwidth

std::string BandwidthText(int64_t mbps) {
  return mbps >= 1000 && mbps % 1000 == 0 ? fmt::format("{} Gbps", mbps / 1000) : fmt::format("{} Mbps", mbps);
}

std::string CircuitText(const ExpressRouteCircuit& c) {
  std::string text = c.sku_tier.value;
  if (c.bandwidth_mbps.known()) text += ", " + BandwidthText(c.bandwidth_mbps.value);
  return text;
}

bool IsExpressRoute(const Connection& c) {
  return c.connection_type.known() && EqualsIgnoreCase(c.connection_type.value, "ExpressRoute");
}

}  // namespace

std::optional<int> VnetLinkLimit(std::string_view sku_tier, std::optional<int64_t> bandwidth_mbps) {
  if (EqualsIgnoreCase(sku_tier, "Standard") || EqualsIgnoreCase(sku_tier, "Local")) return kStandardLinks;
  if (!EqualsIgnoreCase(sku_tier, "Premium") || !bandwidth_mbps) return std::nullopt;
  for (const auto& [mbps, links] : kPremiumLinks) {
    if (mbps == *bandwidth_mbps) return links;
  }
  return std::nullopt;
}

std::string_view GeopoliticalRegionOfAzureRegion(std::string_view region) {
  const std::string key = Key(region);
  for (const Geography& g : Geographies()) {
    for (std::string_view r : g.regions) {
      if (Key(r) == key) return g.name;
    }
  }
  return {};
}

std::string_view GeopoliticalRegionOfPeeringLocation(std::string_view peering_location) {
  const std::string key = Key(peering_location);
  for (const Geography& g : Geographies()) {
    for (std::string_view l : g.peering_locations) {
      if (Key(l) == key) return g.name;
    }
  }
  return {};
}

const RuleMeta& ExpressRouteCircuitLimits::meta() const {
  static constexpr RuleMeta kMeta{
      "RL017", "expressroute-circuit-limits", Severity::kError,
      "An ExpressRoute circuit has more VNet links than its SKU and bandwidth allow, or a circuit without Premium is "
      "linked to a gateway in another geopolitical region."};
  return kMeta;
}

void ExpressRouteCircuitLimits::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  // Links per circuit: the ExpressRoute connections whose peer is the
  // circuit (deployed for certain), plus its Global Reach connections.
  std::vector<std::vector<const Connection*>> links(model.circuits.size());
  for (const Connection& c : model.connections) {
    if (c.circuit != kNone && IsExpressRoute(c) && !c.condition_unknown) links[c.circuit].push_back(&c);
  }
  for (size_t i = 0; i < model.circuits.size(); ++i) {
    const ExpressRouteCircuit& circuit = model.circuits[i];
    if (!circuit.sku_tier.known()) continue;
    const std::optional<int64_t> bandwidth =
        circuit.bandwidth_mbps.known() ? std::optional<int64_t>(circuit.bandwidth_mbps.value) : std::nullopt;
    const std::optional<int> limit = VnetLinkLimit(circuit.sku_tier.value, bandwidth);
    const int count = static_cast<int>(links[i].size() + circuit.global_reach.size());
    if (!limit || count <= *limit) continue;
    std::string counted = fmt::format("{} ExpressRoute gateway connection{}", links[i].size(), links[i].size() == 1 ? "" : "s");
    if (!circuit.global_reach.empty()) {
      counted += fmt::format(" and {} Global Reach connection{}", circuit.global_reach.size(),
                             circuit.global_reach.size() == 1 ? "" : "s");
    }
    std::string fix;
    if (EqualsIgnoreCase(circuit.sku_tier.value, "Premium")) {
      fix = "Move some connections to another circuit, or link fewer VNets: spokes can share their hub's ExpressRoute "
            "gateway through gateway transit instead of each having a gateway and a connection";
    } else {
      const std::optional<int> premium = VnetLinkLimit("Premium", bandwidth);
      fix = fmt::format(
          "Upgrade {} to Premium (sku tier Premium{}), link fewer VNets (spokes can share their hub's ExpressRoute "
          "gateway through gateway transit), or move some connections to another circuit",
          circuit.name, premium ? fmt::format(", up to {} links at {}", *premium, BandwidthText(*bandwidth)) : std::string());
    }
    PendingFinding finding = MakeFinding(
        "Microsoft.Network/expressRouteCircuits", circuit.name, circuit.id, circuit.origin,
        fmt::format("ExpressRoute circuit {} ({}) has {} virtual network links ({}); Azure allows {} on this circuit and "
                    "rejects the connections beyond that, so the VNets behind them get no routes to on-premises and "
                    "their on-premises traffic follows their other routes (0.0.0.0/0 to the Internet, or dropped). {}",
                    circuit.name, CircuitText(circuit), count, counted, *limit, fix),
        "vnet-links");
    for (const Connection* c : links[i]) {
      const std::string gateway = c->gateway1 != kNone ? model.gateways[c->gateway1].name : std::string("(a gateway outside the estate)");
      finding.related.push_back({c->origin, fmt::format("connection {} links gateway {} to {}", c->name, gateway, circuit.name)});
    }
    for (const ModelOrigin& g : circuit.global_reach) finding.related.push_back({g, "Global Reach connection on " + circuit.name});
    out->push_back(std::move(finding));
  }

  // Geography: without Premium a circuit reaches the VNets of its peering
  // location's geopolitical region only.
  for (const Connection& c : model.connections) {
    if (c.circuit == kNone || !IsExpressRoute(c) || c.condition_unknown || c.gateway1 == kNone) continue;
    const ExpressRouteCircuit& circuit = model.circuits[c.circuit];
    if (!circuit.sku_tier.known() || !circuit.peering_location.known()) continue;
    if (!EqualsIgnoreCase(circuit.sku_tier.value, "Standard") && !EqualsIgnoreCase(circuit.sku_tier.value, "Local")) continue;
    const VirtualNetworkGateway& gateway = model.gateways[c.gateway1];
    if (!gateway.location.known()) continue;
    const std::string_view circuit_geo = GeopoliticalRegionOfPeeringLocation(circuit.peering_location.value);
    const std::string_view gateway_geo = GeopoliticalRegionOfAzureRegion(gateway.location.value);
    if (circuit_geo.empty() || gateway_geo.empty() || circuit_geo == gateway_geo) continue;
    const std::string vnet = VnetDisplayName(model, gateway.vnet);
    PendingFinding finding = MakeFinding(
        "Microsoft.Network/connections", c.name, c.id, c.origin,
        fmt::format("connection {} links gateway {} of {} in {} ({}) to ExpressRoute circuit {} at peering location {} "
                    "({}), a {} circuit: only Premium circuits connect VNets outside the geopolitical region of their "
                    "peering location, so Azure rejects the connection and {} gets no routes to on-premises (its "
                    "on-premises traffic follows 0.0.0.0/0 to the Internet, or is dropped). Upgrade {} to Premium "
                    "(sku tier Premium), or link a circuit whose peering location is in {}",
                    c.name, gateway.name, vnet, gateway.location.value, gateway_geo, circuit.name,
                    circuit.peering_location.value, circuit_geo, circuit.sku_tier.value, vnet, circuit.name, gateway_geo),
        "geography");
    finding.related.push_back({circuit.origin, fmt::format("ExpressRoute circuit {} ({}, peering location {})", circuit.name,
                                                           circuit.sku_tier.value, circuit.peering_location.value)});
    finding.related.push_back({gateway.origin, fmt::format("gateway {} in {}", gateway.name, gateway.location.value)});
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint

#include "rules/rule.h"

#include <fmt/format.h>

#include "rules/rl001_firewall_subnet_propagation_disabled.h"
#include "rules/rl002_spoke_missing_default_route.h"
#include "rules/rl003_hub_missing_remote_supernet_route.h"
#include "route/trace.h"
#include "rules/rl004_spoke_propagation_enabled.h"
#include "rules/rl018_asymmetric_firewall_path.h"
#include "rules/rl019_route_table_limits.h"
#include "rules/rl020_invalid_route.h"
#include "rules/rl021_intent_violated.h"
#include "rules/rl022_onprem_prefix_not_learned.h"
#include "rules/rl023_child_declared_inline_and_separately.h"
#include "rules/rl005_spoke_default_route_wrong_next_hop.h"
#include "rules/rl006_hub_peering_transit_settings.h"
#include "rules/rl007_gateway_transit_mismatch.h"
#include "rules/rl008_peering_not_reciprocated.h"
#include "rules/rl009_peered_address_overlap.h"
#include "rules/rl010_deployment_not_summarizable.h"
#include "rules/rl011_route_table_shared.h"
#include "rules/rl012_route_table_naming.h"
#include "rules/rl013_next_hop_not_an_appliance.h"
#include "rules/rl014_gateway_subnet_route_table.h"
#include "rules/rl015_firewall_subnet_default_route.h"
#include "rules/rl016_paas_subnet_control_plane_route.h"
#include "rules/rl017_expressroute_circuit_limits.h"

namespace routelint {

std::string StableHash(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return fmt::format("{:016x}", hash);
}

PendingFinding Rule::MakeFinding(const std::string& resource_type, const std::string& resource_name,
                                 const std::string& resource_id, const Origin& origin, std::string message,
                                 std::string_view discriminator) const {
  PendingFinding pending;
  Finding& f = pending.finding;
  f.rule_id = std::string(meta().id);
  f.rule_name = std::string(meta().name);
  f.severity = meta().severity;
  f.message = std::move(message);
  f.resource_type = resource_type;
  f.resource_name = resource_name;
  f.resource_id = resource_id;
  // The id is normalised and symbolic in scope, so the fingerprint survives
  // moved lines, reformatting and other checkouts of the same repository.
  f.fingerprint = StableHash(f.rule_id + "|" + resource_id + "|" + std::string(discriminator));
  pending.origin = origin;
  return pending;
}

std::vector<std::unique_ptr<Rule>> MakeAllRules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<FirewallSubnetPropagationDisabled>());
  rules.push_back(std::make_unique<SpokeMissingDefaultRoute>());
  rules.push_back(std::make_unique<HubMissingRemoteSupernetRoute>());
  rules.push_back(std::make_unique<SpokePropagationEnabled>());
  rules.push_back(std::make_unique<SpokeDefaultRouteWrongNextHop>());
  rules.push_back(std::make_unique<HubPeeringTransitSettings>());
  rules.push_back(std::make_unique<GatewayTransitMismatch>());
  rules.push_back(std::make_unique<PeeringNotReciprocated>());
  rules.push_back(std::make_unique<PeeredAddressOverlap>());
  rules.push_back(std::make_unique<DeploymentNotSummarizable>());
  rules.push_back(std::make_unique<RouteTableShared>());
  rules.push_back(std::make_unique<RouteTableNaming>());
  rules.push_back(std::make_unique<NextHopNotAnAppliance>());
  rules.push_back(std::make_unique<GatewaySubnetRouteTable>());
  rules.push_back(std::make_unique<FirewallSubnetDefaultRoute>());
  rules.push_back(std::make_unique<PaasSubnetControlPlaneRoute>());
  rules.push_back(std::make_unique<ExpressRouteCircuitLimits>());
  rules.push_back(std::make_unique<AsymmetricFirewallPath>());
  rules.push_back(std::make_unique<RouteTableLimits>());
  rules.push_back(std::make_unique<InvalidRoute>());
  rules.push_back(std::make_unique<IntentViolated>());
  rules.push_back(std::make_unique<OnPremPrefixNotLearned>());
  rules.push_back(std::make_unique<ChildDeclaredInlineAndSeparately>());
  return rules;
}

std::string FateOf(RoutingEngine& routes, ObjectIndex subnet, const Prefix& destination) {
  const EffectiveRoute* route = routes.RoutesOf(subnet).Lookup(destination.address());
  if (route == nullptr) return "has no route and is dropped";
  const std::string via = route->UserRouteName().empty() ? "the system route " + route->PrefixText()
                                                         : "the user route " + std::string(route->UserRouteName()) + " (" + route->PrefixText() + ")";
  switch (route->next_hop) {
    case NextHopType::kInternet: return "follows " + via + " to the Internet and is lost";
    case NextHopType::kNull: return "is dropped by " + via + " → None";
    case NextHopType::kVirtualAppliance:
      return "follows " + via + " to " + (route->next_hop_ip ? route->next_hop_ip->ToString() : std::string("an appliance"));
    case NextHopType::kVirtualNetworkGateway: return "follows " + via + " to the gateway";
    default: return "follows " + via;
  }
}

void AppendFlow(const Model& model, const TraceResult& trace, std::string_view label, PendingFinding* finding) {
  for (size_t i = 0; i < trace.hops.size(); ++i) {
    const TraceHop& hop = trace.hops[i];
    Origin origin = HopOrigin(model, hop).value_or(Origin{});
    std::string text = std::string(label) + ": " + TraceHopText(model, trace, i);
    if (hop.has_route) {
      text += ", route " + hop.route.PrefixText() + " → " + std::string(NextHopTypeName(hop.route.next_hop)) +
              (hop.route.next_hop_ip ? " " + hop.route.next_hop_ip->ToString() : "");
    }
    finding->flow.push_back({std::move(origin), std::move(text)});
  }
  if (!finding->flow.empty()) finding->flow.back().message += "; " + TraceOutcomeText(model, trace);
}

const Firewall* FirstKnownFirewall(const Model& model, const Deployment& deployment) {
  for (ObjectIndex f : deployment.firewalls) {
    if (model.firewalls[f].private_ip.known()) return &model.firewalls[f];
  }
  return nullptr;
}

std::string VnetDisplayName(const Model& model, ObjectIndex vnet) {
  return vnet == kNone ? std::string("(unknown VNet)") : model.vnets[vnet].name;
}

std::string IpText(const Known<IpAddress>& ip) { return ip.known() ? ip.value.ToString() : "(unknown)"; }

}  // namespace routelint

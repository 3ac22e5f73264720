#include "rules/rl001_firewall_subnet_propagation_disabled.h"

#include <fmt/format.h>

#include <set>

namespace routelint {

const RuleMeta& FirewallSubnetPropagationDisabled::meta() const {
  static constexpr RuleMeta kMeta{
      "RL001", "firewall-subnet-propagation-disabled", Severity::kError,
      "The route table of a firewall subnet disables gateway route propagation, so the firewall loses the "
      "on-premises routes and that traffic is dropped or sent to the Internet."};
  return kMeta;
}

void FirewallSubnetPropagationDisabled::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  std::set<ObjectIndex> reported_subnets;  // an NVA pair shares one subnet
  for (const Firewall& firewall : model.firewalls) {
    if (firewall.subnet == kNone || !reported_subnets.insert(firewall.subnet).second) continue;
    const Subnet& subnet = model.subnets[firewall.subnet];
    const RouteTable* table = model.RouteTableOf(subnet);
    if (table == nullptr || !table->disable_bgp_route_propagation.Or(false)) continue;
    // Without a gateway (own, or remote through transit) there are no
    // gateway routes to lose.
    if (subnet.vnet == kNone || !model.ReceivesGatewayRoutes(subnet.vnet)) continue;
    const std::string vnet = VnetDisplayName(model, subnet.vnet);
    ObjectIndex gateway = model.GatewayOfVnet(subnet.vnet);
    const std::string source = gateway != kNone ? "the gateway " + model.gateways[gateway].name
                                                : "the remote gateway it uses through peering";
    // What becomes of on-premises traffic now, by the subnet's routes.
    std::string fate = "follows its other routes instead";
    for (const Connection& c : model.connections) {
      if (c.local_gateway == kNone || model.local_gateways[c.local_gateway].prefixes.empty()) continue;
      const Prefix& onprem = model.local_gateways[c.local_gateway].prefixes.front();
      fate = "(" + onprem.ToString() + ") " + FateOf(context.routes, firewall.subnet, onprem);
      break;
    }
    std::string message = fmt::format(
        "route table {} disables gateway route propagation on {} of {}, the subnet of {} {}: the firewall no "
        "longer learns the on-premises routes from {}, so traffic it forwards to on-premises {}. Set "
        "disableBgpRoutePropagation to false on {}",
        table->name, subnet.name, vnet,
        firewall.kind == Firewall::Kind::kAzureFirewall ? "firewall" : "network virtual appliance", firewall.name,
        source, fate, table->name);
    Origin origin = table->origin;
    origin.pointer += "/properties/disableBgpRoutePropagation";
    PendingFinding finding = MakeFinding("Microsoft.Network/routeTables", table->name, table->id, origin,
                                         std::move(message), subnet.id);
    finding.related.push_back({firewall.origin, fmt::format("{} {} sits in {}", firewall.kind == Firewall::Kind::kAzureFirewall ? "firewall" : "appliance", firewall.name, subnet.name)});
    finding.related.push_back({subnet.origin, fmt::format("subnet {} of {} uses route table {}", subnet.name, vnet, table->name)});
    if (gateway != kNone) {
      finding.related.push_back({model.gateways[gateway].origin, fmt::format("gateway {} propagates the on-premises routes", model.gateways[gateway].name)});
    }
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint

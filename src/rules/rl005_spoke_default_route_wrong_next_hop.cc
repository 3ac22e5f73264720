#include "rules/rl005_spoke_default_route_wrong_next_hop.h"

#include <fmt/format.h>

#include <algorithm>

#include "expand/value.h"
#include "route/user_routes.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {

const RuleMeta& SpokeDefaultRouteWrongNextHop::meta() const {
  static constexpr RuleMeta kMeta{
      "RL005", "spoke-default-route-wrong-next-hop", Severity::kError,
      "A spoke's 0.0.0.0/0 user route points somewhere other than its local hub's firewall."};
  return kMeta;
}

void SpokeDefaultRouteWrongNextHop::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Deployment& deployment : model.deployments) {
    const Firewall* firewall = FirstKnownFirewall(model, deployment);
    if (firewall == nullptr) continue;
    auto is_local_firewall = [&](const IpAddress& ip) {
      for (ObjectIndex f : deployment.firewalls) {
        if (model.firewalls[f].private_ip.known() && model.firewalls[f].private_ip.value == ip) return true;
      }
      // An internal load balancer in front of the hub's appliances.
      for (const IpAddress& frontend : model.load_balancer_frontends) {
        if (frontend == ip) {
          const ObjectIndex at = context.routes.SubnetContaining(ip);
          if (at != kNone && model.subnets[at].vnet == deployment.hub) return true;
        }
      }
      return false;
    };
    for (ObjectIndex spoke : deployment.spokes) {
      for (ObjectIndex s : model.vnets[spoke].subnets) {
        const Subnet& subnet = model.subnets[s];
        const RouteTable* table = model.RouteTableOf(subnet);
        if (table == nullptr || IsPlatformSubnet(subnet.name)) continue;
        const Route* route = DefaultUserRoute(*table);
        if (route == nullptr || !route->next_hop_type.known()) continue;
        std::string where;
        if (NextHopIs(*route, "VirtualAppliance")) {
          if (!route->next_hop_address) continue;  // unknown, or missing (RL020)
          if (is_local_firewall(*route->next_hop_address)) continue;
          const ObjectIndex other = model.FirewallAt(*route->next_hop_address);
          where = other != kNone ? fmt::format("{} ({})", route->next_hop_address->ToString(), model.firewalls[other].name)
                                 : route->next_hop_address->ToString() + ", which is not the hub firewall";
        } else {
          where = "next hop type " + route->next_hop_type.value;
        }
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/routeTables", table->name + "/" + route->name, table->id, route->origin,
            fmt::format("route {} in {} (subnet {} of spoke {}) sends 0.0.0.0/0 to {}, not to its hub firewall {} ({}): "
                        "the spoke's egress is not inspected by its hub. Point it at VirtualAppliance {}",
                        route->name, table->name, subnet.name, model.vnets[spoke].name, where, firewall->name,
                        IpText(firewall->private_ip), IpText(firewall->private_ip)),
            subnet.id + "|" + route->name);
        finding.related.push_back({firewall->origin, fmt::format("hub firewall {} of {}", firewall->name, VnetDisplayName(model, deployment.hub))});
        out->push_back(std::move(finding));
      }
    }
  }
}

}  // namespace routelint

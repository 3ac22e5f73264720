#include "rules/rl004_spoke_propagation_enabled.h"

#include <fmt/format.h>

#include <algorithm>

#include "expand/value.h"
#include "route/user_routes.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {

const RuleMeta& SpokePropagationEnabled::meta() const {
  static constexpr RuleMeta kMeta{
      "RL004", "spoke-propagation-enabled", Severity::kWarning,
      "A spoke's route table lets gateway routes in: on-premises prefixes are more specific than its 0.0.0.0/0 route to the firewall, so that traffic bypasses the firewall."};
  return kMeta;
}

void SpokePropagationEnabled::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Deployment& deployment : model.deployments) {
    const Firewall* firewall = FirstKnownFirewall(model, deployment);
    if (firewall == nullptr) continue;  // a gateway-only hub: its spokes need the gateway routes
    for (ObjectIndex spoke : deployment.spokes) {
      for (ObjectIndex s : model.vnets[spoke].subnets) {
        const Subnet& subnet = model.subnets[s];
        const RouteTable* table = model.RouteTableOf(subnet);
        if (table == nullptr || IsPlatformSubnet(subnet.name)) continue;
        if (!table->disable_bgp_route_propagation.known() && !table->disable_bgp_route_propagation.absent()) continue;
        if (table->disable_bgp_route_propagation.Or(false)) continue;
        const Route* default_route = DefaultUserRoute(*table);
        if (default_route == nullptr || !NextHopIs(*default_route, "VirtualAppliance")) continue;  // RL002/RL005
        // Gateway routes Azure picks over the default route to the firewall.
        const EffectiveRouteTable& routes = context.routes.RoutesOf(s);
        std::vector<std::string> bypassing;
        for (const EffectiveRoute& r : routes.routes) {
          if (r.source != RouteSource::kGateway || !r.active || !r.prefix || r.prefix->length() == 0) continue;
          const EffectiveRoute* chosen = routes.Lookup(r.prefix->address());
          if (chosen != nullptr && chosen->source == RouteSource::kGateway) bypassing.push_back(r.PrefixText());
        }
        if (bypassing.empty()) continue;
        std::string list;
        for (const std::string& p : bypassing) list += (list.empty() ? "" : ", ") + p;
        Origin origin = table->origin;
        origin.pointer += table->disable_bgp_route_propagation.known() ? "/properties/disableBgpRoutePropagation" : "/properties";
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/routeTables", table->name, table->id, origin,
            fmt::format("route table {} (subnet {} of spoke {}) lets gateway routes in: {} {} more specific than its "
                        "0.0.0.0/0 route to firewall {}, so traffic to on-premises goes straight to the gateway and "
                        "bypasses the firewall (and the replies, steered through the firewall, meet a firewall that never "
                        "saw the flow). Set disableBgpRoutePropagation to true on {}",
                        table->name, subnet.name, model.vnets[spoke].name, list, bypassing.size() == 1 ? "is" : "are",
                        firewall->name, table->name),
            subnet.id);
        finding.related.push_back({subnet.origin, fmt::format("subnet {} of {} uses route table {}", subnet.name, model.vnets[spoke].name, table->name)});
        finding.related.push_back({default_route->origin, "the 0.0.0.0/0 route to the firewall, less specific than the gateway routes"});
        out->push_back(std::move(finding));
      }
    }
  }
}

}  // namespace routelint

#include "rules/rl018_asymmetric_firewall_path.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "route/trace.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {
namespace {

std::string FirewallList(const Model& model, std::vector<ObjectIndex> firewalls) {
  std::string list;
  for (ObjectIndex f : firewalls) list += (list.empty() ? "" : ", ") + model.firewalls[f].name;
  return list.empty() ? "no firewall" : list;
}

// On-premises destinations: the local network gateways' prefixes and the
// routes learned over BGP (their first address stands for each).
std::vector<Prefix> OnPremisesPrefixes(const Model& model, RoutingEngine& routes) {
  std::set<Prefix> prefixes;
  for (const LocalNetworkGateway& lng : model.local_gateways) {
    for (const Prefix& p : lng.prefixes) {
      if (p.family() == IpFamily::kV4 && p.length() > 0) prefixes.insert(p);
    }
  }
  for (const Prefix& p : routes.learned().prefixes) {
    if (p.family() == IpFamily::kV4 && p.length() > 0) prefixes.insert(p);
  }
  return {prefixes.begin(), prefixes.end()};
}

}  // namespace

const RuleMeta& AsymmetricFirewallPath::meta() const {
  static constexpr RuleMeta kMeta{
      "RL018", "asymmetric-firewall-path", Severity::kError,
      "Traffic between a spoke and on-premises (or another deployment's spoke) crosses a stateful firewall one "
      "way only, so the firewall drops the replies."};
  return kMeta;
}

void AsymmetricFirewallPath::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  const std::vector<Prefix> onprem = OnPremisesPrefixes(model, context.routes);
  // One subnet stands for each route table of a spoke: subnets sharing the
  // VNet and table share their routes, and so their paths.
  std::set<std::pair<ObjectIndex, ObjectIndex>> seen;
  for (const Deployment& deployment : model.deployments) {
    if (deployment.firewalls.empty()) continue;
    for (ObjectIndex spoke : deployment.spokes) {
      const size_t reported = out->size();
      for (ObjectIndex s : model.vnets[spoke].subnets) {
        if (out->size() > reported) break;  // one finding per spoke: the fix is the spoke's, on the gateway side
        const Subnet& subnet = model.subnets[s];
        if (IsPlatformSubnet(subnet.name) || subnet.prefixes.empty()) continue;
        if (!seen.insert({spoke, subnet.route_table}).second) continue;
        if (context.routes.RoutesOf(s).incomplete) continue;
        for (const Prefix& destination : onprem) {
          const std::optional<IpAddress> address = destination.Host(destination.length() >= 31 ? 0 : 1);
          if (!address) continue;
          const TraceResult there = Trace(context.routes, s, *address);
          // Egress that skips the firewall altogether is RL002's or RL004's
          // finding (one mistake, one finding); this rule is about replies.
          if (there.outcome != TraceOutcome::kOnPremises || there.firewalls.empty()) continue;
          const TraceResult back = ReturnPath(context.routes, there);
          if (back.outcome != TraceOutcome::kDelivered || back.delivered_subnet != s) continue;
          std::vector<ObjectIndex> a = there.firewalls, b = back.firewalls;
          std::sort(a.begin(), a.end());
          std::sort(b.begin(), b.end());
          if (a == b) continue;
          const std::string from = SubnetDisplayName(model, s);
          const std::string gateway = model.gateways[there.exit_gateway].name;
          PendingFinding finding = MakeFinding(
              "Microsoft.Network/virtualNetworks/subnets", model.vnets[spoke].name + "/" + subnet.name, subnet.id,
              subnet.origin,
              fmt::format("traffic from {} to on-premises {} crosses {} on the way out but {} on the way back from "
                          "gateway {}: a stateful firewall sees only one direction and drops the flow. {}",
                          from, destination.ToString(), FirewallList(model, there.firewalls),
                          FirewallList(model, back.firewalls), gateway,
                          fmt::format("Route the spoke from the GatewaySubnet through the firewall: a GatewaySubnet "
                                      "route table with {} → VirtualAppliance {}",
                                      model.vnets[spoke].address_space.empty() ? subnet.prefixes.front().ToString()
                                                                               : model.vnets[spoke].address_space.front().ToString(),
                                      IpText(model.firewalls[there.firewalls.front()].private_ip))),
              destination.ToString());
          AppendFlow(model, there, "out", &finding);
          AppendFlow(model, back, "back", &finding);
          out->push_back(std::move(finding));
          break;  // one on-premises prefix tells the story for this subnet
        }
      }
    }
  }
}

}  // namespace routelint

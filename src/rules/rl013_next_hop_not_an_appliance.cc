#include "rules/rl013_next_hop_not_an_appliance.h"

#include <fmt/format.h>

#include <algorithm>

#include "expand/value.h"
#include "route/user_routes.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {

const RuleMeta& NextHopNotAnAppliance::meta() const {
  static constexpr RuleMeta kMeta{
      "RL013", "next-hop-not-an-appliance", Severity::kError,
      "A VirtualAppliance next hop is no firewall or IP-forwarding NIC: packets sent there are dropped."};
  return kMeta;
}

void NextHopNotAnAppliance::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  // An address only means "nothing there" when every range is known.
  bool ranges_known = true;
  for (const VirtualNetwork& v : model.vnets) ranges_known = ranges_known && !v.address_space_unknown;
  for (const Subnet& s : model.subnets) ranges_known = ranges_known && !s.prefixes_unknown;
  for (const RouteTable& table : model.route_tables) {
    for (const Route& route : table.routes) {
      if (!NextHopIs(route, "VirtualAppliance") || !route.next_hop_address) continue;
      const IpAddress& ip = *route.next_hop_address;
      if (model.FirewallAt(ip) != kNone) continue;
      if (std::find(model.load_balancer_frontends.begin(), model.load_balancer_frontends.end(), ip) !=
          model.load_balancer_frontends.end()) {
        continue;
      }
      std::string problem;
      const NetworkInterface* nic = nullptr;
      for (const NetworkInterface& n : model.nics) {
        for (const auto& config : n.ip_configs) {
          if (config.private_ip.known() && config.private_ip.value == ip) nic = &n;
        }
      }
      if (nic != nullptr) {
        if (nic->enable_ip_forwarding.Or(false) || nic->enable_ip_forwarding.unknown()) continue;
        problem = fmt::format("{} is network interface {}, which does not have IP forwarding enabled: Azure drops the "
                              "packets it would forward. Set enableIPForwarding to true on {} (and forward in the guest)",
                              ip.ToString(), nic->name, nic->name);
      } else if (ranges_known && context.routes.SubnetContaining(ip) == kNone) {
        problem = fmt::format("{} lies in no subnet of the estate: no appliance can answer there, so the traffic is "
                              "dropped. Point the route at the firewall's or appliance's private IP",
                              ip.ToString());
      } else {
        continue;  // an address in a known subnet: a device routelint cannot see may hold it
      }
      Origin origin = route.origin;
      origin.pointer += "/properties/nextHopIpAddress";
      PendingFinding finding = MakeFinding(
          "Microsoft.Network/routeTables", table.name + "/" + route.name, table.id, origin,
          fmt::format("route {} in route table {} sends {} to VirtualAppliance {}, but {}", route.name, table.name,
                      route.address_prefix.Or("?"), ip.ToString(), problem),
          route.name);
      if (nic != nullptr) finding.related.push_back({nic->origin, "network interface " + nic->name});
      out->push_back(std::move(finding));
    }
  }
}

}  // namespace routelint

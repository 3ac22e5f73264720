#include "rules/rl015_firewall_subnet_default_route.h"

#include <fmt/format.h>

#include <algorithm>

#include "expand/value.h"
#include "route/user_routes.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {

const RuleMeta& FirewallSubnetDefaultRoute::meta() const {
  static constexpr RuleMeta kMeta{
      "RL015", "firewall-subnet-default-route", Severity::kError,
      "The AzureFirewallSubnet sends 0.0.0.0/0 somewhere other than the Internet outside forced tunnelling."};
  return kMeta;
}

void FirewallSubnetDefaultRoute::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    const Subnet& subnet = model.subnets[s];
    if (!EqualsIgnoreCase(subnet.name, "AzureFirewallSubnet")) continue;
    const RouteTable* table = model.RouteTableOf(subnet);
    if (table == nullptr) continue;
    const Route* route = DefaultUserRoute(*table);
    if (route == nullptr || !route->next_hop_type.known() || NextHopIs(*route, "Internet")) continue;
    // Forced tunnelling: a firewall created with a management configuration,
    // and the VNet's AzureFirewallManagementSubnet.
    bool forced_tunnelling = false;
    bool has_management_subnet = false;
    if (subnet.vnet != kNone) {
      for (ObjectIndex other : model.vnets[subnet.vnet].subnets) {
        has_management_subnet = has_management_subnet || EqualsIgnoreCase(model.subnets[other].name, "AzureFirewallManagementSubnet");
      }
    }
    bool has_firewall = false;
    for (const Firewall& f : model.firewalls) {
      if (f.subnet != static_cast<ObjectIndex>(s) || f.kind != Firewall::Kind::kAzureFirewall) continue;
      has_firewall = true;
      forced_tunnelling = forced_tunnelling || (f.management_configuration && has_management_subnet);
    }
    if (forced_tunnelling || (!has_firewall && has_management_subnet)) continue;
    const std::string vnet = VnetDisplayName(model, subnet.vnet);
    PendingFinding finding = MakeFinding(
        "Microsoft.Network/routeTables", table->name + "/" + route->name, table->id, route->origin,
        fmt::format("route {} in {} sends 0.0.0.0/0 from AzureFirewallSubnet of {} to {}: outside forced tunnelling "
                    "Azure Firewall needs direct Internet connectivity, and this route is unsupported (the firewall "
                    "breaks, or its Internet traffic leaves through the wrong path). Use 0.0.0.0/0 → Internet, or "
                    "create the firewall for forced tunnelling (managementIpConfiguration and "
                    "AzureFirewallManagementSubnet)",
                    route->name, table->name, vnet, route->next_hop_type.value),
        route->name);
    finding.related.push_back({subnet.origin, "AzureFirewallSubnet of " + vnet + " uses route table " + table->name});
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint

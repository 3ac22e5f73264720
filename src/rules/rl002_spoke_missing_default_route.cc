#include "rules/rl002_spoke_missing_default_route.h"

#include <fmt/format.h>

#include "expand/value.h"
#include "route/user_routes.h"

namespace routelint {

bool IsPlatformSubnet(std::string_view name) {
  for (std::string_view reserved : {"GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet",
                                    "AzureBastionSubnet", "RouteServerSubnet"}) {
    if (EqualsIgnoreCase(name, reserved)) return true;
  }
  return false;
}

const RuleMeta& SpokeMissingDefaultRoute::meta() const {
  static constexpr RuleMeta kMeta{
      "RL002", "spoke-missing-default-route", Severity::kError,
      "A spoke subnet has no 0.0.0.0/0 user route to its hub firewall, so its egress skips inspection."};
  return kMeta;
}

void SpokeMissingDefaultRoute::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Deployment& deployment : model.deployments) {
    // The firewall the spokes should send their egress to.
    const Firewall* firewall = FirstKnownFirewall(model, deployment);
    if (firewall == nullptr) continue;  // a hub with only a gateway: nothing to route to
    const std::string fix = fmt::format("0.0.0.0/0 → VirtualAppliance {} ({})", IpText(firewall->private_ip), firewall->name);
    const std::string hub = VnetDisplayName(model, deployment.hub);
    for (ObjectIndex spoke : deployment.spokes) {
      for (ObjectIndex s : model.vnets[spoke].subnets) {
        const Subnet& subnet = model.subnets[s];
        if (IsPlatformSubnet(subnet.name) || subnet.route_table_id.unknown()) continue;
        const std::string where = fmt::format("subnet {} of spoke {}", subnet.name, model.vnets[spoke].name);
        if (subnet.route_table_id.absent()) {
          PendingFinding finding = MakeFinding(
              "Microsoft.Network/virtualNetworks/subnets", model.vnets[spoke].name + "/" + subnet.name, subnet.id,
              subnet.origin,
              fmt::format("{} has no route table: its traffic to the Internet leaves directly and skips the hub "
                          "firewall {} in {}. Associate a route table with {}",
                          where, firewall->name, hub, fix),
              "no-route-table");
          finding.related.push_back({firewall->origin, fmt::format("hub firewall {} of {}", firewall->name, hub)});
          out->push_back(std::move(finding));
          continue;
        }
        const RouteTable* table = model.RouteTableOf(subnet);
        if (table == nullptr) continue;  // declared outside the estate: its routes are unknown
        const Prefix any = Prefix::Make(IpAddress::V4(0), 0);
        if (DefaultUserRoute(*table) != nullptr || HasUnknownRouteFor(*table, any)) continue;
        Origin origin = table->origin;
        origin.pointer += "/properties/routes";
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/routeTables", table->name, table->id, origin,
            fmt::format("route table {} ({}) has no 0.0.0.0/0 route: traffic to the Internet leaves directly and "
                        "skips the hub firewall {} in {}. Add {}",
                        table->name, where, firewall->name, hub, fix),
            subnet.id);
        finding.related.push_back({subnet.origin, fmt::format("{} uses route table {}", where, table->name)});
        finding.related.push_back({firewall->origin, fmt::format("hub firewall {} of {}", firewall->name, hub)});
        out->push_back(std::move(finding));
      }
    }
  }
}

}  // namespace routelint

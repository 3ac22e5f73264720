#include "rules/rl014_gateway_subnet_route_table.h"

#include <fmt/format.h>

#include <algorithm>

#include "expand/value.h"
#include "route/user_routes.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {

const RuleMeta& GatewaySubnetRouteTable::meta() const {
  static constexpr RuleMeta kMeta{
      "RL014", "gateway-subnet-route-table", Severity::kError,
      "The GatewaySubnet's route table disables gateway route propagation or has a 0.0.0.0/0 route, which Azure does not support."};
  return kMeta;
}

void GatewaySubnetRouteTable::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Subnet& subnet : model.subnets) {
    if (!EqualsIgnoreCase(subnet.name, "GatewaySubnet")) continue;
    const RouteTable* table = model.RouteTableOf(subnet);
    if (table == nullptr) continue;
    const std::string vnet = VnetDisplayName(model, subnet.vnet);
    if (table->disable_bgp_route_propagation.Or(false)) {
      Origin origin = table->origin;
      origin.pointer += "/properties/disableBgpRoutePropagation";
      PendingFinding finding = MakeFinding(
          "Microsoft.Network/routeTables", table->name, table->id, origin,
          fmt::format("route table {} disables gateway route propagation on GatewaySubnet of {}: Azure requires it "
                      "enabled there, and with it disabled the gateway does not function. Set "
                      "disableBgpRoutePropagation to false on {}",
                      table->name, vnet, table->name),
          "propagation");
      finding.related.push_back({subnet.origin, "GatewaySubnet of " + vnet + " uses route table " + table->name});
      out->push_back(std::move(finding));
    }
    if (const Route* route = DefaultUserRoute(*table)) {
      PendingFinding finding = MakeFinding(
          "Microsoft.Network/routeTables", table->name + "/" + route->name, table->id, route->origin,
          fmt::format("route {} in {} sends 0.0.0.0/0 from GatewaySubnet of {}: Azure does not support a default "
                      "route on the GatewaySubnet (gateways with it cannot be created or stop working). Remove it; "
                      "send specific spoke prefixes to the firewall instead",
                      route->name, table->name, vnet),
          "default|" + route->name);
      finding.related.push_back({subnet.origin, "GatewaySubnet of " + vnet + " uses route table " + table->name});
      out->push_back(std::move(finding));
    }
  }
}

}  // namespace routelint

#include "rules/rl006_hub_peering_transit_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace routelint {

const RuleMeta& HubPeeringTransitSettings::meta() const {
  static constexpr RuleMeta kMeta{
      "RL006", "hub-peering-transit-settings", Severity::kError,
      "A peering between two hubs does not allow forwarded traffic, or turns gateway transit on."};
  return kMeta;
}

void HubPeeringTransitSettings::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Peering& peering : model.peerings) {
    if (peering.vnet == kNone || peering.remote_vnet == kNone) continue;
    if (!model.is_hub[peering.vnet] || !model.is_hub[peering.remote_vnet]) continue;
    const std::string from = model.vnets[peering.vnet].name, to = model.vnets[peering.remote_vnet].name;
    auto report = [&](const char* property, std::string problem, const char* fix) {
      Origin origin = peering.origin;
      origin.pointer += std::string("/properties/") + property;
      PendingFinding finding = MakeFinding(
          "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", from + "/" + peering.name, peering.id, origin,
          fmt::format("peering {} from hub {} to hub {} {}. {}", peering.name, from, to, problem, fix), property);
      out->push_back(std::move(finding));
    };
    if (peering.allow_forwarded_traffic.known() || peering.allow_forwarded_traffic.absent()) {
      if (!peering.allow_forwarded_traffic.Or(false)) {
        report("allowForwardedTraffic",
               "does not allow forwarded traffic: packets a firewall forwards from the other deployment's spokes are "
               "dropped at the peering",
               "Set allowForwardedTraffic to true on both sides");
      }
    }
    if (peering.allow_gateway_transit.Or(false)) {
      report("allowGatewayTransit", "allows gateway transit: hubs have gateways of their own and must not share them",
             "Set allowGatewayTransit to false");
    }
    if (peering.use_remote_gateways.Or(false)) {
      report("useRemoteGateways", "uses the remote hub's gateway: the hub's own gateway routes are replaced by the other's",
             "Set useRemoteGateways to false");
    }
  }
}

}  // namespace routelint

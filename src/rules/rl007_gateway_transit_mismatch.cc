#include "rules/rl007_gateway_transit_mismatch.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace routelint {

const RuleMeta& GatewayTransitMismatch::meta() const {
  static constexpr RuleMeta kMeta{
      "RL007", "gateway-transit-mismatch", Severity::kError,
      "A peering uses remote gateways that the other side does not offer, or the gateway transit flags contradict each other."};
  return kMeta;
}

void GatewayTransitMismatch::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  auto report = [&](const Peering& peering, const char* property, const std::string& discriminator, std::string text) {
    Origin origin = peering.origin;
    origin.pointer += std::string("/properties/") + property;
    out->push_back(MakeFinding("Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
                               model.vnets[peering.vnet].name + "/" + peering.name, peering.id, origin, std::move(text),
                               discriminator));
  };
  for (size_t v = 0; v < model.vnets.size(); ++v) {
    int using_remote = 0;
    for (ObjectIndex p : model.vnets[v].peerings) using_remote += model.peerings[p].use_remote_gateways.Or(false);
    for (ObjectIndex p : model.vnets[v].peerings) {
      const Peering& peering = model.peerings[p];
      const std::string local = model.vnets[v].name;
      if (peering.allow_gateway_transit.Or(false) && peering.use_remote_gateways.Or(false)) {
        report(peering, "useRemoteGateways", "both",
               fmt::format("peering {} of {} both offers its gateway (allowGatewayTransit) and uses the remote one "
                           "(useRemoteGateways): a VNet that uses a remote gateway cannot have its own. Keep one",
                           peering.name, local));
        continue;
      }
      if (!peering.use_remote_gateways.Or(false)) continue;
      if (using_remote > 1) {
        report(peering, "useRemoteGateways", "several",
               fmt::format("{} sets useRemoteGateways on {} peerings; Azure allows it on one only (peering {} is one of "
                           "them). Keep it on the peering to the hub whose gateway the VNet should use",
                           local, using_remote, peering.name));
      }
      if (model.GatewayOfVnet(static_cast<ObjectIndex>(v)) != kNone) {
        report(peering, "useRemoteGateways", "own-gateway",
               fmt::format("peering {} of {} uses the remote gateway, but {} has a gateway of its own: Azure rejects "
                           "this. Remove the local gateway or set useRemoteGateways to false",
                           peering.name, local, local));
      }
      if (peering.remote_vnet == kNone) continue;  // the remote VNet is not in the estate
      const std::string remote = model.vnets[peering.remote_vnet].name;
      if (model.GatewayOfVnet(peering.remote_vnet) == kNone && !model.vnets[peering.remote_vnet].address_space_unknown) {
        report(peering, "useRemoteGateways", "no-remote-gateway",
               fmt::format("peering {} of {} uses the remote gateway, but {} has no virtual network gateway in the "
                           "estate: the deployment fails (or, with doNotVerifyRemoteGateways, no gateway routes "
                           "arrive). Deploy the hub's gateway or set useRemoteGateways to false",
                           peering.name, local, remote));
        continue;
      }
      bool offered = false, answered = false;
      for (ObjectIndex q : model.vnets[peering.remote_vnet].peerings) {
        const Peering& back = model.peerings[q];
        if (back.remote_vnet != static_cast<ObjectIndex>(v)) continue;
        answered = true;
        offered = offered || back.allow_gateway_transit.Or(false) || back.allow_gateway_transit.unknown();
      }
      if (answered && !offered) {
        report(peering, "useRemoteGateways", "no-transit",
               fmt::format("peering {} of {} uses the remote gateway, but {}'s peering back does not allow gateway "
                           "transit: the spoke gets no gateway routes. Set allowGatewayTransit to true on {}'s peering",
                           peering.name, local, remote, remote));
      }
    }
  }
}

}  // namespace routelint

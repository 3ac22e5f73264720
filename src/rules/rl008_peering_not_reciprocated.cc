#include "rules/rl008_peering_not_reciprocated.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace routelint {

const RuleMeta& PeeringNotReciprocated::meta() const {
  static constexpr RuleMeta kMeta{
      "RL008", "peering-not-reciprocated", Severity::kWarning,
      "A peering has no matching peering on the other side, so it stays Initiated and carries no traffic."};
  return kMeta;
}

void PeeringNotReciprocated::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const Peering& peering : model.peerings) {
    if (peering.vnet == kNone || peering.remote_vnet == kNone) continue;
    const VirtualNetwork& remote = model.vnets[peering.remote_vnet];
    if (remote.address_space_unknown && remote.subnets.empty() && remote.peerings.empty()) continue;  // not declared here
    bool answered = false;
    for (ObjectIndex q : remote.peerings) answered = answered || model.peerings[q].remote_vnet == peering.vnet;
    if (answered) continue;
    const std::string local = model.vnets[peering.vnet].name;
    out->push_back(MakeFinding(
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", local + "/" + peering.name, peering.id,
        peering.origin,
        fmt::format("peering {} from {} to {} has no peering back from {}: it stays Initiated and no traffic flows "
                    "between the two VNets. Add a virtualNetworkPeerings resource on {} pointing at {}",
                    peering.name, local, remote.name, remote.name, remote.name, local),
        remote.id));
  }
}

}  // namespace routelint

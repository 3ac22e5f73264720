#include "rules/rl009_peered_address_overlap.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace routelint {

const RuleMeta& PeeredAddressOverlap::meta() const {
  static constexpr RuleMeta kMeta{
      "RL009", "peered-address-overlap", Severity::kError,
      "Two peered VNets have overlapping address spaces, which Azure rejects."};
  return kMeta;
}

void PeeredAddressOverlap::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  std::set<std::pair<ObjectIndex, ObjectIndex>> seen;
  for (const Peering& peering : model.peerings) {
    if (peering.vnet == kNone || peering.remote_vnet == kNone) continue;
    const auto key = std::minmax(peering.vnet, peering.remote_vnet);
    if (!seen.insert(key).second) continue;
    const VirtualNetwork& a = model.vnets[peering.vnet];
    const VirtualNetwork& b = model.vnets[peering.remote_vnet];
    for (const Prefix& x : a.address_space) {
      for (const Prefix& y : b.address_space) {
        if (!x.Overlaps(y)) continue;
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", a.name + "/" + peering.name, peering.id,
            peering.origin,
            fmt::format("{} ({}) and {} ({}) overlap, and peering {} joins them: Azure refuses to peer VNets with "
                        "overlapping address spaces. Renumber one of them",
                        a.name, x.ToString(), b.name, y.ToString(), peering.name),
            x.ToString() + "|" + y.ToString());
        finding.related.push_back({a.origin, fmt::format("{} has {}", a.name, x.ToString())});
        finding.related.push_back({b.origin, fmt::format("{} has {}", b.name, y.ToString())});
        out->push_back(std::move(finding));
      }
    }
  }
}

}  // namespace routelint

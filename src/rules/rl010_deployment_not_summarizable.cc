#include "rules/rl010_deployment_not_summarizable.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace routelint {

const RuleMeta& DeploymentNotSummarizable::meta() const {
  static constexpr RuleMeta kMeta{
      "RL010", "deployment-not-summarizable", Severity::kNote,
      "No single prefix covers a hub-and-spoke deployment without also covering another deployment."};
  return kMeta;
}

void DeploymentNotSummarizable::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  if (model.deployments.size() < 2) return;
  for (const Deployment& d : model.deployments) {
    if (!d.supernet) continue;
    // One finding per deployment: the deployments its span catches.
    std::vector<std::string> caught;
    for (const Deployment& other : model.deployments) {
      if (&other == &d) continue;
      std::vector<ObjectIndex> members = other.spokes;
      members.push_back(other.hub);
      for (ObjectIndex v : members) {
        const auto range = std::find_if(model.vnets[v].address_space.begin(), model.vnets[v].address_space.end(),
                                        [&](const Prefix& p) { return d.supernet->Overlaps(p); });
        if (range == model.vnets[v].address_space.end()) continue;
        caught.push_back(fmt::format("{} of {} (deployment of {})", range->ToString(), model.vnets[v].name,
                                     model.vnets[other.hub].name));
        break;
      }
    }
    if (caught.empty()) continue;
    std::string list;
    for (const std::string& c : caught) list += (list.empty() ? "" : ", ") + c;
    const VirtualNetwork& hub = model.vnets[d.hub];
    out->push_back(MakeFinding(
        "Microsoft.Network/virtualNetworks", hub.name, hub.id, hub.origin,
        fmt::format("the deployment of hub {} spans {}, the smallest prefix over its hub and spokes, which also covers "
                    "{}: no single route can send its traffic to its firewall, so every other hub needs a route per "
                    "spoke range. Allocate each deployment one supernet (e.g. a /16) and number its spokes inside it",
                    hub.name, d.supernet->ToString(), list),
        "span"));
  }
}

}  // namespace routelint

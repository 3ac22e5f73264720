#include "model/topology.h"

#include <fmt/format.h>

#include "expand/value.h"
#include "model/builder.h"

namespace routelint {
namespace {

// A VNet by name or id; kNone when absent or ambiguous (*problem says which).
ObjectIndex FindVnetByName(const Model& model, const std::string& name, std::string* problem) {
  if (name.find('/') != std::string::npos) {
    const ObjectIndex v = model.FindVnet(NormalizeId(name));
    if (v == kNone) *problem = "no VNet with this id in the estate";
    return v;
  }
  ObjectIndex found = kNone;
  for (size_t v = 0; v < model.vnets.size(); ++v) {
    if (!EqualsIgnoreCase(model.vnets[v].name, name)) continue;
    if (found != kNone) {
      *problem = "more than one VNet has this name: give its resource id";
      return kNone;
    }
    found = static_cast<ObjectIndex>(v);
  }
  if (found == kNone) *problem = "no VNet of this name in the files linted";
  return found;
}

// The subnet of `vnet` whose prefixes hold `ip`, or kNone.
ObjectIndex SubnetHolding(const Model& model, ObjectIndex vnet, const IpAddress& ip) {
  for (ObjectIndex s : model.vnets[vnet].subnets) {
    for (const Prefix& p : model.subnets[s].prefixes) {
      if (p.Contains(ip)) return s;
    }
  }
  return kNone;
}

}  // namespace

void ApplyTopology(const std::vector<HubDeclaration>& hubs, Model* model, std::vector<Diagnostic>* diagnostics) {
  if (hubs.empty()) return;
  for (const HubDeclaration& hub : hubs) {
    std::string problem;
    const ObjectIndex vnet = FindVnetByName(*model, hub.vnet, &problem);
    if (vnet == kNone) {
      diagnostics->push_back({"RL902", Severity::kWarning, hub.where,
                              fmt::format("[topology] hub {} not applied: {}", hub.vnet, problem)});
      continue;
    }
    Model::DeclaredHub declared;
    declared.vnet = vnet;
    declared.supernet = hub.supernet;
    if (hub.firewall_ip) {
      ObjectIndex firewall = model->FirewallAt(*hub.firewall_ip);
      if (firewall == kNone) {
        // The appliance is not in these files (another repository, or behind
        // a load balancer): it answers at the declared address.
        Firewall appliance;
        appliance.kind = Firewall::Kind::kNetworkVirtualAppliance;
        appliance.name = model->Keep(fmt::format("firewall {} declared in [topology]", hub.firewall_ip->ToString()));
        appliance.origin = ModelOrigin{kNotATemplate, {}, {}};
        appliance.subnet = SubnetHolding(*model, vnet, *hub.firewall_ip);
        appliance.private_ip = Known<IpAddress>::Of(*hub.firewall_ip);
        firewall = static_cast<ObjectIndex>(model->firewalls.size());
        model->firewalls.push_back(std::move(appliance));
        model->IndexFirewalls();
      }
      declared.firewalls.push_back(firewall);
    }
    model->declared_hubs.push_back(std::move(declared));
  }
  InferRoles(model);
}

}  // namespace routelint

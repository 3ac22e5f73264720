// Role inference (design.md §3): which VNets are hubs, which are spokes, and
// which hub-and-spoke deployments they form.
#include <algorithm>
#include <set>

#include "model/builder.h"

namespace routelint {
namespace {

// VNets peered with `vnet` from either side, with the local side's peering
// flag for using the remote gateway.
struct Neighbour {
  ObjectIndex vnet;
  bool uses_remote_gateway;
};

// Every VNet's neighbours in one pass over the peerings (each side's own
// peerings, and the peerings of others that point at it).
std::vector<std::vector<Neighbour>> AllNeighbours(const Model& m) {
  std::vector<std::vector<Neighbour>> out(m.vnets.size());
  auto add = [&out](ObjectIndex vnet, ObjectIndex other, bool uses_gateway) {
    for (Neighbour& n : out[vnet]) {
      if (n.vnet == other) {
        n.uses_remote_gateway = n.uses_remote_gateway || uses_gateway;
        return;
      }
    }
    out[vnet].push_back({other, uses_gateway});
  };
  for (const Peering& p : m.peerings) {
    if (p.vnet == kNone || p.remote_vnet == kNone) continue;
    add(p.vnet, p.remote_vnet, p.use_remote_gateways.Or(false));
    add(p.remote_vnet, p.vnet, false);
  }
  return out;
}

}  // namespace

void InferRoles(Model* model) {
  Model& m = *model;
  const size_t n = m.vnets.size();
  m.is_hub.assign(n, false);
  m.deployment_of_vnet.assign(n, kNone);
  m.deployments.clear();

  std::vector<std::vector<ObjectIndex>> firewalls_of(n);
  for (size_t f = 0; f < m.firewalls.size(); ++f) {
    const ObjectIndex subnet = m.firewalls[f].subnet;
    if (subnet != kNone && m.subnets[subnet].vnet != kNone) {
      firewalls_of[m.subnets[subnet].vnet].push_back(static_cast<ObjectIndex>(f));
    }
  }
  const std::vector<std::vector<Neighbour>> neighbours = AllNeighbours(m);
  std::vector<bool> has_gateway(n, false);
  for (const VirtualNetworkGateway& g : m.gateways) {
    if (g.vnet != kNone) has_gateway[g.vnet] = true;
  }
  for (size_t v = 0; v < n; ++v) {
    const bool has_appliance = !firewalls_of[v].empty() || has_gateway[v];
    m.is_hub[v] = has_appliance && !neighbours[v].empty();
  }
  for (const Model::DeclaredHub& declared : m.declared_hubs) {
    m.is_hub[declared.vnet] = true;
    for (ObjectIndex f : declared.firewalls) {
      std::vector<ObjectIndex>& list = firewalls_of[declared.vnet];
      if (std::find(list.begin(), list.end(), f) == list.end()) list.push_back(f);
    }
  }

  // One deployment per hub, in VNet order (deterministic).
  std::vector<ObjectIndex> deployment_of_hub(n, kNone);
  for (size_t v = 0; v < n; ++v) {
    if (!m.is_hub[v]) continue;
    Deployment d;
    d.hub = static_cast<ObjectIndex>(v);
    d.firewalls = firewalls_of[v];
    deployment_of_hub[v] = static_cast<ObjectIndex>(m.deployments.size());
    m.deployment_of_vnet[v] = deployment_of_hub[v];
    m.deployments.push_back(std::move(d));
  }

  // A spoke's local hub: the one whose gateway it uses; otherwise its only hub.
  for (size_t v = 0; v < n; ++v) {
    if (m.is_hub[v]) continue;
    ObjectIndex chosen = kNone;
    int hubs = 0;
    for (const Neighbour& nb : neighbours[v]) {
      if (!m.is_hub[nb.vnet]) continue;
      ++hubs;
      if (nb.uses_remote_gateway) chosen = nb.vnet;
    }
    if (chosen == kNone && hubs == 1) {
      for (const Neighbour& nb : neighbours[v]) {
        if (m.is_hub[nb.vnet]) chosen = nb.vnet;
      }
    }
    if (chosen == kNone) continue;
    const ObjectIndex d = deployment_of_hub[chosen];
    m.deployments[d].spokes.push_back(static_cast<ObjectIndex>(v));
    m.deployment_of_vnet[v] = d;
  }

  for (Deployment& d : m.deployments) {
    std::vector<Prefix> v4;
    bool complete = !m.vnets[d.hub].address_space_unknown;
    auto take = [&](ObjectIndex vnet) {
      complete = complete && !m.vnets[vnet].address_space_unknown;
      for (const Prefix& p : m.vnets[vnet].address_space) {
        if (p.family() == IpFamily::kV4) v4.push_back(p);
      }
    };
    take(d.hub);
    for (ObjectIndex spoke : d.spokes) take(spoke);
    if (complete) d.supernet = CoveringSupernet(v4);
    for (const Model::DeclaredHub& declared : m.declared_hubs) {
      if (declared.vnet == d.hub && declared.supernet) d.supernet = declared.supernet;
    }
  }
}

}  // namespace routelint

#include "model/model.h"

#include <algorithm>
#include <cctype>

namespace routelint {

std::string NormalizeId(std::string_view id) {
  std::string out(id);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

namespace {

// What NormalizeId would leave as it is.
bool IsNormalizedId(std::string_view id) {
  if (!id.empty() && id.back() == '/') return false;
  return std::none_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::string_view ProviderPart(std::string_view normalized_id) {
  const size_t at = normalized_id.rfind("/providers/");
  return at == std::string_view::npos ? std::string_view() : normalized_id.substr(at);
}

void IdIndex::Add(Text normalized_id, ObjectIndex index) {
  auto exact = exact_.try_emplace(normalized_id, index).first;
  exact->second = index;
  auto [it, inserted] = by_provider_part_.emplace(ProviderPart(exact->first), index);
  if (!inserted && it->second != index) it->second = kAmbiguous;
}

ObjectIndex IdIndex::Exact(std::string_view normalized_id) const {
  auto it = exact_.find(normalized_id);
  return it == exact_.end() ? kNone : it->second;
}

ObjectIndex IdIndex::Find(std::string_view id) const {
  // Ids in the model are normalised already: only others need a lower-case copy.
  std::string lowered;
  std::string_view key = id;
  if (!IsNormalizedId(key)) {
    lowered = NormalizeId(id);
    key = lowered;
  }
  if (ObjectIndex found = Exact(key); found != kNone) return found;
  const std::string_view part = ProviderPart(key);
  if (part.empty()) return kNone;
  auto it = by_provider_part_.find(part);
  return it == by_provider_part_.end() || it->second == kAmbiguous ? kNone : it->second;
}

ObjectIndex Model::FindVnet(std::string_view id) const { return vnet_by_id.Find(id); }
ObjectIndex Model::FindSubnet(std::string_view id) const { return subnet_by_id.Find(id); }
ObjectIndex Model::FindRouteTable(std::string_view id) const { return route_table_by_id.Find(id); }
ObjectIndex Model::FindGateway(std::string_view id) const { return gateway_by_id.Find(id); }
ObjectIndex Model::FindLocalGateway(std::string_view id) const { return local_gateway_by_id.Find(id); }
ObjectIndex Model::FindCircuit(std::string_view id) const { return circuit_by_id.Find(id); }

Text Model::Keep(std::string_view text) {
  // The model's own pool is the first; a model built by hand (a test) has none yet.
  if (texts.empty()) texts.push_back(std::make_shared<TextPool>());
  return texts.front()->Intern(text);
}

void Model::IndexFirewalls() {
  firewall_by_ip.clear();
  for (size_t i = 0; i < firewalls.size(); ++i) {
    if (firewalls[i].private_ip.known()) firewall_by_ip.emplace_back(firewalls[i].private_ip.value, static_cast<ObjectIndex>(i));
  }
  // By address, then index: the first firewall of an address wins, as in the scan.
  std::sort(firewall_by_ip.begin(), firewall_by_ip.end());
  firewalls_indexed = firewalls.size();
}

ObjectIndex Model::FirewallAt(const IpAddress& ip) const {
  if (firewalls_indexed == firewalls.size() && firewalls_indexed > 0) {
    auto it = std::lower_bound(firewall_by_ip.begin(), firewall_by_ip.end(), std::make_pair(ip, ObjectIndex{-1}));
    return it != firewall_by_ip.end() && it->first == ip ? it->second : kNone;
  }
  for (size_t i = 0; i < firewalls.size(); ++i) {
    if (firewalls[i].private_ip.known() && firewalls[i].private_ip.value == ip) return static_cast<ObjectIndex>(i);
  }
  return kNone;
}

ObjectIndex Model::GatewayOfVnet(ObjectIndex vnet) const {
  for (size_t i = 0; i < gateways.size(); ++i) {
    if (gateways[i].vnet == vnet) return static_cast<ObjectIndex>(i);
  }
  return kNone;
}

bool Model::ReceivesGatewayRoutes(ObjectIndex vnet) const {
  if (GatewayOfVnet(vnet) != kNone) return true;
  for (ObjectIndex p : vnets[vnet].peerings) {
    const Peering& peering = peerings[p];
    if (!peering.use_remote_gateways.Or(false) || peering.remote_vnet == kNone) continue;
    if (GatewayOfVnet(peering.remote_vnet) == kNone) continue;
    // Transit needs the remote side's peering back to allow it.
    for (ObjectIndex q : vnets[peering.remote_vnet].peerings) {
      if (peerings[q].remote_vnet == vnet && peerings[q].allow_gateway_transit.Or(false)) return true;
    }
  }
  return false;
}

const RouteTable* Model::RouteTableOf(const Subnet& subnet) const {
  return subnet.route_table == kNone ? nullptr : &route_tables[subnet.route_table];
}

namespace {

struct Tally {
  int known = 0;
  int unknown = 0;
  template <typename T>
  void Add(const Known<T>& value) {
    known += value.known();
    unknown += value.unknown();
  }
  void Add(bool is_unknown, bool present) {
    known += present && !is_unknown;
    unknown += is_unknown;
  }
};

}  // namespace

void CountRoutingValues(const Model& model, int* known, int* unknown) {
  Tally t;
  for (const VirtualNetwork& v : model.vnets) t.Add(v.address_space_unknown, !v.address_space.empty());
  for (const Subnet& s : model.subnets) {
    t.Add(s.prefixes_unknown, !s.prefixes.empty());
    t.Add(s.route_table_id);
  }
  for (const RouteTable& table : model.route_tables) {
    t.Add(table.disable_bgp_route_propagation);
    t.Add(table.routes_unknown, false);
    for (const Route& r : table.routes) {
      t.Add(r.address_prefix);
      t.Add(r.next_hop_type);
      t.Add(r.next_hop_ip);
    }
  }
  for (const Peering& p : model.peerings) {
    t.Add(p.remote_vnet_id);
    t.Add(p.allow_forwarded_traffic);
    t.Add(p.allow_gateway_transit);
    t.Add(p.use_remote_gateways);
  }
  for (const Firewall& f : model.firewalls) t.Add(f.private_ip);
  for (const VirtualNetworkGateway& g : model.gateways) t.Add(g.gateway_type);
  for (const LocalNetworkGateway& l : model.local_gateways) t.Add(l.prefixes_unknown, !l.prefixes.empty());
  for (const Connection& c : model.connections) t.Add(c.peer_id);
  for (const ExpressRouteCircuit& c : model.circuits) {
    t.Add(c.sku_tier);
    t.Add(c.bandwidth_mbps);
    t.Add(c.peering_location);
  }
  for (const PaasService& p : model.paas_services) {
    t.Add(p.mode);
    t.Add(p.subnets_unknown, !p.subnet_ids.empty());
  }
  *known = t.known;
  *unknown = t.unknown;
}

}  // namespace routelint

#include "model/model.h"

#include <cctype>

namespace routelint {

std::string NormalizeId(std::string_view id) {
  std::string out(id);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

std::string_view ProviderPart(std::string_view normalized_id) {
  const size_t at = normalized_id.rfind("/providers/");
  return at == std::string_view::npos ? std::string_view() : normalized_id.substr(at);
}

namespace {

ObjectIndex FindIn(const std::unordered_map<std::string, ObjectIndex>& index, const std::string& id) {
  const std::string key = NormalizeId(id);
  if (auto it = index.find(key); it != index.end()) return it->second;
  // Templates refer to resources of other files by ids whose subscription or
  // resource group may be written differently (a parameter, a literal GUID);
  // accept a match on the provider part when exactly one resource has it.
  const std::string_view wanted = ProviderPart(key);
  if (wanted.empty()) return kNone;
  ObjectIndex found = kNone;
  for (const auto& [candidate, index_value] : index) {
    if (ProviderPart(candidate) == wanted) {
      if (found != kNone) return kNone;  // ambiguous
      found = index_value;
    }
  }
  return found;
}

}  // namespace

ObjectIndex Model::FindVnet(const std::string& id) const { return FindIn(vnet_by_id, id); }
ObjectIndex Model::FindSubnet(const std::string& id) const { return FindIn(subnet_by_id, id); }
ObjectIndex Model::FindRouteTable(const std::string& id) const { return FindIn(route_table_by_id, id); }
ObjectIndex Model::FindGateway(const std::string& id) const { return FindIn(gateway_by_id, id); }
ObjectIndex Model::FindLocalGateway(const std::string& id) const { return FindIn(local_gateway_by_id, id); }

ObjectIndex Model::FirewallAt(const IpAddress& ip) const {
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
  *known = t.known;
  *unknown = t.unknown;
}

}  // namespace routelint

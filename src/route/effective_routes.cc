#include "route/effective_routes.h"

#include <algorithm>
#include <set>

#include "base/parallel.h"
#include "expand/value.h"

namespace routelint {

std::string_view RouteSourceName(RouteSource source) {
  switch (source) {
    case RouteSource::kDefault: return "Default";
    case RouteSource::kGateway: return "Virtual network gateway";
    case RouteSource::kUser: return "User";
  }
  return "Default";
}

std::string_view NextHopTypeName(NextHopType type) {
  switch (type) {
    case NextHopType::kVnetLocal: return "Virtual network";
    case NextHopType::kVnetPeering: return "VNet peering";
    case NextHopType::kInternet: return "Internet";
    case NextHopType::kNull: return "None";
    case NextHopType::kVirtualAppliance: return "Virtual appliance";
    case NextHopType::kVirtualNetworkGateway: return "Virtual network gateway";
    case NextHopType::kServiceEndpoint: return "VirtualNetworkServiceEndpoint";
    case NextHopType::kUnknown: return "(unknown)";
  }
  return "(unknown)";
}

std::string_view NextHopTypeArmName(NextHopType type) {
  switch (type) {
    case NextHopType::kVnetLocal: return "VnetLocal";
    case NextHopType::kVnetPeering: return "VNetPeering";
    case NextHopType::kInternet: return "Internet";
    case NextHopType::kNull: return "None";
    case NextHopType::kVirtualAppliance: return "VirtualAppliance";
    case NextHopType::kVirtualNetworkGateway: return "VirtualNetworkGateway";
    case NextHopType::kServiceEndpoint: return "VirtualNetworkServiceEndpoint";
    case NextHopType::kUnknown: return "Unknown";
  }
  return "Unknown";
}

namespace {

constexpr int Rank(RouteSource source) {
  return source == RouteSource::kUser ? 2 : source == RouteSource::kGateway ? 1 : 0;
}

NextHopType ParseNextHopType(const Known<Text>& type) {
  if (!type.known()) return NextHopType::kUnknown;
  const std::string& t = type.value;
  if (EqualsIgnoreCase(t, "VirtualAppliance")) return NextHopType::kVirtualAppliance;
  if (EqualsIgnoreCase(t, "VirtualNetworkGateway") || EqualsIgnoreCase(t, "VPNGateway")) return NextHopType::kVirtualNetworkGateway;
  if (EqualsIgnoreCase(t, "VnetLocal")) return NextHopType::kVnetLocal;
  if (EqualsIgnoreCase(t, "Internet")) return NextHopType::kInternet;
  if (EqualsIgnoreCase(t, "None") || EqualsIgnoreCase(t, "Null")) return NextHopType::kNull;
  return NextHopType::kUnknown;
}

EffectiveRoute SystemRoute(const Prefix& prefix, NextHopType next_hop) {
  EffectiveRoute r;
  r.source = RouteSource::kDefault;
  r.prefix = prefix;
  r.next_hop = next_hop;
  return r;
}

Prefix V4(uint32_t address, int length) { return Prefix::Make(IpAddress::V4(address), length); }

// The four ranges Azure drops by default (azure-routing.md §1.1).
const Prefix kReserved[] = {V4(0x0A000000, 8), V4(0xAC100000, 12), V4(0xC0A80000, 16), V4(0x64400000, 10)};

}  // namespace

void EffectiveRouteTable::PrepareLookup() const {
  // Up to this many routes a scan is as fast as a trie walk, and a trie costs
  // about a hundred times the memory (a node per prefix bit).
  constexpr size_t kScanned = 64;
  if (!indexed_) {
    indexed_ = true;
    for (size_t i = 0; i < routes.size(); ++i) {
      if (routes[i].active && routes[i].prefix) by_length_.push_back(static_cast<uint32_t>(i));
    }
    if (by_length_.size() > kScanned) {
      trie_ = std::make_unique<PrefixTable<uint32_t>>();
      for (uint32_t i : by_length_) {
        const uint32_t* existing = trie_->Find(*routes[i].prefix);
        if (existing == nullptr || Rank(routes[i].source) > Rank(routes[*existing].source)) {
          trie_->Insert(*routes[i].prefix, i);
        }
      }
      by_length_ = std::vector<uint32_t>();
    } else {
      std::stable_sort(by_length_.begin(), by_length_.end(), [this](uint32_t a, uint32_t b) {
        return routes[a].prefix->length() > routes[b].prefix->length();
      });
    }
  }
}

std::string EffectiveRoute::PrefixText() const {
  if (user_route != nullptr) return user_route->address_prefix.value;
  if (prefix) return prefix->ToString();
  if (!service_endpoint.empty()) return std::string(service_endpoint) + " (service endpoint prefixes)";
  return {};
}

std::string_view EffectiveRoute::UserRouteName() const {
  return user_route != nullptr ? std::string_view(user_route->name) : std::string_view();
}

std::string EffectiveRoute::LearnedFrom() const {
  switch (from) {
    case GatewayRouteFrom::kNotGateway: return {};
    case GatewayRouteFrom::kLocalGateway: return "local network gateway " + from_name;
    case GatewayRouteFrom::kExpressRoute: return "ExpressRoute circuit, from gateway " + from_name;
    case GatewayRouteFrom::kVnetToVnet: return "VNet-to-VNet connection " + from_name;
    case GatewayRouteFrom::kOnPremisesBgp: return "BGP (learned from on-premises)";
  }
  return {};
}

const EffectiveRoute* EffectiveRouteTable::Lookup(const IpAddress& destination) const {
  PrepareLookup();
  if (trie_) {
    const uint32_t* best = trie_->Lookup(destination);
    return best == nullptr ? nullptr : &routes[*best];
  }
  for (size_t k = 0; k < by_length_.size(); ++k) {
    const EffectiveRoute& found = routes[by_length_[k]];
    if (!found.prefix->Contains(destination)) continue;
    // The same prefix from another source: the preferred one, else the first listed.
    const EffectiveRoute* best = &found;
    for (size_t j = k + 1; j < by_length_.size() && routes[by_length_[j]].prefix->length() == found.prefix->length(); ++j) {
      const EffectiveRoute& other = routes[by_length_[j]];
      if (*other.prefix == *found.prefix && Rank(other.source) > Rank(best->source)) best = &other;
    }
    return best;
  }
  return nullptr;
}

RoutingEngine::RoutingEngine(const Model& model, OnPremisesRoutes learned)
    : model_(model), learned_(std::move(learned)), by_subnet_(model.subnets.size(), nullptr) {}

bool RoutingEngine::Connected(const Peering& peering) const {
  if (peering.remote_vnet == kNone || peering.vnet == kNone) return false;
  // A peering carries traffic once the other side peers back ("Connected");
  // one side alone stays "Initiated".
  for (ObjectIndex back : model_.vnets[peering.remote_vnet].peerings) {
    if (model_.peerings[back].remote_vnet == peering.vnet) return true;
  }
  return false;
}

ObjectIndex RoutingEngine::GatewayFor(ObjectIndex vnet) const {
  if (vnet == kNone) return kNone;
  if (ObjectIndex own = model_.GatewayOfVnet(vnet); own != kNone) return own;
  for (ObjectIndex p : model_.vnets[vnet].peerings) {
    const Peering& peering = model_.peerings[p];
    if (!peering.use_remote_gateways.Or(false) || !Connected(peering)) continue;
    const ObjectIndex remote_gateway = model_.GatewayOfVnet(peering.remote_vnet);
    if (remote_gateway == kNone) continue;
    for (ObjectIndex q : model_.vnets[peering.remote_vnet].peerings) {
      if (model_.peerings[q].remote_vnet == vnet && model_.peerings[q].allow_gateway_transit.Or(false)) return remote_gateway;
    }
  }
  return kNone;
}

void RoutingEngine::IndexSubnets() const {
  if (subnet_by_prefix_) return;
  subnet_by_prefix_.emplace();
  for (size_t s = 0; s < model_.subnets.size(); ++s) {
    for (const Prefix& p : model_.subnets[s].prefixes) {
      if (subnet_by_prefix_->Find(p) == nullptr) subnet_by_prefix_->Insert(p, static_cast<ObjectIndex>(s));
    }
  }
}

ObjectIndex RoutingEngine::SubnetContaining(const IpAddress& ip) const {
  IndexSubnets();
  const ObjectIndex* found = subnet_by_prefix_->Lookup(ip);
  return found == nullptr ? kNone : *found;
}

void RoutingEngine::AddGatewayRoutes(ObjectIndex gateway, std::vector<EffectiveRoute>* out) const {
  auto add = [&](const Prefix& prefix, GatewayRouteFrom from, Text from_name, ObjectIndex remote_gateway) {
    EffectiveRoute r;
    r.source = RouteSource::kGateway;
    r.prefix = prefix;
    r.next_hop = NextHopType::kVirtualNetworkGateway;
    r.gateway = gateway;
    r.remote_gateway = remote_gateway;
    r.from = from;
    r.from_name = from_name;
    out->push_back(std::move(r));
  };
  // VNets (and the spokes that use their gateway) of other gateways on the
  // same ExpressRoute circuit: BGP carries them through the circuit.
  auto vnets_behind = [this](ObjectIndex g) {
    std::vector<ObjectIndex> vnets;
    for (size_t v = 0; v < model_.vnets.size(); ++v) {
      if (GatewayFor(static_cast<ObjectIndex>(v)) == g) vnets.push_back(static_cast<ObjectIndex>(v));
    }
    return vnets;
  };
  for (const Connection& c : model_.connections) {
    if (c.gateway1 != gateway) continue;
    if (c.local_gateway != kNone) {
      for (const Prefix& p : model_.local_gateways[c.local_gateway].prefixes) {
        add(p, GatewayRouteFrom::kLocalGateway, model_.local_gateways[c.local_gateway].name, kNone);
      }
    }
    if (c.connection_type.known() && EqualsIgnoreCase(c.connection_type.value, "ExpressRoute") && c.peer_id.known()) {
      for (const Connection& other : model_.connections) {
        if (other.gateway1 == kNone || other.gateway1 == gateway || !other.peer_id.known() ||
            other.peer_id.value != c.peer_id.value) {
          continue;
        }
        for (ObjectIndex v : vnets_behind(other.gateway1)) {
          for (const Prefix& p : model_.vnets[v].address_space) {
            add(p, GatewayRouteFrom::kExpressRoute, model_.gateways[other.gateway1].name, other.gateway1);
          }
        }
      }
    }
    if (c.gateway2 != kNone) {  // VNet-to-VNet
      for (ObjectIndex v : vnets_behind(c.gateway2)) {
        for (const Prefix& p : model_.vnets[v].address_space) add(p, GatewayRouteFrom::kVnetToVnet, c.name, c.gateway2);
      }
    }
  }
  for (const Prefix& p : learned_.prefixes) add(p, GatewayRouteFrom::kOnPremisesBgp, Text(), kNone);
}

EffectiveRouteTable RoutingEngine::Compute(ObjectIndex subnet_index) const {
  EffectiveRouteTable table;
  table.subnet = subnet_index;
  const Subnet& subnet = model_.subnets[subnet_index];
  const VirtualNetwork& vnet = model_.vnets[subnet.vnet];
  table.incomplete = vnet.address_space_unknown || subnet.route_table_id.unknown();
  std::vector<EffectiveRoute>& routes = table.routes;

  // System routes.
  for (const Prefix& p : vnet.address_space) routes.push_back(SystemRoute(p, NextHopType::kVnetLocal));
  for (const Prefix& reserved : kReserved) {
    bool keep = true;
    for (const Prefix& p : vnet.address_space) {
      // Equal to the VNet range: its VnetLocal route stands for it; a VNet
      // range that contains the reserved one removes it.
      if (p.Contains(reserved)) keep = false;
    }
    if (keep) routes.push_back(SystemRoute(reserved, NextHopType::kNull));
  }
  routes.push_back(SystemRoute(V4(0, 0), NextHopType::kInternet));
  // A dual-stack VNet has an IPv6 default route too.
  if (std::any_of(vnet.address_space.begin(), vnet.address_space.end(),
                  [](const Prefix& p) { return p.family() == IpFamily::kV6; })) {
    routes.push_back(SystemRoute(Prefix::Make(IpAddress::V6(0, 0), 0), NextHopType::kInternet));
  }
  for (ObjectIndex p : vnet.peerings) {
    const Peering& peering = model_.peerings[p];
    if (!Connected(peering)) continue;
    const VirtualNetwork& remote = model_.vnets[peering.remote_vnet];
    table.incomplete = table.incomplete || remote.address_space_unknown;
    for (const Prefix& range : remote.address_space) {
      EffectiveRoute r = SystemRoute(range, NextHopType::kVnetPeering);
      r.peered_vnet = peering.remote_vnet;
      routes.push_back(std::move(r));
    }
  }
  for (const Text service : subnet.service_endpoints) {
    EffectiveRoute r;
    r.service_endpoint = service;
    r.next_hop = NextHopType::kServiceEndpoint;
    routes.push_back(std::move(r));
  }

  // Gateway routes, unless the route table turns propagation off.
  const RouteTable* rt = model_.RouteTableOf(subnet);
  if (subnet.route_table_id.known() && rt == nullptr) table.incomplete = true;  // declared outside the estate
  const bool propagate = rt == nullptr || !rt->disable_bgp_route_propagation.Or(false);
  if (rt != nullptr && rt->disable_bgp_route_propagation.unknown()) table.incomplete = true;
  const ObjectIndex gateway = GatewayFor(subnet.vnet);
  if (propagate && gateway != kNone) {
    std::vector<EffectiveRoute> learned;
    AddGatewayRoutes(gateway, &learned);
    for (EffectiveRoute& r : learned) {
      // VNet, peering (and service endpoint) system routes win over gateway
      // routes inside them, even more specific ones.
      const bool shadowed = std::any_of(routes.begin(), routes.end(), [&](const EffectiveRoute& s) {
        return s.prefix && (s.next_hop == NextHopType::kVnetLocal || s.next_hop == NextHopType::kVnetPeering) &&
               s.prefix->Contains(*r.prefix);
      });
      if (!shadowed) routes.push_back(std::move(r));
    }
  }

  // User routes.
  bool default_user_route = false;
  if (rt != nullptr) {
    table.incomplete = table.incomplete || rt->routes_unknown;
    for (const Route& route : rt->routes) {
      EffectiveRoute r;
      r.source = RouteSource::kUser;
      r.user_route = &route;
      r.next_hop = ParseNextHopType(route.next_hop_type);
      if (route.next_hop_address) r.next_hop_ip = *route.next_hop_address;
      if (!route.address_prefix.known() || r.next_hop == NextHopType::kUnknown ||
          (r.next_hop == NextHopType::kVirtualAppliance && !route.next_hop_address)) {
        table.incomplete = true;
      }
      if (!route.address_prefix.known()) continue;
      r.prefix = route.prefix;
      if (route.is_service_tag) table.service_tags_unexpanded = true;
      if (!route.prefix) table.incomplete = table.incomplete || !route.is_service_tag;  // an invalid prefix (RL020)
      if (route.prefix && route.prefix->length() == 0 && route.prefix->family() == IpFamily::kV4 &&
          r.next_hop != NextHopType::kInternet) {
        default_user_route = true;
      }
      routes.push_back(std::move(r));
    }
  }
  // A 0.0.0.0/0 user route removes the reserved None routes (Appendix A).
  if (default_user_route) {
    routes.erase(std::remove_if(routes.begin(), routes.end(),
                                [](const EffectiveRoute& r) {
                                  return r.source == RouteSource::kDefault && r.next_hop == NextHopType::kNull &&
                                         std::find(std::begin(kReserved), std::end(kReserved), *r.prefix) !=
                                             std::end(kReserved);
                                }),
                 routes.end());
  }
  // On one prefix, User > gateway > system: the others are Invalid.
  for (EffectiveRoute& r : routes) {
    if (!r.prefix) continue;
    for (const EffectiveRoute& other : routes) {
      if (&other != &r && other.prefix && *other.prefix == *r.prefix && Rank(other.source) > Rank(r.source)) {
        r.active = false;
        break;
      }
    }
  }
  // Cached for the whole run, one per subnet of an estate: the room the
  // list grew into would more than double what it holds.
  routes.shrink_to_fit();
  return table;
}

std::pair<ObjectIndex, ObjectIndex> RoutingEngine::SharingKey(ObjectIndex subnet) const {
  const Subnet& s = model_.subnets[subnet];
  const ObjectIndex table = s.route_table_id.known() ? s.route_table : (s.route_table_id.unknown() ? -2 : kNone);
  return {s.vnet, table};
}

const EffectiveRouteTable& RoutingEngine::RoutesOf(ObjectIndex subnet) {
  if (const EffectiveRouteTable* known = by_subnet_[subnet]) return *known;
  return *(by_subnet_[subnet] = &FindOrCompute(subnet));
}

EffectiveRouteTable& RoutingEngine::FindOrCompute(ObjectIndex subnet) {
  if (!model_.subnets[subnet].service_endpoints.empty()) {
    auto it = per_subnet_.find(subnet);
    if (it == per_subnet_.end()) it = per_subnet_.emplace(subnet, Compute(subnet)).first;
    return it->second;
  }
  // Subnets of one VNet with the same route table (or none) have the same
  // routes: compute them once.
  const auto key = SharingKey(subnet);
  auto it = cache_.find(key);
  if (it == cache_.end()) it = cache_.emplace(key, Compute(subnet)).first;
  return it->second;
}

void RoutingEngine::ComputeAll(int jobs) {
  // One subnet for each list of routes not computed yet.
  std::vector<ObjectIndex> firsts;
  std::set<std::pair<ObjectIndex, ObjectIndex>> keys;
  for (size_t i = 0; i < model_.subnets.size(); ++i) {
    const ObjectIndex subnet = static_cast<ObjectIndex>(i);
    if (model_.subnets[i].vnet == kNone) continue;  // nothing computes routes of a subnet outside any VNet
    if (!model_.subnets[i].service_endpoints.empty()) {
      if (!per_subnet_.count(subnet)) firsts.push_back(subnet);
    } else if (const auto key = SharingKey(subnet); !cache_.count(key) && keys.insert(key).second) {
      firsts.push_back(subnet);
    }
  }
  std::vector<EffectiveRouteTable> computed(firsts.size());
  ForEachIndexParallel(firsts.size(), jobs, [&](size_t i) {
    computed[i] = Compute(firsts[i]);
    computed[i].PrepareLookup();
  });
  for (size_t i = 0; i < firsts.size(); ++i) {
    if (!model_.subnets[firsts[i]].service_endpoints.empty()) {
      per_subnet_.emplace(firsts[i], std::move(computed[i]));
    } else {
      cache_.emplace(SharingKey(firsts[i]), std::move(computed[i]));
    }
  }
  for (auto& [key, table] : cache_) table.PrepareLookup();
  for (auto& [subnet, table] : per_subnet_) table.PrepareLookup();
  // Rules may now ask from several threads at once: nothing is left to fill in.
  for (size_t i = 0; i < model_.subnets.size(); ++i) {
    if (model_.subnets[i].vnet != kNone) by_subnet_[i] = &FindOrCompute(static_cast<ObjectIndex>(i));
  }
  IndexSubnets();
}

}  // namespace routelint

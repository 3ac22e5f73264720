// Route stage: the effective routes Azure computes for a subnet, and the
// path a packet takes through the estate (azure-routing.md §1-§4, §9).
//
//   system routes   each VNet range → VnetLocal; 10/8, 172.16/12, 192.168/16,
//                   100.64/10 → None (with Azure's rewrite rule); 0/0 →
//                   Internet; each range of each connected peered VNet →
//                   VNetPeering; service endpoints (subnet only)
//   gateway routes  local network gateway prefixes, routes learned over BGP
//                   from on-premises, and the VNets of other hubs whose
//                   gateways share an ExpressRoute circuit; for the gateway's
//                   VNet and for spokes using it through gateway transit;
//                   none when the route table disables propagation
//   user routes     the subnet's route table
//   selection       longest prefix; on one prefix User > gateway > system
//                   (the others are Invalid); VnetLocal/VNetPeering routes
//                   beat more specific gateway routes inside them; a 0/0
//                   user route (not to the Internet) removes the reserved
//                   None routes
#ifndef ROUTELINT_ROUTE_EFFECTIVE_ROUTES_H_
#define ROUTELINT_ROUTE_EFFECTIVE_ROUTES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ip.h"
#include "model/model.h"

namespace routelint {

enum class RouteSource : uint8_t { kDefault, kGateway, kUser };
enum class NextHopType : uint8_t {
  kVnetLocal,
  kVnetPeering,
  kInternet,
  kNull,  // "None": the packet is dropped
  kVirtualAppliance,
  kVirtualNetworkGateway,
  kServiceEndpoint,
  kUnknown,
};

/// The portal's words: "Default", "Virtual network gateway", "User".
std::string_view RouteSourceName(RouteSource source);
/// The portal's words: "Virtual network", "VNet peering", "Virtual appliance", ...
std::string_view NextHopTypeName(NextHopType type);
/// The ARM/CLI words: VnetLocal, VNetPeering, VirtualAppliance, ...
std::string_view NextHopTypeArmName(NextHopType type);

/// What installs a gateway route.
enum class GatewayRouteFrom : uint8_t {
  kNotGateway,      // not a gateway route
  kLocalGateway,    // a local network gateway's prefixes (a site-to-site connection)
  kExpressRoute,    // another hub's VNets, through an ExpressRoute circuit both gateways use
  kVnetToVnet,      // a VNet-to-VNet connection's other side
  kOnPremisesBgp,   // learned from on-premises over BGP (a route table export)
};

/// One route of a subnet's effective routes. Every subnet of an estate has a
/// list of them, cached for the whole run: what the model holds already (a
/// user route's name and prefix text, a service's name) is pointed to, not
/// copied, so these live no longer than the model.
struct EffectiveRoute {
  RouteSource source = RouteSource::kDefault;
  bool active = true;
  NextHopType next_hop = NextHopType::kNull;
  GatewayRouteFrom from = GatewayRouteFrom::kNotGateway;  // gateway routes
  ObjectIndex peered_vnet = kNone;  // VNetPeering routes
  ObjectIndex gateway = kNone;      // gateway routes: the gateway that installs them
  ObjectIndex remote_gateway = kNone;  // learned through a shared ExpressRoute circuit from this gateway
  std::optional<Prefix> prefix;   // absent for service tags: not used for lookups
  std::optional<IpAddress> next_hop_ip;
  const Route* user_route = nullptr;  // user routes
  Text service_endpoint;  // service endpoint routes: the service as the subnet names it
  Text from_name;         // gateway routes: the local network gateway, other gateway or connection

  /// As listed: a user route's prefix as written (a CIDR or a service tag),
  /// a system or gateway route's prefix, "Storage (service endpoint prefixes)".
  std::string PrefixText() const;
  /// A user route's name; empty for the others.
  std::string_view UserRouteName() const;
  /// Where a gateway route comes from: "local network gateway lng-onprem",
  /// "BGP (learned from on-premises)", ...; empty for the others.
  std::string LearnedFrom() const;
};

struct EffectiveRouteTable {
  ObjectIndex subnet = kNone;
  std::vector<EffectiveRoute> routes;  // in the portal's order: system, gateway, user
  /// Inputs that stayed unknown (route table, prefixes, next hops): the
  /// table may lack routes Azure would have; path rules stay silent.
  bool incomplete = false;
  bool service_tags_unexpanded = false;

  /// The active route Azure uses for `destination`, or nullptr. Indexed on
  /// first use: a table of a few dozen routes (a spoke's) by a list of its
  /// active routes, longest prefix first, scanned in order; a larger one (a
  /// hub's, with routes learned over BGP) by a prefix trie.
  const EffectiveRoute* Lookup(const IpAddress& destination) const;
  /// Builds what Lookup uses now rather than on first use, so that Lookup
  /// changes nothing and threads may call it at once.
  void PrepareLookup() const;

 private:
  // For each prefix, the route Azure prefers (User > gateway > system):
  // longest prefix first when scanned, else in the trie.
  mutable std::vector<uint32_t> by_length_;
  mutable std::unique_ptr<PrefixTable<uint32_t>> trie_;
  mutable bool indexed_ = false;
};

/// Routes learned over BGP from on-premises (an ExpressRoute route table
/// export), installed at every virtual network gateway of the estate.
struct OnPremisesRoutes {
  std::vector<Prefix> prefixes;  // learned from on-premises (AS 65515 rows excluded)
  std::string export_file;       // where they were read from; empty: no export given
  std::vector<Prefix> required;  // on-premises networks that must be learned (configuration)
};

class RoutingEngine {
 public:
  RoutingEngine(const Model& model, OnPremisesRoutes learned);

  /// The effective routes of a subnet. Computed once per distinct inputs
  /// (VNet and route table), shared between subnets that have the same.
  const EffectiveRouteTable& RoutesOf(ObjectIndex subnet);
  /// Computes the routes of every subnet now, on up to `jobs` threads, with
  /// their lookups: afterwards RoutesOf, Lookup and SubnetContaining only
  /// read, and rules may run on several threads at once.
  void ComputeAll(int jobs);

  /// The gateway whose routes subnets of `vnet` receive (its own, or the
  /// hub's through gateway transit), or kNone.
  ObjectIndex GatewayFor(ObjectIndex vnet) const;
  /// The subnet of the estate that contains `ip`, or kNone.
  ObjectIndex SubnetContaining(const IpAddress& ip) const;
  const Model& model() const { return model_; }
  const OnPremisesRoutes& learned() const { return learned_; }

 private:
  EffectiveRouteTable Compute(ObjectIndex subnet) const;
  // The table shared by `subnet`, computed if it is not yet.
  EffectiveRouteTable& FindOrCompute(ObjectIndex subnet);
  // Subnets with the same key (VNet, route table) have the same routes.
  std::pair<ObjectIndex, ObjectIndex> SharingKey(ObjectIndex subnet) const;
  void IndexSubnets() const;
  void AddGatewayRoutes(ObjectIndex gateway, std::vector<EffectiveRoute>* out) const;
  bool Connected(const Peering& peering) const;

  const Model& model_;
  OnPremisesRoutes learned_;
  std::map<std::pair<ObjectIndex, ObjectIndex>, EffectiveRouteTable> cache_;  // (vnet, route table) → routes
  std::map<ObjectIndex, EffectiveRouteTable> per_subnet_;  // subnets with service endpoints
  // Each subnet's table in the two maps above, once asked for (a trace asks
  // for the same few subnets a million times on a large estate).
  std::vector<const EffectiveRouteTable*> by_subnet_;
  mutable std::optional<PrefixTable<ObjectIndex>> subnet_by_prefix_;  // built on first use
};

}  // namespace routelint

#endif  // ROUTELINT_ROUTE_EFFECTIVE_ROUTES_H_

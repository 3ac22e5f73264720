#include "route/user_routes.h"

#include "expand/value.h"

namespace routelint {

const Route* CoveringUserRoute(const RouteTable& table, const Prefix& destination) {
  const Route* best = nullptr;
  for (const Route& route : table.routes) {
    if (!route.prefix || !route.prefix->Contains(destination)) continue;
    if (best == nullptr || route.prefix->length() > best->prefix->length()) best = &route;
  }
  return best;
}

bool HasUnknownRouteFor(const RouteTable& table, const Prefix& destination) {
  if (table.routes_unknown) return true;
  for (const Route& route : table.routes) {
    if (route.address_prefix.unknown()) return true;
    if (route.prefix && route.prefix->Contains(destination) &&
        (route.next_hop_type.unknown() || route.next_hop_ip.unknown())) {
      return true;
    }
  }
  return false;
}

const Route* DefaultUserRoute(const RouteTable& table) {
  for (const Route& route : table.routes) {
    if (route.prefix && route.prefix->length() == 0 && route.prefix->family() == IpFamily::kV4) return &route;
  }
  return nullptr;
}

bool NextHopIs(const Route& route, std::string_view type) {
  return route.next_hop_type.known() && EqualsIgnoreCase(route.next_hop_type.value, type);
}

UserRouteIndex::UserRouteIndex(const RouteTable& table) : all_unknown_(table.routes_unknown) {
  for (const Route& route : table.routes) {
    if (route.address_prefix.unknown()) all_unknown_ = true;
    if (!route.prefix) continue;
    // The first route of a prefix wins, as in CoveringUserRoute.
    if (routes_.Find(*route.prefix) == nullptr) routes_.Insert(*route.prefix, &route);
    if (route.next_hop_type.unknown() || route.next_hop_ip.unknown()) unknown_next_hops_.Insert(*route.prefix, true);
  }
}

const Route* UserRouteIndex::Covering(const Prefix& destination) const {
  const Route* const* route = routes_.LookupCovering(destination);
  return route ? *route : nullptr;
}

bool UserRouteIndex::HasUnknownFor(const Prefix& destination) const {
  return all_unknown_ || unknown_next_hops_.LookupCovering(destination) != nullptr;
}

}  // namespace routelint

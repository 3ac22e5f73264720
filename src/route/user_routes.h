// Route stage (first part): longest-prefix questions over the user routes of
// one route table, which the rules of the foundation ask. The full effective
// route computation (system, gateway and peering routes) builds on this.
#ifndef ROUTELINT_ROUTE_USER_ROUTES_H_
#define ROUTELINT_ROUTE_USER_ROUTES_H_

#include "model/model.h"

namespace routelint {

/// The user route Azure would pick for all of `destination`: the longest
/// route prefix that contains it. nullptr when none does.
const Route* CoveringUserRoute(const RouteTable& table, const Prefix& destination);

/// True when some route of the table could change the answer for
/// `destination` but is unknown before deployment (unknown prefix, or the
/// route list itself unknown): rules must then stay silent.
bool HasUnknownRouteFor(const RouteTable& table, const Prefix& destination);

/// The user route for 0.0.0.0/0, or nullptr.
const Route* DefaultUserRoute(const RouteTable& table);

/// True when the route's next hop type is `type` (case-insensitive, known).
bool NextHopIs(const Route& route, std::string_view type);

/// CoveringUserRoute and HasUnknownRouteFor for many destinations over one
/// table (a hub's firewall table asked about every remote spoke): longest-
/// prefix tries instead of a scan of the routes per question.
class UserRouteIndex {
 public:
  explicit UserRouteIndex(const RouteTable& table);
  const Route* Covering(const Prefix& destination) const;
  bool HasUnknownFor(const Prefix& destination) const;

 private:
  PrefixTable<const Route*> routes_;
  PrefixTable<bool> unknown_next_hops_;  // routes whose next hop is unknown
  bool all_unknown_ = false;             // the list, or some route's prefix, is unknown
};

}  // namespace routelint

#endif  // ROUTELINT_ROUTE_USER_ROUTES_H_

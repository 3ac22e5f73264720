// The path a packet takes through the estate, hop by hop, as Azure would
// forward it: each hop looks up the destination in the effective routes of
// the subnet it is in; an appliance forwards with its own subnet's routes; a
// gateway sends to on-premises, or across a shared ExpressRoute circuit to
// another hub's gateway, whose GatewaySubnet routes take over.
#ifndef ROUTELINT_ROUTE_TRACE_H_
#define ROUTELINT_ROUTE_TRACE_H_

#include <optional>
#include <string>
#include <vector>

#include "route/effective_routes.h"

namespace routelint {

enum class TraceOutcome {
  kDelivered,    // reached a subnet that contains the destination
  kDropped,      // a None route, no route, or no appliance at a next hop IP
  kInternet,     // left to the Internet
  kOnPremises,   // sent to on-premises through a gateway
  kLoop,         // came back to an appliance or gateway it had passed
  kUnknown,      // a value on the way is unknown before deployment
};
std::string_view TraceOutcomeName(TraceOutcome outcome);

struct TraceHop {
  enum class Kind { kSource, kAppliance, kGateway };
  Kind kind = Kind::kSource;
  ObjectIndex subnet = kNone;        // where the lookup happens
  ObjectIndex firewall = kNone;      // kAppliance
  ObjectIndex gateway = kNone;       // kGateway
  ObjectIndex from_gateway = kNone;  // kGateway reached across a circuit or connection: the gateway before it
  bool has_route = false;
  EffectiveRoute route;              // the route chosen in `subnet`
};

/// Why a trace ended where it did. With TraceResult::stop_at it says
/// everything TraceOutcomeText() renders: rules run a million traces on a
/// large estate and read the words of only the few they report.
enum class TraceStop : uint8_t {
  kNotTraced,                // an empty result: nothing was traced
  kSubnetNotInEstate,        // the hop's subnet is not in the estate
  kRoutesIncomplete,         // stop_at: the subnet whose routes are not all known
  kNoRoute,                  // stop_at: the subnet without a route
  kNoSubnetContains,         // stop_at: the VNet none of whose subnets holds the destination
  kDelivered,                // delivered_subnet
  kInternet,
  kNoneRoute,                // the last hop's route drops it
  kServiceEndpoint,
  kNextHopUnknown,
  kApplianceAddressUnknown,
  kNoApplianceAt,            // the last hop's route names an address nothing answers at
  kBackAtFirewall,           // stop_at: the firewall
  kNoGateway,
  kBackAtGateway,            // stop_at: the gateway
  kOnPremises,               // exit_gateway
  kTooManyHops,
};

struct TraceResult {
  IpAddress destination;
  ObjectIndex from_subnet = kNone;
  std::vector<TraceHop> hops;
  TraceOutcome outcome = TraceOutcome::kUnknown;
  TraceStop stop = TraceStop::kNotTraced;
  ObjectIndex stop_at = kNone;       // see TraceStop
  ObjectIndex delivered_subnet = kNone;
  ObjectIndex exit_gateway = kNone;  // kOnPremises: the gateway it left through
  std::vector<ObjectIndex> firewalls;  // stateful appliances crossed, in order
};

/// Traces a packet from a subnet to `destination`.
TraceResult Trace(RoutingEngine& engine, ObjectIndex from_subnet, const IpAddress& destination);
/// Traces a packet arriving from on-premises at `gateway` towards `destination`.
TraceResult TraceFromGateway(RoutingEngine& engine, ObjectIndex gateway, const IpAddress& destination);
/// The path back: from where `forward` ended to an address of its source
/// subnet. Empty (hops) when the forward path did not arrive anywhere.
TraceResult ReturnPath(RoutingEngine& engine, const TraceResult& forward);

/// Where hop `index` of `trace` is: "firewall fw-blue (10.1.0.4) in
/// vnet-hub-blue/AzureFirewallSubnet".
std::string TraceHopText(const Model& model, const TraceResult& trace, size_t index);
/// How `trace` ended: "delivered to vnet-spoke4-green/snet-app".
std::string TraceOutcomeText(const Model& model, const TraceResult& trace);

/// "10.2.0.0/16 → Virtual appliance 10.2.0.4 (user route to-green)".
std::string DescribeRoute(const EffectiveRoute& route);
/// Where in the templates a hop comes from: the user route it took, else
/// the appliance, gateway or subnet; nullopt when none is known.
std::optional<Origin> HopOrigin(const Model& model, const TraceHop& hop);

/// "VNET/SUBNET" (names, case-insensitive) → the subnet, or kNone with
/// *error set (malformed, ambiguous, not in the estate).
ObjectIndex FindSubnetByName(const Model& model, const std::string& spec, std::string* error);

/// "vnet/subnet".
std::string SubnetDisplayName(const Model& model, ObjectIndex subnet);

}  // namespace routelint

#endif  // ROUTELINT_ROUTE_TRACE_H_

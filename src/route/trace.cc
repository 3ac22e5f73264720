#include "route/trace.h"

#include <fmt/format.h>

#include <algorithm>

#include "expand/value.h"

namespace routelint {

std::string_view TraceOutcomeName(TraceOutcome outcome) {
  switch (outcome) {
    case TraceOutcome::kDelivered: return "delivered";
    case TraceOutcome::kDropped: return "dropped";
    case TraceOutcome::kInternet: return "internet";
    case TraceOutcome::kOnPremises: return "on-premises";
    case TraceOutcome::kLoop: return "loop";
    case TraceOutcome::kUnknown: return "unknown";
  }
  return "unknown";
}

ObjectIndex FindSubnetByName(const Model& model, const std::string& spec, std::string* error) {
  const size_t slash = spec.find('/');
  if (slash == std::string::npos) {
    *error = "name the subnet as VNET/SUBNET, not '" + spec + "'";
    return kNone;
  }
  const std::string vnet = spec.substr(0, slash), name = spec.substr(slash + 1);
  ObjectIndex found = kNone;
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    const Subnet& subnet = model.subnets[s];
    if (subnet.vnet == kNone || !EqualsIgnoreCase(model.vnets[subnet.vnet].name, vnet) || !EqualsIgnoreCase(subnet.name, name)) continue;
    if (found != kNone) {
      *error = "more than one subnet is named " + spec;
      return kNone;
    }
    found = static_cast<ObjectIndex>(s);
  }
  if (found == kNone) *error = "no subnet " + spec + " in the estate";
  return found;
}

std::string SubnetDisplayName(const Model& model, ObjectIndex subnet) {
  if (subnet == kNone) return "(unknown subnet)";
  const Subnet& s = model.subnets[subnet];
  return (s.vnet == kNone ? std::string("?") : model.vnets[s.vnet].name) + "/" + s.name;
}

std::string DescribeRoute(const EffectiveRoute& r) {
  std::string text = r.PrefixText() + " → " + std::string(NextHopTypeName(r.next_hop));
  if (r.next_hop_ip) text += " " + r.next_hop_ip->ToString();
  if (!r.UserRouteName().empty()) text += " (user route " + std::string(r.UserRouteName()) + ")";
  else text += " (" + std::string(RouteSourceName(r.source)) + (r.from == GatewayRouteFrom::kNotGateway ? "" : ", " + r.LearnedFrom()) + ")";
  return text;
}

std::optional<Origin> HopOrigin(const Model& model, const TraceHop& hop) {
  if (hop.has_route && hop.route.user_route != nullptr) return hop.route.user_route->origin;
  if (hop.firewall != kNone) return model.firewalls[hop.firewall].origin;
  if (hop.gateway != kNone) return model.gateways[hop.gateway].origin;
  if (hop.subnet != kNone) return model.subnets[hop.subnet].origin;
  return std::nullopt;
}

namespace {

constexpr int kMaxHops = 32;

class Tracer {
 public:
  Tracer(RoutingEngine& engine, const IpAddress& destination) : engine_(engine), m_(engine.model()) {
    result_.destination = destination;
  }

  // Follows the packet from a lookup in `subnet`.
  TraceResult Run(TraceHop first) {
    TraceHop hop = std::move(first);
    for (int step = 0; step < kMaxHops; ++step) {
      const ObjectIndex subnet = hop.subnet;
      if (subnet == kNone) return Finish(std::move(hop), TraceOutcome::kUnknown, TraceStop::kSubnetNotInEstate);
      const EffectiveRouteTable& table = engine_.RoutesOf(subnet);
      const EffectiveRoute* route = table.Lookup(result_.destination);
      if (route == nullptr) {
        return table.incomplete ? Finish(std::move(hop), TraceOutcome::kUnknown, TraceStop::kRoutesIncomplete, subnet)
                                : Finish(std::move(hop), TraceOutcome::kDropped, TraceStop::kNoRoute, subnet);
      }
      hop.has_route = true;
      hop.route = *route;
      switch (route->next_hop) {
        case NextHopType::kVnetLocal:
        case NextHopType::kVnetPeering: {
          const ObjectIndex target = engine_.SubnetContaining(result_.destination);
          const ObjectIndex vnet = route->next_hop == NextHopType::kVnetLocal ? m_.subnets[subnet].vnet : route->peered_vnet;
          if (target == kNone || m_.subnets[target].vnet != vnet) {
            return Finish(std::move(hop), TraceOutcome::kDropped, TraceStop::kNoSubnetContains, vnet);
          }
          result_.delivered_subnet = target;
          return Finish(std::move(hop), TraceOutcome::kDelivered, TraceStop::kDelivered);
        }
        case NextHopType::kInternet:
          return Finish(std::move(hop), TraceOutcome::kInternet, TraceStop::kInternet);
        case NextHopType::kNull:
          return Finish(std::move(hop), TraceOutcome::kDropped, TraceStop::kNoneRoute);
        case NextHopType::kServiceEndpoint:
          return Finish(std::move(hop), TraceOutcome::kDelivered, TraceStop::kServiceEndpoint);
        case NextHopType::kUnknown:
          return Finish(std::move(hop), TraceOutcome::kUnknown, TraceStop::kNextHopUnknown);
        case NextHopType::kVirtualAppliance: {
          if (!route->next_hop_ip) return Finish(std::move(hop), TraceOutcome::kUnknown, TraceStop::kApplianceAddressUnknown);
          const ObjectIndex firewall = m_.FirewallAt(*route->next_hop_ip);
          if (firewall == kNone) return Finish(std::move(hop), TraceOutcome::kDropped, TraceStop::kNoApplianceAt);
          result_.hops.push_back(std::move(hop));
          if (Contains(result_.firewalls, firewall)) return Finish(TraceOutcome::kLoop, TraceStop::kBackAtFirewall, firewall);
          result_.firewalls.push_back(firewall);
          hop = TraceHop{};
          hop.kind = TraceHop::Kind::kAppliance;
          hop.firewall = firewall;
          hop.subnet = m_.firewalls[firewall].subnet;
          continue;
        }
        case NextHopType::kVirtualNetworkGateway: {
          const ObjectIndex gateway = route->gateway != kNone ? route->gateway : engine_.GatewayFor(m_.subnets[subnet].vnet);
          result_.hops.push_back(std::move(hop));
          if (gateway == kNone) return Finish(TraceOutcome::kDropped, TraceStop::kNoGateway);
          if (!Visit(gateway)) return Finish(TraceOutcome::kLoop, TraceStop::kBackAtGateway, gateway);
          if (route->remote_gateway == kNone) {
            result_.exit_gateway = gateway;
            return Finish(TraceOutcome::kOnPremises, TraceStop::kOnPremises);
          }
          // Across the circuit (or a VNet-to-VNet connection) to the other
          // gateway, which forwards with its GatewaySubnet's routes.
          const ObjectIndex remote = route->remote_gateway;
          if (!Visit(remote)) return Finish(TraceOutcome::kLoop, TraceStop::kBackAtGateway, remote);
          hop = TraceHop{};
          hop.kind = TraceHop::Kind::kGateway;
          hop.gateway = remote;
          hop.from_gateway = gateway;
          hop.subnet = m_.gateways[remote].subnet;
          continue;
        }
      }
    }
    result_.hops.push_back(std::move(hop));
    return Finish(TraceOutcome::kLoop, TraceStop::kTooManyHops);
  }

 private:
  static bool Contains(const std::vector<ObjectIndex>& list, ObjectIndex item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }
  // False when the packet has been at `gateway` already.
  bool Visit(ObjectIndex gateway) {
    if (Contains(seen_gateways_, gateway)) return false;
    seen_gateways_.push_back(gateway);
    return true;
  }
  TraceResult Finish(TraceHop last, TraceOutcome outcome, TraceStop stop, ObjectIndex at = kNone) {
    result_.hops.push_back(std::move(last));
    return Finish(outcome, stop, at);
  }
  TraceResult Finish(TraceOutcome outcome, TraceStop stop, ObjectIndex at = kNone) {
    result_.outcome = outcome;
    result_.stop = stop;
    result_.stop_at = at;
    return std::move(result_);
  }

  RoutingEngine& engine_;
  const Model& m_;
  TraceResult result_;
  std::vector<ObjectIndex> seen_gateways_;  // a trace passes a few at most
};

}  // namespace

TraceResult Trace(RoutingEngine& engine, ObjectIndex from_subnet, const IpAddress& destination) {
  TraceHop first;
  first.kind = TraceHop::Kind::kSource;
  first.subnet = from_subnet;
  TraceResult result = Tracer(engine, destination).Run(std::move(first));
  result.from_subnet = from_subnet;
  return result;
}

TraceResult TraceFromGateway(RoutingEngine& engine, ObjectIndex gateway, const IpAddress& destination) {
  TraceHop first;
  first.kind = TraceHop::Kind::kGateway;
  first.gateway = gateway;
  first.subnet = engine.model().gateways[gateway].subnet;
  return Tracer(engine, destination).Run(std::move(first));
}

std::string TraceHopText(const Model& model, const TraceResult& trace, size_t index) {
  const TraceHop& hop = trace.hops[index];
  const TraceHop* before = index > 0 ? &trace.hops[index - 1] : nullptr;
  switch (hop.kind) {
    case TraceHop::Kind::kSource:
      return SubnetDisplayName(model, hop.subnet);
    case TraceHop::Kind::kAppliance: {
      const Firewall& firewall = model.firewalls[hop.firewall];
      const bool reached = before && before->has_route && before->route.next_hop_ip;
      return fmt::format("{} {} ({}) in {}", firewall.kind == Firewall::Kind::kAzureFirewall ? "firewall" : "appliance",
                         firewall.name, reached ? before->route.next_hop_ip->ToString() : std::string("?"),
                         SubnetDisplayName(model, hop.subnet));
    }
    case TraceHop::Kind::kGateway:
      if (hop.from_gateway == kNone) return "gateway " + model.gateways[hop.gateway].name + " (from on-premises)";
      return fmt::format("gateway {} → gateway {} ({})", model.gateways[hop.from_gateway].name,
                         model.gateways[hop.gateway].name, before && before->has_route ? before->route.LearnedFrom() : "");
  }
  return {};
}

std::string TraceOutcomeText(const Model& model, const TraceResult& trace) {
  const TraceHop* last = trace.hops.empty() ? nullptr : &trace.hops.back();
  const EffectiveRoute* route = last && last->has_route ? &last->route : nullptr;
  switch (trace.stop) {
    case TraceStop::kNotTraced: return {};
    case TraceStop::kSubnetNotInEstate: return "the subnet of this hop is not in the estate";
    case TraceStop::kRoutesIncomplete: return "routes of " + SubnetDisplayName(model, trace.stop_at) + " are not all known";
    case TraceStop::kNoRoute: return "no route in " + SubnetDisplayName(model, trace.stop_at);
    case TraceStop::kNoSubnetContains:
      return fmt::format("no subnet of {} contains {}", model.vnets[trace.stop_at].name, trace.destination.ToString());
    case TraceStop::kDelivered: return "delivered to " + SubnetDisplayName(model, trace.delivered_subnet);
    case TraceStop::kInternet: return "left to the Internet";
    case TraceStop::kNoneRoute: return "dropped by " + (route ? DescribeRoute(*route) : std::string("a None route"));
    case TraceStop::kServiceEndpoint: return "delivered to the service endpoint";
    case TraceStop::kNextHopUnknown: return "the next hop is unknown before deployment";
    case TraceStop::kApplianceAddressUnknown: return "the appliance address is unknown";
    case TraceStop::kNoApplianceAt:
      return "no firewall or IP-forwarding NIC answers at " +
             (route && route->next_hop_ip ? route->next_hop_ip->ToString() : std::string("?"));
    case TraceStop::kBackAtFirewall: return "back at " + model.firewalls[trace.stop_at].name;
    case TraceStop::kNoGateway: return "no virtual network gateway for this route";
    case TraceStop::kBackAtGateway: return "back at " + model.gateways[trace.stop_at].name;
    case TraceStop::kOnPremises: return "sent on-premises through gateway " + model.gateways[trace.exit_gateway].name;
    case TraceStop::kTooManyHops: return fmt::format("more than {} hops", kMaxHops);
  }
  return {};
}

TraceResult ReturnPath(RoutingEngine& engine, const TraceResult& forward) {
  const Model& m = engine.model();
  if (forward.from_subnet == kNone || m.subnets[forward.from_subnet].prefixes.empty()) return {};
  // An address of the source subnet: its first assignable one.
  const std::optional<IpAddress> source = m.subnets[forward.from_subnet].prefixes.front().Host(4);
  if (!source) return {};
  if (forward.outcome == TraceOutcome::kDelivered && forward.delivered_subnet != kNone) {
    return Trace(engine, forward.delivered_subnet, *source);
  }
  if (forward.outcome == TraceOutcome::kOnPremises && forward.exit_gateway != kNone) {
    return TraceFromGateway(engine, forward.exit_gateway, *source);
  }
  return {};
}

}  // namespace routelint

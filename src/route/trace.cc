#include "route/trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

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
      if (subnet == kNone) return Finish(std::move(hop), TraceOutcome::kUnknown, "the subnet of this hop is not in the estate");
      const EffectiveRouteTable& table = engine_.RoutesOf(subnet);
      const EffectiveRoute* route = table.Lookup(result_.destination);
      if (route == nullptr) {
        return Finish(std::move(hop), table.incomplete ? TraceOutcome::kUnknown : TraceOutcome::kDropped,
                      table.incomplete ? "routes of " + SubnetDisplayName(m_, subnet) + " are not all known"
                                       : "no route in " + SubnetDisplayName(m_, subnet));
      }
      hop.has_route = true;
      hop.route = *route;
      switch (route->next_hop) {
        case NextHopType::kVnetLocal:
        case NextHopType::kVnetPeering: {
          const ObjectIndex target = engine_.SubnetContaining(result_.destination);
          const ObjectIndex vnet = route->next_hop == NextHopType::kVnetLocal ? m_.subnets[subnet].vnet : route->peered_vnet;
          if (target == kNone || m_.subnets[target].vnet != vnet) {
            return Finish(std::move(hop), TraceOutcome::kDropped,
                          fmt::format("no subnet of {} contains {}", m_.vnets[vnet].name, result_.destination.ToString()));
          }
          result_.delivered_subnet = target;
          return Finish(std::move(hop), TraceOutcome::kDelivered, "delivered to " + SubnetDisplayName(m_, target));
        }
        case NextHopType::kInternet:
          return Finish(std::move(hop), TraceOutcome::kInternet, "left to the Internet");
        case NextHopType::kNull:
          return Finish(std::move(hop), TraceOutcome::kDropped, "dropped by " + DescribeRoute(*route));
        case NextHopType::kServiceEndpoint:
          return Finish(std::move(hop), TraceOutcome::kDelivered, "delivered to the service endpoint");
        case NextHopType::kUnknown:
          return Finish(std::move(hop), TraceOutcome::kUnknown, "the next hop is unknown before deployment");
        case NextHopType::kVirtualAppliance: {
          if (!route->next_hop_ip) return Finish(std::move(hop), TraceOutcome::kUnknown, "the appliance address is unknown");
          const ObjectIndex firewall = m_.FirewallAt(*route->next_hop_ip);
          if (firewall == kNone) {
            return Finish(std::move(hop), TraceOutcome::kDropped,
                          "no firewall or IP-forwarding NIC answers at " + route->next_hop_ip->ToString());
          }
          result_.hops.push_back(std::move(hop));
          if (!seen_firewalls_.insert(firewall).second) return Finish(TraceOutcome::kLoop, "back at " + m_.firewalls[firewall].name);
          result_.firewalls.push_back(firewall);
          hop = TraceHop{};
          hop.kind = TraceHop::Kind::kAppliance;
          hop.firewall = firewall;
          hop.subnet = m_.firewalls[firewall].subnet;
          hop.text = fmt::format("{} {} ({}) in {}",
                                 m_.firewalls[firewall].kind == Firewall::Kind::kAzureFirewall ? "firewall" : "appliance",
                                 m_.firewalls[firewall].name, route->next_hop_ip->ToString(),
                                 SubnetDisplayName(m_, hop.subnet));
          continue;
        }
        case NextHopType::kVirtualNetworkGateway: {
          const ObjectIndex gateway = route->gateway != kNone ? route->gateway : engine_.GatewayFor(m_.subnets[subnet].vnet);
          result_.hops.push_back(std::move(hop));
          if (gateway == kNone) return Finish(TraceOutcome::kDropped, "no virtual network gateway for this route");
          if (!seen_gateways_.insert(gateway).second) return Finish(TraceOutcome::kLoop, "back at " + m_.gateways[gateway].name);
          if (route->remote_gateway == kNone) {
            result_.exit_gateway = gateway;
            return Finish(TraceOutcome::kOnPremises, "sent on-premises through gateway " + m_.gateways[gateway].name);
          }
          // Across the circuit (or a VNet-to-VNet connection) to the other
          // gateway, which forwards with its GatewaySubnet's routes.
          const ObjectIndex remote = route->remote_gateway;
          if (!seen_gateways_.insert(remote).second) return Finish(TraceOutcome::kLoop, "back at " + m_.gateways[remote].name);
          hop = TraceHop{};
          hop.kind = TraceHop::Kind::kGateway;
          hop.gateway = remote;
          hop.subnet = m_.gateways[remote].subnet;
          hop.text = fmt::format("gateway {} → gateway {} ({})", m_.gateways[gateway].name, m_.gateways[remote].name,
                                 route->LearnedFrom());
          continue;
        }
      }
    }
    result_.hops.push_back(std::move(hop));
    return Finish(TraceOutcome::kLoop, fmt::format("more than {} hops", kMaxHops));
  }

 private:
  TraceResult Finish(TraceHop last, TraceOutcome outcome, std::string text) {
    result_.hops.push_back(std::move(last));
    return Finish(outcome, std::move(text));
  }
  TraceResult Finish(TraceOutcome outcome, std::string text) {
    result_.outcome = outcome;
    result_.outcome_text = std::move(text);
    return std::move(result_);
  }

  RoutingEngine& engine_;
  const Model& m_;
  TraceResult result_;
  std::set<ObjectIndex> seen_firewalls_;
  std::set<ObjectIndex> seen_gateways_;
};

}  // namespace

TraceResult Trace(RoutingEngine& engine, ObjectIndex from_subnet, const IpAddress& destination) {
  TraceHop first;
  first.kind = TraceHop::Kind::kSource;
  first.subnet = from_subnet;
  first.text = SubnetDisplayName(engine.model(), from_subnet);
  TraceResult result = Tracer(engine, destination).Run(std::move(first));
  result.from_subnet = from_subnet;
  return result;
}

TraceResult TraceFromGateway(RoutingEngine& engine, ObjectIndex gateway, const IpAddress& destination) {
  TraceHop first;
  first.kind = TraceHop::Kind::kGateway;
  first.gateway = gateway;
  first.subnet = engine.model().gateways[gateway].subnet;
  first.text = "gateway " + engine.model().gateways[gateway].name + " (from on-premises)";
  return Tracer(engine, destination).Run(std::move(first));
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

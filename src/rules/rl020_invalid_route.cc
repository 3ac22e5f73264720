#include "rules/rl020_invalid_route.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "route/user_routes.h"

namespace routelint {

const RuleMeta& InvalidRoute::meta() const {
  static constexpr RuleMeta kMeta{
      "RL020", "invalid-route", Severity::kError,
      "A route is malformed: a bad prefix, host bits set, a next hop address that does not fit its type, an unknown type, or a duplicate prefix."};
  return kMeta;
}

namespace {

// Why a route's prefix text is neither a CIDR nor a service tag, or "".
std::string PrefixError(const Route& route) {
  if (!route.address_prefix.known() || route.is_service_tag || route.prefix) return {};
  std::string error;
  bool host_bits = false;
  Prefix::ParseLenient(route.address_prefix.value, &host_bits, &error);
  return error;
}

// Why a route's next hop text is no IP address, or "".
std::string NextHopIpError(const Route& route) {
  if (!route.next_hop_ip.known() || route.next_hop_ip.value.empty() || route.next_hop_address) return {};
  std::string error;
  IpAddress::Parse(route.next_hop_ip.value, &error);
  return error;
}

}  // namespace

void InvalidRoute::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  for (const RouteTable& table : context.model.route_tables) {
    std::map<std::string, const Route*> first_by_prefix;
    for (const Route& route : table.routes) {
      auto report = [&](const char* property, const std::string& discriminator, std::string text) {
        Origin origin = route.origin;
        origin.pointer += std::string("/properties/") + property;
        out->push_back(MakeFinding("Microsoft.Network/routeTables", table.name + "/" + route.name, table.id, origin,
                                   fmt::format("route {} in route table {}: {}", route.name, table.name, text),
                                   route.name + "|" + discriminator));
      };
      if (const std::string error = PrefixError(route); !error.empty()) {
        report("addressPrefix", "prefix", error + "; Azure rejects the route");
      } else if (route.host_bits && route.prefix) {
        report("addressPrefix", "host-bits",
               fmt::format("{} has host bits set; Azure rejects it. Write {}", route.address_prefix.value,
                           route.prefix->ToString()));
      }
      if (route.next_hop_type.known()) {
        const std::string& type = route.next_hop_type.value;
        const bool known_type = NextHopIs(route, "VirtualAppliance") || NextHopIs(route, "VirtualNetworkGateway") ||
                                NextHopIs(route, "VnetLocal") || NextHopIs(route, "Internet") || NextHopIs(route, "None");
        if (!known_type) {
          report("nextHopType", "type",
                 fmt::format("next hop type '{}' is not one of VirtualAppliance, VirtualNetworkGateway, VnetLocal, "
                             "Internet, None",
                             type));
        } else if (NextHopIs(route, "VirtualAppliance")) {
          if (route.next_hop_ip.absent() || (route.next_hop_ip.known() && route.next_hop_ip.value.empty())) {
            report("nextHopType", "no-ip", "a VirtualAppliance route needs nextHopIpAddress, the appliance's private IP");
          } else if (const std::string error = NextHopIpError(route); !error.empty()) {
            report("nextHopIpAddress", "bad-ip", error);
          }
        } else if (route.next_hop_ip.known() && !route.next_hop_ip.value.empty()) {
          report("nextHopIpAddress", "ip-not-allowed",
                 fmt::format("nextHopIpAddress {} is only allowed with next hop type VirtualAppliance, not {}; Azure "
                             "rejects the route",
                             route.next_hop_ip.value, type));
        }
      }
      if (route.address_prefix.known()) {
        const std::string key = route.prefix ? route.prefix->ToString() : route.address_prefix.value;
        auto [it, inserted] = first_by_prefix.emplace(key, &route);
        if (!inserted) {
          report("addressPrefix", "duplicate",
                 fmt::format("{} is also the prefix of route {} in the same table; Azure rejects duplicate prefixes. "
                             "Keep one",
                             key, it->second->name));
        }
      }
    }
  }
}

}  // namespace routelint

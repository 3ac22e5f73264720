#include "rules/rl011_route_table_shared.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "expand/value.h"
#include "route/user_routes.h"
#include "rules/rl002_spoke_missing_default_route.h"

namespace routelint {
namespace {

// The firewall or appliance deployed in subnet `s`, or nullptr.
const Firewall* ApplianceIn(const Model& model, ObjectIndex s) {
  for (const Firewall& firewall : model.firewalls) {
    if (firewall.subnet == s) return &firewall;
  }
  return nullptr;
}

// Whether subnet `s` needs routes of its own. Workload subnets of one VNet
// need the same routes, so sharing a table among them is ordinary (one table
// per spoke is a common layout); a platform subnet or an appliance's subnet
// is routed differently from the subnets it serves.
bool HasRoleOfItsOwn(const Model& model, ObjectIndex s) {
  return IsPlatformSubnet(model.subnets[s].name) || ApplianceIn(model, s) != nullptr;
}

// What goes wrong when `s`, a subnet with a role, shares `table`.
std::string WhyItNeedsItsOwnRoutes(const Model& model, ObjectIndex s, const RouteTable& table) {
  const std::string& name = model.subnets[s].name;
  if (EqualsIgnoreCase(name, "GatewaySubnet")) {
    return "the gateway subnet's table routes the traffic that arrives from on-premises, so the others' routes "
           "decide where it goes, and the 0.0.0.0/0 route to a firewall that workload subnets need is not supported "
           "on GatewaySubnet";
  }
  if (IsPlatformSubnet(name) && !EqualsIgnoreCase(name, "AzureFirewallSubnet")) {
    return fmt::format("{} needs Azure's own routing for its control plane, not the 0.0.0.0/0 route to a firewall "
                       "that the other subnets need",
                       name);
  }
  const Firewall* appliance = ApplianceIn(model, s);
  const std::string firewall = appliance ? "firewall " + appliance->name : "the firewall";
  const Route* default_route = DefaultUserRoute(table);
  std::string outcome;
  if (default_route == nullptr || NextHopIs(*default_route, "Internet")) {
    outcome = fmt::format("here the table sends 0.0.0.0/0 to the Internet, so the other subnets' Internet traffic "
                          "leaves directly, uninspected by {}",
                          firewall);
  } else if (NextHopIs(*default_route, "VirtualAppliance")) {
    outcome = fmt::format("here the table sends 0.0.0.0/0 to an appliance, so the Internet traffic of {} itself is "
                          "sent back into the appliance path and loops or is dropped",
                          firewall);
  } else {
    outcome = "and a route added for one changes the other";
  }
  return fmt::format("{} must send its own traffic on, to the Internet or on-premises, while the other subnets send "
                     "theirs to it; {}",
                     firewall, outcome);
}

std::string SubnetList(const Model& model, const std::vector<ObjectIndex>& subnets) {
  std::string names;
  for (ObjectIndex s : subnets) {
    names += (names.empty() ? "" : ", ") + VnetDisplayName(model, model.subnets[s].vnet) + "/" + model.subnets[s].name;
  }
  return names;
}

}  // namespace

const RuleMeta& RouteTableShared::meta() const {
  static constexpr RuleMeta kMeta{
      "RL011", "route-table-shared", Severity::kNote,
      "One route table serves subnets of different VNets, or a firewall, appliance or gateway subnet together with "
      "others."};
  return kMeta;
}

void RouteTableShared::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  std::map<ObjectIndex, std::vector<ObjectIndex>> users;
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    if (model.subnets[s].route_table != kNone) users[model.subnets[s].route_table].push_back(static_cast<ObjectIndex>(s));
  }
  for (const auto& [t, subnets] : users) {
    if (subnets.size() < 2) continue;
    std::set<ObjectIndex> vnets;
    std::vector<ObjectIndex> special;  // subnets with a role of their own
    for (ObjectIndex s : subnets) {
      vnets.insert(model.subnets[s].vnet);
      if (HasRoleOfItsOwn(model, s)) special.push_back(s);
    }
    const RouteTable& table = model.route_tables[t];
    std::string message;
    if (!special.empty()) {
      const ObjectIndex own = special.front();
      const Subnet& subnet = model.subnets[own];
      const std::string where = VnetDisplayName(model, subnet.vnet) + "/" + subnet.name;
      message = fmt::format("route table {} serves {} together with {} other subnet(s) ({}): {}. Give {} a route "
                            "table of its own",
                            table.name, where, subnets.size() - 1, SubnetList(model, subnets),
                            WhyItNeedsItsOwnRoutes(model, own, table), where);
    } else if (vnets.size() > 1) {
      message = fmt::format(
          "route table {} is associated with {} subnets in {} VNets ({}): a route added or propagation changed for "
          "one VNet silently changes the routing of the others. Give each VNet its own route table (one per subnet, "
          "named after it, is the safest)",
          table.name, subnets.size(), vnets.size(), SubnetList(model, subnets));
    } else {
      continue;  // workload subnets of one VNet: the same routes, an ordinary layout
    }
    PendingFinding finding =
        MakeFinding("Microsoft.Network/routeTables", table.name, table.id, table.origin, message, "shared");
    for (ObjectIndex s : subnets) {
      finding.related.push_back({model.subnets[s].origin, "uses " + table.name});
    }
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint

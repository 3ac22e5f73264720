#include "rules/rl023_child_declared_inline_and_separately.h"

#include <fmt/format.h>

#include <optional>

#include "expand/value.h"
#include "route/user_routes.h"

namespace routelint {
namespace {

constexpr std::string_view kDiscriminator = "inline-and-child";

// A string value for messages: the value, "none" when absent.
std::string TextOf(const Known<Text>& value) {
  if (value.known()) return value.value.empty() ? std::string("none") : value.value;
  return value.unknown() ? "(unknown)" : "none";
}

// Whether two tri-state values say the same (absent counts as ""); nullopt
// when either is unknown: routelint does not compare what it cannot know.
std::optional<bool> SameText(const Known<Text>& a, const Known<Text>& b, bool ignore_case) {
  if (a.unknown() || b.unknown()) return std::nullopt;
  const std::string x = a.Or(""), y = b.Or("");
  return ignore_case ? EqualsIgnoreCase(x, y) : x == y;
}

// "0.0.0.0/0 → VirtualAppliance 10.1.0.4"
std::string RouteText(const Route& route) {
  std::string text = TextOf(route.address_prefix) + " → " + TextOf(route.next_hop_type);
  if (route.next_hop_ip.known() && !route.next_hop_ip.value.empty()) text += " " + route.next_hop_ip.value;
  return text;
}

// The appliance at `ip`, for messages: "the firewall fw-blue (10.1.0.4)".
std::string ApplianceText(const Model& model, const IpAddress& ip) {
  const ObjectIndex firewall = model.FirewallAt(ip);
  if (firewall == kNone) return "the appliance at " + ip.ToString();
  return "the firewall " + model.firewalls[firewall].name + " (" + ip.ToString() + ")";
}

// The route table a subnet declaration associates, by name: "rt-spoke1",
// "none", or "(unknown)".
std::string TableText(const Model& model, const Known<Text>& table_id) {
  if (!table_id.known() || table_id.value.empty()) return TextOf(table_id);
  const ObjectIndex table = model.FindRouteTable(table_id.value);
  if (table != kNone) return model.route_tables[table].name;
  const size_t slash = table_id.value.rfind('/');
  return std::string(slash == std::string::npos ? std::string_view(table_id.value) : table_id.value.substr(slash + 1));
}

// Where the route table `table_id` sends 0.0.0.0/0 when that is a known
// VirtualAppliance address.
std::optional<IpAddress> DefaultApplianceOf(const Model& model, const Known<Text>& table_id) {
  if (!table_id.known()) return std::nullopt;
  const ObjectIndex table = model.FindRouteTable(table_id.value);
  if (table == kNone) return std::nullopt;
  const Route* route = DefaultUserRoute(model.route_tables[table]);
  if (route == nullptr || !NextHopIs(*route, "VirtualAppliance") || !route->next_hop_address) return std::nullopt;
  return route->next_hop_address;
}

// How to fix a subnet declared in two places; `keep` says what to do with
// this one when the inline list stays.
std::string SubnetFix(const std::string& vnet, const std::string& keep) {
  return fmt::format("Declare the subnets of {} in one place only: {} (with Bicep, inside the VNet's subnets "
                     "array), or make every subnet of {} a child resource and remove the subnets property (API "
                     "version 2023-09-01 or later)",
                     vnet, keep, vnet);
}

// What the two declarations of one subnet say about its route table.
std::string SubnetDifference(const Model& model, const std::string& vnet, const Subnet& inline_decl,
                             const Subnet& child_decl) {
  const std::optional<bool> same = SameText(inline_decl.route_table_id, child_decl.route_table_id, true);
  if (!same) return {};
  const std::string inline_table = TableText(model, inline_decl.route_table_id);
  const std::string child_table = TableText(model, child_decl.route_table_id);
  if (*same) {
    return inline_table == "none" ? "; today neither associates a route table"
                                  : "; today both associate route table " + inline_table;
  }
  std::string text = fmt::format("; they disagree on the route table (inline: {}, child resource: {})", inline_table,
                                 child_table);
  const std::optional<IpAddress> inline_hop = DefaultApplianceOf(model, inline_decl.route_table_id);
  const std::optional<IpAddress> child_hop = DefaultApplianceOf(model, child_decl.route_table_id);
  if (child_hop && inline_hop != child_hop) {
    text += fmt::format(", so each deployment of {} takes the subnet's 0.0.0.0/0 traffic away from {}, bypassing "
                        "it until the child resource is deployed again",
                        vnet, ApplianceText(model, *child_hop));
  } else if (inline_hop && inline_hop != child_hop) {
    text += fmt::format(", so each deployment of the child resource takes the subnet's 0.0.0.0/0 traffic away from "
                        "{}, bypassing it until {} is deployed again",
                        ApplianceText(model, *inline_hop), vnet);
  } else {
    text += ", so the subnet's routing depends on which was deployed last";
  }
  return text;
}

// What the two declarations of one route say.
std::string RouteDifference(const Route& inline_decl, const Route& child_decl) {
  const std::optional<bool> prefix = SameText(inline_decl.address_prefix, child_decl.address_prefix, true);
  const std::optional<bool> type = SameText(inline_decl.next_hop_type, child_decl.next_hop_type, true);
  const std::optional<bool> ip = SameText(inline_decl.next_hop_ip, child_decl.next_hop_ip, false);
  if (!prefix || !type || !ip) return {};
  if (*prefix && *type && *ip) return "; today both say " + RouteText(inline_decl);
  return fmt::format("; they disagree (inline: {}, child resource: {}), so where that traffic goes depends on which "
                     "was deployed last",
                     RouteText(inline_decl), RouteText(child_decl));
}

// The routing-relevant settings on which two declarations of one peering
// disagree: "allowForwardedTraffic: inline false, child resource true; ...".
// Absent flags take Azure's defaults; unknown ones are not compared.
std::string PeeringDifferences(const Peering& a, const Peering& b, bool* forwarded_differs) {
  std::string text;
  auto add = [&](const char* name, const std::string& x, const std::string& y) {
    text += fmt::format("{}{}: inline {}, child resource {}", text.empty() ? "" : "; ", name, x, y);
  };
  auto flag = [&](const char* name, const Known<bool>& x, const Known<bool>& y, bool fallback) {
    if (x.unknown() || y.unknown() || x.Or(fallback) == y.Or(fallback)) return false;
    add(name, x.Or(fallback) ? "true" : "false", y.Or(fallback) ? "true" : "false");
    return true;
  };
  if (SameText(a.remote_vnet_id, b.remote_vnet_id, true) == false) {
    auto last = [](const Known<Text>& id) {
      const std::string value = TextOf(id);
      return id.known() ? value.substr(value.rfind('/') + 1) : value;
    };
    add("remoteVirtualNetwork", last(a.remote_vnet_id), last(b.remote_vnet_id));
  }
  flag("allowVirtualNetworkAccess", a.allow_virtual_network_access, b.allow_virtual_network_access, true);
  *forwarded_differs = flag("allowForwardedTraffic", a.allow_forwarded_traffic, b.allow_forwarded_traffic, false);
  flag("allowGatewayTransit", a.allow_gateway_transit, b.allow_gateway_transit, false);
  flag("useRemoteGateways", a.use_remote_gateways, b.use_remote_gateways, false);
  return text;
}

// Where the table sends the prefix of `gone` once that route is removed:
// "follows default-internet (0.0.0.0/0 → Internet)", or the system routes.
std::string FallbackText(const RouteTable& table, const Route& gone) {
  if (HasUnknownRouteFor(table, *gone.prefix)) return "follows routes that stay unknown before deployment";
  const Route* best = nullptr;
  for (const Route& other : table.routes) {
    if (&other == &gone || !other.prefix || !other.prefix->Contains(*gone.prefix)) continue;
    if (best == nullptr || other.prefix->length() > best->prefix->length()) best = &other;
  }
  if (best == nullptr) return "follows the system routes, bypassing it,";
  std::string text = "follows " + best->name + " (" + RouteText(*best) + ")";
  if (NextHopIs(*best, "VirtualAppliance") && best->next_hop_address == gone.next_hop_address) {
    text += ", to the same appliance,";
  }
  return text;
}

}  // namespace

const RuleMeta& ChildDeclaredInlineAndSeparately::meta() const {
  static constexpr RuleMeta kMeta{
      "RL023", "child-declared-inline-and-separately", Severity::kError,
      "A subnet, route or peering is declared as a separate child resource while its parent also declares its "
      "children inline, so each deployment of the parent deletes or reverts it."};
  return kMeta;
}

void ChildDeclaredInlineAndSeparately::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;

  // Subnets: the VNet's `subnets` list is known, and a child resource declares
  // a subnet that is not in it, or one that is.
  for (const VirtualNetwork& vnet : model.vnets) {
    if (!vnet.inline_subnets.known()) continue;
    for (ObjectIndex s : vnet.subnets) {
      const Subnet& subnet = model.subnets[s];
      const std::string resource_name = vnet.name + "/" + subnet.name;
      if (subnet.declared_inline && subnet.child_declaration) {
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/virtualNetworks/subnets", resource_name, subnet.id, subnet.child_declaration->origin,
            fmt::format("subnet {} is declared twice, inline in {}'s subnets and as a child resource: each deployment "
                        "of {} puts back the inline declaration, and each deployment of the child resource its "
                        "own{}. {}",
                        resource_name, vnet.name, vnet.name,
                        SubnetDifference(model, vnet.name, subnet, *subnet.child_declaration),
                        SubnetFix(vnet.name, "keep " + subnet.name + " in its subnets array and remove the child resource")),
            kDiscriminator);
        finding.related.push_back({subnet.origin, "the inline declaration of " + subnet.name + " in " + vnet.name});
        out->push_back(std::move(finding));
      } else if (subnet.declared_as_child && !subnet.declared_inline) {
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/virtualNetworks/subnets", resource_name, subnet.id, subnet.origin,
            fmt::format("subnet {} is declared as a child resource, but {} also lists its subnets inline "
                        "(properties.subnets) without {}: each deployment of {} makes its subnets match that list, "
                        "so Azure deletes {} until the child resource is deployed again, or the deployment fails "
                        "with InUseSubnetCannotBeDeleted while anything is attached to it. {}",
                        resource_name, vnet.name, subnet.name, vnet.name, subnet.name,
                        SubnetFix(vnet.name, "add " + subnet.name + " to its subnets array and remove the child resource")),
            kDiscriminator);
        finding.related.push_back({vnet.inline_subnets.value, "the inline subnets of " + vnet.name + ", without " + subnet.name});
        out->push_back(std::move(finding));
      }
    }
  }

  // Routes: the route table's `routes` list is known.
  for (const RouteTable& table : model.route_tables) {
    if (!table.inline_routes.known()) continue;
    for (const Route& route : table.routes) {
      const std::string resource_name = table.name + "/" + route.name;
      const std::string route_id = table.id + "/routes/" + ToLowerAscii(route.name);
      const std::string fix = fmt::format("Declare the routes of {} in one place only: {} and remove the child resource",
                                          table.name,
                                          (route.declared_inline ? "keep " : "add ") + route.name +
                                              (route.declared_inline ? " in its routes array" : " to its routes array"));
      if (route.declared_inline && route.child_declaration) {
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/routeTables/routes", resource_name, route_id, route.child_declaration->origin,
            fmt::format("route {} is declared twice, inline in {}'s routes and as a child resource: each deployment "
                        "of {} puts back the inline declaration, and each deployment of the child resource its "
                        "own{}. {}",
                        resource_name, table.name, table.name, RouteDifference(route, *route.child_declaration), fix),
            kDiscriminator);
        finding.related.push_back({route.origin, "the inline declaration of " + route.name + " in " + table.name});
        out->push_back(std::move(finding));
      } else if (route.declared_as_child && !route.declared_inline) {
        std::string effect = ", so the subnets using " + table.name + " lose that route";
        if (NextHopIs(route, "VirtualAppliance") && route.next_hop_address) {
          effect = fmt::format(", so traffic for {} from the subnets using {} no longer goes to {}",
                               TextOf(route.address_prefix), table.name, ApplianceText(model, *route.next_hop_address));
          if (route.prefix) effect += " but " + FallbackText(table, route);
        }
        PendingFinding finding = MakeFinding(
            "Microsoft.Network/routeTables/routes", resource_name, route_id, route.origin,
            fmt::format("route {} ({}) is declared as a child resource, but route table {} also lists its routes "
                        "inline (properties.routes) without {}: each deployment of {} makes its routes match that "
                        "list and removes {}{} until the child resource is deployed again. {}",
                        resource_name, RouteText(route), table.name, route.name, table.name, route.name, effect, fix),
            kDiscriminator);
        finding.related.push_back({table.inline_routes.value, "the inline routes of " + table.name + ", without " + route.name});
        out->push_back(std::move(finding));
      }
    }
  }

  // Peerings: only a peering declared both ways with settings that disagree.
  // Microsoft documents no deletion of child peerings by a VNet's inline
  // list (see the rule page), so a child peering absent from it, or one
  // declared twice alike, is not flagged.
  for (const VirtualNetwork& vnet : model.vnets) {
    if (!vnet.inline_peerings.known()) continue;
    for (ObjectIndex p : vnet.peerings) {
      const Peering& peering = model.peerings[p];
      if (!peering.declared_inline || !peering.child_declaration) continue;
      bool forwarded_differs = false;
      const std::string differences = PeeringDifferences(peering, *peering.child_declaration, &forwarded_differs);
      if (differences.empty()) continue;
      const std::string resource_name = vnet.name + "/" + peering.name;
      PendingFinding finding = MakeFinding(
          "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", resource_name, peering.id,
          peering.child_declaration->origin,
          fmt::format("peering {} is declared twice, inline in {}'s virtualNetworkPeerings and as a child resource, "
                      "and they disagree ({}): each deployment of {} and each deployment of the child resource "
                      "applies its own, so the peering has whichever was deployed last{}. Declare the peering in one "
                      "place only: keep the child resource and remove {} from {}'s virtualNetworkPeerings",
                      resource_name, vnet.name, differences, vnet.name,
                      forwarded_differs ? "; while allowForwardedTraffic is false, traffic that a firewall forwards "
                                          "across the peering is dropped"
                                        : "",
                      peering.name, vnet.name),
          kDiscriminator);
      finding.related.push_back({peering.origin, "the inline declaration of " + peering.name + " in " + vnet.name});
      out->push_back(std::move(finding));
    }
  }
}

}  // namespace routelint

#include "rules/rl016_paas_subnet_control_plane_route.h"

#include <fmt/format.h>

#include "expand/value.h"

namespace routelint {
namespace {

// The four ranges Azure itself keeps private (azure-routing.md §1.1): a user
// route to the Internet for anything else may be a carve-out by address
// (the services publish their control-plane addresses too).
bool IsPublicV4(const Prefix& prefix) {
  if (prefix.family() != IpFamily::kV4 || prefix.length() == 0) return false;
  for (const char* text : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}) {
    std::string error;
    if (Prefix::Parse(text, &error)->Contains(prefix)) return false;
  }
  return true;
}

// "the user route default-to-fw (0.0.0.0/0)", "the gateway route 0.0.0.0/0 (BGP ...)".
std::string RouteText(const EffectiveRoute& route) {
  if (route.source == RouteSource::kUser) return fmt::format("the user route {} ({})", route.UserRouteName(), route.PrefixText());
  if (route.source == RouteSource::kGateway) return fmt::format("the gateway route {} ({})", route.PrefixText(), route.LearnedFrom());
  return "the system route " + route.PrefixText();
}

// Where a route sends the traffic: "the appliance 10.1.0.4 (fw-blue)".
std::string HopText(const Model& model, const EffectiveRoute& route) {
  switch (route.next_hop) {
    case NextHopType::kVirtualAppliance: {
      if (!route.next_hop_ip) return "an appliance";
      const ObjectIndex firewall = model.FirewallAt(*route.next_hop_ip);
      return firewall == kNone ? "the appliance " + route.next_hop_ip->ToString()
                               : fmt::format("the appliance {} ({})", route.next_hop_ip->ToString(), model.firewalls[firewall].name);
    }
    case NextHopType::kVirtualNetworkGateway: return "the virtual network gateway (forced tunnelling to on-premises)";
    case NextHopType::kNull: return "None (dropped)";
    default: return std::string(NextHopTypeName(route.next_hop));
  }
}

bool DivertsFromInternet(NextHopType hop) {
  return hop == NextHopType::kVirtualAppliance || hop == NextHopType::kVirtualNetworkGateway || hop == NextHopType::kNull;
}

std::string ServiceDisplay(const PaasService& service) {
  if (service.kind == PaasService::Kind::kApiManagement) {
    return fmt::format("API Management {} ({} VNet mode)", service.name, service.mode.value);
  }
  return fmt::format("Azure Databricks workspace {} (VNet injection)", service.name);
}

}  // namespace

bool IsServiceTagRoute(std::string_view address_prefix, std::string_view tag) {
  if (address_prefix.size() < tag.size() || !EqualsIgnoreCase(address_prefix.substr(0, tag.size()), tag)) return false;
  return address_prefix.size() == tag.size() || address_prefix[tag.size()] == '.';
}

std::optional<ControlPlaneRequirement> RequirementOf(const PaasService& service) {
  switch (service.kind) {
    case PaasService::Kind::kApiManagement: {
      // VNet injection (External or Internal) exists in the classic
      // Developer and Premium tiers; the v2 tiers have no inbound
      // control-plane traffic. Absent virtualNetworkType is None.
      if (!service.sku.known() || !service.mode.known()) return std::nullopt;
      if (!EqualsIgnoreCase(service.sku.value, "Developer") && !EqualsIgnoreCase(service.sku.value, "Premium")) return std::nullopt;
      if (!EqualsIgnoreCase(service.mode.value, "External") && !EqualsIgnoreCase(service.mode.value, "Internal")) return std::nullopt;
      return ControlPlaneRequirement{
          "API Management", "ApiManagement",
          "the replies to API Management's control plane, which reaches the management endpoint on port 3443 from "
          "the addresses of the ApiManagement service tag,",
          "they do not return to those addresses, the management endpoint becomes unreachable, and deployments and "
          "configuration changes of the instance fail"};
    }
    case PaasService::Kind::kDatabricks: {
      // With back-end Private Link (requiredNsgRules NoAzureDatabricksRules)
      // the control plane is reached through a private endpoint and needs no
      // route; absent requiredNsgRules is AllRules.
      if (service.mode.unknown()) return std::nullopt;
      if (service.mode.known() && !EqualsIgnoreCase(service.mode.value, "AllRules")) return std::nullopt;
      return ControlPlaneRequirement{
          "Azure Databricks", "AzureDatabricks",
          "the clusters' connections to the Databricks control plane (secure cluster connectivity relay, web "
          "application; the AzureDatabricks service tag)",
          "they are dropped or translated there, and clusters fail to start or lose their connection to the "
          "workspace"};
    }
  }
  return std::nullopt;
}

const RuleMeta& PaasSubnetControlPlaneRoute::meta() const {
  static constexpr RuleMeta kMeta{
      "RL016", "paas-subnet-control-plane-route", Severity::kWarning,
      "A subnet hosting API Management or Azure Databricks sends 0.0.0.0/0 to a firewall or gateway without the "
      "service-tag route to the Internet its control plane needs."};
  return kMeta;
}

void PaasSubnetControlPlaneRoute::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const Model& model = context.model;
  for (const PaasService& service : model.paas_services) {
    if (service.condition_unknown) continue;
    const std::optional<ControlPlaneRequirement> need = RequirementOf(service);
    if (!need) continue;
    for (ObjectIndex s : service.subnets) {
      const Subnet& subnet = model.subnets[s];
      const EffectiveRouteTable& routes = context.routes.RoutesOf(s);
      if (routes.incomplete) continue;
      // The service-tag route, the default route, and user routes to the
      // Internet for public prefixes (a carve-out by address).
      const EffectiveRoute* tag_route = nullptr;
      const EffectiveRoute* default_route = nullptr;
      bool address_carve_out = false;
      for (const EffectiveRoute& r : routes.routes) {
        if (!r.active) continue;
        if (r.source == RouteSource::kUser && !r.prefix && IsServiceTagRoute(r.PrefixText(), need->service_tag)) {
          if (tag_route == nullptr || r.next_hop != NextHopType::kInternet) tag_route = &r;
        }
        if (r.prefix && r.prefix->family() == IpFamily::kV4 && r.prefix->length() == 0) default_route = &r;
        if (r.source == RouteSource::kUser && r.prefix && r.next_hop == NextHopType::kInternet && IsPublicV4(*r.prefix)) {
          address_carve_out = true;
        }
      }
      const EffectiveRoute* culprit = nullptr;
      if (tag_route != nullptr) {
        if (DivertsFromInternet(tag_route->next_hop)) culprit = tag_route;
      } else if (default_route != nullptr && DivertsFromInternet(default_route->next_hop) && !address_carve_out) {
        culprit = default_route;
      }
      if (culprit == nullptr) continue;

      const std::string vnet = VnetDisplayName(model, subnet.vnet);
      const RouteTable* table = model.RouteTableOf(subnet);
      const std::string route = fmt::format("{} → Internet (addressPrefix \"{}\", nextHopType Internet)", need->service_tag,
                                            need->service_tag);
      std::string fix;
      if (culprit == tag_route) {
        fix = fmt::format("Change the route {} in {} to {}", culprit->UserRouteName(), table ? table->name : "its route table", route);
      } else if (table != nullptr) {
        fix = fmt::format("Add the route {} to route table {}", route, table->name);
      } else {
        fix = fmt::format("Associate a route table with subnet {} that has the route {}", subnet.name, route);
      }
      const std::string message = fmt::format(
          "subnet {} of {} hosts {}, and {} sends {} to {}: {}. {}",
          subnet.name, vnet, ServiceDisplay(service), RouteText(*culprit), need->traffic, HopText(model, *culprit),
          need->consequence, fix);
      // Point at the route to change, else at the table's routes, else at the subnet.
      Origin origin = subnet.origin;
      if (culprit->user_route != nullptr) {
        origin = culprit->user_route->origin;
      } else if (table != nullptr) {
        origin = table->origin;
        origin.pointer += "/properties/routes";
      }
      PendingFinding finding =
          MakeFinding("Microsoft.Network/virtualNetworks/subnets", vnet + "/" + subnet.name, subnet.id, origin, message,
                      std::string(need->service_tag) + "|" + service.id);
      finding.related.push_back({subnet.origin, fmt::format("subnet {} of {}{}", subnet.name, vnet,
                                                            table ? " uses route table " + table->name : std::string(" has no route table"))});
      finding.related.push_back({service.origin, fmt::format("{} is injected into subnet {}", ServiceDisplay(service), subnet.name)});
      out->push_back(std::move(finding));
    }
  }
}

}  // namespace routelint

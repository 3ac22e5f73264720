// RL016 paas-subnet-control-plane-route: A subnet that hosts a PaaS service
// whose control-plane traffic must bypass firewalls sends 0.0.0.0/0 to an
// appliance or gateway without the route the service needs.
// See rules/RL016-paas-subnet-control-plane-route.md.
#ifndef ROUTELINT_RULES_RL016_H_
#define ROUTELINT_RULES_RL016_H_

#include <optional>
#include <string_view>

#include "rules/rule.h"

namespace routelint {

class PaasSubnetControlPlaneRoute : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

/// What a PaaS service needs from the route table of its subnet.
struct ControlPlaneRequirement {
  std::string_view service;      // "API Management"
  std::string_view service_tag;  // the route's addressPrefix: "ApiManagement"
  std::string_view traffic;      // what crosses the firewall without the route
  std::string_view consequence;  // what then happens to the service
};

/// The requirement of `service` as deployed, or nullopt when it has none or
/// when what decides it (tier, VNet mode, Private Link) is unknown.
std::optional<ControlPlaneRequirement> RequirementOf(const PaasService& service);

/// True when a route's addressPrefix is `tag` or one of its regional forms
/// ("ApiManagement", "ApiManagement.WestEurope"), case-insensitively.
bool IsServiceTagRoute(std::string_view address_prefix, std::string_view tag);

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL016_H_

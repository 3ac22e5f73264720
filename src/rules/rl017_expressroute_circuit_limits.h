// RL017 expressroute-circuit-limits: An ExpressRoute circuit has more VNet
// links than its SKU and bandwidth allow, or a Standard/Local circuit is
// linked to a gateway in another geopolitical region.
// See rules/RL017-expressroute-circuit-limits.md.
#ifndef ROUTELINT_RULES_RL017_H_
#define ROUTELINT_RULES_RL017_H_

#include <optional>
#include <string_view>

#include "rules/rule.h"

namespace routelint {

class ExpressRouteCircuitLimits : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

/// Virtual network links allowed on a circuit of this SKU tier and
/// bandwidth (Microsoft's ExpressRoute limits), or nullopt when the tier
/// or (for Premium) the bandwidth is not in the table.
std::optional<int> VnetLinkLimit(std::string_view sku_tier, std::optional<int64_t> bandwidth_mbps);

/// The geopolitical region of an Azure region ("westeurope", "West Europe")
/// or of an ExpressRoute peering location ("Amsterdam", "Silicon Valley2"),
/// from Microsoft's table; empty when the name is not in it.
std::string_view GeopoliticalRegionOfAzureRegion(std::string_view region);
std::string_view GeopoliticalRegionOfPeeringLocation(std::string_view peering_location);

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL017_H_

// RL006 hub-peering-transit-settings: A peering between two hubs does not allow forwarded traffic, or turns gateway transit on.
// See rules/RL006-hub-peering-transit-settings.md.
#ifndef ROUTELINT_RULES_RL006_H_
#define ROUTELINT_RULES_RL006_H_

#include "rules/rule.h"

namespace routelint {

class HubPeeringTransitSettings : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL006_H_

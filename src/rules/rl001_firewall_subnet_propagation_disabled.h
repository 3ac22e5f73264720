// RL001 firewall-subnet-propagation-disabled: the route table of a firewall
// subnet disables gateway route propagation while the VNet gets gateway
// routes, so the firewall forgets the on-premises routes and sends that
// traffic to the Internet. See rules/RL001-firewall-subnet-propagation-disabled.md.
#ifndef ROUTELINT_RULES_RL001_H_
#define ROUTELINT_RULES_RL001_H_

#include "rules/rule.h"

namespace routelint {

class FirewallSubnetPropagationDisabled : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL001_H_

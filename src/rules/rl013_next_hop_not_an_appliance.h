// RL013 next-hop-not-an-appliance: A VirtualAppliance next hop is no firewall or IP-forwarding NIC: packets sent there are dropped.
// See rules/RL013-next-hop-not-an-appliance.md.
#ifndef ROUTELINT_RULES_RL013_H_
#define ROUTELINT_RULES_RL013_H_

#include "rules/rule.h"

namespace routelint {

class NextHopNotAnAppliance : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL013_H_

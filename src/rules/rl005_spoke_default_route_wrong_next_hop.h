// RL005 spoke-default-route-wrong-next-hop: A spoke's 0.0.0.0/0 user route points somewhere other than its local hub's firewall.
// See rules/RL005-spoke-default-route-wrong-next-hop.md.
#ifndef ROUTELINT_RULES_RL005_H_
#define ROUTELINT_RULES_RL005_H_

#include "rules/rule.h"

namespace routelint {

class SpokeDefaultRouteWrongNextHop : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL005_H_

// RL004 spoke-propagation-enabled: A spoke's route table lets gateway routes in: on-premises prefixes are more specific than its 0.0.0.0/0 route to the firewall, so that traffic bypasses the firewall.
// See rules/RL004-spoke-propagation-enabled.md.
#ifndef ROUTELINT_RULES_RL004_H_
#define ROUTELINT_RULES_RL004_H_

#include "rules/rule.h"

namespace routelint {

class SpokePropagationEnabled : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL004_H_

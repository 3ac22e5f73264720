// RL021 intent-violated: a reachability intent of the configuration
// ([[intent]]: from a subnet, to an address, via firewalls) does not hold on
// the routes Azure computes. See rules/RL021-intent-violated.md.
#ifndef ROUTELINT_RULES_RL021_H_
#define ROUTELINT_RULES_RL021_H_

#include "rules/rule.h"

namespace routelint {

class IntentViolated : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL021_H_

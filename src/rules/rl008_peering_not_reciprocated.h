// RL008 peering-not-reciprocated: A peering has no matching peering on the other side, so it stays Initiated and carries no traffic.
// See rules/RL008-peering-not-reciprocated.md.
#ifndef ROUTELINT_RULES_RL008_H_
#define ROUTELINT_RULES_RL008_H_

#include "rules/rule.h"

namespace routelint {

class PeeringNotReciprocated : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL008_H_

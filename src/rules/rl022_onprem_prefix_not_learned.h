// RL022 onprem-prefix-not-learned: an on-premises network that must reach
// Azure is missing from the routes learned from on-premises, so Azure has
// no route back to it. See rules/RL022-onprem-prefix-not-learned.md.
#ifndef ROUTELINT_RULES_RL022_H_
#define ROUTELINT_RULES_RL022_H_

#include "rules/rule.h"

namespace routelint {

class OnPremPrefixNotLearned : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL022_H_

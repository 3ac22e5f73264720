// RL023 child-declared-inline-and-separately: A subnet, route or peering is declared as a separate child resource while its parent also declares its children inline, so each deployment of the parent deletes or reverts it.
// See rules/RL023-child-declared-inline-and-separately.md.
#ifndef ROUTELINT_RULES_RL023_H_
#define ROUTELINT_RULES_RL023_H_

#include "rules/rule.h"

namespace routelint {

class ChildDeclaredInlineAndSeparately : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL023_H_

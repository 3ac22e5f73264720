// RL020 invalid-route: A route is malformed: a bad prefix, host bits set, a next hop address that does not fit its type, an unknown type, or a duplicate prefix.
// See rules/RL020-invalid-route.md.
#ifndef ROUTELINT_RULES_RL020_H_
#define ROUTELINT_RULES_RL020_H_

#include "rules/rule.h"

namespace routelint {

class InvalidRoute : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL020_H_

// RL012 route-table-naming: a route table not named after the VNet and
// subnet it serves, by the configured pattern (off without one).
// See rules/RL012-route-table-naming.md.
#ifndef ROUTELINT_RULES_RL012_H_
#define ROUTELINT_RULES_RL012_H_

#include "rules/rule.h"

namespace routelint {

class RouteTableNaming : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL012_H_

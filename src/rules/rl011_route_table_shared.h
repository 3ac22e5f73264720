// RL011 route-table-shared: One route table is associated with several subnets.
// See rules/RL011-route-table-shared.md.
#ifndef ROUTELINT_RULES_RL011_H_
#define ROUTELINT_RULES_RL011_H_

#include "rules/rule.h"

namespace routelint {

class RouteTableShared : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL011_H_

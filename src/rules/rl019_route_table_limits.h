// RL019 route-table-limits: A route table holds more routes, or more service-tag routes, than Azure allows.
// See rules/RL019-route-table-limits.md.
#ifndef ROUTELINT_RULES_RL019_H_
#define ROUTELINT_RULES_RL019_H_

#include "rules/rule.h"

namespace routelint {

class RouteTableLimits : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL019_H_

// RL014 gateway-subnet-route-table: The GatewaySubnet's route table disables gateway route propagation or has a 0.0.0.0/0 route, which Azure does not support.
// See rules/RL014-gateway-subnet-route-table.md.
#ifndef ROUTELINT_RULES_RL014_H_
#define ROUTELINT_RULES_RL014_H_

#include "rules/rule.h"

namespace routelint {

class GatewaySubnetRouteTable : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL014_H_

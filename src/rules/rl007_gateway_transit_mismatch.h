// RL007 gateway-transit-mismatch: A peering uses remote gateways that the other side does not offer, or the gateway transit flags contradict each other.
// See rules/RL007-gateway-transit-mismatch.md.
#ifndef ROUTELINT_RULES_RL007_H_
#define ROUTELINT_RULES_RL007_H_

#include "rules/rule.h"

namespace routelint {

class GatewayTransitMismatch : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL007_H_

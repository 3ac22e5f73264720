// RL002 spoke-missing-default-route: a spoke subnet has no 0.0.0.0/0 user
// route (no route table, or none in it), so its egress skips the hub
// firewall. See rules/RL002-spoke-missing-default-route.md.
#ifndef ROUTELINT_RULES_RL002_H_
#define ROUTELINT_RULES_RL002_H_

#include "rules/rule.h"

namespace routelint {

class SpokeMissingDefaultRoute : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

/// Subnets whose routing Azure manages or forbids user routes on.
bool IsPlatformSubnet(std::string_view name);

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL002_H_

// RL015 firewall-subnet-default-route: The AzureFirewallSubnet sends 0.0.0.0/0 somewhere other than the Internet outside forced tunnelling.
// See rules/RL015-firewall-subnet-default-route.md.
#ifndef ROUTELINT_RULES_RL015_H_
#define ROUTELINT_RULES_RL015_H_

#include "rules/rule.h"

namespace routelint {

class FirewallSubnetDefaultRoute : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL015_H_

// RL018 asymmetric-firewall-path: the path one way crosses a stateful
// firewall that the return path skips (or the reverse), so the firewall
// drops the replies. See rules/RL018-asymmetric-firewall-path.md.
#ifndef ROUTELINT_RULES_RL018_H_
#define ROUTELINT_RULES_RL018_H_

#include "rules/rule.h"

namespace routelint {

class AsymmetricFirewallPath : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL018_H_

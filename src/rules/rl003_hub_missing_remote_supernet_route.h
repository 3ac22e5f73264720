// RL003 hub-missing-remote-supernet-route: two peered hubs, and the firewall
// subnet of one has no user route covering the other deployment's spokes
// via the other firewall; that traffic follows 0.0.0.0/0 to the Internet.
// See rules/RL003-hub-missing-remote-supernet-route.md.
#ifndef ROUTELINT_RULES_RL003_H_
#define ROUTELINT_RULES_RL003_H_

#include "rules/rule.h"

namespace routelint {

class HubMissingRemoteSupernetRoute : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL003_H_

// RL010 deployment-not-summarizable: No single prefix covers a hub-and-spoke deployment without also covering another deployment.
// See rules/RL010-deployment-not-summarizable.md.
#ifndef ROUTELINT_RULES_RL010_H_
#define ROUTELINT_RULES_RL010_H_

#include "rules/rule.h"

namespace routelint {

class DeploymentNotSummarizable : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL010_H_

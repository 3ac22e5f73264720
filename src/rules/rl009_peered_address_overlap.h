// RL009 peered-address-overlap: Two peered VNets have overlapping address spaces, which Azure rejects.
// See rules/RL009-peered-address-overlap.md.
#ifndef ROUTELINT_RULES_RL009_H_
#define ROUTELINT_RULES_RL009_H_

#include "rules/rule.h"

namespace routelint {

class PeeredAddressOverlap : public Rule {
 public:
  const RuleMeta& meta() const override;
  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override;
};

}  // namespace routelint

#endif  // ROUTELINT_RULES_RL009_H_

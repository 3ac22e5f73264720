#include "rules/rl022_onprem_prefix_not_learned.h"

#include <fmt/format.h>

namespace routelint {

const RuleMeta& OnPremPrefixNotLearned::meta() const {
  static constexpr RuleMeta kMeta{
      "RL022", "onprem-prefix-not-learned", Severity::kWarning,
      "An on-premises network that must reach Azure is missing from the routes learned from on-premises, so "
      "Azure has no route back to it."};
  return kMeta;
}

void OnPremPrefixNotLearned::Check(const RuleContext& context, std::vector<PendingFinding>* out) const {
  const OnPremisesRoutes& learned = context.routes.learned();
  if (learned.export_file.empty()) return;  // nothing to judge against
  for (const Prefix& required : learned.required) {
    bool covered = false;
    std::vector<std::string> parts;  // learned pieces inside it
    for (const Prefix& route : learned.prefixes) {
      if (route.Contains(required)) covered = true;
      else if (required.Contains(route)) parts.push_back(route.ToString());
    }
    if (covered) continue;
    std::string partial;
    for (const std::string& p : parts) partial += (partial.empty() ? "" : ", ") + p;
    PendingFinding finding = MakeFinding(
        "on-premises network", required.ToString(), "onprem:" + required.ToString(), Origin{kNotATemplate, "", ""},
        fmt::format("on-premises network {} is not among the routes learned from on-premises ({}){}: Azure has no "
                    "route back to it, so replies to its clients follow the subnets' other routes and never reach "
                    "them (\"Azure networking is broken\"). Have the on-premises edge advertise {} over BGP",
                    required.ToString(), learned.export_file,
                    partial.empty() ? "" : "; only parts of it are: " + partial, required.ToString()),
        required.ToString());
    finding.finding.location = Location{learned.export_file, 0, 0};
    out->push_back(std::move(finding));
  }
}

}  // namespace routelint

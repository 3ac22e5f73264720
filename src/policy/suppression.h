// Policy stage: what the team has accepted. Suppressions from the
// configuration ([[suppress]]) and from templates (a resource's
// `metadata.routelint`) mark findings as accepted with a reason; they stay in
// JSON and SARIF but no longer count. Suppressions that match nothing, and
// ones past their expiry date, are reported so they get cleaned up.
#ifndef ROUTELINT_POLICY_SUPPRESSION_H_
#define ROUTELINT_POLICY_SUPPRESSION_H_

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace routelint {

/// A calendar date (TOML local date), compared as such.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CivilDate&) const = default;
  /// "2027-06-30".
  std::string ToString() const;
};

/// Today in UTC.
CivilDate TodayUtc();

/// One [[suppress]] entry of .routelint.toml.
struct SuppressionRule {
  std::string rule;      // id, name or glob
  std::string resource;  // RE2, searched in the finding's resource name and id; empty: any
  std::string file;      // RE2, searched in the finding's file; empty: any
  std::string reason;    // required by the loader
  bool has_expiry = false;
  CivilDate expires;     // the last day it applies
  Location where;        // the entry in the configuration file
};

/// A resource's `"metadata": {"routelint": {"ignore": [...], "reason": ...}}`
/// (Bicep: `@metadata({routelint: {...}})` on the resource). It covers the
/// findings about that resource and about its children (a VNet's subnets).
///
/// Or a `// routelint-ignore RULES: reason` comment in a Bicep source, which
/// covers the findings located in its file on lines first_line..last_line
/// (the declaration or property after it); resource_id is then empty.
struct InlineSuppression {
  std::string resource_id;  // normalised
  std::string resource_name;
  std::vector<std::string> rules;  // ids, names or globs
  std::string reason;
  Location where;  // the metadata object in the template, or the comment
  int first_line = 0;  // a comment's lines; 0: a metadata suppression
  int last_line = 0;
};

/// Marks the findings the suppressions cover (FindingSuppression) and adds
/// RL905 diagnostics: a warning for a suppression that matched nothing (only
/// when its rule ran: `rule_ran` tells), a note for an expired one whose
/// finding is reported again. Regexes were checked by the loader.
void ApplySuppressions(const std::vector<SuppressionRule>& rules, const std::vector<InlineSuppression>& inline_rules,
                       const CivilDate& today, const std::function<bool(std::string_view pattern)>& rule_ran,
                       std::vector<Finding>* findings, std::vector<Diagnostic>* diagnostics);

}  // namespace routelint

#endif  // ROUTELINT_POLICY_SUPPRESSION_H_

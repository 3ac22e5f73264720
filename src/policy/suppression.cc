#include "policy/suppression.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <ctime>
#include <memory>

#include "base/strings.h"

namespace routelint {
namespace {

std::unique_ptr<RE2> CompileOptional(const std::string& pattern) {
  if (pattern.empty()) return nullptr;
  return std::make_unique<RE2>(pattern, RE2::Quiet);
}

bool Searches(const RE2* pattern, std::string_view text) {
  return pattern == nullptr || RE2::PartialMatch(text, *pattern);
}

// Findings about a resource and about the resources declared under it
// (".../virtualNetworks/hub" covers ".../virtualNetworks/hub/subnets/x").
// Both ids are normalised (lower case).
bool CoversResource(std::string_view suppressed_id, std::string_view finding_id) {
  if (suppressed_id.empty() || finding_id.size() < suppressed_id.size()) return false;
  if (finding_id.substr(0, suppressed_id.size()) != suppressed_id) return false;
  return finding_id.size() == suppressed_id.size() || finding_id[suppressed_id.size()] == '/';
}

bool Covers(const InlineSuppression& rule, const Finding& finding) {
  if (rule.first_line == 0) return CoversResource(rule.resource_id, finding.resource_id);
  return finding.location.file == rule.where.file && finding.location.line >= rule.first_line &&
         finding.location.line <= rule.last_line;
}

std::string Subject(const Finding& finding) {
  return fmt::format("{} on {}", finding.rule_id, finding.resource_name.empty() ? finding.resource_id : finding.resource_name);
}

}  // namespace

std::string CivilDate::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

CivilDate TodayUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return CivilDate{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

void ApplySuppressions(const std::vector<SuppressionRule>& rules, const std::vector<InlineSuppression>& inline_rules,
                       const CivilDate& today, const std::function<bool(std::string_view pattern)>& rule_ran,
                       std::vector<Finding>* findings, std::vector<Diagnostic>* diagnostics) {
  for (const SuppressionRule& rule : rules) {
    const std::unique_ptr<RE2> resource = CompileOptional(rule.resource);
    const std::unique_ptr<RE2> file = CompileOptional(rule.file);
    const bool expired = rule.has_expiry && today > rule.expires;
    int matched = 0;
    for (Finding& finding : *findings) {
      if (!RuleMatchesPattern(finding.rule_id, finding.rule_name, rule.rule)) continue;
      if (resource && !Searches(resource.get(), finding.resource_name) && !Searches(resource.get(), finding.resource_id)) {
        continue;
      }
      if (!Searches(file.get(), finding.location.file)) continue;
      ++matched;
      if (expired) {
        diagnostics->push_back({"RL905", Severity::kNote, rule.where,
                                fmt::format("suppression expired on {}; {} is reported again (reason was: {}). Fix the "
                                            "finding, or extend `expires` after a new review",
                                            rule.expires.ToString(), Subject(finding), rule.reason)});
        continue;
      }
      finding.suppressions.push_back({FindingSuppression::Kind::kExternal, rule.reason, rule.where});
    }
    if (matched == 0 && rule_ran(rule.rule)) {
      diagnostics->push_back({"RL905", Severity::kWarning, rule.where,
                              fmt::format("suppression of {} matched no finding{}: remove it from the configuration",
                                          rule.rule, expired ? " (and it expired on " + rule.expires.ToString() + ")" : "")});
    }
  }
  for (const InlineSuppression& rule : inline_rules) {
    int matched = 0;
    bool any_ran = false;
    for (const std::string& pattern : rule.rules) {
      any_ran = any_ran || rule_ran(pattern);
      for (Finding& finding : *findings) {
        if (!RuleMatchesPattern(finding.rule_id, finding.rule_name, pattern)) continue;
        if (!Covers(rule, finding)) continue;
        ++matched;
        finding.suppressions.push_back({FindingSuppression::Kind::kInSource, rule.reason, rule.where});
      }
    }
    if (matched == 0 && any_ran) {
      std::string list;
      for (const std::string& pattern : rule.rules) list += (list.empty() ? "" : ", ") + pattern;
      const std::string what = rule.first_line > 0 ? "routelint-ignore comment"
                                                     : "metadata.routelint on " + rule.resource_name;
      diagnostics->push_back({"RL905", Severity::kWarning, rule.where,
                              fmt::format("{} suppresses {} but no such finding is reported for {}: remove the "
                                          "suppression",
                                          what, list, rule.first_line > 0 ? "the lines it covers" : "it")});
    }
  }
}

}  // namespace routelint

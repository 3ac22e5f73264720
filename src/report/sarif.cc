// SARIF 2.1.0 as GitHub code scanning ingests it ("SARIF support for code
// scanning", docs.github.com). Choices that matter there:
//
// - Paths. A relative path becomes a relative URI with uriBaseId %SRCROOT%;
//   GitHub resolves relative URIs against the repository root, so routelint
//   is meant to run from the root with relative paths (the usual CI step).
//   An absolute path becomes a file:// URI without uriBaseId; the
//   upload-sarif action turns those into repository paths through its
//   checkout_path. run.originalUriBaseIds declares %SRCROOT% without a uri:
//   its value is wherever routelint ran, which would make the output differ
//   between machines, and GitHub does not read it.
// - Regions. startLine and startColumn only (the model has no end positions);
//   a whole-file location (line 0) becomes startLine 1 alone. Columns count
//   Unicode code points (run.columnKind), as the parse stage computes them.
// - Related locations. GitHub shows them only as links embedded in the
//   result's message, so the message ends with "(related: [text](1), ...)".
// - Fingerprints. partialFingerprints carries "routelint/v1": the rule's
//   fingerprint (rule, resource id, discriminator; no lines, no absolute
//   paths). GitHub itself matches alerts by primaryLocationLineHash, which the
//   upload-sarif action computes from the source line when it is absent; we do
//   not fill it ourselves, since the action warns when a supplied value
//   differs from the one it computes.
// - Suppressions. An accepted finding stays in the results with
//   `suppressions` (kind "external" for .routelint.toml, "inSource" for
//   template metadata; status "accepted"; the reason as justification), so
//   the decision is auditable (GitHub's advanced-security/dismiss-alerts
//   action dismisses alerts from this property). With a
//   --baseline, every result carries baselineState "new" or "unchanged".
// - invocations[0].executionSuccessful is true whenever a report is written:
//   routelint finished and analysed every input it could read. Input
//   problems are toolExecutionNotifications (one per diagnostic, with its
//   level), which GitHub does not display. GitHub's upload API answers a run
//   with executionSuccessful false as an "unsuccessful execution" and does not
//   turn its results into alerts (what the CodeQL action relies on for failed
//   runs, github/codeql-action#1393 and #1732), so false would drop the
//   findings of every file that did parse.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/internal.h"
#include "report/report.h"

namespace routelint {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "routelint/v1";

std::string_view Level(Severity severity) {
  // SARIF's levels have the same names as routelint's severities.
  return SeverityName(severity);
}

Json Text(std::string_view text) {
  Json out = Json::object();
  out["text"] = text;
  return out;
}

Json PhysicalLocation(const Location& location) {
  Json out = Json::object();
  bool relative = true;
  Json& artifact = out["artifactLocation"] = Json::object();
  artifact["uri"] = report_internal::ArtifactUri(location.file, &relative);
  if (relative) artifact["uriBaseId"] = kSourceRoot;
  // A whole-file location (line 0) points at line 1: GitHub requires
  // region.startLine, and annotates a file-level alert on its first line
  // anyway (the validator's SARIF2017 also asks for a region).
  Json& region = out["region"] = Json::object();
  region["startLine"] = location.line > 0 ? location.line : 1;
  if (location.line > 0 && location.column > 0) region["startColumn"] = location.column;
  return out;
}

Json LocationWithMessage(const RelatedLocation& related) {
  Json out = Json::object();
  if (!related.location.file.empty()) out["physicalLocation"] = PhysicalLocation(related.location);
  if (!related.message.empty()) out["message"] = Text(related.message);
  return out;
}

// Link text of an embedded link: '\', '[' and ']' are escaped (SARIF §3.11.6).
std::string EscapeLinkText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '[' || c == ']') out += '\\';
    out += c;
  }
  return out;
}

std::string ResultMessage(const Finding& finding) {
  std::string text = finding.message;
  if (finding.related.empty()) return text;
  text += " (related: ";
  for (size_t i = 0; i < finding.related.size(); ++i) {
    const RelatedLocation& related = finding.related[i];
    if (i > 0) text += ", ";
    std::string label = related.message.empty() ? report_internal::FormatLocation(related.location) : related.message;
    if (label.empty()) label = "related location " + std::to_string(i + 1);
    text += "[" + EscapeLinkText(label) + "](" + std::to_string(i + 1) + ")";
  }
  text += ")";
  return text;
}

// A SemVer 2.0 core version ("1.2.3", optionally "-pre" or "+build").
bool IsSemanticVersion(std::string_view version) {
  int parts = 0;
  size_t i = 0;
  while (parts < 3) {
    const size_t start = i;
    while (i < version.size() && version[i] >= '0' && version[i] <= '9') ++i;
    if (i == start) return false;
    if (i - start > 1 && version[start] == '0') return false;
    ++parts;
    if (parts < 3) {
      if (i >= version.size() || version[i] != '.') return false;
      ++i;
    }
  }
  return i == version.size() || version[i] == '-' || version[i] == '+';
}

Json RuleJson(const RuleInfo& rule) {
  // GitHub rejects empty strings for required properties, so each falls back
  // on the next best text.
  const std::string& short_text = !rule.short_description.empty() ? rule.short_description
                                  : !rule.name.empty()            ? rule.name
                                                                  : rule.id;
  const std::string& full_text = rule.full_description.empty() ? short_text : rule.full_description;

  Json out = Json::object();
  out["id"] = rule.id;
  if (!rule.name.empty()) out["name"] = rule.name;
  out["shortDescription"] = Text(short_text);
  out["fullDescription"] = Text(full_text);
  Json& help = out["help"] = Json::object();
  // Markdown reads well as plain text too; viewers without Markdown get it.
  help["text"] = rule.help_markdown.empty() ? full_text : rule.help_markdown;
  if (!rule.help_markdown.empty()) help["markdown"] = rule.help_markdown;
  if (!rule.help_uri.empty()) out["helpUri"] = rule.help_uri;
  out["defaultConfiguration"] = Json::object();
  out["defaultConfiguration"]["level"] = Level(rule.default_severity);
  out["properties"] = Json::object();
  out["properties"]["tags"] = Json::array({"network", "routing"});
  return out;
}

Json ResultJson(const Finding& finding, const std::vector<RuleInfo>& rules, bool baseline_applied) {
  Json out = Json::object();
  out["ruleId"] = finding.rule_id;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == finding.rule_id) {
      out["ruleIndex"] = i;
      break;
    }
  }
  out["level"] = Level(finding.severity);
  out["message"] = Text(ResultMessage(finding));
  Json location = Json::object();
  location["physicalLocation"] = PhysicalLocation(finding.location);
  out["locations"] = Json::array({location});

  if (!finding.related.empty()) {
    Json& related = out["relatedLocations"] = Json::array();
    for (size_t i = 0; i < finding.related.size(); ++i) {
      Json entry = Json::object();
      entry["id"] = i + 1;  // the target of the message's embedded link
      if (!finding.related[i].location.file.empty()) {
        entry["physicalLocation"] = PhysicalLocation(finding.related[i].location);
      }
      if (!finding.related[i].message.empty()) entry["message"] = Text(finding.related[i].message);
      related.push_back(std::move(entry));
    }
  }

  if (!finding.flow.empty()) {
    Json thread_flow = Json::object();
    Json& steps = thread_flow["locations"] = Json::array();
    for (const RelatedLocation& hop : finding.flow) {
      Json step = Json::object();
      step["location"] = LocationWithMessage(hop);
      steps.push_back(std::move(step));
    }
    Json code_flow = Json::object();
    code_flow["threadFlows"] = Json::array({thread_flow});
    out["codeFlows"] = Json::array({code_flow});
  }

  if (!finding.fingerprint.empty()) {
    out["partialFingerprints"] = Json::object();
    out["partialFingerprints"][std::string(kFingerprintKey)] = finding.fingerprint;
  }
  if (!finding.suppressions.empty()) {
    Json& suppressions = out["suppressions"] = Json::array();
    for (const FindingSuppression& s : finding.suppressions) {
      Json entry = Json::object();
      entry["kind"] = s.kind == FindingSuppression::Kind::kInSource ? "inSource" : "external";
      entry["status"] = "accepted";
      entry["justification"] = s.justification;
      if (!s.location.file.empty()) {
        Json where = Json::object();
        where["physicalLocation"] = PhysicalLocation(s.location);
        entry["location"] = std::move(where);
      }
      suppressions.push_back(std::move(entry));
    }
  }
  if (baseline_applied) out["baselineState"] = finding.in_baseline ? "unchanged" : "new";
  return out;
}

Json NotificationJson(const Diagnostic& diagnostic) {
  Json out = Json::object();
  out["descriptor"] = Json::object();
  out["descriptor"]["id"] = diagnostic.id;
  out["level"] = Level(diagnostic.severity);
  out["message"] = Text(diagnostic.message);
  if (!diagnostic.location.file.empty()) {
    Json location = Json::object();
    location["physicalLocation"] = PhysicalLocation(diagnostic.location);
    out["locations"] = Json::array({location});
  }
  return out;
}

}  // namespace

void RenderSarifTo(const Report& report, const TextSink& sink) {
  Json driver = Json::object();
  driver["name"] = report.tool.name;
  if (!report.tool.version.empty()) {
    driver["version"] = report.tool.version;
    if (IsSemanticVersion(report.tool.version)) driver["semanticVersion"] = report.tool.version;
  }
  if (!report.tool.information_uri.empty()) driver["informationUri"] = report.tool.information_uri;
  driver["rules"] = Json::array();
  for (const RuleInfo& rule : report.rules) driver["rules"].push_back(RuleJson(rule));
  if (!report.tool.commit.empty()) {
    driver["properties"] = Json::object();
    driver["properties"]["commit"] = report.tool.commit;
  }

  Json run = Json::object();
  run["tool"] = Json::object();
  run["tool"]["driver"] = std::move(driver);

  Json invocation = Json::object();
  invocation["executionSuccessful"] = true;
  if (!report.diagnostics.empty()) {
    Json& notifications = invocation["toolExecutionNotifications"] = Json::array();
    for (const Diagnostic& diagnostic : report.diagnostics) notifications.push_back(NotificationJson(diagnostic));
  }
  run["invocations"] = Json::array({invocation});

  Json source_root = Json::object();
  source_root["description"] =
      Text("The directory routelint ran from, normally the repository root; relative paths are resolved against it.");
  run["originalUriBaseIds"] = Json::object();
  run["originalUriBaseIds"][std::string(kSourceRoot)] = std::move(source_root);

  run["results"] = Json::array();  // DumpWithItems writes them
  run["columnKind"] = "unicodeCodePoints";

  Json doc = Json::object();
  doc["$schema"] = kSchemaUri;
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({run});
  report_internal::DumpWithItems(std::move(doc), Json::json_pointer("/runs/0/results"), report.findings.size(),
                                 [&report](size_t i) { return ResultJson(report.findings[i], report.rules, report.baseline_applied); }, sink);
  sink("\n");
}

std::string RenderSarif(const Report& report) {
  std::string text;
  RenderSarifTo(report, [&text](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace routelint

// The public JSON document (`--format json`). Its shape is a contract: add
// keys compatibly, never rename or remove them; bump "version" otherwise.
//
// {
//   "version": 1,
//   "tool": {"name", "version", "commit"},
//   "findings": [{"rule", "name", "severity", "message", "file", "line",
//                 "column", "resource": {"type", "name"}, "resourceId",
//                 "related": [{"file", "line", "column", "message"}],
//                 "flow": [{"file", "line", "column", "message"}],
//                 "fingerprint",
//                 "suppressions": [{"kind": "external"|"inSource",
//                                   "justification", "file", "line", "column"}],
//                 "baseline": "new" | "unchanged" | "" (no --baseline)}],
//   "diagnostics": [{"id", "severity", "message", "file", "line", "column"}],
//   "summary": {"errors", "warnings", "notes", "suppressed", "baselined",
//               "findings", "diagnostics",
//               "files", "templates", "parameterFiles", "exports", "resources",
//               "routingValues": {"known", "unknown"}}
// }
//
// Every key is always present (empty strings, empty arrays, 0 for an unknown
// line or column), so consumers need no existence checks. "errors",
// "warnings" and "notes" count the findings that count (neither suppressed
// nor in the baseline); "findings" is the length of the array, accepted
// ones included; diagnostics are counted apart.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/internal.h"
#include "report/report.h"

namespace routelint {
namespace {

using Json = nlohmann::ordered_json;

Json LocatedMessage(const RelatedLocation& related) {
  Json out = Json::object();
  out["file"] = related.location.file;
  out["line"] = related.location.line;
  out["column"] = related.location.column;
  out["message"] = related.message;
  return out;
}

Json LocatedMessages(const std::vector<RelatedLocation>& list) {
  Json out = Json::array();
  for (const RelatedLocation& related : list) out.push_back(LocatedMessage(related));
  return out;
}

Json SuppressionJson(const FindingSuppression& suppression) {
  Json out = Json::object();
  out["kind"] = suppression.kind == FindingSuppression::Kind::kInSource ? "inSource" : "external";
  out["justification"] = suppression.justification;
  out["file"] = suppression.location.file;
  out["line"] = suppression.location.line;
  out["column"] = suppression.location.column;
  return out;
}

Json FindingJson(const Finding& finding, bool baseline_applied) {
  Json out = Json::object();
  out["rule"] = finding.rule_id;
  out["name"] = finding.rule_name;
  out["severity"] = SeverityName(finding.severity);
  out["message"] = finding.message;
  out["file"] = finding.location.file;
  out["line"] = finding.location.line;
  out["column"] = finding.location.column;
  out["resource"] = Json::object();
  out["resource"]["type"] = finding.resource_type;
  out["resource"]["name"] = finding.resource_name;
  out["resourceId"] = finding.resource_id;
  out["related"] = LocatedMessages(finding.related);
  out["flow"] = LocatedMessages(finding.flow);
  out["fingerprint"] = finding.fingerprint;
  out["suppressions"] = Json::array();
  for (const FindingSuppression& s : finding.suppressions) out["suppressions"].push_back(SuppressionJson(s));
  out["baseline"] = !baseline_applied ? "" : finding.in_baseline ? "unchanged" : "new";
  return out;
}

Json DiagnosticJson(const Diagnostic& diagnostic) {
  Json out = Json::object();
  out["id"] = diagnostic.id;
  out["severity"] = SeverityName(diagnostic.severity);
  out["message"] = diagnostic.message;
  out["file"] = diagnostic.location.file;
  out["line"] = diagnostic.location.line;
  out["column"] = diagnostic.location.column;
  return out;
}

}  // namespace

void RenderJsonTo(const Report& report, const TextSink& sink) {
  Json doc = Json::object();
  doc["version"] = 1;
  doc["tool"] = Json::object();
  doc["tool"]["name"] = report.tool.name;
  doc["tool"]["version"] = report.tool.version;
  doc["tool"]["commit"] = report.tool.commit;

  doc["findings"] = Json::array();  // DumpWithItems writes them
  doc["diagnostics"] = Json::array();
  for (const Diagnostic& diagnostic : report.diagnostics) {
    doc["diagnostics"].push_back(DiagnosticJson(diagnostic));
  }

  const report_internal::SeverityCounts counts = report_internal::CountFindings(report);
  Json& summary = doc["summary"] = Json::object();
  summary["errors"] = counts.errors;
  summary["warnings"] = counts.warnings;
  summary["notes"] = counts.notes;
  summary["suppressed"] = counts.suppressed;
  summary["baselined"] = counts.baselined;
  summary["findings"] = report.findings.size();
  summary["diagnostics"] = report.diagnostics.size();
  summary["files"] = report.stats.files;
  summary["templates"] = report.stats.templates;
  summary["parameterFiles"] = report.stats.parameter_files;
  summary["exports"] = report.stats.exports;
  summary["resources"] = report.stats.resources;
  Json& routing = summary["routingValues"] = Json::object();
  routing["known"] = report.stats.routing_values_known;
  routing["unknown"] = report.stats.routing_values_unknown;

  // Invalid UTF-8 (a file name in another encoding) becomes U+FFFD rather
  // than an exception: a report must always be written.
  report_internal::DumpWithItems(std::move(doc), Json::json_pointer("/findings"), report.findings.size(),
                                 [&report](size_t i) { return FindingJson(report.findings[i], report.baseline_applied); }, sink);
  sink("\n");
}

std::string RenderJson(const Report& report) {
  std::string text;
  RenderJsonTo(report, [&text](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace routelint

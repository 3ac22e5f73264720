// The pull-request summary (`--format markdown`), for a bot to post as a
// comment or to append to $GITHUB_STEP_SUMMARY:
//
//   ### routelint: 2 findings (2 errors, 0 warnings, 0 notes) in 9 files
//   | errors | warnings | notes | suppressed | in baseline | diagnostics |
//   ...
//   #### `blue/spoke2.json`
//   | line | severity | rule | finding |
//   ...
//   <details><summary>2 diagnostics</summary> ... </details>
//   #### Affected topology
//   ```mermaid ... ```
//
// Only findings that count are listed; accepted ones are counted. Table cells
// escape '|' and line breaks, so no message can break the table.
#include <fmt/format.h>

#include <map>
#include <string>

#include "report/internal.h"
#include "report/report.h"

namespace routelint {
namespace {

std::string Cell(std::string_view text) {
  std::string out;
  for (char c : report_internal::EscapeControlCharacters(text)) {
    if (c == '|') out += "\\|";
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  return out;
}

std::string Where(const Location& location) {
  if (location.line <= 0) return "";
  return location.column > 0 ? fmt::format("{}:{}", location.line, location.column) : std::to_string(location.line);
}

}  // namespace

std::string RenderMarkdown(const Report& report, const std::string& mermaid) {
  const report_internal::SeverityCounts counts = report_internal::CountFindings(report);
  std::string out = "### routelint: " + Cell(report_internal::SummaryLine(report)) + "\n\n";
  out += "| errors | warnings | notes | suppressed | in baseline | diagnostics |\n|---:|---:|---:|---:|---:|---:|\n";
  out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", counts.errors, counts.warnings, counts.notes, counts.suppressed,
                     counts.baselined, report.diagnostics.size());

  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const Finding& f : report.findings) {
    if (IsActive(f)) by_file[f.location.file].push_back(&f);
  }
  for (const auto& [file, findings] : by_file) {
    out += fmt::format("\n#### `{}`\n\n| line | severity | rule | finding |\n|---:|---|---|---|\n",
                       file.empty() ? std::string("(no file)") : Cell(file));
    for (const Finding* f : findings) {
      out += fmt::format("| {} | {} | {} `{}` | {} |\n", Where(f->location), SeverityName(f->severity), Cell(f->rule_id),
                         Cell(f->rule_name), Cell(f->message));
    }
  }
  if (!report.diagnostics.empty()) {
    out += fmt::format("\n<details><summary>{} diagnostic{} (inputs routelint could not fully use)</summary>\n\n",
                       report.diagnostics.size(), report.diagnostics.size() == 1 ? "" : "s");
    out += "| place | severity | id | message |\n|---|---|---|---|\n";
    for (const Diagnostic& d : report.diagnostics) {
      out += fmt::format("| {} | {} | {} | {} |\n", Cell(report_internal::FormatLocation(d.location)),
                         SeverityName(d.severity), Cell(d.id), Cell(d.message));
    }
    out += "\n</details>\n";
  }
  if (!mermaid.empty()) out += "\n#### Affected topology\n\n```mermaid\n" + mermaid + "```\n";
  return out;
}

}  // namespace routelint

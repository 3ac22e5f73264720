// The HTML report (`--format html`): one self-contained page for a CI
// artifact, opened from disk. Nothing is fetched when it is viewed: the CSS
// and the script are inline, the topology is an inline <svg>, the effective
// routes are embedded JSON, and a Content-Security-Policy forbids loading
// anything else. The page is a pure function of its inputs (no timestamps),
// so golden files pin it byte for byte.
//
//   header        summary line, tool version, counts
//   diagnostics   inputs routelint could not fully use (RL9xx)
//   findings      filters (severity, rule, state) and a count of those shown;
//                 per finding: rule, severity, resource, message, location,
//                 source excerpt, related places, path, suppression, a link
//                 to the rule's fix
//   topology      the estate's picture
//   routes        a subnet's effective routes, drawn by the script on choice
//   rules         each rule with findings: what it flags and how to fix it
//                 (the "How to fix" section of its page), once per rule
//
// Every text from the inputs goes through EscapeHtml; the embedded JSON
// through JsonForScriptElement.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "report/html.h"
#include "report/internal.h"
#include "report/report.h"

namespace routelint {

std::string EscapeHtml(std::string_view text) {
  const std::string visible = report_internal::EscapeControlCharacters(text);
  std::string out;
  out.reserve(visible.size());
  for (char c : visible) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c; break;
    }
  }
  return out;
}

std::string JsonForScriptElement(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (json.substr(i, 3) == "\u2028") out += "\\u2028", i += 2;
    else if (json.substr(i, 3) == "\u2029") out += "\\u2029", i += 2;
    else out += c;
  }
  return out;
}

namespace {

using report_internal::FormatLocation;

// Lines of context above and below a finding's line in its excerpt.
constexpr int kExcerptContext = 2;
// Code points of one excerpt line shown; a minified template is one long
// line, of which the part around the column is enough.
constexpr size_t kExcerptWidth = 160;

constexpr std::string_view kStyle = R"css(
:root { --error: #d62728; --warning: #e67e00; --note: #1f77b4; --muted: #5f6368; --line: #dadce0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
       color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 1240px; padding: 0 20px 48px; }
h1 { font-size: 22px; margin: 22px 0 2px; }
h2 { font-size: 18px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 6px; }
h4 { font-size: 13px; margin: 10px 0 2px; }
code, pre, .mono { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
a { color: #1a56c4; }
[hidden] { display: none !important; }
.tool, .note, .muted { color: var(--muted); }
.summary-line { font-size: 16px; margin: 4px 0; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f5f6f7; font-weight: 600; }
table.counts td { text-align: right; min-width: 64px; }
.sev { display: inline-block; min-width: 58px; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px;
       text-align: center; font-weight: 600; }
.sev-error { background: var(--error); }
.sev-warning { background: var(--warning); }
.sev-note { background: var(--note); }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }
.filters fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0; padding: 4px 10px 6px; }
.filters legend { font-weight: 600; font-size: 12px; color: var(--muted); }
.filters label { display: inline-block; margin-right: 12px; white-space: nowrap; }
.filters .n { color: var(--muted); }
.shown { font-weight: 600; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 4px;
           padding: 10px 14px; margin: 12px 0; }
.finding.finding-error { border-left-color: var(--error); }
.finding.finding-warning { border-left-color: var(--warning); }
.finding.finding-note { border-left-color: var(--note); }
.finding.accepted { border-style: dashed; background: #fafafa; }
.finding .message { margin: 6px 0; }
.finding .accepted-because { font-size: 13px; color: var(--muted); margin: 4px 0; }
.rule-name { font-weight: 400; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; font-size: 13px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
pre.excerpt { background: #f7f7f9; border: 1px solid #ececf0; border-radius: 3px; padding: 6px 10px; margin: 8px 0;
              overflow-x: auto; }
pre.excerpt .ln { color: #9aa0a6; user-select: none; }
pre.excerpt mark { background: #fff2b3; }
pre.excerpt .caret { color: var(--error); }
ul.places, ol.places { margin: 2px 0; padding-left: 22px; font-size: 13px; }
.rule { border-top: 1px solid var(--line); padding: 8px 0; }
.rule .fix { margin: 4px 0 0 0; }
.picture { border: 1px solid var(--line); border-radius: 4px; overflow: auto; max-height: 1100px; padding: 6px; }
.picture svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
#route-table tr.invalid td { color: var(--muted); text-decoration: line-through; }
select { font: inherit; max-width: 100%; }
)css";

// Filters findings by the checked boxes, keeps the count of those shown, and
// draws the chosen subnet's routes from the embedded JSON. DOM methods and
// textContent only: no markup is built from data.
constexpr std::string_view kScript = R"js(
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var visibleCount = document.getElementById("visible-count");

  function checkedValues(className) {
    var values = {};
    Array.prototype.forEach.call(document.querySelectorAll("input." + className), function (box) {
      if (box.checked) values[box.value] = true;
    });
    return values;
  }

  function applyFilters() {
    var severities = checkedValues("filter-severity");
    var rules = checkedValues("filter-rule");
    var states = checkedValues("filter-state");
    var visible = 0;
    findings.forEach(function (finding) {
      var shown = severities[finding.dataset.severity] === true && rules[finding.dataset.rule] === true &&
                  states[finding.dataset.state] === true;
      finding.hidden = !shown;
      if (shown) visible += 1;
    });
    visibleCount.textContent = String(visible);
  }

  var routeData = JSON.parse(document.getElementById("route-data").textContent);
  var subnetSelect = document.getElementById("route-subnet");
  var routeTable = document.getElementById("route-table");
  var routeCaption = document.getElementById("route-caption");

  function definedAt(route) {
    if (route.file) return route.line > 0 ? route.file + ":" + route.line + ":" + route.column : route.file;
    return route.origin || "-";
  }

  function addCell(row, text) {
    var cell = document.createElement("td");
    cell.textContent = text === "" ? "-" : text;
    row.appendChild(cell);
  }

  function showRoutes() {
    var body = routeTable.tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    var table = subnetSelect.value === "" ? undefined : routeData[Number(subnetSelect.value)];
    if (!table) {
      routeTable.hidden = true;
      routeCaption.textContent = "";
      return;
    }
    table.value.forEach(function (route) {
      var row = document.createElement("tr");
      if (route.state !== "Active") row.className = "invalid";
      [route.source, route.state, route.addressPrefix, route.nextHopType, route.nextHopIpAddress,
       route.userRouteName, definedAt(route)].forEach(function (text) { addCell(row, text); });
      body.appendChild(row);
    });
    routeCaption.textContent = "Effective routes of " + table.subnet +
        (table.routeTable ? " (route table " + table.routeTable + ")" : " (no route table)") +
        (table.complete ? "" : ". Some inputs of these routes are unknown before deployment: Azure may add or change routes.");
    routeTable.hidden = false;
  }

  document.getElementById("filters").addEventListener("change", applyFilters);
  subnetSelect.addEventListener("change", showRoutes);
  applyFilters();
  showRoutes();
})();
)js";

std::string_view SeverityWord(Severity severity) { return SeverityName(severity); }

// "active", "suppressed" or "baseline": the finding's data-state, which the
// state filter matches.
std::string_view FindingState(const Finding& finding) {
  if (!finding.suppressions.empty()) return "suppressed";
  return finding.in_baseline ? "baseline" : "active";
}

std::string Plural(size_t count, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", count, count == 1 ? singular : plural);
}

const RuleInfo* FindRule(const Report& report, const std::string& id) {
  for (const RuleInfo& rule : report.rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

// ---- Markdown of rule pages: the subset their "How to fix" sections use ----

std::string_view WithoutSurroundingBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// `code` and **strong** spans of one line of prose, the rest escaped.
std::string InlineMarkdown(std::string_view text) {
  std::string out;
  bool in_code = false, in_strong = false;
  size_t plain = 0;  // start of the text not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const bool tick = text[i] == '`';
    const bool stars = !in_code && text.substr(i, 2) == "**";
    if (!tick && !stars) continue;
    out += EscapeHtml(text.substr(plain, i - plain));
    if (tick) {
      out += in_code ? "</code>" : "<code>";
      in_code = !in_code;
    } else {
      out += in_strong ? "</strong>" : "<strong>";
      in_strong = !in_strong;
      ++i;
    }
    plain = i + 1;
  }
  out += EscapeHtml(text.substr(std::min(plain, text.size())));
  if (in_code) out += "</code>";
  if (in_strong) out += "</strong>";
  return out;
}

// The lines of the section headed `heading` ("## How to fix"), up to the
// next heading of the same level; empty when there is none.
std::vector<std::string_view> MarkdownSection(std::string_view page, std::string_view heading) {
  std::vector<std::string_view> lines;
  bool inside = false;
  size_t start = 0;
  while (start < page.size()) {
    size_t end = page.find('\n', start);
    if (end == std::string_view::npos) end = page.size();
    const std::string_view line = page.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("## ")) {
      if (inside) break;
      inside = line == heading;
      continue;
    }
    if (inside) lines.push_back(line);
  }
  return lines;
}

// Paragraphs, "- " lists (continuation lines indented) and ``` blocks.
std::string MarkdownBlocksToHtml(const std::vector<std::string_view>& lines) {
  std::string out, paragraph;
  bool in_list = false, in_item = false, in_fence = false;
  auto close_paragraph = [&] {
    if (!paragraph.empty()) out += "<p>" + InlineMarkdown(paragraph) + "</p>\n";
    paragraph.clear();
  };
  auto close_item = [&] {
    if (in_item) out += "<li>" + InlineMarkdown(paragraph) + "</li>\n";
    if (in_item) paragraph.clear();
    in_item = false;
  };
  auto close_list = [&] {
    close_item();
    if (in_list) out += "</ul>\n";
    in_list = false;
  };
  for (std::string_view line : lines) {
    if (line.starts_with("```")) {
      if (!in_fence) {
        close_list();
        close_paragraph();
        out += "<pre>";
      } else {
        out += "</pre>\n";
      }
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) {
      out += EscapeHtml(line) + "\n";
      continue;
    }
    const std::string_view text = WithoutSurroundingBlanks(line);
    if (text.empty()) {
      close_list();
      close_paragraph();
    } else if (line.starts_with("- ")) {
      if (!in_list) close_paragraph();
      close_item();
      if (!in_list) out += "<ul>\n";
      in_list = in_item = true;
      paragraph = std::string(text.substr(2));
    } else {
      paragraph += (paragraph.empty() ? "" : " ") + std::string(text);
    }
  }
  if (in_fence) out += "</pre>\n";
  close_list();
  close_paragraph();
  return out;
}

// The rule's fix: its page's "How to fix" section, else (custom rules) its
// description.
std::string FixHtml(const RuleInfo& rule) {
  const std::vector<std::string_view> fix = MarkdownSection(rule.help_markdown, "## How to fix");
  if (!fix.empty()) return MarkdownBlocksToHtml(fix);
  const std::string& description = rule.full_description.empty() ? rule.short_description : rule.full_description;
  return description.empty() ? "" : "<p>" + EscapeHtml(description) + "</p>\n";
}

// ---- page parts ----

std::string Head(const Report& report) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n"
         "<title>routelint: " +
         EscapeHtml(report_internal::SummaryLine(report)) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n";
}

std::string ToolLine(const ToolInfo& tool) {
  std::string line = tool.name + " " + tool.version;
  if (!tool.commit.empty()) line += " (" + tool.commit + ")";
  return line;
}

std::string Header(const Report& report) {
  return "<header>\n<h1>routelint report</h1>\n<p class=\"summary-line\" id=\"summary-line\">" +
         EscapeHtml(report_internal::SummaryLine(report)) + "</p>\n<p class=\"tool\">" + EscapeHtml(ToolLine(report.tool)) +
         "</p>\n</header>\n";
}

std::string CountsTable(const Report& report) {
  const report_internal::SeverityCounts counts = report_internal::CountFindings(report);
  const RunStats& stats = report.stats;
  const std::vector<std::pair<std::string_view, long long>> cells = {
      {"files", stats.files},
      {"templates", stats.templates},
      {"parameter files", stats.parameter_files},
      {"exports", stats.exports},
      {"resources", stats.resources},
      {"errors", counts.errors},
      {"warnings", counts.warnings},
      {"notes", counts.notes},
      {"suppressed", counts.suppressed},
      {"in baseline", counts.baselined},
      {"diagnostics", static_cast<long long>(report.diagnostics.size())},
  };
  std::string head, values;
  for (const auto& [name, value] : cells) {
    head += fmt::format("<th>{}</th>", name);
    values += fmt::format("<td>{}</td>", value);
  }
  return "<section id=\"summary\">\n<table class=\"counts\">\n<tr>" + head + "</tr>\n<tr>" + values +
         "</tr>\n</table>\n</section>\n";
}

std::string Checkbox(std::string_view filter, std::string_view value, std::string_view label, size_t count,
                     std::string_view title = "") {
  return fmt::format("<label{}><input type=\"checkbox\" class=\"{}\" value=\"{}\" checked> {} <span class=\"n\">({})</span></label>\n",
                     title.empty() ? "" : " title=\"" + EscapeHtml(title) + "\"", filter, EscapeHtml(value), label, count);
}

std::string Filters(const Report& report) {
  std::map<std::string_view, size_t> by_severity, by_state;
  std::map<std::string, size_t> by_rule;
  std::map<std::string, std::string> rule_names;
  for (const Finding& f : report.findings) {
    ++by_severity[SeverityWord(f.severity)];
    ++by_state[FindingState(f)];
    ++by_rule[f.rule_id];
    rule_names.emplace(f.rule_id, f.rule_name);
  }
  std::string out = "<form id=\"filters\" class=\"filters\">\n<fieldset><legend>Severity</legend>\n";
  for (Severity s : {Severity::kError, Severity::kWarning, Severity::kNote}) {
    const std::string_view word = SeverityWord(s);
    out += Checkbox("filter-severity", word, "<span class=\"sev sev-" + std::string(word) + "\">" + std::string(word) + "</span>",
                    by_severity[word]);
  }
  out += "</fieldset>\n<fieldset><legend>Rule</legend>\n";
  for (const auto& [id, count] : by_rule) {
    const RuleInfo* rule = FindRule(report, id);
    out += Checkbox("filter-rule", id, EscapeHtml(id) + " " + EscapeHtml(rule_names[id]), count,
                    rule ? rule->short_description : "");
  }
  out += "</fieldset>\n<fieldset><legend>State</legend>\n";
  out += Checkbox("filter-state", "active", "counted", by_state["active"]);
  out += Checkbox("filter-state", "suppressed", "suppressed", by_state["suppressed"]);
  out += Checkbox("filter-state", "baseline", "in the baseline", by_state["baseline"]);
  return out + "</fieldset>\n</form>\n";
}

// Byte offset in `text` of 1-based code point column `column` (the end when
// the line is shorter).
size_t ByteOffsetOfColumn(std::string_view text, int column) {
  size_t offset = 0;
  for (int c = 1; c < column && offset < text.size(); ++c) {
    const size_t length = Utf8SequenceLength(text, offset);
    offset += length == 0 ? 1 : length;
  }
  return offset;
}

// Code points an excerpt leaves out at the start of its lines: none, unless
// the column lies beyond the first kExcerptWidth; then the window starts a
// third of its width before the column.
int ColumnsToSkip(int column) {
  const int width = static_cast<int>(kExcerptWidth);
  return column > width - width / 3 ? column - 1 - width / 3 : 0;
}

// Tabs become single spaces, so the caret lines up whatever the tab width.
std::string WithoutTabs(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t') c = ' ';
  }
  return out;
}

// The escaped part of `line` an excerpt shows, with an ellipsis where text
// is left out.
std::string ExcerptText(std::string_view line, int skip) {
  std::string_view shown = line.substr(ByteOffsetOfColumn(line, skip + 1));
  const std::string_view window = shown.substr(0, ByteOffsetOfColumn(shown, static_cast<int>(kExcerptWidth) + 1));
  return (skip > 0 ? "\u2026" : "") + EscapeHtml(window) + (window.size() < shown.size() ? "\u2026" : "");
}

// A few lines around `location` with line numbers, the line itself marked
// and a caret under the column; "" when the file cannot be read there.
std::string SourceExcerpt(const HtmlOptions& options, const Location& location) {
  std::string text;
  if (!options.source_line || location.line <= 0 || !options.source_line(location.file, location.line, &text)) return "";
  const int first = std::max(1, location.line - kExcerptContext);
  const int last = location.line + kExcerptContext;
  const int number_width = static_cast<int>(std::to_string(last).size());
  const int skip = ColumnsToSkip(location.column);
  std::string out = "<pre class=\"excerpt\">";
  for (int n = first; n <= last && options.source_line(location.file, n, &text); ++n) {
    const std::string number = fmt::format("<span class=\"ln\">{:>{}} | </span>", n, number_width);
    const std::string body = ExcerptText(WithoutTabs(text), skip);
    if (n != location.line) {
      out += number + body + "\n";
      continue;
    }
    out += "<mark>" + number + body + "</mark>\n";
    if (location.column > 0) {
      const int pad = number_width + 3 + location.column - 1 - skip + (skip > 0 ? 1 : 0);
      out += std::string(static_cast<size_t>(pad), ' ') + "<span class=\"caret\">^</span>\n";
    }
  }
  if (out.back() == '\n') out.pop_back();  // inside <pre> the last line break would show as an empty line
  return out + "</pre>\n";
}

std::string LocationCode(const Location& location) {
  const std::string where = FormatLocation(location);
  return where.empty() ? "<span class=\"muted\">(no file)</span>" : "<code>" + EscapeHtml(where) + "</code>";
}

std::string PlacesList(std::string_view tag, std::string_view heading, const std::vector<RelatedLocation>& places) {
  if (places.empty()) return "";
  std::string out = fmt::format("<h4>{}</h4>\n<{} class=\"places\">\n", heading, tag);
  for (const RelatedLocation& place : places) {
    out += "<li>" + LocationCode(place.location) + " " + EscapeHtml(place.message) + "</li>\n";
  }
  return out + fmt::format("</{}>\n", tag);
}

std::string AcceptedBecause(const Finding& finding) {
  std::string out;
  for (const FindingSuppression& s : finding.suppressions) {
    out += fmt::format("<p class=\"accepted-because\">Suppressed ({}): {}{}</p>\n",
                       s.kind == FindingSuppression::Kind::kInSource ? "template metadata" : "configuration",
                       EscapeHtml(s.justification), s.location.file.empty() ? "" : " at " + LocationCode(s.location));
  }
  if (finding.in_baseline) out += "<p class=\"accepted-because\">In the baseline: known before this change, not counted.</p>\n";
  return out;
}

std::string FindingArticle(const Report& report, const HtmlOptions& options, const Finding& f, size_t number) {
  const std::string_view severity = SeverityWord(f.severity);
  const std::string_view state = FindingState(f);
  const RuleInfo* rule = FindRule(report, f.rule_id);
  std::string out = fmt::format(
      "<article class=\"finding finding-{}{}\" id=\"finding-{}\" data-severity=\"{}\" data-rule=\"{}\" data-state=\"{}\">\n",
      severity, state == "active" ? "" : " accepted", number, severity, EscapeHtml(f.rule_id), state);
  out += fmt::format("<h3><span class=\"sev sev-{}\">{}</span> {} <span class=\"rule-name\">{}</span>{}</h3>\n", severity,
                     severity, EscapeHtml(f.rule_id), EscapeHtml(f.rule_name),
                     state == "active" ? "" : state == "suppressed" ? " (suppressed)" : " (in the baseline)");
  out += "<p class=\"message\">" + EscapeHtml(f.message) + "</p>\n" + AcceptedBecause(f);
  out += "<dl class=\"facts\">\n";
  if (!f.resource_name.empty() || !f.resource_type.empty()) {
    out += "<dt>resource</dt><dd><strong>" + EscapeHtml(f.resource_name) + "</strong> <span class=\"muted\">" +
           EscapeHtml(f.resource_type) + "</span></dd>\n";
  }
  out += "<dt>location</dt><dd>" + LocationCode(f.location) + "</dd>\n";
  if (rule != nullptr) {
    out += "<dt>fix</dt><dd><a href=\"#rule-" + EscapeHtml(f.rule_id) + "\">how to fix " + EscapeHtml(f.rule_id) + "</a>";
    if (!rule->help_uri.empty()) out += " · <a href=\"" + EscapeHtml(rule->help_uri) + "\">the rule's page</a>";
    out += "</dd>\n";
  }
  out += "</dl>\n" + SourceExcerpt(options, f.location);
  out += PlacesList("ul", "Related", f.related);
  out += PlacesList("ol", "Path", f.flow);
  return out + "</article>\n";
}

std::string FindingsSection(const Report& report, const HtmlOptions& options) {
  std::string out = "<section id=\"findings\">\n<h2>Findings</h2>\n" + Filters(report);
  out += fmt::format("<p class=\"shown\"><span id=\"visible-count\">{}</span> of <span id=\"total-count\">{}</span> findings shown</p>\n",
                     report.findings.size(), report.findings.size());
  if (report.findings.empty()) out += "<p class=\"note\">No findings.</p>\n";
  for (size_t i = 0; i < report.findings.size(); ++i) out += FindingArticle(report, options, report.findings[i], i + 1);
  return out + "</section>\n";
}

std::string RulesSection(const Report& report) {
  std::set<std::string> ids;
  for (const Finding& f : report.findings) ids.insert(f.rule_id);
  if (ids.empty()) return "";
  std::string out = "<section id=\"rules\">\n<h2>Rules with findings</h2>\n";
  for (const std::string& id : ids) {
    const RuleInfo* rule = FindRule(report, id);
    if (rule == nullptr) continue;
    out += fmt::format("<div class=\"rule\" id=\"rule-{}\">\n<h3>{} <span class=\"rule-name\">{}</span> "
                       "<span class=\"sev sev-{}\">{}</span></h3>\n",
                       EscapeHtml(id), EscapeHtml(id), EscapeHtml(rule->name), SeverityWord(rule->default_severity),
                       SeverityWord(rule->default_severity));
    out += "<p>" + EscapeHtml(rule->short_description) + "</p>\n";
    const std::string fix = FixHtml(*rule);
    if (!fix.empty()) out += "<h4>How to fix</h4>\n<div class=\"fix\">\n" + fix + "</div>\n";
    if (!rule->help_uri.empty()) {
      out += "<p><a href=\"" + EscapeHtml(rule->help_uri) + "\">The rule's page</a> (also <code>routelint rules " +
             EscapeHtml(id) + "</code>)</p>\n";
    }
    out += "</div>\n";
  }
  return out + "</section>\n";
}

std::string DiagnosticsSection(const Report& report) {
  std::string out = "<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n";
  if (report.diagnostics.empty()) return out + "<p class=\"note\">None: every input was read and evaluated.</p>\n</section>\n";
  out += "<p class=\"note\">" + Plural(report.diagnostics.size(), "input problem", "input problems") +
         " (RL9xx): inputs routelint could not fully use.</p>\n";
  out += "<table id=\"diagnostic-table\">\n<thead><tr><th>place</th><th>severity</th><th>id</th><th>message</th></tr></thead>\n<tbody>\n";
  for (const Diagnostic& d : report.diagnostics) {
    out += fmt::format("<tr class=\"diagnostic\"><td>{}</td><td><span class=\"sev sev-{}\">{}</span></td><td>{}</td><td>{}</td></tr>\n",
                       LocationCode(d.location), SeverityWord(d.severity), SeverityWord(d.severity), EscapeHtml(d.id),
                       EscapeHtml(d.message));
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string TopologySection(const HtmlOptions& options) {
  std::string out = "<section id=\"topology\">\n<h2>Topology</h2>\n";
  out += "<p class=\"note\">Deployments (a hub and its spokes) are framed; resources with findings are filled in "
         "their severity's colour (red: error, orange: warning, blue: note). " +
         EscapeHtml(options.topology_note) + "</p>\n";
  if (!options.topology_svg.empty()) out += "<div class=\"picture\">\n" + options.topology_svg + "\n</div>\n";
  return out + "</section>\n";
}

std::string RoutesSection(const HtmlOptions& options) {
  std::string out = "<section id=\"routes\">\n<h2>Effective routes</h2>\n";
  out += "<p class=\"note\">What the portal's Effective Routes blade would show for a VM in the subnet, as "
         "<code>routelint routes --subnet VNET/SUBNET</code> computes them. " +
         EscapeHtml(options.routes_note) + "</p>\n";
  out += "<p><label for=\"route-subnet\">Subnet</label> <select id=\"route-subnet\">\n<option value=\"\">(choose a subnet)</option>\n";
  std::string data = "[";
  for (size_t i = 0; i < options.subnet_routes.size(); ++i) {
    out += fmt::format("<option value=\"{}\">{}</option>\n", i, EscapeHtml(options.subnet_routes[i].subnet));
    data += (i == 0 ? "\n" : ",\n") + options.subnet_routes[i].routes_json;
  }
  data += "\n]";
  out += "</select></p>\n<p id=\"route-caption\"></p>\n";
  out += "<table id=\"route-table\" hidden>\n<thead><tr><th>Source</th><th>State</th><th>Address prefix</th><th>Next hop type</th>"
         "<th>Next hop IP</th><th>User route</th><th>Defined at</th></tr></thead>\n<tbody></tbody>\n</table>\n";
  out += "<script type=\"application/json\" id=\"route-data\">" + JsonForScriptElement(data) + "</script>\n";
  return out + "</section>\n";
}

}  // namespace

std::string RenderHtml(const Report& report, const HtmlOptions& options) {
  // Inputs that could not be used first, as the text format lists them: they
  // may explain missing findings. The rules' fixes last: findings link there.
  std::string page = Head(report) + "<body>\n" + Header(report) + CountsTable(report);
  page += DiagnosticsSection(report);
  page += FindingsSection(report, options);
  page += TopologySection(options);
  page += RoutesSection(options);
  page += RulesSection(report);
  page += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace routelint

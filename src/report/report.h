// Report stage: renders the sorted findings and diagnostics of one run in one
// output format each. Renderers are pure functions of the Report, so that
// output is byte-identical between runs and golden tests can pin it.
#ifndef ROUTELINT_REPORT_REPORT_H_
#define ROUTELINT_REPORT_REPORT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace routelint {

/// What a report says about one rule of the catalogue (SARIF reportingDescriptor).
struct RuleInfo {
  std::string id;                 // "RL001"
  std::string name;               // "firewall-subnet-propagation-disabled"
  Severity default_severity = Severity::kError;
  std::string short_description;  // one sentence
  std::string full_description;   // a paragraph
  std::string help_markdown;      // the rule's page from rules/
  std::string help_uri;           // where the page is published; empty for custom rules
};

struct ToolInfo {
  std::string name = "routelint";
  std::string version;  // "0.1.0"
  std::string commit;   // may be empty
  std::string information_uri = "https://github.com/routelint/routelint";
};

struct RunStats {
  int files = 0;            // input files considered
  int templates = 0;        // ARM templates loaded
  int parameter_files = 0;  // parameters files loaded
  int exports = 0;          // exports of live estates loaded (az ... list, az graph query)
  int resources = 0;        // resources after expansion
  // Routing-relevant values of the model (prefixes, next hops, propagation,
  // route table associations, peering flags, firewall addresses): how many
  // routelint could evaluate, and how many stay unknown before deployment.
  int routing_values_known = 0;
  int routing_values_unknown = 0;
};

struct Report {
  ToolInfo tool;
  std::vector<RuleInfo> rules;          // the catalogue, sorted by id
  std::vector<Finding> findings;        // sorted with FindingLess
  std::vector<Diagnostic> diagnostics;  // sorted with DiagnosticLess
  RunStats stats;
  /// A --baseline file was read: results carry SARIF baselineState.
  bool baseline_applied = false;
};

enum class OutputFormat { kText, kJson, kSarif, kGithub, kMarkdown, kHtml };
bool ParseOutputFormat(std::string_view text, OutputFormat* out);

/// One subnet's effective routes for the HTML report's route viewer.
struct HtmlSubnetRoutes {
  std::string subnet;  // "vnet/subnet", the <select> entry
  /// The table as `routelint routes -f json` prints it (one compact JSON
  /// object); the page's script draws it when the subnet is chosen.
  std::string routes_json;
};

/// What the HTML report shows beyond the Report; the CLI computes it from
/// the run (cli/html_report.h), so rendering stays a pure function.
struct HtmlOptions {
  /// The estate's picture: an inline <svg> element (trusted: Graphviz's or
  /// routelint's own, with text escaped); empty: no picture.
  std::string topology_svg;
  std::string topology_note;  // how it was drawn, or why there is none
  std::vector<HtmlSubnetRoutes> subnet_routes;  // sorted by subnet name
  std::string routes_note;                      // e.g. the list was cut short
  /// Line `line` (1-based) of `file` without its line break, for the source
  /// excerpt of each finding; empty function: no excerpts.
  std::function<bool(const std::string& file, int line, std::string* text)> source_line;
};

struct TextOptions {
  bool color = false;  // ANSI colours (the CLI decides: a terminal and no NO_COLOR)
  /// Markdown: a Mermaid diagram of the affected topology to embed (the CLI
  /// draws it from the model); empty: none.
  std::string diagram;
  /// Text: findings and problems only: no summary line, no notes about
  /// values unknown before deployment (--quiet).
  bool quiet = false;
  /// Text: line `line` (1-based) of `file` without its line break, to show
  /// under each problem with a caret at the column (--show-source); empty
  /// function: no excerpts. Returns false when the line cannot be read.
  std::function<bool(const std::string& file, int line, std::string* text)> source_line;
  /// HTML: the topology, effective routes and source excerpts to show.
  HtmlOptions html;
};

/// Receives a report's text piece by piece, in order.
using TextSink = std::function<void(std::string_view)>;

/// Compiler-style lines, `file:line:col: severity: message [RLxxx name]`,
/// diagnostics first, then a one-line summary.
std::string RenderText(const Report& report, const TextOptions& options);
/// The public JSON document (schema documented in README.md).
std::string RenderJson(const Report& report);
void RenderJsonTo(const Report& report, const TextSink& sink);
/// SARIF 2.1.0 as GitHub code scanning ingests it.
std::string RenderSarif(const Report& report);
void RenderSarifTo(const Report& report, const TextSink& sink);
/// GitHub Actions workflow commands (`::error file=...,line=...::message`).
std::string RenderGithub(const Report& report);
/// A pull-request summary: counts by severity, findings grouped by file,
/// diagnostics folded, and `mermaid` (a diagram) when not empty.
std::string RenderMarkdown(const Report& report, const std::string& mermaid);
/// One self-contained HTML page (inline CSS and script, nothing fetched):
/// summary, findings with source excerpts and fixes, filters, diagnostics,
/// the topology and a subnet's effective routes.
std::string RenderHtml(const Report& report, const HtmlOptions& options);

std::string Render(const Report& report, OutputFormat format, const TextOptions& options);
/// Render, written to `sink` as it is made: JSON and SARIF a finding at a
/// time, so that a report of tens of thousands of findings is never held
/// whole in memory.
void RenderTo(const Report& report, OutputFormat format, const TextOptions& options, const TextSink& sink);

/// Writes `content` to `path` through a temporary file in the same directory
/// and a rename, so readers never see a half-written report.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);
/// The same, with the content written by `produce` to the sink it is given.
bool WriteFileAtomically(const std::string& path, const std::function<void(const TextSink&)>& produce,
                         std::string* error);

}  // namespace routelint

#endif  // ROUTELINT_REPORT_REPORT_H_

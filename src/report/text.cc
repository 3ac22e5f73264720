// Compiler-style text: one line per problem, so editors and terminals can
// jump to it, then a summary line.
//
//   broken.json:3:14: error: <message> [RL901]
//   hub.json:42:7: error: <message> [RL001 firewall-subnet-propagation-disabled]
//     hub.json:17:9: note: <related location's message>
//     spoke.json:12:5: note: step 1 of 3: <hop's message>
//   3 findings (2 errors, 1 warning, 0 notes) in 12 files; 1 diagnostic
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

#include "report/internal.h"
#include "report/report.h"

namespace routelint {
namespace {

using report_internal::EscapeControlCharacters;
using report_internal::FormatLocation;

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

std::string_view SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError: return "\x1b[1;31m";    // bold red
    case Severity::kWarning: return "\x1b[1;33m";  // bold yellow
    case Severity::kNote: return "\x1b[1;36m";     // bold cyan
  }
  return "";
}

// Tabs become single spaces, so the caret lines up whatever the tab width.
std::string ReplaceTabs(std::string text) {
  for (char& c : text) {
    if (c == '\t') c = ' ';
  }
  return text;
}

class TextWriter {
 public:
  explicit TextWriter(bool color) : color_(color) {}

  // `indent` + "location: severity: message" + `suffix`.
  void Line(std::string_view indent, const Location& location, Severity severity, std::string_view message,
            std::string_view suffix) {
    out_ += indent;
    const std::string where = EscapeControlCharacters(FormatLocation(location));
    if (!where.empty()) {
      Styled(kBold, where + ":");
      out_ += ' ';
    }
    Styled(SeverityColor(severity), std::string(SeverityName(severity)) + ":");
    out_ += ' ';
    out_ += EscapeControlCharacters(message);
    out_ += suffix;
    out_ += '\n';
  }

  void Raw(std::string_view text) { out_ += text; }
  std::string Take() { return std::move(out_); }

 private:
  void Styled(std::string_view style, std::string_view text) {
    if (color_) out_ += style;
    out_ += text;
    if (color_) out_ += kReset;
  }

  bool color_;
  std::string out_;
};

// The source line of `location` with a caret under its column:
//     85 |         "name": "snet-app",
//        |         ^
std::string Excerpt(const TextOptions& options, const Location& location) {
  std::string text;
  if (!options.source_line || location.line <= 0 || !options.source_line(location.file, location.line, &text)) return "";
  text = EscapeControlCharacters(ReplaceTabs(text));
  const std::string number = std::to_string(location.line);
  std::string out = fmt::format("  {} | {}\n", number, text);
  if (location.column > 0) {
    // Columns count code points; continuation bytes take no cell.
    std::string pad;
    int column = 1;
    for (size_t i = 0; i < text.size() && column < location.column; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
      pad += ' ';
      ++column;
    }
    out += fmt::format("  {} | {}^\n", std::string(number.size(), ' '), pad);
  }
  return out;
}

}  // namespace

std::string RenderText(const Report& report, const TextOptions& options) {
  TextWriter writer(options.color);
  for (const Diagnostic& diagnostic : report.diagnostics) {
    if (options.quiet && diagnostic.severity == Severity::kNote) continue;
    writer.Line("", diagnostic.location, diagnostic.severity, diagnostic.message,
                " [" + EscapeControlCharacters(diagnostic.id) + "]");
    writer.Raw(Excerpt(options, diagnostic.location));
  }
  for (const Finding& finding : report.findings) {
    if (!IsActive(finding)) continue;  // accepted: counted in the summary line only
    std::string tag = " [" + finding.rule_id;
    if (!finding.rule_name.empty()) tag += " " + finding.rule_name;
    tag += "]";
    writer.Line("", finding.location, finding.severity, finding.message, EscapeControlCharacters(tag));
    writer.Raw(Excerpt(options, finding.location));
    for (const RelatedLocation& related : finding.related) {
      writer.Line("  ", related.location, Severity::kNote, related.message, "");
    }
    const size_t hops = finding.flow.size();
    for (size_t i = 0; i < hops; ++i) {
      const RelatedLocation& hop = finding.flow[i];
      writer.Line("  ", hop.location, Severity::kNote,
                  "step " + std::to_string(i + 1) + " of " + std::to_string(hops) + ": " + hop.message, "");
    }
  }
  if (!options.quiet) {
    writer.Raw(report_internal::SummaryLine(report));
    writer.Raw("\n");
  }
  return writer.Take();
}

}  // namespace routelint

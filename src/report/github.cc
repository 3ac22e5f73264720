// GitHub Actions workflow commands: each problem becomes an annotation on
// its file and line in the pull request.
//
//   ::error file=hub.json,line=42,col=7,title=RL001 firewall-subnet-propagation-disabled::<message>
//
// Severities map to ::error, ::warning and ::notice. Related locations and
// path hops follow the message on lines of their own, as annotations show
// them. Values are escaped as the runner expects: '%', CR and LF in the
// message, and also ':' and ',' in properties. A plain summary line ends the
// output for the log.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "base/strings.h"
#include "report/internal.h"
#include "report/report.h"

namespace routelint {
namespace {

std::string_view Command(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "notice";
  }
  return "error";
}

// Workflow-command escaping: data escapes % CR LF; property values also
// escape the ':' and ',' that separate properties.
std::string Escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Keep the annotation valid UTF-8: bytes that are not show as \xNN.
      if (const size_t length = Utf8SequenceLength(text, i)) {
        out.append(text.substr(i, length));
        i += length - 1;
      } else {
        out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      }
      continue;
    }
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c; break;
    }
  }
  return out;
}

std::string EscapeData(std::string_view text) { return Escape(text, false); }
std::string EscapeProperty(std::string_view text) { return Escape(text, true); }

void Annotation(Severity severity, const Location& location, std::string_view title, std::string_view message,
                std::string* out) {
  *out += "::";
  *out += Command(severity);
  std::string properties;
  auto add = [&properties](std::string_view key, std::string_view value) {
    if (!properties.empty()) properties += ',';
    properties += key;
    properties += '=';
    properties += EscapeProperty(value);
  };
  if (!location.file.empty()) {
    add("file", location.file);
    if (location.line > 0) {
      add("line", std::to_string(location.line));
      if (location.column > 0) add("col", std::to_string(location.column));
    }
  }
  if (!title.empty()) add("title", title);
  if (!properties.empty()) *out += " " + properties;
  *out += "::";
  *out += EscapeData(message);
  *out += '\n';
}

// "location: note: message", as in the text format.
std::string NoteLine(const Location& location, std::string_view message) {
  std::string line = report_internal::FormatLocation(location);
  if (!line.empty()) line += ": ";
  line += "note: ";
  line += message;
  return line;
}

std::string FindingMessage(const Finding& finding) {
  std::string message = finding.message;
  for (const RelatedLocation& related : finding.related) {
    message += "\n" + NoteLine(related.location, related.message);
  }
  const size_t hops = finding.flow.size();
  for (size_t i = 0; i < hops; ++i) {
    const RelatedLocation& hop = finding.flow[i];
    message += "\n" + NoteLine(hop.location, "step " + std::to_string(i + 1) + " of " + std::to_string(hops) +
                                                 ": " + hop.message);
  }
  return message;
}

}  // namespace

std::string RenderGithub(const Report& report) {
  std::string out;
  for (const Diagnostic& diagnostic : report.diagnostics) {
    Annotation(diagnostic.severity, diagnostic.location, diagnostic.id, diagnostic.message, &out);
  }
  for (const Finding& finding : report.findings) {
    if (!IsActive(finding)) continue;
    std::string title = finding.rule_id;
    if (!finding.rule_name.empty()) title += " " + finding.rule_name;
    Annotation(finding.severity, finding.location, title, FindingMessage(finding), &out);
  }
  // Not a command: the runner prints it as is. Control characters cannot
  // occur in it (it holds only numbers and fixed words).
  out += report_internal::SummaryLine(report);
  out += '\n';
  return out;
}

}  // namespace routelint

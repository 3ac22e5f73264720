#include "base/diagnostic.h"

#include <tuple>

namespace routelint {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

bool ParseSeverity(std::string_view text, Severity* out) {
  if (text == "error") *out = Severity::kError;
  else if (text == "warning") *out = Severity::kWarning;
  else if (text == "note") *out = Severity::kNote;
  else return false;
  return true;
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.location.file, a.location.line, a.location.column, a.rule_id, a.message) <
         std::tie(b.location.file, b.location.line, b.location.column, b.rule_id, b.message);
}

bool DiagnosticLess(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.location.file, a.location.line, a.location.column, a.id, a.message) <
         std::tie(b.location.file, b.location.line, b.location.column, b.id, b.message);
}

}  // namespace routelint

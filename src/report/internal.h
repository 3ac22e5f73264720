// Helpers shared by the renderers of src/report/. Not part of the stage's
// interface: only src/report/*.cc include this.
#ifndef ROUTELINT_REPORT_INTERNAL_H_
#define ROUTELINT_REPORT_INTERNAL_H_

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "report/report.h"

namespace routelint::report_internal {

/// Findings that count, per severity, and those accepted (diagnostics are
/// counted apart).
struct SeverityCounts {
  int errors = 0;
  int warnings = 0;
  int notes = 0;
  int suppressed = 0;  // by configuration or template metadata
  int baselined = 0;   // recorded in the --baseline file
};
SeverityCounts CountFindings(const Report& report);

/// "3 findings (2 errors, 1 warning, 0 notes) in 12 files; 1 suppressed; 2 in
/// the baseline; 1 diagnostic", or "no findings in 12 files"; counts only
/// findings that are neither suppressed nor in the baseline; no trailing
/// newline.
std::string SummaryLine(const Report& report);

/// "file:line:col", "file:line" (column 0) or "file" (line 0).
std::string FormatLocation(const Location& location);

/// Replaces control characters (other than tab) with visible escapes (\n,
/// \r, \x1b, ...), so that a hostile file name or message can neither break
/// the one-line-per-problem layout nor send escape codes to a terminal; bytes
/// that are not UTF-8 become \xNN too, so the output is valid UTF-8.
std::string EscapeControlCharacters(std::string_view text);

/// The SARIF artifactLocation.uri of a path as the user named it: a relative
/// reference with forward slashes and percent-encoding when the path is
/// relative (*relative = true; it is then resolved against %SRCROOT%), or a
/// file:// URI when it is absolute (*relative = false).
std::string ArtifactUri(std::string_view path, bool* relative);

/// Writes to `sink` what doc.dump(2) gives with the array of item(0) .. item(count-1) at
/// `where`, the items made and written one at a time: a report of tens of
/// thousands of findings never holds them all as JSON values (several times
/// their text), nor the whole text. Invalid UTF-8 becomes U+FFFD.
void DumpWithItems(nlohmann::ordered_json doc, const nlohmann::ordered_json::json_pointer& where, size_t count,
                   const std::function<nlohmann::ordered_json(size_t)>& item, const TextSink& sink);

}  // namespace routelint::report_internal

#endif  // ROUTELINT_REPORT_INTERNAL_H_

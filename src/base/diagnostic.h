// The vocabulary every stage shares: severities, source locations, findings
// and diagnostics. Plain data; no stage logic lives here.
#ifndef ROUTELINT_BASE_DIAGNOSTIC_H_
#define ROUTELINT_BASE_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

namespace routelint {

enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

/// "error", "warning" or "note".
std::string_view SeverityName(Severity severity);
/// Parses "error" | "warning" | "note"; returns false on anything else.
bool ParseSeverity(std::string_view text, Severity* out);

/// A place in an input file. `file` is the path as the user named it
/// (relative to the working directory when the user gave a relative path).
/// line and column are 1-based; 0 means "the whole file".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const Location&, const Location&) = default;
};

/// A secondary place a finding points at: the other side of a peering, the
/// route table that lacks a route, one hop of a path.
struct RelatedLocation {
  Location location;
  std::string message;
};

/// Why a finding is accepted rather than counted: a `[[suppress]]` entry of
/// the configuration (external) or a resource's `metadata.routelint` in the
/// template (in source). SARIF `suppressions` carry the same.
struct FindingSuppression {
  enum class Kind { kExternal, kInSource };
  Kind kind = Kind::kExternal;
  std::string justification;
  Location location;  // the [[suppress]] entry or the metadata object
};

/// One rule violation.
struct Finding {
  std::string rule_id;     // "RL001"
  std::string rule_name;   // "firewall-subnet-propagation-disabled"
  Severity severity = Severity::kError;
  std::string message;
  Location location;
  std::string resource_type;  // "Microsoft.Network/routeTables"
  std::string resource_name;  // "rt-hub-blue-fw"
  std::string resource_id;    // normalised ARM id
  std::vector<RelatedLocation> related;
  /// For path findings: the hops in order (SARIF codeFlows).
  std::vector<RelatedLocation> flow;
  /// Identifies the finding across edits: rule, resource id and a rule-chosen
  /// discriminator, never line numbers or absolute paths.
  std::string fingerprint;
  /// Non-empty: accepted by a suppression; still reported in JSON and SARIF.
  std::vector<FindingSuppression> suppressions;
  /// Recorded in the --baseline file: known before this change, not counted.
  bool in_baseline = false;
};

/// True when a finding counts: neither suppressed nor in the baseline.
inline bool IsActive(const Finding& finding) { return finding.suppressions.empty() && !finding.in_baseline; }

/// A problem with the input rather than with the network: unreadable files,
/// parse errors (RL901, RL902), values that stayed unknown (RL900).
struct Diagnostic {
  std::string id;  // "RL901"
  Severity severity = Severity::kError;
  Location location;
  std::string message;
};

/// Orders findings by file, line, column, rule and message, so that output is
/// byte-identical between runs.
bool FindingLess(const Finding& a, const Finding& b);
bool DiagnosticLess(const Diagnostic& a, const Diagnostic& b);

}  // namespace routelint

#endif  // ROUTELINT_BASE_DIAGNOSTIC_H_

// Baselines: adopt routelint on an estate with known findings and fail only
// on new ones. A baseline file records findings by fingerprint (rule,
// normalised resource id, rule-chosen discriminator), which survives moved
// lines, reformatting, unrelated edits and other checkout paths.
//
// The file is JSON, sorted, meant to be committed and reviewed:
//   {"version": 1, "tool": "routelint",
//    "findings": [{"fingerprint", "rule", "resource", "message"}]}
// Only "fingerprint" is read back; the rest helps the reviewer.
#ifndef ROUTELINT_POLICY_BASELINE_H_
#define ROUTELINT_POLICY_BASELINE_H_

#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace routelint {

/// The baseline document for the findings that count (not suppressed).
std::string RenderBaseline(const std::vector<Finding>& findings);

/// Reads the fingerprints of a baseline file. On error returns false with
/// *error set (RL902, with file:line:col for malformed JSON).
bool LoadBaseline(const std::string& path, std::set<std::string>* fingerprints, Diagnostic* error);

/// Marks findings whose fingerprint the baseline holds (Finding::in_baseline).
void ApplyBaseline(const std::set<std::string>& fingerprints, std::vector<Finding>* findings);

}  // namespace routelint

#endif  // ROUTELINT_POLICY_BASELINE_H_

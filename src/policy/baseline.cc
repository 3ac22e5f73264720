#include "policy/baseline.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "parse/json_loader.h"

namespace routelint {

std::string RenderBaseline(const std::vector<Finding>& findings) {
  std::vector<const Finding*> recorded;
  for (const Finding& f : findings) {
    if (f.suppressions.empty()) recorded.push_back(&f);
  }
  // Sorted by fingerprint, one entry each: the file diffs cleanly between revisions.
  std::sort(recorded.begin(), recorded.end(),
            [](const Finding* a, const Finding* b) { return a->fingerprint < b->fingerprint; });
  recorded.erase(std::unique(recorded.begin(), recorded.end(),
                             [](const Finding* a, const Finding* b) { return a->fingerprint == b->fingerprint; }),
                 recorded.end());
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["version"] = 1;
  doc["tool"] = "routelint";
  nlohmann::ordered_json& list = doc["findings"] = nlohmann::ordered_json::array();
  for (const Finding* f : recorded) {
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    entry["fingerprint"] = f->fingerprint;
    entry["rule"] = f->rule_id;
    entry["resource"] = f->resource_name;
    entry["message"] = f->message;
    list.push_back(std::move(entry));
  }
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool LoadBaseline(const std::string& path, std::set<std::string>* fingerprints, Diagnostic* error) {
  std::string text;
  nlohmann::json doc;
  if (!ReadFileText(path, ParseLimits{}.max_bytes, &text, error)) return false;
  if (!ParseJsonText(path, text, ParseLimits{}, &doc, error)) {
    error->id = "RL902";
    return false;
  }
  auto fail = [&](std::string message) {
    *error = Diagnostic{"RL902", Severity::kError, Location{path, 0, 0}, std::move(message)};
    return false;
  };
  const auto version = doc.is_object() ? doc.find("version") : doc.end();
  if (!doc.is_object() || version == doc.end() || *version != 1) {
    return fail("not a routelint baseline (expected {\"version\": 1, \"findings\": [...]}); write one with --write-baseline");
  }
  const auto list = doc.find("findings");
  if (list == doc.end() || !list->is_array()) return fail("baseline: \"findings\" must be an array");
  for (const auto& entry : *list) {
    const auto fingerprint = entry.is_object() ? entry.find("fingerprint") : entry.end();
    if (!entry.is_object() || fingerprint == entry.end() || !fingerprint->is_string()) {
      return fail("baseline: every finding needs a \"fingerprint\" string");
    }
    fingerprints->insert(fingerprint->get<std::string>());
  }
  return true;
}

void ApplyBaseline(const std::set<std::string>& fingerprints, std::vector<Finding>* findings) {
  for (Finding& f : *findings) f.in_baseline = fingerprints.count(f.fingerprint) > 0;
}

}  // namespace routelint

// Custom declarative rules ([[custom_rule]] in .routelint.toml): a resource
// type, optional matchers on the resource's name, role and properties, and
// the property values it must have. Enough for house rules such as "every
// spoke route table disables gateway propagation" without writing C++.
//
// Properties are addressed by dotted paths into the evaluated resource
// ("properties.disableBgpRoutePropagation"); "[N]" picks an array element and
// "[*]" every element ("properties.routes[*].properties.nextHopType").
#ifndef ROUTELINT_RULES_CUSTOM_RULE_H_
#define ROUTELINT_RULES_CUSTOM_RULE_H_

#include <memory>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace routelint {

/// One condition on a property.
struct PropertyCondition {
  enum class Kind {
    kEquals,   // the value equals `value_json` (strings compare case-insensitively, as ARM does)
    kPattern,  // the value (a string, or a scalar's JSON text) fully matches the RE2 `pattern`
    kPresent,  // the property is set
    kAbsent,   // the property is not set
  };
  std::string path;
  Kind kind = Kind::kEquals;
  std::string value_json;
  std::string pattern;
  /// "true", "'^rt-'", "present", "absent": for messages.
  std::string Describe() const;
};

struct CustomRuleSpec {
  std::string id;       // "ORG001"
  std::string name;     // "spoke-route-table-propagation"
  std::string summary;  // one line for listings; defaults to the message
  std::string message;  // may use {name}, {type}, {path}, {actual}, {expected}
  Severity severity = Severity::kWarning;
  std::string type;      // resource type, case-insensitive
  std::string resource;  // RE2 searched in the resource name; empty: any
  std::string role;      // "hub" | "spoke" | "": VNets, their subnets, route tables serving them
  std::vector<PropertyCondition> where;    // all must hold for the rule to apply
  std::vector<PropertyCondition> require;  // each that fails is a finding
  Location location;  // the [[custom_rule]] entry
};

/// Checks a dotted property path; returns false with *problem set when it
/// is malformed ("properties..x", "routes[x]").
bool ValidPropertyPath(std::string_view path, std::string* problem);

/// A rule of the catalogue built from its specification. Patterns were
/// checked when the configuration was read.
std::unique_ptr<Rule> MakeCustomRule(const CustomRuleSpec& spec);

}  // namespace routelint

#endif  // ROUTELINT_RULES_CUSTOM_RULE_H_

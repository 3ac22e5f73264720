// Helpers shared by the rules' unit tests: build the model of a template
// given as JSON and run one rule over it with the routing engine.
#ifndef ROUTELINT_RULES_RULE_TEST_SUPPORT_H_
#define ROUTELINT_RULES_RULE_TEST_SUPPORT_H_

#include <string>
#include <vector>

#include "expand/template.h"
#include "model/builder.h"
#include "rules/rule.h"

namespace routelint::rule_testing {

/// A template with these resources. (A vector, not a Json: a Json
/// parameter given `{one}` is that one object under clang, an array of it
/// under gcc.)
inline Json Template(const std::vector<Json>& resources) {
  return Json{{"$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"},
              {"contentVersion", "1.0.0.0"},
              {"resources", resources}};
}

/// The model of one template (parameters: a parameters file's `parameters`, or null).
inline Model ModelOf(const Json& template_json, const Json* parameters = nullptr) {
  EvalSession session;
  ExpandResult expanded = ExpandTemplate(template_json, parameters, DeploymentContext{}, ExpandLimits{}, session);
  std::vector<ModelMessage> messages;
  return BuildModel({"template.json"}, {ExpandedFile{0, std::move(expanded.resources)}}, &messages);
}

/// The findings of `rule` on `model`.
inline std::vector<PendingFinding> Run(const Rule& rule, const Model& model, OnPremisesRoutes learned = {}) {
  RoutingEngine engine(model, std::move(learned));
  RuleSettings settings;
  const std::vector<ExpandedFile> no_resources;
  RuleContext context{model, engine, settings, no_resources, nullptr};
  std::vector<PendingFinding> out;
  rule.Check(context, &out);
  return out;
}

inline std::string Id(const std::string& type, const std::string& name) {
  return "[resourceId('" + type + "', '" + name + "')]";
}

}  // namespace routelint::rule_testing

#endif  // ROUTELINT_RULES_RULE_TEST_SUPPORT_H_

// The ARM expression parser and evaluator, and template expansion.
//
// An input that parses as a JSON object is expanded as a template
// (ExpandTemplate, with the parameter values in its "parameterValues" member
// and linked templates served from its "linkedTemplates" member), then again
// with the runtime states of what it declared, as the CLI's second pass does.
// Any other input is an expression: parsed alone, then evaluated as "[input]"
// in a small template with parameters, variables (some of them cyclic), a
// variable copy loop, user-defined functions, a resource copy loop, a nested
// deployment and outputs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expand/expression.h"
#include "expand/template.h"
#include "fuzz_check.h"
#include "parse/json_loader.h"

namespace {

using routelint::Json;

// Enough evaluation work for any sensible template, little enough to keep
// each run short (the CLI allows 20,000,000 steps per file).
constexpr uint64_t kSteps = 200'000;

const char kScopeTemplate[] = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "s": {"type": "string", "defaultValue": "10.1.0.0/16"},
    "n": {"type": "int", "defaultValue": 3},
    "a": {"type": "array", "defaultValue": [1, "two", {"x": 3}, [4, 5]]},
    "o": {"type": "object", "defaultValue": {"k": "v", "n": {"m": [1, 2]}, "ip": "10.0.0.4"}},
    "u": {"type": "string"},
    "d": {"type": "string", "defaultValue": "[parameters('d')]"}
  },
  "variables": {
    "v": "[parameters('s')]",
    "self": "[variables('self')]",
    "ping": "[variables('pong')]",
    "pong": "[variables('ping')]",
    "copy": [{"name": "vc", "count": 3, "input": "[concat('x', copyIndex('vc'))]"}]
  },
  "functions": [{"namespace": "ns", "members": {
    "f": {"parameters": [{"name": "x", "type": "string"}], "output": {"type": "string", "value": "[concat(parameters('x'), '!')]"}},
    "rec": {"parameters": [], "output": {"type": "string", "value": "[ns.rec()]"}}
  }}],
  "resources": [
    {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "[concat('rt', copyIndex())]",
     "copy": {"name": "c", "count": 2}, "properties": {"disableBgpRoutePropagation": false}},
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "mod",
     "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
       "parameters": {},
       "template": {"parameters": {"p": {"type": "object"}}, "resources": [],
                    "outputs": {"o": {"type": "object", "value": "[parameters('p')]"}}}}}
  ],
  "outputs": {
    "m": {"type": "object", "value": "[reference('mod').outputs.o.value]"}
  }
})";

// The scope template with the expression `text` in every place an
// expression can be: a variable, a resource's properties, its condition, a
// module's parameter, an output.
Json ScopeTemplate(const std::string& expression) {
  static const Json base = Json::parse(kScopeTemplate);
  Json t = base;
  t["variables"]["e"] = expression;
  Json& resources = t["resources"];
  resources[0]["properties"]["value"] = expression;
  resources[0]["properties"]["viaVariable"] = "[variables('e')]";
  resources[1]["properties"]["parameters"]["p"] = Json{{"value", expression}};
  t["resources"].push_back(Json{{"type", "Microsoft.Network/virtualNetworks"},
                               {"apiVersion", "2023-04-01"},
                               {"name", "vnet"},
                               {"condition", expression},
                               {"properties", Json{{"addressSpace", Json{{"addressPrefixes", Json::array({expression})}}}}}});
  t["outputs"]["e"] = Json{{"type", "object"}, {"value", expression}};
  return t;
}

void CheckResult(const routelint::ExpandResult& result) {
  for (const routelint::ExpandMessage& m : result.messages) {
    FUZZ_CHECK(!m.id.empty());
    FUZZ_CHECK(!m.message.empty());
  }
  for (const routelint::ExpandedResource& r : result.resources) {
    FUZZ_CHECK(!r.type.empty() && !r.name.empty() && !r.id.empty());
  }
}

void Expand(const Json& document) {
  const Json* values = routelint::FindMember(document, "parameterValues");
  const Json* linked = routelint::FindMember(document, "linkedTemplates");
  const routelint::LinkLoader loader = [linked](const std::string&, const std::string& link, bool, Json* out,
                                                std::string* path, std::string* error) {
    const Json* found = linked ? routelint::FindMember(*linked, link) : nullptr;
    if (found == nullptr) {
      *error = "no such linked template";
      return false;
    }
    *out = *found;
    *path = "linked/" + link;
    return true;
  };
  routelint::ExpandResult first;
  {
    routelint::EvalSession session(kSteps);
    first = routelint::ExpandTemplate(document, values, routelint::DeploymentContext{}, routelint::ExpandLimits{},
                                      session, "fuzz.json", loader);
    CheckResult(first);
  }
  if (first.references_elsewhere) {
    std::vector<const routelint::ExpandedResource*> all;
    for (const auto& r : first.resources) all.push_back(&r);
    const routelint::ExternalStates states = routelint::BuildRuntimeStates(all);
    routelint::EvalSession session(kSteps);
    CheckResult(routelint::ExpandTemplate(document, values, routelint::DeploymentContext{}, routelint::ExpandLimits{},
                                          session, "fuzz.json", loader, &states));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  size_t first = input.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && input[first] == '{') {
    Json document;
    routelint::Diagnostic error;
    if (routelint::ParseJsonText("fuzz.json", input, routelint::ParseLimits{}, &document, &error)) {
      Expand(document);
      return 0;
    }
  }
  const routelint::ParsedExpression parsed = routelint::ParseExpression(input);
  FUZZ_CHECK((parsed.root == nullptr) != parsed.error.empty());
  if (parsed.root == nullptr) FUZZ_CHECK(parsed.error_offset <= input.size());
  std::string_view inner;
  const std::string expression = "[" + input + "]";
  FUZZ_CHECK(routelint::ClassifyTemplateString(expression, &inner) != routelint::TemplateStringKind::kLiteral);
  Expand(ScopeTemplate(expression));
  return 0;
}

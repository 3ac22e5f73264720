// A small real estate for the harnesses that need a network to act on: the
// example of testdata/examples/two-defects (two hub-and-spoke deployments),
// loaded once, and the rules run over a model.
#ifndef ROUTELINT_FUZZ_ESTATE_H_
#define ROUTELINT_FUZZ_ESTATE_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "discover/discover.h"
#include "expand/template.h"
#include "model/builder.h"
#include "parse/json_loader.h"
#include "route/effective_routes.h"
#include "rules/rule.h"

namespace routelint::fuzzing {

struct Estate {
  std::vector<std::string> files;
  std::vector<ExpandedFile> expanded;
  Model model;
};

// ROUTELINT_SOURCE_DIR is set by fuzz/CMakeLists.txt.
inline const Estate& TwoDefects() {
  static const Estate* estate = [] {
    auto* e = new Estate;
    const DiscoverResult found = DiscoverFiles({std::string(ROUTELINT_SOURCE_DIR) + "/testdata/examples/two-defects"});
    for (const std::string& path : found.files) {
      std::string text;
      Json document;
      Diagnostic error;
      if (!ReadFileText(path, ParseLimits{}.max_bytes, &text, &error) ||
          !ParseJsonText(path, text, ParseLimits{}, &document, &error)) {
        continue;
      }
      const Json* schema = FindMember(document, "$schema");
      if (!schema || !schema->is_string() || !IsDeploymentTemplateSchema(schema->get<std::string>())) continue;
      EvalSession session;
      ExpandResult result = ExpandTemplate(document, nullptr, DeploymentContext{}, ExpandLimits{}, session, path);
      e->expanded.push_back(ExpandedFile{static_cast<uint32_t>(e->files.size()), std::move(result.resources)});
      e->files.push_back(path);
    }
    if (e->files.empty()) {
      std::fprintf(stderr, "fuzz: cannot load testdata/examples/two-defects under %s\n", ROUTELINT_SOURCE_DIR);
      std::abort();
    }
    std::vector<ModelMessage> messages;
    e->model = BuildModel(e->files, e->expanded, &messages);
    return e;
  }();
  return *estate;
}

// Runs every rule (and `extra` ones) over `model`; returns the findings.
inline std::vector<PendingFinding> RunRules(const Model& model, const std::vector<ExpandedFile>& resources,
                                            const RuleSettings& settings, OnPremisesRoutes learned,
                                            std::vector<std::unique_ptr<Rule>> extra,
                                            std::vector<Diagnostic>* diagnostics) {
  RoutingEngine engine(model, std::move(learned));
  const RuleContext context{model, engine, settings, resources, diagnostics};
  std::vector<std::unique_ptr<Rule>> rules = MakeAllRules();
  for (auto& rule : extra) rules.push_back(std::move(rule));
  std::vector<PendingFinding> findings;
  for (const auto& rule : rules) rule->Check(context, &findings);
  return findings;
}

}  // namespace routelint::fuzzing

#endif  // ROUTELINT_FUZZ_ESTATE_H_

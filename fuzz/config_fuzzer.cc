// The configuration loader (.routelint.toml) on any text, through the
// LoadConfigText seam; a configuration that loads is applied as the CLI
// applies it: its [topology] to a real estate's model, its intents, naming
// pattern and custom rules run with the rules, its suppressions on the
// findings.
//
// Checks: an error names the file and a line; whatever loads can be applied.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/config.h"
#include "cli/lint.h"
#include "estate.h"
#include "fuzz_check.h"
#include "policy/suppression.h"
#include "rules/custom_rule.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)routelint::fuzzing::TwoDefects();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  routelint::Config config;
  routelint::Diagnostic error;
  if (!routelint::LoadConfigText("fuzz/.routelint.toml", text, &config, &error)) {
    FUZZ_CHECK(error.id == "RL902");
    FUZZ_CHECK(error.location.file == "fuzz/.routelint.toml");
    FUZZ_CHECK(!error.message.empty());
    return 0;
  }
  routelint::LintOptions options;
  routelint::ApplyConfig(config, &options);

  const routelint::fuzzing::Estate& estate = routelint::fuzzing::TwoDefects();
  routelint::Model model = estate.model;
  std::vector<routelint::Diagnostic> diagnostics;
  routelint::ApplyTopology(options.hubs, &model, &diagnostics);
  std::vector<std::unique_ptr<routelint::Rule>> custom;
  for (const routelint::CustomRuleSpec& spec : options.custom_rules) custom.push_back(routelint::MakeCustomRule(spec));
  routelint::OnPremisesRoutes learned;
  learned.required = options.onprem_prefixes;
  const routelint::RuleSettings settings{options.route_table_naming, options.intents};
  std::vector<routelint::PendingFinding> pending = routelint::fuzzing::RunRules(
      model, estate.expanded, settings, std::move(learned), std::move(custom), &diagnostics);

  std::vector<routelint::Finding> findings;
  for (routelint::PendingFinding& p : pending) {
    routelint::Finding f = std::move(p.finding);
    if (p.origin.file < estate.files.size()) f.location.file = estate.files[p.origin.file];
    findings.push_back(std::move(f));
  }
  routelint::ApplySuppressions(options.suppressions, {}, routelint::CivilDate{2026, 1, 1},
                               [](std::string_view) { return true; }, &findings, &diagnostics);
  return 0;
}

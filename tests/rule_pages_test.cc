// Keeps the rule pages honest: every rule has a page, and the failing and
// passing examples on it behave as the page says.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "cli/lint.h"

namespace routelint {
namespace {

// The first ```json block after `heading`.
std::string ExampleAfter(const std::string& page, const std::string& heading) {
  const size_t at = page.find(heading);
  if (at == std::string::npos) return {};
  const size_t open = page.find("```json\n", at);
  if (open == std::string::npos) return {};
  const size_t body = open + 8;
  const size_t close = page.find("\n```", body);
  return close == std::string::npos ? std::string() : page.substr(body, close - body + 1);
}

int CountFindings(const std::string& json_text, const std::string& rule) {
  char dir_template[] = "/tmp/routelint-page-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  REQUIRE(dir != nullptr);
  const std::string path = std::string(dir) + "/example.json";
  std::ofstream(path) << json_text;
  LintOptions options;
  options.paths = {path};
  const Report report = RunLint(options).report;
  std::filesystem::remove_all(dir);
  for (const Diagnostic& d : report.diagnostics) {
    INFO(d.message);
    CHECK(d.severity != Severity::kError);
  }
  int n = 0;
  for (const Finding& f : report.findings) n += f.rule_id == rule;
  return n;
}

TEST_CASE("each rule page's failing example fires and its passing example does not", "[e2e][pages]") {
  for (const RuleInfo& rule : RuleCatalogue()) {
    INFO(rule.id);
    const std::string& page = rule.help_markdown;
    REQUIRE(page.rfind("# " + rule.id + " " + rule.name, 0) == 0);
    if (page.find("<!-- examples: configuration") != std::string::npos) {
      // The rule reads configuration and exports, not templates: its
      // examples live as fixtures, which the fixture test runs.
      CHECK(std::filesystem::is_directory("testdata/rules/" + rule.id + "/fire"));
      continue;
    }
    const std::string failing = ExampleAfter(page, "## Failing example");
    const std::string passing = ExampleAfter(page, "## Passing example");
    REQUIRE(!failing.empty());
    REQUIRE(!passing.empty());
    CHECK(CountFindings(failing, rule.id) >= 1);
    CHECK(CountFindings(passing, rule.id) == 0);
  }
}

}  // namespace
}  // namespace routelint

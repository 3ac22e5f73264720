// .routelint.toml: the project's configuration, found from the current
// directory upwards or named with -c. Every key is optional; unknown sections
// and keys, and bad values, are errors at file:line:col (RL902), so a typo
// never silently does nothing. The schema is documented in README.md
// ("Configuration").
#ifndef ROUTELINT_CLI_CONFIG_H_
#define ROUTELINT_CLI_CONFIG_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "base/ip.h"
#include "model/topology.h"
#include "policy/suppression.h"
#include "rules/custom_rule.h"
#include "rules/rule.h"

namespace routelint {

struct Config {
  std::string path;  // the file it came from; empty when there is none
  // [rules]
  std::vector<std::string> select;  // ids, names or globs
  std::vector<std::string> ignore;
  std::vector<std::pair<std::string, Severity>> severity;  // [rules.severity]: pattern → severity
  // [[suppress]]
  std::vector<SuppressionRule> suppressions;
  // [estate]
  std::vector<std::string> estate_paths;  // resolved against the config file's folder
  // [topology]
  std::vector<HubDeclaration> hubs;
  // [onprem]
  std::vector<Prefix> onprem_prefixes;
  std::string learned_routes;  // resolved against the config file's folder
  // [[intent]]
  std::vector<Intent> intents;
  // [naming]
  std::string route_table_naming;  // RL012's pattern; empty: the rule is off
  // [[custom_rule]]
  std::vector<CustomRuleSpec> custom_rules;
};

/// The nearest .routelint.toml from `start` upwards, or "".
std::string FindConfig(const std::string& start);

/// A configuration file larger than this is refused, not read.
inline constexpr size_t kMaxConfigBytes = size_t{16} << 20;

/// Reads a configuration file. On error returns false with *error set
/// (RL902, file:line:col).
bool LoadConfig(const std::string& path, Config* config, Diagnostic* error);

/// The same from text already in memory; `path` names it in messages and is
/// where relative paths in it resolve from. Never throws.
bool LoadConfigText(const std::string& path, std::string_view text, Config* config, Diagnostic* error);

struct LintOptions;
/// Fills what the command line left unset from the configuration.
void ApplyConfig(const Config& config, LintOptions* options);

}  // namespace routelint

#endif  // ROUTELINT_CLI_CONFIG_H_

// .routelint.toml: the project's configuration, found from the current
// directory upwards or named with -c. Errors point at the file and line.
//
// Supported so far:
//   [onprem]
//   prefixes = ["192.168.0.0/16"]             # on-premises networks that must reach Azure (RL022)
//   learned_routes = "exports/er-routes.csv"  # the ExpressRoute route table export, relative to this file
//   [naming]
//   route_table = "^rt-{vnet}-{subnet}$"      # RE2; {vnet}, {subnet}: names of a subnet it serves (RL012)
#ifndef ROUTELINT_CLI_CONFIG_H_
#define ROUTELINT_CLI_CONFIG_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/ip.h"

namespace routelint {

struct Config {
  std::string path;  // the file it came from; empty when there is none
  std::vector<Prefix> onprem_prefixes;
  std::string learned_routes;  // resolved against the config file's folder
  std::string route_table_naming;  // RL012's pattern; empty: the rule is off
};

/// The nearest .routelint.toml from `start` upwards, or "".
std::string FindConfig(const std::string& start);

/// Reads a configuration file. On error returns false with *error set
/// (RL902, file:line:col).
bool LoadConfig(const std::string& path, Config* config, Diagnostic* error);

struct LintOptions;
/// Fills what the command line left unset from the configuration.
void ApplyConfig(const Config& config, LintOptions* options);

}  // namespace routelint

#endif  // ROUTELINT_CLI_CONFIG_H_

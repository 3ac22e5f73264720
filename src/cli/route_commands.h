// `routelint routes` (a subnet's effective routes, like the portal's
// Effective Routes) and `routelint trace` (a packet's path, hop by hop).
#ifndef ROUTELINT_CLI_ROUTE_COMMANDS_H_
#define ROUTELINT_CLI_ROUTE_COMMANDS_H_

#include <cstdio>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "cli/lint.h"

namespace routelint {

/// `format`: text | json | csv. Returns the exit status.
int RunRoutesCommand(const LintOptions& options, const std::string& subnet, const std::string& format,
                     std::FILE* out, std::FILE* err);
/// A subnet's effective routes as `routelint routes -f json` prints them:
/// {"subnet", "routeTable", "complete", "value": [{"source", "state",
/// "addressPrefix", "nextHopType", ...}]}. The HTML report embeds the same.
nlohmann::ordered_json EffectiveRoutesDocument(const Model& model, RoutingEngine& engine, ObjectIndex subnet,
                                               OriginLocator& locator);

/// `format`: text | json. Returns the exit status.
int RunTraceCommand(const LintOptions& options, const std::string& from, const std::string& to,
                    const std::string& format, std::FILE* out, std::FILE* err);

}  // namespace routelint

#endif  // ROUTELINT_CLI_ROUTE_COMMANDS_H_

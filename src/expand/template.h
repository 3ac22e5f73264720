// Expand stage: evaluates one ARM template (with its parameter values) the
// way Azure Resource Manager would at deployment, producing the resources it
// declares with their properties evaluated. Values known only at deployment
// stay Unknown and are listed with the reason, per resource.
#ifndef ROUTELINT_EXPAND_TEMPLATE_H_
#define ROUTELINT_EXPAND_TEMPLATE_H_

#include <functional>
#include <unordered_map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "expand/evaluator.h"
#include "expand/value.h"

namespace routelint {

/// A property of a resource whose value stayed Unknown, and why.
struct UnknownProperty {
  std::string path;    // inside the resource body: "properties/routes/0/properties/nextHopIpAddress"
  std::string reason;  // "parameter 'fwIp' has no value (no default, not in a parameters file)"
  bool error = false;  // Unknown because an expression failed, which is reported as RL903 already
};

struct ExpandedResource {
  std::string type;     // "Microsoft.Network/virtualNetworks/subnets"
  std::string name;     // "vnet-hub/GatewaySubnet"
  std::string id;       // "/subscriptions/{subscriptionId}/resourceGroups/.../subnets/GatewaySubnet"
  Json body;            // the evaluated declaration (properties, sku, ...), without child resources
  std::string file;     // the linked template file that declares it; empty: the file expanded
  std::string pointer;  // JSON pointer of the declaration in its file
  std::string context;  // where a copy loop or module made it: "module 'hub' › copy 'subnets' index 2"
  bool condition_unknown = false;  // its condition could not be decided
  bool deployed = false;  // read from an export of a live estate: values Azure assigned (a NIC's dynamic IP) are facts
  std::vector<UnknownProperty> unknowns;
};

/// A problem found while expanding, located by JSON pointer in the file.
struct ExpandMessage {
  std::string id;  // RL900 (unresolved value), RL903 (template error)
  Severity severity = Severity::kWarning;
  std::string file;  // empty: the file expanded
  std::string pointer;
  std::string message;
};

struct ExpandResult {
  std::vector<ExpandedResource> resources;
  std::vector<ExpandMessage> messages;
  std::vector<std::string> linked_files;  // template files this one deploys through templateLink
  bool references_elsewhere = false;      // reference() to a resource no expanded template declared
};

/// What reference() sees of resources that other files declare: lower-case
/// id → state (declared properties plus what Azure assigns predictably).
using ExternalStates = std::unordered_map<std::string, Json>;
ExternalStates BuildRuntimeStates(const std::vector<const ExpandedResource*>& resources);

/// Loads a linked template (templateLink.relativePath, or a templateLink.uri
/// mapped to a local folder). `from` is the file whose deployment links it.
/// Returns false with *error set when the file cannot be had; *path receives
/// the local path it was read from.
using LinkLoader = std::function<bool(const std::string& from, const std::string& link, bool is_uri,
                                      Json* document, std::string* path, std::string* error)>;

/// Limits Azure itself sets, and bounds on the work one template may cause.
struct ExpandLimits {
  int max_copy_count = 800;  // Azure's limit for a copy loop
  size_t max_resources = 100000;
  int max_deployment_depth = 32;  // nested deployments inside nested deployments
};

/// Expands `template_json`. `parameter_values` is the `parameters` object of a
/// parameters file (name → {"value": ...}), or null.
/// `path` names the template file (for linked templates relative to it);
/// `loader` may be empty (linked templates then stay unexpanded, with a note).
ExpandResult ExpandTemplate(const Json& template_json, const Json* parameter_values,
                            const DeploymentContext& deployment, const ExpandLimits& limits,
                            EvalSession& session, const std::string& path = {},
                            const LinkLoader& loader = {}, const ExternalStates* external = nullptr);

/// True when `schema` (a $schema URL) names an ARM deployment template or a
/// deployment parameters file.
bool IsDeploymentTemplateSchema(std::string_view schema);
bool IsDeploymentParametersSchema(std::string_view schema);

}  // namespace routelint

#endif  // ROUTELINT_EXPAND_TEMPLATE_H_

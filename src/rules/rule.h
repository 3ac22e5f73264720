// Rules stage: each rule is a class with a stable id that reads the model
// (and the routing engine) and emits findings. Findings point at model
// origins (file + JSON pointer); the driver turns those into line:column
// only for the files that have findings.
#ifndef ROUTELINT_RULES_RULE_H_
#define ROUTELINT_RULES_RULE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/model.h"
#include "route/effective_routes.h"

namespace routelint {

/// A finding before its origins are located in the source text.
struct PendingFinding {
  Finding finding;  // location and related locations still empty
  Origin origin;
  struct Related {
    Origin origin;
    std::string message;
  };
  std::vector<Related> related;
  std::vector<Related> flow;
};

struct RuleMeta {
  std::string_view id;    // "RL001"
  std::string_view name;  // "firewall-subnet-propagation-disabled"
  Severity severity;
  std::string_view summary;  // one sentence for listings and SARIF shortDescription
};

/// A reachability intent from the configuration ([[intent]], RL021): a
/// packet from a subnet to an address must cross these firewalls in this
/// order and arrive (or, with reach = false, must not arrive).
struct Intent {
  std::string from;              // "vnet/subnet"
  std::string to;                // as written
  IpAddress destination;
  std::vector<std::string> via;  // firewall names or addresses, in path order
  bool reach = true;
  Location where;                // the [[intent]] entry
};

/// Settings from the configuration that rules read.
struct RuleSettings {
  std::string route_table_naming;  // RL012; empty: off
  std::vector<Intent> intents;     // RL021
};

struct ExpandedFile;

/// What a rule reads: the model, the routes Azure computes for it, the
/// configuration's settings and the evaluated resources (custom rules read
/// properties the model does not keep).
struct RuleContext {
  const Model& model;
  RoutingEngine& routes;
  const RuleSettings& settings;
  const std::vector<ExpandedFile>& resources;
  /// Configuration a rule could not apply (an intent naming no subnet).
  std::vector<Diagnostic>* diagnostics;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleMeta& meta() const = 0;
  virtual void Check(const RuleContext& context, std::vector<PendingFinding>* out) const = 0;

 protected:
  /// Starts a finding of this rule about a resource; `discriminator` tells
  /// apart several findings on one resource (it enters the fingerprint).
  PendingFinding MakeFinding(const std::string& resource_type, const std::string& resource_name,
                             const std::string& resource_id, const Origin& origin, std::string message,
                             std::string_view discriminator) const;
};

/// Every rule of the catalogue, ordered by id.
std::vector<std::unique_ptr<Rule>> MakeAllRules();

/// The markdown page of rule `id` (rules/<ID>-<name>.md, compiled in), or "".
std::string_view RulePage(std::string_view id);

/// A stable 64-bit FNV-1a hash as 16 hex digits (fingerprints).
std::string StableHash(std::string_view text);

/// What happens to traffic for `destination` leaving `subnet`, by its
/// effective routes: "is dropped by the system route 10.0.0.0/8 → None",
/// "follows 0.0.0.0/0 to the Internet", ... (for messages).
std::string FateOf(RoutingEngine& routes, ObjectIndex subnet, const Prefix& destination);

struct TraceResult;
/// The hops of a traced path as a finding's code flow: where each route is
/// defined (or the appliance, gateway or subnet), with what happens there.
void AppendFlow(const Model& model, const TraceResult& trace, std::string_view label, PendingFinding* finding);

/// The deployment's first firewall whose private IP is known, or nullptr.
const Firewall* FirstKnownFirewall(const Model& model, const Deployment& deployment);

/// Display helpers shared by rule messages.
std::string VnetDisplayName(const Model& model, ObjectIndex vnet);
std::string IpText(const Known<IpAddress>& ip);

}  // namespace routelint

#endif  // ROUTELINT_RULES_RULE_H_

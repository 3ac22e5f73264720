// [topology] of the configuration: where role inference is ambiguous (a hub
// whose firewall lives in another repository, an NVA behind a load balancer,
// a supernet wider than today's spokes), the team says what the hubs are.
#ifndef ROUTELINT_MODEL_TOPOLOGY_H_
#define ROUTELINT_MODEL_TOPOLOGY_H_

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/ip.h"
#include "model/model.h"

namespace routelint {

/// One entry of `[topology] hubs`.
struct HubDeclaration {
  std::string vnet;                      // VNet name (or id)
  std::optional<IpAddress> firewall_ip;  // the hub's firewall (Azure Firewall or NVA) address
  std::optional<Prefix> supernet;        // what the hub's deployment summarises to
  Location where;                        // the entry in the configuration
};

/// Applies the declarations to a built model and infers roles again. A
/// firewall address that no firewall or NIC of the model holds becomes a
/// declared appliance at that address. Declarations naming no VNet of the
/// estate give RL902 warnings (the hub may be outside the files linted).
void ApplyTopology(const std::vector<HubDeclaration>& hubs, Model* model, std::vector<Diagnostic>* diagnostics);

}  // namespace routelint

#endif  // ROUTELINT_MODEL_TOPOLOGY_H_

// Live stage: reads what the Azure CLI prints about a deployed estate and
// turns each Azure resource in it into an ExpandedResource in the shape an
// ARM template declares it, so that the model and the rules audit what is
// deployed, and a template can be checked against the estate it joins.
//
// Shapes read (README "Live estates"):
// - `az network vnet|route-table|firewall|vnet-gateway|local-gateway|
//   vpn-connection|nic|lb list` (and `show`): a JSON array of resources whose
//   `properties` az prints flattened into each object, at every level
//   (subnets, peerings, routes, IP configurations);
// - `az graph query` (Azure Resource Graph): {"count", "data": [...],
//   "skip_token", "total_records"} whose rows keep `properties` as ARM has
//   them; older az versions print the rows as a bare array;
// - a REST list response ({"value": [...], "nextLink"}), e.g. `az rest`.
//
// Every resource keeps the JSON pointer of its item in the export ("/3",
// "/data/3"), so findings point at the export's file:line. Items that are no
// Azure resource, or that routelint cannot read, become diagnostics; Azure
// resources of types the model does not use are left out.
#ifndef ROUTELINT_LIVE_LIVE_EXPORT_H_
#define ROUTELINT_LIVE_LIVE_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "expand/template.h"
#include "expand/value.h"

namespace routelint {

enum class ExportShape {
  kAzList,         // az's flattened objects: a bare array (or one object, from `az ... show`)
  kResourceGraph,  // `az graph query` rows (properties nested), wrapped in {"data": [...]} or bare
  kRestList,       // {"value": [...]} of ARM-shaped resources
};

/// A problem with one item of an export, located by JSON pointer in the export.
struct LiveMessage {
  Severity severity = Severity::kWarning;
  std::string pointer;
  std::string message;
};

struct LiveExport {
  ExportShape shape = ExportShape::kAzList;
  /// Resources the model uses, with bodies in template shape ({"properties":
  /// {...}} with ARM's member names), deployed = true, pointer = the item's.
  std::vector<ExpandedResource> resources;
  std::vector<LiveMessage> messages;
  int unused = 0;  // Azure resources of types the model does not use (left out)
  /// Some item was printed flattened: pointers into the normalised bodies are
  /// found in the text through FlattenedPointer().
  bool flattened = false;
};

/// True when `document` is an export of a live estate: an array, a
/// {"data": [...]} or a {"value": [...]} holding objects with ARM resource
/// ids (/subscriptions/.../providers/...), or one such object. Templates and
/// parameters files (with $schema) never are.
bool IsLiveExport(const Json& document);

/// Reads an export (IsLiveExport must be true). Never throws.
LiveExport ReadLiveExport(const Json& document);

/// Where `pointer`, which points into a resource body normalised from az's
/// flattened output ("/3/properties/subnets/0/properties/routeTable"), is in
/// az's text: the same path without its "properties" steps
/// ("/3/subnets/0/routeTable").
std::string FlattenedPointer(std::string_view pointer);

}  // namespace routelint

#endif  // ROUTELINT_LIVE_LIVE_EXPORT_H_

// Builds the Model from the expanded resources of every input file: joins
// resources across files by normalised id, attaches inline and child
// subnets, routes and peerings, resolves references, derives what Azure
// assigns (an Azure Firewall's private IP), and infers roles.
#ifndef ROUTELINT_MODEL_BUILDER_H_
#define ROUTELINT_MODEL_BUILDER_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "expand/template.h"
#include "model/model.h"

namespace routelint {

/// The expansion of one input file.
struct ExpandedFile {
  uint32_t file = 0;  // index into the files list
  std::vector<ExpandedResource> resources;
};

/// A diagnostic of the build, located by file and JSON pointer.
struct ModelMessage {
  std::string id;  // RL900 unresolved routing value, RL903 invalid value, RL904 conflicting definitions
  Severity severity = Severity::kNote;
  Origin origin;
  std::string message;
};

/// `inputs` must be in a deterministic order (the CLI sorts by path).
Model BuildModel(std::vector<std::string> files, const std::vector<ExpandedFile>& inputs,
                 std::vector<ModelMessage>* messages);

/// Infers hubs, spokes and hub-and-spoke deployments (design.md §3).
void InferRoles(Model* model);

}  // namespace routelint

#endif  // ROUTELINT_MODEL_BUILDER_H_

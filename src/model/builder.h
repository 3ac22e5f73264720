// Builds the Model from the expanded resources of every input file: joins
// resources across files by normalised id, attaches inline and child
// subnets, routes and peerings, resolves references, derives what Azure
// assigns (an Azure Firewall's private IP), and infers roles.
#ifndef ROUTELINT_MODEL_BUILDER_H_
#define ROUTELINT_MODEL_BUILDER_H_

#include <cstddef>
#include <memory>
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

struct ReadResource;

/// One file's resources read into model objects (subnets, route tables,
/// peerings, ...) with the problems found in their values: what the model
/// keeps of a file, without its evaluated bodies. Reading needs nothing of
/// the other files, so it runs on the thread that expanded the file, which
/// then frees the bodies; the whole estate's bodies are never alive at once.
class ModelFragment {
 public:
  ModelFragment();
  ~ModelFragment();
  ModelFragment(ModelFragment&&) noexcept;
  ModelFragment& operator=(ModelFragment&&) noexcept;
  size_t resources() const;
  struct Data;  // defined in builder.cc

 private:
  friend ModelFragment ReadModelFragment(const ExpandedFile& file, std::shared_ptr<TextPool> texts);
  friend Model JoinModel(std::vector<std::string> files, std::vector<ModelFragment> fragments,
                         std::vector<ModelMessage>* messages);
  std::unique_ptr<Data> data_;
};

/// Reads one file's expanded resources; `file.resources` may be freed after.
/// The model objects' texts are kept in `texts` (equal ones once within the
/// file), which the fragment shares and the joined model keeps: one pool per
/// reading thread, so that no lock is taken and files share its blocks.
ModelFragment ReadModelFragment(const ExpandedFile& file, std::shared_ptr<TextPool> texts);

/// Joins the files' fragments into the model: the first declaration of an id
/// counts (a different second one is RL904), children join their parents,
/// references are resolved, roles inferred. `fragments` must be in a
/// deterministic order (the CLI sorts by path); `files` lists every file
/// an origin may name (linked templates included).
Model JoinModel(std::vector<std::string> files, std::vector<ModelFragment> fragments,
                std::vector<ModelMessage>* messages);

/// ReadModelFragment of each input, then JoinModel.
Model BuildModel(std::vector<std::string> files, const std::vector<ExpandedFile>& inputs,
                 std::vector<ModelMessage>* messages);

/// Infers hubs, spokes and hub-and-spoke deployments (design.md §3).
void InferRoles(Model* model);

}  // namespace routelint

#endif  // ROUTELINT_MODEL_BUILDER_H_

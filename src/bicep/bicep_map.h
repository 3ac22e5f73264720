// Maps places in a template compiled from Bicep (JSON pointers into the
// compiled JSON) back to the .bicep sources: the resource or module
// declaration, and the property line where the source writes it, through
// modules into their own files.
//
// It follows what the compiled template keeps, never line numbers:
//  - languageVersion 2.0: resources are keyed by symbolic name;
//  - languageVersion 1: a loop's `copy.name` is its symbolic name; otherwise
//    the k-th compiled resource of a type is the k-th declaration of that type
//    (Bicep emits the resources in declaration order, leaving `existing` ones
//    out, then the modules), and a literal `name` must agree on both sides;
//  - modules are nested deployments whose `properties.template` is the
//    module file compiled (local .bicep files only: a registry module has no
//    source here, nor is a local ARM template Bicep, so their resources map to
//    the module declaration);
//  - property paths follow the object literals of the declaration, through
//    `[for ...]` bodies and the `copy` a property loop compiles to.
//
// A source that does not match its compiled template (different parameters,
// outputs or resources: a stale build) is not mapped at all; problem() says
// why, for the one note the caller reports.
#ifndef ROUTELINT_BICEP_BICEP_MAP_H_
#define ROUTELINT_BICEP_BICEP_MAP_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "bicep/bicep_source.h"

namespace routelint {

struct BicepPlace {
  std::string file;
  int line = 0;
  int column = 0;
};

class BicepSourceMap {
 public:
  /// Reads a text file; false when it cannot.
  using ReadText = std::function<bool(const std::string& path, std::string* text)>;

  /// `compiled` must outlive the map. `bicep_path` is the .bicep file it was
  /// compiled from, as paths are reported.
  BicepSourceMap(const nlohmann::json& compiled, std::string bicep_path, ReadText read);
  ~BicepSourceMap();
  BicepSourceMap(const BicepSourceMap&) = delete;
  BicepSourceMap& operator=(const BicepSourceMap&) = delete;

  /// The source place of `pointer`; false when there is none to trust.
  bool Map(std::string_view pointer, BicepPlace* out);

  /// Why a mapping was refused (stale or ambiguous), the first time; empty
  /// when none was. problem_file(): the source file it is about.
  const std::string& problem() const { return problem_; }
  const std::string& problem_file() const { return problem_file_; }

 private:
  struct SourceFile;
  struct Scope;
  // The scanned source at `path`, read on first use; nullptr when unreadable.
  const SourceFile* Source(const std::string& path);
  // Checks a source against the template it compiled to, once per pair.
  bool Matches(const SourceFile& source, const nlohmann::json& compiled);
  void Refuse(const std::string& file, std::string why);

  const nlohmann::json& compiled_;
  std::string bicep_path_;
  ReadText read_;
  std::map<std::string, std::unique_ptr<SourceFile>> sources_;
  std::map<std::pair<const SourceFile*, const nlohmann::json*>, bool> matched_;
  std::string problem_;
  std::string problem_file_;
};

/// True for a template `bicep build` wrote (metadata._generator.name).
bool CompiledByBicep(const nlohmann::json& document);

/// The `// routelint-ignore` comments of a .bicep file and of the local
/// module files it uses, transitively (each file once).
struct BicepFileComments {
  std::string file;
  std::vector<BicepIgnoreComment> comments;
};
std::vector<BicepFileComments> ReadIgnoreComments(const std::string& bicep_path, const BicepSourceMap::ReadText& read);

}  // namespace routelint

#endif  // ROUTELINT_BICEP_BICEP_MAP_H_

// Discover stage: which files make up the estate. Walks the paths named on
// the command line (directories recursively), keeps JSON inputs, skips
// version-control and dependency folders, and pairs parameters files with
// their templates by name. Whether a JSON file is a template is decided by
// its $schema once parsed (expand/template.h).
#ifndef ROUTELINT_DISCOVER_DISCOVER_H_
#define ROUTELINT_DISCOVER_DISCOVER_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace routelint {

/// Azure's quickstart templates keep a Bicep source as main.bicep and the
/// template it compiles to as azuredeploy.json, beside it.
inline constexpr std::string_view kQuickstartSource = "main.bicep";
inline constexpr std::string_view kQuickstartTemplate = "azuredeploy.json";

struct DiscoverResult {
  std::vector<std::string> files;        // sorted, unique, as the user would name them
  std::vector<Diagnostic> problems;      // paths that do not exist or cannot be listed (RL902)
};

/// Lists the input files under `paths` (default: the current directory).
/// A file named explicitly is kept whatever its extension; inside
/// directories *.json and *.jsonc files are, and *.bicep files that have no
/// compiled X.json beside them. Symbolic links to directories are not
/// followed, so link loops cannot make the walk endless.
DiscoverResult DiscoverFiles(const std::vector<std::string>& paths);

/// A path as routelint prints it: lexically normal, forward slashes, no
/// leading "./".
std::string TidyPath(const std::string& path);

/// The template a parameters file belongs to by naming convention:
/// "x.parameters.json" and "x.parameters.<anything>.json" → "x.json";
/// empty when the name follows no convention.
std::string TemplateForParametersFile(const std::string& parameters_path);

}  // namespace routelint

#endif  // ROUTELINT_DISCOVER_DISCOVER_H_

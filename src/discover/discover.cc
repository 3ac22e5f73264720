#include "discover/discover.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace routelint {
namespace fs = std::filesystem;

namespace {

bool SkippedDirectory(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return name == ".git" || name == "node_modules" || name == ".terraform" || name == ".venv" ||
         name == "__pycache__";
}

// "./a/b.json" → "a/b.json"; other paths keep the user's spelling.
std::string Tidy(const fs::path& path) {
  std::string text = path.lexically_normal().generic_string();
  if (text.rfind("./", 0) == 0) text.erase(0, 2);
  return text;
}

bool HasJsonExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".json" || ext == ".jsonc";
}

}  // namespace

std::string TidyPath(const std::string& path) { return Tidy(path); }

DiscoverResult DiscoverFiles(const std::vector<std::string>& paths) {
  DiscoverResult result;
  const std::vector<std::string> roots = paths.empty() ? std::vector<std::string>{"."} : paths;
  for (const std::string& root : roots) {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      result.problems.push_back({"RL902", Severity::kError, Location{root, 0, 0}, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(status)) {
      result.files.push_back(Tidy(root));
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      result.problems.push_back({"RL902", Severity::kError, Location{root, 0, 0}, "cannot list directory: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        result.problems.push_back({"RL902", Severity::kError, Location{root, 0, 0}, "cannot list directory: " + ec.message()});
        break;
      }
      const fs::directory_entry& entry = *it;
      std::error_code type_ec;
      if (entry.is_directory(type_ec)) {
        if (SkippedDirectory(entry.path())) it.disable_recursion_pending();
        continue;
      }
      if (entry.is_regular_file(type_ec) && HasJsonExtension(entry.path())) result.files.push_back(Tidy(entry.path()));
    }
  }
  std::sort(result.files.begin(), result.files.end());
  result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
  return result;
}

std::string TemplateForParametersFile(const std::string& parameters_path) {
  const fs::path path(parameters_path);
  const std::string name = path.filename().string();
  const size_t at = name.find(".parameters.");
  if (at == std::string::npos || at == 0) return {};
  const std::string rest = name.substr(at + std::string(".parameters.").size());
  if (rest.size() < 4 || rest.substr(rest.size() - 4) != "json") return {};
  return Tidy(path.parent_path() / (name.substr(0, at) + ".json"));
}

}  // namespace routelint

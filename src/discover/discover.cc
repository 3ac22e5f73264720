#include "discover/discover.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <re2/re2.h>
#include <set>
#include <sys/stat.h>
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

std::string LowerExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool IsJsonInput(const fs::path& path) {
  const std::string ext = LowerExtension(path);
  return ext == ".json" || ext == ".jsonc";
}

bool IsBicep(const fs::path& path) { return LowerExtension(path) == ".bicep"; }

// The local files a Bicep file uses: as modules (`module x './hub.bicep'`)
// or for the types, functions and variables it imports
// (`import {spokeType} from 'types.bicep'`); registry modules (br:, ts:) are
// not files here.
std::vector<std::string> BicepModules(const fs::path& file) {
  std::vector<std::string> modules;
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static const RE2 kModule(R"(\bmodule\s+[A-Za-z_][A-Za-z0-9_]*\s+'([^']+)')");
  static const RE2 kImport(R"((?m)^\s*import\b[^'\n]*'([^'\n]+\.bicep)')");
  for (const RE2* pattern : {&kModule, &kImport}) {
    re2::StringPiece input(text);
    std::string target;
    while (RE2::FindAndConsume(&input, *pattern, &target)) {
      if (target.find(':') != std::string::npos) continue;
      modules.push_back(Tidy(file.parent_path() / target));
    }
  }
  return modules;
}

// Whether what `file` compiles to sits beside it: X.json for X.bicep, or
// azuredeploy.json for main.bicep (the quickstart layout).
bool CompiledBeside(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(fs::path(file).replace_extension(".json"), ec)) return true;
  return file.filename().string() == kQuickstartSource && fs::exists(file.parent_path() / kQuickstartTemplate, ec);
}

// Bicep entry points: a .bicep file whose compiled template sits beside it is
// linted through the JSON (which has line numbers), and a module is linted
// as part of the file that uses it, with the parameters that file passes.
std::vector<std::string> BicepEntryPoints(const std::vector<fs::path>& bicep_files) {
  std::vector<std::string> modules;
  for (const fs::path& file : bicep_files) {
    for (std::string& m : BicepModules(file)) modules.push_back(std::move(m));
  }
  std::vector<std::string> entries;
  for (const fs::path& file : bicep_files) {
    if (CompiledBeside(file)) continue;
    if (std::find(modules.begin(), modules.end(), Tidy(file)) != modules.end()) continue;
    entries.push_back(Tidy(file));
  }
  return entries;
}

// True when `inner` is `outer` or lies inside it (both canonical).
bool Inside(const fs::path& inner, const fs::path& outer) {
  auto o = outer.begin(), i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

// A symbolic link met inside a folder: a loop is said, not walked. Links to
// folders are never followed; one that points at a folder containing it
// would make the walk endless if they were, and gets a warning. A link that
// cannot be resolved because it loops (a.json -> b.json -> a.json) is an
// unreadable input when its name is one.
std::optional<Diagnostic> CheckSymlink(const fs::path& link) {
  std::error_code ec;
  const fs::file_status target = fs::status(link, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) {
    if (!IsJsonInput(link) && !IsBicep(link)) return std::nullopt;
    return Diagnostic{"RL902", Severity::kError, Location{Tidy(link), 0, 0},
                      "cannot read: the symbolic link loops (too many levels of symbolic links)"};
  }
  if (ec || !fs::is_directory(target)) return std::nullopt;
  const fs::path resolved = fs::canonical(link, ec);
  if (ec) return std::nullopt;
  const fs::path folder = fs::canonical(link.parent_path().empty() ? fs::path(".") : link.parent_path(), ec);
  if (ec || !Inside(folder, resolved)) return std::nullopt;
  return Diagnostic{"RL902", Severity::kWarning, Location{Tidy(link), 0, 0},
                    "symbolic link loop: it points to a folder that contains it; not followed"};
}

}  // namespace

// Keeps one spelling of each file: the same file reached by two paths (an
// absolute [estate] path and a relative one on the command line, or through
// a symbolic link) would otherwise be loaded twice and declare each of its
// resources twice. The spelling met first wins: the paths the user named
// come before the [estate] ones, and findings are reported under the former.
namespace {

void DropSecondSpellings(std::vector<std::string>* files) {
  std::set<std::pair<dev_t, ino_t>> seen;
  std::vector<std::string> kept;
  for (std::string& file : *files) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && !seen.emplace(info.st_dev, info.st_ino).second) continue;
    kept.push_back(std::move(file));
  }
  *files = std::move(kept);
}

}  // namespace

std::string TidyPath(const std::string& path) { return Tidy(path); }

DiscoverResult DiscoverFiles(const std::vector<std::string>& paths) {
  DiscoverResult result;
  std::vector<fs::path> bicep_files;
  const std::vector<std::string> roots = paths.empty() ? std::vector<std::string>{"."} : paths;
  for (const std::string& root : roots) {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      // A link loop (ELOOP) or a permission problem says so; a missing path
      // (ENOENT, ENOTDIR) is just missing.
      const bool missing = !ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory;
      result.problems.push_back({"RL902", Severity::kError, Location{root, 0, 0},
                                 missing ? "no such file or directory" : "cannot read: " + ec.message()});
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
      if (entry.is_symlink(type_ec)) {
        if (std::optional<Diagnostic> problem = CheckSymlink(entry.path())) {
          result.problems.push_back(std::move(*problem));
          continue;
        }
      }
      if (entry.is_directory(type_ec)) {
        if (SkippedDirectory(entry.path())) it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(type_ec)) continue;
      if (IsJsonInput(entry.path())) result.files.push_back(Tidy(entry.path()));
      else if (IsBicep(entry.path())) bicep_files.push_back(entry.path());
    }
  }
  for (std::string& entry : BicepEntryPoints(bicep_files)) result.files.push_back(std::move(entry));
  DropSecondSpellings(&result.files);
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

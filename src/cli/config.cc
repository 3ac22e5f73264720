#include "cli/config.h"

#include <fmt/format.h>

#include <filesystem>
#include <re2/re2.h>
#include <toml++/toml.h>

#include "base/strings.h"
#include "cli/lint.h"
#include "discover/discover.h"

namespace routelint {
namespace fs = std::filesystem;

namespace {

Diagnostic ConfigError(const std::string& path, const toml::source_region& where, std::string message) {
  return Diagnostic{"RL902", Severity::kError,
                    Location{path, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)},
                    std::move(message)};
}

}  // namespace

std::string FindConfig(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start.empty() ? "." : start, ec);
  while (!ec) {
    const fs::path candidate = dir / ".routelint.toml";
    if (fs::is_regular_file(candidate, ec)) {
      const fs::path relative = fs::relative(candidate, fs::current_path(), ec);
      return TidyPath((ec || relative.empty() ? candidate : relative).string());
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return {};
}

bool LoadConfig(const std::string& path, Config* config, Diagnostic* error) {
  config->path = path;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    *error = ConfigError(path, e.source(), std::string(e.description()));
    return false;
  }
  for (auto&& [key, node] : root) {
    if (key.str() != "onprem" && key.str() != "naming") {
      // Unknown sections are errors, so a typo never silently does nothing.
      *error = ConfigError(path, node.source(),
                           fmt::format("unknown section [{}] (this version reads [onprem] and [naming])", key.str()));
      return false;
    }
  }
  if (const toml::table* naming = root["naming"].as_table()) {
    for (auto&& [key, node] : *naming) {
      const std::optional<std::string_view> pattern = node.value<std::string_view>();
      if (key.str() != "route_table") {
        *error = ConfigError(path, node.source(), fmt::format("unknown key naming.{} (route_table)", key.str()));
        return false;
      }
      if (!pattern || pattern->empty()) {
        *error = ConfigError(path, node.source(), "naming.route_table must be a pattern string");
        return false;
      }
      // Check the pattern now, with placeholders filled, so a bad one fails here.
      RE2 compiled(ReplaceAll(ReplaceAll(*pattern, "{vnet}", "x"), "{subnet}", "x"), RE2::Quiet);
      if (!compiled.ok()) {
        *error = ConfigError(path, node.source(), "naming.route_table: " + compiled.error());
        return false;
      }
      config->route_table_naming = std::string(*pattern);
    }
  }
  const toml::table* onprem = root["onprem"].as_table();
  if (onprem == nullptr) return true;
  for (auto&& [key, node] : *onprem) {
    if (key.str() == "prefixes") {
      const toml::array* list = node.as_array();
      if (list == nullptr) {
        *error = ConfigError(path, node.source(), "onprem.prefixes must be an array of CIDR strings");
        return false;
      }
      for (const toml::node& item : *list) {
        std::string problem;
        const std::optional<std::string_view> text = item.value<std::string_view>();
        std::optional<Prefix> prefix = text ? Prefix::Parse(*text, &problem) : std::nullopt;
        if (!prefix) {
          *error = ConfigError(path, item.source(),
                               text ? "onprem.prefixes: " + problem : std::string("onprem.prefixes: expected a CIDR string"));
          return false;
        }
        config->onprem_prefixes.push_back(*prefix);
      }
    } else if (key.str() == "learned_routes") {
      const std::optional<std::string_view> file = node.value<std::string_view>();
      if (!file || file->empty()) {
        *error = ConfigError(path, node.source(), "onprem.learned_routes must be a file name");
        return false;
      }
      config->learned_routes = TidyPath((fs::path(path).parent_path() / std::string(*file)).string());
    } else {
      *error = ConfigError(path, node.source(),
                           fmt::format("unknown key onprem.{} (prefixes, learned_routes)", key.str()));
      return false;
    }
  }
  return true;
}

void ApplyConfig(const Config& config, LintOptions* options) {
  if (options->route_table_naming.empty()) options->route_table_naming = config.route_table_naming;
  if (options->bgp_routes.empty()) options->bgp_routes = config.learned_routes;
  if (options->onprem_prefixes.empty()) options->onprem_prefixes = config.onprem_prefixes;
}

}  // namespace routelint

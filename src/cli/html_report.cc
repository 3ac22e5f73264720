#include "cli/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli/route_commands.h"
#include "cli/source_lines.h"
#include "route/trace.h"

namespace routelint {
namespace {

// The estate's subnets as "vnet/subnet", sorted by that name (then by
// index, for subnets of the same name in different resource groups).
std::vector<std::pair<std::string, ObjectIndex>> SubnetsByName(const Model& model) {
  std::vector<std::pair<std::string, ObjectIndex>> subnets;
  subnets.reserve(model.subnets.size());
  for (size_t s = 0; s < model.subnets.size(); ++s) {
    const ObjectIndex subnet = static_cast<ObjectIndex>(s);
    subnets.emplace_back(SubnetDisplayName(model, subnet), subnet);
  }
  std::sort(subnets.begin(), subnets.end());
  return subnets;
}

// The effective routes of the first subnets by name, as `routelint routes
// -f json` computes them, within the settings' bounds; *note says what was
// left out.
std::vector<HtmlSubnetRoutes> RoutesOfSubnets(const LintOutput& lint, const HtmlReportSettings& settings, std::string* note) {
  RoutingEngine engine(lint.model, lint.learned);
  OriginLocator locator(lint);
  const std::vector<std::pair<std::string, ObjectIndex>> subnets = SubnetsByName(lint.model);
  std::vector<HtmlSubnetRoutes> out;
  size_t rows = 0;
  for (const auto& [name, subnet] : subnets) {
    if (out.size() >= settings.max_route_subnets) break;
    const nlohmann::ordered_json document = EffectiveRoutesDocument(lint.model, engine, subnet, locator);
    rows += document["value"].size();
    if (rows > settings.max_route_rows && !out.empty()) break;
    out.push_back({name, document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)});
  }
  if (subnets.empty()) {
    *note = "The estate has no subnets.";
  } else if (out.size() < subnets.size()) {
    *note = fmt::format("The page holds the routes of the first {} of {} subnets by name; `routelint routes --subnet "
                        "VNET/SUBNET` prints any subnet's.",
                        out.size(), subnets.size());
  }
  return out;
}

}  // namespace

HtmlReportSettings HtmlReportSettingsFromEnvironment() {
  HtmlReportSettings settings;
  const char* layout = std::getenv("ROUTELINT_HTML_LAYOUT");
  settings.topology.builtin_only = layout != nullptr && std::string_view(layout) == "builtin";
  return settings;
}

HtmlOptions BuildHtmlOptions(const LintOutput& lint, const HtmlReportSettings& settings) {
  HtmlOptions options;
  TopologyPicture picture = DrawTopology(lint.model, lint.report.findings, settings.topology);
  options.topology_svg = std::move(picture.svg);
  options.topology_note = std::move(picture.note);
  options.subnet_routes = RoutesOfSubnets(lint, settings, &options.routes_note);
  auto sources = std::make_shared<SourceLines>();
  options.source_line = [sources](const std::string& file, int line, std::string* text) {
    return sources->Line(file, line, text);
  };
  return options;
}

}  // namespace routelint

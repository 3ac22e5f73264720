// What the CLI computes for the HTML report, and its bounds: the routes of
// the first subnets by name, the picture of the affected part of a large
// estate, source lines read through an index.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli/html_report.h"
#include "cli/source_lines.h"

namespace routelint {
namespace {

LintOutput LintExample() {
  LintOptions options;
  options.paths = {std::string(ROUTELINT_SOURCE_DIR) + "/testdata/examples/two-defects"};
  return RunLint(options);
}

TEST_CASE("the HTML report embeds the routes of the first subnets by name, and says when it stops", "[html][cli]") {
  const LintOutput lint = LintExample();
  HtmlReportSettings settings;
  settings.topology.builtin_only = true;
  settings.max_route_subnets = 3;
  const HtmlOptions options = BuildHtmlOptions(lint, settings);
  REQUIRE(options.subnet_routes.size() == 3);
  CHECK(options.subnet_routes[0].subnet == "vnet-hub-blue/AzureFirewallSubnet");
  CHECK(options.subnet_routes[0].subnet < options.subnet_routes[1].subnet);
  CHECK(options.subnet_routes[1].subnet < options.subnet_routes[2].subnet);
  const nlohmann::json first = nlohmann::json::parse(options.subnet_routes[0].routes_json);
  CHECK(first["subnet"] == "vnet-hub-blue/AzureFirewallSubnet");
  CHECK(first["value"].size() > 3);
  CHECK(options.routes_note.find(fmt::format("the first 3 of {} subnets", lint.model.subnets.size())) != std::string::npos);

  // A row budget smaller than one table still keeps the first subnet.
  settings.max_route_subnets = 100;
  settings.max_route_rows = 1;
  CHECK(BuildHtmlOptions(lint, settings).subnet_routes.size() == 1);

  settings.max_route_rows = 100000;
  const HtmlOptions all = BuildHtmlOptions(lint, settings);
  CHECK(all.subnet_routes.size() == lint.model.subnets.size());
  CHECK(all.routes_note.empty());
}

TEST_CASE("the HTML report draws a large estate's affected part only, or nothing when even that is too large", "[html][cli]") {
  const LintOutput lint = LintExample();
  HtmlReportSettings settings;
  settings.topology.builtin_only = true;
  const HtmlOptions whole = BuildHtmlOptions(lint, settings);
  CHECK(whole.topology_svg.find("id=\"node-v1\"") != std::string::npos);  // vnet-spoke1-blue, no finding
  CHECK(whole.topology_note == "Drawn by routelint's built-in layout (ROUTELINT_HTML_LAYOUT=builtin).");

  settings.topology.max_nodes = 5;
  const HtmlOptions affected = BuildHtmlOptions(lint, settings);
  CHECK(affected.topology_note.rfind("The estate has 6 VNets, too many to draw", 0) == 0);
  CHECK(affected.topology_svg.find("id=\"node-v2\"") != std::string::npos);  // vnet-spoke2-blue, a finding
  CHECK(affected.topology_svg.find("id=\"node-v1\"") == std::string::npos);
  CHECK(affected.topology_svg.find("more spoke") != std::string::npos);

  settings.topology.max_builtin_nodes = 3;
  const HtmlOptions none = BuildHtmlOptions(lint, settings);
  CHECK(none.topology_svg.empty());
  CHECK(none.topology_note.find("not drawn") != std::string::npos);
}

TEST_CASE("source lines come from an index of each file: BOM, CR LF and the end of the file", "[html][cli]") {
  const std::string path = fmt::format("/tmp/routelint-source-lines-{}.json", ::getpid());
  std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBF{\r\n  \"a\": 1\r\n\r\n}\n";
  SourceLines lines;
  std::string text;
  CHECK(lines.Line(path, 1, &text));
  CHECK(text == "{");
  CHECK(lines.Line(path, 2, &text));
  CHECK(text == "  \"a\": 1");
  CHECK(lines.Line(path, 3, &text));
  CHECK(text.empty());
  CHECK(lines.Line(path, 4, &text));
  CHECK(text == "}");
  CHECK_FALSE(lines.Line(path, 5, &text));  // after the final line break
  CHECK_FALSE(lines.Line(path, 0, &text));
  std::remove(path.c_str());
  CHECK(lines.Line(path, 4, &text));  // read once: the file is gone, its lines are not
  CHECK_FALSE(lines.Line("/nonexistent/file.json", 1, &text));
}

}  // namespace
}  // namespace routelint

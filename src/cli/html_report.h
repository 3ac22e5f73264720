// What the HTML report (`--format html`, `--report html=FILE`) shows beyond
// the findings, computed from one run: the topology picture, the effective
// routes of the estate's subnets, and the source lines of excerpts.
#ifndef ROUTELINT_CLI_HTML_REPORT_H_
#define ROUTELINT_CLI_HTML_REPORT_H_

#include <cstddef>

#include "cli/html_topology.h"
#include "cli/lint.h"
#include "report/report.h"

namespace routelint {

struct HtmlReportSettings {
  TopologyDrawingOptions topology;
  /// Subnets whose routes the page embeds (the first by name): an estate
  /// may have ten thousand, and each table is a few kilobytes.
  size_t max_route_subnets = 200;
  /// Route rows embedded in all, whatever the subnets: a hub peered with a
  /// thousand spokes has a thousand peering routes.
  size_t max_route_rows = 10000;
};

/// Reads ROUTELINT_HTML_LAYOUT: "builtin" never runs Graphviz, so that the
/// page depends on routelint alone (the golden files).
HtmlReportSettings HtmlReportSettingsFromEnvironment();

HtmlOptions BuildHtmlOptions(const LintOutput& lint, const HtmlReportSettings& settings);

}  // namespace routelint

#endif  // ROUTELINT_CLI_HTML_REPORT_H_

// The estate's picture in the HTML report: Graphviz's SVG of the DOT that
// `routelint graph` writes, when `dot` is installed and answers in time, or
// else a simple layout of routelint's own (deployments side by side, each
// hub above its appliances and spokes; other nodes below).
#ifndef ROUTELINT_CLI_HTML_TOPOLOGY_H_
#define ROUTELINT_CLI_HTML_TOPOLOGY_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "graph/topology_graph.h"
#include "model/model.h"

namespace routelint {

struct TopologyDrawingOptions {
  /// Never run Graphviz: the picture then depends on routelint alone
  /// (golden files; ROUTELINT_HTML_LAYOUT=builtin).
  bool builtin_only = false;
  std::chrono::milliseconds graphviz_timeout{20000};
  /// Above this many nodes the picture shows only the deployments with
  /// findings (as the pull-request summary does), and Graphviz is not run.
  size_t max_nodes = 400;
  /// Above this many nodes even the affected part is left undrawn: the
  /// page would grow by megabytes of boxes nobody can read.
  size_t max_builtin_nodes = 2000;
};

struct TopologyPicture {
  std::string svg;   // an <svg> element; empty when there is nothing to draw
  std::string note;  // how it was drawn, what it leaves out
};

TopologyPicture DrawTopology(const Model& model, const std::vector<Finding>& findings,
                             const TopologyDrawingOptions& options);

/// Runs `dot -Tsvg` on `dot` (no shell: posix_spawnp with the DOT on stdin
/// from memory), killing it after `timeout`; the SVG, or nullopt with *why
/// set (not installed, failed, too slow).
std::optional<std::string> RunGraphviz(std::string_view dot, std::chrono::milliseconds timeout, std::string* why);

/// The <svg> element of an SVG document: XML declaration, doctype and
/// comments before it dropped, so it can sit inside HTML.
std::string SvgElement(std::string_view document);

/// Where the built-in layout puts things (pixels, origin top left).
struct LayoutBox {
  int x = 0, y = 0, width = 0, height = 0;
};
struct TopologyLayout {
  std::vector<LayoutBox> nodes;     // per TopologyGraph::nodes
  std::vector<LayoutBox> clusters;  // per TopologyGraph::clusters
  int width = 0, height = 0;
};

/// Deployments side by side (a few per row), in each the hub on top, its
/// firewalls and gateways below it, then its spokes in up to four columns;
/// nodes outside deployments (on-premises, circuits, lone VNets) in rows
/// underneath. Deterministic, linear in the graph's size.
TopologyLayout LayOutTopology(const TopologyGraph& graph);

/// The built-in layout as SVG: edges as straight lines (peering flags in
/// their tooltips), nodes as boxes filled as RenderDot fills them, resources
/// with findings in their severity's colour and marked by class
/// ("node finding finding-error"); all text escaped.
std::string RenderBuiltinSvg(const TopologyGraph& graph);

}  // namespace routelint

#endif  // ROUTELINT_CLI_HTML_TOPOLOGY_H_

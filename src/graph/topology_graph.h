// Pictures of the estate: deployments as clusters, hubs and spokes, their
// firewalls and gateways, on-premises sites and ExpressRoute circuits,
// peerings with their flags, and findings coloured on the resources they
// name. One graph, two renderings: Graphviz DOT (`routelint graph -f dot`) and
// Mermaid (`-f mermaid`, and the PR summary of `check -f markdown`, which
// GitHub renders).
#ifndef ROUTELINT_GRAPH_TOPOLOGY_GRAPH_H_
#define ROUTELINT_GRAPH_TOPOLOGY_GRAPH_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/model.h"

namespace routelint {

struct GraphNode {
  enum class Kind { kHub, kSpoke, kVnet, kFirewall, kGateway, kOnPremises, kCircuit, kMore };
  std::string key;    // "v3", "f0": safe in DOT and Mermaid
  std::string label;  // lines joined by '\n'
  Kind kind = Kind::kVnet;
  int cluster = -1;   // index into TopologyGraph::clusters, -1: none
  bool has_finding = false;
  Severity worst = Severity::kNote;  // the most severe finding on it, when has_finding
};

struct GraphEdge {
  enum class Kind { kPeering, kOneWayPeering, kAttachment, kConnection };
  std::string from, to;  // node keys
  std::string label;
  Kind kind = Kind::kPeering;
  bool failing = false;  // both ends carry findings
};

struct GraphCluster {
  std::string key;    // "d0"
  std::string label;  // "deployment vnet-hub-blue (10.1.0.0/16)"
};

struct TopologyGraph {
  std::vector<GraphCluster> clusters;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

struct GraphOptions {
  /// Only the deployments with findings, their affected spokes and direct
  /// peers (the PR summary); false: the whole estate.
  bool only_affected = false;
};

/// The estate's picture with `findings` (those that count) coloured.
TopologyGraph BuildTopologyGraph(const Model& model, const std::vector<Finding>& findings, const GraphOptions& options);

/// Graphviz DOT (an undirected graph; `dot -Tsvg` renders it).
std::string RenderDot(const TopologyGraph& graph);
/// A Mermaid flowchart, without the ``` fence.
std::string RenderMermaid(const TopologyGraph& graph);

}  // namespace routelint

#endif  // ROUTELINT_GRAPH_TOPOLOGY_GRAPH_H_

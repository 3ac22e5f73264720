// The HTML report's picture: the built-in layout (no overlaps, hubs above
// their members, deployments framed), its SVG (findings marked, text
// escaped), and running Graphviz without a shell.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <string>

#include "cli/html_topology.h"

namespace routelint {
namespace {

GraphNode Node(std::string key, std::string label, GraphNode::Kind kind, int cluster) {
  GraphNode node;
  node.key = std::move(key);
  node.label = std::move(label);
  node.kind = kind;
  node.cluster = cluster;
  return node;
}

// Two deployments (a hub with a firewall, a gateway and `spokes` spokes;
// a hub with one spoke), an on-premises site, and links between them.
TopologyGraph TwoDeployments(int spokes) {
  TopologyGraph graph;
  graph.clusters = {{"d0", "deployment vnet-hub-blue\n10.1.0.0/20"}, {"d1", "deployment vnet-hub-green\n10.2.0.0/20"}};
  graph.nodes.push_back(Node("v0", "vnet-hub-blue\n10.1.0.0/22", GraphNode::Kind::kHub, 0));
  for (int s = 0; s < spokes; ++s) {
    graph.nodes.push_back(Node(fmt::format("s{}", s), fmt::format("vnet-spoke{}\n10.1.4.0/22", s),
                               GraphNode::Kind::kSpoke, 0));
    graph.edges.push_back({"v0", fmt::format("s{}", s), "fwd / fwd", GraphEdge::Kind::kPeering, false});
  }
  graph.nodes.push_back(Node("v1", "vnet-hub-green\n10.2.0.0/22", GraphNode::Kind::kHub, 1));
  graph.nodes.push_back(Node("v2", "vnet-spoke-green\n10.2.4.0/22", GraphNode::Kind::kSpoke, 1));
  graph.nodes.push_back(Node("f0", "fw-blue\nAzure Firewall 10.1.0.4", GraphNode::Kind::kFirewall, 0));
  graph.nodes.push_back(Node("g0", "vgw-hub-blue\nVpn gateway", GraphNode::Kind::kGateway, 0));
  graph.nodes.push_back(Node("l0", "lng-onprem\non-premises 192.168.1.0/24", GraphNode::Kind::kOnPremises, -1));
  graph.edges.push_back({"v0", "v1", "fwd / fwd", GraphEdge::Kind::kPeering, false});
  graph.edges.push_back({"v1", "v2", "one-way: fwd", GraphEdge::Kind::kOneWayPeering, false});
  graph.edges.push_back({"v0", "f0", "", GraphEdge::Kind::kAttachment, false});
  graph.edges.push_back({"v0", "g0", "", GraphEdge::Kind::kAttachment, false});
  graph.edges.push_back({"g0", "l0", "IPsec", GraphEdge::Kind::kConnection, false});
  return graph;
}

bool Overlap(const LayoutBox& a, const LayoutBox& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

bool Inside(const LayoutBox& inner, const LayoutBox& outer) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width &&
         inner.y + inner.height <= outer.y + outer.height;
}

void CheckLayoutIsSound(const TopologyGraph& graph, const TopologyLayout& layout) {
  REQUIRE(layout.nodes.size() == graph.nodes.size());
  REQUIRE(layout.clusters.size() == graph.clusters.size());
  const LayoutBox canvas{0, 0, layout.width, layout.height};
  for (size_t a = 0; a < layout.nodes.size(); ++a) {
    INFO("node " << graph.nodes[a].key);
    CHECK(layout.nodes[a].width > 0);
    CHECK(Inside(layout.nodes[a], canvas));
    const int cluster = graph.nodes[a].cluster;
    if (cluster >= 0) CHECK(Inside(layout.nodes[a], layout.clusters[static_cast<size_t>(cluster)]));
    for (size_t b = a + 1; b < layout.nodes.size(); ++b) CHECK_FALSE(Overlap(layout.nodes[a], layout.nodes[b]));
    for (size_t c = 0; c < layout.clusters.size(); ++c) {
      if (static_cast<int>(c) != cluster) CHECK_FALSE(Overlap(layout.nodes[a], layout.clusters[c]));
    }
  }
  for (size_t a = 0; a < layout.clusters.size(); ++a) {
    for (size_t b = a + 1; b < layout.clusters.size(); ++b) CHECK_FALSE(Overlap(layout.clusters[a], layout.clusters[b]));
  }
}

TEST_CASE("built-in layout: deployments side by side, hubs above their members, nothing overlaps", "[html][topology]") {
  const TopologyGraph graph = TwoDeployments(3);
  const TopologyLayout layout = LayOutTopology(graph);
  CheckLayoutIsSound(graph, layout);
  const LayoutBox& hub_blue = layout.nodes[0];
  for (size_t n = 1; n < graph.nodes.size(); ++n) {
    if (graph.nodes[n].cluster == 0) CHECK(layout.nodes[n].y > hub_blue.y + hub_blue.height);
  }
  CHECK(layout.clusters[0].y == layout.clusters[1].y);                                     // in a row
  CHECK(layout.clusters[0].x + layout.clusters[0].width < layout.clusters[1].x);           // blue left of green
  CHECK(layout.nodes.back().y > layout.clusters[0].y + layout.clusters[0].height);         // on-premises below
  // The firewall and the gateway come before the spokes in the row under the hub.
  CHECK(layout.nodes[graph.nodes.size() - 3].x < layout.nodes[1].x);
}

TEST_CASE("built-in layout: a large deployment wraps into rows and many deployments into several rows", "[html][topology]") {
  TopologyGraph graph = TwoDeployments(37);
  for (int d = 2; d < 11; ++d) {
    graph.clusters.push_back({fmt::format("d{}", d), fmt::format("deployment {}", d)});
    graph.nodes.push_back(Node(fmt::format("h{}", d), fmt::format("hub {}", d), GraphNode::Kind::kHub, d));
  }
  for (int l = 1; l < 9; ++l) graph.nodes.push_back(Node(fmt::format("l{}", l), "site", GraphNode::Kind::kOnPremises, -1));
  const TopologyLayout layout = LayOutTopology(graph);
  CheckLayoutIsSound(graph, layout);
  CHECK(layout.clusters[0].height > 10 * 40);                  // 39 members in rows of four
  CHECK(layout.clusters[0].width < 4 * 200 + 100);
  CHECK(layout.clusters[10].y > layout.clusters[0].y);         // deployments wrap
  CHECK(LayOutTopology(graph).width == layout.width);          // deterministic
}

TEST_CASE("built-in layout of an empty graph is an empty canvas", "[html][topology]") {
  const TopologyLayout layout = LayOutTopology(TopologyGraph{});
  CHECK(layout.nodes.empty());
  CHECK(layout.width >= 0);
  CHECK(layout.height >= 0);
}

TEST_CASE("built-in SVG marks findings, escapes names and draws one-way peerings dashed", "[html][topology]") {
  TopologyGraph graph = TwoDeployments(2);
  graph.nodes[1].label = "vnet-<script>alert(1)</script>\n10.1.4.0/22";
  graph.nodes[2].has_finding = true;
  graph.nodes[2].worst = Severity::kError;
  graph.nodes[3].has_finding = true;
  graph.nodes[3].worst = Severity::kWarning;
  const std::string svg = RenderBuiltinSvg(graph);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.size() > 6);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("vnet-&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("<g class=\"node spoke finding finding-error\" id=\"node-s1\">") != std::string::npos);
  CHECK(svg.find("<g class=\"node hub finding finding-warning\" id=\"node-v1\">") != std::string::npos);
  CHECK(svg.find("fill=\"#fbe3e3\" stroke=\"#d62728\"") != std::string::npos);
  CHECK(svg.find("<g class=\"node spoke\" id=\"node-v2\">") != std::string::npos);
  CHECK(svg.find("class=\"edge peering one-way\"") != std::string::npos);
  CHECK(svg.find("stroke-dasharray") != std::string::npos);
  CHECK(svg.find("<title>vnet-hub-blue \u2014 vnet-hub-green: fwd / fwd</title>") != std::string::npos);
  CHECK(svg == RenderBuiltinSvg(graph));
}

TEST_CASE("long labels are shortened in the box and whole in the tooltip", "[html][topology]") {
  TopologyGraph graph;
  graph.nodes.push_back(Node("v0", "vnet-with-a-name-far-longer-than-any-box-allows\n10.0.0.0/16", GraphNode::Kind::kVnet, -1));
  const std::string svg = RenderBuiltinSvg(graph);
  CHECK(svg.find("<title>vnet-with-a-name-far-longer-than-any-box-allows\n10.0.0.0/16</title>") != std::string::npos);
  CHECK(svg.find(">vnet-with-a-name-far-longe\u2026</tspan>") != std::string::npos);
}

TEST_CASE("SvgElement drops the XML declaration, doctype and comments Graphviz writes", "[html][topology]") {
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<!-- Generated by graphviz version 2.43.0 (0)\n -->\n<svg width=\"8pt\" height=\"8pt\">\n<g/>\n</svg>\n";
  CHECK(SvgElement(document) == "<svg width=\"8pt\" height=\"8pt\">\n<g/>\n</svg>");
  CHECK(SvgElement("no picture") == "");
  CHECK(SvgElement("<svg unterminated") == "");
}

TEST_CASE("RunGraphviz renders DOT with dot, and says so when dot is missing", "[html][topology]") {
  std::string why;
  const std::optional<std::string> svg = RunGraphviz("graph g { a -- b; }\n", std::chrono::seconds(20), &why);
  REQUIRE(svg.has_value());  // Debian's graphviz is a test dependency (tests/tools/install-deps.sh)
  CHECK(svg->find("<svg") != std::string::npos);
  CHECK(SvgElement(*svg).rfind("<svg", 0) == 0);

  CHECK_FALSE(RunGraphviz("graph g { a -- ", std::chrono::seconds(20), &why).has_value());
  CHECK(why == "dot failed");

  const std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  setenv("PATH", "/nonexistent", 1);
  const std::optional<std::string> missing = RunGraphviz("graph g { a; }\n", std::chrono::seconds(20), &why);
  setenv("PATH", path.c_str(), 1);
  CHECK_FALSE(missing.has_value());
  CHECK(why == "Graphviz's dot is not on PATH");
}

TEST_CASE("RunGraphviz gives up after its timeout", "[html][topology]") {
  // A graph dot needs far longer than a millisecond to lay out.
  std::string dot = "graph g {\n";
  for (int i = 0; i < 400; ++i) dot += fmt::format("  n{} -- n{};\n", i, (i * 7 + 3) % 400);
  dot += "}\n";
  std::string why;
  CHECK_FALSE(RunGraphviz(dot, std::chrono::milliseconds(1), &why).has_value());
  CHECK(why == "Graphviz took too long");
}

}  // namespace
}  // namespace routelint

#include "graph/topology_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace routelint {
namespace {

// What a finding's resource id can name in the picture.
struct Target {
  enum class Kind { kVnet, kFirewall, kGateway, kLocalGateway } kind;
  ObjectIndex index;
};

// Resource ids → the picture's objects: VNets and their subnets and
// peerings, route tables (the VNets of the subnets they serve), firewalls,
// NVAs' NICs, gateways, local gateways and connections.
class TargetIndex {
 public:
  explicit TargetIndex(const Model& m) {
    for (size_t v = 0; v < m.vnets.size(); ++v) Add(m.vnets[v].id, {Target::Kind::kVnet, Index(v)});
    for (const Subnet& s : m.subnets) {
      if (s.vnet == kNone) continue;
      Add(s.id, {Target::Kind::kVnet, s.vnet});
      if (s.route_table != kNone) Add(m.route_tables[s.route_table].id, {Target::Kind::kVnet, s.vnet});
    }
    for (const Peering& p : m.peerings) {
      if (p.vnet != kNone) Add(p.id, {Target::Kind::kVnet, p.vnet});
    }
    for (size_t f = 0; f < m.firewalls.size(); ++f) Add(m.firewalls[f].id, {Target::Kind::kFirewall, Index(f)});
    for (size_t g = 0; g < m.gateways.size(); ++g) Add(m.gateways[g].id, {Target::Kind::kGateway, Index(g)});
    for (size_t l = 0; l < m.local_gateways.size(); ++l) {
      Add(m.local_gateways[l].id, {Target::Kind::kLocalGateway, Index(l)});
    }
    for (const Connection& c : m.connections) {
      if (c.gateway1 != kNone) Add(c.id, {Target::Kind::kGateway, c.gateway1});
    }
  }

  // The objects an id names; for a child resource (a route of a table), its parent's.
  const std::vector<Target>* Find(std::string id) const {
    while (!id.empty()) {
      if (auto it = targets_.find(id); it != targets_.end()) return &it->second;
      // Drop "/type/name" and try the parent.
      for (int segments = 0; segments < 2 && !id.empty(); ++segments) id.resize(id.rfind('/') == std::string::npos ? 0 : id.rfind('/'));
    }
    return nullptr;
  }

 private:
  static ObjectIndex Index(size_t i) { return static_cast<ObjectIndex>(i); }
  void Add(const std::string& id, Target target) {
    if (!id.empty()) targets_[id].push_back(target);
  }
  std::unordered_map<std::string, std::vector<Target>> targets_;
};

using Marks = std::vector<std::optional<Severity>>;

void Mark(Marks* marks, ObjectIndex i, Severity severity) {
  if (i == kNone || static_cast<size_t>(i) >= marks->size()) return;
  std::optional<Severity>& m = (*marks)[i];
  if (!m || severity > *m) m = severity;
}

std::string Prefixes(const std::vector<Prefix>& prefixes, bool unknown) {
  if (unknown) return "address space unknown";
  std::string text;
  for (const Prefix& p : prefixes) text += (text.empty() ? "" : ", ") + p.ToString();
  return text;
}

std::string PeeringFlags(const Peering& p) {
  std::vector<std::string> flags;
  if (p.allow_virtual_network_access.known() && !p.allow_virtual_network_access.value) flags.push_back("no access");
  if (p.allow_forwarded_traffic.Or(false)) flags.push_back("fwd");
  if (p.allow_gateway_transit.Or(false)) flags.push_back("gw transit");
  if (p.use_remote_gateways.Or(false)) flags.push_back("remote gw");
  std::string text;
  for (const std::string& f : flags) text += (text.empty() ? "" : ", ") + f;
  return text.empty() ? "-" : text;
}

// The last segment of an id ("circuit-blue" of ".../expressRouteCircuits/circuit-blue").
std::string LastSegment(const std::string& id) {
  const size_t slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

class GraphBuilder {
 public:
  GraphBuilder(const Model& m, const std::vector<Finding>& findings, const GraphOptions& options)
      : m_(m), options_(options), vnet_marks_(m.vnets.size()), firewall_marks_(m.firewalls.size()),
        gateway_marks_(m.gateways.size()), local_marks_(m.local_gateways.size()) {
    MarkFindings(findings);
  }

  TopologyGraph Build() {
    ChooseVnets();
    for (size_t d = 0; d < m_.deployments.size(); ++d) AddDeployment(static_cast<ObjectIndex>(d));
    for (size_t v = 0; v < m_.vnets.size(); ++v) {
      if (included_[v] && !vnet_key_.count(static_cast<ObjectIndex>(v))) AddVnet(static_cast<ObjectIndex>(v), -1);
    }
    AddAppliances();
    AddPeerings();
    AddConnections();
    return std::move(graph_);
  }

 private:
  void MarkFindings(const std::vector<Finding>& findings) {
    const TargetIndex index(m_);
    for (const Finding& f : findings) {
      if (!IsActive(f)) continue;
      const std::vector<Target>* targets = index.Find(f.resource_id);
      if (targets == nullptr) continue;
      for (const Target& t : *targets) {
        switch (t.kind) {
          case Target::Kind::kVnet: Mark(&vnet_marks_, t.index, f.severity); break;
          case Target::Kind::kFirewall: Mark(&firewall_marks_, t.index, f.severity); break;
          case Target::Kind::kGateway: Mark(&gateway_marks_, t.index, f.severity); break;
          case Target::Kind::kLocalGateway: Mark(&local_marks_, t.index, f.severity); break;
        }
      }
    }
  }

  ObjectIndex VnetOfSubnet(ObjectIndex subnet) const { return subnet == kNone ? kNone : m_.subnets[subnet].vnet; }

  // Which VNets the picture shows: all, or the affected ones with their hubs
  // and peers.
  void ChooseVnets() {
    included_.assign(m_.vnets.size(), !options_.only_affected);
    if (!options_.only_affected) return;
    std::vector<bool> affected(m_.vnets.size(), false);
    for (size_t v = 0; v < m_.vnets.size(); ++v) affected[v] = vnet_marks_[v].has_value();
    for (size_t f = 0; f < m_.firewalls.size(); ++f) {
      const ObjectIndex v = VnetOfSubnet(m_.firewalls[f].subnet);
      if (firewall_marks_[f] && v != kNone) affected[v] = true;
    }
    for (size_t g = 0; g < m_.gateways.size(); ++g) {
      if (gateway_marks_[g] && m_.gateways[g].vnet != kNone) affected[m_.gateways[g].vnet] = true;
    }
    for (size_t v = 0; v < m_.vnets.size(); ++v) {
      if (!affected[v]) continue;
      included_[v] = true;
      const ObjectIndex d = m_.deployment_of_vnet.empty() ? kNone : m_.deployment_of_vnet[v];
      if (d != kNone) included_[m_.deployments[d].hub] = true;
    }
    for (const Peering& p : m_.peerings) {
      if (p.vnet == kNone || p.remote_vnet == kNone) continue;
      if (affected[p.vnet]) included_[p.remote_vnet] = true;
      if (affected[p.remote_vnet]) included_[p.vnet] = true;
    }
  }

  static std::optional<Severity> Worst(std::optional<Severity> a, std::optional<Severity> b) {
    if (!a) return b;
    if (!b) return a;
    return std::max(*a, *b);
  }

  std::string AddNode(std::string key, std::string label, GraphNode::Kind kind, int cluster, std::optional<Severity> mark) {
    GraphNode node;
    node.key = key;
    node.label = std::move(label);
    node.kind = kind;
    node.cluster = cluster;
    node.has_finding = mark.has_value();
    node.worst = mark.value_or(Severity::kNote);
    graph_.nodes.push_back(std::move(node));
    return key;
  }

  void AddVnet(ObjectIndex v, int cluster) {
    const VirtualNetwork& vnet = m_.vnets[v];
    const bool hub = !m_.is_hub.empty() && m_.is_hub[v];
    const bool spoke = !hub && !m_.deployment_of_vnet.empty() && m_.deployment_of_vnet[v] != kNone;
    const GraphNode::Kind kind = hub ? GraphNode::Kind::kHub : spoke ? GraphNode::Kind::kSpoke : GraphNode::Kind::kVnet;
    vnet_key_[v] = AddNode(fmt::format("v{}", v), vnet.name + "\n" + Prefixes(vnet.address_space, vnet.address_space_unknown),
                           kind, cluster, vnet_marks_[v]);
  }

  void AddDeployment(ObjectIndex d) {
    const Deployment& deployment = m_.deployments[d];
    if (!included_[deployment.hub]) return;
    const int cluster = static_cast<int>(graph_.clusters.size());
    graph_.clusters.push_back({fmt::format("d{}", d),
                               "deployment " + m_.vnets[deployment.hub].name +
                                   (deployment.supernet ? "\n" + deployment.supernet->ToString() : std::string())});
    AddVnet(deployment.hub, cluster);
    int hidden = 0;
    for (ObjectIndex spoke : deployment.spokes) {
      if (included_[spoke]) AddVnet(spoke, cluster);
      else ++hidden;
    }
    if (hidden > 0) {
      const std::string more = AddNode(fmt::format("m{}", d), fmt::format("{} more spoke{} without findings", hidden,
                                                                         hidden == 1 ? "" : "s"),
                                       GraphNode::Kind::kMore, cluster, std::nullopt);
      graph_.edges.push_back({vnet_key_[deployment.hub], more, "", GraphEdge::Kind::kAttachment, false});
    }
  }

  void AddAppliances() {
    for (size_t f = 0; f < m_.firewalls.size(); ++f) {
      const Firewall& fw = m_.firewalls[f];
      const ObjectIndex v = VnetOfSubnet(fw.subnet);
      if (v == kNone || !vnet_key_.count(v)) continue;
      const std::string ip = fw.private_ip.known() ? fw.private_ip.value.ToString() : "address unknown";
      const std::string kind = fw.kind == Firewall::Kind::kAzureFirewall ? "Azure Firewall" : "NVA";
      const std::string key = AddNode(fmt::format("f{}", f), fw.name + "\n" + kind + " " + ip, GraphNode::Kind::kFirewall,
                                      ClusterOf(v), firewall_marks_[f]);
      graph_.edges.push_back({vnet_key_[v], key, "", GraphEdge::Kind::kAttachment, Failing(v, firewall_marks_[f])});
    }
    for (size_t g = 0; g < m_.gateways.size(); ++g) {
      const VirtualNetworkGateway& gw = m_.gateways[g];
      if (gw.vnet == kNone || !vnet_key_.count(gw.vnet)) continue;
      const std::string type = gw.gateway_type.known() ? gw.gateway_type.value : "gateway";
      gateway_key_[static_cast<ObjectIndex>(g)] =
          AddNode(fmt::format("g{}", g), gw.name + "\n" + type + " gateway", GraphNode::Kind::kGateway, ClusterOf(gw.vnet),
                  gateway_marks_[g]);
      graph_.edges.push_back({vnet_key_[gw.vnet], gateway_key_[static_cast<ObjectIndex>(g)], "",
                              GraphEdge::Kind::kAttachment, Failing(gw.vnet, gateway_marks_[g])});
    }
  }

  int ClusterOf(ObjectIndex vnet) const {
    for (const GraphNode& n : graph_.nodes) {
      if (n.key == vnet_key_.at(vnet)) return n.cluster;
    }
    return -1;
  }

  bool Failing(ObjectIndex vnet, std::optional<Severity> other) const { return vnet_marks_[vnet].has_value() && other; }

  void AddPeerings() {
    // One edge per peered pair, with each side's flags.
    std::map<std::pair<ObjectIndex, ObjectIndex>, std::pair<const Peering*, const Peering*>> pairs;
    for (const Peering& p : m_.peerings) {
      if (p.vnet == kNone || p.remote_vnet == kNone || p.vnet == p.remote_vnet) continue;
      const bool forward = p.vnet < p.remote_vnet;
      auto& slot = pairs[{std::min(p.vnet, p.remote_vnet), std::max(p.vnet, p.remote_vnet)}];
      (forward ? slot.first : slot.second) = &p;
    }
    for (const auto& [ends, sides] : pairs) {
      if (!vnet_key_.count(ends.first) || !vnet_key_.count(ends.second)) continue;
      GraphEdge edge{vnet_key_[ends.first], vnet_key_[ends.second], "", GraphEdge::Kind::kPeering,
                     Failing(ends.first, vnet_marks_[ends.second])};
      if (sides.first && sides.second) {
        edge.label = PeeringFlags(*sides.first) + " / " + PeeringFlags(*sides.second);
      } else {
        edge.kind = GraphEdge::Kind::kOneWayPeering;
        edge.label = "one-way: " + PeeringFlags(sides.first ? *sides.first : *sides.second);
      }
      graph_.edges.push_back(std::move(edge));
    }
  }

  void AddConnections() {
    std::map<std::string, std::string> circuit_keys;
    for (const Connection& c : m_.connections) {
      auto from = gateway_key_.find(c.gateway1);
      if (from == gateway_key_.end()) continue;
      const std::string type = c.connection_type.Or("");
      if (c.local_gateway != kNone) {
        const ObjectIndex l = c.local_gateway;
        std::string& key = local_key_[l];
        if (key.empty()) {
          const LocalNetworkGateway& lng = m_.local_gateways[l];
          key = AddNode(fmt::format("l{}", l), lng.name + "\non-premises " + Prefixes(lng.prefixes, lng.prefixes_unknown),
                        GraphNode::Kind::kOnPremises, -1, local_marks_[l]);
        }
        graph_.edges.push_back({from->second, key, type.empty() ? "connection" : type, GraphEdge::Kind::kConnection, false});
      } else if (c.peer_id.known() && !c.peer_id.value.empty()) {
        std::string& key = circuit_keys[c.peer_id.value];
        if (key.empty()) {
          key = AddNode(fmt::format("c{}", circuit_keys.size() - 1), LastSegment(c.peer_id.value) + "\nExpressRoute circuit",
                        GraphNode::Kind::kCircuit, -1, std::nullopt);
        }
        graph_.edges.push_back({from->second, key, "ExpressRoute", GraphEdge::Kind::kConnection, false});
      } else if (c.gateway2 != kNone) {
        auto to = gateway_key_.find(c.gateway2);
        if (to != gateway_key_.end()) {
          graph_.edges.push_back({from->second, to->second, type.empty() ? "connection" : type, GraphEdge::Kind::kConnection,
                                  false});
        }
      }
    }
  }

  const Model& m_;
  const GraphOptions& options_;
  Marks vnet_marks_, firewall_marks_, gateway_marks_, local_marks_;
  std::vector<bool> included_;
  std::map<ObjectIndex, std::string> vnet_key_, gateway_key_, local_key_;
  TopologyGraph graph_;
};

// ---- DOT ----

std::string DotQuote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

struct Palette {
  const char* stroke;
  const char* fill;
};

Palette FindingColors(Severity severity) {
  switch (severity) {
    case Severity::kError: return {"#d62728", "#fbe3e3"};
    case Severity::kWarning: return {"#e67e00", "#fff1de"};
    case Severity::kNote: return {"#1f77b4", "#e3eefb"};
  }
  return {"#000000", "#ffffff"};
}

std::string DotNodeAttributes(const GraphNode& n) {
  std::string shape = "box", style = "rounded,filled", fill = "#ffffff";
  switch (n.kind) {
    case GraphNode::Kind::kHub: style = "rounded,filled,bold"; fill = "#dbe9f6"; break;
    case GraphNode::Kind::kSpoke: break;
    case GraphNode::Kind::kVnet: fill = "#f2f2f2"; break;
    case GraphNode::Kind::kFirewall: shape = "octagon"; style = "filled"; fill = "#fde9d9"; break;
    case GraphNode::Kind::kGateway: shape = "cds"; style = "filled"; fill = "#e2f0d9"; break;
    case GraphNode::Kind::kOnPremises: shape = "folder"; style = "filled"; fill = "#eeeeee"; break;
    case GraphNode::Kind::kCircuit: shape = "ellipse"; style = "filled"; fill = "#e8e0f5"; break;
    case GraphNode::Kind::kMore: shape = "plaintext"; style = "solid"; break;
  }
  std::string attributes = fmt::format("label={}, shape={}, style={}", DotQuote(n.label), shape, DotQuote(style));
  if (n.has_finding) {
    const Palette p = FindingColors(n.worst);
    attributes += fmt::format(", color=\"{}\", fillcolor=\"{}\", penwidth=2", p.stroke, p.fill);
  } else {
    attributes += fmt::format(", fillcolor=\"{}\"", fill);
  }
  return attributes;
}

std::string DotEdgeAttributes(const GraphEdge& e) {
  std::vector<std::string> attributes;
  if (!e.label.empty()) attributes.push_back("label=" + DotQuote(e.label));
  if (e.kind == GraphEdge::Kind::kOneWayPeering) attributes.push_back("style=dashed");
  if (e.kind == GraphEdge::Kind::kConnection) attributes.push_back("style=bold");
  if (e.failing) attributes.push_back("color=\"#d62728\", penwidth=2");
  std::string text;
  for (const std::string& a : attributes) text += (text.empty() ? "" : ", ") + a;
  return text.empty() ? "" : " [" + text + "]";
}

// ---- Mermaid ----

std::string MermaidText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"') out += "#quot;";
    else if (c == '\n') out += "<br/>";
    else if (c == '<') out += "#lt;";
    else if (c == '>') out += "#gt;";
    else out += c;
  }
  return out;
}

// Mermaid class names for finding severities ("end"-like keywords avoided).
std::string ClassName(Severity severity) { return "finding_" + std::string(SeverityName(severity)); }

std::string MermaidNode(const GraphNode& n) {
  const std::string label = "\"" + MermaidText(n.label) + "\"";
  switch (n.kind) {
    case GraphNode::Kind::kHub: return n.key + "[[" + label + "]]";
    case GraphNode::Kind::kFirewall: return n.key + "{{" + label + "}}";
    case GraphNode::Kind::kGateway: return n.key + "[/" + label + "/]";
    case GraphNode::Kind::kOnPremises: return n.key + "[(" + label + ")]";
    case GraphNode::Kind::kCircuit: return n.key + "((" + label + "))";
    default: return n.key + "[" + label + "]";
  }
}

}  // namespace

TopologyGraph BuildTopologyGraph(const Model& model, const std::vector<Finding>& findings, const GraphOptions& options) {
  return GraphBuilder(model, findings, options).Build();
}

std::string RenderDot(const TopologyGraph& graph) {
  std::string out =
      "graph estate {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.6];\n"
      "  node [fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  for (size_t c = 0; c < graph.clusters.size(); ++c) {
    out += fmt::format("  subgraph cluster_{} {{\n    label={};\n    style=\"rounded\";\n    color=\"#999999\";\n",
                       graph.clusters[c].key, DotQuote(graph.clusters[c].label));
    for (const GraphNode& n : graph.nodes) {
      if (n.cluster == static_cast<int>(c)) out += fmt::format("    {} [{}];\n", n.key, DotNodeAttributes(n));
    }
    out += "  }\n";
  }
  for (const GraphNode& n : graph.nodes) {
    if (n.cluster < 0) out += fmt::format("  {} [{}];\n", n.key, DotNodeAttributes(n));
  }
  for (const GraphEdge& e : graph.edges) out += fmt::format("  {} -- {}{};\n", e.from, e.to, DotEdgeAttributes(e));
  return out + "}\n";
}

std::string RenderMermaid(const TopologyGraph& graph) {
  std::string out = "flowchart LR\n";
  for (size_t c = 0; c < graph.clusters.size(); ++c) {
    out += fmt::format("  subgraph {}[\"{}\"]\n", graph.clusters[c].key, MermaidText(graph.clusters[c].label));
    for (const GraphNode& n : graph.nodes) {
      if (n.cluster == static_cast<int>(c)) out += "    " + MermaidNode(n) + "\n";
    }
    out += "  end\n";
  }
  for (const GraphNode& n : graph.nodes) {
    if (n.cluster < 0) out += "  " + MermaidNode(n) + "\n";
  }
  std::vector<size_t> failing;
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const GraphEdge& e = graph.edges[i];
    const std::string link = e.kind == GraphEdge::Kind::kOneWayPeering ? "-.-" : e.kind == GraphEdge::Kind::kConnection ? "===" : "---";
    if (e.label.empty()) out += fmt::format("  {} {} {}\n", e.from, link, e.to);
    else out += fmt::format("  {} {}|\"{}\"| {}\n", e.from, link, MermaidText(e.label), e.to);
    if (e.failing) failing.push_back(i);
  }
  std::set<Severity> used;
  for (const GraphNode& n : graph.nodes) {
    if (n.has_finding) used.insert(n.worst);
  }
  for (Severity s : used) {
    const Palette p = FindingColors(s);
    out += fmt::format("  classDef {} fill:{},stroke:{},stroke-width:2px\n", ClassName(s), p.fill, p.stroke);
    std::string members;
    for (const GraphNode& n : graph.nodes) {
      if (n.has_finding && n.worst == s) members += (members.empty() ? "" : ",") + n.key;
    }
    out += fmt::format("  class {} {}\n", members, ClassName(s));
  }
  for (size_t i : failing) out += fmt::format("  linkStyle {} stroke:#d62728,stroke-width:2px\n", i);
  return out;
}

}  // namespace routelint

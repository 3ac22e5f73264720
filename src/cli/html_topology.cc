#include "cli/html_topology.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <tuple>

#include "base/strings.h"
#include "report/html.h"

extern char** environ;

namespace routelint {

// ---- Graphviz ----

namespace {

// What Graphviz may print before we stop reading: far above any estate the
// node limit lets through.
constexpr size_t kMaxGraphvizOutput = size_t{64} << 20;

// A file descriptor closed when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { Close(); }
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

// The DOT in an anonymous in-memory file, rewound: dot's stdin. A file
// rather than a pipe, so we never block writing while dot blocks writing.
int MemoryFileWith(std::string_view content, std::string* why) {
  const int fd = memfd_create("routelint-dot", MFD_CLOEXEC);
  if (fd < 0 || !WriteAll(fd, content) || ::lseek(fd, 0, SEEK_SET) != 0) {
    *why = fmt::format("cannot hold the DOT for Graphviz: {}", std::strerror(errno));
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

// Reads `fd` to its end, or until the deadline or the size cap; false then.
bool ReadUntil(int fd, std::chrono::steady_clock::time_point deadline, std::string* out, std::string* why) {
  char buffer[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      *why = "Graphviz took too long";
      return false;
    }
    pollfd ready{fd, POLLIN, 0};
    const int polled = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (polled < 0 && errno != EINTR) {
      *why = fmt::format("cannot read Graphviz's output: {}", std::strerror(errno));
      return false;
    }
    if (polled <= 0) continue;
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      *why = fmt::format("cannot read Graphviz's output: {}", std::strerror(errno));
      return false;
    }
    if (got == 0) return true;
    out->append(buffer, static_cast<size_t>(got));
    if (out->size() > kMaxGraphvizOutput) {
      *why = "Graphviz's output is too large";
      return false;
    }
  }
}

int WaitFor(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

std::optional<std::string> RunGraphviz(std::string_view dot, std::chrono::milliseconds timeout, std::string* why) {
  Descriptor input(MemoryFileWith(dot, why));
  if (input.get() < 0) return std::nullopt;
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    *why = fmt::format("cannot make a pipe for Graphviz: {}", std::strerror(errno));
    return std::nullopt;
  }
  Descriptor output(ends[0]), child_output(ends[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, child_output.get(), STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char program[] = "dot", format[] = "-Tsvg";
  char* argv[] = {program, format, nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  child_output.Close();  // so that reading ends when dot exits
  if (spawned != 0) {
    *why = spawned == ENOENT ? "Graphviz's dot is not on PATH" : fmt::format("cannot run dot: {}", std::strerror(spawned));
    return std::nullopt;
  }
  std::string svg;
  const bool complete = ReadUntil(output.get(), std::chrono::steady_clock::now() + timeout, &svg, why);
  if (!complete) ::kill(pid, SIGKILL);
  const int status = WaitFor(pid);
  if (!complete) return std::nullopt;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *why = "dot failed";
    return std::nullopt;
  }
  return svg;
}

std::string SvgElement(std::string_view document) {
  const size_t start = document.find("<svg");
  if (start == std::string_view::npos) return "";
  const size_t end = document.rfind("</svg>");
  if (end == std::string_view::npos || end < start) return "";
  return std::string(document.substr(start, end + 6 - start));
}

// ---- the built-in layout ----

namespace {

constexpr int kMargin = 16;
constexpr int kNodeWidth = 164;
constexpr int kNodeHeight = 40;
constexpr int kColumnGap = 12;
constexpr int kRowGap = 30;
constexpr int kHubGap = 20;  // extra room under the hub for the lines fanning out
constexpr int kClusterPadding = 14;
constexpr int kClusterHeader = 42;  // the deployment's two-line label
constexpr int kClusterGap = 40;
constexpr int kMaxColumns = 4;
constexpr int kClustersPerRow = 4;
constexpr int kLooseColumns = 6;
constexpr size_t kLabelWidth = 26;  // code points of a node's line shown; the tooltip has all

// Where a member of a deployment goes: the hub above, then one sequence of
// rows: appliances first, spokes next, "N more spokes" last.
enum class Rank { kHub, kAppliance, kSpoke, kMore };

Rank RankOf(GraphNode::Kind kind) {
  switch (kind) {
    case GraphNode::Kind::kHub: return Rank::kHub;
    case GraphNode::Kind::kFirewall:
    case GraphNode::Kind::kGateway: return Rank::kAppliance;
    case GraphNode::Kind::kMore: return Rank::kMore;
    default: return Rank::kSpoke;
  }
}

int RowsFor(size_t count, int columns) { return static_cast<int>((count + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns)); }

int RowWidth(int columns) { return columns * kNodeWidth + (columns - 1) * kColumnGap; }

// Places `members` in rows of `columns` from (x, y), each row centred in
// `width`; returns the y below the last row.
int PlaceRows(const std::vector<size_t>& members, int columns, int x, int y, int width, TopologyLayout* layout) {
  for (size_t i = 0; i < members.size(); ++i) {
    const int row = static_cast<int>(i) / columns;
    const int column = static_cast<int>(i) % columns;
    const int in_row = static_cast<int>(std::min(members.size() - static_cast<size_t>(row * columns), static_cast<size_t>(columns)));
    const int indent = (width - RowWidth(in_row)) / 2;
    layout->nodes[members[i]] = {x + indent + column * (kNodeWidth + kColumnGap), y + row * (kNodeHeight + kRowGap),
                                 kNodeWidth, kNodeHeight};
  }
  return members.empty() ? y : y + RowsFor(members.size(), columns) * (kNodeHeight + kRowGap);
}

// Lays out cluster `c`'s nodes with the cluster's top left at (x, y): its
// hub centred on top, the other members in rows below, so that the lines
// from the hub fan out downwards without crossing a box of the first row.
void PlaceCluster(const TopologyGraph& graph, size_t c, int x, int y, TopologyLayout* layout) {
  std::vector<size_t> hubs, members;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (graph.nodes[n].cluster != static_cast<int>(c)) continue;
    (RankOf(graph.nodes[n].kind) == Rank::kHub ? hubs : members).push_back(n);
  }
  std::stable_sort(members.begin(), members.end(),
                   [&](size_t a, size_t b) { return RankOf(graph.nodes[a].kind) < RankOf(graph.nodes[b].kind); });
  const size_t widest = std::max<size_t>({hubs.size(), members.size(), 1});
  const int columns = static_cast<int>(std::min<size_t>(widest, kMaxColumns));
  const int inner = RowWidth(columns);
  int next_y = PlaceRows(hubs, columns, x + kClusterPadding, y + kClusterHeader, inner, layout);
  next_y = PlaceRows(members, columns, x + kClusterPadding, next_y + kHubGap, inner, layout);
  layout->clusters[c] = {x, y, inner + 2 * kClusterPadding, next_y - kRowGap + kClusterPadding - y};
}

// The first `max` code points of `text`, with an ellipsis when cut.
std::string Shortened(std::string_view text, size_t max) {
  size_t offset = 0, count = 0;
  while (offset < text.size() && count < max) {
    const size_t length = Utf8SequenceLength(text, offset);
    offset += length == 0 ? 1 : length;
    ++count;
  }
  return offset < text.size() ? std::string(text.substr(0, offset)) + "\u2026" : std::string(text);
}

std::vector<std::string_view> LabelLines(std::string_view label) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t newline = label.find('\n'); newline != std::string_view::npos; newline = label.find('\n', start)) {
    lines.push_back(label.substr(start, newline - start));
    start = newline + 1;
  }
  lines.push_back(label.substr(start));
  return lines;
}

// The label's lines escaped one by one and kept apart by line breaks, which
// tooltips show.
std::string EscapedLines(std::string_view label) {
  std::string out;
  for (std::string_view line : LabelLines(label)) {
    if (!out.empty()) out += '\n';
    out += EscapeHtml(line);
  }
  return out;
}

struct NodeStyle {
  std::string_view kind;  // class name
  std::string_view fill;
  int stroke_width;
  int corner;
};

// RenderDot's fills, so both pictures read alike.
NodeStyle StyleOf(GraphNode::Kind kind) {
  switch (kind) {
    case GraphNode::Kind::kHub: return {"hub", "#dbe9f6", 2, 8};
    case GraphNode::Kind::kSpoke: return {"spoke", "#ffffff", 1, 8};
    case GraphNode::Kind::kVnet: return {"vnet", "#f2f2f2", 1, 8};
    case GraphNode::Kind::kFirewall: return {"firewall", "#fde9d9", 1, 0};
    case GraphNode::Kind::kGateway: return {"gateway", "#e2f0d9", 1, 0};
    case GraphNode::Kind::kOnPremises: return {"onprem", "#eeeeee", 1, 2};
    case GraphNode::Kind::kCircuit: return {"circuit", "#e8e0f5", 1, 20};
    case GraphNode::Kind::kMore: return {"more", "#ffffff", 0, 0};
  }
  return {"vnet", "#ffffff", 1, 8};
}

// RenderDot's finding colours: stroke and fill per severity.
std::pair<std::string_view, std::string_view> FindingColours(Severity severity) {
  switch (severity) {
    case Severity::kError: return {"#d62728", "#fbe3e3"};
    case Severity::kWarning: return {"#e67e00", "#fff1de"};
    case Severity::kNote: return {"#1f77b4", "#e3eefb"};
  }
  return {"#555555", "#ffffff"};
}

// Multi-line text centred at x from y down, one <tspan> per line.
std::string CentredText(std::string_view label, int x, int y, int font_size, std::string_view extra) {
  std::string out = fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\"{}>", x, y, font_size, extra);
  bool first = true;
  for (std::string_view line : LabelLines(label)) {
    out += fmt::format("<tspan x=\"{}\" dy=\"{}\">{}</tspan>", x, first ? 0 : font_size + 3,
                       EscapeHtml(Shortened(line, kLabelWidth)));
    first = false;
  }
  return out + "</text>";
}

std::string ClusterSvg(const GraphCluster& cluster, const LayoutBox& box) {
  return fmt::format("<g class=\"cluster\" id=\"cluster-{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" "
                     "fill=\"#fafafa\" stroke=\"#999999\"/>{}</g>\n",
                     EscapeHtml(cluster.key), box.x, box.y, box.width, box.height,
                     CentredText(cluster.label, box.x + box.width / 2, box.y + 17, 12, " fill=\"#333333\" font-weight=\"bold\""));
}

std::string NodeSvg(const GraphNode& node, const LayoutBox& box) {
  const NodeStyle style = StyleOf(node.kind);
  std::string classes = "node " + std::string(style.kind);
  std::string_view stroke = node.kind == GraphNode::Kind::kMore ? "none" : "#555555";
  std::string_view fill = style.fill;
  int stroke_width = style.stroke_width;
  if (node.has_finding) {
    classes += " finding finding-" + std::string(SeverityName(node.worst));
    std::tie(stroke, fill) = FindingColours(node.worst);
    stroke_width = 2;
  }
  return fmt::format("<g class=\"{}\" id=\"node-{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                     "rx=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>{}</g>\n",
                     classes, EscapeHtml(node.key), EscapedLines(node.label), box.x, box.y, box.width, box.height, style.corner,
                     fill, stroke, stroke_width,
                     CentredText(node.label, box.x + box.width / 2, box.y + 16, 11, " fill=\"#111111\""));
}

struct Point {
  int x, y;
};

// Where a line from `box` towards `other` leaves it: the middle of the side
// facing it, so lines end at boxes instead of running under them.
Point Anchor(const LayoutBox& box, const LayoutBox& other) {
  if (other.y >= box.y + box.height) return {box.x + box.width / 2, box.y + box.height};
  if (other.y + other.height <= box.y) return {box.x + box.width / 2, box.y};
  return other.x > box.x ? Point{box.x + box.width, box.y + box.height / 2} : Point{box.x, box.y + box.height / 2};
}

std::string EdgeSvg(const GraphEdge& edge, const LayoutBox& from, const LayoutBox& to, const std::string& from_label,
                    const std::string& to_label) {
  std::string classes = "edge";
  std::string attributes = " stroke=\"#555555\" stroke-width=\"1\"";
  switch (edge.kind) {
    case GraphEdge::Kind::kPeering: classes += " peering"; break;
    case GraphEdge::Kind::kOneWayPeering: classes += " peering one-way", attributes += " stroke-dasharray=\"6 4\""; break;
    case GraphEdge::Kind::kAttachment: classes += " attachment"; break;
    case GraphEdge::Kind::kConnection: classes += " connection", attributes = " stroke=\"#555555\" stroke-width=\"2.5\""; break;
  }
  if (edge.failing) classes += " failing", attributes += " stroke=\"#d62728\" stroke-width=\"2\"";
  const std::string title = std::string(LabelLines(from_label).front()) + " \u2014 " +
                            std::string(LabelLines(to_label).front()) + (edge.label.empty() ? "" : ": " + edge.label);
  const Point start = Anchor(from, to), end = Anchor(to, from);
  return fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}><title>{}</title></line>\n", classes,
                     start.x, start.y, end.x, end.y, attributes, EscapeHtml(title));
}

}  // namespace

TopologyLayout LayOutTopology(const TopologyGraph& graph) {
  TopologyLayout layout;
  layout.nodes.resize(graph.nodes.size());
  layout.clusters.resize(graph.clusters.size());
  int x = kMargin, y = kMargin, row_height = 0;
  for (size_t c = 0; c < graph.clusters.size(); ++c) {
    if (c > 0 && c % kClustersPerRow == 0) {
      x = kMargin;
      y += row_height + kClusterGap;
      row_height = 0;
    }
    PlaceCluster(graph, c, x, y, &layout);
    x += layout.clusters[c].width + kClusterGap;
    row_height = std::max(row_height, layout.clusters[c].height);
    layout.width = std::max(layout.width, x - kClusterGap + kMargin);
  }
  std::vector<size_t> loose;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (graph.nodes[n].cluster < 0) loose.push_back(n);
  }
  int bottom = row_height > 0 ? y + row_height : kMargin;  // below the deployments
  if (!loose.empty()) {
    const int columns = static_cast<int>(std::min<size_t>(loose.size(), kLooseColumns));
    const int top = row_height > 0 ? bottom + kClusterGap : bottom;
    bottom = PlaceRows(loose, columns, kMargin, top, std::max(RowWidth(columns), layout.width - 2 * kMargin), &layout) - kRowGap;
    layout.width = std::max(layout.width, RowWidth(columns) + 2 * kMargin);
  }
  layout.width = std::max(layout.width, 2 * kMargin);
  layout.height = bottom + kMargin;
  return layout;
}

std::string RenderBuiltinSvg(const TopologyGraph& graph) {
  const TopologyLayout layout = LayOutTopology(graph);
  std::map<std::string, size_t> index_of_key;
  for (size_t n = 0; n < graph.nodes.size(); ++n) index_of_key.emplace(graph.nodes[n].key, n);
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology builtin\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\" aria-label=\"the estate's topology\">\n",
      layout.width, layout.height);
  for (size_t c = 0; c < graph.clusters.size(); ++c) out += ClusterSvg(graph.clusters[c], layout.clusters[c]);
  for (const GraphEdge& edge : graph.edges) {
    const auto from = index_of_key.find(edge.from), to = index_of_key.find(edge.to);
    if (from == index_of_key.end() || to == index_of_key.end()) continue;
    out += EdgeSvg(edge, layout.nodes[from->second], layout.nodes[to->second], graph.nodes[from->second].label,
                   graph.nodes[to->second].label);
  }
  for (size_t n = 0; n < graph.nodes.size(); ++n) out += NodeSvg(graph.nodes[n], layout.nodes[n]);
  return out + "</svg>";
}

// ---- choosing what to draw, and how ----

namespace {

// The whole estate, or when it is too large the deployments with findings;
// *note says which.
TopologyGraph GraphToDraw(const Model& model, const std::vector<Finding>& findings, size_t max_nodes, std::string* note) {
  TopologyGraph whole = BuildTopologyGraph(model, findings, GraphOptions{/*only_affected=*/false});
  if (whole.nodes.size() <= max_nodes) return whole;
  *note = fmt::format("The estate has {} VNets, too many to draw: the picture shows the deployments with findings, "
                      "their affected spokes and their peers (as the pull-request summary does). ",
                      model.vnets.size());
  return BuildTopologyGraph(model, findings, GraphOptions{/*only_affected=*/true});
}

}  // namespace

TopologyPicture DrawTopology(const Model& model, const std::vector<Finding>& findings, const TopologyDrawingOptions& options) {
  TopologyPicture picture;
  const TopologyGraph graph = GraphToDraw(model, findings, options.max_nodes, &picture.note);
  if (graph.nodes.empty()) {
    picture.note += "There is nothing to draw.";
    return picture;
  }
  if (graph.nodes.size() > options.max_builtin_nodes) {
    picture.note += fmt::format("Even that is {} nodes: not drawn; `routelint graph` writes it as DOT.", graph.nodes.size());
    return picture;
  }
  std::string why = "ROUTELINT_HTML_LAYOUT=builtin";
  if (!options.builtin_only && graph.nodes.size() <= options.max_nodes) {
    if (std::optional<std::string> svg = RunGraphviz(RenderDot(graph), options.graphviz_timeout, &why)) {
      picture.svg = SvgElement(*svg);
      if (!picture.svg.empty()) {
        picture.note += "Drawn by Graphviz.";
        return picture;
      }
      why = "dot printed no SVG";
    }
  } else if (!options.builtin_only) {
    why = "too many nodes for Graphviz";
  }
  picture.svg = RenderBuiltinSvg(graph);
  picture.note += "Drawn by routelint's built-in layout (" + why + ").";
  return picture;
}

}  // namespace routelint

#include "model/builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "expand/evaluator.h"
#include "expand/value.h"
#include "parse/locator.h"

namespace routelint {
namespace {

// ------------------------------------------------------------ reading values

// Walks `path` (case-insensitive member names) from `root`. Returns nullptr
// when a member is absent; sets *unknown when an Unknown is met on the way.
const Json* Walk(const Json& root, std::initializer_list<std::string_view> path, bool* unknown) {
  const Json* node = &root;
  *unknown = false;
  for (std::string_view key : path) {
    if (IsUnknown(*node)) {
      *unknown = true;
      return nullptr;
    }
    node = FindMember(*node, key);
    if (node == nullptr) return nullptr;
  }
  if (IsUnknown(*node)) {
    *unknown = true;
    return nullptr;
  }
  return node;
}

// A string at `path`, viewed in `root`: valid while the body is.
Known<std::string_view> StringAt(const Json& root, std::initializer_list<std::string_view> path) {
  bool unknown = false;
  const Json* node = Walk(root, path, &unknown);
  if (unknown) return Known<std::string_view>::Unknown();
  if (node == nullptr || node->is_null()) return {};
  if (!node->is_string()) return Known<std::string_view>::Unknown();
  return Known<std::string_view>::Of(node->get_ref<const std::string&>());
}

// `value` with its text kept in `texts`, for the model.
Known<Text> Kept(TextPool& texts, const Known<std::string_view>& value) {
  if (value.known()) return Known<Text>::Of(texts.Intern(value.value));
  return value.unknown() ? Known<Text>::Unknown() : Known<Text>();
}

// NormalizeId(id) kept in `texts`; an id that is normalised already (most
// are) is not copied on the way.
Text KeepId(TextPool& texts, std::string_view id) {
  const bool normalized = (id.empty() || id.back() != '/') &&
                          std::none_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return normalized ? texts.Intern(id) : texts.Intern(NormalizeId(id));
}

Known<bool> BoolAt(const Json& root, std::initializer_list<std::string_view> path) {
  bool unknown = false;
  const Json* node = Walk(root, path, &unknown);
  if (unknown) return Known<bool>::Unknown();
  if (node == nullptr || node->is_null()) return {};
  if (node->is_boolean()) return Known<bool>::Of(node->get<bool>());
  // ARM converts the strings "true"/"false" for boolean properties.
  if (node->is_string() && EqualsIgnoreCase(node->get<std::string>(), "true")) return Known<bool>::Of(true);
  if (node->is_string() && EqualsIgnoreCase(node->get<std::string>(), "false")) return Known<bool>::Of(false);
  return Known<bool>::Unknown();
}

// The id at `path`, normalised and kept in `texts`.
Known<Text> IdAt(TextPool& texts, const Json& root, std::initializer_list<std::string_view> path) {
  const Known<std::string_view> id = StringAt(root, path);
  if (id.known()) return Known<Text>::Of(KeepId(texts, id.value));
  return id.unknown() ? Known<Text>::Unknown() : Known<Text>();
}

// A resource's `location`. resourceGroup().location and deployment().location
// evaluate to a placeholder ("{location}"): that is no region name, so it
// counts as Unknown.
Known<Text> LocationAt(TextPool& texts, const Json& body) {
  const Known<std::string_view> location = StringAt(body, {"location"});
  if (location.known() && ContainsDeploymentPlaceholder(location.value)) return Known<Text>::Unknown();
  return Kept(texts, location);
}

// A whole number (a bandwidth), scaled by `factor`; numbers only, as the
// REST API takes them.
Known<int64_t> NumberAt(const Json& root, std::initializer_list<std::string_view> path, double factor) {
  bool unknown = false;
  const Json* node = Walk(root, path, &unknown);
  if (unknown) return Known<int64_t>::Unknown();
  if (node == nullptr || node->is_null()) return {};
  if (!node->is_number()) return Known<int64_t>::Unknown();
  const double value = node->get<double>() * factor;
  if (value < 0 || value > 1e12) return Known<int64_t>::Unknown();
  return Known<int64_t>::Of(static_cast<int64_t>(value + 0.5));
}

// The last segment of a resource name ("vnet/snet" → "snet").
std::string_view LastSegment(std::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// The first segment of a resource name ("vnet/snet" → "vnet").
Text FirstSegment(Text name) { return name.Sub(0, name.find('/')); }

// The id of a child's parent: drop the last "/type/name" pair.
Text ParentId(Text normalized_id) {
  size_t cut = normalized_id.rfind('/');
  if (cut == std::string_view::npos || cut == 0) return {};
  cut = normalized_id.rfind('/', cut - 1);
  return cut == std::string_view::npos ? Text() : normalized_id.Sub(0, cut);
}

// What a parent declares of the child list at properties/<member> (RL023):
// Known (where it is) when it is an array whose entries all have known
// names; Unknown when the list, an entry or the parent's condition is.
InlineList ReadInlineList(const Json& body, std::string_view member, bool condition_unknown, ModelOrigin where) {
  bool unknown = false;
  const Json* list = Walk(body, {"properties", member}, &unknown);
  if (condition_unknown || unknown) return InlineList::Unknown();
  if (list == nullptr || list->is_null()) return {};
  if (!list->is_array()) return InlineList::Unknown();
  for (const Json& entry : *list) {
    if (IsUnknown(entry) || !StringAt(entry, {"name"}).known()) return InlineList::Unknown();
  }
  return InlineList::Of(where);
}

// ------------------------------------------------------------ value types

// The JSON type a routing property must have. A value of another type is
// what Azure rejects ("addressPrefix": 10, "routes": {...}); the readers
// above take it as Unknown, and CheckTypes says so.
enum class Expect : uint8_t { kString, kBool, kArray, kObject, kNumber };

struct ExpectedType {
  std::string path;  // '/'-separated members; '*' is every element of an array
  Expect type;
  std::vector<std::string> parts = {};  // the path split at '/', once
};

// Appends `inner` to *out with `prefix` before each path.
void With(std::string_view prefix, std::initializer_list<ExpectedType> inner, std::vector<ExpectedType>* out) {
  for (const ExpectedType& e : inner) {
    ExpectedType full{std::string(prefix) + e.path, e.type};
    for (std::string_view rest = full.path; !rest.empty();) {
      const size_t slash = rest.find('/');
      full.parts.emplace_back(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    out->push_back(std::move(full));
  }
}

// The expected paths of one resource type as a tree, so that a resource's
// body is walked once for all of them: a node is a member name ('*': every
// element of an array) with the checks of the paths that end there, each
// with its place in the type's list (the order in which they are reported).
struct PathNode {
  std::string key;
  std::vector<std::pair<size_t, Expect>> checks;
  std::vector<PathNode> children;
};

PathNode PathTree(const std::vector<ExpectedType>& paths) {
  PathNode root;
  for (size_t i = 0; i < paths.size(); ++i) {
    PathNode* node = &root;
    for (const std::string& part : paths[i].parts) {
      auto child = std::find_if(node->children.begin(), node->children.end(),
                                [&](const PathNode& c) { return c.key == part; });
      if (child == node->children.end()) child = node->children.insert(child, PathNode{part, {}, {}});
      node = &*child;
    }
    node->checks.emplace_back(i, paths[i].type);
  }
  return root;
}

// The routing properties the model reads, by lower-case resource type.
const std::map<std::string, PathNode, std::less<>>& ExpectedTypes() {
  static const auto* table = [] {
    const std::initializer_list<ExpectedType> subnet = {
        {"properties", Expect::kObject},
        {"properties/addressPrefix", Expect::kString},
        {"properties/addressPrefixes", Expect::kArray},
        {"properties/addressPrefixes/*", Expect::kString},
        {"properties/routeTable", Expect::kObject},
        {"properties/routeTable/id", Expect::kString},
        {"properties/delegations", Expect::kArray},
        {"properties/serviceEndpoints", Expect::kArray}};
    const std::initializer_list<ExpectedType> peering = {
        {"properties", Expect::kObject},
        {"properties/remoteVirtualNetwork", Expect::kObject},
        {"properties/remoteVirtualNetwork/id", Expect::kString},
        {"properties/allowVirtualNetworkAccess", Expect::kBool},
        {"properties/allowForwardedTraffic", Expect::kBool},
        {"properties/allowGatewayTransit", Expect::kBool},
        {"properties/useRemoteGateways", Expect::kBool}};
    const std::initializer_list<ExpectedType> route = {
        {"properties", Expect::kObject},
        {"properties/addressPrefix", Expect::kString},
        {"properties/nextHopType", Expect::kString},
        {"properties/nextHopIpAddress", Expect::kString}};
    const std::initializer_list<ExpectedType> ip_configurations = {
        {"properties/ipConfigurations", Expect::kArray},
        {"properties/ipConfigurations/*", Expect::kObject},
        {"properties/ipConfigurations/*/properties/subnet", Expect::kObject},
        {"properties/ipConfigurations/*/properties/subnet/id", Expect::kString},
        {"properties/ipConfigurations/*/properties/privateIPAddress", Expect::kString}};
    auto* t = new std::map<std::string, std::vector<ExpectedType>, std::less<>>;
    std::vector<ExpectedType>& vnet = (*t)["microsoft.network/virtualnetworks"];
    With("", {{"properties", Expect::kObject},
              {"properties/addressSpace", Expect::kObject},
              {"properties/addressSpace/addressPrefixes", Expect::kArray},
              {"properties/addressSpace/addressPrefixes/*", Expect::kString},
              {"properties/subnets", Expect::kArray},
              {"properties/subnets/*", Expect::kObject},
              {"properties/subnets/*/name", Expect::kString},
              {"properties/virtualNetworkPeerings", Expect::kArray},
              {"properties/virtualNetworkPeerings/*", Expect::kObject},
              {"properties/virtualNetworkPeerings/*/name", Expect::kString}},
         &vnet);
    With("properties/subnets/*/", subnet, &vnet);
    With("properties/virtualNetworkPeerings/*/", peering, &vnet);
    With("", subnet, &(*t)["microsoft.network/virtualnetworks/subnets"]);
    With("", peering, &(*t)["microsoft.network/virtualnetworks/virtualnetworkpeerings"]);
    std::vector<ExpectedType>& table_types = (*t)["microsoft.network/routetables"];
    With("", {{"properties", Expect::kObject},
              {"properties/disableBgpRoutePropagation", Expect::kBool},
              {"properties/routes", Expect::kArray},
              {"properties/routes/*", Expect::kObject},
              {"properties/routes/*/name", Expect::kString}},
         &table_types);
    With("properties/routes/*/", route, &table_types);
    With("", route, &(*t)["microsoft.network/routetables/routes"]);
    std::vector<ExpectedType>& nic = (*t)["microsoft.network/networkinterfaces"];
    With("", {{"properties", Expect::kObject}, {"properties/enableIPForwarding", Expect::kBool}}, &nic);
    With("", ip_configurations, &nic);
    std::vector<ExpectedType>& firewall = (*t)["microsoft.network/azurefirewalls"];
    With("", {{"properties", Expect::kObject}}, &firewall);
    With("", ip_configurations, &firewall);
    std::vector<ExpectedType>& gateway = (*t)["microsoft.network/virtualnetworkgateways"];
    With("", {{"properties", Expect::kObject},
              {"properties/gatewayType", Expect::kString},
              {"properties/enableBgp", Expect::kBool}},
         &gateway);
    With("", ip_configurations, &gateway);
    With("", {{"properties", Expect::kObject},
              {"properties/localNetworkAddressSpace", Expect::kObject},
              {"properties/localNetworkAddressSpace/addressPrefixes", Expect::kArray},
              {"properties/localNetworkAddressSpace/addressPrefixes/*", Expect::kString}},
         &(*t)["microsoft.network/localnetworkgateways"]);
    With("", {{"properties", Expect::kObject},
              {"properties/connectionType", Expect::kString},
              {"properties/virtualNetworkGateway1/id", Expect::kString},
              {"properties/virtualNetworkGateway2/id", Expect::kString},
              {"properties/localNetworkGateway2/id", Expect::kString}},
         &(*t)["microsoft.network/connections"]);
    auto* trees = new std::map<std::string, PathNode, std::less<>>;
    for (const auto& [type, paths] : *t) (*trees)[type] = PathTree(paths);
    delete t;
    return trees;
  }();
  return *table;
}

bool HasType(const Json& value, Expect type) {
  switch (type) {
    case Expect::kString: return value.is_string();
    case Expect::kBool:  // ARM converts "true" and "false" (BoolAt)
      return value.is_boolean() || (value.is_string() && (EqualsIgnoreCase(value.get_ref<const std::string&>(), "true") ||
                                                          EqualsIgnoreCase(value.get_ref<const std::string&>(), "false")));
    case Expect::kArray: return value.is_array();
    case Expect::kObject: return value.is_object();
    case Expect::kNumber: return value.is_number();
  }
  return true;
}

std::string_view TypeName(Expect type) {
  switch (type) {
    case Expect::kString: return "a string";
    case Expect::kBool: return "true or false";
    case Expect::kArray: return "an array";
    case Expect::kObject: return "an object";
    case Expect::kNumber: return "a number";
  }
  return "";
}

std::string JsonTypeName(const Json& value) {
  if (value.is_string()) return "the string \"" + value.get<std::string>().substr(0, 40) + "\"";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return "a number";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return std::string(value.type_name());
}

// ------------------------------------------------------------ reading one file

// The resource types the model reads, in the order they are joined: each
// kind may refer to those before it (a child subnet to its VNet, a
// connection to its gateways, a firewall to its subnet's prefix).
enum class Kind : uint8_t {
  kVnet,
  kSubnet,
  kRouteTable,
  kRoute,
  kPeering,
  kNic,
  kGateway,
  kLocalGateway,
  kExpressRoutePort,
  kCircuit,
  kCircuitPeering,
  kGlobalReachConnection,
  kApiManagement,
  kDatabricks,
  kAzureFirewall,
  kConnection,
  kLoadBalancer,
  kOther,  // not read: only its id counts (a second declaration of it is RL904)
};
constexpr size_t kKinds = static_cast<size_t>(Kind::kOther) + 1;

Kind KindOf(std::string_view lower_type) {
  static constexpr std::pair<std::string_view, Kind> kTypes[] = {
      {"microsoft.network/virtualnetworks", Kind::kVnet},
      {"microsoft.network/virtualnetworks/subnets", Kind::kSubnet},
      {"microsoft.network/routetables", Kind::kRouteTable},
      {"microsoft.network/routetables/routes", Kind::kRoute},
      {"microsoft.network/virtualnetworks/virtualnetworkpeerings", Kind::kPeering},
      {"microsoft.network/networkinterfaces", Kind::kNic},
      {"microsoft.network/virtualnetworkgateways", Kind::kGateway},
      {"microsoft.network/localnetworkgateways", Kind::kLocalGateway},
      {"microsoft.network/expressrouteports", Kind::kExpressRoutePort},
      {"microsoft.network/expressroutecircuits", Kind::kCircuit},
      {"microsoft.network/expressroutecircuits/peerings", Kind::kCircuitPeering},
      {"microsoft.network/expressroutecircuits/peerings/connections", Kind::kGlobalReachConnection},
      {"microsoft.apimanagement/service", Kind::kApiManagement},
      {"microsoft.databricks/workspaces", Kind::kDatabricks},
      {"microsoft.network/azurefirewalls", Kind::kAzureFirewall},
      {"microsoft.network/connections", Kind::kConnection},
      {"microsoft.network/loadbalancers", Kind::kLoadBalancer}};
  for (const auto& [type, kind] : kTypes) {
    if (type == lower_type) return kind;
  }
  return Kind::kOther;
}

// A subnet read from its declaration, with the problems found in its
// values: those are reported only if the join adds it (not when it repeats
// a subnet already in the model).
struct SubnetRead {
  Subnet subnet;  // vnet set by the join
  std::vector<ModelMessage> messages;
};

struct VnetRead {
  VirtualNetwork vnet;              // subnets and peerings indexed by the join
  std::vector<SubnetRead> subnets;  // declared inline, with known names
  std::vector<Peering> peerings;    // declared inline, with known names
};

struct GatewayRead {
  VirtualNetworkGateway gateway;
  Known<Text> subnet_id;  // of its first IP configuration
};

struct FirewallRead {
  std::optional<Firewall> firewall;  // none: no IP configuration names a subnet (a vWAN hub's firewall)
  Known<Text> subnet_id;
};

struct ConnectionRead {
  Connection connection;
  Known<Text> gateway1, gateway2, local_gateway;  // ids, resolved by the join
};

struct PortRead {
  Known<Text> peering_location;
};

struct GlobalReachRead {
  std::vector<ModelOrigin> connections;  // declared inline in a circuit peering
};

struct LoadBalancerRead {
  std::vector<IpAddress> frontends;
};

// Each kind on the heap at its own size (they range from 16 to 424 bytes),
// freed as soon as it is joined; none for a resource the model does not read.
template <typename... T>
using Boxed = std::variant<std::monostate, std::unique_ptr<T>...>;
using Payload = Boxed<VnetRead, SubnetRead, RouteTable, Route, Peering, NetworkInterface, GatewayRead,
                      LocalNetworkGateway, PortRead, ExpressRouteCircuit, GlobalReachRead, PaasService, FirewallRead,
                      ConnectionRead, LoadBalancerRead>;

// Calls fn with the payload's object (or std::monostate).
template <typename Fn>
void VisitPayload(Payload& payload, Fn&& fn) {
  std::visit(
      [&](auto& box) {
        if constexpr (std::is_same_v<std::decay_t<decltype(box)>, std::monostate>) {
          fn(box);
        } else {
          fn(*box);
        }
      },
      payload);
}

template <typename T>
Payload Box(T object) {
  return std::make_unique<T>(std::move(object));
}

}  // namespace

// One resource of a file, read into what the model keeps of it.
// An estate has one of these per resource, all alive until the join: what
// repeats across a file's resources (type, linked file) is kept once in the
// fragment and named by index.
struct ReadResource {
  Kind kind = Kind::kOther;
  bool condition_unknown = false;
  uint32_t type = 0;         // ModelFragment::Data::types: as declared
  uint32_t linked_file = 0;  // 1 + index in ModelFragment::Data::linked_files; 0: the file read
  Text name;  // as declared ("vnet-hub/GatewaySubnet")
  Text id;    // normalised
  ModelOrigin origin;
  uint64_t digest = 0;  // of the evaluated body, for RL904
  std::vector<ModelMessage> messages;  // reported when it is the first declaration of its id
  Payload payload;  // what the model takes of it
};

struct ModelFragment::Data {
  uint32_t file = 0;
  std::shared_ptr<TextPool> texts;        // where its model objects' texts are kept
  std::vector<std::string> types;         // the resource types its resources declare
  std::vector<std::string> linked_files;  // the linked templates that declare some of them
  std::vector<ReadResource> resources;
};

ModelFragment::ModelFragment() = default;
ModelFragment::~ModelFragment() = default;
ModelFragment::ModelFragment(ModelFragment&&) noexcept = default;
ModelFragment& ModelFragment::operator=(ModelFragment&&) noexcept = default;
size_t ModelFragment::resources() const { return data_ ? data_->resources.size() : 0; }

namespace {

// Reads the resources of one file into model objects, without the rest of
// the estate: what depends on other resources (which VNet a child subnet
// joins, whether it repeats one) is left to the join.
class ResourceReader {
 public:
  ResourceReader(ModelFragment::Data* fragment, TextPool* texts)
      : file_(fragment->file), fragment_(*fragment), texts_(*texts) {}

  ReadResource Read(const ExpandedResource& r) {
    ReadResource read;
    const std::string type = ToLowerAscii(r.type);
    read.kind = KindOf(type);
    read.type = IndexOf(r.type, &fragment_.types);
    read.name = texts_.Keep(r.name);
    read.id = KeepId(texts_, r.id);
    read.origin = OriginOf(r);
    read.linked_file = r.file.empty() ? 0 : IndexOf(r.file, &fragment_.linked_files) + 1;
    read.condition_unknown = r.condition_unknown;
    read.digest = DigestValue(r.body);
    ReportUnknowns(type, r, &read.messages);
    CheckTypes(type, r, &read.messages);
    read.payload = ReadPayload(read, r);
    return read;
  }

 private:
  // Where a message about `r` points: messages are few, and not kept in the pool.
  Origin MessageOrigin(const ExpandedResource& r, std::string_view relative = {}) const {
    return Origin{file_, r.pointer + std::string(relative), r.context};
  }

  ModelOrigin OriginOf(const ExpandedResource& r, std::string_view relative = {}) {
    scratch_.assign(r.pointer).append(relative);
    return ModelOrigin{file_, texts_.Keep(scratch_), texts_.Intern(r.context)};
  }

  static void Message(std::vector<ModelMessage>* out, std::string id, Severity severity, Origin origin, std::string text) {
    out->push_back({std::move(id), severity, std::move(origin), std::move(text)});
  }

  Payload ReadPayload(ReadResource& read, const ExpandedResource& r) {
    switch (read.kind) {
      case Kind::kVnet: return Box(ReadVnet(read, r));
      case Kind::kSubnet:
        return Box(ReadSubnet({}, texts_.Keep(LastSegment(r.name)), r.body, read.origin, /*origin_adopted=*/true));
      case Kind::kRouteTable: return Box(ReadRouteTable(r));
      case Kind::kRoute: return Box(ReadRoute(r.body, texts_.Keep(LastSegment(r.name)), {}));
      case Kind::kPeering: return Box(ReadPeering({}, texts_.Keep(LastSegment(r.name)), r.body, {}));
      case Kind::kNic: return Box(ReadNic(r));
      case Kind::kGateway: return Box(ReadGateway(r));
      case Kind::kLocalGateway: return Box(ReadLocalGateway(read, r));
      case Kind::kExpressRoutePort: return Box(PortRead{TextAt(r.body, {"properties", "peeringLocation"})});
      case Kind::kCircuit: return Box(ReadCircuit(r));
      case Kind::kCircuitPeering: return Box(GlobalReachRead{InlineGlobalReach(r.body, read.origin)});
      case Kind::kApiManagement: return Box(ReadApiManagement(r));
      case Kind::kDatabricks: return Box(ReadDatabricksWorkspace(r));
      case Kind::kAzureFirewall: return Box(ReadAzureFirewall(r));
      case Kind::kConnection: return Box(ReadConnection(r));
      case Kind::kLoadBalancer: return Box(ReadLoadBalancer(r));
      case Kind::kGlobalReachConnection:
      case Kind::kOther: break;
    }
    return std::monostate{};
  }

  // RL900: the routing-relevant properties of a resource that stayed
  // Unknown, in one note per resource.
  void ReportUnknowns(const std::string& type, const ExpandedResource& r, std::vector<ModelMessage>* out) const {
    static constexpr std::string_view kRelevant[] = {
        "addressprefix",      "nexthoptype",       "nexthopipaddress", "disablebgproutepropagation",
        "routetable",         "remotevirtualnetwork", "allowforwardedtraffic", "allowgatewaytransit",
        "useremotegateways",  "addressspace",      "subnet",           "privateipaddress",
        "enableipforwarding", "localnetworkaddressspace", "gatewaytype", "routes", "subnets",
        "virtualnetworkpeerings", "ipconfigurations", "virtualnetworkgateway1", "localnetworkgateway2", "/peer/"};
    // Types whose other properties decide RL016/RL017, with those properties.
    static constexpr std::pair<std::string_view, std::string_view> kTypeRelevant[] = {
        {"microsoft.network/expressroutecircuits", "/sku/"},
        {"microsoft.network/expressroutecircuits", "bandwidthin"},
        {"microsoft.network/expressroutecircuits", "peeringlocation"},
        {"microsoft.network/expressroutecircuits", "expressrouteport"},
        {"microsoft.apimanagement/service", "/sku/"},
        {"microsoft.apimanagement/service", "virtualnetworktype"},
        {"microsoft.apimanagement/service", "additionallocations"},
        {"microsoft.databricks/workspaces", "customvirtualnetworkid"},
        {"microsoft.databricks/workspaces", "custompublicsubnetname"},
        {"microsoft.databricks/workspaces", "customprivatesubnetname"},
        {"microsoft.databricks/workspaces", "requirednsgrules"}};
    static constexpr std::string_view kRoutingTypes[] = {
        "microsoft.network/virtualnetworks",         "microsoft.network/virtualnetworks/subnets",
        "microsoft.network/virtualnetworks/virtualnetworkpeerings", "microsoft.network/routetables",
        "microsoft.network/routetables/routes",      "microsoft.network/azurefirewalls",
        "microsoft.network/networkinterfaces",       "microsoft.network/virtualnetworkgateways",
        "microsoft.network/localnetworkgateways",    "microsoft.network/connections",
        "microsoft.network/loadbalancers",           "microsoft.resources/deployments",
        "microsoft.network/expressroutecircuits",    "microsoft.apimanagement/service",
        "microsoft.databricks/workspaces"};
    if (r.unknowns.empty()) return;
    if (std::find(std::begin(kRoutingTypes), std::end(kRoutingTypes), type) == std::end(kRoutingTypes)) return;
    std::vector<std::string> items;
    for (const UnknownProperty& u : r.unknowns) {
      if (u.error) continue;  // an expression that failed: RL903 says so
      const std::string lower = ToLowerAscii(u.path);
      const bool relevant = std::any_of(std::begin(kRelevant), std::end(kRelevant), [&](std::string_view key) {
        return lower.find(std::string(key)) != std::string::npos;
      }) || std::any_of(std::begin(kTypeRelevant), std::end(kTypeRelevant), [&](const auto& entry) {
        return entry.first == type && (lower + "/").find(std::string(entry.second)) != std::string::npos;
      });
      if (relevant) items.push_back(fmt::format("{} ({})", u.path.empty() ? "/" : u.path.substr(1), u.reason));
    }
    if (items.empty()) return;
    std::string text = fmt::format("{} '{}': routing-relevant values unknown before deployment, rules stay silent on them: ",
                                   r.type, r.name);
    for (size_t i = 0; i < items.size(); ++i) text += (i ? "; " : "") + items[i];
    Message(out, "RL900", Severity::kNote, MessageOrigin(r), std::move(text));
  }

  // RL903 for each routing property of the wrong JSON type (a number where
  // Azure wants a CIDR string, an object where it wants the list of routes):
  // Azure rejects those, and the model takes them as Unknown.
  void CheckTypes(const std::string& type, const ExpandedResource& r, std::vector<ModelMessage>* out) const {
    const auto& table = ExpectedTypes();
    auto it = table.find(type);
    if (it == table.end()) return;
    std::vector<PathStep> trail;
    std::vector<WrongType> wrong;
    CheckTree(r.body, it->second, &trail, &wrong);
    if (wrong.empty()) return;
    // In the order of the type's list, and along each path in the order of
    // the array elements, as each path walked alone would find them.
    std::stable_sort(wrong.begin(), wrong.end(), [](const WrongType& a, const WrongType& b) {
      if (a.path != b.path) return a.path < b.path;
      return std::lexicographical_compare(a.trail.begin(), a.trail.end(), b.trail.begin(), b.trail.end(),
                                          [](const PathStep& x, const PathStep& y) { return x.index < y.index; });
    });
    constexpr size_t kMaxPerResource = 10;
    for (size_t i = 0; i < wrong.size() && i < kMaxPerResource; ++i) {
      const std::string pointer = RenderPointer(wrong[i].trail);
      std::string dotted = pointer.substr(1);
      std::replace(dotted.begin(), dotted.end(), '/', '.');
      Message(out, "RL903", Severity::kWarning, MessageOrigin(r, pointer),
              fmt::format("{} '{}': {} must be {}, not {}; Azure rejects this, and routelint ignores the value",
                          r.type, r.name, dotted, TypeName(wrong[i].type), JsonTypeName(*wrong[i].value)));
    }
  }

  // One step from a resource body down to a checked value: an object member
  // (as the template spells it) or an array index. The JSON pointer is
  // rendered from these only for a value of the wrong type, which is rare.
  struct PathStep {
    const std::string* key = nullptr;  // null: an array element
    size_t index = 0;
  };

  static std::string RenderPointer(const std::vector<PathStep>& trail) {
    std::string pointer;
    for (const PathStep& step : trail) {
      if (step.key == nullptr) {
        pointer += '/' + std::to_string(step.index);
      } else {
        AppendJsonPointerToken(*step.key, &pointer);
      }
    }
    return pointer;
  }

  // A routing value of the wrong JSON type: which expected path, where.
  struct WrongType {
    size_t path;  // index in the type's list
    std::vector<PathStep> trail;
    Expect type;
    const Json* value;
  };

  // Walks `node` along the expected paths below `tree`, collecting values
  // of the wrong type. Unknown and null values are not wrong: they stay
  // Unknown, or are absent.
  static void CheckTree(const Json& node, const PathNode& tree, std::vector<PathStep>* trail,
                        std::vector<WrongType>* wrong) {
    if (IsUnknown(node) || node.is_null()) return;
    for (const auto& [path, type] : tree.checks) {
      if (!HasType(node, type)) wrong->push_back({path, *trail, type, &node});
    }
    for (const PathNode& child : tree.children) {
      if (child.key == "*") {
        if (!node.is_array()) continue;
        for (size_t i = 0; i < node.size(); ++i) {
          trail->push_back(PathStep{nullptr, i});
          CheckTree(node[i], child, trail, wrong);
          trail->pop_back();
        }
        continue;
      }
      if (!node.is_object()) continue;
      // The member as the template spells it (ARM matches names
      // case-insensitively; templates mostly spell them as Azure does).
      const std::string* spelled = nullptr;
      const Json* member = FindMember(node, child.key, &spelled);
      if (member == nullptr) continue;
      trail->push_back(PathStep{spelled, 0});
      CheckTree(*member, child, trail, wrong);
      trail->pop_back();
    }
  }

  // Reads addressPrefix / addressPrefixes of a subnet-like object; an
  // invalid prefix is an RL903 in *out.
  static void ReadPrefixes(const Json& properties, std::initializer_list<std::string_view> single,
                           std::initializer_list<std::string_view> many, const ModelOrigin& origin, std::vector<Prefix>* prefixes,
                           bool* unknown, std::vector<ModelMessage>* out) {
    bool is_unknown = false;
    std::vector<const Json*> values;
    if (const Json* one = Walk(properties, single, &is_unknown)) values.push_back(one);
    *unknown = *unknown || is_unknown;
    if (const Json* list = Walk(properties, many, &is_unknown)) {
      if (list->is_array()) {
        for (const Json& item : *list) values.push_back(&item);
      }
    }
    *unknown = *unknown || is_unknown;
    for (const Json* value : values) {
      if (IsUnknown(*value)) {
        *unknown = true;
        continue;
      }
      if (!value->is_string()) continue;
      std::string error;
      if (std::optional<Prefix> prefix = Prefix::Parse(value->get_ref<const std::string&>(), &error)) {
        prefixes->push_back(*prefix);
      } else {
        Message(out, "RL903", Severity::kWarning, origin, "invalid address prefix: " + error);
        *unknown = true;
      }
    }
  }

  // `origin` places its value problems; with `origin_adopted` the subnet
  // takes its id and origin from its resource at the join (a child subnet).
  SubnetRead ReadSubnet(Text id, Text name, const Json& body, const ModelOrigin& origin, bool origin_adopted = false) {
    SubnetRead read;
    Subnet& subnet = read.subnet;
    subnet.id = id;
    subnet.name = name;
    const Json* properties = FindMember(body, "properties");
    static const Json kEmpty = Json::object();
    const Json& p = properties ? *properties : kEmpty;
    if (properties && IsUnknown(*properties)) subnet.prefixes_unknown = true;
    ReadPrefixes(p, {"addressPrefix"}, {"addressPrefixes"}, origin, &subnet.prefixes, &subnet.prefixes_unknown,
                 &read.messages);
    subnet.route_table_id = IdAt(texts_, p, {"routeTable", "id"});
    if (const Json* delegations = FindMember(p, "delegations"); delegations && delegations->is_array()) {
      for (const Json& d : *delegations) {
        Known<std::string_view> service = StringAt(d, {"properties", "serviceName"});
        if (service.known()) subnet.delegations.push_back(texts_.Intern(service.value));
      }
    }
    if (const Json* endpoints = FindMember(p, "serviceEndpoints"); endpoints && endpoints->is_array()) {
      for (const Json& e : *endpoints) {
        Known<std::string_view> service = StringAt(e, {"service"});
        if (service.known()) subnet.service_endpoints.push_back(texts_.Intern(service.value));
      }
    }
    if (!origin_adopted) subnet.origin = origin;
    return read;
  }

  Peering ReadPeering(Text id, Text name, const Json& body, ModelOrigin origin) {
    Peering peering;
    peering.id = id;
    peering.name = name;
    peering.origin = origin;
    peering.remote_vnet_id = IdAt(texts_, body, {"properties", "remoteVirtualNetwork", "id"});
    peering.allow_virtual_network_access = BoolAt(body, {"properties", "allowVirtualNetworkAccess"});
    peering.allow_forwarded_traffic = BoolAt(body, {"properties", "allowForwardedTraffic"});
    peering.allow_gateway_transit = BoolAt(body, {"properties", "allowGatewayTransit"});
    peering.use_remote_gateways = BoolAt(body, {"properties", "useRemoteGateways"});
    return peering;
  }

  VnetRead ReadVnet(ReadResource& read, const ExpandedResource& r) {
    VnetRead result;
    VirtualNetwork& v = result.vnet;
    bool unknown = false;
    const Json* prefixes = Walk(r.body, {"properties", "addressSpace", "addressPrefixes"}, &unknown);
    v.address_space_unknown = unknown;
    if (prefixes && prefixes->is_array()) {
      for (size_t i = 0; i < prefixes->size(); ++i) {
        const Json& item = (*prefixes)[i];
        if (!item.is_string()) {
          v.address_space_unknown = true;
          continue;
        }
        std::string error;
        if (auto prefix = Prefix::Parse(item.get_ref<const std::string&>(), &error)) {
          v.address_space.push_back(*prefix);
        } else {
          Message(&read.messages, "RL903", Severity::kWarning, MessageOrigin(r, "/properties/addressSpace"),
                  "invalid address space: " + error);
          v.address_space_unknown = true;
        }
      }
    }
    v.inline_subnets = ReadInlineList(r.body, "subnets", r.condition_unknown, OriginOf(r, "/properties/subnets"));
    v.inline_peerings = ReadInlineList(r.body, "virtualNetworkPeerings", r.condition_unknown,
                                       OriginOf(r, "/properties/virtualNetworkPeerings"));
    if (const Json* subnets = Walk(r.body, {"properties", "subnets"}, &unknown); subnets && subnets->is_array()) {
      for (size_t i = 0; i < subnets->size(); ++i) {
        const Json& s = (*subnets)[i];
        Known<std::string_view> name = StringAt(s, {"name"});
        if (!name.known()) continue;
        const Text id = KeepId(texts_, fmt::format("{}/subnets/{}", r.id, name.value));
        result.subnets.push_back(ReadSubnet(id, texts_.Keep(name.value), s,
                                            OriginOf(r, "/properties/subnets/" + std::to_string(i))));
      }
    }
    if (const Json* peerings = Walk(r.body, {"properties", "virtualNetworkPeerings"}, &unknown);
        peerings && peerings->is_array()) {
      for (size_t i = 0; i < peerings->size(); ++i) {
        const Json& p = (*peerings)[i];
        Known<std::string_view> name = StringAt(p, {"name"});
        if (!name.known()) continue;
        const Text id = KeepId(texts_, fmt::format("{}/virtualNetworkPeerings/{}", r.id, name.value));
        result.peerings.push_back(ReadPeering(id, texts_.Keep(name.value), p,
                                              OriginOf(r, "/properties/virtualNetworkPeerings/" + std::to_string(i))));
      }
    }
    return result;
  }

  Route ReadRoute(const Json& body, Text name, ModelOrigin origin) {
    Route route;
    route.name = name;
    route.origin = origin;
    route.address_prefix = TextAt(body, {"properties", "addressPrefix"});
    route.next_hop_type = TextAt(body, {"properties", "nextHopType"});
    route.next_hop_ip = TextAt(body, {"properties", "nextHopIpAddress"});
    if (route.address_prefix.known()) {
      const std::string_view text = route.address_prefix.value;
      // Service tags ("Storage", "AzureCloud.westeurope") are no CIDR; they
      // stay unparsed. Anything else must be a CIDR.
      const bool looks_like_tag = !text.empty() && std::isalpha(static_cast<unsigned char>(text[0])) &&
                                  text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_") ==
                                      std::string::npos &&
                                  text.find(':') == std::string::npos;
      std::string error;  // RL020 reads the text again to say why
      if (looks_like_tag) {
        route.is_service_tag = true;
      } else {
        route.prefix = Prefix::ParseLenient(text, &route.host_bits, &error);
      }
    }
    if (route.next_hop_ip.known() && !route.next_hop_ip.value.empty()) {
      std::string error;
      if (auto ip = IpAddress::Parse(route.next_hop_ip.value, &error)) route.next_hop_address = *ip;
    }
    return route;
  }

  RouteTable ReadRouteTable(const ExpandedResource& r) {
    RouteTable table;
    table.disable_bgp_route_propagation = BoolAt(r.body, {"properties", "disableBgpRoutePropagation"});
    bool unknown = false;
    if (const Json* routes = Walk(r.body, {"properties", "routes"}, &unknown); routes && routes->is_array()) {
      for (size_t i = 0; i < routes->size(); ++i) {
        const Json& item = (*routes)[i];
        Known<Text> name = TextAt(item, {"name"});
        if (IsUnknown(item)) {
          table.routes_unknown = true;
          continue;
        }
        table.routes.push_back(ReadRoute(item, name.Or(""), OriginOf(r, "/properties/routes/" + std::to_string(i))));
        table.routes.back().declared_inline = true;
      }
    }
    table.routes_unknown = table.routes_unknown || unknown;
    table.inline_routes = ReadInlineList(r.body, "routes", r.condition_unknown, OriginOf(r, "/properties/routes"));
    return table;
  }

  NetworkInterface ReadNic(const ExpandedResource& r) {
    NetworkInterface nic;
    nic.enable_ip_forwarding = BoolAt(r.body, {"properties", "enableIPForwarding"});
    bool unknown = false;
    if (const Json* configs = Walk(r.body, {"properties", "ipConfigurations"}, &unknown); configs && configs->is_array()) {
      for (const Json& config : *configs) {
        NetworkInterface::IpConfig ip;
        ip.subnet_id = IdAt(texts_, config, {"properties", "subnet", "id"});
        Known<std::string_view> method = StringAt(config, {"properties", "privateIPAllocationMethod"});
        Known<std::string_view> address = StringAt(config, {"properties", "privateIPAddress"});
        // A dynamic address is known once deployed: a live export reports it.
        const bool fixed = r.deployed || (method.known() && EqualsIgnoreCase(method.value, "Static"));
        if (fixed && address.known()) {
          std::string error;
          if (auto parsed = IpAddress::Parse(address.value, &error)) ip.private_ip = Known<IpAddress>::Of(*parsed);
        } else {
          ip.private_ip = Known<IpAddress>::Unknown();  // Azure picks a dynamic address at deployment
        }
        nic.ip_configs.push_back(std::move(ip));
      }
    }
    return nic;
  }

  GatewayRead ReadGateway(const ExpandedResource& r) {
    GatewayRead result;
    VirtualNetworkGateway& gateway = result.gateway;
    gateway.gateway_type = TextAt(r.body, {"properties", "gatewayType"});
    gateway.vpn_type = TextAt(r.body, {"properties", "vpnType"});
    gateway.enable_bgp = BoolAt(r.body, {"properties", "enableBgp"});
    gateway.location = LocationAt(texts_, r.body);
    bool unknown = false;
    if (const Json* configs = Walk(r.body, {"properties", "ipConfigurations"}, &unknown);
        configs && configs->is_array() && !configs->empty()) {
      result.subnet_id = IdAt(texts_, (*configs)[0], {"properties", "subnet", "id"});
    }
    return result;
  }

  static LocalNetworkGateway ReadLocalGateway(ReadResource& read, const ExpandedResource& r) {
    LocalNetworkGateway lng;
    if (const Json* properties = FindMember(r.body, "properties")) {
      ReadPrefixes(*properties, {"localNetworkAddressSpace", "addressPrefix"}, {"localNetworkAddressSpace", "addressPrefixes"},
                   read.origin, &lng.prefixes, &lng.prefixes_unknown, &read.messages);
    }
    return lng;
  }

  FirewallRead ReadAzureFirewall(const ExpandedResource& r) {
    FirewallRead result;
    bool unknown = false;
    const Json* configs = Walk(r.body, {"properties", "ipConfigurations"}, &unknown);
    if (configs == nullptr || !configs->is_array()) return result;  // vWAN-hub firewalls have none
    for (const Json& config : *configs) {
      Known<Text> subnet_id = IdAt(texts_, config, {"properties", "subnet", "id"});
      if (subnet_id.absent()) continue;
      Firewall firewall;
      firewall.kind = Firewall::Kind::kAzureFirewall;
      Known<std::string_view> given = StringAt(config, {"properties", "privateIPAddress"});
      if (given.known()) {
        std::string error;
        if (auto ip = IpAddress::Parse(given.value, &error)) firewall.private_ip = Known<IpAddress>::Of(*ip);
      }
      bool management_unknown = false;
      firewall.management_configuration =
          Walk(r.body, {"properties", "managementIpConfiguration"}, &management_unknown) != nullptr;
      result.firewall = std::move(firewall);
      result.subnet_id = subnet_id;
      break;  // one private IP per firewall: the configuration with the subnet
    }
    return result;
  }

  static LoadBalancerRead ReadLoadBalancer(const ExpandedResource& r) {
    LoadBalancerRead result;
    bool unknown = false;
    const Json* frontends = Walk(r.body, {"properties", "frontendIPConfigurations"}, &unknown);
    if (frontends == nullptr || !frontends->is_array()) return result;
    for (const Json& frontend : *frontends) {
      Known<std::string_view> address = StringAt(frontend, {"properties", "privateIPAddress"});
      std::string error;
      if (!address.known()) continue;
      if (auto ip = IpAddress::Parse(address.value, &error)) result.frontends.push_back(*ip);
    }
    return result;
  }

  ConnectionRead ReadConnection(const ExpandedResource& r) {
    ConnectionRead result;
    Connection& c = result.connection;
    c.connection_type = TextAt(r.body, {"properties", "connectionType"});
    result.gateway1 = IdAt(texts_, r.body, {"properties", "virtualNetworkGateway1", "id"});
    result.gateway2 = IdAt(texts_, r.body, {"properties", "virtualNetworkGateway2", "id"});
    result.local_gateway = IdAt(texts_, r.body, {"properties", "localNetworkGateway2", "id"});
    c.peer_id = IdAt(texts_, r.body, {"properties", "peer", "id"});
    c.condition_unknown = r.condition_unknown;
    return result;
  }

  // ---------------------------------------------------------- ExpressRoute circuits (RL017)

  // Global Reach connections inline in a peering's `connections`.
  std::vector<ModelOrigin> InlineGlobalReach(const Json& peering, const ModelOrigin& peering_origin) {
    std::vector<ModelOrigin> connections_found;
    bool unknown = false;
    const Json* connections = Walk(peering, {"properties", "connections"}, &unknown);
    if (connections == nullptr || !connections->is_array()) return connections_found;
    for (size_t i = 0; i < connections->size(); ++i) {
      if (IsUnknown((*connections)[i])) continue;
      ModelOrigin origin = peering_origin;
      origin.pointer = texts_.Keep(fmt::format("{}/properties/connections/{}", peering_origin.pointer, i));
      connections_found.push_back(origin);
    }
    return connections_found;
  }

  ExpressRouteCircuit ReadCircuit(const ExpandedResource& r) {
    ExpressRouteCircuit circuit;
    circuit.location = LocationAt(texts_, r.body);
    circuit.sku_tier = TextAt(r.body, {"sku", "tier"});
    circuit.sku_family = TextAt(r.body, {"sku", "family"});
    circuit.bandwidth_mbps = NumberAt(r.body, {"properties", "serviceProviderProperties", "bandwidthInMbps"}, 1);
    if (circuit.bandwidth_mbps.absent()) circuit.bandwidth_mbps = NumberAt(r.body, {"properties", "bandwidthInGbps"}, 1000);
    circuit.peering_location = TextAt(r.body, {"properties", "serviceProviderProperties", "peeringLocation"});
    circuit.express_route_port_id = IdAt(texts_, r.body, {"properties", "expressRoutePort", "id"});
    bool unknown = false;
    if (const Json* peerings = Walk(r.body, {"properties", "peerings"}, &unknown); peerings && peerings->is_array()) {
      for (size_t i = 0; i < peerings->size(); ++i) {
        for (const ModelOrigin& origin :
             InlineGlobalReach((*peerings)[i], OriginOf(r, "/properties/peerings/" + std::to_string(i)))) {
          circuit.global_reach.push_back(origin);
        }
      }
    }
    return circuit;
  }

  // ---------------------------------------------------------- PaaS services in subnets (RL016)

  static void AddSubnetReference(PaasService& service, const Known<Text>& id) {
    if (id.unknown()) service.subnets_unknown = true;
    if (id.known() && !id.value.empty()) service.subnet_ids.push_back(id.value);
  }

  PaasService ReadApiManagement(const ExpandedResource& r) {
    PaasService service;
    service.kind = PaasService::Kind::kApiManagement;
    service.condition_unknown = r.condition_unknown;
    service.sku = TextAt(r.body, {"sku", "name"});
    service.mode = TextAt(r.body, {"properties", "virtualNetworkType"});
    AddSubnetReference(service, IdAt(texts_, r.body, {"properties", "virtualNetworkConfiguration", "subnetResourceId"}));
    bool unknown = false;
    if (const Json* locations = Walk(r.body, {"properties", "additionalLocations"}, &unknown);
        locations && locations->is_array()) {
      for (const Json& location : *locations) {
        AddSubnetReference(service, IdAt(texts_, location, {"virtualNetworkConfiguration", "subnetResourceId"}));
      }
    }
    if (unknown) service.subnets_unknown = true;
    return service;
  }

  // A workspace with VNet injection names its VNet and its two subnets in
  // its parameters ({"value": ...} objects).
  PaasService ReadDatabricksWorkspace(const ExpandedResource& r) {
    PaasService service;
    service.kind = PaasService::Kind::kDatabricks;
    service.condition_unknown = r.condition_unknown;
    service.mode = TextAt(r.body, {"properties", "requiredNsgRules"});
    const Known<Text> vnet = IdAt(texts_, r.body, {"properties", "parameters", "customVirtualNetworkId", "value"});
    if (vnet.unknown()) service.subnets_unknown = true;
    if (vnet.known()) {
      for (std::string_view parameter : {"customPublicSubnetName", "customPrivateSubnetName"}) {
        Known<Text> name = TextAt(r.body, {"properties", "parameters", parameter, "value"});
        if (name.known()) name.value = KeepId(texts_, fmt::format("{}/subnets/{}", vnet.value, name.value));
        AddSubnetReference(service, name);
      }
    }
    return service;
  }

  // The index of `text` in *list, added at its end if new (lists are short:
  // a file declares a handful of types).
  static uint32_t IndexOf(const std::string& text, std::vector<std::string>* list) {
    auto it = std::find(list->begin(), list->end(), text);
    if (it == list->end()) it = list->insert(list->end(), text);
    return static_cast<uint32_t>(it - list->begin());
  }

  // The string at `path`, kept for the model.
  Known<Text> TextAt(const Json& root, std::initializer_list<std::string_view> path) {
    return Kept(texts_, StringAt(root, path));
  }

  uint32_t file_;
  ModelFragment::Data& fragment_;
  TextPool& texts_;
  std::string scratch_;  // an origin's pointer while it is put together
};

// Every origin a read resource holds, for moving it to another file.
template <typename Fn>
void ForEachOrigin(ReadResource& read, Fn&& fn) {
  fn(read.origin);
  for (ModelMessage& m : read.messages) fn(m.origin);
  auto inline_list = [&](InlineList& list) {
    if (list.known()) fn(list.value);
  };
  VisitPayload(
      read.payload, [&](auto& payload) {
        using T = std::decay_t<decltype(payload)>;
        if constexpr (std::is_same_v<T, VnetRead>) {
          fn(payload.vnet.origin);
          inline_list(payload.vnet.inline_subnets);
          inline_list(payload.vnet.inline_peerings);
          for (SubnetRead& s : payload.subnets) {
            fn(s.subnet.origin);
            for (ModelMessage& m : s.messages) fn(m.origin);
          }
          for (Peering& p : payload.peerings) fn(p.origin);
        } else if constexpr (std::is_same_v<T, SubnetRead>) {
          fn(payload.subnet.origin);
          for (ModelMessage& m : payload.messages) fn(m.origin);
        } else if constexpr (std::is_same_v<T, RouteTable>) {
          fn(payload.origin);
          inline_list(payload.inline_routes);
          for (Route& route : payload.routes) fn(route.origin);
        } else if constexpr (std::is_same_v<T, ExpressRouteCircuit>) {
          fn(payload.origin);
          for (ModelOrigin& o : payload.global_reach) fn(o);
        } else if constexpr (std::is_same_v<T, GlobalReachRead>) {
          for (ModelOrigin& o : payload.connections) fn(o);
        } else if constexpr (std::is_same_v<T, GatewayRead>) {
          fn(payload.gateway.origin);
        } else if constexpr (std::is_same_v<T, FirewallRead>) {
          if (payload.firewall) fn(payload.firewall->origin);
        } else if constexpr (std::is_same_v<T, ConnectionRead>) {
          fn(payload.connection.origin);
        } else if constexpr (std::is_same_v<T, Route> || std::is_same_v<T, Peering> ||
                             std::is_same_v<T, NetworkInterface> || std::is_same_v<T, LocalNetworkGateway> ||
                             std::is_same_v<T, PaasService>) {
          fn(payload.origin);
        }
      });
}

// ------------------------------------------------------------ joining the estate

// Joins the files' read resources into one model, in file order: the first
// declaration of an id counts; kinds are joined in dependency order, then
// references between objects are resolved.
class Joiner {
 public:
  Joiner(Model* model, std::vector<ModelMessage>* messages) : m_(*model), messages_(*messages) {}

  void Collect(ModelFragment::Data& file) {
    for (ReadResource& r : file.resources) {
      // Resources of a linked template belong to that template's file.
      if (r.linked_file != 0) {
        const uint32_t linked = FileIndex(file.linked_files[r.linked_file - 1]);
        ForEachOrigin(r, [linked](auto& origin) { origin.file = linked; });
      }
      auto [it, inserted] = seen_.try_emplace(r.id, &r);
      if (!inserted) {
        // Content that differs where both are known; where an Unknown may
        // hide a difference, nothing is said.
        if (it->second->digest != r.digest) {
          Message("RL904", Severity::kWarning, r.origin,
                  fmt::format("{} '{}' is also declared elsewhere with different content; routelint uses the "
                              "first declaration (ARM would deploy whichever runs last)",
                              file.types[r.type], r.name));
        }
        continue;
      }
      AddMessages(&r.messages);
      by_kind_[static_cast<size_t>(r.kind)].push_back(&r);
    }
  }

  void Build() {
    Reserve();
    seen_ = {};  // its keys view the ids released below
    for (size_t kind = 0; kind < kKinds; ++kind) {
      for (ReadResource* r : by_kind_[kind]) {
        Add(*r);
        // Joined: what is left of it goes, and the model's next objects
        // reuse its memory.
        r->payload = std::monostate{};
      }
    }
    ResolveReferences();
    AddNetworkVirtualAppliances();
  }

 private:
  uint32_t FileIndex(const std::string& path) const {
    for (size_t i = 0; i < m_.files.size(); ++i) {
      if (m_.files[i] == path) return static_cast<uint32_t>(i);
    }
    return 0;  // lint.cc lists every linked file; not reached
  }

  // Room for the objects the join will add, so that the model's lists are
  // not grown (and copied) step by step to twice what they hold.
  void Reserve() {
    auto count = [this](Kind kind) { return by_kind_[static_cast<size_t>(kind)].size(); };
    size_t inline_subnets = 0;
    size_t inline_peerings = 0;
    for (const ReadResource* r : by_kind_[static_cast<size_t>(Kind::kVnet)]) {
      const VnetRead& vnet = *std::get<std::unique_ptr<VnetRead>>(r->payload);
      inline_subnets += vnet.subnets.size();
      inline_peerings += vnet.peerings.size();
    }
    m_.vnets.reserve(count(Kind::kVnet));
    m_.subnets.reserve(count(Kind::kSubnet) + inline_subnets);
    m_.peerings.reserve(count(Kind::kPeering) + inline_peerings);
    m_.route_tables.reserve(count(Kind::kRouteTable));
    m_.nics.reserve(count(Kind::kNic));
    m_.gateways.reserve(count(Kind::kGateway));
    m_.firewalls.reserve(count(Kind::kAzureFirewall));
  }

  void Message(std::string id, Severity severity, Origin origin, std::string text) {
    messages_.push_back({std::move(id), severity, std::move(origin), std::move(text)});
  }

  void AddMessages(std::vector<ModelMessage>* messages) {
    for (ModelMessage& m : *messages) messages_.push_back(std::move(m));
    messages->clear();
  }

  void Add(ReadResource& r) {
    VisitPayload(
        r.payload, [&](auto& payload) {
          using T = std::decay_t<decltype(payload)>;
          if constexpr (std::is_same_v<T, VnetRead>) {
            AddVnet(r, payload);
          } else if constexpr (std::is_same_v<T, SubnetRead>) {
            AddChildSubnet(r, payload);
          } else if constexpr (std::is_same_v<T, RouteTable>) {
            Adopt(r, payload);
            m_.route_table_by_id.Add(payload.id, static_cast<ObjectIndex>(m_.route_tables.size()));
            m_.route_tables.push_back(std::move(payload));
          } else if constexpr (std::is_same_v<T, Route>) {
            AddChildRoute(r, payload);
          } else if constexpr (std::is_same_v<T, Peering>) {
            AddChildPeering(r, payload);
          } else if constexpr (std::is_same_v<T, NetworkInterface>) {
            Adopt(r, payload);
            m_.nics.push_back(std::move(payload));
          } else if constexpr (std::is_same_v<T, GatewayRead>) {
            Adopt(r, payload.gateway);
            if (payload.subnet_id.known()) {
              pending_subnet_refs_.push_back({RefKind::kGateway, m_.gateways.size(), payload.subnet_id.value});
            }
            m_.gateway_by_id.Add(payload.gateway.id, static_cast<ObjectIndex>(m_.gateways.size()));
            m_.gateways.push_back(std::move(payload.gateway));
          } else if constexpr (std::is_same_v<T, LocalNetworkGateway>) {
            Adopt(r, payload);
            m_.local_gateway_by_id.Add(payload.id, static_cast<ObjectIndex>(m_.local_gateways.size()));
            m_.local_gateways.push_back(std::move(payload));
          } else if constexpr (std::is_same_v<T, PortRead>) {
            port_peering_location_[r.id] = payload.peering_location;
          } else if constexpr (std::is_same_v<T, ExpressRouteCircuit>) {
            Adopt(r, payload);
            m_.circuit_by_id.Add(payload.id, static_cast<ObjectIndex>(m_.circuits.size()));
            m_.circuits.push_back(std::move(payload));
          } else if constexpr (std::is_same_v<T, GlobalReachRead>) {
            // A circuit outside the estate: its links are not counted.
            const ObjectIndex circuit = m_.FindCircuit(ParentId(r.id));
            if (circuit == kNone) return;
            for (const ModelOrigin& o : payload.connections) m_.circuits[circuit].global_reach.push_back(o);
          } else if constexpr (std::is_same_v<T, PaasService>) {
            Adopt(r, payload);
            m_.paas_services.push_back(std::move(payload));
          } else if constexpr (std::is_same_v<T, FirewallRead>) {
            if (!payload.firewall) return;
            Adopt(r, *payload.firewall);
            if (payload.subnet_id.known()) {
              pending_subnet_refs_.push_back({RefKind::kFirewall, m_.firewalls.size(), payload.subnet_id.value});
            }
            m_.firewalls.push_back(std::move(*payload.firewall));
          } else if constexpr (std::is_same_v<T, ConnectionRead>) {
            Connection& c = payload.connection;
            Adopt(r, c);
            if (payload.gateway1.known()) c.gateway1 = m_.FindGateway(payload.gateway1.value);
            if (payload.gateway2.known()) c.gateway2 = m_.FindGateway(payload.gateway2.value);
            if (payload.local_gateway.known()) c.local_gateway = m_.FindLocalGateway(payload.local_gateway.value);
            m_.connections.push_back(std::move(c));
          } else if constexpr (std::is_same_v<T, LoadBalancerRead>) {
            for (const IpAddress& ip : payload.frontends) m_.load_balancer_frontends.push_back(ip);
          } else if (r.kind == Kind::kGlobalReachConnection && !r.condition_unknown) {
            const ObjectIndex circuit = m_.FindCircuit(ParentId(ParentId(r.id)));
            if (circuit != kNone) m_.circuits[circuit].global_reach.push_back(r.origin);
          }
        });
  }

  // The model object takes its resource's id, name and origin, which the
  // reader leaves to the join.
  template <typename T>
  static void Adopt(const ReadResource& r, T& object) {
    object.id = r.id;
    object.name = r.name;
    object.origin = r.origin;
  }

  ObjectIndex EnsureVnet(Text id, Text name, ModelOrigin origin) {
    if (ObjectIndex existing = m_.vnet_by_id.Exact(id); existing != kNone) return existing;
    const ObjectIndex index = static_cast<ObjectIndex>(m_.vnets.size());
    m_.vnet_by_id.Add(id, index);
    VirtualNetwork vnet;
    vnet.id = id;
    vnet.name = name;
    vnet.origin = origin;
    m_.vnets.push_back(std::move(vnet));
    return index;
  }

  void AddVnet(ReadResource& r, VnetRead& read) {
    VirtualNetwork& v = read.vnet;
    // VNets join first: no other declaration of this id is in the model yet.
    const ObjectIndex vnet = EnsureVnet(r.id, r.name, r.origin);
    {
      VirtualNetwork& target = m_.vnets[vnet];
      target.address_space_unknown = v.address_space_unknown;
      for (const Prefix& p : v.address_space) target.address_space.push_back(p);
      target.inline_subnets = std::move(v.inline_subnets);
      target.inline_peerings = std::move(v.inline_peerings);
    }
    for (SubnetRead& s : read.subnets) {
      const ObjectIndex subnet = AddSubnet(vnet, s);
      m_.subnets[subnet].declared_inline = true;
    }
    for (Peering& p : read.peerings) {
      const ObjectIndex peering = AddPeering(vnet, p);
      m_.peerings[peering].declared_inline = true;
    }
  }

  // A child resource's parent VNet; a VNet declared in no input file (an
  // existing one) is added with an unknown address space.
  ObjectIndex ParentVnet(const ReadResource& r) {
    const Text parent_id = ParentId(r.id);
    const ObjectIndex found = m_.FindVnet(parent_id);
    if (found != kNone) return found;
    const ObjectIndex vnet = EnsureVnet(parent_id, FirstSegment(r.name), r.origin);
    m_.vnets[vnet].address_space_unknown = true;
    return vnet;
  }

  // A subnet of `vnet` already in the model with this id, or with this name
  // (ARM compares names without regard to case), or kNone.
  ObjectIndex ExistingSubnet(ObjectIndex vnet, std::string_view id, std::string_view name) const {
    if (ObjectIndex existing = m_.subnet_by_id.Exact(id); existing != kNone) return existing;
    if (vnet == kNone) return kNone;
    for (ObjectIndex s : m_.vnets[vnet].subnets) {
      if (EqualsIgnoreCase(m_.subnets[s].name, name)) return s;
    }
    return kNone;
  }

  // Adds a subnet to `vnet` unless it repeats one there (then that one).
  ObjectIndex AddSubnet(ObjectIndex vnet, SubnetRead& read) {
    Subnet& s = read.subnet;
    if (ObjectIndex existing = ExistingSubnet(vnet, s.id, s.name); existing != kNone) return existing;
    const ObjectIndex index = static_cast<ObjectIndex>(m_.subnets.size());
    s.vnet = vnet;
    AddMessages(&read.messages);
    m_.subnet_by_id.Add(s.id, index);
    m_.subnets.push_back(std::move(s));
    if (vnet != kNone) m_.vnets[vnet].subnets.push_back(index);
    return index;
  }

  // A peering of `vnet` already in the model with this id or name, or
  // kNone. Looked up, not scanned: a hub has a peering per spoke.
  ObjectIndex ExistingPeering(ObjectIndex vnet, std::string_view id, std::string_view name) const {
    if (auto it = peering_by_id_.find(id); it != peering_by_id_.end() && m_.peerings[it->second].vnet == vnet) {
      return it->second;
    }
    auto it = peering_by_name_.find(VnetChild{vnet, name});
    return it == peering_by_name_.end() ? kNone : it->second;
  }

  ObjectIndex AddPeering(ObjectIndex vnet, Peering& read) {
    if (ObjectIndex existing = ExistingPeering(vnet, read.id, read.name); existing != kNone) return existing;
    const ObjectIndex index = static_cast<ObjectIndex>(m_.peerings.size());
    read.vnet = vnet;
    peering_by_id_.emplace(read.id, index);
    peering_by_name_.emplace(VnetChild{vnet, read.name}, index);
    m_.peerings.push_back(std::move(read));
    m_.vnets[vnet].peerings.push_back(index);
    return index;
  }

  // A child subnet resource. When its VNet declares the same subnet inline,
  // the model keeps the inline values and remembers the child's declaration
  // beside them (RL023), its value problems unreported.
  void AddChildSubnet(ReadResource& r, SubnetRead& read) {
    const ObjectIndex vnet = ParentVnet(r);
    read.subnet.id = r.id;
    read.subnet.origin = r.origin;
    if (const ObjectIndex existing = ExistingSubnet(vnet, read.subnet.id, read.subnet.name); existing != kNone) {
      Subnet& subnet = m_.subnets[existing];
      if (subnet.declared_inline && !subnet.declared_as_child && !r.condition_unknown) {
        subnet.declared_as_child = true;
        read.subnet.vnet = vnet;
        subnet.child_declaration = std::make_shared<const Subnet>(std::move(read.subnet));
      }
      return;
    }
    const ObjectIndex subnet = AddSubnet(vnet, read);
    m_.subnets[subnet].declared_as_child = !r.condition_unknown;
  }

  void AddChildPeering(ReadResource& r, Peering& read) {
    const ObjectIndex vnet = ParentVnet(r);
    read.id = r.id;
    read.origin = r.origin;
    if (const ObjectIndex existing = ExistingPeering(vnet, read.id, read.name); existing != kNone) {
      Peering& peering = m_.peerings[existing];
      if (peering.declared_inline && !peering.declared_as_child && !r.condition_unknown) {
        peering.declared_as_child = true;
        read.vnet = vnet;
        peering.child_declaration = std::make_shared<const Peering>(std::move(read));
      }
      return;
    }
    const ObjectIndex peering = AddPeering(vnet, read);
    m_.peerings[peering].declared_as_child = !r.condition_unknown;
  }

  void AddChildRoute(ReadResource& r, Route& read) {
    ObjectIndex table = m_.FindRouteTable(ParentId(r.id));
    if (table == kNone) {
      Message("RL900", Severity::kNote, r.origin,
              fmt::format("route '{}' belongs to route table '{}', which no input file declares; it is not linted",
                          r.name, FirstSegment(r.name)));
      return;
    }
    read.origin = r.origin;
    // The same route (ARM compares names without regard to case) declared
    // inline too: one route, with the inline values and the child's
    // declaration beside them (RL023).
    for (Route& route : m_.route_tables[table].routes) {
      if (!route.declared_inline || !EqualsIgnoreCase(route.name, read.name)) continue;
      if (!route.declared_as_child && !r.condition_unknown) {
        route.declared_as_child = true;
        route.child_declaration = std::make_shared<const Route>(std::move(read));
      }
      return;
    }
    read.declared_as_child = !r.condition_unknown;
    m_.route_tables[table].routes.push_back(std::move(read));
  }

  void ResolveReferences() {
    for (Subnet& subnet : m_.subnets) {
      if (subnet.route_table_id.known()) subnet.route_table = m_.FindRouteTable(subnet.route_table_id.value);
    }
    for (Peering& peering : m_.peerings) {
      if (peering.remote_vnet_id.known()) peering.remote_vnet = m_.FindVnet(peering.remote_vnet_id.value);
    }
    for (Connection& c : m_.connections) {
      const bool other_type = c.connection_type.known() && !EqualsIgnoreCase(c.connection_type.value, "ExpressRoute");
      if (c.peer_id.known() && !other_type) c.circuit = m_.FindCircuit(c.peer_id.value);
    }
    for (ExpressRouteCircuit& circuit : m_.circuits) {
      if (!circuit.peering_location.absent() || !circuit.express_route_port_id.known()) continue;
      auto port = port_peering_location_.find(circuit.express_route_port_id.value);
      if (port != port_peering_location_.end()) circuit.peering_location = port->second;
    }
    for (PaasService& service : m_.paas_services) {
      for (const Text id : service.subnet_ids) {
        const ObjectIndex subnet = m_.FindSubnet(id);
        if (subnet != kNone) service.subnets.push_back(subnet);
      }
    }
    for (NetworkInterface& nic : m_.nics) {
      for (auto& config : nic.ip_configs) {
        if (config.subnet_id.known()) config.subnet = m_.FindSubnet(config.subnet_id.value);
      }
    }
    for (const SubnetRef& ref : pending_subnet_refs_) {
      const ObjectIndex subnet = m_.FindSubnet(ref.subnet_id);
      if (ref.kind == RefKind::kGateway) {
        VirtualNetworkGateway& gateway = m_.gateways[ref.index];
        gateway.subnet = subnet;
        gateway.vnet = subnet != kNone ? m_.subnets[subnet].vnet : m_.FindVnet(ParentId(ref.subnet_id));
      } else {
        Firewall& firewall = m_.firewalls[ref.index];
        firewall.subnet = subnet;
        // Azure gives the firewall the first assignable address of its
        // subnet: offsets 0-3 are reserved, so it is the fifth (Host(4)).
        if (!firewall.private_ip.known() && subnet != kNone) {
          const Subnet& s = m_.subnets[subnet];
          if (!s.prefixes.empty() && !s.prefixes_unknown) {
            if (auto ip = s.prefixes.front().Host(4)) firewall.private_ip = Known<IpAddress>::Of(*ip);
          } else {
            firewall.private_ip = Known<IpAddress>::Unknown();
          }
        }
      }
    }
  }

  // An NVA is a NIC with IP forwarding whose static address some
  // VirtualAppliance route points at.
  void AddNetworkVirtualAppliances() {
    std::vector<IpAddress> targets;
    for (const RouteTable& table : m_.route_tables) {
      for (const Route& route : table.routes) {
        if (route.next_hop_type.known() && EqualsIgnoreCase(route.next_hop_type.value, "VirtualAppliance") &&
            route.next_hop_address) {
          targets.push_back(*route.next_hop_address);
        }
      }
    }
    for (const NetworkInterface& nic : m_.nics) {
      if (!nic.enable_ip_forwarding.Or(false)) continue;
      for (const auto& config : nic.ip_configs) {
        if (!config.private_ip.known()) continue;
        if (std::find(targets.begin(), targets.end(), config.private_ip.value) == targets.end()) continue;
        if (m_.FirewallAt(config.private_ip.value) != kNone) continue;
        Firewall nva;
        nva.kind = Firewall::Kind::kNetworkVirtualAppliance;
        nva.id = nic.id;
        nva.name = nic.name;
        nva.origin = nic.origin;
        nva.subnet = config.subnet;
        nva.private_ip = config.private_ip;
        m_.firewalls.push_back(std::move(nva));
      }
    }
  }

  // A gateway's or firewall's subnet, resolved once every subnet is known.
  enum class RefKind { kGateway, kFirewall };
  struct SubnetRef {
    RefKind kind;
    size_t index;
    Text subnet_id;
  };

  Model& m_;
  std::vector<ModelMessage>& messages_;
  std::vector<SubnetRef> pending_subnet_refs_;
  std::map<std::string_view, Known<Text>> port_peering_location_;  // ExpressRoute Direct ports, by id
  // A VNet's child by name, which ARM compares without regard to case.
  struct VnetChild {
    ObjectIndex vnet;
    std::string_view name;
  };
  struct VnetChildHash {
    size_t operator()(const VnetChild& child) const {
      uint64_t hash = 1469598103934665603ULL ^ static_cast<uint64_t>(child.vnet);
      for (char c : child.name) hash = (hash ^ static_cast<unsigned char>(LowerAscii(c))) * 1099511628211ULL;
      return static_cast<size_t>(hash);
    }
  };
  struct VnetChildEqual {
    bool operator()(const VnetChild& a, const VnetChild& b) const {
      return a.vnet == b.vnet && EqualsIgnoreCase(a.name, b.name);
    }
  };
  // The peerings joined so far (views of the model's texts).
  std::unordered_map<std::string_view, ObjectIndex> peering_by_id_;
  std::unordered_map<VnetChild, ObjectIndex, VnetChildHash, VnetChildEqual> peering_by_name_;
  std::unordered_map<std::string_view, const ReadResource*> seen_;  // by normalised id (views into the resources)
  std::array<std::vector<ReadResource*>, kKinds> by_kind_;
};

}  // namespace

ModelFragment ReadModelFragment(const ExpandedFile& file, std::shared_ptr<TextPool> texts) {
  ModelFragment fragment;
  fragment.data_ = std::make_unique<ModelFragment::Data>();
  fragment.data_->file = file.file;
  fragment.data_->texts = std::move(texts);
  ResourceReader reader(fragment.data_.get(), fragment.data_->texts.get());
  fragment.data_->resources.reserve(file.resources.size());
  for (const ExpandedResource& r : file.resources) fragment.data_->resources.push_back(reader.Read(r));
  // Equal texts are kept once within a file (a subnet names its route
  // table's id). Across files little repeats but JSON pointers and a few
  // values, and an index of the whole estate's texts cost more time in
  // lookups (a sixth of a run) than it saved memory.
  fragment.data_->texts->ForgetIndex();
  return fragment;
}

Model JoinModel(std::vector<std::string> files, std::vector<ModelFragment> fragments, std::vector<ModelMessage>* messages) {
  Model model;
  model.files = std::move(files);
  // The model's own pool first (Model::Keep), then those the fragments'
  // texts are in, each once.
  model.texts.push_back(std::make_shared<TextPool>());
  for (ModelFragment& fragment : fragments) {
    if (!fragment.data_) continue;
    const std::shared_ptr<TextPool>& pool = fragment.data_->texts;
    if (std::find(model.texts.begin(), model.texts.end(), pool) == model.texts.end()) model.texts.push_back(pool);
  }
  Joiner joiner(&model, messages);
  for (ModelFragment& fragment : fragments) {
    if (fragment.data_) joiner.Collect(*fragment.data_);
  }
  joiner.Build();
  model.IndexFirewalls();
  InferRoles(&model);
  return model;
}

Model BuildModel(std::vector<std::string> files, const std::vector<ExpandedFile>& inputs,
                 std::vector<ModelMessage>* messages) {
  std::vector<ModelFragment> fragments;
  fragments.reserve(inputs.size());
  auto texts = std::make_shared<TextPool>();
  for (const ExpandedFile& file : inputs) fragments.push_back(ReadModelFragment(file, texts));
  return JoinModel(std::move(files), std::move(fragments), messages);
}

}  // namespace routelint

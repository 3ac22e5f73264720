#include "model/builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
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

Known<std::string> StringAt(const Json& root, std::initializer_list<std::string_view> path) {
  bool unknown = false;
  const Json* node = Walk(root, path, &unknown);
  if (unknown) return Known<std::string>::Unknown();
  if (node == nullptr || node->is_null()) return {};
  if (!node->is_string()) return Known<std::string>::Unknown();
  return Known<std::string>::Of(node->get<std::string>());
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

Known<std::string> IdAt(const Json& root, std::initializer_list<std::string_view> path) {
  Known<std::string> id = StringAt(root, path);
  if (id.known()) id.value = NormalizeId(id.value);
  return id;
}

// A resource's `location`. resourceGroup().location and deployment().location
// evaluate to a placeholder ("{location}"): that is no region name, so it
// counts as Unknown.
Known<std::string> LocationAt(const Json& body) {
  Known<std::string> location = StringAt(body, {"location"});
  if (location.known() && ContainsDeploymentPlaceholder(location.value)) return Known<std::string>::Unknown();
  return location;
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
std::string LastSegment(const std::string& name) {
  const size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// The id of a child's parent: drop the last "/type/name" pair.
std::string ParentId(const std::string& normalized_id) {
  size_t cut = normalized_id.rfind('/');
  if (cut == std::string::npos || cut == 0) return {};
  cut = normalized_id.rfind('/', cut - 1);
  return cut == std::string::npos ? std::string() : normalized_id.substr(0, cut);
}

std::string Pointer(const std::string& base, std::string_view relative) { return base + std::string(relative); }

// What a parent declares of the child list at properties/<member> (RL023):
// Known (where it is) when it is an array whose entries all have known
// names; Unknown when the list, an entry or the parent's condition is.
InlineList ReadInlineList(const Json& body, std::string_view member, bool condition_unknown, Origin where) {
  bool unknown = false;
  const Json* list = Walk(body, {"properties", member}, &unknown);
  if (condition_unknown || unknown) return InlineList::Unknown();
  if (list == nullptr || list->is_null()) return {};
  if (!list->is_array()) return InlineList::Unknown();
  for (const Json& entry : *list) {
    if (IsUnknown(entry) || !StringAt(entry, {"name"}).known()) return InlineList::Unknown();
  }
  return InlineList::Of(std::move(where));
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

// ------------------------------------------------------------ the builder

class Builder {
 public:
  Builder(Model* model, std::vector<ModelMessage>* messages) : m_(*model), messages_(*messages) {}

  void Collect(const ExpandedFile& file) {
    for (const ExpandedResource& r : file.resources) {
      // Resources of a linked template belong to that template's file.
      const uint32_t origin_file = r.file.empty() ? file.file : FileIndex(r.file);
      const std::string id = NormalizeId(r.id);
      auto [it, inserted] = seen_.try_emplace(id, &r);
      if (!inserted) {
        if (it->second->body != r.body) {
          Message("RL904", Severity::kWarning, OriginOf(origin_file, r),
                  fmt::format("{} '{}' is also declared elsewhere with different content; routelint uses the "
                              "first declaration (ARM would deploy whichever runs last)", r.type, r.name));
        }
        continue;
      }
      ReportUnknowns(origin_file, r);
      CheckTypes(origin_file, r);
      const std::string type = ToLowerAscii(r.type);
      pending_[type].push_back({origin_file, &r});
    }
  }

  void Build() {
    for (const Entry& e : Of("microsoft.network/virtualnetworks")) AddVnet(e);
    for (const Entry& e : Of("microsoft.network/virtualnetworks/subnets")) AddChildSubnet(e);
    for (const Entry& e : Of("microsoft.network/routetables")) AddRouteTable(e);
    for (const Entry& e : Of("microsoft.network/routetables/routes")) AddChildRoute(e);
    for (const Entry& e : Of("microsoft.network/virtualnetworks/virtualnetworkpeerings")) AddChildPeering(e);
    for (const Entry& e : Of("microsoft.network/networkinterfaces")) AddNic(e);
    for (const Entry& e : Of("microsoft.network/virtualnetworkgateways")) AddGateway(e);
    for (const Entry& e : Of("microsoft.network/localnetworkgateways")) AddLocalGateway(e);
    for (const Entry& e : Of("microsoft.network/expressrouteports")) AddExpressRoutePort(e);
    for (const Entry& e : Of("microsoft.network/expressroutecircuits")) AddCircuit(e);
    for (const Entry& e : Of("microsoft.network/expressroutecircuits/peerings")) AddCircuitPeering(e);
    for (const Entry& e : Of("microsoft.network/expressroutecircuits/peerings/connections")) AddGlobalReachConnection(e);
    for (const Entry& e : Of("microsoft.apimanagement/service")) AddApiManagement(e);
    for (const Entry& e : Of("microsoft.databricks/workspaces")) AddDatabricksWorkspace(e);
    // Firewalls and connections refer to the above.
    for (const Entry& e : Of("microsoft.network/azurefirewalls")) AddAzureFirewall(e);
    for (const Entry& e : Of("microsoft.network/connections")) AddConnection(e);
    for (const Entry& e : Of("microsoft.network/loadbalancers")) AddLoadBalancer(e);
    ResolveReferences();
    AddNetworkVirtualAppliances();
  }

 private:
  struct Entry {
    uint32_t file;
    const ExpandedResource* resource;
  };

  uint32_t FileIndex(const std::string& path) const {
    for (size_t i = 0; i < m_.files.size(); ++i) {
      if (m_.files[i] == path) return static_cast<uint32_t>(i);
    }
    return 0;  // lint.cc lists every linked file; not reached
  }

  const std::vector<Entry>& Of(const std::string& type) {
    static const std::vector<Entry> kEmpty;
    auto it = pending_.find(type);
    return it == pending_.end() ? kEmpty : it->second;
  }

  static Origin OriginOf(uint32_t file, const ExpandedResource& r, std::string_view relative = {}) {
    return Origin{file, Pointer(r.pointer, relative), r.context};
  }

  void Message(std::string id, Severity severity, Origin origin, std::string text) {
    if (quiet_) return;
    messages_.push_back({std::move(id), severity, std::move(origin), std::move(text)});
  }

  // RL900: the routing-relevant properties of a resource that stayed
  // Unknown, in one note per resource.
  void ReportUnknowns(uint32_t file, const ExpandedResource& r) {
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
    const std::string type = ToLowerAscii(r.type);
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
    Message("RL900", Severity::kNote, OriginOf(file, r), std::move(text));
  }

  // RL903 for each routing property of the wrong JSON type (a number where
  // Azure wants a CIDR string, an object where it wants the list of routes):
  // Azure rejects those, and the model takes them as Unknown.
  void CheckTypes(uint32_t file, const ExpandedResource& r) {
    const auto& table = ExpectedTypes();
    auto it = table.find(ToLowerAscii(r.type));
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
      Message("RL903", Severity::kWarning, OriginOf(file, r, pointer),
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
      auto it = node.find(child.key);
      if (it == node.end()) {
        for (it = node.begin(); it != node.end() && !EqualsIgnoreCase(it.key(), child.key); ++it) {
        }
        if (it == node.end()) continue;
      }
      trail->push_back(PathStep{&it.key(), 0});
      CheckTree(it.value(), child, trail, wrong);
      trail->pop_back();
    }
  }

  // Reads addressPrefix / addressPrefixes of a subnet-like object.
  void ReadPrefixes(const Json& properties, std::initializer_list<std::string_view> single,
                    std::initializer_list<std::string_view> many, const Origin& origin, std::vector<Prefix>* out,
                    bool* unknown) {
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
      if (std::optional<Prefix> prefix = Prefix::Parse(value->get<std::string>(), &error)) {
        out->push_back(*prefix);
      } else {
        Message("RL903", Severity::kWarning, origin, "invalid address prefix: " + error);
        *unknown = true;
      }
    }
  }

  // A subnet of `vnet` already in the model with this id, or with this name
  // (ARM compares names without regard to case), or kNone.
  ObjectIndex ExistingSubnet(ObjectIndex vnet, const std::string& id, const std::string& name) const {
    if (ObjectIndex existing = m_.subnet_by_id.Exact(id); existing != kNone) return existing;
    if (vnet == kNone) return kNone;
    for (ObjectIndex s : m_.vnets[vnet].subnets) {
      if (EqualsIgnoreCase(m_.subnets[s].name, name)) return s;
    }
    return kNone;
  }

  // Reads a subnet declaration; `quiet` keeps its value problems unreported
  // (a second declaration of a subnet already in the model).
  Subnet ReadSubnet(ObjectIndex vnet, const std::string& id, const std::string& name, const Json& body, Origin origin,
                    bool quiet = false) {
    Subnet subnet;
    subnet.id = id;
    subnet.name = name;
    subnet.vnet = vnet;
    const Json* properties = FindMember(body, "properties");
    static const Json kEmpty = Json::object();
    const Json& p = properties ? *properties : kEmpty;
    if (properties && IsUnknown(*properties)) subnet.prefixes_unknown = true;
    quiet_ = quiet;
    ReadPrefixes(p, {"addressPrefix"}, {"addressPrefixes"}, origin, &subnet.prefixes, &subnet.prefixes_unknown);
    quiet_ = false;
    subnet.route_table_id = IdAt(p, {"routeTable", "id"});
    if (const Json* delegations = FindMember(p, "delegations"); delegations && delegations->is_array()) {
      for (const Json& d : *delegations) {
        Known<std::string> service = StringAt(d, {"properties", "serviceName"});
        if (service.known()) subnet.delegations.push_back(service.value);
      }
    }
    if (const Json* endpoints = FindMember(p, "serviceEndpoints"); endpoints && endpoints->is_array()) {
      for (const Json& e : *endpoints) {
        Known<std::string> service = StringAt(e, {"service"});
        if (service.known()) subnet.service_endpoints.push_back(service.value);
      }
    }
    subnet.origin = std::move(origin);
    return subnet;
  }

  ObjectIndex AddSubnet(ObjectIndex vnet, const std::string& id, const std::string& name, const Json& body,
                        Origin origin) {
    if (ObjectIndex existing = ExistingSubnet(vnet, id, name); existing != kNone) return existing;
    const ObjectIndex index = static_cast<ObjectIndex>(m_.subnets.size());
    m_.subnets.push_back(ReadSubnet(vnet, id, name, body, std::move(origin)));
    m_.subnet_by_id.Add(id, index);
    if (vnet != kNone) m_.vnets[vnet].subnets.push_back(index);
    return index;
  }

  // A peering of `vnet` already in the model with this id or name, or kNone.
  ObjectIndex ExistingPeering(ObjectIndex vnet, const std::string& id, const std::string& name) const {
    for (ObjectIndex existing : m_.vnets[vnet].peerings) {
      if (m_.peerings[existing].id == id || EqualsIgnoreCase(m_.peerings[existing].name, name)) return existing;
    }
    return kNone;
  }

  static Peering ReadPeering(ObjectIndex vnet, const std::string& id, const std::string& name, const Json& body,
                             Origin origin) {
    Peering peering;
    peering.id = id;
    peering.name = name;
    peering.vnet = vnet;
    peering.origin = std::move(origin);
    peering.remote_vnet_id = IdAt(body, {"properties", "remoteVirtualNetwork", "id"});
    peering.allow_virtual_network_access = BoolAt(body, {"properties", "allowVirtualNetworkAccess"});
    peering.allow_forwarded_traffic = BoolAt(body, {"properties", "allowForwardedTraffic"});
    peering.allow_gateway_transit = BoolAt(body, {"properties", "allowGatewayTransit"});
    peering.use_remote_gateways = BoolAt(body, {"properties", "useRemoteGateways"});
    return peering;
  }

  ObjectIndex AddPeering(ObjectIndex vnet, const std::string& id, const std::string& name, const Json& body,
                         Origin origin) {
    if (ObjectIndex existing = ExistingPeering(vnet, id, name); existing != kNone) return existing;
    const ObjectIndex index = static_cast<ObjectIndex>(m_.peerings.size());
    m_.peerings.push_back(ReadPeering(vnet, id, name, body, std::move(origin)));
    m_.vnets[vnet].peerings.push_back(index);
    return index;
  }

  ObjectIndex EnsureVnet(const std::string& id, const std::string& name, Origin origin) {
    if (ObjectIndex existing = m_.vnet_by_id.Exact(id); existing != kNone) return existing;
    VirtualNetwork vnet;
    vnet.id = id;
    vnet.name = name;
    vnet.origin = std::move(origin);
    const ObjectIndex index = static_cast<ObjectIndex>(m_.vnets.size());
    m_.vnets.push_back(std::move(vnet));
    m_.vnet_by_id.Add(id, index);
    return index;
  }

  void AddVnet(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    const ObjectIndex vnet = EnsureVnet(NormalizeId(r.id), r.name, OriginOf(e.file, r));
    VirtualNetwork& v = m_.vnets[vnet];
    v.origin = OriginOf(e.file, r);
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
        if (auto prefix = Prefix::Parse(item.get<std::string>(), &error)) {
          m_.vnets[vnet].address_space.push_back(*prefix);
        } else {
          Message("RL903", Severity::kWarning, OriginOf(e.file, r, "/properties/addressSpace"),
                  "invalid address space: " + error);
          m_.vnets[vnet].address_space_unknown = true;
        }
      }
    }
    m_.vnets[vnet].inline_subnets =
        ReadInlineList(r.body, "subnets", r.condition_unknown, OriginOf(e.file, r, "/properties/subnets"));
    m_.vnets[vnet].inline_peerings = ReadInlineList(r.body, "virtualNetworkPeerings", r.condition_unknown,
                                                    OriginOf(e.file, r, "/properties/virtualNetworkPeerings"));
    if (const Json* subnets = Walk(r.body, {"properties", "subnets"}, &unknown); subnets && subnets->is_array()) {
      for (size_t i = 0; i < subnets->size(); ++i) {
        const Json& s = (*subnets)[i];
        Known<std::string> name = StringAt(s, {"name"});
        if (!name.known()) continue;
        const ObjectIndex subnet = AddSubnet(vnet, NormalizeId(r.id + "/subnets/" + name.value), name.value, s,
                                             OriginOf(e.file, r, "/properties/subnets/" + std::to_string(i)));
        m_.subnets[subnet].declared_inline = true;
      }
    }
    if (const Json* peerings = Walk(r.body, {"properties", "virtualNetworkPeerings"}, &unknown);
        peerings && peerings->is_array()) {
      for (size_t i = 0; i < peerings->size(); ++i) {
        const Json& p = (*peerings)[i];
        Known<std::string> name = StringAt(p, {"name"});
        if (!name.known()) continue;
        const ObjectIndex peering =
            AddPeering(vnet, NormalizeId(r.id + "/virtualNetworkPeerings/" + name.value), name.value, p,
                       OriginOf(e.file, r, "/properties/virtualNetworkPeerings/" + std::to_string(i)));
        m_.peerings[peering].declared_inline = true;
      }
    }
  }

  // A child resource's parent VNet; a VNet declared in no input file (an
  // existing one) is added with an unknown address space.
  ObjectIndex ParentVnet(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    const std::string parent_id = ParentId(NormalizeId(r.id));
    const ObjectIndex found = m_.FindVnet(parent_id);
    if (found != kNone) return found;
    const ObjectIndex vnet = EnsureVnet(parent_id, r.name.substr(0, r.name.find('/')), OriginOf(e.file, r));
    m_.vnets[vnet].address_space_unknown = true;
    return vnet;
  }

  // A child subnet resource. When its VNet declares the same subnet inline,
  // the model keeps the inline values and remembers the child's declaration
  // beside them (RL023).
  void AddChildSubnet(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    const ObjectIndex vnet = ParentVnet(e);
    const std::string id = NormalizeId(r.id);
    const std::string name = LastSegment(r.name);
    if (const ObjectIndex existing = ExistingSubnet(vnet, id, name); existing != kNone) {
      Subnet& subnet = m_.subnets[existing];
      if (subnet.declared_inline && !subnet.declared_as_child && !r.condition_unknown) {
        subnet.declared_as_child = true;
        subnet.child_declaration =
            std::make_shared<const Subnet>(ReadSubnet(vnet, id, name, r.body, OriginOf(e.file, r), /*quiet=*/true));
      }
      return;
    }
    const ObjectIndex subnet = AddSubnet(vnet, id, name, r.body, OriginOf(e.file, r));
    m_.subnets[subnet].declared_as_child = !r.condition_unknown;
  }

  void AddChildPeering(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    const ObjectIndex vnet = ParentVnet(e);
    const std::string id = NormalizeId(r.id);
    const std::string name = LastSegment(r.name);
    if (const ObjectIndex existing = ExistingPeering(vnet, id, name); existing != kNone) {
      Peering& peering = m_.peerings[existing];
      if (peering.declared_inline && !peering.declared_as_child && !r.condition_unknown) {
        peering.declared_as_child = true;
        peering.child_declaration = std::make_shared<const Peering>(ReadPeering(vnet, id, name, r.body, OriginOf(e.file, r)));
      }
      return;
    }
    const ObjectIndex peering = AddPeering(vnet, id, name, r.body, OriginOf(e.file, r));
    m_.peerings[peering].declared_as_child = !r.condition_unknown;
  }

  Route ReadRoute(const Json& body, std::string name, Origin origin) {
    Route route;
    route.name = std::move(name);
    route.origin = std::move(origin);
    route.address_prefix = StringAt(body, {"properties", "addressPrefix"});
    route.next_hop_type = StringAt(body, {"properties", "nextHopType"});
    route.next_hop_ip = StringAt(body, {"properties", "nextHopIpAddress"});
    if (route.address_prefix.known()) {
      const std::string& text = route.address_prefix.value;
      // Service tags ("Storage", "AzureCloud.westeurope") are no CIDR; they
      // stay unparsed. Anything else must be a CIDR.
      const bool looks_like_tag = !text.empty() && std::isalpha(static_cast<unsigned char>(text[0])) &&
                                  text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_") ==
                                      std::string::npos &&
                                  text.find(':') == std::string::npos;
      if (looks_like_tag) {
        route.is_service_tag = true;
      } else {
        route.prefix = Prefix::ParseLenient(text, &route.host_bits, &route.prefix_error);
      }
    }
    if (route.next_hop_ip.known() && !route.next_hop_ip.value.empty()) {
      if (auto ip = IpAddress::Parse(route.next_hop_ip.value, &route.next_hop_ip_error)) route.next_hop_address = *ip;
    }
    return route;
  }

  void AddRouteTable(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    RouteTable table;
    table.id = NormalizeId(r.id);
    table.name = r.name;
    table.origin = OriginOf(e.file, r);
    table.disable_bgp_route_propagation = BoolAt(r.body, {"properties", "disableBgpRoutePropagation"});
    bool unknown = false;
    if (const Json* routes = Walk(r.body, {"properties", "routes"}, &unknown); routes && routes->is_array()) {
      for (size_t i = 0; i < routes->size(); ++i) {
        const Json& item = (*routes)[i];
        Known<std::string> name = StringAt(item, {"name"});
        if (IsUnknown(item)) {
          table.routes_unknown = true;
          continue;
        }
        table.routes.push_back(ReadRoute(item, name.Or(""), OriginOf(e.file, r, "/properties/routes/" + std::to_string(i))));
        table.routes.back().declared_inline = true;
      }
    }
    table.routes_unknown = table.routes_unknown || unknown;
    table.inline_routes = ReadInlineList(r.body, "routes", r.condition_unknown, OriginOf(e.file, r, "/properties/routes"));
    m_.route_table_by_id.Add(table.id, static_cast<ObjectIndex>(m_.route_tables.size()));
    m_.route_tables.push_back(std::move(table));
  }

  void AddChildRoute(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    ObjectIndex table = m_.FindRouteTable(ParentId(NormalizeId(r.id)));
    if (table == kNone) {
      Message("RL900", Severity::kNote, OriginOf(e.file, r),
              fmt::format("route '{}' belongs to route table '{}', which no input file declares; it is not linted",
                          r.name, r.name.substr(0, r.name.find('/'))));
      return;
    }
    // The same route (ARM compares names without regard to case) declared
    // inline too: one route, with the inline values and the child's
    // declaration beside them (RL023).
    const std::string name = LastSegment(r.name);
    for (Route& route : m_.route_tables[table].routes) {
      if (!route.declared_inline || !EqualsIgnoreCase(route.name, name)) continue;
      if (!route.declared_as_child && !r.condition_unknown) {
        route.declared_as_child = true;
        route.child_declaration = std::make_shared<const Route>(ReadRoute(r.body, name, OriginOf(e.file, r)));
      }
      return;
    }
    m_.route_tables[table].routes.push_back(ReadRoute(r.body, name, OriginOf(e.file, r)));
    m_.route_tables[table].routes.back().declared_as_child = !r.condition_unknown;
  }

  void AddNic(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    NetworkInterface nic;
    nic.id = NormalizeId(r.id);
    nic.name = r.name;
    nic.origin = OriginOf(e.file, r);
    nic.enable_ip_forwarding = BoolAt(r.body, {"properties", "enableIPForwarding"});
    bool unknown = false;
    if (const Json* configs = Walk(r.body, {"properties", "ipConfigurations"}, &unknown); configs && configs->is_array()) {
      for (const Json& config : *configs) {
        NetworkInterface::IpConfig ip;
        ip.subnet_id = IdAt(config, {"properties", "subnet", "id"});
        Known<std::string> method = StringAt(config, {"properties", "privateIPAllocationMethod"});
        Known<std::string> address = StringAt(config, {"properties", "privateIPAddress"});
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
    m_.nics.push_back(std::move(nic));
  }

  void AddGateway(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    VirtualNetworkGateway gateway;
    gateway.id = NormalizeId(r.id);
    gateway.name = r.name;
    gateway.origin = OriginOf(e.file, r);
    gateway.gateway_type = StringAt(r.body, {"properties", "gatewayType"});
    gateway.vpn_type = StringAt(r.body, {"properties", "vpnType"});
    gateway.enable_bgp = BoolAt(r.body, {"properties", "enableBgp"});
    gateway.location = LocationAt(r.body);
    bool unknown = false;
    if (const Json* configs = Walk(r.body, {"properties", "ipConfigurations"}, &unknown);
        configs && configs->is_array() && !configs->empty()) {
      Known<std::string> subnet = IdAt((*configs)[0], {"properties", "subnet", "id"});
      if (subnet.known()) pending_subnet_refs_.push_back({RefKind::kGateway, m_.gateways.size(), subnet.value});
    }
    m_.gateway_by_id.Add(gateway.id, static_cast<ObjectIndex>(m_.gateways.size()));
    m_.gateways.push_back(std::move(gateway));
  }

  void AddLocalGateway(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    LocalNetworkGateway lng;
    lng.id = NormalizeId(r.id);
    lng.name = r.name;
    lng.origin = OriginOf(e.file, r);
    const Json* properties = FindMember(r.body, "properties");
    if (properties != nullptr) {
      ReadPrefixes(*properties, {"localNetworkAddressSpace", "addressPrefix"},
                   {"localNetworkAddressSpace", "addressPrefixes"}, lng.origin, &lng.prefixes, &lng.prefixes_unknown);
    }
    m_.local_gateway_by_id.Add(lng.id, static_cast<ObjectIndex>(m_.local_gateways.size()));
    m_.local_gateways.push_back(std::move(lng));
  }

  void AddAzureFirewall(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    bool unknown = false;
    const Json* configs = Walk(r.body, {"properties", "ipConfigurations"}, &unknown);
    if (configs == nullptr || !configs->is_array()) return;  // vWAN-hub firewalls have none
    for (const Json& config : *configs) {
      Known<std::string> subnet_id = IdAt(config, {"properties", "subnet", "id"});
      if (subnet_id.absent()) continue;
      Firewall firewall;
      firewall.kind = Firewall::Kind::kAzureFirewall;
      firewall.id = NormalizeId(r.id);
      firewall.name = r.name;
      firewall.origin = OriginOf(e.file, r);
      Known<std::string> given = StringAt(config, {"properties", "privateIPAddress"});
      if (given.known()) {
        std::string error;
        if (auto ip = IpAddress::Parse(given.value, &error)) firewall.private_ip = Known<IpAddress>::Of(*ip);
      }
      if (subnet_id.known()) pending_subnet_refs_.push_back({RefKind::kFirewall, m_.firewalls.size(), subnet_id.value});
      bool management_unknown = false;
      firewall.management_configuration =
          Walk(r.body, {"properties", "managementIpConfiguration"}, &management_unknown) != nullptr;
      m_.firewalls.push_back(std::move(firewall));
      break;  // one private IP per firewall: the configuration with the subnet
    }
  }

  void AddLoadBalancer(const Entry& e) {
    bool unknown = false;
    const Json* frontends = Walk(e.resource->body, {"properties", "frontendIPConfigurations"}, &unknown);
    if (frontends == nullptr || !frontends->is_array()) return;
    for (const Json& frontend : *frontends) {
      Known<std::string> address = StringAt(frontend, {"properties", "privateIPAddress"});
      std::string error;
      if (!address.known()) continue;
      if (auto ip = IpAddress::Parse(address.value, &error)) m_.load_balancer_frontends.push_back(*ip);
    }
  }

  void AddConnection(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    Connection c;
    c.id = NormalizeId(r.id);
    c.name = r.name;
    c.origin = OriginOf(e.file, r);
    c.connection_type = StringAt(r.body, {"properties", "connectionType"});
    if (auto id = IdAt(r.body, {"properties", "virtualNetworkGateway1", "id"}); id.known()) c.gateway1 = m_.FindGateway(id.value);
    if (auto id = IdAt(r.body, {"properties", "virtualNetworkGateway2", "id"}); id.known()) c.gateway2 = m_.FindGateway(id.value);
    if (auto id = IdAt(r.body, {"properties", "localNetworkGateway2", "id"}); id.known()) {
      c.local_gateway = m_.FindLocalGateway(id.value);
    }
    c.peer_id = IdAt(r.body, {"properties", "peer", "id"});
    c.condition_unknown = r.condition_unknown;
    m_.connections.push_back(std::move(c));
  }

  // ------------------------------------------------------------ ExpressRoute circuits (RL017)

  void AddExpressRoutePort(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    port_peering_location_[NormalizeId(r.id)] = StringAt(r.body, {"properties", "peeringLocation"});
  }

  // Global Reach connections inline in a peering's `connections`.
  void AddInlineGlobalReach(ExpressRouteCircuit& circuit, const Json& peering, const Origin& peering_origin) {
    bool unknown = false;
    const Json* connections = Walk(peering, {"properties", "connections"}, &unknown);
    if (connections == nullptr || !connections->is_array()) return;
    for (size_t i = 0; i < connections->size(); ++i) {
      if (IsUnknown((*connections)[i])) continue;
      Origin origin = peering_origin;
      origin.pointer += "/properties/connections/" + std::to_string(i);
      circuit.global_reach.push_back(std::move(origin));
    }
  }

  void AddCircuit(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    ExpressRouteCircuit circuit;
    circuit.id = NormalizeId(r.id);
    circuit.name = r.name;
    circuit.origin = OriginOf(e.file, r);
    circuit.location = LocationAt(r.body);
    circuit.sku_tier = StringAt(r.body, {"sku", "tier"});
    circuit.sku_family = StringAt(r.body, {"sku", "family"});
    circuit.bandwidth_mbps = NumberAt(r.body, {"properties", "serviceProviderProperties", "bandwidthInMbps"}, 1);
    if (circuit.bandwidth_mbps.absent()) circuit.bandwidth_mbps = NumberAt(r.body, {"properties", "bandwidthInGbps"}, 1000);
    circuit.peering_location = StringAt(r.body, {"properties", "serviceProviderProperties", "peeringLocation"});
    circuit.express_route_port_id = IdAt(r.body, {"properties", "expressRoutePort", "id"});
    bool unknown = false;
    if (const Json* peerings = Walk(r.body, {"properties", "peerings"}, &unknown); peerings && peerings->is_array()) {
      for (size_t i = 0; i < peerings->size(); ++i) {
        AddInlineGlobalReach(circuit, (*peerings)[i], OriginOf(e.file, r, "/properties/peerings/" + std::to_string(i)));
      }
    }
    m_.circuit_by_id.Add(circuit.id, static_cast<ObjectIndex>(m_.circuits.size()));
    m_.circuits.push_back(std::move(circuit));
  }

  void AddCircuitPeering(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    const ObjectIndex circuit = m_.FindCircuit(ParentId(NormalizeId(r.id)));
    if (circuit == kNone) return;  // a circuit outside the estate: its links are not counted
    AddInlineGlobalReach(m_.circuits[circuit], r.body, OriginOf(e.file, r));
  }

  void AddGlobalReachConnection(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    if (r.condition_unknown) return;
    const ObjectIndex circuit = m_.FindCircuit(ParentId(ParentId(NormalizeId(r.id))));
    if (circuit == kNone) return;
    m_.circuits[circuit].global_reach.push_back(OriginOf(e.file, r));
  }

  // ------------------------------------------------------------ PaaS services in subnets (RL016)

  void AddSubnetReference(PaasService& service, const Known<std::string>& id) {
    if (id.unknown()) service.subnets_unknown = true;
    if (id.known() && !id.value.empty()) service.subnet_ids.push_back(id.value);
  }

  void AddApiManagement(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    PaasService service;
    service.kind = PaasService::Kind::kApiManagement;
    service.id = NormalizeId(r.id);
    service.name = r.name;
    service.origin = OriginOf(e.file, r);
    service.condition_unknown = r.condition_unknown;
    service.sku = StringAt(r.body, {"sku", "name"});
    service.mode = StringAt(r.body, {"properties", "virtualNetworkType"});
    AddSubnetReference(service, IdAt(r.body, {"properties", "virtualNetworkConfiguration", "subnetResourceId"}));
    bool unknown = false;
    if (const Json* locations = Walk(r.body, {"properties", "additionalLocations"}, &unknown);
        locations && locations->is_array()) {
      for (const Json& location : *locations) {
        AddSubnetReference(service, IdAt(location, {"virtualNetworkConfiguration", "subnetResourceId"}));
      }
    }
    if (unknown) service.subnets_unknown = true;
    m_.paas_services.push_back(std::move(service));
  }

  // A workspace with VNet injection names its VNet and its two subnets in
  // its parameters ({"value": ...} objects).
  void AddDatabricksWorkspace(const Entry& e) {
    const ExpandedResource& r = *e.resource;
    PaasService service;
    service.kind = PaasService::Kind::kDatabricks;
    service.id = NormalizeId(r.id);
    service.name = r.name;
    service.origin = OriginOf(e.file, r);
    service.condition_unknown = r.condition_unknown;
    service.mode = StringAt(r.body, {"properties", "requiredNsgRules"});
    const Known<std::string> vnet = IdAt(r.body, {"properties", "parameters", "customVirtualNetworkId", "value"});
    if (vnet.unknown()) service.subnets_unknown = true;
    if (vnet.known()) {
      for (std::string_view parameter : {"customPublicSubnetName", "customPrivateSubnetName"}) {
        Known<std::string> name = StringAt(r.body, {"properties", "parameters", parameter, "value"});
        if (name.known()) name.value = NormalizeId(vnet.value + "/subnets/" + name.value);
        AddSubnetReference(service, name);
      }
    }
    m_.paas_services.push_back(std::move(service));
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
      for (const std::string& id : service.subnet_ids) {
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
    std::string subnet_id;
  };

  Model& m_;
  std::vector<ModelMessage>& messages_;
  bool quiet_ = false;  // Message() drops what it is given (re-reading a second declaration)
  std::unordered_map<std::string, const ExpandedResource*> seen_;  // by normalized id; lookups only
  std::map<std::string, std::vector<Entry>> pending_;
  std::vector<SubnetRef> pending_subnet_refs_;
  std::map<std::string, Known<std::string>> port_peering_location_;  // ExpressRoute Direct ports
};

}  // namespace

Model BuildModel(std::vector<std::string> files, const std::vector<ExpandedFile>& inputs,
                 std::vector<ModelMessage>* messages) {
  Model model;
  model.files = std::move(files);
  Builder builder(&model, messages);
  for (const ExpandedFile& file : inputs) builder.Collect(file);
  builder.Build();
  model.IndexFirewalls();
  InferRoles(&model);
  return model;
}

}  // namespace routelint

#include "live/live_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace routelint {
namespace {

// ------------------------------------------------------------ vocabulary

// The resource types the model reads (model/builder.cc), in ARM's spelling.
constexpr std::string_view kModelTypes[] = {
    "Microsoft.Network/virtualNetworks",
    "Microsoft.Network/virtualNetworks/subnets",
    "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
    "Microsoft.Network/routeTables",
    "Microsoft.Network/routeTables/routes",
    "Microsoft.Network/azureFirewalls",
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Network/virtualNetworkGateways",
    "Microsoft.Network/localNetworkGateways",
    "Microsoft.Network/connections",
    "Microsoft.Network/loadBalancers",
    "Microsoft.Network/expressRouteCircuits",
    "Microsoft.ApiManagement/service",
    "Microsoft.Databricks/workspaces",
};

// ARM's spelling of a type the model reads; empty for any other type.
std::string_view ModelType(std::string_view type) {
  for (std::string_view t : kModelTypes) {
    if (EqualsIgnoreCase(t, type)) return t;
  }
  return {};
}

// Members of a resource that ARM keeps beside `properties` rather than in it
// (az prints them at the same level as the flattened properties). `sku` is
// one of them only for some types: a firewall's and a gateway's sku are
// properties.
bool IsEnvelopeMember(std::string_view key, std::string_view type) {
  static constexpr std::string_view kEnvelope[] = {
      "id",       "name",     "type",      "location", "tags",           "etag",          "zones",
      "identity", "kind",     "managedBy", "plan",     "extendedLocation", "resourceGroup", "subscriptionId",
      "tenantId", "apiVersion"};
  for (std::string_view k : kEnvelope) {
    if (EqualsIgnoreCase(k, key)) return true;
  }
  // Types whose `sku` sits beside `properties` in ARM (an Azure Firewall's is inside).
  static constexpr std::string_view kSkuBeside[] = {"Microsoft.Network/loadBalancers",
                                                    "Microsoft.Network/expressRouteCircuits",
                                                    "Microsoft.ApiManagement/service", "Microsoft.Databricks/workspaces"};
  if (!EqualsIgnoreCase(key, "sku")) return false;
  for (std::string_view t : kSkuBeside) {
    if (EqualsIgnoreCase(t, type)) return true;
  }
  return false;
}

// Members of a sub-resource (a subnet, route, IP configuration) kept beside
// its `properties`.
bool IsSubResourceEnvelopeMember(std::string_view key) {
  static constexpr std::string_view kEnvelope[] = {"id", "name", "type", "etag", "resourceGroup", "zones"};
  for (std::string_view k : kEnvelope) {
    if (EqualsIgnoreCase(k, key)) return true;
  }
  return false;
}

// az's Python models spell some members differently from ARM ("privateIp
// Address" for ARM's "privateIPAddress"); the normalised body uses ARM's.
std::string ArmMemberName(const std::string& key) {
  static constexpr std::string_view kArmNames[] = {
      "privateIPAddress",         "privateIPAllocationMethod", "privateIPAddressVersion",
      "publicIPAddress",          "publicIPAllocationMethod",  "publicIPAddressVersion",
      "enableIPForwarding",       "frontendIPConfigurations",  "hubIPAddresses",
      "loadBalancerFrontendIPConfiguration",
  };
  for (std::string_view name : kArmNames) {
    if (EqualsIgnoreCase(name, key)) return std::string(name);
  }
  return key;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

bool ContainsIgnoreCase(std::string_view text, std::string_view part) {
  return ToLowerAscii(text).find(ToLowerAscii(part)) != std::string::npos;
}

const std::string* StringMember(const Json& object, std::string_view key) {
  const Json* member = FindMember(object, key);
  return member && member->is_string() ? member->get_ptr<const std::string*>() : nullptr;
}

// An object with an ARM resource id and a type: what an export holds.
bool LooksLikeResource(const Json& item) {
  if (!item.is_object()) return false;
  const std::string* id = StringMember(item, "id");
  const std::string* type = StringMember(item, "type");
  return id && type && StartsWithIgnoreCase(*id, "/subscriptions/") && ContainsIgnoreCase(*id, "/providers/") &&
         type->find('/') != std::string::npos;
}

// ------------------------------------------------------------ ids

// What an id says after its last "/providers/": the type
// ("Microsoft.Network/virtualNetworks/subnets") and the name ("vnet/snet").
struct IdParts {
  std::string type;
  std::string name;
};

bool SplitId(const std::string& id, IdParts* out, std::string* problem) {
  std::string_view rest(id);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const size_t at = ToLowerAscii(rest).rfind("/providers/");
  rest.remove_prefix(at + 11);
  std::vector<std::string_view> tokens;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    tokens.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  // namespace, then (type, name) pairs.
  if (tokens.size() < 3 || tokens.size() % 2 == 0 ||
      std::any_of(tokens.begin(), tokens.end(), [](std::string_view t) { return t.empty(); })) {
    *problem = fmt::format("its id '{}' is not a well-formed resource id", id);
    return false;
  }
  out->type = std::string(tokens[0]);
  out->name.clear();
  for (size_t i = 1; i + 1 < tokens.size(); i += 2) {
    out->type += "/" + std::string(tokens[i]);
    out->name += (out->name.empty() ? "" : "/") + std::string(tokens[i + 1]);
  }
  return true;
}

// ------------------------------------------------------------ normalising

// A copy without null members: az prints every absent property as null
// ("routeTable": null), where a template would leave it out.
Json WithoutNulls(const Json& value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, member] : value.items()) {
      if (!member.is_null()) out[key] = WithoutNulls(member);
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(WithoutNulls(item));
    return out;
  }
  return value;
}

Json Unflatten(const Json& value);

// A sub-resource az printed flattened ({"name", "id", "addressPrefix", ...})
// back in ARM's shape ({"name", "id", "properties": {"addressPrefix", ...}}).
Json UnflattenSubResource(const Json& object) {
  Json out = Json::object();
  Json properties = Json::object();
  for (const auto& [key, member] : object.items()) {
    if (IsSubResourceEnvelopeMember(key)) {
      out[key] = member;
    } else {
      properties[ArmMemberName(key)] = Unflatten(member);
    }
  }
  out["properties"] = std::move(properties);
  return out;
}

// Puts `properties` back wherever az flattened them: objects with a name and
// an id are sub-resources; references ({"id"}) and plain values stay.
Json Unflatten(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(Unflatten(item));
    return out;
  }
  if (!value.is_object()) return value;
  const Json* properties = FindMember(value, "properties");
  if (StringMember(value, "name") && StringMember(value, "id") && !(properties && properties->is_object())) {
    return UnflattenSubResource(value);
  }
  Json out = Json::object();
  for (const auto& [key, member] : value.items()) out[ArmMemberName(key)] = Unflatten(member);
  return out;
}

// The body of one az item: envelope members at the top, the rest under
// `properties`.
Json UnflattenResource(const Json& item, std::string_view type) {
  Json body = Json::object();
  Json properties = Json::object();
  for (const auto& [key, member] : item.items()) {
    if (IsEnvelopeMember(key, type)) {
      body[key] = member;
    } else if (!EqualsIgnoreCase(key, "properties")) {
      properties[ArmMemberName(key)] = Unflatten(member);
    }
  }
  body["properties"] = std::move(properties);
  return body;
}

// ------------------------------------------------------------ the reader

class Reader {
 public:
  explicit Reader(LiveExport* out) : out_(*out) {}

  void Read(const Json& document) {
    if (LooksLikeResource(document)) {
      out_.shape = ExportShape::kAzList;  // one resource, as `az ... show` prints it
      ReadItem(document, "", /*graph=*/false);
      return;
    }
    const Json* items = &document;
    std::string base;
    bool graph = false;
    if (document.is_object()) {
      if (const Json* data = FindMember(document, "data"); data && data->is_array()) {
        items = data;
        base = "/data";
        graph = true;
        out_.shape = ExportShape::kResourceGraph;
        CheckGraphPaging(document);
      } else if (const Json* value = FindMember(document, "value"); value && value->is_array()) {
        items = value;
        base = "/value";
        out_.shape = ExportShape::kRestList;
        CheckNextLink(document);
      }
    } else {
      // A bare array: az's flattened list output, or Resource Graph rows as
      // older az versions print them.
      bool nested = false;
      for (const Json& item : *items) {
        const Json* properties = FindMember(item, "properties");
        nested = nested || (LooksLikeResource(item) && properties && properties->is_object());
      }
      out_.shape = nested ? ExportShape::kResourceGraph : ExportShape::kAzList;
    }
    for (size_t i = 0; i < items->size(); ++i) ReadItem((*items)[i], base + "/" + std::to_string(i), graph);
  }

 private:
  void Warn(std::string pointer, std::string message) {
    out_.messages.push_back({Severity::kWarning, std::move(pointer), std::move(message)});
  }

  void CheckGraphPaging(const Json& document) {
    std::string token_key = "skip_token";  // az's name; the REST API's is $skipToken
    const Json* token = FindMember(document, token_key);
    if (token == nullptr) token = FindMember(document, token_key = "$skipToken");
    const Json* total = FindMember(document, "total_records");
    if (total == nullptr) total = FindMember(document, "totalRecords");
    const Json* data = FindMember(document, "data");
    const bool more = (token && token->is_string() && !token->get<std::string>().empty()) ||
                      (total && total->is_number_integer() && total->get<int64_t>() > static_cast<int64_t>(data->size()));
    if (!more) return;
    Warn(token ? "/" + token_key : "",
         fmt::format("this Resource Graph result is one page of {} rows ({} here): resources on the other pages are "
                     "missing, so rules see an incomplete estate. Export with --first 1000 and follow --skip-token, "
                     "or narrow the query",
                     total && total->is_number_integer() ? std::to_string(total->get<int64_t>()) : "more",
                     data->size()));
  }

  void CheckNextLink(const Json& document) {
    const std::string* next = StringMember(document, "nextLink");
    if (next == nullptr || next->empty()) return;
    Warn("/nextLink", "this list is one page: resources on the next pages (nextLink) are missing, so rules see an "
                      "incomplete estate. Export every page (az ... list follows nextLink itself)");
  }

  // The place in the export's text of `relative`, a pointer into the
  // normalised body of the item at `item_pointer`.
  static std::string TextPointer(const std::string& item_pointer, const std::string& relative, bool flattened) {
    return flattened ? item_pointer + FlattenedPointer(relative) : item_pointer + relative;
  }

  void ReadItem(const Json& item, const std::string& pointer, bool graph) {
    if (!item.is_object()) {
      Warn(pointer, fmt::format("this item of the export is a {}, not an Azure resource; it is not read",
                                item.type_name()));
      return;
    }
    const std::string* id = StringMember(item, "id");
    const std::string* type = StringMember(item, "type");
    if (id == nullptr || type == nullptr) {
      Warn(pointer, fmt::format("this item of the export has no {}: it is not an Azure resource as az prints one, and "
                                "is not read",
                                id == nullptr && type == nullptr ? "\"id\" and \"type\"" : id == nullptr ? "\"id\"" : "\"type\""));
      return;
    }
    if (!LooksLikeResource(item)) {
      Warn(pointer, fmt::format("'{}' is not an Azure resource id (/subscriptions/.../providers/...); the item is not "
                                "read",
                                *id));
      return;
    }
    IdParts parts;
    std::string problem;
    if (!SplitId(*id, &parts, &problem)) {
      Warn(pointer, problem + "; the item is not read");
      return;
    }
    if (!EqualsIgnoreCase(parts.type, *type)) {
      Warn(pointer, fmt::format("the item says type '{}' but its id names a '{}'; it is not read", *type, parts.type));
      return;
    }
    const std::string_view model_type = ModelType(parts.type);
    if (model_type.empty()) {
      ++out_.unused;  // a public IP, a firewall policy, an ExpressRoute circuit: nothing the routing model reads
      return;
    }
    const Json* properties = FindMember(item, "properties");
    const bool nested = properties && properties->is_object();
    if (graph && !nested) {
      Warn(pointer, "this Resource Graph row has no properties (the query projects them away), so routelint cannot "
                    "read it; keep the properties column (e.g. `project id, name, type, location, properties`)");
      return;
    }
    ExpandedResource r;
    r.type = std::string(model_type);
    r.name = parts.name;
    r.id = *id;
    r.pointer = pointer;
    r.deployed = true;
    const bool flattened = !nested;
    r.body = WithoutNulls(flattened ? UnflattenResource(item, model_type) : item);
    out_.flattened = out_.flattened || flattened;
    CheckChildren(r, flattened);
    out_.resources.push_back(std::move(r));
  }

  // The lists the model reads inside a resource: present, they must be lists
  // of objects (subnets, peerings and routes with a name).
  void CheckChildren(const ExpandedResource& r, bool flattened) {
    struct List {
      std::string_view type;
      std::string_view member;
      bool named;
    };
    static constexpr List kLists[] = {
        {"Microsoft.Network/virtualNetworks", "subnets", true},
        {"Microsoft.Network/virtualNetworks", "virtualNetworkPeerings", true},
        {"Microsoft.Network/routeTables", "routes", true},
        {"Microsoft.Network/azureFirewalls", "ipConfigurations", false},
        {"Microsoft.Network/networkInterfaces", "ipConfigurations", false},
        {"Microsoft.Network/virtualNetworkGateways", "ipConfigurations", false},
        {"Microsoft.Network/loadBalancers", "frontendIPConfigurations", false},
    };
    const Json* properties = FindMember(r.body, "properties");
    if (properties == nullptr || !properties->is_object()) {
      Warn(r.pointer, fmt::format("{} '{}' has properties that are not an object; they are not read", r.type, r.name));
      return;
    }
    for (const List& list : kLists) {
      if (list.type != r.type) continue;
      const Json* items = FindMember(*properties, list.member);
      if (items == nullptr) continue;
      const std::string relative = "/properties/" + std::string(list.member);
      if (!items->is_array()) {
        Warn(TextPointer(r.pointer, relative, flattened),
             fmt::format("{} of {} '{}' is a {}, not a list; it is not read", list.member, r.type, r.name,
                         items->type_name()));
        continue;
      }
      for (size_t i = 0; i < items->size(); ++i) {
        const Json& item = (*items)[i];
        const std::string where = TextPointer(r.pointer, relative + "/" + std::to_string(i), flattened);
        if (!item.is_object()) {
          Warn(where, fmt::format("an item of {} of '{}' is a {}, not an object; it is not read", list.member, r.name,
                                  item.type_name()));
        } else if (list.named && StringMember(item, "name") == nullptr) {
          Warn(where, fmt::format("an item of {} of '{}' has no name; it is not read", list.member, r.name));
        }
      }
    }
  }

  LiveExport& out_;
};

}  // namespace

bool IsLiveExport(const Json& document) {
  if (document.is_object()) {
    if (FindMember(document, "$schema")) return false;
    if (LooksLikeResource(document)) return true;
    const Json* items = FindMember(document, "data");
    if (items == nullptr || !items->is_array()) items = FindMember(document, "value");
    if (items == nullptr || !items->is_array()) return false;
    return std::any_of(items->begin(), items->end(), LooksLikeResource);
  }
  return document.is_array() && std::any_of(document.begin(), document.end(), LooksLikeResource);
}

LiveExport ReadLiveExport(const Json& document) {
  LiveExport out;
  Reader(&out).Read(document);
  return out;
}

std::string FlattenedPointer(std::string_view pointer) {
  std::string out;
  while (!pointer.empty()) {
    // pointer starts with '/'
    const size_t next = pointer.find('/', 1);
    const std::string_view token = pointer.substr(0, next);
    if (token != "/properties") out += token;
    if (next == std::string_view::npos) break;
    pointer.remove_prefix(next);
  }
  return out;
}

}  // namespace routelint

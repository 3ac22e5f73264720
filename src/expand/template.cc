#include "expand/template.h"

#include "base/ip.h"
#include "base/strings.h"
#include "parse/locator.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <unordered_set>

namespace routelint {
namespace {

// JSON pointer escaping of one reference token (RFC 6901).
std::string PointerToken(std::string_view token) {
  std::string out;
  AppendJsonPointerToken(token, &out);
  return out.substr(1);
}

// How the reason of an Unknown that an error caused begins.
constexpr std::string_view kFailed = "failed: ";

// A value remembered with the reason it is (partly) Unknown, so a cached
// variable reports the same reason at every use.
struct Cached {
  Json value;
  std::string unknown_reason;
};

// Records, per evaluated leaf, the Unknowns and errors of one resource.
struct LeafLog {
  std::vector<UnknownProperty>* unknowns = nullptr;
  std::vector<std::pair<std::string, std::string>>* errors = nullptr;  // path, message
};

// Members of a resource declaration that shape the deployment, not the
// resource: they are not part of its body.
bool IsDeclarationOnly(std::string_view member) {
  static constexpr std::string_view kMembers[] = {"resources", "copy", "condition", "dependsOn", "type", "name", "comments"};
  return std::find(std::begin(kMembers), std::end(kMembers), member) != std::end(kMembers);
}

bool IsPropertyCopy(const Json& copy) {
  if (!copy.is_array() || copy.empty()) return false;
  for (const Json& loop : copy) {
    const Json* name = FindMember(loop, "name");
    if (!name || !name->is_string() || !FindMember(loop, "count") || !FindMember(loop, "input")) return false;
  }
  return true;
}

// Answers reference() for one template instance (implemented by the
// expander, which knows the resources and deployments expanded so far).
class ReferenceResolver {
 public:
  virtual ~ReferenceResolver() = default;
  virtual Json Resolve(const Json& target, bool full, Evaluator& ev) = 0;
};

class TemplateScope : public Scope {
 public:
  // `supplied_reasons` says why a value a parent deployment passes in is
  // Unknown, by parameter name (lower case).
  TemplateScope(const Json& template_json, const Json* parameter_values, const DeploymentContext& deployment,
                const ExpandLimits& limits, ReferenceResolver* resolver,
                std::unordered_map<std::string, std::string> supplied_reasons = {})
      : values_(parameter_values), deployment_(deployment), limits_(limits),
        resolver_(resolver), supplied_reasons_(std::move(supplied_reasons)) {
    parameters_ = FindMember(template_json, "parameters");
    variables_ = FindMember(template_json, "variables");
    if (const Json* functions = FindMember(template_json, "functions"); functions && functions->is_array()) {
      for (const Json& group : *functions) {
        const Json* ns = FindMember(group, "namespace");
        const Json* members = FindMember(group, "members");
        if (!ns || !ns->is_string() || !members || !members->is_object()) continue;
        for (auto it = members->begin(); it != members->end(); ++it) {
          functions_[ToLowerAscii(ns->get<std::string>() + "." + it.key())] = &it.value();
        }
      }
    }
  }

  Json Parameter(std::string_view name, Evaluator& ev) override {
    const std::string key = ToLowerAscii(name);
    if (auto it = parameter_cache_.find(key); it != parameter_cache_.end()) return Replay(it->second, ev);
    const Json* definition = parameters_ ? FindMember(*parameters_, name) : nullptr;
    if (definition == nullptr) return ev.Error("parameter '" + std::string(name) + "' is not declared");
    if (!busy_.insert("p:" + key).second) return ev.Error("parameter '" + std::string(name) + "' refers to itself");
    // Resolving may record reasons of its own; keep the caller's first one.
    std::string callers = ev.TakeUnknownReason();
    const size_t errors_before = ev.error_count();
    Cached result = ResolveParameter(std::string(name), *definition, ev);
    RememberFailure(&result, ev, errors_before, "parameter '" + std::string(name) + "'");
    ev.TakeUnknownReason();
    if (!callers.empty()) ev.Unknown(std::move(callers));
    busy_.erase("p:" + key);
    parameter_cache_[key] = result;
    return Replay(result, ev);
  }

  Json Variable(std::string_view name, Evaluator& ev) override {
    const std::string key = ToLowerAscii(name);
    if (auto it = variable_cache_.find(key); it != variable_cache_.end()) return Replay(it->second, ev);
    if (!busy_.insert("v:" + key).second) {
      return ev.Error("variable '" + std::string(name) + "' depends on itself");
    }
    std::string callers = ev.TakeUnknownReason();
    const size_t errors_before = ev.error_count();
    Cached result = ResolveVariable(std::string(name), ev);
    RememberFailure(&result, ev, errors_before, "variable '" + std::string(name) + "'");
    ev.TakeUnknownReason();
    if (!callers.empty()) ev.Unknown(std::move(callers));
    busy_.erase("v:" + key);
    variable_cache_[key] = result;
    return Replay(result, ev);
  }

  bool CopyIndex(std::string_view loop, int64_t* index) override {
    for (size_t i = copies_.size(); i-- > 0;) {
      if (loop.empty() || EqualsIgnoreCase(copies_[i].first, loop)) {
        *index = copies_[i].second;
        return true;
      }
    }
    return false;
  }

  const Json* UserFunction(std::string_view qualified_name) override {
    auto it = functions_.find(ToLowerAscii(qualified_name));
    return it == functions_.end() ? nullptr : it->second;
  }

  Json Reference(const Json& target, bool full, Evaluator& ev) override {
    if (resolver_ == nullptr) return ev.Unknown("reference() reads a deployed resource's state");
    return resolver_->Resolve(target, full, ev);
  }

  const DeploymentContext& Deployment() override { return deployment_; }

  void PushCopy(std::string name, int64_t index) { copies_.emplace_back(std::move(name), index); }
  /// The copy loops in effect, taken out (an on-demand expansion of another
  /// declaration must not see the loops of the expression that needed it).
  std::vector<std::pair<std::string, int64_t>> TakeCopies() { return std::exchange(copies_, {}); }
  void RestoreCopies(std::vector<std::pair<std::string, int64_t>> copies) { copies_ = std::move(copies); }
  void PopCopy() { copies_.pop_back(); }

  // Evaluates a tree, expanding property `copy` loops, and logs per leaf.
  Json EvaluateTree(const Json& value, Evaluator& ev, std::string& path, const LeafLog& log) {
    if (value.is_string()) {
      Json result = ev.EvaluateString(value.get_ref<const std::string&>());
      bool erred = false;
      if (log.errors) {
        for (std::string& error : ev.TakeErrors()) {
          log.errors->emplace_back(path, std::move(error));
          erred = true;
        }
      }
      // Without a log the reason stays with the evaluator, for the caller.
      if (log.unknowns) {
        std::string reason = ev.TakeUnknownReason();
        if (reason.empty()) reason = erred ? "its expression has an error" : "its value is decided at deployment";
        const bool error = erred || reason.rfind(kFailed, 0) == 0;
        if (ContainsUnknown(result)) log.unknowns->push_back({path, std::move(reason), error});
      }
      return result;
    }
    if (IsLiteralTree(value)) return value;
    const size_t mark = path.size();
    if (value.is_array()) {
      Json out = Json::array();
      auto& items = out.get_ref<Json::array_t&>();
      items.reserve(value.size());
      for (size_t i = 0; i < value.size(); ++i) {
        path.push_back('/');
        path.append(std::to_string(i));
        items.push_back(EvaluateTree(value[i], ev, path, log));
        path.resize(mark);
      }
      return out;
    }
    if (value.is_object()) {
      Json out = Json::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it.key() == "copy" && IsPropertyCopy(it.value())) {
          for (const Json& loop : it.value()) ExpandPropertyCopy(loop, ev, path, log, &out);
          continue;
        }
        AppendJsonPointerToken(it.key(), &path);
        // Members come in key order: each goes at the end of the new object
        // (a property copy loop may have put its own member there already).
        auto& members = out.get_ref<Json::object_t&>();
        members.insert_or_assign(members.end(), it.key(), EvaluateTree(it.value(), ev, path, log));
        path.resize(mark);
      }
      return out;
    }
    return value;
  }

  // Evaluates a copy count; returns -1 (with a log entry) when unusable.
  int64_t EvaluateCount(const Json& count, Evaluator& ev, std::string& path, const LeafLog& log) {
    Json n = EvaluateTree(count, ev, path, log);
    if (IsUnknown(n)) return -1;
    std::string problem;
    if (!n.is_number_integer() || n.get<int64_t>() < 0) {
      problem = "copy count must be a non-negative integer";
    } else if (n.get<int64_t>() > limits_.max_copy_count) {
      problem = fmt::format("copy count {} exceeds Azure's limit of {}", n.get<int64_t>(), limits_.max_copy_count);
    }
    if (!problem.empty()) {
      if (log.errors) log.errors->emplace_back(path, std::move(problem));
      else ev.Error(std::move(problem));
      return -1;
    }
    return n.get<int64_t>();
  }

 private:
  // A value that failed to evaluate is reported (RL903) at its first use;
  // later uses replay it as Unknown, and must say why, not "decided at
  // deployment".
  static void RememberFailure(Cached* result, const Evaluator& ev, size_t errors_before, const std::string& what) {
    if (result->unknown_reason.empty() && ContainsUnknown(result->value) && ev.error_count() > errors_before) {
      result->unknown_reason = std::string(kFailed) + what + " has an error (reported where it is first used)";
    }
  }

  Json Replay(const Cached& cached, Evaluator& ev) {
    if (!cached.unknown_reason.empty()) ev.Unknown(cached.unknown_reason);
    return cached.value;
  }

  Cached ResolveParameter(const std::string& name, const Json& definition, Evaluator& ev) {
    if (const Json* supplied = values_ ? FindMember(*values_, name) : nullptr) {
      if (const Json* value = FindMember(*supplied, "value")) {
        if (!ContainsUnknown(*value)) return {*value, {}};
        auto reason = supplied_reasons_.find(ToLowerAscii(name));
        return {*value, reason != supplied_reasons_.end()
                            ? reason->second
                            : "the value passed for parameter '" + name + "' is unknown before deployment"};
      }
      if (FindMember(*supplied, "reference")) {
        return {UnknownValue(), "parameter '" + name + "' is read from Key Vault at deployment"};
      }
    }
    if (const Json* default_value = FindMember(definition, "defaultValue")) {
      std::string path;
      Json value = EvaluateTree(*default_value, ev, path, LeafLog{});
      std::string reason = ev.TakeUnknownReason();
      const bool unknown = ContainsUnknown(value);  // before the move below
      return {std::move(value), unknown ? reason : std::string()};
    }
    // A nullable parameter (Bicep's `param lock lockType?`) left unset is null.
    if (const Json* nullable = FindMember(definition, "nullable"); nullable && *nullable == true) return {Json(), {}};
    return {UnknownValue(), "parameter '" + name + "' has no value (no default, not set in a parameters file)"};
  }

  Cached ResolveVariable(const std::string& name, Evaluator& ev) {
    if (variables_ == nullptr) return {ev.Error("variable '" + name + "' is not declared"), {}};
    // Variables made by a copy loop: "variables": {"copy": [{name, count, input}]}.
    if (const Json* copy = FindMember(*variables_, "copy"); copy && IsPropertyCopy(*copy)) {
      for (const Json& loop : *copy) {
        if (EqualsIgnoreCase(FindMember(loop, "name")->get<std::string>(), name)) {
          std::string path;
          Json holder = Json::object();
          ExpandPropertyCopy(loop, ev, path, LeafLog{}, &holder);
          Json value = holder.begin().value();
          std::string reason = ev.TakeUnknownReason();
          return {value, ContainsUnknown(value) ? reason : std::string()};
        }
      }
    }
    const Json* definition = FindMember(*variables_, name);
    if (definition == nullptr) return {ev.Error("variable '" + name + "' is not declared"), {}};
    std::string path;
    Json value = EvaluateTree(*definition, ev, path, LeafLog{});
    std::string reason = ev.TakeUnknownReason();
    const bool unknown = ContainsUnknown(value);  // before the move below
    return {std::move(value), unknown ? reason : std::string()};
  }


 public:
  // Property iteration: {"name": "subnets", "count": n, "input": {...}} adds
  // out["subnets"] = [input evaluated with copyIndex('subnets') = 0..n-1].
  void ExpandPropertyCopy(const Json& loop, Evaluator& ev, std::string& path, const LeafLog& log, Json* out) {
    const Json* name_value = FindMember(loop, "name");
    const std::string name = name_value && name_value->is_string() ? name_value->get<std::string>() : "";
    const size_t mark = path.size();
    path += "/" + PointerToken(name);
    const int64_t count = EvaluateCount(*FindMember(loop, "count"), ev, path, log);
    if (count < 0) {
      (*out)[name] = UnknownValue();
      path.resize(mark);
      return;
    }
    Json items = Json::array();
    size_t weight = 0;
    for (int64_t i = 0; i < count; ++i) {
      PushCopy(name, i);
      path += "/" + std::to_string(i);
      items.push_back(EvaluateTree(*FindMember(loop, "input"), ev, path, log));
      // Nested loops multiply: bound what the loop builds as it grows.
      size_t item_weight = 0;
      const bool admitted = ev.Admit(items.back(), {"copy '", name, "'"}, &item_weight);
      weight += item_weight;
      if (admitted && weight > kMaxValueWeight) {
        ev.Error(fmt::format("copy '{}': the values would be larger than the limit of {} MiB (hostile or runaway template)",
                             name, kMaxValueWeight >> 20));
      }
      if (log.errors) {
        for (std::string& error : ev.TakeErrors()) log.errors->emplace_back(path, std::move(error));
      }
      path.resize(mark + 1 + PointerToken(name).size());
      PopCopy();
      if (!admitted || weight > kMaxValueWeight) {
        items = UnknownValue();
        break;
      }
    }
    (*out)[name] = std::move(items);
    path.resize(mark);
  }

 private:
  const Json* values_;
  const Json* parameters_ = nullptr;
  const Json* variables_ = nullptr;
  DeploymentContext deployment_;
  ExpandLimits limits_;
  ReferenceResolver* resolver_;
  std::unordered_map<std::string, std::string> supplied_reasons_;
  std::unordered_map<std::string, Cached> parameter_cache_;
  std::unordered_map<std::string, Cached> variable_cache_;
  std::unordered_set<std::string> busy_;
  std::vector<std::pair<std::string, int64_t>> copies_;
  std::unordered_map<std::string, const Json*> functions_;
};

std::vector<std::string_view> SplitSlash(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t slash = text.find('/', start);
    parts.push_back(text.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// "/subscriptions/S/resourceGroups/G/providers/NS/t1/n1/t2/n2"; empty when
// the type and name do not fit together.
std::string BuildId(const DeploymentContext& d, std::string_view type, std::string_view name) {
  const std::vector<std::string_view> types = SplitSlash(type);
  const std::vector<std::string_view> names = SplitSlash(name);
  if (types.size() < 2 || names.size() != types.size() - 1) return {};
  std::string id;
  id.reserve(64 + d.subscription_id.size() + d.resource_group.size() + type.size() + name.size());
  id.append("/subscriptions/").append(d.subscription_id).append("/resourceGroups/").append(d.resource_group);
  id.append("/providers/").append(types[0]);
  for (size_t i = 1; i < types.size(); ++i) id.append("/").append(types[i]).append("/").append(names[i - 1]);
  return id;
}

// Finds a resource expanded so far by lower-case id.
using ResourceLookup = std::function<const ExpandedResource*(const std::string& lower_id)>;

std::string LowerId(const std::string& id) {
  std::string out = ToLowerAscii(id);
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

std::string_view ProviderSuffix(std::string_view lower_id) {
  const size_t at = lower_id.rfind("/providers/");
  return at == std::string_view::npos ? lower_id : lower_id.substr(at);
}

// The prefix of a subnet declared as a child resource or inline in its VNet.
std::optional<Prefix> SubnetPrefix(const ResourceLookup& lookup, const std::string& subnet_id) {
  auto prefix_of = [](const Json& properties) -> std::optional<Prefix> {
    const Json* p = FindMember(properties, "addressPrefix");
    if (p == nullptr) {
      const Json* many = FindMember(properties, "addressPrefixes");
      if (many && many->is_array() && !many->empty()) p = &(*many)[0];
    }
    std::string error;
    return p && p->is_string() ? Prefix::Parse(p->get<std::string>(), &error) : std::nullopt;
  };
  if (const ExpandedResource* subnet = lookup(subnet_id)) {
    const Json* props = FindMember(subnet->body, "properties");
    return props ? prefix_of(*props) : std::nullopt;
  }
  const size_t cut = subnet_id.rfind("/subnets/");
  if (cut == std::string::npos) return std::nullopt;
  const ExpandedResource* vnet = lookup(subnet_id.substr(0, cut));
  if (vnet == nullptr) return std::nullopt;
  const Json* props = FindMember(vnet->body, "properties");
  const Json* subnets = props ? FindMember(*props, "subnets") : nullptr;
  if (subnets == nullptr || !subnets->is_array()) return std::nullopt;
  const std::string wanted = subnet_id.substr(cut + 9);
  for (const Json& s : *subnets) {
    const Json* name = FindMember(s, "name");
    const Json* sp = FindMember(s, "properties");
    if (name && name->is_string() && EqualsIgnoreCase(name->get<std::string>(), wanted) && sp) return prefix_of(*sp);
  }
  return std::nullopt;
}

// Every object of a deployed resource's state may hold members the template
// never wrote (provisioningState, an assigned address, ...).
void MarkRuntimeState(Json* value) {
  if (value->is_object()) {
    for (auto& [key, member] : value->items()) MarkRuntimeState(&member);
    (*value)[std::string(kRuntimeStateMarker)] = true;
  } else if (value->is_array()) {
    for (Json& item : *value) MarkRuntimeState(&item);
  }
}

// An Azure Firewall's private IP is the first assignable address (offset 4)
// of its subnet, when that subnet is declared with a known prefix.
void AddFirewallAddress(Json* state, const ResourceLookup& lookup) {
  Json* configs = FindMember(*state, "ipConfigurations");
  if (configs == nullptr || !configs->is_array()) return;
  for (Json& config : *configs) {
    Json* props = FindMember(config, "properties");
    if (props == nullptr || !props->is_object() || FindMember(*props, "privateIPAddress")) continue;
    const Json* subnet = FindMember(*props, "subnet");
    const Json* id = subnet ? FindMember(*subnet, "id") : nullptr;
    if (id == nullptr || !id->is_string()) continue;
    if (std::optional<Prefix> prefix = SubnetPrefix(lookup, LowerId(id->get<std::string>()))) {
      if (auto ip = prefix->Host(4)) (*props)["privateIPAddress"] = ip->ToString();
    }
  }
}

// What reference() returns for a resource: its declared properties plus
// what Azure assigns predictably; `full` adds the resource envelope.
Json StateOf(const ExpandedResource& r, bool full, const ResourceLookup& lookup) {
  const Json* properties = FindMember(r.body, "properties");
  Json state = properties && properties->is_object() ? *properties : Json::object();
  if (EqualsIgnoreCase(r.type, "Microsoft.Network/azureFirewalls")) AddFirewallAddress(&state, lookup);
  MarkRuntimeState(&state);
  if (!full) return state;
  Json whole = r.body;
  whole["properties"] = std::move(state);
  whole["id"] = r.id;
  whole[std::string(kRuntimeStateMarker)] = true;
  return whole;
}

bool IsDeployment(std::string_view type) { return EqualsIgnoreCase(type, "Microsoft.Resources/deployments"); }

std::string JoinContext(const std::string& outer, const std::string& inner) {
  if (outer.empty()) return inner;
  if (inner.empty()) return outer;
  return outer + " › " + inner;
}

// "spokes[2]" → ("spokes", 2); otherwise index -1.
std::pair<std::string, int64_t> SplitIndexedSymbol(const std::string& text) {
  if (text.size() > 3 && text.back() == ']') {
    const size_t open = text.rfind('[');
    if (open != std::string::npos && open > 0) {
      const std::string digits = text.substr(open + 1, text.size() - open - 2);
      if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 7) {
        return {text.substr(0, open), std::stoll(digits)};
      }
    }
  }
  return {text, -1};
}

// What every frame of one file's expansion shares.
struct Shared {
  ExpandResult& result;
  EvalSession& session;
  const ExpandLimits& limits;
  const LinkLoader& loader;
  const ExternalStates* external;
  const std::unordered_map<std::string, std::string>* external_by_provider;
  std::unordered_map<std::string, size_t> resource_by_id = {};  // lower-case id → index in result.resources
  bool resource_limit_reported = false;
  size_t messages_dropped = 0;  // past kMaxMessages
  bool errors_dropped = false;
};

// A hostile file could otherwise make a diagnostic per resource of a
// 100,000-resource copy loop.
constexpr size_t kMaxMessages = 1000;

// One template instance: the file's own template, or the template of a
// nested or linked deployment inside it.
class Frame : public ReferenceResolver {
 public:
  struct Place {
    std::string file;      // path of the file holding this template (linked templates resolve against it)
    std::string file_tag;  // ExpandedResource::file for what this frame declares ("" = the root file)
    std::string pointer;   // JSON pointer of this template object in its file ("" = the root)
    std::string context;   // module path, "module 'hub' › module 'spoke-1'"
  };

  Frame(Shared& shared, const Json& template_json, const Json* parameter_values,
        std::unordered_map<std::string, std::string> supplied_reasons, const DeploymentContext& deployment, Place place,
        int depth, Frame* outer)
      : sh_(shared), template_(template_json), deployment_(deployment), place_(std::move(place)), depth_(depth) {
    if (outer != nullptr) {
      // Outer scope: the nested template's expressions see the parent's
      // parameters and variables (ARM's default for inline templates).
      scope_ = outer->scope_;
      ev_ = outer->ev_;
    } else {
      own_scope_ = std::make_unique<TemplateScope>(template_json, parameter_values, deployment_, sh_.limits, this,
                                                   std::move(supplied_reasons));
      own_ev_ = std::make_unique<Evaluator>(*own_scope_, sh_.session);
      scope_ = own_scope_.get();
      ev_ = own_ev_.get();
    }
  }

  void ExpandResources() {
    const Json* resources = FindMember(template_, "resources");
    if (resources == nullptr) return;
    std::vector<Decl> decls;
    if (resources->is_array()) {
      for (size_t i = 0; i < resources->size(); ++i) {
        decls.push_back({&(*resources)[i], place_.pointer + "/resources/" + std::to_string(i), ""});
      }
    } else if (resources->is_object()) {
      // languageVersion 2.0: resources keyed by symbolic name, deployed in
      // the order their dependsOn symbols impose.
      for (auto it = resources->begin(); it != resources->end(); ++it) {
        decls.push_back({&it.value(), place_.pointer + "/resources/" + PointerToken(it.key()), it.key()});
        symbols_[ToLowerAscii(it.key())] = decls.back();
      }
      decls = OrderByDependencies(std::move(decls));
    }
    IndexDeployments(decls);
    for (const Decl& d : decls) Declaration(*d.json, d.pointer, nullptr);
  }

  // The object reference() returns for this deployment: {"outputs": {...}}.
  Json Outputs() {
    Json outputs = Json::object();
    const Json* declared = FindMember(template_, "outputs");
    if (declared == nullptr || !declared->is_object()) return Json{{"outputs", outputs}};
    for (auto it = declared->begin(); it != declared->end(); ++it) {
      const Json* type = FindMember(it.value(), "type");
      Json value;
      std::string path;
      if (const Json* copy = FindMember(it.value(), "copy");
          copy && copy->is_object() && FindMember(*copy, "input") && FindMember(*copy, "count")) {
        Json holder = Json::object();
        Json loop = *copy;
        loop["name"] = it.key();
        scope_->ExpandPropertyCopy(loop, *ev_, path, LeafLog{}, &holder);
        value = holder.begin().value();
      } else if (const Json* v = FindMember(it.value(), "value")) {
        value = scope_->EvaluateTree(*v, *ev_, path, LeafLog{});
      } else {
        value = Json(nullptr);
      }
      if (std::string reason = ev_->TakeUnknownReason(); !reason.empty() && ContainsUnknown(value)) {
        output_reasons_.push_back(reason);
      }
      for (std::string& error : ev_->TakeErrors()) {
        Message("RL903", Severity::kWarning, place_.pointer + "/outputs/" + PointerToken(it.key()), std::move(error));
      }
      outputs[it.key()] = Json{{"type", type && type->is_string() ? *type : Json("")}, {"value", value}};
    }
    return Json{{"outputs", outputs}};
  }

  const std::vector<std::string>& output_reasons() const { return output_reasons_; }

  Json Resolve(const Json& target, bool full, Evaluator& ev) override {
    if (IsUnknown(target)) return UnknownValue();
    if (!target.is_string()) return ev.Error("reference(): the target must be a resource id or name");
    const std::string text = target.get<std::string>();
    if (text.find('/') != std::string::npos) {
      const std::string id = NormalizeLower(text);
      const std::string marker = "/providers/microsoft.resources/deployments/";
      const size_t at = id.rfind(marker);
      if (at != std::string::npos && id.find('/', at + marker.size()) == std::string::npos) {
        return DeploymentReference(text.substr(at + marker.size()), ev);
      }
      auto it = sh_.resource_by_id.find(id);
      if (it != sh_.resource_by_id.end()) return ResourceState(it->second, full);
      if (sh_.external != nullptr) {
        auto state = sh_.external->find(id);
        if (state == sh_.external->end() && sh_.external_by_provider != nullptr) {
          // Another file may spell the subscription or resource group differently.
          auto alt = sh_.external_by_provider->find(std::string(ProviderSuffix(id)));
          if (alt != sh_.external_by_provider->end()) state = sh_.external->find(alt->second);
        }
        if (state != sh_.external->end()) {
          if (!full) return state->second;
          Json whole = {{"properties", state->second}, {"id", text}};
          whole[std::string(kRuntimeStateMarker)] = true;
          return whole;
        }
      }
      sh_.result.references_elsewhere = true;
      return ev.Unknown("reference('" + text + "') reads a resource no input file declares; its state is known only at deployment");
    }
    auto [symbol, index] = SplitIndexedSymbol(text);
    if (auto it = symbols_.find(ToLowerAscii(symbol)); it != symbols_.end()) {
      const Json& decl = *it->second.json;
      if (const Json* existing = FindMember(decl, "existing"); existing && existing->is_boolean() && existing->get<bool>()) {
        return ev.Unknown("reference('" + text + "') reads an existing resource deployed elsewhere");
      }
      const Json* type = FindMember(decl, "type");
      if (type && type->is_string() && IsDeployment(type->get<std::string>())) {
        std::string name = NameOf(decl, index);
        if (name.empty()) return ev.Unknown("the name of deployment '" + text + "' is unknown");
        return DeploymentReference(name, ev);
      }
      const std::string key = it->second.pointer + "#" + std::to_string(index);
      if (auto r = resource_by_decl_.find(key); r != resource_by_decl_.end()) return ResourceState(r->second, full);
      return ev.Unknown("reference('" + text + "'): that resource was not deployed (condition false)");
    }
    if (deployments_.count(ToLowerAscii(text)) || outputs_.count(ToLowerAscii(text))) return DeploymentReference(text, ev);
    for (size_t i : own_resources_) {
      if (EqualsIgnoreCase(sh_.result.resources[i].name, text)) return ResourceState(i, full);
    }
    return ev.Unknown("reference('" + text + "') reads a resource this template does not declare; its state is known only at deployment");
  }

 private:
  struct Decl {
    const Json* json;
    std::string pointer;
    std::string symbol;
  };
  struct DeploymentDecl {
    const Json* json;
    std::string pointer;
    std::string loop;      // copy loop name, or empty
    int64_t index = -1;    // copy index, or -1
  };
  struct Parent {
    std::string type;
    std::string name;
  };

  static std::string NormalizeLower(const std::string& id) {
    std::string out = ToLowerAscii(id);
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
  }

  void Message(std::string id, Severity severity, std::string pointer, std::string message) {
    if (sh_.result.messages.size() >= kMaxMessages) {
      ++sh_.messages_dropped;
      sh_.errors_dropped = sh_.errors_dropped || severity == Severity::kError;
      return;
    }
    sh_.result.messages.push_back({std::move(id), severity, place_.file_tag, std::move(pointer), std::move(message)});
  }

  // Depth-first over dependsOn symbols ("hub", "spokes[0]" and "spokes"
  // alike), keeping the given order among independent resources.
  std::vector<Decl> OrderByDependencies(std::vector<Decl> decls) {
    std::vector<Decl> ordered;
    std::unordered_map<std::string, int> state;  // 1 visiting, 2 done
    std::function<void(const Decl&)> visit = [&](const Decl& d) {
      const std::string key = ToLowerAscii(d.symbol);
      if (state[key] != 0) return;  // done, or a cycle (ARM rejects those; keep going)
      state[key] = 1;
      if (const Json* depends = FindMember(*d.json, "dependsOn"); depends && depends->is_array()) {
        for (const Json& dep : *depends) {
          if (!dep.is_string()) continue;
          auto it = symbols_.find(ToLowerAscii(SplitIndexedSymbol(dep.get<std::string>()).first));
          if (it != symbols_.end()) visit(it->second);
        }
      }
      state[key] = 2;
      ordered.push_back(d);
    };
    for (const Decl& d : decls) visit(d);
    return ordered;
  }

  // Evaluates a declaration's name (with copy index `index` when >= 0), or "".
  std::string NameOf(const Json& decl, int64_t index) {
    const Json* name = FindMember(decl, "name");
    if (name == nullptr || !name->is_string()) return {};
    const Json* copy = FindMember(decl, "copy");
    const Json* loop = copy ? FindMember(*copy, "name") : nullptr;
    const bool pushed = index >= 0 && loop && loop->is_string();
    if (pushed) scope_->PushCopy(loop->get<std::string>(), index);
    Json value = ev_->EvaluateString(name->get_ref<const std::string&>());
    if (pushed) scope_->PopCopy();
    ev_->TakeErrors();
    ev_->TakeUnknownReason();
    return value.is_string() ? value.get<std::string>() : std::string();
  }

  // Deployments by evaluated name, so reference() can expand one on demand
  // when it is used before its declaration comes up.
  void IndexDeployments(const std::vector<Decl>& decls) {
    for (const Decl& d : decls) {
      const Json* type = FindMember(*d.json, "type");
      if (!type || !type->is_string() || !IsDeployment(type->get<std::string>())) continue;
      const Json* copy = FindMember(*d.json, "copy");
      if (copy == nullptr) {
        if (std::string name = NameOf(*d.json, -1); !name.empty()) deployments_[ToLowerAscii(name)] = {d.json, d.pointer, "", -1};
        continue;
      }
      const Json* loop = FindMember(*copy, "name");
      const Json* count = FindMember(*copy, "count");
      if (!loop || !loop->is_string() || !count) continue;
      Json n = count->is_string() ? ev_->EvaluateString(count->get<std::string>()) : *count;
      ev_->TakeErrors();
      ev_->TakeUnknownReason();
      if (!n.is_number_integer() || n.get<int64_t>() < 0 || n.get<int64_t>() > sh_.limits.max_copy_count) continue;
      for (int64_t i = 0; i < n.get<int64_t>(); ++i) {
        if (std::string name = NameOf(*d.json, i); !name.empty()) {
          deployments_[ToLowerAscii(name)] = {d.json, d.pointer, loop->get<std::string>(), i};
        }
      }
    }
  }

  Json DeploymentReference(const std::string& name, Evaluator& ev) {
    const std::string key = ToLowerAscii(name);
    if (outputs_.find(key) == outputs_.end()) {
      auto it = deployments_.find(key);
      if (it == deployments_.end()) {
        return ev.Unknown("reference() to deployment '" + name + "', which this template does not declare");
      }
      const DeploymentDecl& d = it->second;
      if (!in_progress_.insert(key).second || instantiating_.count(d.pointer + "#" + std::to_string(d.index))) {
        in_progress_.erase(key);
        return ev.Error("deployment '" + name + "' needs its own outputs: its references form a cycle");
      }
      // Expanding the module evaluates other expressions with this
      // evaluator: keep what the interrupted expression has found so far.
      std::string reason = ev.TakeUnknownReason();
      std::vector<std::string> errors = ev.TakeErrors();
      auto copies = scope_->TakeCopies();
      if (d.index >= 0) scope_->PushCopy(d.loop, d.index);
      Instance(*d.json, d.pointer, nullptr, d.index >= 0 ? fmt::format("copy '{}' index {}", d.loop, d.index) : "", d.index);
      scope_->RestoreCopies(std::move(copies));
      in_progress_.erase(key);
      ev.TakeUnknownReason();
      if (!reason.empty()) ev.Unknown(std::move(reason));
      for (std::string& error : errors) ev.Error(std::move(error));
    }
    auto out = outputs_.find(key);
    if (out == outputs_.end()) {
      return ev.Unknown("the outputs of deployment '" + name + "' are unknown (its template was not expanded)");
    }
    for (const std::string& reason : out->second.reasons) ev.Unknown(reason);
    return out->second.value;
  }

  // reference() of a resource declared here (or, in a second pass, in
  // another file of the estate).
  Json ResourceState(size_t index, bool full) {
    return StateOf(sh_.result.resources[index], full, [this](const std::string& id) -> const ExpandedResource* {
      auto it = sh_.resource_by_id.find(id);
      return it == sh_.resource_by_id.end() ? nullptr : &sh_.result.resources[it->second];
    });
  }

  std::string EvaluateText(const Json* value, const std::string& pointer, const char* what) {
    if (value == nullptr || !value->is_string()) {
      Message("RL903", Severity::kWarning, pointer, fmt::format("resource has no {}", what));
      return {};
    }
    Json evaluated = ev_->EvaluateString(value->get_ref<const std::string&>());
    std::string reason = ev_->TakeUnknownReason();
    for (std::string& error : ev_->TakeErrors()) Message("RL903", Severity::kWarning, pointer, std::move(error));
    if (!evaluated.is_string()) {
      if (IsUnknown(evaluated)) {
        Message("RL900", Severity::kNote, pointer,
                fmt::format("resource {} is unknown before deployment ({}); the resource is not linted", what,
                            reason.empty() ? "decided at deployment" : reason));
      }
      return {};
    }
    return evaluated.get<std::string>();
  }

  void Declaration(const Json& decl, const std::string& pointer, const Parent* parent) {
    if (!decl.is_object()) {
      Message("RL903", Severity::kWarning, pointer, "a resource must be an object");
      return;
    }
    if (const Json* existing = FindMember(decl, "existing"); existing && existing->is_boolean() && existing->get<bool>()) {
      return;  // a reference to a resource deployed elsewhere, not a declaration
    }
    const Json* copy = FindMember(decl, "copy");
    if (copy == nullptr) {
      Instance(decl, pointer, parent, "", -1);
      return;
    }
    const Json* loop_name = FindMember(*copy, "name");
    const Json* count_value = FindMember(*copy, "count");
    if (!loop_name || !loop_name->is_string() || !count_value) {
      Message("RL903", Severity::kWarning, pointer + "/copy", "copy needs a name and a count");
      return;
    }
    std::string path = pointer + "/copy/count";
    std::vector<std::pair<std::string, std::string>> errors;
    std::vector<UnknownProperty> unknowns;
    const int64_t count = scope_->EvaluateCount(*count_value, *ev_, path, LeafLog{&unknowns, &errors});
    for (auto& [where, error] : errors) Message("RL903", Severity::kWarning, where, std::move(error));
    if (count < 0) {
      if (!unknowns.empty()) {
        Message("RL900", Severity::kNote, pointer + "/copy/count",
                "copy count is unknown before deployment (" + unknowns.front().reason + "); the resources are not linted");
      }
      return;
    }
    const std::string name = loop_name->get<std::string>();
    for (int64_t i = 0; i < count; ++i) {
      scope_->PushCopy(name, i);
      Instance(decl, pointer, parent, fmt::format("copy '{}' index {}", name, i), i);
      scope_->PopCopy();
    }
  }

  void Instance(const Json& decl, const std::string& pointer, const Parent* parent, std::string context, int64_t index) {
    if (sh_.session.exhausted()) return;  // said once, at the end
    const std::string key = pointer + "#" + std::to_string(index);
    if (!instantiated_.insert(key).second) return;  // a deployment already expanded on demand
    instantiating_.insert(key);
    InstanceBody(decl, pointer, parent, std::move(context), key);
    instantiating_.erase(key);
  }

  void InstanceBody(const Json& decl, const std::string& pointer, const Parent* parent, std::string context,
                    const std::string& key) {
    bool condition_unknown = false;
    if (const Json* condition = FindMember(decl, "condition")) {
      Json value = condition->is_string() ? ev_->EvaluateString(condition->get_ref<const std::string&>()) : *condition;
      ev_->TakeUnknownReason();
      for (std::string& error : ev_->TakeErrors()) Message("RL903", Severity::kWarning, pointer + "/condition", std::move(error));
      if (value.is_boolean() && !value.get<bool>()) return;
      condition_unknown = !value.is_boolean();
    }
    std::string type = EvaluateText(FindMember(decl, "type"), pointer, "type");
    std::string name = EvaluateText(FindMember(decl, "name"), pointer, "name");
    if (type.empty() || name.empty()) return;
    // Azure's names and types are short (a few dozen characters); a longer
    // one is no resource, and would only fill every message naming it.
    constexpr size_t kMaxNameLength = 1024;
    if (type.size() > kMaxNameLength || name.size() > kMaxNameLength) {
      Message("RL903", Severity::kWarning, pointer,
              fmt::format("resource name or type longer than {} characters ('{}'); the resource is not linted",
                          kMaxNameLength, Abbreviate(type.size() > kMaxNameLength ? type : name)));
      return;
    }
    // A child declared inside its parent's "resources" has a short type and name.
    if (parent != nullptr && std::count(type.begin(), type.end(), '/') == 0) {
      type = parent->type + "/" + type;
      name = parent->name + "/" + name;
    }
    if (sh_.result.resources.size() >= sh_.limits.max_resources) {
      if (!sh_.resource_limit_reported) {
        Message("RL903", Severity::kError, pointer,
                "more resources than the limit of " + std::to_string(sh_.limits.max_resources) + "; the rest are not linted");
        sh_.resource_limit_reported = true;
      }
      return;
    }
    ExpandedResource resource;
    resource.type = type;
    resource.name = name;
    resource.id = BuildId(deployment_, type, name);
    resource.file = place_.file_tag;
    resource.pointer = pointer;
    resource.context = JoinContext(place_.context, context);
    resource.condition_unknown = condition_unknown;
    if (resource.id.empty()) {
      Message("RL903", Severity::kWarning, pointer,
              fmt::format("resource name '{}' does not fit its type '{}' (one name segment per type segment)", name, type));
      return;
    }
    std::vector<std::pair<std::string, std::string>> errors;
    resource.body = Json::object();
    for (auto it = decl.begin(); it != decl.end(); ++it) {
      const std::string& member = it.key();
      if (IsDeclarationOnly(member)) continue;
      std::string path = "/" + PointerToken(member);
      if (member == "properties" && IsDeployment(type) && it.value().is_object()) {
        // A nested template's expressions belong to its own scope; they are
        // evaluated when the deployment is expanded below.
        // (Copied member by member: the template itself may be most of the file.)
        Json shallow = Json::object();
        for (auto member_it = it.value().begin(); member_it != it.value().end(); ++member_it) {
          if (member_it.key() != "template") shallow[member_it.key()] = member_it.value();
        }
        resource.body[member] = scope_->EvaluateTree(shallow, *ev_, path, LeafLog{&resource.unknowns, &errors});
        continue;
      }
      resource.body[member] = scope_->EvaluateTree(it.value(), *ev_, path, LeafLog{&resource.unknowns, &errors});
    }
    resource.body["name"] = name;
    resource.body["type"] = type;
    // An extension resource (diagnostic settings, locks, ...) lives under the
    // resource its `scope` names: two of the same name on different
    // resources are different resources.
    if (const Json* scope = FindMember(resource.body, "scope"); scope && scope->is_string() && !scope->get<std::string>().empty()) {
      const size_t providers = resource.id.find("/providers/");
      if (providers != std::string::npos) {
        std::string base = scope->get<std::string>();
        while (!base.empty() && base.back() == '/') base.pop_back();
        resource.id = base + resource.id.substr(providers);
      }
    }
    for (auto& [where, error] : errors) Message("RL903", Severity::kWarning, pointer + where, std::move(error));
    // What the resources of one file hold counts against the session's budget.
    if (!ev_->Admit(resource.body, {"resource '", name, "'"})) {
      for (std::string& error : ev_->TakeErrors()) Message("RL903", Severity::kError, pointer, error + "; the resource is not linted");
      return;
    }
    const Parent self{type, name};
    const size_t at = sh_.result.resources.size();
    sh_.resource_by_id.emplace(NormalizeLower(resource.id), at);
    resource_by_decl_.emplace(key, at);
    own_resources_.push_back(at);
    sh_.result.resources.push_back(std::move(resource));
    if (IsDeployment(type)) ExpandDeployment(decl, at, name, pointer, JoinContext(place_.context, context));
    if (const Json* children = FindMember(decl, "resources"); children && children->is_array()) {
      for (size_t i = 0; i < children->size(); ++i) {
        Declaration((*children)[i], pointer + "/resources/" + std::to_string(i), &self);
      }
    }
  }

  // A nested (inline) or linked deployment: expands its template in a frame
  // of its own and keeps its outputs for reference().
  void ExpandDeployment(const Json& decl, size_t index, const std::string& name, const std::string& pointer,
                        const std::string& context) {
    const Json body = sh_.result.resources[index].body;  // copy: the vector grows below
    const std::vector<UnknownProperty> unknowns = sh_.result.resources[index].unknowns;
    if (depth_ + 1 > sh_.limits.max_deployment_depth) {
      Message("RL903", Severity::kError, pointer,
              fmt::format("nested deployments go deeper than {} levels", sh_.limits.max_deployment_depth));
      return;
    }
    const Json* properties = FindMember(body, "properties");
    const Json* raw_properties = FindMember(decl, "properties");
    const Json* inline_template = raw_properties ? FindMember(*raw_properties, "template") : nullptr;
    Json linked;
    std::string linked_path;
    Place place{place_.file, place_.file_tag, pointer + "/properties/template", JoinContext(context, "module '" + name + "'")};
    bool inner = false;
    if (inline_template == nullptr) {
      const Json* link = properties ? FindMember(*properties, "templateLink") : nullptr;
      const Json* relative = link ? FindMember(*link, "relativePath") : nullptr;
      const Json* uri = link ? FindMember(*link, "uri") : nullptr;
      const Json* target = relative && relative->is_string() ? relative : (uri && uri->is_string() ? uri : nullptr);
      if (target == nullptr) {
        const bool unknown = link && ((relative && IsUnknown(*relative)) || (uri && IsUnknown(*uri)));
        Message("RL900", Severity::kNote, pointer,
                unknown ? "the template of deployment '" + name + "' is linked by an address unknown before deployment; its resources are not linted"
                        : "deployment '" + name + "' has no template to expand");
        return;
      }
      std::string error;
      if (!sh_.loader || !sh_.loader(place_.file, target->get<std::string>(), target == uri, &linked, &linked_path, &error)) {
        Message("RL900", Severity::kNote, pointer,
                "the linked template of deployment '" + name + "' (" + target->get<std::string>() + ") is not available" +
                    (error.empty() ? "" : ": " + error) + "; its resources are not linted");
        return;
      }
      sh_.result.linked_files.push_back(linked_path);
      inline_template = &linked;
      place = Place{linked_path, linked_path, "", JoinContext(context, "module '" + name + "'")};
      inner = true;
    } else {
      const Json* options = properties ? FindMember(*properties, "expressionEvaluationOptions") : nullptr;
      const Json* scope = options ? FindMember(*options, "scope") : nullptr;
      inner = scope && scope->is_string() && EqualsIgnoreCase(scope->get<std::string>(), "inner");
    }
    if (!inline_template->is_object()) {
      Message("RL903", Severity::kWarning, pointer, "the template of deployment '" + name + "' is not an object");
      return;
    }
    DeploymentContext child = deployment_;
    child.deployment_name = name;
    if (const Json* group = FindMember(body, "resourceGroup")) {
      child.resource_group = group->is_string() ? group->get<std::string>() : "{resourceGroup of deployment '" + name + "'}";
    }
    if (const Json* subscription = FindMember(body, "subscriptionId")) {
      child.subscription_id = subscription->is_string() ? subscription->get<std::string>() : "{subscription of deployment '" + name + "'}";
    }
    // Parameters passed to an inner-scope template, and why those that are
    // Unknown are.
    const Json* values = nullptr;
    Json parameters_link_document;
    std::unordered_map<std::string, std::string> reasons;
    if (inner && properties) {
      values = FindMember(*properties, "parameters");
      for (const UnknownProperty& u : unknowns) {
        const std::string prefix = "/properties/parameters/";
        if (u.path.rfind(prefix, 0) != 0) continue;
        const std::string parameter = u.path.substr(prefix.size(), u.path.find('/', prefix.size()) - prefix.size());
        reasons.emplace(ToLowerAscii(parameter), u.reason);
      }
      const Json* parameters_link = FindMember(*properties, "parametersLink");
      const Json* uri = parameters_link ? FindMember(*parameters_link, "uri") : nullptr;
      if (values == nullptr && uri && uri->is_string() && sh_.loader) {
        std::string path, error;
        if (sh_.loader(place_.file, uri->get<std::string>(), true, &parameters_link_document, &path, &error)) {
          values = FindMember(parameters_link_document, "parameters");
        }
      }
    }
    Frame nested(sh_, *inline_template, values, std::move(reasons), child, std::move(place), depth_ + 1,
                 inner ? nullptr : this);
    nested.ExpandResources();
    DeploymentOutputs entry;
    entry.value = nested.Outputs();
    entry.value[std::string(kRuntimeStateMarker)] = true;
    entry.reasons = nested.output_reasons();
    outputs_[ToLowerAscii(name)] = std::move(entry);
  }

  struct DeploymentOutputs {
    Json value;
    std::vector<std::string> reasons;
  };

  Shared& sh_;
  const Json& template_;
  DeploymentContext deployment_;
  Place place_;
  int depth_;
  std::unique_ptr<TemplateScope> own_scope_;
  std::unique_ptr<Evaluator> own_ev_;
  TemplateScope* scope_ = nullptr;
  Evaluator* ev_ = nullptr;
  std::unordered_map<std::string, Decl> symbols_;
  std::unordered_map<std::string, DeploymentDecl> deployments_;
  std::unordered_map<std::string, DeploymentOutputs> outputs_;
  std::unordered_set<std::string> in_progress_;
  std::unordered_set<std::string> instantiated_;
  std::unordered_set<std::string> instantiating_;  // declarations being expanded right now
  std::unordered_map<std::string, size_t> resource_by_decl_;
  std::vector<size_t> own_resources_;
  std::vector<std::string> output_reasons_;
};

bool SchemaNames(std::string_view schema, std::string_view kind) {
  const std::string lower = ToLowerAscii(schema);
  return lower.find("schema.management.azure.com") != std::string::npos && lower.find(ToLowerAscii(kind)) != std::string::npos;
}

}  // namespace

bool IsDeploymentTemplateSchema(std::string_view schema) {
  return SchemaNames(schema, "deploymentTemplate.json");
}

bool IsDeploymentParametersSchema(std::string_view schema) {
  return SchemaNames(schema, "deploymentParameters.json");
}

ExternalStates BuildRuntimeStates(const std::vector<const ExpandedResource*>& resources) {
  std::unordered_map<std::string, const ExpandedResource*> by_id;
  for (const ExpandedResource* r : resources) by_id.emplace(LowerId(r->id), r);
  const ResourceLookup lookup = [&by_id](const std::string& id) -> const ExpandedResource* {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  ExternalStates states;
  for (const auto& [id, r] : by_id) states.emplace(id, StateOf(*r, false, lookup));
  return states;
}

ExpandResult ExpandTemplate(const Json& template_json, const Json* parameter_values,
                            const DeploymentContext& deployment, const ExpandLimits& limits,
                            EvalSession& session, const std::string& path, const LinkLoader& loader,
                            const ExternalStates* external) {
  ExpandResult result;
  // Ids of other files' resources by their provider part, for ids written
  // with another (literal or parameter) subscription or resource group.
  std::unordered_map<std::string, std::string> by_provider;
  if (external != nullptr) {
    std::unordered_set<std::string> ambiguous;
    for (const auto& [id, state] : *external) {
      if (!by_provider.emplace(std::string(ProviderSuffix(id)), id).second) ambiguous.insert(std::string(ProviderSuffix(id)));
    }
    for (const std::string& suffix : ambiguous) by_provider.erase(suffix);
  }
  Shared shared{result, session, limits, loader, external, &by_provider};
  Frame root(shared, template_json, parameter_values, {}, deployment, Frame::Place{path, "", "", ""}, 0, nullptr);
  root.ExpandResources();
  if (shared.messages_dropped > 0) {
    result.messages.push_back({"RL903", shared.errors_dropped ? Severity::kError : Severity::kNote, "", "",
                               fmt::format("{} more messages about this file are not shown", shared.messages_dropped)});
  }
  if (session.exhausted()) {
    result.messages.push_back({"RL903", Severity::kError, "", "", "evaluation stopped: the template needs more work than allowed"});
  }
  return result;
}

}  // namespace routelint

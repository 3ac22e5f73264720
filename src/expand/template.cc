#include "expand/template.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace routelint {
namespace {

// JSON pointer escaping of one reference token (RFC 6901).
std::string PointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

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

bool IsPropertyCopy(const Json& copy) {
  if (!copy.is_array() || copy.empty()) return false;
  for (const Json& loop : copy) {
    if (!FindMember(loop, "name") || !FindMember(loop, "count") || !FindMember(loop, "input")) return false;
  }
  return true;
}

class TemplateScope : public Scope {
 public:
  TemplateScope(const Json& template_json, const Json* parameter_values, const DeploymentContext& deployment,
                const ExpandLimits& limits)
      : template_(template_json), values_(parameter_values), deployment_(deployment), limits_(limits) {
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
    Cached result = ResolveParameter(std::string(name), *definition, ev);
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
    Cached result = ResolveVariable(std::string(name), ev);
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

  Json Reference(const Json& target, bool, Evaluator& ev) override {
    return ev.Unknown(fmt::format("reference({}) reads a deployed resource's state; not resolved by this version",
                                  target.is_string() ? "'" + target.get<std::string>() + "'" : std::string("...")));
  }

  const DeploymentContext& Deployment() override { return deployment_; }

  void PushCopy(std::string name, int64_t index) { copies_.emplace_back(std::move(name), index); }
  void PopCopy() { copies_.pop_back(); }

  // Evaluates a tree, expanding property `copy` loops, and logs per leaf.
  Json EvaluateTree(const Json& value, Evaluator& ev, std::string& path, const LeafLog& log) {
    if (value.is_string()) {
      Json result = ev.EvaluateString(value.get_ref<const std::string&>());
      std::string reason = ev.TakeUnknownReason();
      if (log.errors) {
        for (std::string& error : ev.TakeErrors()) log.errors->emplace_back(path, std::move(error));
      }
      if (log.unknowns && ContainsUnknown(result)) {
        log.unknowns->push_back({path, reason.empty() ? "its value is decided at deployment" : std::move(reason)});
      }
      return result;
    }
    const size_t mark = path.size();
    if (value.is_array()) {
      Json out = Json::array();
      for (size_t i = 0; i < value.size(); ++i) {
        path += "/" + std::to_string(i);
        out.push_back(EvaluateTree(value[i], ev, path, log));
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
        path += "/" + PointerToken(it.key());
        out[it.key()] = EvaluateTree(it.value(), ev, path, log);
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
    if (!n.is_number_integer() || n.get<int64_t>() < 0) {
      ev.Error("copy count must be a non-negative integer");
      if (log.errors) log.errors->emplace_back(path, "copy count must be a non-negative integer");
      return -1;
    }
    if (n.get<int64_t>() > limits_.max_copy_count) {
      if (log.errors) {
        log.errors->emplace_back(path, fmt::format("copy count {} exceeds Azure's limit of {}", n.get<int64_t>(),
                                                   limits_.max_copy_count));
      }
      return -1;
    }
    return n.get<int64_t>();
  }

 private:
  Json Replay(const Cached& cached, Evaluator& ev) {
    if (!cached.unknown_reason.empty()) ev.Unknown(cached.unknown_reason);
    return cached.value;
  }

  Cached ResolveParameter(const std::string& name, const Json& definition, Evaluator& ev) {
    if (const Json* supplied = values_ ? FindMember(*values_, name) : nullptr) {
      if (const Json* value = FindMember(*supplied, "value")) return {*value, {}};
      if (FindMember(*supplied, "reference")) {
        return {UnknownValue(), "parameter '" + name + "' is read from Key Vault at deployment"};
      }
    }
    if (const Json* default_value = FindMember(definition, "defaultValue")) {
      std::string path;
      Json value = EvaluateTree(*default_value, ev, path, LeafLog{});
      std::string reason = ev.TakeUnknownReason();
      return {std::move(value), ContainsUnknown(value) ? reason : std::string()};
    }
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
    return {std::move(value), ContainsUnknown(value) ? reason : std::string()};
  }

  // Property iteration: {"name": "subnets", "count": n, "input": {...}} adds
  // out["subnets"] = [input evaluated with copyIndex('subnets') = 0..n-1].
  void ExpandPropertyCopy(const Json& loop, Evaluator& ev, std::string& path, const LeafLog& log, Json* out) {
    const std::string name = FindMember(loop, "name")->is_string() ? FindMember(loop, "name")->get<std::string>() : "";
    const size_t mark = path.size();
    path += "/" + PointerToken(name);
    const int64_t count = EvaluateCount(*FindMember(loop, "count"), ev, path, log);
    if (count < 0) {
      (*out)[name] = UnknownValue();
      path.resize(mark);
      return;
    }
    Json items = Json::array();
    for (int64_t i = 0; i < count; ++i) {
      PushCopy(name, i);
      path += "/" + std::to_string(i);
      items.push_back(EvaluateTree(*FindMember(loop, "input"), ev, path, log));
      path.resize(mark + 1 + PointerToken(name).size());
      PopCopy();
    }
    (*out)[name] = std::move(items);
    path.resize(mark);
  }

  const Json& template_;
  const Json* values_;
  const Json* parameters_ = nullptr;
  const Json* variables_ = nullptr;
  DeploymentContext deployment_;
  ExpandLimits limits_;
  std::unordered_map<std::string, Cached> parameter_cache_;
  std::unordered_map<std::string, Cached> variable_cache_;
  std::unordered_set<std::string> busy_;
  std::vector<std::pair<std::string, int64_t>> copies_;
  std::unordered_map<std::string, const Json*> functions_;
};

std::vector<std::string> SplitSlash(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t slash = text.find('/', start);
    parts.emplace_back(text.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// "/subscriptions/S/resourceGroups/G/providers/NS/t1/n1/t2/n2"; empty when
// the type and name do not fit together.
std::string BuildId(const DeploymentContext& d, const std::string& type, const std::string& name) {
  const std::vector<std::string> types = SplitSlash(type);
  const std::vector<std::string> names = SplitSlash(name);
  if (types.size() < 2 || names.size() != types.size() - 1) return {};
  std::string id = "/subscriptions/" + d.subscription_id + "/resourceGroups/" + d.resource_group + "/providers/" + types[0];
  for (size_t i = 1; i < types.size(); ++i) id += "/" + types[i] + "/" + names[i - 1];
  return id;
}

bool IsDeployment(std::string_view type) { return EqualsIgnoreCase(type, "Microsoft.Resources/deployments"); }

class Expander {
 public:
  Expander(TemplateScope& scope, EvalSession& session, const DeploymentContext& deployment, const ExpandLimits& limits,
           ExpandResult& result)
      : scope_(scope), ev_(scope, session), deployment_(deployment), limits_(limits), result_(result) {}

  void ExpandAll(const Json& resources) {
    if (resources.is_array()) {
      for (size_t i = 0; i < resources.size(); ++i) Declaration(resources[i], "/resources/" + std::to_string(i), nullptr);
    } else if (resources.is_object()) {
      // languageVersion 2.0: resources keyed by symbolic name.
      for (auto it = resources.begin(); it != resources.end(); ++it) {
        Declaration(it.value(), "/resources/" + PointerToken(it.key()), nullptr);
      }
    }
  }

 private:
  struct Parent {
    std::string type;
    std::string name;
  };

  void Message(std::string id, Severity severity, std::string pointer, std::string message) {
    result_.messages.push_back({std::move(id), severity, std::move(pointer), std::move(message)});
  }

  std::string EvaluateText(const Json* value, const std::string& pointer, const char* what) {
    if (value == nullptr || !value->is_string()) {
      Message("RL903", Severity::kWarning, pointer, fmt::format("resource has no {}", what));
      return {};
    }
    Json evaluated = ev_.EvaluateString(value->get_ref<const std::string&>());
    std::string reason = ev_.TakeUnknownReason();
    for (std::string& error : ev_.TakeErrors()) Message("RL903", Severity::kWarning, pointer, std::move(error));
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
      Instance(decl, pointer, parent, "");
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
    const int64_t count = scope_.EvaluateCount(*count_value, ev_, path, LeafLog{&unknowns, &errors});
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
      scope_.PushCopy(name, i);
      Instance(decl, pointer, parent, fmt::format("copy '{}' index {}", name, i));
      scope_.PopCopy();
    }
  }

  void Instance(const Json& decl, const std::string& pointer, const Parent* parent, std::string context) {
    bool condition_unknown = false;
    if (const Json* condition = FindMember(decl, "condition")) {
      Json value = condition->is_string() ? ev_.EvaluateString(condition->get_ref<const std::string&>()) : *condition;
      ev_.TakeUnknownReason();
      for (std::string& error : ev_.TakeErrors()) Message("RL903", Severity::kWarning, pointer + "/condition", std::move(error));
      if (value.is_boolean() && !value.get<bool>()) return;
      condition_unknown = !value.is_boolean();
    }
    std::string type = EvaluateText(FindMember(decl, "type"), pointer, "type");
    std::string name = EvaluateText(FindMember(decl, "name"), pointer, "name");
    if (type.empty() || name.empty()) return;
    // A child declared inside its parent's "resources" has a short type and name.
    if (parent != nullptr && std::count(type.begin(), type.end(), '/') == 0) {
      type = parent->type + "/" + type;
      name = parent->name + "/" + name;
    }
    if (result_.resources.size() >= limits_.max_resources) {
      Message("RL903", Severity::kError, pointer, "more resources than the limit of " + std::to_string(limits_.max_resources));
      return;
    }
    ExpandedResource resource;
    resource.type = type;
    resource.name = name;
    resource.id = BuildId(deployment_, type, name);
    resource.pointer = pointer;
    resource.context = std::move(context);
    resource.condition_unknown = condition_unknown;
    if (resource.id.empty()) {
      Message("RL903", Severity::kWarning, pointer,
              fmt::format("resource name '{}' does not fit its type '{}' (one name segment per type segment)", name, type));
      return;
    }
    std::vector<std::pair<std::string, std::string>> errors;
    resource.body = Json::object();
    for (auto it = decl.begin(); it != decl.end(); ++it) {
      const std::string& key = it.key();
      if (key == "resources" || key == "copy" || key == "condition" || key == "dependsOn" || key == "type" ||
          key == "name" || key == "comments") {
        continue;
      }
      std::string path = "/" + PointerToken(key);
      if (key == "properties" && IsDeployment(type) && it.value().is_object()) {
        // A nested template's expressions belong to its own scope (or are
        // evaluated when the module is expanded), not to this resource.
        Json shallow = it.value();
        shallow.erase("template");
        resource.body[key] = scope_.EvaluateTree(shallow, ev_, path, LeafLog{&resource.unknowns, &errors});
        continue;
      }
      resource.body[key] = scope_.EvaluateTree(it.value(), ev_, path, LeafLog{&resource.unknowns, &errors});
    }
    resource.body["name"] = name;
    resource.body["type"] = type;
    for (auto& [where, error] : errors) Message("RL903", Severity::kWarning, pointer + where, std::move(error));
    if (IsDeployment(type)) {
      Message("RL900", Severity::kNote, pointer,
              "nested deployment '" + name + "' is not expanded by this version; the resources it declares are not linted");
    }
    const bool has_children = FindMember(decl, "resources") && FindMember(decl, "resources")->is_array();
    const Parent self{type, name};
    result_.resources.push_back(std::move(resource));
    if (has_children) {
      const Json& children = *FindMember(decl, "resources");
      for (size_t i = 0; i < children.size(); ++i) {
        Declaration(children[i], pointer + "/resources/" + std::to_string(i), &self);
      }
    }
  }

  TemplateScope& scope_;
  Evaluator ev_;
  const DeploymentContext& deployment_;
  const ExpandLimits& limits_;
  ExpandResult& result_;
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

ExpandResult ExpandTemplate(const Json& template_json, const Json* parameter_values,
                            const DeploymentContext& deployment, const ExpandLimits& limits,
                            EvalSession& session) {
  ExpandResult result;
  TemplateScope scope(template_json, parameter_values, deployment, limits);
  Expander expander(scope, session, deployment, limits, result);
  if (const Json* resources = FindMember(template_json, "resources")) expander.ExpandAll(*resources);
  if (session.exhausted()) {
    result.messages.push_back({"RL903", Severity::kError, "", "evaluation stopped: the template needs more work than allowed"});
  }
  return result;
}

}  // namespace routelint

#include "rules/custom_rule.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "base/strings.h"
#include "expand/evaluator.h"
#include "expand/value.h"
#include "model/builder.h"

namespace routelint {
namespace {

// One step of a property path: a member name, then optional [N] / [*].
struct PathStep {
  std::string member;
  std::vector<long> indexes;  // -1 = every element
};

bool ParsePath(std::string_view path, std::vector<PathStep>* steps, std::string* problem) {
  steps->clear();
  size_t i = 0;
  while (i <= path.size()) {
    PathStep step;
    while (i < path.size() && path[i] != '.' && path[i] != '[') step.member += path[i++];
    if (step.member.empty()) {
      *problem = fmt::format("empty member name at position {} of '{}'", i + 1, path);
      return false;
    }
    while (i < path.size() && path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string_view::npos) {
        *problem = fmt::format("'[' without ']' in '{}'", path);
        return false;
      }
      const std::string_view index = path.substr(i + 1, close - i - 1);
      if (index == "*") {
        step.indexes.push_back(-1);
      } else if (!index.empty() && index.size() < 7 && std::all_of(index.begin(), index.end(), ::isdigit)) {
        step.indexes.push_back(std::stol(std::string(index)));
      } else {
        *problem = fmt::format("'[{}]' in '{}' is neither an index nor [*]", index, path);
        return false;
      }
      i = close + 1;
    }
    steps->push_back(std::move(step));
    if (i == path.size()) break;
    if (path[i] != '.') {
      *problem = fmt::format("unexpected '{}' at position {} of '{}'", path[i], i + 1, path);
      return false;
    }
    ++i;
  }
  return true;
}

// A value a path reaches, with its JSON pointer below the resource.
struct Reached {
  const Json* value;
  std::string pointer;
};

void Collect(const Json& node, const std::vector<PathStep>& steps, size_t step, size_t index_step,
             const std::string& pointer, std::vector<Reached>* out) {
  if (step == steps.size()) {
    out->push_back({&node, pointer});
    return;
  }
  const PathStep& s = steps[step];
  if (index_step == 0) {
    const Json* member = FindMember(node, s.member);
    if (member == nullptr) return;
    if (s.indexes.empty()) return Collect(*member, steps, step + 1, 0, pointer + "/" + s.member, out);
    return Collect(*member, steps, step, 1, pointer + "/" + s.member, out);
  }
  if (index_step > s.indexes.size()) return Collect(node, steps, step + 1, 0, pointer, out);
  if (!node.is_array()) return;
  const long wanted = s.indexes[index_step - 1];
  for (size_t k = 0; k < node.size(); ++k) {
    if (wanted >= 0 && static_cast<size_t>(wanted) != k) continue;
    Collect(node[k], steps, step, index_step + 1, fmt::format("{}/{}", pointer, k), out);
  }
}

std::string ScalarText(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool ValueEquals(const Json& actual, const Json& expected) {
  if (actual.is_string() && expected.is_string()) {
    return EqualsIgnoreCase(actual.get_ref<const std::string&>(), expected.get_ref<const std::string&>());
  }
  if (actual.is_number() && expected.is_number()) return actual.get<double>() == expected.get<double>();
  return actual == expected;
}

enum class Verdict { kHolds, kFails, kUnknown };

// One value against one condition (kEquals and kPattern only).
Verdict Judge(const PropertyCondition& condition, const Json& value, const RE2* pattern, const Json& expected) {
  if (ContainsUnknown(value)) return Verdict::kUnknown;
  // resourceGroup().location and the like, when the command line does not
  // give them: what they are compared with is decided at deployment.
  if (value.is_string() && ContainsDeploymentPlaceholder(value.get_ref<const std::string&>())) return Verdict::kUnknown;
  if (condition.kind == PropertyCondition::Kind::kPattern) {
    if (!value.is_string() && !value.is_number() && !value.is_boolean()) return Verdict::kFails;
    return RE2::FullMatch(ScalarText(value), *pattern) ? Verdict::kHolds : Verdict::kFails;
  }
  return ValueEquals(value, expected) ? Verdict::kHolds : Verdict::kFails;
}

// A condition compiled once per rule.
struct CompiledCondition {
  const PropertyCondition* source;
  std::vector<PathStep> steps;
  std::unique_ptr<RE2> pattern;
  Json expected;
};

CompiledCondition Compile(const PropertyCondition& condition) {
  CompiledCondition c{&condition, {}, nullptr, Json()};
  std::string ignored;
  ParsePath(condition.path, &c.steps, &ignored);
  if (condition.kind == PropertyCondition::Kind::kPattern) c.pattern = std::make_unique<RE2>(condition.pattern, RE2::Quiet);
  if (condition.kind == PropertyCondition::Kind::kEquals) c.expected = Json::parse(condition.value_json, nullptr, false);
  return c;
}

// A failed requirement: where, and what was found instead.
struct Failure {
  std::string pointer;
  std::string actual;
};

// Evaluates a condition on a resource body: the failures, or kUnknown when
// a value it needs is unknown before deployment.
Verdict Evaluate(const CompiledCondition& c, const Json& body, std::vector<Failure>* failures) {
  std::vector<Reached> reached;
  Collect(body, c.steps, 0, 0, "", &reached);
  const PropertyCondition::Kind kind = c.source->kind;
  if (kind == PropertyCondition::Kind::kPresent || kind == PropertyCondition::Kind::kAbsent) {
    const bool present = std::any_of(reached.begin(), reached.end(), [](const Reached& r) { return !r.value->is_null(); });
    if (present == (kind == PropertyCondition::Kind::kPresent)) return Verdict::kHolds;
    failures->push_back({reached.empty() ? "" : reached.front().pointer, present ? "set" : "absent"});
    return Verdict::kFails;
  }
  if (reached.empty()) {
    // "[*]" reads "every element": no element, nothing fails.
    const bool every = std::any_of(c.steps.begin(), c.steps.end(), [](const PathStep& step) {
      return std::find(step.indexes.begin(), step.indexes.end(), -1) != step.indexes.end();
    });
    if (every) return Verdict::kHolds;
    failures->push_back({"", "absent"});
    return Verdict::kFails;
  }
  Verdict overall = Verdict::kHolds;
  for (const Reached& r : reached) {
    switch (Judge(*c.source, *r.value, c.pattern.get(), c.expected)) {
      case Verdict::kHolds: break;
      case Verdict::kUnknown: if (overall == Verdict::kHolds) overall = Verdict::kUnknown; break;
      case Verdict::kFails:
        failures->push_back({r.pointer, ScalarText(*r.value)});
        overall = Verdict::kFails;
        break;
    }
  }
  return overall;
}

// Which resources have a role ("hub" or "spoke"): VNets, their subnets, and
// route tables by the subnets they serve. Built once per check, so that a
// route table's role is one lookup, not a scan of every subnet.
class RoleIndex {
 public:
  RoleIndex(const Model& model, std::string_view role) : model_(model), role_(role) {
    table_has_role_.assign(model.route_tables.size(), false);
    if (role.empty()) return;
    for (const Subnet& subnet : model.subnets) {
      if (subnet.route_table != kNone && VnetHasRole(subnet.vnet)) table_has_role_[subnet.route_table] = true;
    }
  }

  bool Has(const std::string& id) const {
    if (const ObjectIndex v = model_.vnet_by_id.Exact(id); v != kNone) return VnetHasRole(v);
    if (const ObjectIndex s = model_.subnet_by_id.Exact(id); s != kNone) return VnetHasRole(model_.subnets[s].vnet);
    if (const ObjectIndex t = model_.route_table_by_id.Exact(id); t != kNone) return table_has_role_[t];
    return false;
  }

 private:
  bool VnetHasRole(ObjectIndex v) const {
    if (v == kNone) return false;
    const bool hub = model_.is_hub.size() > static_cast<size_t>(v) && model_.is_hub[v];
    const bool spoke = !hub && model_.deployment_of_vnet.size() > static_cast<size_t>(v) &&
                       model_.deployment_of_vnet[v] != kNone;
    return role_ == (hub ? "hub" : spoke ? "spoke" : "");
  }

  const Model& model_;
  std::string_view role_;
  std::vector<bool> table_has_role_;
};

class CustomRule : public Rule {
 public:
  explicit CustomRule(const CustomRuleSpec& spec) : spec_(spec) {
    meta_ = RuleMeta{spec_.id, spec_.name, spec_.severity, spec_.summary.empty() ? spec_.message : spec_.summary};
    if (!spec_.resource.empty()) resource_ = std::make_unique<RE2>(spec_.resource, RE2::Quiet);
    for (const PropertyCondition& c : spec_.where) where_.push_back(Compile(c));
    for (const PropertyCondition& c : spec_.require) require_.push_back(Compile(c));
  }

  const RuleMeta& meta() const override { return meta_; }

  void Check(const RuleContext& context, std::vector<PendingFinding>* out) const override {
    const RoleIndex roles(context.model, spec_.role);
    for (const ExpandedFile& file : context.resources) {
      for (const ExpandedResource& r : file.resources) {
        if (!EqualsIgnoreCase(r.type, spec_.type)) continue;
        if (resource_ && !RE2::PartialMatch(r.name, *resource_)) continue;
        const std::string id = NormalizeId(r.id);
        if (!spec_.role.empty() && !roles.Has(id)) continue;
        if (!Applies(r.body)) continue;
        Origin origin{OriginFile(context.model, file, r), r.pointer, r.context};
        for (const CompiledCondition& c : require_) {
          std::vector<Failure> failures;
          if (Evaluate(c, r.body, &failures) != Verdict::kFails) continue;
          for (const Failure& failure : failures) {
            Origin at = origin;
            at.pointer += failure.pointer;
            out->push_back(MakeFinding(r.type, r.name, id, at, Message(r, *c.source, failure.actual),
                                       c.source->path + failure.pointer));
          }
        }
      }
    }
  }

 private:
  bool Applies(const Json& body) const {
    for (const CompiledCondition& c : where_) {
      std::vector<Failure> ignored;
      if (Evaluate(c, body, &ignored) != Verdict::kHolds) return false;
    }
    return true;
  }

  static uint32_t OriginFile(const Model& model, const ExpandedFile& file, const ExpandedResource& r) {
    if (r.file.empty()) return file.file;
    const auto it = std::find(model.files.begin(), model.files.end(), r.file);
    return it == model.files.end() ? file.file : static_cast<uint32_t>(it - model.files.begin());
  }

  std::string Message(const ExpandedResource& r, const PropertyCondition& c, const std::string& actual) const {
    std::string text = spec_.message;
    text = ReplaceAll(text, "{name}", r.name);
    text = ReplaceAll(text, "{type}", r.type);
    text = ReplaceAll(text, "{path}", c.path);
    text = ReplaceAll(text, "{actual}", actual);
    text = ReplaceAll(text, "{expected}", c.Describe());
    return text;
  }

  CustomRuleSpec spec_;
  RuleMeta meta_;
  std::unique_ptr<RE2> resource_;
  std::vector<CompiledCondition> where_, require_;
};

}  // namespace

std::string PropertyCondition::Describe() const {
  switch (kind) {
    case Kind::kEquals: return value_json;
    case Kind::kPattern: return "'" + pattern + "'";
    case Kind::kPresent: return "present";
    case Kind::kAbsent: return "absent";
  }
  return "";
}

bool ValidPropertyPath(std::string_view path, std::string* problem) {
  std::vector<PathStep> steps;
  return ParsePath(path, &steps, problem);
}

std::unique_ptr<Rule> MakeCustomRule(const CustomRuleSpec& spec) { return std::make_unique<CustomRule>(spec); }

}  // namespace routelint

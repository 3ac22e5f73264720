#include "expand/evaluator.h"

#include <algorithm>
#include <utility>

#include "base/strings.h"

namespace routelint {

bool ContainsDeploymentPlaceholder(std::string_view text) {
  if (text.find('{') == std::string_view::npos) return false;
  static const DeploymentContext kDefaults;
  for (const std::string* placeholder :
       {&kDefaults.subscription_id, &kDefaults.resource_group, &kDefaults.location, &kDefaults.tenant_id,
        &kDefaults.management_group, &kDefaults.deployment_name}) {
    if (text.find(*placeholder) != std::string_view::npos) return true;
  }
  return false;
}


const Expr* EvalSession::Parse(std::string_view text, std::string* error) {
  auto it = cache_.find(text);
  if (it == cache_.end()) {
    ParsedExpression parsed = ParseExpression(text);
    if (parsed.root) ResolveFunctions(parsed.root.get());
    it = cache_.emplace(std::string(text), Entry{std::move(parsed.root), std::move(parsed.error)}).first;
  }
  if (!it->second.root) *error = it->second.error;
  return it->second.root.get();
}

Json Evaluator::Unknown(std::string reason) {
  if (unknown_reason_.empty()) unknown_reason_ = std::move(reason);
  return UnknownValue();
}

Json Evaluator::Error(std::string message) {
  // The same error again (each step of a loop) is said once.
  if (std::find(errors_.begin(), errors_.end(), message) != errors_.end()) return UnknownValue();
  if (errors_.size() < kMaxErrors) {
    errors_.push_back(std::move(message));
  } else if (errors_.size() == kMaxErrors) {
    errors_.push_back("more errors in this expression are not shown");
  }
  return UnknownValue();
}

bool Evaluator::Admit(const Json& value, const Builder& what, size_t* weight) {
  const ValueSize size = MeasureValue(value, kMaxValueWeight, kMaxValueDepth);
  if (weight != nullptr) *weight = size.weight;
  if (size.weight > kMaxValueWeight) {
    Error(what.Text() + ": the value would be larger than the limit of " +
          std::to_string(kMaxValueWeight >> 20) + " MiB (hostile or runaway template)");
    return false;
  }
  if (size.depth > kMaxValueDepth) {
    Error(what.Text() + ": the value would nest deeper than " + std::to_string(kMaxValueDepth) + " levels");
    return false;
  }
  if (!session_.Build(size.weight)) {
    Error("evaluation work limit exceeded (hostile or runaway template)");
    return false;
  }
  return true;
}

Json Evaluator::EvaluateString(std::string_view text) {
  std::string_view inner;
  switch (ClassifyTemplateString(text, &inner)) {
    case TemplateStringKind::kLiteral:
      return Json(std::string(text));
    case TemplateStringKind::kEscapedLiteral:
      return Json(std::string(text.substr(1)));
    case TemplateStringKind::kExpression:
      break;
  }
  std::string parse_error;
  const Expr* root = session_.Parse(inner, &parse_error);
  if (root == nullptr) return Error("invalid expression '" + Abbreviate(text) + "': " + parse_error);
  return Evaluate(*root);
}

namespace {

// IsLiteralTree, counting the values it looks at against `*budget`.
bool IsLiteralWithin(const Json& value, size_t* budget) {
  if (*budget == 0) return false;
  --*budget;
  if (value.is_string()) {
    std::string_view inner;
    return ClassifyTemplateString(value.get_ref<const std::string&>(), &inner) == TemplateStringKind::kLiteral;
  }
  if (value.is_array()) {
    return std::all_of(value.begin(), value.end(), [&](const Json& item) { return IsLiteralWithin(item, budget); });
  }
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (std::string_view(it.key()) == "copy" || !IsLiteralWithin(it.value(), budget)) return false;
    }
  }
  return true;
}

}  // namespace

bool IsLiteralTree(const Json& value) {
  size_t budget = kLiteralScanLimit;
  return IsLiteralWithin(value, &budget);
}

Json Evaluator::EvaluateTree(const Json& value) {
  if (value.is_string()) return EvaluateString(value.get_ref<const std::string&>());
  if (IsLiteralTree(value)) return value;
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(EvaluateTree(item));
    return out;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = EvaluateTree(it.value());
    return out;
  }
  return value;
}

namespace {

// `object` is the evaluator's own temporary: the member is moved out of it,
// not copied.
Json IndexValue(Json object, const Json& index, Evaluator& evaluator) {
  if (IsUnknown(object) || IsUnknown(index)) return UnknownValue();
  if (object.is_array()) {
    if (!index.is_number_integer()) return evaluator.Error("an array index must be an integer");
    const int64_t i = index.get<int64_t>();
    if (i < 0 || static_cast<size_t>(i) >= object.size()) {
      return evaluator.Error("index " + std::to_string(i) + " is out of range (array of " +
                             std::to_string(object.size()) + ")");
    }
    return std::move(object[static_cast<size_t>(i)]);
  }
  if (object.is_object()) {
    if (!index.is_string()) return evaluator.Error("an object index must be a string");
    Json* member = FindMember(object, index.get_ref<const std::string&>());
    if (member == nullptr) {
      if (object.contains(kRuntimeStateMarker)) {
        return evaluator.Unknown("'" + index.get<std::string>() + "' of a deployed resource is known only after deployment");
      }
      return evaluator.Error("the object has no property '" + index.get<std::string>() + "'");
    }
    return std::move(*member);
  }
  return evaluator.Error("cannot index a " + std::string(object.type_name()));
}

}  // namespace

Json Evaluator::Evaluate(const Expr& expr) {
  if (!session_.Step()) return Error("evaluation work limit exceeded (hostile or runaway template)");
  if (depth_ > kMaxExpressionDepth * 4) return Error("evaluation nests too deeply");
  struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
  } guard(depth_);
  switch (expr.kind) {
    case Expr::Kind::kString:
      if (!session_.Build(expr.text.size())) return Error("evaluation work limit exceeded (hostile or runaway template)");
      return Json(expr.text);
    case Expr::Kind::kInteger: return Json(expr.integer);
    case Expr::Kind::kBool: return Json(expr.boolean);
    case Expr::Kind::kNull: return Json(nullptr);
    case Expr::Kind::kCall: {
      Json result = CallFunction(expr, *this);
      // Values are copied where they are used (a variable at each use, a
      // lambda's accumulator at each step): that is work too, and counts
      // however cheaply the value was made.
      const size_t weight = MeasureValue(result, kMaxValueWeight * 16, kMaxValueDepth).weight;
      if (weight >= 1024 && !session_.Step(weight / EvalSession::kBytesPerStep)) {
        return Error("evaluation work limit exceeded (hostile or runaway template)");
      }
      return result;
    }
    case Expr::Kind::kMember: {
      return IndexValue(Evaluate(*expr.children[0]), Json(expr.text), *this);
    }
    case Expr::Kind::kIndex: {
      Json object = Evaluate(*expr.children[0]);
      const Json index = Evaluate(*expr.children[1]);
      return IndexValue(std::move(object), index, *this);
    }
  }
  return UnknownValue();
}

}  // namespace routelint

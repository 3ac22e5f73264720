// Evaluates ARM template expressions against a Scope (what parameters(),
// variables(), copyIndex(), reference() and the deployment functions see).
//
// Evaluation never throws and never guesses: a value that cannot be known
// before deployment is Unknown, with a reason the caller can report; an
// expression Azure itself would reject is an error, and Unknown.
#ifndef ROUTELINT_EXPAND_EVALUATOR_H_
#define ROUTELINT_EXPAND_EVALUATOR_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "expand/expression.h"
#include "expand/value.h"

namespace routelint {

/// What deployment-scope functions (subscription(), resourceGroup(), ...)
/// return. Values Azure fixes at deployment are symbolic placeholders such as
/// "{resourceGroup}": consistent across the files of one run, so names and ids
/// built from them still join, and never mistaken for real values.
struct DeploymentContext {
  std::string subscription_id = "{subscriptionId}";
  std::string resource_group = "{resourceGroup}";
  std::string location = "{location}";
  std::string tenant_id = "{tenantId}";
  std::string management_group = "{managementGroup}";
  std::string deployment_name = "{deploymentName}";
};

/// True when `text` holds one of DeploymentContext's default placeholders
/// ("{location}", "{subscriptionId}", ...): a value only the deployment knows.
bool ContainsDeploymentPlaceholder(std::string_view text);

class Evaluator;

/// The surroundings of an expression; implemented by the template expander.
class Scope {
 public:
  virtual ~Scope() = default;
  virtual Json Parameter(std::string_view name, Evaluator& evaluator) = 0;
  virtual Json Variable(std::string_view name, Evaluator& evaluator) = 0;
  /// The current index of copy loop `loop` (the innermost loop when empty).
  virtual bool CopyIndex(std::string_view loop, int64_t* index) = 0;
  /// A user-defined function "namespace.name", or nullptr.
  virtual const Json* UserFunction(std::string_view qualified_name) = 0;
  /// reference(idOrName, apiVersion, 'Full'?): what Azure returns where it is
  /// determined before deployment, otherwise Unknown.
  virtual Json Reference(const Json& target, bool full, Evaluator& evaluator) = 0;
  virtual const DeploymentContext& Deployment() = 0;
};

/// Bounds on the values expressions build: one value may hold at most
/// kMaxValueWeight (ValueSize::weight, about its bytes) and nest at most
/// kMaxValueDepth levels. Azure rejects a template larger than 4 MB once
/// expanded, so no template it deploys comes near them.
inline constexpr size_t kMaxValueWeight = size_t{16} << 20;
inline constexpr int kMaxValueDepth = 512;

/// Shared by every evaluation of one input file: parsed-expression cache and
/// the bounds on evaluation work (hostile templates end with an error): a
/// number of steps, and the total weight of the values built (function
/// results, literals, resource bodies, copy loop items).
class EvalSession {
 public:
  explicit EvalSession(uint64_t max_steps = 20'000'000, uint64_t max_built = uint64_t{256} << 20)
      : steps_left_(max_steps), built_left_(max_built) {}
  const Expr* Parse(std::string_view text, std::string* error);
  /// Counts `n` steps of work; false once the steps are spent.
  bool Step(uint64_t n = 1) {
    if (steps_left_ <= n) {
      steps_left_ = 0;
      return false;
    }
    steps_left_ -= n;
    return true;
  }
  /// Copying a value costs a step per kBytesPerStep of its weight.
  static constexpr uint64_t kBytesPerStep = 64;
  /// Counts `weight` against the budget of values built; false once it is
  /// spent, and then every further Step() fails too.
  bool Build(uint64_t weight) {
    if (weight >= built_left_) {
      built_left_ = 0;
      steps_left_ = 0;
      return false;
    }
    built_left_ -= weight;
    return true;
  }
  bool exhausted() const { return steps_left_ == 0; }

 private:
  struct Entry {
    std::unique_ptr<Expr> root;
    std::string error;
  };
  // Looked up by the view of a template string, without copying it.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, Entry, TextHash, std::equal_to<>> cache_;
  uint64_t steps_left_;
  uint64_t built_left_;
};

class Evaluator {
 public:
  /// `depth`: how deep the evaluation that starts this one already is (a
  /// user-defined function's body is evaluated by an evaluator of its own).
  Evaluator(Scope& scope, EvalSession& session, int depth = 0) : scope_(scope), session_(session), depth_(depth) {}

  /// Evaluates one template string: an expression "[...]", an escaped "[[..."
  /// literal, or a plain literal.
  Json EvaluateString(std::string_view text);
  /// Evaluates every string inside `value` (objects, arrays), leaving other
  /// JSON as it is. Property-level `copy` is not handled here (see template).
  Json EvaluateTree(const Json& value);
  Json Evaluate(const Expr& expr);

  /// Records why a value is Unknown (the first reason wins) and returns it.
  Json Unknown(std::string reason);
  /// Records an error Azure would report for this expression; returns Unknown.
  /// (At most kMaxErrors are kept per TakeErrors(): a loop that fails at
  /// every item says so once, not ten thousand times.)
  Json Error(std::string message);
  static constexpr size_t kMaxErrors = 20;

  /// What built a value, for the error when it breaks a bound: the parts
  /// are joined only then ("resource '" + name + "'"), since every function
  /// call and resource is checked.
  struct Builder {
    std::string_view before, name, after;
    std::string Text() const { return std::string(before).append(name).append(after); }
  };
  /// Checks a value `what` built against the bounds (kMaxValueWeight,
  /// kMaxValueDepth, the session's budget). False, with an error recorded,
  /// when it breaks one; `weight` (optional) receives its weight.
  bool Admit(const Json& value, const Builder& what, size_t* weight = nullptr);

  /// The reason for the first Unknown since the last TakeUnknownReason().
  std::string TakeUnknownReason() { return std::exchange(unknown_reason_, {}); }
  std::vector<std::string> TakeErrors() { return std::exchange(errors_, {}); }
  bool has_errors() const { return !errors_.empty(); }
  size_t error_count() const { return errors_.size(); }

  Scope& scope() { return scope_; }
  EvalSession& session() { return session_; }
  int depth() const { return depth_; }

  /// Lambda variables in scope, innermost last.
  std::vector<std::pair<std::string, Json>>& lambda_variables() { return lambda_variables_; }

 private:
  Scope& scope_;
  EvalSession& session_;
  std::string unknown_reason_;
  std::vector<std::string> errors_;
  std::vector<std::pair<std::string, Json>> lambda_variables_;
  int depth_ = 0;
};

/// True when evaluating `value` gives `value` back: no string in it is an
/// expression or a "[[" literal, and no object in it has a "copy" member (a
/// property loop, where the template expands one). Evaluation copies such a
/// subtree as it is, instead of rebuilding it leaf by leaf; on compiled
/// templates most of a resource body is literal.
/// False as well for a value of more than kLiteralScanLimit values: the
/// check is made again at each level the evaluation descends, and the bound
/// keeps its cost linear in the template (a larger literal is copied in
/// parts, one level down).
bool IsLiteralTree(const Json& value);
inline constexpr size_t kLiteralScanLimit = 128;

/// Finds, once, which function each call in `expr` names (functions.cc):
/// an expression is parsed once per file and evaluated for every resource
/// and loop item that holds it.
void ResolveFunctions(Expr* expr);

/// Calls a built-in or user-defined function (functions.cc).
Json CallFunction(const Expr& call, Evaluator& evaluator);

}  // namespace routelint

#endif  // ROUTELINT_EXPAND_EVALUATOR_H_

// The ARM template expression language: syntax tree and parser.
//
//   expression := primary postfix*
//   primary    := 'string' | number | name '(' args ')' | ns.name '(' args ')'
//                | true | false | null
//   postfix    := '.' name | '[' expression ']'
//
// Strings use '' for a quote. A template string is an expression when it is
// enclosed in [ ] and does not start with [[ (which escapes a literal '[').
#ifndef ROUTELINT_EXPAND_EXPRESSION_H_
#define ROUTELINT_EXPAND_EXPRESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

struct Expr {
  enum class Kind { kString, kInteger, kBool, kNull, kCall, kMember, kIndex };
  Kind kind = Kind::kNull;
  std::string text;  // string value, function name ("ns.fn" for user functions), member name
  int64_t integer = 0;
  bool boolean = false;
  // kCall: the arguments; kMember: [object]; kIndex: [object, index].
  std::vector<std::unique_ptr<Expr>> children;
  uint32_t offset = 0;  // where it starts in the expression text
  // kCall: which function the name calls, as ResolveFunctions (functions.cc)
  // found it when the expression was parsed; kUnresolved until then.
  static constexpr int32_t kUnresolved = INT32_MIN;
  int32_t function = kUnresolved;
};

struct ParsedExpression {
  std::unique_ptr<Expr> root;  // null on error
  std::string error;           // "expected ')' at offset 12"
  uint32_t error_offset = 0;
};

/// Limits that keep hostile expressions from exhausting the parser.
inline constexpr int kMaxExpressionDepth = 128;
inline constexpr size_t kMaxExpressionLength = 1 << 20;

/// Parses the text between the brackets of "[...]".
ParsedExpression ParseExpression(std::string_view text);

enum class TemplateStringKind { kLiteral, kEscapedLiteral, kExpression };
/// Classifies a JSON string of a template: a literal, a literal written with
/// the "[[" escape (the value drops the first '['), or an expression (the
/// text inside the brackets is returned in *inner).
TemplateStringKind ClassifyTemplateString(std::string_view value, std::string_view* inner);

}  // namespace routelint

#endif  // ROUTELINT_EXPAND_EXPRESSION_H_

// Tests for the ARM expression parser: the syntax tree it builds, its error
// messages and offsets, its limits, and template-string classification.
#include "expand/expression.h"

#include <string>
#include <string_view>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

const Expr& Root(const ParsedExpression& parsed) {
  INFO("error: " << parsed.error);
  REQUIRE(parsed.root != nullptr);
  REQUIRE(parsed.error.empty());
  return *parsed.root;
}

TEST_CASE("expression: string literals and the '' escape", "[expand]") {
  auto parsed = ParseExpression("'hello'");
  CHECK(Root(parsed).kind == Expr::Kind::kString);
  CHECK(Root(parsed).text == "hello");

  parsed = ParseExpression("'it''s'");
  CHECK(Root(parsed).text == "it's");

  parsed = ParseExpression("''''");  // a string holding one quote
  CHECK(Root(parsed).text == "'");

  parsed = ParseExpression("''");
  CHECK(Root(parsed).kind == Expr::Kind::kString);
  CHECK(Root(parsed).text.empty());

  parsed = ParseExpression("'a [b] (c), \"d\"'");
  CHECK(Root(parsed).text == "a [b] (c), \"d\"");
}

TEST_CASE("expression: integer literals", "[expand]") {
  auto parsed = ParseExpression("42");
  CHECK(Root(parsed).kind == Expr::Kind::kInteger);
  CHECK(Root(parsed).integer == 42);
  parsed = ParseExpression("-7");
  CHECK(Root(parsed).integer == -7);
  parsed = ParseExpression("9223372036854775807");
  CHECK(Root(parsed).integer == INT64_MAX);
  // Out of range for int64: an error, not a wrapped value.
  parsed = ParseExpression("99999999999999999999");
  CHECK(parsed.root == nullptr);
  CHECK_FALSE(parsed.error.empty());
}

TEST_CASE("expression: true, false and null", "[expand]") {
  auto parsed = ParseExpression("true");
  CHECK(Root(parsed).kind == Expr::Kind::kBool);
  CHECK(Root(parsed).boolean);
  parsed = ParseExpression("false");
  CHECK(Root(parsed).kind == Expr::Kind::kBool);
  CHECK_FALSE(Root(parsed).boolean);
  parsed = ParseExpression("null");
  CHECK(Root(parsed).kind == Expr::Kind::kNull);
  // true() and null() are function calls.
  parsed = ParseExpression("true()");
  CHECK(Root(parsed).kind == Expr::Kind::kCall);
  CHECK(Root(parsed).text == "true");
}

TEST_CASE("expression: calls with nested calls and offsets", "[expand]") {
  const auto parsed = ParseExpression("concat('a', toLower(parameters('p')), 3)");
  const Expr& root = Root(parsed);
  CHECK(root.kind == Expr::Kind::kCall);
  CHECK(root.text == "concat");
  CHECK(root.offset == 0);
  REQUIRE(root.children.size() == 3);
  CHECK(root.children[0]->kind == Expr::Kind::kString);
  CHECK(root.children[0]->offset == 7);
  const Expr& lower = *root.children[1];
  CHECK(lower.kind == Expr::Kind::kCall);
  CHECK(lower.text == "toLower");
  CHECK(lower.offset == 12);
  REQUIRE(lower.children.size() == 1);
  CHECK(lower.children[0]->text == "parameters");
  REQUIRE(lower.children[0]->children.size() == 1);
  CHECK(lower.children[0]->children[0]->text == "p");
  CHECK(root.children[2]->kind == Expr::Kind::kInteger);
  CHECK(root.children[2]->integer == 3);
}

TEST_CASE("expression: calls without arguments and with whitespace", "[expand]") {
  auto parsed = ParseExpression("resourceGroup()");
  CHECK(Root(parsed).kind == Expr::Kind::kCall);
  CHECK(Root(parsed).children.empty());
  parsed = ParseExpression("  concat ( 'a' ,\t'b' )  ");
  CHECK(Root(parsed).text == "concat");
  CHECK(Root(parsed).children.size() == 2);
}

TEST_CASE("expression: member and index postfixes", "[expand]") {
  const auto parsed = ParseExpression("parameters('p').a.b[0]['k']");
  const Expr& root = Root(parsed);
  // ((((parameters('p')).a).b)[0])['k']
  REQUIRE(root.kind == Expr::Kind::kIndex);
  REQUIRE(root.children.size() == 2);
  CHECK(root.children[1]->kind == Expr::Kind::kString);
  CHECK(root.children[1]->text == "k");
  const Expr& index0 = *root.children[0];
  REQUIRE(index0.kind == Expr::Kind::kIndex);
  CHECK(index0.children[1]->integer == 0);
  const Expr& b = *index0.children[0];
  REQUIRE(b.kind == Expr::Kind::kMember);
  CHECK(b.text == "b");
  const Expr& a = *b.children[0];
  REQUIRE(a.kind == Expr::Kind::kMember);
  CHECK(a.text == "a");
  CHECK(a.children[0]->kind == Expr::Kind::kCall);
  CHECK(a.children[0]->text == "parameters");
}

TEST_CASE("expression: member access on a call result", "[expand]") {
  const auto parsed = ParseExpression("resourceGroup().location");
  const Expr& root = Root(parsed);
  REQUIRE(root.kind == Expr::Kind::kMember);
  CHECK(root.text == "location");
  CHECK(root.children[0]->kind == Expr::Kind::kCall);
  CHECK(root.children[0]->text == "resourceGroup");
}

TEST_CASE("expression: an index expression may itself be an expression", "[expand]") {
  const auto parsed = ParseExpression("variables('list')[add(copyIndex(), 1)]");
  const Expr& root = Root(parsed);
  REQUIRE(root.kind == Expr::Kind::kIndex);
  CHECK(root.children[1]->kind == Expr::Kind::kCall);
  CHECK(root.children[1]->text == "add");
}

TEST_CASE("expression: namespace.function names for user-defined functions", "[expand]") {
  auto parsed = ParseExpression("contoso.uniqueName('x')");
  const Expr& root = Root(parsed);
  CHECK(root.kind == Expr::Kind::kCall);
  CHECK(root.text == "contoso.uniqueName");
  CHECK(root.children.size() == 1);

  parsed = ParseExpression("contoso.uniqueName('x').length");
  REQUIRE(Root(parsed).kind == Expr::Kind::kMember);
  CHECK(Root(parsed).text == "length");
  CHECK(Root(parsed).children[0]->text == "contoso.uniqueName");

  // A dotted name without a call is no function.
  parsed = ParseExpression("contoso.uniqueName");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("expected '('") != std::string::npos);
}

TEST_CASE("expression: unterminated string is an error with an offset", "[expand]") {
  const auto parsed = ParseExpression("concat('abc");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("unterminated string") != std::string::npos);
  CHECK(parsed.error_offset == 11);  // detected at the end of the text
  CHECK(parsed.error.find("at offset 11") != std::string::npos);
}

TEST_CASE("expression: missing closing parenthesis", "[expand]") {
  auto parsed = ParseExpression("concat('a', 'b'");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("expected ',' or ')'") != std::string::npos);
  CHECK(parsed.error_offset == 15);

  parsed = ParseExpression("concat('a' 'b')");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error_offset == 11);

  parsed = ParseExpression("concat(");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("unexpected end of expression") != std::string::npos);
  CHECK(parsed.error_offset == 7);
}

TEST_CASE("expression: other syntax errors", "[expand]") {
  auto parsed = ParseExpression("variables('a')[0");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("expected ']'") != std::string::npos);
  CHECK(parsed.error_offset == 16);

  parsed = ParseExpression("concat('a') 'b'");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("unexpected") != std::string::npos);
  CHECK(parsed.error_offset == 12);

  parsed = ParseExpression("parameters('p').");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("property name") != std::string::npos);

  parsed = ParseExpression("foo");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("'foo'") != std::string::npos);

  parsed = ParseExpression("");
  CHECK(parsed.root == nullptr);
  CHECK_FALSE(parsed.error.empty());

  parsed = ParseExpression("#");
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error_offset == 0);
}

TEST_CASE("expression: nesting depth limit", "[expand]") {
  auto nested = [](int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "f(";
    text += "1";
    for (int i = 0; i < depth; ++i) text += ")";
    return text;
  };
  CHECK(ParseExpression(nested(100)).root != nullptr);
  const auto deep = ParseExpression(nested(kMaxExpressionDepth + 10));
  CHECK(deep.root == nullptr);
  CHECK(deep.error.find("nests too deeply") != std::string::npos);
  // Hostile depth ends with an error, not a stack overflow.
  const auto hostile = ParseExpression(nested(100000));
  CHECK(hostile.root == nullptr);

  std::string indexes = "variables('v')";
  for (int i = 0; i < kMaxExpressionDepth + 10; ++i) indexes = "a(" + indexes + ")";
  CHECK(ParseExpression(indexes).root == nullptr);
}

TEST_CASE("expression: member and index chains count as nesting", "[expand]") {
  // Each '.name' or '[i]' wraps the tree one level deeper; a chain of half a
  // million of them once overflowed the stack when the tree was freed.
  auto chain = [](int length, std::string_view link) {
    std::string text = "variables('v')";
    for (int i = 0; i < length; ++i) text += link;
    return text;
  };
  CHECK(ParseExpression(chain(20, ".a")).root != nullptr);
  CHECK(ParseExpression(chain(20, "[0]")).root != nullptr);
  for (std::string_view link : {".a", "[0]", "['k']"}) {
    const auto deep = ParseExpression(chain(kMaxExpressionDepth + 1, link));
    CHECK(deep.root == nullptr);
    CHECK(deep.error.find("nests too deeply") != std::string::npos);
    const auto hostile = ParseExpression(chain(static_cast<int>(kMaxExpressionLength / link.size()) - 20, link));
    CHECK(hostile.root == nullptr);
  }
}

TEST_CASE("expression: length limit", "[expand]") {
  const std::string huge = "'" + std::string(kMaxExpressionLength + 1, 'x') + "'";
  const auto parsed = ParseExpression(huge);
  CHECK(parsed.root == nullptr);
  CHECK(parsed.error.find("limit") != std::string::npos);
}

TEST_CASE("expression: ClassifyTemplateString", "[expand]") {
  std::string_view inner = "unchanged";
  CHECK(ClassifyTemplateString("[x]", &inner) == TemplateStringKind::kExpression);
  CHECK(inner == "x");

  inner = "unchanged";
  CHECK(ClassifyTemplateString("[[x]", &inner) == TemplateStringKind::kEscapedLiteral);
  CHECK(ClassifyTemplateString("plain", &inner) == TemplateStringKind::kLiteral);
  CHECK(ClassifyTemplateString("[x", &inner) == TemplateStringKind::kLiteral);
  CHECK(ClassifyTemplateString("x]", &inner) == TemplateStringKind::kLiteral);
  CHECK(ClassifyTemplateString("", &inner) == TemplateStringKind::kLiteral);
  CHECK(ClassifyTemplateString("[", &inner) == TemplateStringKind::kLiteral);
  CHECK(inner == "unchanged");

  CHECK(ClassifyTemplateString("[concat('[', ']')]", &inner) == TemplateStringKind::kExpression);
  CHECK(inner == "concat('[', ']')");
}

}  // namespace
}  // namespace routelint

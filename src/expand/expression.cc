#include "expand/expression.h"

#include <cctype>
#include <charconv>

namespace routelint {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  ParsedExpression Run() {
    ParsedExpression result;
    if (text_.size() > kMaxExpressionLength) {
      result.error = "expression is longer than the 1 MiB limit";
      return result;
    }
    auto root = ParseExpr(0);
    SkipSpace();
    if (root && pos_ != text_.size()) Fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    if (!error_.empty()) {
      result.error = error_ + " at offset " + std::to_string(error_offset_);
      result.error_offset = error_offset_;
      return result;
    }
    result.root = std::move(root);
    return result;
  }

 private:
  std::unique_ptr<Expr> Fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_offset_ = static_cast<uint32_t>(pos_);
    }
    return nullptr;
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool Peek(char c) {
    SkipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }

  static bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
  static bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

  std::string ReadName() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::unique_ptr<Expr> ParseExpr(int depth) {
    if (depth > kMaxExpressionDepth) return Fail("expression nests too deeply");
    auto node = ParsePrimary(depth);
    while (node) {
      SkipSpace();
      // Each '.name' and '[index]' wraps the node in one more level, which
      // evaluation and destruction walk recursively: it counts as nesting.
      if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == '[') && ++depth > kMaxExpressionDepth) {
        return Fail("expression nests too deeply");
      }
      if (Consume('.')) {
        SkipSpace();
        if (pos_ >= text_.size() || !IsNameStart(text_[pos_])) return Fail("expected a property name after '.'");
        auto member = std::make_unique<Expr>();
        member->kind = Expr::Kind::kMember;
        member->offset = static_cast<uint32_t>(pos_);
        member->text = ReadName();
        member->children.push_back(std::move(node));
        node = std::move(member);
      } else if (Consume('[')) {
        auto index = std::make_unique<Expr>();
        index->kind = Expr::Kind::kIndex;
        index->offset = static_cast<uint32_t>(pos_);
        auto key = ParseExpr(depth + 1);
        if (!key) return nullptr;
        if (!Consume(']')) return Fail("expected ']'");
        index->children.push_back(std::move(node));
        index->children.push_back(std::move(key));
        node = std::move(index);
      } else {
        break;
      }
    }
    return node;
  }

  std::unique_ptr<Expr> ParsePrimary(int depth) {
    SkipSpace();
    if (pos_ >= text_.size()) return Fail("unexpected end of expression");
    auto node = std::make_unique<Expr>();
    node->offset = static_cast<uint32_t>(pos_);
    const char c = text_[pos_];
    if (c == '\'') {
      node->kind = Expr::Kind::kString;
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) return Fail("unterminated string");
        if (text_[pos_] == '\'') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
            node->text += '\'';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        node->text += text_[pos_++];
      }
      return node;
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      node->kind = Expr::Kind::kInteger;
      const size_t start = pos_;
      if (c == '-') ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, node->integer);
      if (ec != std::errc() || ptr != text_.data() + pos_) return Fail("invalid number");
      return node;
    }
    if (!IsNameStart(c)) return Fail("unexpected '" + std::string(1, c) + "'");
    std::string name = ReadName();
    // A user-defined function is called as namespace.name(...).
    if (pos_ < text_.size() && text_[pos_] == '.') {
      const size_t save = pos_;
      ++pos_;
      std::string member = ReadName();
      if (!member.empty() && Peek('(')) {
        name += "." + member;
      } else {
        pos_ = save;
      }
    }
    if (Consume('(')) {
      node->kind = Expr::Kind::kCall;
      node->text = std::move(name);
      if (Consume(')')) return node;
      while (true) {
        auto arg = ParseExpr(depth + 1);
        if (!arg) return nullptr;
        node->children.push_back(std::move(arg));
        if (Consume(')')) return node;
        if (!Consume(',')) return Fail("expected ',' or ')'");
      }
    }
    if (name == "true" || name == "false") {
      node->kind = Expr::Kind::kBool;
      node->boolean = name == "true";
      return node;
    }
    if (name == "null") {
      node->kind = Expr::Kind::kNull;
      return node;
    }
    return Fail("expected '(' after function name '" + name + "'");
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
  uint32_t error_offset_ = 0;
};

}  // namespace

ParsedExpression ParseExpression(std::string_view text) { return Parser(text).Run(); }

TemplateStringKind ClassifyTemplateString(std::string_view value, std::string_view* inner) {
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    if (value[1] == '[') return TemplateStringKind::kEscapedLiteral;
    *inner = value.substr(1, value.size() - 2);
    return TemplateStringKind::kExpression;
  }
  return TemplateStringKind::kLiteral;
}

}  // namespace routelint

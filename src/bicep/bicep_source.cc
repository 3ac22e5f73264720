#include "bicep/bicep_source.h"

#include <algorithm>
#include <cstdint>

#include "base/strings.h"

namespace routelint {
namespace {

// ---------------------------------------------------------------- tokens

enum class Tok { kIdent, kString, kOpen, kClose, kColon, kComma, kNewline, kAt, kAssign, kOther, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  std::string_view text;  // identifiers, operators; strings: the source including quotes
  std::string value;      // plain strings: the decoded value
  bool plain = false;     // a string literal without interpolation
  BicepPosition at;
};

struct Comment {
  std::string_view text;  // after "//"
  BicepPosition at;
  bool trailing = false;  // code precedes it on its line
};

// Splits the text into tokens, dropping blanks and comments (comments that
// might be ignore directives are kept aside).
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  void Run(std::vector<Token>* tokens, std::vector<Comment>* comments) {
    if (StartsWith("\xEF\xBB\xBF")) pos_ = 3;  // a UTF-8 BOM (Visual Studio writes one) is no code
    int code_line = 0;  // the last line a token started on
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        Advance(1);
      } else if (c == '\n') {
        Push(tokens, Tok::kNewline, 1);
      } else if (StartsWith("//")) {
        const size_t end = std::min(text_.find('\n', pos_), text_.size());
        comments->push_back({text_.substr(pos_ + 2, end - pos_ - 2), Here(), code_line == line_});
        Advance(end - pos_);
      } else if (StartsWith("/*")) {
        const size_t end = text_.find("*/", pos_ + 2);
        Advance((end == std::string_view::npos ? text_.size() : end + 2) - pos_);
      } else if (StartsWith("'''")) {
        const size_t end = text_.find("'''", pos_ + 3);
        code_line = line_;
        Token t;
        t.kind = Tok::kString;
        t.at = Here();
        const size_t stop = end == std::string_view::npos ? text_.size() : end + 3;
        t.text = text_.substr(pos_, stop - pos_);
        Advance(stop - pos_);
        tokens->push_back(std::move(t));
      } else if (c == '\'') {
        code_line = line_;
        tokens->push_back(String());
      } else if (IsIdentStart(c)) {
        code_line = line_;
        size_t end = pos_ + 1;
        while (end < text_.size() && IsIdentPart(text_[end])) ++end;
        Push(tokens, Tok::kIdent, end - pos_);
      } else {
        code_line = line_;
        Punctuation(tokens);
      }
    }
    Token end;
    end.at = Here();
    tokens->push_back(std::move(end));
  }

 private:
  static bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
  static bool IsIdentPart(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
  bool StartsWith(std::string_view s) const { return text_.compare(pos_, s.size(), s) == 0; }
  BicepPosition Here() const { return {line_, column_}; }

  void Advance(size_t n) {
    for (size_t end = std::min(pos_ + n, text_.size()); pos_ < end; ++pos_) {
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '\n') {
        ++line_;
        column_ = 1;
      } else if ((byte & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }

  void Push(std::vector<Token>* tokens, Tok kind, size_t length) {
    Token t;
    t.kind = kind;
    t.at = Here();
    t.text = text_.substr(pos_, length);
    Advance(length);
    tokens->push_back(std::move(t));
  }

  void Punctuation(std::vector<Token>* tokens) {
    const char c = text_[pos_];
    switch (c) {
      case '{': case '[': case '(': Push(tokens, Tok::kOpen, 1); return;
      case '}': case ']': case ')': Push(tokens, Tok::kClose, 1); return;
      case ',': Push(tokens, Tok::kComma, 1); return;
      case '@': Push(tokens, Tok::kAt, 1); return;
      case ':': Push(tokens, StartsWith("::") ? Tok::kOther : Tok::kColon, StartsWith("::") ? 2 : 1); return;
      case '=': {
        const bool compare = StartsWith("==") || StartsWith("=~");
        Push(tokens, compare ? Tok::kOther : Tok::kAssign, compare ? 2 : 1);
        return;
      }
      default: Push(tokens, Tok::kOther, 1); return;
    }
  }

  // A '...' string: escapes decoded, `${...}` interpolations stepped over
  // (with the strings and braces inside them).
  Token String() {
    Token t;
    t.kind = Tok::kString;
    t.at = Here();
    t.plain = true;
    const size_t start = pos_;
    Advance(1);
    while (pos_ < text_.size() && text_[pos_] != '\'' && text_[pos_] != '\n') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        const char e = text_[pos_ + 1];
        t.value += e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
        Advance(2);
      } else if (StartsWith("${")) {
        t.plain = false;
        Advance(2);
        SkipInterpolation();
      } else {
        t.value += text_[pos_];
        Advance(1);
      }
    }
    if (pos_ < text_.size() && text_[pos_] == '\'') Advance(1);
    else t.plain = false;  // unterminated: not a value to trust
    t.text = text_.substr(start, pos_ - start);
    return t;
  }

  // From after "${" to after its closing '}'.
  void SkipInterpolation() {
    int depth = 1;
    while (pos_ < text_.size() && depth > 0) {
      const char c = text_[pos_];
      if (c == '\'') {
        String();
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}') --depth;
      Advance(1);
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// ---------------------------------------------------------------- parser

std::string WithoutApiVersion(std::string_view type) { return std::string(type.substr(0, type.find('@'))); }

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, BicepSource* out) : t_(tokens), out_(out) {}

  void File() {
    int decorators_from = 0;
    while (!At(Tok::kEnd)) {
      if (At(Tok::kNewline)) {
        Next();
        continue;
      }
      if (SkipDecorators(&decorators_from)) continue;
      const int first_line = DeclarationStart(&decorators_from);
      if (AtWord("resource") && Peek(1).kind == Tok::kIdent) {
        Resource(nullptr, first_line);
      } else if (AtWord("module") && Peek(1).kind == Tok::kIdent) {
        Module(first_line);
      } else if (std::vector<BicepNamed>* list = NamedList(); list && Peek(1).kind == Tok::kIdent) {
        list->push_back({std::string(Peek(1).text), Cur().at});
        Next();
        SkipItem();
      } else if (At(Tok::kClose) || At(Tok::kComma) || At(Tok::kColon)) {
        Next();  // stray
      } else {
        Next();  // a statement's first token
        SkipItem();
      }
    }
  }

  // The list a `param`, `var` or `output` statement at the cursor goes to.
  std::vector<BicepNamed>* NamedList() {
    if (AtWord("param")) return &out_->parameters;
    if (AtWord("var")) return &out_->variables;
    if (AtWord("output")) return &out_->outputs;
    return nullptr;
  }

  // first line -> last line of every declaration and property
  const std::vector<std::pair<int, int>>& spans() const { return spans_; }

 private:
  const Token& Cur() const { return t_[i_]; }
  const Token& Peek(size_t ahead) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
  bool At(Tok kind) const { return Cur().kind == kind; }
  bool AtOpen(char c) const { return At(Tok::kOpen) && Cur().text[0] == c; }
  bool AtClose(char c) const { return At(Tok::kClose) && Cur().text[0] == c; }
  bool AtWord(std::string_view word) const { return At(Tok::kIdent) && Cur().text == word; }
  int Line() const { return Cur().at.line; }
  void Next() {
    if (!At(Tok::kEnd)) last_line_ = Cur().at.line, ++i_;
  }
  void SkipNewlines() {
    while (At(Tok::kNewline)) Next();
  }

  // From an opening bracket to after the bracket that closes it, or to a
  // statement keyword at the start of a line: a bracket left open is a typo
  // that should cost its declaration, not the rest of the file.
  void SkipGroup() {
    int depth = 0;
    do {
      if (At(Tok::kOpen)) ++depth;
      if (At(Tok::kClose)) --depth;
      Next();
    } while (depth > 0 && !At(Tok::kEnd) && !AtStatementStart());
  }

  bool AtStatementStart() const {
    static constexpr std::string_view kKeywords[] = {"resource", "module", "param", "var", "output", "type",
                                                     "func", "import", "metadata", "targetScope"};
    if (!At(Tok::kIdent) || Cur().at.column != 1 || i_ == 0 || t_[i_ - 1].kind != Tok::kNewline) return false;
    return std::find(std::begin(kKeywords), std::end(kKeywords), Cur().text) != std::end(kKeywords);
  }

  // One expression or statement: up to (not including) the line end, comma or
  // closing bracket that ends it at its own nesting level.
  void SkipItem() {
    while (!At(Tok::kEnd) && !At(Tok::kNewline) && !At(Tok::kComma) && !At(Tok::kClose) && !AtStatementStart()) {
      if (At(Tok::kOpen)) SkipGroup();
      else Next();
    }
  }

  // Steps to the next item of an object or array, past line ends and
  // commas. False at its closing bracket (stepped over), at the end, or at a
  // statement keyword, which shows that the bracket is missing.
  bool NextItem() {
    while (At(Tok::kNewline) || At(Tok::kComma)) Next();
    if (At(Tok::kClose)) {
      Next();
      return false;
    }
    return !At(Tok::kEnd) && !AtStatementStart();
  }

  // Steps over a decorator at the cursor, keeping in *first_line the line of
  // the first of a run; false when there is none.
  bool SkipDecorators(int* first_line) {
    if (!At(Tok::kAt)) return false;
    if (*first_line == 0) *first_line = Line();
    SkipDecorator();
    return true;
  }

  // The line a declaration at the cursor starts on: its first decorator's,
  // if it has any (which *decorators_from forgets).
  int DeclarationStart(int* decorators_from) {
    const int line = *decorators_from != 0 ? *decorators_from : Line();
    *decorators_from = 0;
    return line;
  }

  // `@name(...)` or `@sys.name(...)`.
  void SkipDecorator() {
    Next();
    while (At(Tok::kIdent) || (At(Tok::kOther) && Cur().text == ".")) Next();
    if (AtOpen('(')) SkipGroup();
  }

  // `for ... :` up to and past its colon (the first at the loop's own level).
  void SkipLoopHeader() {
    while (!At(Tok::kEnd) && !At(Tok::kColon) && !At(Tok::kClose)) {
      if (At(Tok::kOpen)) SkipGroup();
      else Next();
    }
    if (At(Tok::kColon)) Next();
    SkipNewlines();
  }

  // `if (...)` before a body.
  void SkipCondition() {
    Next();
    SkipNewlines();
    if (AtOpen('(')) SkipGroup();
    SkipNewlines();
  }

  void Resource(const BicepDeclaration* parent, int first_line) {
    BicepDeclaration decl;
    decl.kind = BicepDeclaration::Kind::kResource;
    decl.at = Cur().at;
    decl.first_line = first_line;
    Next();
    decl.symbol = parent ? parent->symbol + "::" + std::string(Cur().text) : std::string(Cur().text);
    Next();
    if (At(Tok::kString)) {
      const std::string type = WithoutApiVersion(Cur().value);
      decl.type = parent && type.find('/') == std::string::npos ? parent->type + "/" + type : type;
      Next();
    }
    if (AtWord("existing")) {
      decl.existing = true;
      Next();
    }
    Declare(std::move(decl));
  }

  void Module(int first_line) {
    BicepDeclaration decl;
    decl.kind = BicepDeclaration::Kind::kModule;
    decl.type = "Microsoft.Resources/deployments";
    decl.at = Cur().at;
    decl.first_line = first_line;
    Next();
    decl.symbol = std::string(Cur().text);
    Next();
    if (At(Tok::kString)) {
      decl.module_path = Cur().value;
      Next();
    }
    Declare(std::move(decl));
  }

  // The `= body` of a declaration whose header was read; the declaration is
  // listed before the resources nested in its body.
  void Declare(BicepDeclaration decl) {
    const size_t index = out_->declarations.size();
    out_->declarations.push_back(std::move(decl));
    if (!At(Tok::kAssign)) {
      SkipItem();
      Finish(index);
      return;
    }
    Next();
    SkipNewlines();
    std::unique_ptr<BicepObject> body;
    std::string literal_name;
    if (AtOpen('[')) {
      Next();
      SkipNewlines();
      if (AtWord("for")) {
        out_->declarations[index].loop = true;
        SkipLoopHeader();
        if (AtWord("if")) SkipCondition();
        if (AtOpen('{')) body = Object(0, index, &literal_name);
      }
      while (!At(Tok::kEnd) && !AtClose(']')) {
        if (At(Tok::kOpen)) SkipGroup();
        else Next();
      }
      Next();
    } else {
      if (AtWord("if")) SkipCondition();
      if (AtOpen('{')) body = Object(0, index, &literal_name);
      else SkipItem();
    }
    out_->declarations[index].body = std::move(body);
    out_->declarations[index].literal_name = std::move(literal_name);
    Finish(index);
  }

  void Finish(size_t index) {
    BicepDeclaration& decl = out_->declarations[index];
    decl.last_line = std::max(last_line_, decl.at.line);
    spans_.emplace_back(decl.first_line, decl.last_line);
    if (decl.at.line != decl.first_line) spans_.emplace_back(decl.at.line, decl.last_line);
  }

  // An object literal from its '{'. `owner` (a declaration's index, or
  // npos) is set for a declaration's own body, where nested resources and
  // the `name` property live.
  static constexpr size_t kNoOwner = SIZE_MAX;
  std::unique_ptr<BicepObject> Object(int depth, size_t owner = kNoOwner, std::string* literal_name = nullptr) {
    auto object = std::make_unique<BicepObject>();
    object->at = Cur().at;
    if (depth > kMaxBicepDepth) {
      SkipGroup();
      return object;
    }
    Next();
    int decorators_from = 0;
    while (NextItem()) {
      if (SkipDecorators(&decorators_from)) continue;
      const int first_line = DeclarationStart(&decorators_from);
      if (owner != kNoOwner && AtWord("resource") && Peek(1).kind == Tok::kIdent) {
        // Copy: Resource() appends to the list the reference would point into.
        BicepDeclaration parent;
        parent.symbol = out_->declarations[owner].symbol;
        parent.type = out_->declarations[owner].type;
        Resource(&parent, first_line);
        continue;
      }
      if ((At(Tok::kIdent) || At(Tok::kString)) && Peek(1).kind == Tok::kColon) {
        Property(object.get(), depth, owner != kNoOwner ? literal_name : nullptr);
        continue;
      }
      SkipItem();  // not a property: step over it
    }
    return object;
  }

  void Property(BicepObject* object, int depth, std::string* literal_name) {
    BicepObject::Property p;
    p.key = At(Tok::kString) ? Cur().value : std::string(Cur().text);
    p.at = Cur().at;
    Next();
    Next();
    SkipNewlines();
    if (literal_name && p.key == "name" && At(Tok::kString) && Cur().plain &&
        (Peek(1).kind == Tok::kNewline || Peek(1).kind == Tok::kClose || Peek(1).kind == Tok::kComma)) {
      *literal_name = Cur().value;
    }
    if (AtOpen('{')) {
      p.object = Object(depth + 1);
    } else if (AtOpen('[')) {
      p.array = Array(depth + 1);
    } else {
      SkipItem();
    }
    // A value followed by more of the expression (`{...}.x`, `[...][0]`).
    if (!At(Tok::kNewline) && !At(Tok::kComma) && !At(Tok::kClose)) SkipItem();
    p.last_line = std::max(last_line_, p.at.line);
    spans_.emplace_back(p.at.line, p.last_line);
    object->properties.push_back(std::move(p));
  }

  std::unique_ptr<BicepArray> Array(int depth) {
    auto array = std::make_unique<BicepArray>();
    if (depth > kMaxBicepDepth) {
      SkipGroup();
      return array;
    }
    Next();
    SkipNewlines();
    if (AtWord("for")) {
      SkipLoopHeader();
      if (AtWord("if")) SkipCondition();
      if (AtOpen('{')) array->loop_body = Object(depth + 1);
      while (!At(Tok::kEnd) && !At(Tok::kClose)) {
        if (At(Tok::kOpen)) SkipGroup();
        else Next();
      }
      Next();
      return array;
    }
    while (NextItem()) {
      array->item_at.push_back(Cur().at);
      if (AtOpen('{')) {
        array->items.push_back(Object(depth + 1));
      } else {
        array->items.push_back(nullptr);
        if (At(Tok::kOpen)) SkipGroup();
      }
      if (!At(Tok::kNewline) && !At(Tok::kComma) && !At(Tok::kClose)) SkipItem();
    }
    return array;
  }

  const std::vector<Token>& t_;
  size_t i_ = 0;
  int last_line_ = 1;
  BicepSource* out_;
  std::vector<std::pair<int, int>> spans_;
};

// ---------------------------------------------------------------- ignores

constexpr std::string_view kIgnoreDirective = "routelint-ignore";

// `// routelint-ignore RL002, RL004: reason`; false when the comment is no
// directive.
bool ParseIgnoreComment(std::string_view text, BicepIgnoreComment* out) {
  text = TrimAsciiSpace(text);
  if (text.substr(0, kIgnoreDirective.size()) != kIgnoreDirective) return false;
  text.remove_prefix(kIgnoreDirective.size());
  if (!text.empty() && !IsAsciiSpace(text[0]) && text[0] != ':') return false;
  const size_t colon = text.find(':');
  std::string_view rules = text.substr(0, colon);
  if (colon != std::string_view::npos) out->reason = std::string(TrimAsciiSpace(text.substr(colon + 1)));
  size_t start = 0;
  for (size_t i = 0; i <= rules.size(); ++i) {
    if (i == rules.size() || IsAsciiSpace(rules[i]) || rules[i] == ',') {
      if (i > start) out->rules.emplace_back(rules.substr(start, i - start));
      start = i + 1;
    }
  }
  return true;
}

// The lines a directive covers: the declaration or property starting on
// `line` (the widest of them), else that line alone.
std::pair<int, int> SpanStartingAt(const std::vector<std::pair<int, int>>& spans, int line) {
  auto it = std::lower_bound(spans.begin(), spans.end(), std::make_pair(line, 0));
  int last = line;
  for (; it != spans.end() && it->first == line; ++it) last = std::max(last, it->second);
  return {line, last};
}

// The first line after `line` that holds a token other than a line end.
int NextCodeLine(const std::vector<Token>& tokens, int line) {
  auto it = std::upper_bound(tokens.begin(), tokens.end(), line,
                             [](int l, const Token& t) { return l < t.at.line; });
  for (; it != tokens.end(); ++it) {
    if (it->kind == Tok::kEnd) return 0;
    if (it->kind != Tok::kNewline) return it->at.line;
  }
  return 0;
}

}  // namespace

const BicepObject::Property* BicepObject::Find(std::string_view key) const {
  for (const Property& p : properties) {
    if (p.key == key) return &p;
  }
  for (const Property& p : properties) {
    if (EqualsIgnoreCase(p.key, key)) return &p;
  }
  return nullptr;
}

const BicepDeclaration* BicepSource::FindSymbol(std::string_view symbol) const {
  for (const BicepDeclaration& d : declarations) {
    if (d.symbol == symbol) return &d;
  }
  return nullptr;
}

BicepSource ScanBicep(std::string_view text) {
  BicepSource source;
  std::vector<Token> tokens;
  std::vector<Comment> comments;
  Lexer(text).Run(&tokens, &comments);
  Parser parser(tokens, &source);
  parser.File();
  std::vector<std::pair<int, int>> spans = parser.spans();
  std::sort(spans.begin(), spans.end());
  for (const Comment& c : comments) {
    BicepIgnoreComment ignore;
    if (!ParseIgnoreComment(c.text, &ignore)) continue;
    ignore.at = c.at;
    const int line = c.trailing ? c.at.line : NextCodeLine(tokens, c.at.line);
    if (line != 0) std::tie(ignore.first_line, ignore.last_line) = SpanStartingAt(spans, line);
    source.ignore_comments.push_back(std::move(ignore));
  }
  return source;
}

}  // namespace routelint

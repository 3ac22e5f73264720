#include "parse/json_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <locale.h>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/strings.h"

namespace routelint {
namespace {

using Json = nlohmann::json;

// What the reader was doing when the text went wrong; the words are
// nlohmann's, which users of other JSON tools have seen before.
enum class Context { kValue, kObjectKey, kObjectSeparator, kObject, kArray };

std::string_view ContextName(Context context) {
  switch (context) {
    case Context::kValue: return "value";
    case Context::kObjectKey: return "object key";
    case Context::kObjectSeparator: return "object separator";
    case Context::kObject: return "object";
    case Context::kArray: return "array";
  }
  return "value";
}

// The "C" locale, for reading numbers the same way in every locale.
locale_t CLocale() {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return c_locale;
}

// Each level of nesting is a few stack frames: past this, a caller's limit
// would let a document exhaust the stack.
constexpr int kMaxSupportedDepth = 4096;

class Reader {
 public:
  Reader(std::string_view text, int max_depth, std::vector<DuplicateKey>* duplicates, size_t max_duplicates)
      : text_(text), max_depth_(std::min(max_depth, kMaxSupportedDepth)), duplicates_(duplicates), max_duplicates_(max_duplicates) {}

  bool Document(Json* out) {
    if (!SkipBlank() || !Value(out, 0, Context::kValue)) return false;
    if (!SkipBlank()) return false;
    if (at_ < text_.size()) return Unexpected(Context::kValue, "end of input");
    return true;
  }

  JsonReadError TakeError() { return std::move(error_); }

 private:
  bool Fail(size_t offset, Context context, std::string detail) {
    error_.offset = offset;
    error_.message = "syntax error while parsing " + std::string(ContextName(context)) + " - " + std::move(detail);
    // ARM takes line breaks inside strings, so a missing closing quote shows
    // only further on, where the text stops making sense. When the string
    // read last before the error ran across a line break, say where it began.
    if (last_string_broke_line_ && last_string_at_ < offset) {
      const size_t line = 1 + static_cast<size_t>(std::count(text_.begin(), text_.begin() + last_string_at_, '\n'));
      error_.message += "; the string that starts on line " + std::to_string(line) +
                        " runs across a line break: is its closing quote missing?";
    }
    return false;
  }

  // The token text from `start` through `last` (inclusive, clamped to the
  // text), for "last read": at most about 40 bytes, cut at character
  // boundaries, with the whole UTF-8 character that `last` begins.
  std::string LastRead(size_t start, size_t last) const {
    constexpr size_t kMax = 40;
    if (text_.empty()) return "last read: ''";
    last = std::min(last, text_.size() - 1);
    size_t end = last + std::max<size_t>(1, Utf8SequenceLength(text_, last));
    if (end - start > kMax) {
      start = end - kMax;
      while (start < last && (static_cast<unsigned char>(text_[start]) & 0xC0) == 0x80) ++start;
    }
    return "last read: '" + std::string(text_.substr(start, end - start)) + "'";
  }

  // At `last`: the token that began at `start` is no JSON; `expected` says
  // what was wanted there (empty: the token's own grammar went wrong).
  bool InvalidLiteral(size_t start, size_t last, Context context, std::string_view expected = {}) {
    std::string detail = "invalid literal; " + LastRead(start, last);
    if (!expected.empty()) detail += "; expected " + std::string(expected);
    return Fail(std::min(last, text_.size()), context, std::move(detail));
  }

  // "unexpected <what is there>; expected <expected>", at what is there.
  bool Unexpected(Context context, std::string_view expected) {
    if (at_ >= text_.size()) return Fail(text_.size(), context, "unexpected end of input; expected " + std::string(expected));
    std::string found;
    switch (const char c = text_[at_]) {
      case '{': case '}': case '[': case ']': case ':': case ',':
        found = std::string("'") + c + "'";
        break;
      case '"':
        found = "string literal";
        break;
      default:
        if (c == '-' || IsAsciiDigit(c)) {
          found = "number literal";
        } else if (text_.substr(at_, 4) == "true" || text_.substr(at_, 4) == "null" || text_.substr(at_, 5) == "false") {
          found = std::string(c == 't' ? "true" : c == 'n' ? "null" : "false") + " literal";
        } else {
          return InvalidLiteral(at_, at_, context, expected);
        }
    }
    return Fail(at_, context, "unexpected " + found + "; expected " + std::string(expected));
  }

  // Skips whitespace and comments. False on a malformed comment.
  bool SkipBlank() {
    const size_t n = text_.size();
    while (at_ < n) {
      const char c = text_[at_];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        ++at_;
      } else if (c == '/') {
        const size_t start = at_;
        if (at_ + 1 < n && text_[at_ + 1] == '/') {
          // A line comment ends at a line feed or a carriage return (as in
          // nlohmann and JSON.NET, which Resource Manager uses).
          const size_t end = text_.find_first_of("\n\r", at_ + 2);
          at_ = end == std::string_view::npos ? n : end + 1;
        } else if (at_ + 1 < n && text_[at_ + 1] == '*') {
          const size_t end = text_.find("*/", at_ + 2);
          if (end == std::string_view::npos) {
            return Fail(start, Context::kValue, "invalid comment; missing closing '*/'");
          }
          at_ = end + 2;
        } else {
          return Fail(start, Context::kValue, "invalid comment; expecting '/' or '*' after '/'");
        }
      } else {
        break;
      }
    }
    return true;
  }

  bool Value(Json* out, int depth, Context context) {
    if (at_ >= text_.size()) return Unexpected(context, "'[', '{', or a literal");
    switch (text_[at_]) {
      case '{': return Object(out, depth + 1);
      case '[': return Array(out, depth + 1);
      case '"': {
        *out = Json::value_t::string;
        return String(&out->get_ref<std::string&>(), context);
      }
      case 't': return Literal("true", Json(true), out, context);
      case 'f': return Literal("false", Json(false), out, context);
      case 'n': return Literal("null", Json(nullptr), out, context);
      default:
        if (text_[at_] == '-' || IsAsciiDigit(text_[at_])) return Number(out, context);
        if (text_[at_] == '}' || text_[at_] == ']' || text_[at_] == ':' || text_[at_] == ',') {
          return Unexpected(context, "'[', '{', or a literal");
        }
        return InvalidLiteral(at_, at_, context);
    }
  }

  bool Literal(std::string_view word, Json value, Json* out, Context context) {
    const size_t start = at_;
    for (size_t i = 0; i < word.size(); ++i) {
      if (start + i >= text_.size() || text_[start + i] != word[i]) return InvalidLiteral(start, start + i, context);
    }
    at_ += word.size();
    *out = std::move(value);
    return true;
  }

  bool Deeper(int depth) {
    if (depth <= max_depth_) return true;
    error_.offset = at_;
    error_.message = "JSON nests deeper than " + std::to_string(max_depth_) + (max_depth_ == 1 ? " level" : " levels");
    return false;
  }

  bool Object(Json* out, int depth) {
    if (!Deeper(depth)) return false;
    *out = Json::value_t::object;
    auto& members = out->get_ref<Json::object_t&>();
    ++at_;  // '{'
    if (!SkipBlank()) return false;
    if (at_ < text_.size() && text_[at_] == '}') {
      ++at_;
      return true;
    }
    std::string key;
    while (true) {
      if (at_ >= text_.size() || text_[at_] != '"') return Unexpected(Context::kObjectKey, "string literal");
      const size_t key_at = at_;
      key.clear();
      if (!String(&key, Context::kObjectKey)) return false;
      if (!SkipBlank()) return false;
      if (at_ >= text_.size() || text_[at_] != ':') return Unexpected(Context::kObjectSeparator, "':'");
      ++at_;
      if (!SkipBlank()) return false;
      // try_emplace leaves `key` as it is when the key is there already.
      auto [slot, inserted] = members.try_emplace(std::move(key));
      if (!inserted && duplicates_ != nullptr && duplicates_->size() < max_duplicates_) {
        duplicates_->push_back({key_at, key});
      }
      if (!Value(&slot->second, depth, Context::kValue)) return false;
      if (!SkipBlank()) return false;
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        if (!SkipBlank()) return false;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '}') {
        ++at_;
        return true;
      }
      return Unexpected(Context::kObject, "',' or '}'");
    }
  }

  bool Array(Json* out, int depth) {
    if (!Deeper(depth)) return false;
    *out = Json::value_t::array;
    auto& items = out->get_ref<Json::array_t&>();
    ++at_;  // '['
    if (!SkipBlank()) return false;
    if (at_ < text_.size() && text_[at_] == ']') {
      ++at_;
      return true;
    }
    while (true) {
      items.emplace_back();
      if (!Value(&items.back(), depth, Context::kValue)) return false;
      if (!SkipBlank()) return false;
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        if (!SkipBlank()) return false;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == ']') {
        ++at_;
        return true;
      }
      return Unexpected(Context::kArray, "',' or ']'");
    }
  }

  // Reads four hex digits after "\u" at `at_` (which points at the 'u').
  bool Hex4(size_t start, Context context, uint32_t* value) {
    *value = 0;
    for (size_t i = 1; i <= 4; ++i) {
      const int digit = at_ + i < text_.size() ? HexDigitValue(text_[at_ + i]) : -1;
      if (digit < 0) {
        return Fail(std::min(at_ + i, text_.size()), context,
                    "invalid string: '\\u' must be followed by 4 hex digits; " + LastRead(start, at_ + i));
      }
      *value = *value * 16 + static_cast<uint32_t>(digit);
    }
    at_ += 5;
    return true;
  }

  // At a '"': appends the decoded string to *out and moves past its end.
  bool String(std::string* out, Context context) {
    const size_t start = at_;
    last_string_at_ = start;
    last_string_broke_line_ = false;
    const size_t n = text_.size();
    ++at_;
    while (true) {
      // The common case: a run of printable ASCII without quote or backslash.
      const size_t run = at_;
      while (at_ < n) {
        const unsigned char c = static_cast<unsigned char>(text_[at_]);
        if (c == '"' || c == '\\' || c >= 0x80 || c < 0x20) break;
        ++at_;
      }
      out->append(text_.data() + run, at_ - run);
      if (at_ >= n) return Fail(n, context, "invalid string: missing closing quote; " + LastRead(start, n));
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c == '\\') {
        if (!Escape(start, context, out)) return false;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20) {  // a raw control character: ARM accepts it
        if (c == '\n' || c == '\r') last_string_broke_line_ = true;
        out->push_back(c);
        ++at_;
        continue;
      }
      size_t bad = 0;
      const size_t length = Utf8SequenceLength(text_, at_, &bad);
      if (length == 0) {
        return Fail(std::min(bad, n), context, "invalid string: ill-formed UTF-8 byte; " + LastRead(start, bad));
      }
      out->append(text_.data() + at_, length);
      at_ += length;
    }
  }

  bool Escape(size_t start, Context context, std::string* out) {
    ++at_;  // the backslash
    if (at_ >= text_.size()) return Fail(text_.size(), context, "invalid string: missing closing quote; " + LastRead(start, at_));
    const char c = text_[at_];
    switch (c) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        uint32_t unit = 0;
        if (!Hex4(start, context, &unit)) return false;
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
          return Fail(at_ - 6, context, "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF; " +
                                            LastRead(start, at_ - 1));
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          uint32_t low = 0;
          const size_t second = at_;  // where the low surrogate's escape must be
          if (text_.substr(at_, 2) != "\\u") {
            return Fail(std::min(at_, text_.size()), context,
                        "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; " + LastRead(start, at_));
          }
          ++at_;  // to the 'u'
          if (!Hex4(start, context, &low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) {
            return Fail(second, context, "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; " +
                                             LastRead(start, at_ - 1));
          }
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(unit, out);
        return true;
      }
      default:
        return Fail(at_, context, "invalid string: forbidden character after backslash; " + LastRead(start, at_));
    }
    ++at_;
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? as nlohmann stores it: a
  // non-negative integer unsigned, a negative one signed, one too large for
  // 64 bits or with a fraction or exponent as a double.
  bool Number(Json* out, Context context) {
    const size_t start = at_;
    const size_t n = text_.size();
    auto digits = [&] {
      const size_t from = at_;
      while (at_ < n && IsAsciiDigit(text_[at_])) ++at_;
      return at_ - from;
    };
    const bool negative = text_[at_] == '-';
    if (negative) ++at_;
    if (at_ >= n || !IsAsciiDigit(text_[at_])) {
      return Fail(at_, context, "invalid number; expected digit after '-'; " + LastRead(start, at_));
    }
    if (text_[at_] == '0') {
      ++at_;
    } else {
      digits();
    }
    bool integer = true;
    if (at_ < n && text_[at_] == '.') {
      integer = false;
      ++at_;
      if (digits() == 0) return Fail(at_, context, "invalid number; expected digit after '.'; " + LastRead(start, at_));
    }
    if (at_ < n && (text_[at_] == 'e' || text_[at_] == 'E')) {
      integer = false;
      ++at_;
      const bool sign = at_ < n && (text_[at_] == '+' || text_[at_] == '-');
      if (sign) ++at_;
      if (digits() == 0) {
        return Fail(at_, context,
                    std::string(sign ? "invalid number; expected digit after exponent sign; "
                                     : "invalid number; expected '+', '-', or digit after exponent; ") +
                        LastRead(start, at_));
      }
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + at_;
    if (integer) {
      if (negative) {
        int64_t value = 0;
        if (std::from_chars(first, last, value).ec == std::errc()) {
          *out = value;
          return true;
        }
      } else {
        uint64_t value = 0;
        if (std::from_chars(first, last, value).ec == std::errc()) {
          *out = value;
          return true;
        }
      }
    }
    // strtod in the C locale (whatever locale the program runs in), as
    // nlohmann reads floating-point numbers: too small a number becomes zero,
    // too large is an error (a double cannot hold it).
    const std::string token(first, last);
    const double value = strtod_l(token.c_str(), nullptr, CLocale());
    if (!std::isfinite(value)) return Fail(start, context, "number overflow parsing '" + Abbreviate(token, 40) + "'");
    *out = value;
    return true;
  }

  std::string_view text_;
  size_t at_ = 0;
  const int max_depth_;
  std::vector<DuplicateKey>* duplicates_;
  const size_t max_duplicates_;
  JsonReadError error_;
  size_t last_string_at_ = 0;            // the opening quote of the string read last
  bool last_string_broke_line_ = false;  // it holds a raw line break
};

}  // namespace

bool ReadJson(std::string_view text, int max_depth, nlohmann::json* document, JsonReadError* error,
              std::vector<DuplicateKey>* duplicates, size_t max_duplicates) {
  Reader reader(text, max_depth, duplicates, max_duplicates);
  Json value;
  if (!reader.Document(&value)) {
    *error = reader.TakeError();
    return false;
  }
  *document = std::move(value);
  return true;
}

}  // namespace routelint

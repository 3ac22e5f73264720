// A forgiving scanner over JSON text with comments (as the loader accepts
// it). It never builds values, only finds positions: values come from the
// DOM. Shared by the pointer locator and the readers that report rows by line.
#ifndef ROUTELINT_PARSE_JSON_SCANNER_H_
#define ROUTELINT_PARSE_JSON_SCANNER_H_

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace routelint {

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  size_t pos() const { return pos_; }
  void Seek(size_t pos) { pos_ = pos < text_.size() ? pos : text_.size(); }
  bool AtEnd() const { return pos_ >= text_.size(); }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        // A line comment ends at a line feed or a carriage return, as the
        // reader (and nlohmann, and JSON.NET) end it.
        while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        const size_t end = text_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? text_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool Peek(char c) {
    SkipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  // Reads a string at the current position without decoding it: *raw is
  // the text between the quotes, *escaped whether it holds a backslash.
  bool ReadRawString(std::string_view* raw, bool* escaped) {
    if (!Consume('"')) return false;
    // Strings are most of a template's bytes: memchr finds the candidate
    // closing quotes, and one preceded by an odd number of backslashes is
    // escaped.
    const size_t start = pos_;
    size_t end = text_.size();
    for (size_t from = start; from < text_.size();) {
      const void* quote = std::memchr(text_.data() + from, '"', text_.size() - from);
      if (quote == nullptr) break;
      const size_t at = static_cast<size_t>(static_cast<const char*>(quote) - text_.data());
      size_t backslashes = 0;
      while (at - backslashes > start && text_[at - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) {
        end = at;
        break;
      }
      from = at + 1;
    }
    *raw = text_.substr(start, end - start);
    *escaped = raw->find('\\') != std::string_view::npos;
    pos_ = end < text_.size() ? end + 1 : end;  // past the closing quote, when there is one
    return true;
  }

  // Undoes the simple escapes of a string's raw text (keys with \u escapes
  // compare by their escaped text, which is good enough to find a position).
  static void Unescape(std::string_view raw, std::string* out) {
    out->clear();
    for (size_t i = 0; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == '\\' && i + 1 < raw.size()) {
        const char e = raw[++i];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          case 'b': c = '\b'; break;
          case 'f': c = '\f'; break;
          default: c = e; break;
        }
      }
      out->push_back(c);
    }
  }

  // Reads a string at the current position, undoing simple escapes.
  bool ReadString(std::string* out) {
    std::string_view raw;
    bool escaped = false;
    if (!ReadRawString(&raw, &escaped)) return false;
    if (escaped) {
      Unescape(raw, out);
    } else {
      out->assign(raw);
    }
    return true;
  }

  void SkipValue() {
    SkipSpace();
    if (pos_ >= text_.size()) return;
    const char c = text_[pos_];
    std::string_view ignored;
    bool escaped = false;
    if (c == '"') {
      ReadRawString(&ignored, &escaped);
    } else if (c == '{' || c == '[') {
      // Skip the whole container by counting brackets outside strings.
      int depth = 0;
      while (pos_ < text_.size()) {
        SkipSpace();
        if (pos_ >= text_.size()) break;
        const char d = text_[pos_];
        if (d == '"') {
          ReadRawString(&ignored, &escaped);
          continue;
        }
        ++pos_;
        if (d == '{' || d == '[') ++depth;
        if ((d == '}' || d == ']') && --depth == 0) return;
      }
    } else {
      while (pos_ < text_.size()) {
        const char d = text_[pos_];
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\r' || d == '\t' || d == '/') {
          return;
        }
        ++pos_;
      }
    }
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};


}  // namespace routelint

#endif  // ROUTELINT_PARSE_JSON_SCANNER_H_

#include "parse/locator.h"

#include <algorithm>
#include <cstdlib>

namespace routelint {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

void LineIndex::Position(size_t offset, int* line, int* column) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  const size_t start = line_starts_[line_index];
  // A BOM is no column.
  const size_t first = (start == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") ? 3 : start;
  int col = 1;
  for (size_t i = first; i < offset; ++i) {
    // Count code points: UTF-8 continuation bytes do not start one.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  }
  *line = static_cast<int>(line_index) + 1;
  *column = col;
}

std::vector<std::string> SplitJsonPointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  size_t pos = pointer[0] == '/' ? 1 : 0;
  while (true) {
    const size_t slash = pointer.find('/', pos);
    std::string_view raw = pointer.substr(pos, slash == std::string_view::npos ? slash : slash - pos);
    std::string token;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return tokens;
}

namespace {

// A forgiving scanner over JSON-with-comments. It never builds values; it
// only skips them, so locating a path costs one partial pass over the file.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  size_t pos() const { return pos_; }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
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

  // Reads a string at the current position, undoing simple escapes (keys
  // with \u escapes compare by their escaped text, which is good enough to
  // find a position).
  bool ReadString(std::string* out) {
    if (!Consume('"')) return false;
    out->clear();
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c == '\\' && pos_ < text_.size()) {
        const char e = text_[pos_++];
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
    ++pos_;
    return true;
  }

  void SkipValue() {
    SkipSpace();
    if (pos_ >= text_.size()) return;
    const char c = text_[pos_];
    if (c == '"') {
      std::string ignored;
      ReadString(&ignored);
    } else if (c == '{' || c == '[') {
      // Skip the whole container by counting brackets outside strings.
      int depth = 0;
      while (pos_ < text_.size()) {
        SkipSpace();
        if (pos_ >= text_.size()) break;
        const char d = text_[pos_];
        if (d == '"') {
          std::string ignored;
          ReadString(&ignored);
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

}  // namespace

bool LocateJsonPointer(std::string_view text, std::string_view pointer, size_t* offset) {
  Scanner scanner(text);
  scanner.SkipSpace();
  *offset = scanner.pos();
  for (const std::string& token : SplitJsonPointer(pointer)) {
    if (scanner.Consume('{')) {
      std::string key;
      bool found = false;
      while (!scanner.Peek('}')) {
        scanner.SkipSpace();
        const size_t key_at = scanner.pos();
        if (!scanner.ReadString(&key) || !scanner.Consume(':')) return false;
        if (key == token) {
          *offset = key_at;
          found = true;
          break;
        }
        scanner.SkipValue();
        if (!scanner.Consume(',')) break;
      }
      if (!found) return false;
    } else if (scanner.Consume('[')) {
      char* end = nullptr;
      const long wanted = std::strtol(token.c_str(), &end, 10);
      if (token.empty() || *end != '\0' || wanted < 0) return false;
      for (long i = 0; i < wanted; ++i) {
        if (scanner.Peek(']')) return false;
        scanner.SkipValue();
        if (!scanner.Consume(',')) return false;
      }
      if (scanner.Peek(']')) return false;
      scanner.SkipSpace();
      *offset = scanner.pos();
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace routelint

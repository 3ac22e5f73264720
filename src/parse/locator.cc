#include "parse/locator.h"

#include "parse/json_scanner.h"

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

void AppendJsonPointerToken(std::string_view token, std::string* pointer) {
  pointer->push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer->append("~0");
    } else if (c == '/') {
      pointer->append("~1");
    } else {
      pointer->push_back(c);
    }
  }
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

bool LocateJsonPointer(std::string_view text, std::string_view pointer, size_t* offset) {
  JsonScanner scanner(text);
  scanner.SkipSpace();
  *offset = scanner.pos();
  for (const std::string& token : SplitJsonPointer(pointer)) {
    if (scanner.Consume('{')) {
      // A key written twice keeps its last value (as the loader and Azure
      // keep it): the member is the last one of that name.
      std::string key;
      size_t key_at_found = std::string_view::npos, value_at_found = 0;
      while (!scanner.Peek('}')) {
        scanner.SkipSpace();
        const size_t key_at = scanner.pos();
        if (!scanner.ReadString(&key) || !scanner.Consume(':')) break;
        if (key == token) {
          key_at_found = key_at;
          value_at_found = scanner.pos();
        }
        scanner.SkipValue();
        if (!scanner.Consume(',')) break;
      }
      if (key_at_found == std::string_view::npos) return false;
      *offset = key_at_found;
      scanner.Seek(value_at_found);
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

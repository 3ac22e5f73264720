#include "parse/locator.h"

#include "parse/json_scanner.h"

#include <algorithm>
#include <cstdlib>

namespace routelint {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
    line_starts_.push_back(at + 1);
  }
  // An entry for every block start up to and including the text's end; the
  // inner loop is a plain count, which the compiler vectorises.
  continuation_before_block_.reserve(text.size() / kBlock + 2);
  size_t continuations = 0;
  for (size_t block = 0; block <= text.size(); block += kBlock) {
    continuation_before_block_.push_back(continuations);
    const size_t end = std::min(text.size(), block + kBlock);
    for (size_t i = block; i < end; ++i) continuations += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  }
}

size_t LineIndex::ContinuationBytesBefore(size_t offset) const {
  const size_t block = offset / kBlock;  // offset <= text_.size(): always an entry
  size_t count = continuation_before_block_[block];
  for (size_t i = block * kBlock; i < offset; ++i) count += (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80;
  return count;
}

void LineIndex::Position(size_t offset, int* line, int* column) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  const size_t start = line_starts_[line_index];
  // A BOM is no column.
  const size_t first = (start == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") ? std::min<size_t>(3, offset) : start;
  // Count code points: UTF-8 continuation bytes do not start one.
  const size_t continuations = ContinuationBytesBefore(offset) - ContinuationBytesBefore(first);
  *line = static_cast<int>(line_index) + 1;
  *column = static_cast<int>(offset - first - continuations) + 1;
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

PointerIndex::PointerIndex(std::string_view text) : text_(text) {
  JsonScanner scanner(text_);
  scanner.SkipSpace();
  root_ = scanner.pos();
}

PointerIndex::~PointerIndex() = default;

const PointerIndex::Container* PointerIndex::ContainerAt(size_t value_offset) {
  if (auto it = containers_.find(value_offset); it != containers_.end()) return it->second.get();
  JsonScanner scanner(text_);
  scanner.Seek(value_offset);
  auto container = std::make_unique<Container>();
  if (scanner.Consume('{')) {
    container->is_object = true;
    std::string_view raw;
    bool escaped = false;
    while (!scanner.Peek('}')) {
      scanner.SkipSpace();
      const size_t key_at = scanner.pos();
      if (!scanner.ReadRawString(&raw, &escaped) || !scanner.Consume(':')) break;
      std::string_view key = raw;
      if (escaped) {
        JsonScanner::Unescape(raw, &decoded_keys_.emplace_back());
        key = decoded_keys_.back();
      }
      scanner.SkipSpace();
      container->members.push_back({key, key_at, scanner.pos()});
      scanner.SkipValue();
      if (!scanner.Consume(',')) break;
    }
    // A key written twice keeps its last value (as the loader and Azure keep
    // it): equal keys stay in source order, and a lookup takes the last.
    std::stable_sort(container->members.begin(), container->members.end(),
                     [](const Member& a, const Member& b) { return a.key < b.key; });
  } else if (scanner.Consume('[')) {
    while (!scanner.Peek(']')) {
      scanner.SkipSpace();
      const size_t element_at = scanner.pos();
      container->members.push_back({{}, element_at, element_at});
      scanner.SkipValue();
      if (!scanner.Consume(',')) break;
    }
  } else {
    container.reset();
  }
  work_ += scanner.pos() > value_offset ? scanner.pos() - value_offset : 1;
  return containers_.emplace(value_offset, std::move(container)).first->second.get();
}

bool PointerIndex::Locate(std::string_view pointer, size_t* offset) {
  *offset = root_;
  size_t value_at = root_;
  for (const std::string& token : SplitJsonPointer(pointer)) {
    ++work_;
    const Container* container = ContainerAt(value_at);
    if (container == nullptr) return false;
    const Member* found = nullptr;
    if (container->is_object) {
      const std::string_view key = token;
      auto after = std::upper_bound(container->members.begin(), container->members.end(), key,
                                    [](std::string_view k, const Member& m) { return k < m.key; });
      if (after != container->members.begin() && std::prev(after)->key == key) found = &*std::prev(after);
    } else {
      char* end = nullptr;
      const long wanted = std::strtol(token.c_str(), &end, 10);
      if (!token.empty() && *end == '\0' && wanted >= 0 && static_cast<size_t>(wanted) < container->members.size()) {
        found = &container->members[static_cast<size_t>(wanted)];
      }
    }
    if (found == nullptr) return false;
    *offset = found->key_offset;
    value_at = found->value_offset;
  }
  return true;
}

bool LocateJsonPointer(std::string_view text, std::string_view pointer, size_t* offset) {
  return PointerIndex(text).Locate(pointer, offset);
}

}  // namespace routelint

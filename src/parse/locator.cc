#include "parse/locator.h"

#include "parse/json_scanner.h"

#include <algorithm>
#include <cstring>

namespace routelint {

namespace {

// The tokens of an RFC 6901 JSON pointer, one at a time, with the ~1 and ~0
// escapes undone; a token is copied (into the walker) only when it has one.
class PointerTokens {
 public:
  explicit PointerTokens(std::string_view pointer)
      : pointer_(pointer), pos_(!pointer.empty() && pointer[0] == '/' ? 1 : 0), more_(!pointer.empty()) {}

  // The next token, valid until the next call; false after the last.
  bool Next(std::string_view* token) {
    if (!more_) return false;
    const size_t slash = pointer_.find('/', pos_);
    const std::string_view raw = pointer_.substr(pos_, slash == std::string_view::npos ? slash : slash - pos_);
    more_ = slash != std::string_view::npos;
    pos_ = slash + 1;
    if (raw.find('~') == std::string_view::npos) {
      *token = raw;
      return true;
    }
    unescaped_.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        unescaped_ += raw[++i] == '0' ? '~' : '/';
      } else {
        unescaped_ += raw[i];
      }
    }
    *token = unescaped_;
    return true;
  }

 private:
  std::string_view pointer_;
  size_t pos_;
  bool more_;
  std::string unescaped_;
};

// Counts continuation bytes in [begin, end): a plain loop, which the
// compiler vectorises.
size_t CountContinuationBytes(const char* begin, const char* end) {
  size_t count = 0;
  for (const char* p = begin; p < end; ++p) count += (static_cast<unsigned char>(*p) & 0xC0) == 0x80;
  return count;
}

size_t CountNewlines(const char* begin, const char* end) {
  size_t count = 0;
  for (const char* p = begin; p < end; ++p) count += *p == '\n';
  return count;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  checkpoints_.reserve(text.size() / kBlock + 2);
  Checkpoint at{0, 0, std::string_view::npos};
  for (size_t block = 0; block <= text.size(); block += kBlock) {
    checkpoints_.push_back(at);
    const char* begin = text.data() + block;
    const char* end = text.data() + std::min(text.size(), block + kBlock);
    const size_t newlines = CountNewlines(begin, end);
    at.newlines += newlines;
    at.continuations += CountContinuationBytes(begin, end);
    if (newlines > 0) {
      at.last_newline = static_cast<size_t>(
          static_cast<const char*>(memrchr(begin, '\n', static_cast<size_t>(end - begin))) - text.data());
    }
  }
}

size_t LineIndex::ContinuationBytesBefore(size_t offset) const {
  const size_t block = offset / kBlock;  // offset <= text_.size(): always a checkpoint
  return checkpoints_[block].continuations + CountContinuationBytes(text_.data() + block * kBlock, text_.data() + offset);
}

size_t LineIndex::LineStart(size_t offset) const {
  const size_t block_start = offset / kBlock * kBlock;
  if (const void* newline = memrchr(text_.data() + block_start, '\n', offset - block_start)) {
    return static_cast<size_t>(static_cast<const char*>(newline) - text_.data()) + 1;
  }
  const size_t before = checkpoints_[offset / kBlock].last_newline;
  return before == std::string_view::npos ? 0 : before + 1;
}

void LineIndex::Position(size_t offset, int* line, int* column) const {
  offset = std::min(offset, text_.size());
  const size_t block = offset / kBlock;
  const size_t line_index =
      checkpoints_[block].newlines + CountNewlines(text_.data() + block * kBlock, text_.data() + offset);
  const size_t start = LineStart(offset);
  // A BOM is no column.
  const size_t first = (start == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") ? std::min<size_t>(3, offset) : start;
  // Count code points: UTF-8 continuation bytes do not start one. A line of
  // ordinary length is counted directly; a long one (minified JSON) through
  // the checkpoints, so that no lookup scans more than two blocks.
  const size_t continuations = offset - first <= kBlock
                                   ? CountContinuationBytes(text_.data() + first, text_.data() + offset)
                                   : ContinuationBytesBefore(offset) - ContinuationBytesBefore(first);
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
  PointerTokens walk(pointer);
  for (std::string_view token; walk.Next(&token);) tokens.emplace_back(token);
  return tokens;
}

// Pairs the brackets of the text outside strings and comments, stepping
// through it as JsonScanner::SkipValue does (so both agree on what a string
// or a comment is), where any closing bracket closes the innermost open one.
void PointerIndex::PairBrackets(size_t from) {
  std::vector<size_t> open;  // indexes into brackets_ of the brackets not yet closed
  JsonScanner scanner(text_);
  scanner.Seek(from);
  std::string_view ignored;
  bool escaped = false;
  for (scanner.SkipSpace(); !scanner.AtEnd(); scanner.SkipSpace()) {
    const size_t at = scanner.pos();
    const char c = text_[at];
    if (c == '"') {
      scanner.ReadRawString(&ignored, &escaped);
      continue;
    }
    if (c == '{' || c == '[') {
      open.push_back(brackets_.size());
      brackets_.push_back({at, std::string_view::npos, kNotScanned});
    } else if ((c == '}' || c == ']') && !open.empty()) {
      brackets_[open.back()].close = at;
      open.pop_back();
    }
    scanner.Seek(at + 1);
  }
}

PointerIndex::PointerIndex(std::string_view text) : text_(text) {
  JsonScanner scanner(text_);
  scanner.SkipSpace();
  root_ = scanner.pos();
  PairBrackets(root_);
  work_ += text_.size();
}

PointerIndex::~PointerIndex() = default;

PointerIndex::BracketPair* PointerIndex::PairAt(size_t open) {
  auto it = std::lower_bound(brackets_.begin(), brackets_.end(), open,
                             [](const BracketPair& pair, size_t at) { return pair.open < at; });
  return it == brackets_.end() || it->open != open ? nullptr : &*it;
}

size_t PointerIndex::EndOfContainer(size_t open) {
  const BracketPair* pair = PairAt(open);
  if (pair == nullptr || pair->close == std::string_view::npos) return text_.size();
  return pair->close + 1;
}

const PointerIndex::Container* PointerIndex::ContainerAt(size_t value_offset) {
  BracketPair* pair = PairAt(value_offset);
  if (pair == nullptr) return nullptr;  // a scalar, or past the text
  if (pair->container != kNotScanned) return &containers_[pair->container];
  pair->container = static_cast<uint32_t>(containers_.size());
  Container* container = &containers_.emplace_back();
  JsonScanner scanner(text_);
  scanner.Seek(value_offset);
  // Steps over the value at the scanner's position: a nested container by
  // its bracket pair, anything else by scanning it.
  auto skip_value = [&] {
    const size_t at = scanner.pos();
    if (at < text_.size() && (text_[at] == '{' || text_[at] == '[')) {
      scanner.Seek(EndOfContainer(at));
    } else {
      scanner.SkipValue();
      work_ += scanner.pos() - at;
    }
  };
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
      work_ += scanner.pos() - key_at;
      skip_value();
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
      ++work_;
      skip_value();
      if (!scanner.Consume(',')) break;
    }
  }
  ++work_;
  return container;
}

bool PointerIndex::Locate(std::string_view pointer, size_t* offset) {
  *offset = root_;
  size_t value_at = root_;
  PointerTokens walk(pointer);
  for (std::string_view token; walk.Next(&token);) {
    ++work_;
    const Container* container = ContainerAt(value_at);
    if (container == nullptr) return false;
    const Member* found = nullptr;
    if (container->is_object) {
      auto after = std::upper_bound(container->members.begin(), container->members.end(), token,
                                    [](std::string_view k, const Member& m) { return k < m.key; });
      if (after != container->members.begin() && std::prev(after)->key == token) found = &*std::prev(after);
    } else {
      // An index is decimal digits (at most 18: it cannot overflow).
      const bool digits = !token.empty() && token.size() < 19 &&
                          std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
      size_t wanted = 0;
      for (size_t i = 0; digits && i < token.size(); ++i) wanted = wanted * 10 + static_cast<size_t>(token[i] - '0');
      if (digits && wanted < container->members.size()) found = &container->members[wanted];
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

// Finds where a JSON pointer's target sits in the source text, and turns byte
// offsets into 1-based line and column numbers. Used lazily, only for the
// files that have findings, so that parsing stays at DOM speed; each file is
// indexed as it is looked into, so that locating stays linear in its size
// however many findings point into it.
#ifndef ROUTELINT_PARSE_LOCATOR_H_
#define ROUTELINT_PARSE_LOCATOR_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

/// Maps byte offsets of one text to line and column (columns count Unicode
/// code points, so they match what editors show for UTF-8 text). Built in one
/// counting pass that keeps, per block of the text, how many line breaks and
/// UTF-8 continuation bytes come before it; a lookup then scans at most a
/// block or two, so a minified file of one long line costs no more than a
/// pretty one, and the index is a few bytes per block.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// 1-based line and column of `offset` (clamped to the text).
  void Position(size_t offset, int* line, int* column) const;

 private:
  // UTF-8 continuation bytes in text_[0, offset).
  size_t ContinuationBytesBefore(size_t offset) const;
  // Where the line holding `offset` starts.
  size_t LineStart(size_t offset) const;

  static constexpr size_t kBlock = 1024;
  struct Checkpoint {
    size_t newlines;       // '\n' in text_[0, block start)
    size_t continuations;  // continuation bytes in text_[0, block start)
    size_t last_newline;   // offset of the last '\n' before the block start, or npos
  };
  std::string_view text_;
  std::vector<Checkpoint> checkpoints_;  // one per block start, up to and including the text's end
};

/// Finds JSON pointers in one text. One pass first pairs every bracket with
/// the one that closes it; then every object or array that a lookup passes
/// through is scanned once, when first reached, stepping over nested
/// containers by their pairs, and its members are kept sorted, so that later
/// lookups through it are binary searches. The total work is linear in the
/// text plus the length of each pointer: doubling the lookups into a file at
/// most doubles the work.
class PointerIndex {
 public:
  /// `text` must outlive the index.
  explicit PointerIndex(std::string_view text);
  ~PointerIndex();
  PointerIndex(const PointerIndex&) = delete;
  PointerIndex& operator=(const PointerIndex&) = delete;

  /// As LocateJsonPointer below.
  bool Locate(std::string_view pointer, size_t* offset);

  /// Units of work done so far: bytes scanned plus pointer steps taken. Tests
  /// read it to check the complexity without timing anything.
  size_t work() const { return work_; }

 private:
  struct Member {
    std::string_view key;  // objects only; decoded when the source escapes it
    size_t key_offset;     // where the member's key (or the element) starts
    size_t value_offset;   // where its value starts
  };
  struct Container {
    bool is_object = false;
    std::vector<Member> members;  // objects: sorted by key, source order among equals
  };

  // The container whose value starts at `value_offset`, scanned on first
  // use; nullptr when the value there is not an object or array.
  const Container* ContainerAt(size_t value_offset);
  // Where the container opening at `open` ends (one past its closing
  // bracket, or the text's end when it is never closed).
  size_t EndOfContainer(size_t open);

  static constexpr uint32_t kNotScanned = UINT32_MAX;
  struct BracketPair {
    size_t open;
    size_t close;                        // npos: never closed
    uint32_t container = kNotScanned;  // index into containers_ once scanned
  };
  // The pair whose bracket opens at `open`, or nullptr.
  BracketPair* PairAt(size_t open);
  // Fills brackets_ in one pass over the text from `from`.
  void PairBrackets(size_t from);
  std::string_view text_;
  size_t root_ = 0;
  size_t work_ = 0;
  std::vector<BracketPair> brackets_;  // in order of `open`
  std::deque<Container> containers_;  // a deque: lookups keep pointers into it
  std::deque<std::string> decoded_keys_;  // keys written with escapes
};

/// Appends "/" and `token` escaped as an RFC 6901 JSON pointer token ("~" as
/// "~0", "/" as "~1") to *pointer.
void AppendJsonPointerToken(std::string_view token, std::string* pointer);

/// Splits an RFC 6901 JSON pointer ("/resources/0/properties") into tokens,
/// undoing the ~1 and ~0 escapes.
std::vector<std::string> SplitJsonPointer(std::string_view pointer);

/// Scans `text` (comments and raw control characters allowed, as in the
/// loader) for the value at `pointer`. For an object member the offset of its
/// key is returned (that is where a reader looks); for an array element, the
/// offset of the element. When the path goes missing part-way, the offset of
/// the deepest ancestor found is returned and false. The root is offset of the
/// first value.
bool LocateJsonPointer(std::string_view text, std::string_view pointer, size_t* offset);

}  // namespace routelint

#endif  // ROUTELINT_PARSE_LOCATOR_H_

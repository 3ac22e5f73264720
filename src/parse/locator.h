// Finds where a JSON pointer's target sits in the source text, and turns byte
// offsets into 1-based line and column numbers. Used lazily, only for the
// files that have findings, so that parsing stays at DOM speed.
#ifndef ROUTELINT_PARSE_LOCATOR_H_
#define ROUTELINT_PARSE_LOCATOR_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

/// Maps byte offsets of one text to line and column (columns count Unicode
/// code points, so they match what editors show for UTF-8 text).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// 1-based line and column of `offset` (clamped to the text).
  void Position(size_t offset, int* line, int* column) const;

 private:
  std::string_view text_;
  std::vector<size_t> line_starts_;
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

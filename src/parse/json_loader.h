// Parse stage: turns the bytes of a JSON input file into an nlohmann DOM
// (through json_reader.h), accepting what Azure Resource Manager accepts (a
// UTF-8 BOM, // and /* */ comments, raw control characters inside strings)
// and reporting malformed input as a value with file:line:col.
//
// Positions are not recorded during the parse: keeping a position per value
// costs about a third of the parse speed. Instead, the few model objects that
// end up in a finding are located afterwards, from their JSON pointer, by
// re-scanning only the files that have findings (see locator.h).
#ifndef ROUTELINT_PARSE_JSON_LOADER_H_
#define ROUTELINT_PARSE_JSON_LOADER_H_

#include <nlohmann/json_fwd.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace routelint {

/// Limits on what one input may make the parser do.
struct ParseLimits {
  size_t max_bytes = size_t{256} << 20;  // a larger file is refused, not read
  int max_depth = 256;                   // nesting of arrays and objects
};

/// Parses `text` (the whole file) into `*document`. On malformed input returns
/// false and fills `*error` (RL901, located in `path`). Never throws.
/// With `warnings`, what parses but is suspect is added there (RL901
/// warnings): a key that appears twice in one object (the last value is
/// kept, as Azure Resource Manager keeps it).
bool ParseJsonText(std::string_view path, std::string_view text, const ParseLimits& limits,
                   nlohmann::json* document, Diagnostic* error, std::vector<Diagnostic>* warnings = nullptr);

/// Reads a whole file. On failure returns false and fills `*error` (RL902).
bool ReadFileText(const std::string& path, size_t max_bytes, std::string* text, Diagnostic* error);

/// A whole file's bytes, read-only: a regular file is read at its size in
/// one call into a buffer that is not zeroed first (for thousands of small
/// files, zeroing and growing a buffer cost more than reading them);
/// anything else is read as ReadFileText reads.
class FileText {
 public:
  /// Loads `path`; on failure returns false and fills `*error` (RL902).
  bool Load(const std::string& path, size_t max_bytes, Diagnostic* error);
  std::string_view view() const { return buffer_ ? std::string_view(buffer_.get(), size_) : std::string_view(read_); }

 private:
  std::unique_ptr<char[]> buffer_;  // a regular file's bytes
  size_t size_ = 0;                 // of buffer_
  std::string read_;                // anything else's
};

}  // namespace routelint

#endif  // ROUTELINT_PARSE_JSON_LOADER_H_

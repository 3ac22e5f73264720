// A JSON reader that builds an nlohmann DOM in one pass over the text, the
// way Azure Resource Manager reads templates: // and /* */ comments where
// whitespace may go, raw control characters inside strings, and for a key
// that appears twice in one object the last value (each repeat is listed).
// Everything else is strict RFC 8259 with well-formed UTF-8 in strings.
//
// Why not nlohmann's own parser: its lexer reads one character at a time
// through an input adapter and copies every token into a buffer; this reader
// scans strings in runs and builds each value in place, about three times
// faster on templates, and it finds duplicate keys and nesting depth without
// extra passes over the text.
#ifndef ROUTELINT_PARSE_JSON_READER_H_
#define ROUTELINT_PARSE_JSON_READER_H_

#include <nlohmann/json_fwd.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

/// Where and why the text is not JSON.
struct JsonReadError {
  size_t offset = 0;  // byte offset in the text (its length for an early end)
  std::string message;
};

/// A key that repeats one of the same object; the value read last is kept.
struct DuplicateKey {
  size_t offset = 0;  // of the repeating key's opening quote
  std::string key;
};

/// Reads `text` (no byte order mark) into `*document`. `max_depth` bounds
/// the nesting of arrays and objects (4096 at most: each level costs stack). At most `max_duplicates` repeated keys
/// are listed in `*duplicates` (which may be null). Never throws.
bool ReadJson(std::string_view text, int max_depth, nlohmann::json* document, JsonReadError* error,
              std::vector<DuplicateKey>* duplicates = nullptr, size_t max_duplicates = 10);

}  // namespace routelint

#endif  // ROUTELINT_PARSE_JSON_READER_H_

// Lines of the input files for excerpts under problems (`--show-source`, the
// HTML report's source excerpts).
#ifndef ROUTELINT_CLI_SOURCE_LINES_H_
#define ROUTELINT_CLI_SOURCE_LINES_H_

#include <map>
#include <string>
#include <vector>

namespace routelint {

/// Reads each file once, on its first line asked for, and indexes where its
/// lines start, so an excerpt costs no rescan of the file whatever the line.
class SourceLines {
 public:
  /// Line `line` (1-based) of `file` without its line break (and without a
  /// UTF-8 BOM on line 1); false when the file cannot be read or is shorter.
  bool Line(const std::string& file, int line, std::string* text);

 private:
  struct IndexedFile {
    std::string content;
    std::vector<size_t> line_starts;  // offsets in content; line_starts[0] = 0
  };
  const IndexedFile& Load(const std::string& file);

  std::map<std::string, IndexedFile> files_;
};

}  // namespace routelint

#endif  // ROUTELINT_CLI_SOURCE_LINES_H_

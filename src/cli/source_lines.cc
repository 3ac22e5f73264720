#include "cli/source_lines.h"

#include <string_view>

#include "base/diagnostic.h"
#include "parse/json_loader.h"

namespace routelint {

const SourceLines::IndexedFile& SourceLines::Load(const std::string& file) {
  auto it = files_.find(file);
  if (it != files_.end()) return it->second;
  IndexedFile indexed;
  Diagnostic ignored;
  // An unreadable file has no lines: excerpts are left out, as the problem
  // itself already says what went wrong with the file.
  if (!ReadFileText(file, size_t{64} << 20, &indexed.content, &ignored)) indexed.content.clear();
  if (indexed.content.rfind("\xEF\xBB\xBF", 0) == 0) indexed.content.erase(0, 3);
  indexed.line_starts.push_back(0);
  for (size_t at = indexed.content.find('\n'); at != std::string::npos; at = indexed.content.find('\n', at + 1)) {
    indexed.line_starts.push_back(at + 1);
  }
  return files_.emplace(file, std::move(indexed)).first->second;
}

bool SourceLines::Line(const std::string& file, int line, std::string* text) {
  const IndexedFile& indexed = Load(file);
  if (line < 1 || static_cast<size_t>(line) > indexed.line_starts.size()) return false;
  const size_t start = indexed.line_starts[static_cast<size_t>(line) - 1];
  if (start >= indexed.content.size()) return false;  // the empty "line" after a final line break
  std::string_view found = std::string_view(indexed.content).substr(start);
  found = found.substr(0, found.find('\n'));
  if (!found.empty() && found.back() == '\r') found.remove_suffix(1);
  *text = std::string(found);
  return true;
}

}  // namespace routelint

#include "report/internal.h"

#include <fmt/format.h>

#include "base/strings.h"

namespace routelint::report_internal {

SeverityCounts CountFindings(const Report& report) {
  SeverityCounts counts;
  for (const Finding& finding : report.findings) {
    if (!IsActive(finding)) {
      ++(finding.suppressions.empty() ? counts.baselined : counts.suppressed);
      continue;
    }
    switch (finding.severity) {
      case Severity::kError: ++counts.errors; break;
      case Severity::kWarning: ++counts.warnings; break;
      case Severity::kNote: ++counts.notes; break;
    }
  }
  return counts;
}

namespace {

std::string Plural(int count, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", count, count == 1 ? singular : plural);
}

}  // namespace

std::string SummaryLine(const Report& report) {
  std::string line;
  const std::string files = Plural(report.stats.files, "file", "files");
  const SeverityCounts counts = CountFindings(report);
  const int active = counts.errors + counts.warnings + counts.notes;
  if (active == 0) {
    line = fmt::format("no findings in {}", files);
  } else {
    line = fmt::format("{} ({}, {}, {}) in {}", Plural(active, "finding", "findings"),
                       Plural(counts.errors, "error", "errors"),
                       Plural(counts.warnings, "warning", "warnings"),
                       Plural(counts.notes, "note", "notes"), files);
  }
  if (counts.suppressed > 0) line += fmt::format("; {} suppressed", counts.suppressed);
  if (counts.baselined > 0) line += fmt::format("; {} in the baseline", counts.baselined);
  if (!report.diagnostics.empty()) {
    line += "; " + Plural(static_cast<int>(report.diagnostics.size()), "diagnostic", "diagnostics");
  }
  return line;
}

std::string FormatLocation(const Location& location) {
  if (location.line <= 0) return location.file;
  if (location.column <= 0) return fmt::format("{}:{}", location.file, location.line);
  return fmt::format("{}:{}:{}", location.file, location.line, location.column);
}


std::string EscapeControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // Printable ASCII (and tabs) go over in runs: nearly every message is all of it.
    size_t end = i;
    while (end < text.size() && ((text[end] >= 0x20 && text[end] < 0x7f) || text[end] == '\t')) ++end;
    if (end > i) {
      out.append(text.substr(i, end - i));
      i = end - 1;
      continue;
    }
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      // Bytes that are no UTF-8 (a binary file's, quoted in a parse error)
      // are shown as escapes, so the output stays valid UTF-8.
      if (const size_t length = Utf8SequenceLength(text, i)) {
        out.append(text.substr(i, length));
        i += length - 1;
      } else {
        out += fmt::format("\\x{:02x}", byte);
      }
      continue;
    }
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
      continue;
    }
    switch (c) {
      case '\t': out += c; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += fmt::format("\\x{:02x}", byte); break;
    }
  }
  return out;
}

namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Percent-encodes everything but unreserved characters and '/'. A ':' is
// encoded too: in a relative reference it would make the first segment
// read as a URI scheme.
void AppendEncodedPath(std::string_view path, std::string* out) {
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (IsUnreserved(byte) || c == '/') {
      *out += c;
    } else {
      *out += fmt::format("%{:02X}", byte);
    }
  }
}

bool IsDriveLetterPath(std::string_view path) {
  return path.size() >= 3 && ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
         path[1] == ':' && path[2] == '/';
}

}  // namespace

std::string ArtifactUri(std::string_view path, bool* relative) {
  std::string slashed(path);
  for (char& c : slashed) {
    if (c == '\\') c = '/';
  }
  std::string uri;
  if (slashed.starts_with("//")) {  // UNC path: //server/share/file
    *relative = false;
    uri = "file:";
    AppendEncodedPath(slashed, &uri);
    return uri;
  }
  if (IsDriveLetterPath(slashed)) {  // C:/dir/file
    *relative = false;
    uri = "file:///";
    uri += slashed.substr(0, 2);
    AppendEncodedPath(std::string_view(slashed).substr(2), &uri);
    return uri;
  }
  if (slashed.starts_with('/')) {
    *relative = false;
    uri = "file://";
    AppendEncodedPath(slashed, &uri);
    return uri;
  }
  *relative = true;
  // "./hub.json" and "hub.json" name the same file: drop "." segments and
  // repeated slashes so that the same file always gets the same URI (GitHub
  // matches alerts across runs by path).
  std::string normalized;
  size_t start = 0;
  while (start <= slashed.size()) {
    size_t end = slashed.find('/', start);
    if (end == std::string::npos) end = slashed.size();
    std::string_view segment = std::string_view(slashed).substr(start, end - start);
    if (!segment.empty() && segment != ".") {
      if (!normalized.empty()) normalized += '/';
      normalized += segment;
    }
    start = end + 1;
  }
  AppendEncodedPath(normalized, &uri);
  return uri;
}

void DumpWithItems(nlohmann::ordered_json doc, const nlohmann::ordered_json::json_pointer& where, size_t count,
                   const std::function<nlohmann::ordered_json(size_t)>& item, const TextSink& sink) {
  constexpr auto kReplace = nlohmann::ordered_json::error_handler_t::replace;
  // The document with a placeholder string at `where`, one that occurs
  // nowhere else in it (the diagnostics quote the user's files).
  std::string skeleton;
  std::string marker;
  size_t at = std::string::npos;
  for (int n = 0; at == std::string::npos; ++n) {
    const std::string placeholder = "\x01routelint:items:" + std::to_string(n) + "\x01";
    doc[where] = placeholder;
    skeleton = doc.dump(2, ' ', false, kReplace);
    marker = nlohmann::ordered_json(placeholder).dump();
    at = skeleton.find(marker);
    if (skeleton.find(marker, at + 1) != std::string::npos) at = std::string::npos;
  }
  doc = nlohmann::ordered_json();
  const std::string_view text(skeleton);
  const size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 == 0
  const size_t depth = text.find_first_not_of(' ', line_start) - line_start;
  sink(text.substr(0, at));
  if (count == 0) {
    sink("[]");
  } else {
    const std::string indent(depth + 2, ' ');
    std::string chunk = "[\n";
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) chunk += ",\n";
      chunk += indent;
      const std::string item_text = item(i).dump(2, ' ', false, kReplace);
      // Every line of the item one level deeper; strings hold no raw newline.
      size_t from = 0;
      for (size_t nl = item_text.find('\n'); nl != std::string::npos; nl = item_text.find('\n', from)) {
        chunk.append(item_text, from, nl + 1 - from);
        chunk += indent;
        from = nl + 1;
      }
      chunk.append(item_text, from, std::string::npos);
      constexpr size_t kChunk = 64 * 1024;
      if (chunk.size() >= kChunk) {
        sink(chunk);
        chunk.clear();
      }
    }
    chunk += '\n';
    chunk.append(depth, ' ');
    chunk += ']';
    sink(chunk);
  }
  sink(text.substr(at + marker.size()));
}

}  // namespace routelint::report_internal

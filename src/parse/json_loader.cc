#include "parse/json_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parse/locator.h"

namespace routelint {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// What the pre-scan learned about the text before nlohmann sees it.
struct PreScan {
  // Offsets (in the original text) of raw control characters inside strings.
  // nlohmann rejects them; ARM accepts them, and real files contain them.
  std::vector<size_t> raw_controls;
  // Where nesting first went past the limit, or npos.
  size_t too_deep_at = std::string_view::npos;
  // A '/' outside strings: a comment (or a stray slash). Without one the
  // parser runs without comment support, which is a fifth faster.
  bool slash = false;
  // Strings followed by ':': object keys. When the document has fewer
  // members, some key appears twice in an object.
  size_t keys = 0;
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// One linear pass that tracks strings and comments. It is not a validator:
// nlohmann reports syntax errors; this only finds what must be rewritten.
PreScan ScanText(std::string_view text, int max_depth) {
  PreScan scan;
  int depth = 0;
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < n && text[i] != '"'; ++i) {
        if (text[i] == '\\') {
          ++i;  // the escaped character, whatever it is
        } else if (static_cast<unsigned char>(text[i]) < 0x20) {
          scan.raw_controls.push_back(i);
        }
      }
      size_t next = i + 1;
      while (next < n && IsBlank(text[next])) ++next;
      if (next < n && text[next] == ':') ++scan.keys;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      scan.slash = true;
      while (i < n && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      scan.slash = true;
      i += 2;
      while (i + 1 < n && !(text[i] == '*' && text[i + 1] == '/')) ++i;
      ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth && scan.too_deep_at == std::string_view::npos) {
        scan.too_deep_at = i;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '/') {
      scan.slash = true;
    }
  }
  return scan;
}

// Rewrites each raw control character inside a string as a \u00XX escape.
std::string EscapeRawControls(std::string_view text, const std::vector<size_t>& at) {
  std::string out;
  out.reserve(text.size() + at.size() * 5);
  size_t from = 0;
  for (size_t offset : at) {
    out.append(text.substr(from, offset - from));
    out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[offset]));
    from = offset + 1;
  }
  out.append(text.substr(from));
  return out;
}

// Maps an offset in the escaped text back to the original text: each escape
// before it added five bytes.
size_t OriginalOffset(size_t escaped_offset, const std::vector<size_t>& raw_controls) {
  size_t added = 0;
  for (size_t original : raw_controls) {
    if (original + added >= escaped_offset) break;
    const size_t escape_end = original + added + 6;
    if (escaped_offset < escape_end) return original;
    added += 5;
  }
  return escaped_offset - added;
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at
// line 1, column 5: syntax error while parsing value - ..."; keep the part a
// user needs, since routelint prints its own position.
std::string CleanParseMessage(const std::string& what) {
  std::string_view message = what;
  if (size_t bracket = message.find("] "); bracket != std::string_view::npos) {
    message.remove_prefix(bracket + 2);
  }
  if (message.rfind("parse error", 0) == 0) {
    if (size_t colon = message.find(": "); colon != std::string_view::npos) {
      message.remove_prefix(colon + 2);
    }
  }
  return std::string(message);
}

Diagnostic ErrorAt(std::string_view path, std::string_view text, size_t offset, std::string message) {
  Diagnostic error;
  error.id = "RL901";
  error.severity = Severity::kError;
  error.location.file = std::string(path);
  LineIndex(text).Position(offset, &error.location.line, &error.location.column);
  error.message = std::move(message);
  return error;
}

// The members of every object in `document`.
size_t CountMembers(const nlohmann::json& document) {
  size_t members = 0;
  std::vector<const nlohmann::json*> pending{&document};
  while (!pending.empty()) {
    const nlohmann::json* value = pending.back();
    pending.pop_back();
    if (value->is_object()) members += value->size();
    if (value->is_object() || value->is_array()) {
      for (const nlohmann::json& item : *value) {
        if (item.is_object() || item.is_array()) pending.push_back(&item);
      }
    }
  }
  return members;
}

// Offsets of the keys that repeat a key of the same object (compared as
// written), with the key; at most `max` of them. Run only when the counts
// say there is one, so its cost does not matter.
std::vector<std::pair<size_t, std::string>> DuplicateKeys(std::string_view text, size_t max) {
  std::vector<std::pair<size_t, std::string>> found;
  std::vector<std::unordered_set<std::string_view>> objects;
  std::vector<bool> is_object;
  const size_t n = text.size();
  for (size_t i = 0; i < n && found.size() < max; ++i) {
    const char c = text[i];
    if (c == '"') {
      const size_t start = i;
      for (++i; i < n && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      size_t next = i + 1;
      while (next < n && IsBlank(text[next])) ++next;
      if (next < n && text[next] == ':' && !is_object.empty() && is_object.back()) {
        const std::string_view key = text.substr(start + 1, std::min(i, n) - start - 1);
        if (!objects.back().insert(key).second) found.emplace_back(start, std::string(key));
      }
    } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      i += 2;
      while (i + 1 < n && !(text[i] == '*' && text[i + 1] == '/')) ++i;
      ++i;
    } else if (c == '{' || c == '[') {
      is_object.push_back(c == '{');
      if (c == '{') objects.emplace_back();
    } else if ((c == '}' || c == ']') && !is_object.empty()) {
      if (is_object.back()) objects.pop_back();
      is_object.pop_back();
    }
  }
  return found;
}

}  // namespace

bool ParseJsonText(std::string_view path, std::string_view text, const ParseLimits& limits,
                   nlohmann::json* document, Diagnostic* error, std::vector<Diagnostic>* warnings) {
  const size_t bom = text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  std::string_view body = text.substr(bom);
  const PreScan scan = ScanText(body, limits.max_depth);
  if (scan.too_deep_at != std::string_view::npos) {
    *error = ErrorAt(path, text, bom + scan.too_deep_at,
                     fmt::format("JSON nests deeper than {} levels", limits.max_depth));
    return false;
  }
  std::string escaped;
  if (!scan.raw_controls.empty()) {
    escaped = EscapeRawControls(body, scan.raw_controls);
    body = escaped;
  }
  try {
    *document = nlohmann::json::parse(body.begin(), body.end(), /*cb=*/nullptr,
                                      /*allow_exceptions=*/true, /*ignore_comments=*/scan.slash);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the characters read; the offending one is the last.
    const size_t escaped_offset = e.byte > 0 ? e.byte - 1 : 0;
    *error = ErrorAt(path, text, bom + OriginalOffset(escaped_offset, scan.raw_controls),
                     CleanParseMessage(e.what()));
    return false;
  } catch (const nlohmann::json::exception& e) {
    *error = ErrorAt(path, text, bom, CleanParseMessage(e.what()));
    return false;
  }
  if (warnings != nullptr && scan.keys > 0 && CountMembers(*document) < scan.keys) {
    constexpr size_t kMaxReported = 10;
    for (const auto& [offset, key] : DuplicateKeys(body, kMaxReported)) {
      Diagnostic warning = ErrorAt(path, text, bom + OriginalOffset(offset, scan.raw_controls),
                                   fmt::format("duplicate key \"{}\" in one object: the last value is used, as Azure "
                                               "Resource Manager uses it; remove the others",
                                               key));
      warning.severity = Severity::kWarning;
      warnings->push_back(std::move(warning));
    }
  }
  return true;
}

bool ReadFileText(const std::string& path, size_t max_bytes, std::string* text, Diagnostic* error) {
  auto fail = [&](std::string message) {
    error->id = "RL902";
    error->severity = Severity::kError;
    error->location = Location{path, 0, 0};
    error->message = std::move(message);
    return false;
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return fail(fmt::format("cannot read file: {}", std::generic_category().message(errno)));
  }
  text->clear();
  // Read straight into the string, sized from where the file ends when it is
  // seekable (one allocation, no copy through a buffer); a pipe or a file
  // that grows is read on in steps, up to the limit.
  size_t expected = 0;
  if (std::fseek(file, 0, SEEK_END) == 0) {
    const long end = std::ftell(file);
    if (end > 0) expected = static_cast<size_t>(end);
    std::rewind(file);
  }
  if (expected > max_bytes) {
    std::fclose(file);
    return fail(fmt::format("file is larger than the {} MiB limit", max_bytes >> 20));
  }
  size_t size = 0;
  for (size_t chunk = std::max<size_t>(expected + 1, 1 << 16);; chunk = 1 << 16) {
    text->resize(size + chunk);
    const size_t got = std::fread(text->data() + size, 1, chunk, file);
    size += got;
    if (size > max_bytes) {
      std::fclose(file);
      text->clear();
      return fail(fmt::format("file is larger than the {} MiB limit", max_bytes >> 20));
    }
    if (got < chunk) break;
  }
  text->resize(size);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return fail("read error");
  return true;
}

}  // namespace routelint

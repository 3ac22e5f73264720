// The JSON loader with positions: ParseJsonText on any bytes, then the
// locator on pointers of the parsed document (and on the raw text).
//
// Checks: the reader agrees with nlohmann's parser; a parse error has a line and column; every pointer of the parsed
// document is located at a key (object members) or at the first character of
// a value (array elements); offsets stay inside the text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "parse/json_loader.h"
#include "parse/locator.h"

namespace {

using routelint::Diagnostic;

std::string Escape(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

struct Target {
  std::string pointer;
  bool member = false;  // the last token names an object member
};

// Up to `max` pointers of values in `doc`, breadth first.
std::vector<Target> CollectPointers(const nlohmann::json& doc, size_t max) {
  std::vector<std::pair<const nlohmann::json*, Target>> queue{{&doc, Target{}}};
  std::vector<Target> out;
  for (size_t i = 0; i < queue.size() && out.size() < max; ++i) {
    const nlohmann::json* value = queue[i].first;
    const Target target = queue[i].second;
    out.push_back(target);
    if (value->is_object()) {
      for (auto it = value->begin(); it != value->end() && queue.size() < 4 * max; ++it) {
        queue.push_back({&it.value(), Target{target.pointer + "/" + Escape(it.key()), true}});
      }
    } else if (value->is_array()) {
      for (size_t k = 0; k < value->size() && queue.size() < 4 * max; ++k) {
        queue.push_back({&(*value)[k], Target{target.pointer + "/" + std::to_string(k), false}});
      }
    }
  }
  return out;
}

bool StartsValue(char c) {
  return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
}

// True when `text` has a raw control character inside a string (routelint
// accepts it, as ARM does; nlohmann does not) or a NUL byte anywhere
// (nlohmann stops reading there).
bool OutsideNlohmannsJson(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return true;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (in_string && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      in_string = !in_string;
    } else if (in_string && static_cast<unsigned char>(text[i]) < 0x20) {
      return true;
    }
  }
  return false;
}

// Line and column of `offset` counted the slow, obvious way (a BOM is no
// column; columns count code points), to check LineIndex against.
void NaivePosition(std::string_view text, size_t offset, int* line, int* column) {
  offset = std::min(offset, text.size());
  size_t start = 0;
  *line = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++*line;
      start = i + 1;
    }
  }
  if (start == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") start = std::min<size_t>(3, offset);
  *column = 1;
  for (size_t i = start; i < offset; ++i) *column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const routelint::LineIndex lines(text);
  nlohmann::json document;
  Diagnostic error;
  const bool parsed = routelint::ParseJsonText("fuzz.json", text, routelint::ParseLimits{}, &document, &error);
  // Differential: routelint's reader agrees with nlohmann's parser (which
  // skips a leading BOM too) on the verdict and the value, except where it
  // differs by design.
  if (!OutsideNlohmannsJson(text) && (parsed || error.message.find("nests deeper") == std::string::npos)) {
    const nlohmann::json expected = nlohmann::json::parse(text.begin(), text.end(), nullptr, false, true);
    FUZZ_CHECK(parsed == !expected.is_discarded());
    if (parsed) FUZZ_CHECK(document == expected);
  }
  if (parsed) {
    // The locator compares keys written with \u escapes by their escaped
    // text (documented: good enough to find a position); elsewhere every
    // pointer of the document must be found.
    const bool exact = text.find("\\u") == std::string_view::npos;
    // One index shared by every lookup (as the lint pipeline uses it) must
    // answer as a fresh scan does.
    routelint::PointerIndex shared(text);
    for (const Target& target : CollectPointers(document, 32)) {
      size_t offset = 0, again = 0;
      const bool found = routelint::LocateJsonPointer(text, target.pointer, &offset);
      FUZZ_CHECK(shared.Locate(target.pointer, &again) == found);
      FUZZ_CHECK(again == offset);
      FUZZ_CHECK(offset <= text.size());
      if (exact) FUZZ_CHECK(found);
      if (found && !target.pointer.empty()) {
        FUZZ_CHECK(offset < text.size());
        if (target.member) {
          FUZZ_CHECK(text[offset] == '"');
        } else {
          FUZZ_CHECK(StartsValue(text[offset]));
        }
      }
      int line = 0, column = 0, naive_line = 0, naive_column = 0;
      lines.Position(offset, &line, &column);
      NaivePosition(text, offset, &naive_line, &naive_column);
      FUZZ_CHECK(line == naive_line && column == naive_column);
    }
  } else {
    FUZZ_CHECK(!error.id.empty());
    FUZZ_CHECK(error.location.file == "fuzz.json");
    FUZZ_CHECK(error.location.line >= 1 && error.location.column >= 1);
    FUZZ_CHECK(!error.message.empty());
  }
  // The locator on text that may not parse: pointers made of the input's
  // first bytes.
  std::string pointer;
  for (size_t i = 0; i < size && i < 24; ++i) {
    const char c = static_cast<char>(data[i]);
    pointer += (c == '/' || c == '0' || c == '1' || c == 'a') ? c : '/';
  }
  size_t offset = 0;
  routelint::LocateJsonPointer(text, pointer, &offset);
  FUZZ_CHECK(offset <= text.size());
  routelint::LocateJsonPointer(text, "/resources/0/properties/subnets/1", &offset);
  FUZZ_CHECK(offset <= text.size());
  int line = 0, column = 0, naive_line = 0, naive_column = 0;
  lines.Position(offset, &line, &column);
  NaivePosition(text, offset, &naive_line, &naive_column);
  FUZZ_CHECK(line == naive_line && column == naive_column);
  lines.Position(size + 10, &line, &column);
  NaivePosition(text, size + 10, &naive_line, &naive_column);
  FUZZ_CHECK(line == naive_line && column == naive_column);
  return 0;
}

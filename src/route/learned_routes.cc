#include "route/learned_routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "parse/json_loader.h"
#include "parse/json_scanner.h"
#include "parse/locator.h"
#include "route/learned_routes_text.h"

namespace routelint {
namespace {

using namespace learned_routes_text;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kExpected =
    "expected the portal's CSV download (a header with a Network column: Network, Next hop, LocPrf, "
    "Weight, Path), the JSON of `az network express-route list-route-tables`, or what "
    "Get-AzExpressRouteCircuitRouteTable prints (as a list, as a table, or through ConvertTo-Json)";

// ---------------------------------------------------------------------------
// CSV

struct CsvField {
  std::string value;
  size_t offset = 0;  // where the field starts in its line (its quote, if quoted)
};

// Splits one line into fields (RFC 4180 quoting within the line). Unquoted
// values are trimmed. Returns false, with the offset of the opening quote,
// when a quoted field is not closed on this line.
bool SplitCsvLine(std::string_view line, char delimiter, std::vector<CsvField>* fields, size_t* bad_quote) {
  fields->clear();
  auto is_pad = [delimiter](char c) { return (c == ' ' || c == '\t') && c != delimiter; };
  size_t pos = 0;
  while (true) {
    while (pos < line.size() && is_pad(line[pos])) ++pos;
    CsvField field;
    field.offset = pos;
    if (pos < line.size() && line[pos] == '"') {
      size_t i = pos + 1;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.value.push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field.value.push_back(line[i++]);
      }
      if (!closed) {
        *bad_quote = pos;
        return false;
      }
      // Anything between the closing quote and the delimiter is kept, as
      // spreadsheets do ("a"b -> ab).
      const size_t end = std::min(line.find(delimiter, i), line.size());
      field.value.append(TrimAsciiSpace(line.substr(i, end - i)));
      pos = end;
    } else {
      const size_t end = std::min(line.find(delimiter, pos), line.size());
      field.value = std::string(TrimAsciiSpace(line.substr(pos, end - pos)));
      pos = end;
    }
    fields->push_back(std::move(field));
    if (pos >= line.size()) return true;
    ++pos;  // the delimiter; a trailing one leaves an empty last field
  }
}

struct CsvHeader {
  char delimiter = ',';
  int network = -1;
  int next_hop = -1;
  int path = -1;
};

// Finds the columns in a header line; tries ',' then ';' then tab.
bool ReadCsvHeader(std::string_view line, CsvHeader* header) {
  std::vector<CsvField> fields;
  for (char delimiter : {',', ';', '\t'}) {
    size_t bad_quote = 0;
    if (!SplitCsvLine(line, delimiter, &fields, &bad_quote)) continue;
    CsvHeader h;
    h.delimiter = delimiter;
    for (size_t i = 0; i < fields.size(); ++i) {
      int* slot = nullptr;
      switch (ColumnOf(fields[i].value)) {
        case Column::kNetwork: slot = &h.network; break;
        case Column::kNextHop: slot = &h.next_hop; break;
        case Column::kPath: slot = &h.path; break;
        case Column::kOther: break;
      }
      if (slot != nullptr && *slot < 0) *slot = static_cast<int>(i);  // the first of duplicates wins
    }
    if (h.network >= 0) {
      *header = h;
      return true;
    }
  }
  return false;
}
void ReadCsv(std::string_view body, const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink) {
  LineCursor lines(body);
  std::string_view line;
  while (lines.Next(&line) && TrimAsciiSpace(line).empty()) {
  }
  const int header_line = lines.number();
  CsvHeader header;
  if (line.size() > limits.max_line_bytes) {
    sink->Fail(header_line, 1,
               fmt::format("not a learned route table: the first line is longer than {} bytes; {}",
                           limits.max_line_bytes, kExpected));
    return;
  }
  if (!ReadCsvHeader(line, &header)) {
    // A text table that is not PowerShell's (`az ... -o table` draws its
    // rules as wide as the columns) names the columns but is not CSV: say so,
    // since that is the likely mistake.
    const std::string_view hint = ContainsIgnoreCase(line, "network")
                                      ? " and looks like a text table (`-o table`), which cannot be read: "
                                        "export with `-o json`"
                                      : "";
    sink->Fail(header_line, 1,
               fmt::format("not a learned route table: the first line '{}' has no Network column{}; {}",
                           Excerpt(line), hint, kExpected));
    return;
  }

  std::vector<CsvField> fields;
  size_t rows = 0;
  while (lines.Next(&line)) {
    if (TrimAsciiSpace(line).empty()) continue;
    const int number = lines.number();
    if (++rows > limits.max_rows) {
      sink->Fail(number, 1,
                 fmt::format("more than {} rows; the rest of the file is ignored", limits.max_rows));
      return;
    }
    if (line.size() > limits.max_line_bytes) {
      sink->Warn(number, 1,
                 fmt::format("the line is {} bytes long, over the {} byte limit; the row is skipped", line.size(),
                             limits.max_line_bytes));
      continue;
    }
    size_t bad_quote = 0;
    if (!SplitCsvLine(line, header.delimiter, &fields, &bad_quote)) {
      sink->Warn(number, ColumnAt(line, bad_quote), "a quoted field is not closed on its line; the row is skipped");
      continue;
    }
    if (static_cast<size_t>(header.network) >= fields.size()) {
      sink->Warn(number, ColumnAt(line, line.size()),
                 fmt::format("the row has {} fields and no Network value (column {} of the header); the row "
                             "is skipped",
                             fields.size(), header.network + 1));
      continue;
    }
    auto field = [&fields](int index) -> std::string_view {
      return index >= 0 && static_cast<size_t>(index) < fields.size() ? std::string_view(fields[index].value)
                                                                       : std::string_view();
    };
    const CsvField& network = fields[header.network];
    AddRoute(network.value, field(header.next_hop), field(header.path), number,
             ColumnAt(line, network.offset), out, sink);
  }
}

// ---------------------------------------------------------------------------
// JSON

struct RowSpot {
  size_t start = 0;
  std::vector<std::pair<std::string, size_t>> network_keys;  // key as written, offset of the key
};

// The position of the row at the scanner and of its network keys; leaves the
// scanner after the row.
RowSpot LocateRow(JsonScanner* scan, std::string* key) {
  RowSpot spot;
  spot.start = scan->pos();
  if (scan->Consume('{')) {
    while (true) {
      scan->SkipSpace();
      const size_t key_at = scan->pos();
      if (!scan->ReadString(key) || !scan->Consume(':')) break;
      if (ColumnOf(*key) == Column::kNetwork) spot.network_keys.emplace_back(*key, key_at);
      scan->SkipValue();
      if (!scan->Consume(',')) break;
    }
    scan->Consume('}');
  } else {
    scan->SkipValue();
  }
  return spot;
}

// One pass over the text: the positions of the first `max` elements of the
// rows array (the root array, or the root object's member `member`).
std::vector<RowSpot> LocateRows(std::string_view text, const std::string* member, size_t max) {
  std::vector<RowSpot> spots;
  JsonScanner scan(text);
  std::string key;
  if (member != nullptr) {
    if (!scan.Consume('{')) return spots;
    while (true) {
      if (!scan.ReadString(&key) || !scan.Consume(':')) return spots;
      if (key == *member) break;
      scan.SkipValue();
      if (!scan.Consume(',')) return spots;
    }
  }
  if (!scan.Consume('[')) return spots;
  while (spots.size() < max) {
    scan.SkipSpace();
    if (scan.AtEnd() || scan.Consume(']')) break;
    spots.push_back(LocateRow(&scan, &key));
    if (!scan.Consume(',')) break;
  }
  return spots;
}

// The members of one row object that the reader uses: for each column, the
// first key (in the DOM's order) that names it.
struct RowMembers {
  const nlohmann::json* network = nullptr;
  const nlohmann::json* next_hop = nullptr;
  const nlohmann::json* path = nullptr;
  const std::string* network_key = nullptr;
};

RowMembers MembersOf(const nlohmann::json& row) {
  RowMembers members;
  if (!row.is_object()) return members;
  for (auto it = row.begin(); it != row.end(); ++it) {
    switch (ColumnOf(it.key())) {
      case Column::kNetwork:
        if (members.network == nullptr) {
          members.network = &it.value();
          members.network_key = &it.key();
        }
        break;
      case Column::kNextHop:
        if (members.next_hop == nullptr) members.next_hop = &it.value();
        break;
      case Column::kPath:
        if (members.path == nullptr) members.path = &it.value();
        break;
      case Column::kOther:
        break;
    }
  }
  return members;
}

std::string_view StringOrEmpty(const nlohmann::json* value) {
  return value != nullptr && value->is_string() ? std::string_view(value->get_ref<const std::string&>())
                                                : std::string_view();
}

void ReadJson(const std::string& path, std::string_view text, const LearnedRoutesLimits& limits,
              LearnedRoutes* out, Sink* sink) {
  nlohmann::json document;
  Diagnostic parse_error;
  ParseLimits parse_limits;
  parse_limits.max_bytes = limits.max_file_bytes;
  if (!ParseJsonText(path, text, parse_limits, &document, &parse_error)) {
    sink->FailWith(std::move(parse_error));
    return;
  }
  const LineIndex lines(text);
  auto position = [&lines](size_t offset, int* line, int* column) { lines.Position(offset, line, column); };

  // The rows: a bare array, or the "value" member of the wrapper object, or
  // one route object alone (ConvertTo-Json prints a single route so, not as
  // an array of one).
  const nlohmann::json* rows = nullptr;
  std::string member;
  nlohmann::json single_row;
  if (document.is_array()) {
    rows = &document;
  } else if (document.is_object()) {
    auto exact = document.find("value");
    if (exact != document.end()) {
      member = "value";
      rows = &exact.value();
    } else {
      for (auto it = document.begin(); it != document.end(); ++it) {
        std::string lower;
        for (char c : it.key()) lower.push_back(LowerAscii(c));
        if (lower == "value") {
          member = it.key();
          rows = &it.value();
          break;
        }
      }
    }
    if (rows == nullptr && MembersOf(document).network != nullptr) {
      single_row = nlohmann::json::array();
      single_row.push_back(document);
      rows = &single_row;
    }
  }
  if (rows == nullptr || !rows->is_array()) {
    int line = 0;
    int column = 0;
    JsonScanner start(text);
    start.SkipSpace();
    position(start.pos(), &line, &column);
    sink->Fail(line, column,
               fmt::format("not a learned route table: {}; {}",
                           rows == nullptr
                               ? "the JSON is neither an array of routes nor an object with a \"value\" array"
                               : "the JSON's \"value\" is not an array",
                           kExpected));
    return;
  }

  const size_t count = std::min(rows->size(), limits.max_rows);
  std::vector<RowSpot> spots;
  if (rows == &single_row) {
    JsonScanner scan(text);
    scan.SkipSpace();
    std::string key;
    spots.push_back(LocateRow(&scan, &key));
  } else {
    spots = LocateRows(text, member.empty() ? nullptr : &member, std::min(rows->size(), limits.max_rows + 1));
  }

  // No row with a network at all is some other listing (the summary, say):
  // one error, rather than a warning per row.
  bool any_network = false;
  for (size_t i = 0; i < count && !any_network; ++i) any_network = MembersOf((*rows)[i]).network != nullptr;
  if (count > 0 && !any_network) {
    int line = 0;
    int column = 0;
    if (!spots.empty()) position(spots[0].start, &line, &column);
    sink->Fail(line, column,
               fmt::format("not a learned route table: no row has a \"network\" member (the route table summary "
                           "has neighbor/statePfxRcd instead); {}",
                           kExpected));
    return;
  }

  for (size_t i = 0; i < count; ++i) {
    const nlohmann::json& row = (*rows)[i];
    int line = 0;
    int column = 0;
    const RowSpot* spot = i < spots.size() ? &spots[i] : nullptr;
    if (spot != nullptr) position(spot->start, &line, &column);
    if (!row.is_object()) {
      sink->Warn(line, column, fmt::format("row {} is a JSON {}, not an object; the row is skipped", i + 1,
                                           row.type_name()));
      continue;
    }
    const RowMembers members = MembersOf(row);
    if (spot != nullptr && members.network != nullptr) {
      for (const auto& [written, offset] : spot->network_keys) {
        if (written == *members.network_key) {
          position(offset, &line, &column);
          break;
        }
      }
    }
    if (members.network == nullptr) {
      sink->Warn(line, column, fmt::format("row {} has no \"network\" member; the row is skipped", i + 1));
      continue;
    }
    if (!members.network->is_string()) {
      sink->Warn(line, column,
                 fmt::format("row {}: \"{}\" is {}, not a string; the row is skipped", i + 1, *members.network_key,
                             members.network->is_null() ? "null" : members.network->type_name()));
      continue;
    }
    AddRoute(members.network->get_ref<const std::string&>(), StringOrEmpty(members.next_hop),
             StringOrEmpty(members.path), line, column, out, sink);
  }
  if (rows->size() > limits.max_rows) {
    int line = 0;
    int column = 0;
    if (spots.size() > limits.max_rows) position(spots[limits.max_rows].start, &line, &column);
    sink->Fail(line, column, fmt::format("more than {} rows; the rest of the file is ignored", limits.max_rows));
  }
}

// ---------------------------------------------------------------------------
// Telling the formats apart

enum class TextFormat { kCsv, kPowerShellTable, kPowerShellList };

// Decides from the first line that names the columns: a Format-Table header
// (Network and NextHop, underlined with dashes on the next line), a
// Format-List "Network : ..." line, or a CSV header. Lines before it that are
// none of these (a prompt, "DevicePath: Primary", a transcript's header) are
// passed over, a few at most. CSV is the default, so that text in no format
// gets the CSV reader's error, as it always did.
TextFormat DetectTextFormat(std::string_view body, const LearnedRoutesLimits& limits) {
  constexpr int kMaxLinesBeforeColumns = 50;
  LineCursor lines(body);
  std::string_view line;
  CsvHeader csv;
  for (int seen = 0; seen < kMaxLinesBeforeColumns && lines.Next(&line);) {
    if (TrimAsciiSpace(line).empty()) continue;
    if (line.size() > limits.max_line_bytes) break;
    ++seen;
    LineCursor ahead = lines;
    std::string_view rule;
    if (ahead.Next(&rule) && rule.size() <= limits.max_line_bytes && IsPowerShellTableHeader(line, rule)) {
      return TextFormat::kPowerShellTable;
    }
    if (IsPowerShellListNetworkLine(line)) return TextFormat::kPowerShellList;
    if (ReadCsvHeader(line, &csv)) break;
  }
  return TextFormat::kCsv;
}

// Windows PowerShell 5.1's `>` and Out-File write UTF-16LE with a BOM, and so
// does Excel's "Unicode Text": decoded rather than refused. Line ends map one
// to one, so lines and columns (in code points) stay those of the file.
// Unpaired surrogates become U+FFFD; an odd last byte is dropped (*odd).
std::string DecodeUtf16(std::string_view bytes, bool big_endian, bool* odd) {
  auto unit = [&](size_t i) -> uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (uint32_t{a} << 8 | b) : (uint32_t{b} << 8 | a);
  };
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  const size_t even = bytes.size() & ~size_t{1};
  for (size_t i = 0; i < even;) {
    uint32_t c = unit(i);
    i += 2;
    if (c >= 0xD800 && c <= 0xDBFF && i < even && unit(i) >= 0xDC00 && unit(i) <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (unit(i) - 0xDC00);
      i += 2;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    AppendUtf8(c, &out);
  }
  *odd = bytes.size() != even;
  return out;
}

// True when the first significant character (after a BOM, blanks and
// comments) opens a JSON array or object.
bool LooksLikeJson(std::string_view text) {
  JsonScanner scan(text);
  scan.SkipSpace();
  return scan.Consume('{') || scan.Consume('[');
}

// Reads UTF-8 text in whichever format it is.
void ReadText(const std::string& path, std::string_view text, const LearnedRoutesLimits& limits, LearnedRoutes* out,
              Sink* sink) {
  const std::string_view body = text.starts_with(kUtf8Bom) ? text.substr(kUtf8Bom.size()) : text;
  if (TrimAsciiSpace(body).empty()) {
    sink->Fail(0, 0, fmt::format("the file is empty; {}", kExpected));
    return;
  }
  if (LooksLikeJson(text)) {
    ReadJson(path, text, limits, out, sink);
    return;
  }
  switch (DetectTextFormat(body, limits)) {
    case TextFormat::kPowerShellTable: ReadPowerShellTable(body, limits, out, sink); return;
    case TextFormat::kPowerShellList: ReadPowerShellList(body, limits, out, sink); return;
    case TextFormat::kCsv: ReadCsv(body, limits, out, sink); return;
  }
}

}  // namespace

bool ParseLearnedRoutes(const std::string& path, std::string_view text, const LearnedRoutesLimits& limits,
                        LearnedRoutes* out, std::vector<Diagnostic>* diagnostics) {
  out->file = path;
  out->routes.clear();
  Sink sink(path, diagnostics);
  try {
    if (text.size() > limits.max_file_bytes) {
      sink.Fail(0, 0, fmt::format("file is larger than the {} byte limit", limits.max_file_bytes));
      return false;
    }
    std::string decoded;
    const bool little_endian = text.starts_with("\xFF\xFE");
    if (little_endian || text.starts_with("\xFE\xFF")) {
      bool odd = false;
      decoded = DecodeUtf16(text.substr(2), /*big_endian=*/!little_endian, &odd);
      if (odd) sink.Warn(0, 0, "the UTF-16 text ends in half a character; its last byte is ignored");
      text = decoded;
    }
    ReadText(path, text, limits, out, &sink);
  } catch (const std::exception& e) {
    // Only allocation can throw here; report it rather than let it escape.
    sink.Fail(0, 0, fmt::format("cannot read the route table: {}", e.what()));
  }
  return !sink.failed();
}

bool ParseLearnedRoutes(const std::string& path, std::string_view text, LearnedRoutes* out,
                        std::vector<Diagnostic>* diagnostics) {
  return ParseLearnedRoutes(path, text, LearnedRoutesLimits{}, out, diagnostics);
}

bool ReadLearnedRoutes(const std::string& path, const LearnedRoutesLimits& limits, LearnedRoutes* out,
                       std::vector<Diagnostic>* diagnostics) {
  std::string text;
  Diagnostic error;
  bool read = false;
  try {
    read = ReadFileText(path, limits.max_file_bytes, &text, &error);
  } catch (const std::exception& e) {
    error = Diagnostic{kId, Severity::kError, Location{path, 0, 0}, fmt::format("cannot read file: {}", e.what())};
  }
  if (!read) {
    out->file = path;
    out->routes.clear();
    if (diagnostics != nullptr) diagnostics->push_back(std::move(error));
    return false;
  }
  return ParseLearnedRoutes(path, text, limits, out, diagnostics);
}

bool ReadLearnedRoutes(const std::string& path, LearnedRoutes* out, std::vector<Diagnostic>* diagnostics) {
  return ReadLearnedRoutes(path, LearnedRoutesLimits{}, out, diagnostics);
}

}  // namespace routelint


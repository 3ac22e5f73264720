#include "route/learned_routes.h"

#include "parse/json_scanner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parse/json_loader.h"
#include "parse/locator.h"

namespace routelint {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr char kId[] = "RL902";
constexpr std::string_view kExpected =
    "expected the portal's CSV download (a header with a Network column: Network, Next hop, LocPrf, "
    "Weight, Path), the JSON of `az network express-route list-route-tables`, or what "
    "Get-AzExpressRouteCircuitRouteTable prints (as a list, as a table, or through ConvertTo-Json)";

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

enum class Column { kNetwork, kNextHop, kPath, kOther };

// Maps a CSV header name or a JSON key to the column it holds. Case, blanks,
// '_', '-' and '.' do not count: "Next hop", "NextHop" and "next_hop" are one.
// Called for every member of every row, so it does not allocate.
Column ColumnOf(std::string_view name) {
  char key[8];  // one more than the longest name, so longer ones never match
  size_t size = 0;
  for (char c : name) {
    if (IsBlank(c) || c == '_' || c == '-' || c == '.') continue;
    if (size == sizeof key) return Column::kOther;
    key[size++] = LowerAscii(c);
  }
  const std::string_view normal(key, size);
  if (normal == "network") return Column::kNetwork;
  if (normal == "nexthop") return Column::kNextHop;
  if (normal == "path" || normal == "aspath") return Column::kPath;
  return Column::kOther;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return LowerAscii(a) == LowerAscii(b); });
  return it != haystack.end();
}

// Shortens a line for quoting in a message; control characters (a binary
// file, terminal escapes) become '?'.
std::string Excerpt(std::string_view line) {
  constexpr size_t kMax = 60;
  line = Trim(line);
  std::string_view shown = line;
  if (line.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // whole code points
    shown = line.substr(0, cut);
  }
  std::string out;
  for (char c : shown) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == '\x7f' ? '?' : c);
  if (shown.size() < line.size()) out += "...";
  return out;
}

// 1-based column of byte `offset` in `line`, counting code points as editors do.
int ColumnAt(std::string_view line, size_t offset) {
  int column = 1;
  for (size_t i = 0; i < offset && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// Reads one network value: "10.1.0.0/16", or a bare address for a host route.
// On failure returns nullopt and a sentence quoting the value.
std::optional<Prefix> ParseNetwork(std::string_view text, bool* had_host_bits, std::string* error) {
  *had_host_bits = false;
  if (text.empty()) {
    *error = "the network is empty";
    return std::nullopt;
  }
  if (text.find('/') != std::string_view::npos) return Prefix::ParseLenient(text, had_host_bits, error);
  // Routers print host routes without a length; Azure's tables do the same.
  std::optional<IpAddress> address = IpAddress::Parse(text, error);
  if (!address) return std::nullopt;
  return Prefix::Make(*address, address->bits());
}

// Shared state of one read: where diagnostics go and whether one was an error.
class Sink {
 public:
  Sink(const std::string& path, std::vector<Diagnostic>* diagnostics) : path_(path), diagnostics_(diagnostics) {}

  void Warn(int line, int column, std::string message) { Add(Severity::kWarning, line, column, std::move(message)); }
  void Fail(int line, int column, std::string message) {
    failed_ = true;
    Add(Severity::kError, line, column, std::move(message));
  }
  void FailWith(Diagnostic diagnostic) {
    failed_ = true;
    if (diagnostics_ != nullptr) diagnostics_->push_back(std::move(diagnostic));
  }
  bool failed() const { return failed_; }

 private:
  void Add(Severity severity, int line, int column, std::string message) {
    if (diagnostics_ == nullptr) return;
    diagnostics_->push_back(Diagnostic{kId, severity, Location{path_, line, column}, std::move(message)});
  }

  const std::string& path_;
  std::vector<Diagnostic>* diagnostics_;
  bool failed_ = false;
};

// Checks one network value and appends the route, or says why not.
void AddRoute(std::string_view network, std::string_view next_hop, std::string_view as_path, int line,
              int column, LearnedRoutes* out, Sink* sink) {
  network = Trim(network);
  bool had_host_bits = false;
  std::string error;
  const std::optional<Prefix> prefix = ParseNetwork(network, &had_host_bits, &error);
  if (!prefix) {
    sink->Warn(line, column, error + "; the row is skipped");
    return;
  }
  if (had_host_bits) {
    sink->Warn(line, column,
               fmt::format("network '{}' has host bits set; read as {}", network, prefix->ToString()));
  }
  out->routes.push_back(LearnedRoute{*prefix, std::string(Trim(next_hop)), std::string(Trim(as_path)), line});
}

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
      field.value.append(Trim(line.substr(i, end - i)));
      pos = end;
    } else {
      const size_t end = std::min(line.find(delimiter, pos), line.size());
      field.value = std::string(Trim(line.substr(pos, end - pos)));
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

// Walks the text line by line; `body` has no BOM. Lines end in "\n" or
// "\r\n"; a text with no "\n" at all but with "\r" uses "\r" (classic Mac).
class LineCursor {
 public:
  explicit LineCursor(std::string_view body)
      : body_(body),
        end_char_(body.find('\n') == std::string_view::npos && body.find('\r') != std::string_view::npos ? '\r'
                                                                                                           : '\n') {}

  // The next line without its terminator; false at the end.
  bool Next(std::string_view* line) {
    if (pos_ >= body_.size()) return false;
    ++number_;
    const size_t end = std::min(body_.find(end_char_, pos_), body_.size());
    std::string_view l = body_.substr(pos_, end - pos_);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    pos_ = end + 1;
    *line = l;
    return true;
  }
  int number() const { return number_; }

 private:
  std::string_view body_;
  char end_char_;
  size_t pos_ = 0;
  int number_ = 0;
};

void ReadCsv(std::string_view body, const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink) {
  LineCursor lines(body);
  std::string_view line;
  while (lines.Next(&line) && Trim(line).empty()) {
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
    if (Trim(line).empty()) continue;
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
// PowerShell text: what Get-AzExpressRouteCircuitRouteTable (and
// Get-AzExpressRouteCrossConnectionRouteTable) print, redirected to a file,
// as a list (Format-List, the default for these objects) or as a table
// (Format-Table).

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool HasBlank(std::string_view s) { return std::any_of(s.begin(), s.end(), IsBlank); }

// What ends a value that Format-Table cut to its column: '…' in PowerShell 7,
// "..." in Windows PowerShell 5.1; empty when the value is whole.
std::string_view TruncationMark(std::string_view value) {
  constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  if (value.ends_with(kEllipsis)) return kEllipsis;
  if (value.ends_with("...")) return "...";
  return {};
}

// A LocPrf or Weight value: empty or a number (maybe cut short).
bool IsNumberCell(std::string_view cell) {
  cell.remove_suffix(TruncationMark(cell).size());
  return cell.empty() || IsDigits(cell);
}

// Whether a word could be a route's network ("10.1.0.0/16", "fd00::/8",
// maybe cut short): tells rows from the other lines users keep between
// tables ("DevicePath: Primary", a prompt, a title).
bool LooksLikeNetwork(std::string_view word) {
  word.remove_suffix(TruncationMark(word).size());
  bool separator = false;
  for (char c : word) {
    const char lower = LowerAscii(c);
    if (c == '.' || c == ':') {
      separator = true;
    } else if (!((c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'f') || c == '/')) {
      return false;
    }
  }
  return separator;
}

std::string_view FirstWord(std::string_view line) {
  line = Trim(line);
  return line.substr(0, static_cast<size_t>(std::find_if(line.begin(), line.end(), IsBlank) - line.begin()));
}

// PowerShell wraps a long value onto the next lines. Values that never hold a
// blank (an address, a prefix) are rejoined without one, a path's words with
// one.
void AppendWrapped(std::string_view piece, bool with_space, std::string* value) {
  piece = Trim(piece);
  if (piece.empty()) return;
  if (with_space && !value->empty()) value->push_back(' ');
  value->append(piece);
}

// Where each character of a line starts. Table columns count characters, as
// the console lays them out, and '…' is one character but three bytes.
class CharColumns {
 public:
  void Reset(std::string_view line) {
    line_ = line;
    starts_.clear();
    ascii_ = std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii_) return;
    for (size_t i = 0; i < line.size(); ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) starts_.push_back(i);
    }
  }
  size_t size() const { return ascii_ ? line_.size() : starts_.size(); }
  // The byte where character `column` starts; the line's end from size() on.
  size_t ByteAt(size_t column) const {
    if (column >= size()) return line_.size();
    return ascii_ ? column : starts_[column];
  }
  // Past the end of the line counts as blank.
  bool BlankAt(size_t column) const { return column >= size() || IsBlank(line_[ByteAt(column)]); }

 private:
  std::string_view line_;
  std::vector<size_t> starts_;
  bool ascii_ = true;
};

// What a table column holds. LocPrf and Weight are not kept, but their being
// numbers tells a row that lines up with its header from one that does not.
enum class TableRole { kNetwork, kNextHop, kLocPrf, kWeight, kPath, kOther };

TableRole TableRoleOf(std::string_view label) {
  switch (ColumnOf(label)) {
    case Column::kNetwork: return TableRole::kNetwork;
    case Column::kNextHop: return TableRole::kNextHop;
    case Column::kPath: return TableRole::kPath;
    case Column::kOther: break;
  }
  label = Trim(label);
  if (EqualsIgnoreCase(label, "LocPrf")) return TableRole::kLocPrf;
  if (EqualsIgnoreCase(label, "Weight")) return TableRole::kWeight;
  return TableRole::kOther;
}

// The columns of one table, from its header and the rule under it.
struct TableLayout {
  std::vector<size_t> starts;  // the first character of each column (of its dashes)
  std::vector<TableRole> roles;
  int header_line = 0;
  // Network, NextHop, then some of LocPrf, Weight, Path in this order, as the
  // cmdlet prints them: a row that does not line up can then be read word by
  // word.
  bool in_cmdlet_order = false;

  int IndexOf(TableRole role) const {
    const auto it = std::find(roles.begin(), roles.end(), role);
    return it == roles.end() ? -1 : static_cast<int>(it - roles.begin());
  }
};

bool InCmdletOrder(const std::vector<TableRole>& roles) {
  if (roles.size() < 2 || roles[0] != TableRole::kNetwork || roles[1] != TableRole::kNextHop) return false;
  for (size_t i = 2; i < roles.size(); ++i) {
    const bool known = roles[i] == TableRole::kLocPrf || roles[i] == TableRole::kWeight || roles[i] == TableRole::kPath;
    if (!known || (i > 2 && roles[i] <= roles[i - 1])) return false;
  }
  return true;
}

// The line PowerShell draws under a table's header: dashes and spaces only.
bool IsTableRule(std::string_view line) {
  bool dash = false;
  for (char c : line) {
    if (c == '-') {
      dash = true;
    } else if (c != ' ') {
      return false;
    }
  }
  return dash;
}

// Reads a table's header and the rule under it. PowerShell underlines each
// label with exactly as many dashes; a rule as wide as its column (`az ... -o
// table`, another text) does not match. The header must name a Network and a
// NextHop column. `chars` is scratch space.
bool ReadTableHeader(std::string_view header, std::string_view rule, CharColumns* chars, TableLayout* layout) {
  if (!IsTableRule(rule)) return false;
  chars->Reset(header);
  TableLayout found;
  size_t underlined = 0;  // printed characters of the header that stand above a dash
  for (size_t i = 0; i < rule.size();) {
    if (rule[i] != '-') {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < rule.size() && rule[end] == '-') ++end;
    const bool label_fills_dashes = !chars->BlankAt(i) && !chars->BlankAt(end - 1) &&
                                    (i == 0 || chars->BlankAt(i - 1)) && chars->BlankAt(end);
    if (!label_fills_dashes) return false;
    for (size_t k = i; k < end; ++k) underlined += chars->BlankAt(k) ? 0 : 1;
    const size_t from = chars->ByteAt(i);
    found.starts.push_back(i);
    found.roles.push_back(TableRoleOf(header.substr(from, chars->ByteAt(end) - from)));
    i = end;
  }
  size_t printed = 0;
  for (size_t k = 0; k < chars->size(); ++k) printed += chars->BlankAt(k) ? 0 : 1;
  if (printed != underlined) return false;  // a word of the header with no dashes under it
  if (found.IndexOf(TableRole::kNetwork) < 0 || found.IndexOf(TableRole::kNextHop) < 0) return false;
  found.in_cmdlet_order = InCmdletOrder(found.roles);
  *layout = std::move(found);
  return true;
}

// One cell of a row: bytes of its line, blanks trimmed. An all-blank cell is
// empty at its start.
struct Cell {
  size_t begin = 0;
  size_t end = 0;

  std::string_view In(std::string_view line) const { return line.substr(begin, end - begin); }
  bool empty() const { return begin == end; }
};

Cell TrimmedCell(std::string_view line, size_t begin, size_t end) {
  size_t b = begin;
  size_t e = end;
  while (b < e && IsBlank(line[b])) ++b;
  while (e > b && IsBlank(line[e - 1])) --e;
  return b == e ? Cell{begin, begin} : Cell{b, e};
}

// What to do with a word that runs across the start of the next column.
enum class Straddle {
  kFail,   // the row does not line up
  kShift,  // a value too long for its column pushed the rest of the row right: so do the next columns' starts
  kCut,    // cut through it (continuation lines, whose cells only need finding)
};

// Cuts a row at the columns' starts into one cell per column (the last runs
// to the end of the line). Returns false for kFail and a word across a start.
bool CutRow(std::string_view line, const CharColumns& chars, const TableLayout& layout, Straddle straddle,
            std::vector<Cell>* cells) {
  const size_t count = layout.starts.size();
  cells->assign(count, Cell{});
  size_t shift = 0;
  size_t begin = 0;
  for (size_t i = 0; i < count; ++i) {
    size_t end = chars.size();
    if (i + 1 < count) {
      end = std::clamp(layout.starts[i + 1] + shift, begin, chars.size());
      const bool across = end > 0 && !chars.BlankAt(end - 1) && !chars.BlankAt(end);
      if (across && straddle == Straddle::kFail) return false;
      if (across && straddle == Straddle::kShift) {
        while (!chars.BlankAt(end)) ++end;
        shift = end + 1 - layout.starts[i + 1];
      }
    }
    (*cells)[i] = TrimmedCell(line, chars.ByteAt(begin), chars.ByteAt(end));
    begin = end;
  }
  return true;
}

// Whether cut cells hold what their columns do: one word for a network, a
// next hop and a number; numbers (or nothing) under LocPrf and Weight.
bool CellsFitColumns(std::string_view line, const std::vector<Cell>& cells, const TableLayout& layout) {
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string_view text = cells[i].In(line);
    switch (layout.roles[i]) {
      case TableRole::kLocPrf:
      case TableRole::kWeight:
        if (!IsNumberCell(text)) return false;
        break;
      case TableRole::kNetwork:
      case TableRole::kNextHop:
        if (HasBlank(text)) return false;
        break;
      case TableRole::kPath:
      case TableRole::kOther:
        break;
    }
  }
  return true;
}

// One route of a table as read so far (-Wrap continues it on the next lines).
struct TableRow {
  std::string network;
  std::string next_hop;
  std::string path;
  int line = 0;
  int column = 0;         // of the network
  bool open = false;      // continuation lines join it
  bool readable = false;  // false: diagnosed already, and its continuations are dropped
};

// The words of a line, as byte ranges.
std::vector<Cell> WordsOf(std::string_view line) {
  std::vector<Cell> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsBlank(line[i])) ++i;
    const size_t begin = i;
    while (i < line.size() && !IsBlank(line[i])) ++i;
    if (i > begin) words.push_back(Cell{begin, i});
  }
  return words;
}

// Reads a row that does not line up with its header word by word, in the
// cmdlet's column order: the network, the next hop, the weight, then the
// path. LocPrf is taken as empty, as it almost always is in these tables: a
// number after the next hop cannot otherwise be told from the weight or the
// first AS of the path. Only a "0" after it shows that the first number was
// LocPrf and the 0 the weight (AS 0 is never in a path, RFC 7607). Returns
// false with the word that does not fit, and why, when the words cannot be
// read so.
bool ReadRowByWords(std::string_view line, const TableLayout& layout, TableRow* row, Cell* bad, std::string* why) {
  const std::vector<Cell> words = WordsOf(line);
  if (!layout.in_cmdlet_order) {
    *bad = words.empty() ? Cell{} : words[0];
    *why = "its columns are not Network, NextHop, LocPrf, Weight, Path in this order";
    return false;
  }
  size_t next = 0;
  auto take = [&](std::string* value) {
    if (next < words.size()) *value = std::string(words[next++].In(line));
  };
  take(&row->network);
  row->column = ColumnAt(line, words.empty() ? 0 : words[0].begin);
  take(&row->next_hop);
  const bool has_loc_prf = layout.IndexOf(TableRole::kLocPrf) >= 0;
  if (layout.IndexOf(TableRole::kWeight) >= 0 && next < words.size()) {
    const bool loc_prf_then_weight = has_loc_prf && next + 1 < words.size() && IsDigits(words[next].In(line)) &&
                                     words[next + 1].In(line) == "0";
    if (loc_prf_then_weight) ++next;
    if (!IsNumberCell(words[next].In(line))) {
      *bad = words[next];
      *why = fmt::format("'{}' stands where the weight, a number, should be", Excerpt(words[next].In(line)));
      return false;
    }
    ++next;
  }
  if (next < words.size()) {
    if (layout.IndexOf(TableRole::kPath) < 0) {
      *bad = words[next];
      *why = fmt::format("'{}' is past the last column", Excerpt(words[next].In(line)));
      return false;
    }
    row->path = std::string(Trim(line.substr(words[next].begin)));
  }
  return true;
}

// Reads Format-Table text: tables, each a header, a rule of dashes and rows
// placed under the columns; lines between tables (blank, a prompt,
// "DevicePath: Primary") are skipped.
class TableReader {
 public:
  TableReader(const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink)
      : limits_(limits), out_(out), sink_(sink) {}

  void Read(std::string_view body) {
    LineCursor lines(body);
    std::string_view line;
    while (lines.Next(&line)) {
      const int number = lines.number();
      if (line.size() > limits_.max_line_bytes) {
        SkipLongLine(line, number);
      } else if (TakeHeader(line, number, &lines)) {
        continue;
      } else if (Trim(line).empty()) {
        FinishRow();
        in_table_ = false;  // the rows of a table come without blank lines between them
      } else if (have_layout_ && !ReadLine(line, number)) {
        return;  // the row limit
      }
    }
    FinishRow();
  }

 private:
  void SkipLongLine(std::string_view line, int number) {
    if (!have_layout_) return;  // text before the first table
    FinishRow();
    sink_->Warn(number, 1,
                fmt::format("the line is {} bytes long, over the {} byte limit; the line is skipped", line.size(),
                            limits_.max_line_bytes));
  }

  // A header and its rule (on the next line, then consumed) start a table.
  bool TakeHeader(std::string_view line, int number, LineCursor* lines) {
    LineCursor ahead = *lines;
    std::string_view rule;
    if (!ahead.Next(&rule) || rule.size() > limits_.max_line_bytes) return false;
    TableLayout layout;
    if (!ReadTableHeader(line, rule, &chars_, &layout)) return false;
    FinishRow();
    layout_ = std::move(layout);
    layout_.header_line = number;
    have_layout_ = true;
    in_table_ = true;
    *lines = ahead;
    return true;
  }

  // A line after a header. Returns false when the row limit is reached.
  bool ReadLine(std::string_view line, int number) {
    chars_.Reset(line);
    CutRow(line, chars_, layout_, Straddle::kCut, &cells_);
    if (row_.open && IsContinuation()) {
      TakeCells(line, number, /*new_row=*/false);
      return true;
    }
    FinishRow();
    // Between tables, only what starts with a network is a row: the rest is
    // what users keep there (a prompt, "DevicePath: Secondary").
    if (!in_table_ && !LooksLikeNetwork(FirstWord(line))) return true;
    if (++rows_ > limits_.max_rows) {
      sink_->Fail(number, 1, fmt::format("more than {} rows; the rest of the file is ignored", limits_.max_rows));
      return false;
    }
    StartRow(line, number);
    return true;
  }

  // -Wrap continues a value on the next line with nothing under Network
  // (and under Weight, a number too short ever to wrap): a line with a
  // weight but no network is a row whose network is missing.
  bool IsContinuation() const {
    const int network = layout_.IndexOf(TableRole::kNetwork);
    const int weight = layout_.IndexOf(TableRole::kWeight);
    return cells_[network].empty() && (weight < 0 || cells_[weight].empty());
  }

  void StartRow(std::string_view line, int number) {
    row_ = TableRow{};
    row_.open = true;
    row_.line = number;
    // Under the columns, or pushed right by a value too long for its column.
    for (Straddle straddle : {Straddle::kFail, Straddle::kShift}) {
      if (CutRow(line, chars_, layout_, straddle, &cells_) && CellsFitColumns(line, cells_, layout_)) {
        row_.column = ColumnAt(line, cells_[layout_.IndexOf(TableRole::kNetwork)].begin);
        TakeCells(line, number, /*new_row=*/true);
        row_.readable = true;
        return;
      }
    }
    Cell bad;
    std::string why;
    if (!ReadRowByWords(line, layout_, &row_, &bad, &why)) {
      sink_->Warn(number, ColumnAt(line, bad.begin),
                  fmt::format("the row does not line up with the columns of the header (line {}) and cannot be "
                              "read word by word: {}; the row is skipped",
                              layout_.header_line, why));
      return;
    }
    row_.readable = true;
    sink_->Warn(number, row_.column,
                fmt::format("the row does not line up with the columns of the header (line {}); read word by word "
                            "as network '{}', next hop '{}', path '{}'",
                            layout_.header_line, Excerpt(row_.network), Excerpt(row_.next_hop),
                            Excerpt(row_.path)));
    NoteTruncation(row_.path, number, row_.column);
  }

  // Takes the values of cells_ into the row: a new row's, or a continuation
  // line's, which extend the row's values.
  void TakeCells(std::string_view line, int number, bool new_row) {
    for (size_t i = 0; i < cells_.size(); ++i) {
      std::string* value = nullptr;
      bool with_space = false;
      switch (layout_.roles[i]) {
        case TableRole::kNetwork: value = &row_.network; break;
        case TableRole::kNextHop: value = &row_.next_hop; break;
        case TableRole::kPath:
          value = &row_.path;
          with_space = true;
          break;
        case TableRole::kLocPrf:
        case TableRole::kWeight:
        case TableRole::kOther: break;
      }
      if (value == nullptr || (new_row && !value->empty())) continue;  // the first of duplicate columns wins
      const std::string_view text = cells_[i].In(line);
      AppendWrapped(text, with_space, value);
      NoteTruncation(text, number, ColumnAt(line, cells_[i].begin));
    }
  }

  // Cut values are kept as printed: said once, with how to get them whole.
  void NoteTruncation(std::string_view value, int number, int column) {
    const std::string_view mark = TruncationMark(value);
    if (warned_truncation_ || mark.empty()) return;
    warned_truncation_ = true;
    sink_->Warn(number, column,
                fmt::format("'{}' is cut short ('{}'), as Format-Table cuts values to the console's width: the "
                            "table's values are kept as printed, so cut paths lack their last AS numbers; for whole "
                            "values export with `| Format-Table -Wrap` or `| ConvertTo-Json`",
                            Excerpt(value), mark));
  }

  void FinishRow() {
    if (row_.open && row_.readable) {
      AddRoute(row_.network, row_.next_hop, row_.path, row_.line, row_.column, out_, sink_);
    }
    row_.open = false;
  }

  const LearnedRoutesLimits& limits_;
  LearnedRoutes* out_;
  Sink* sink_;
  TableLayout layout_;
  bool have_layout_ = false;
  bool in_table_ = false;  // no blank line since the header
  TableRow row_;
  size_t rows_ = 0;
  bool warned_truncation_ = false;
  CharColumns chars_;        // of the current line
  std::vector<Cell> cells_;  // of the current line
};

// A "Name : value" line of Format-List: the name starts the line, blanks pad
// it to the colon. A line that does not start with a name is no such line.
bool SplitListLine(std::string_view line, std::string_view* name, std::string_view* value, size_t* value_at) {
  size_t i = 0;
  auto is_name_char = [](char c) {
    const char lower = LowerAscii(c);
    return (lower >= 'a' && lower <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  while (i < line.size() && is_name_char(line[i])) ++i;
  if (i == 0) return false;
  *name = line.substr(0, i);
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return false;
  ++i;
  while (i < line.size() && IsBlank(line[i])) ++i;
  *value_at = i;
  *value = Trim(line.substr(i));
  return true;
}

bool IsListNetworkLine(std::string_view line) {
  std::string_view name;
  std::string_view value;
  size_t value_at = 0;
  return SplitListLine(line, &name, &value, &value_at) && ColumnOf(name) == Column::kNetwork;
}

// Reads Format-List text: records of "Name : value" lines, separated by blank
// lines; a value too long for the console goes on on indented lines.
class ListReader {
 public:
  ListReader(const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink)
      : limits_(limits), out_(out), sink_(sink) {}

  void Read(std::string_view body) {
    LineCursor lines(body);
    std::string_view line;
    while (lines.Next(&line)) {
      const int number = lines.number();
      if (line.size() > limits_.max_line_bytes) {
        sink_->Warn(number, 1,
                    fmt::format("the line is {} bytes long, over the {} byte limit; the line is skipped",
                                line.size(), limits_.max_line_bytes));
        record_.extending = nullptr;
      } else if (Trim(line).empty()) {
        FinishRecord();
      } else if (IsBlank(line[0])) {
        if (record_.extending != nullptr) AppendWrapped(line, record_.extends_with_space, record_.extending);
      } else if (!ReadMember(line, number)) {
        return;  // the row limit
      }
    }
    FinishRecord();
  }

 private:
  struct Record {
    std::string network;
    std::string next_hop;
    std::string path;
    int line = 0;
    int column = 0;  // of the network's value
    int first_line = 0;
    bool has_network = false;
    bool has_route_member = false;         // NextHop or Path
    std::string* extending = nullptr;      // what an indented line continues
    bool extends_with_space = false;
  };

  // One "Name : value" line; any other line (a prompt, a title) ends the
  // record. Returns false when the row limit is reached.
  bool ReadMember(std::string_view line, int number) {
    std::string_view name;
    std::string_view value;
    size_t value_at = 0;
    if (!SplitListLine(line, &name, &value, &value_at)) {
      FinishRecord();
      return true;
    }
    const Column column = ColumnOf(name);
    if (column == Column::kNetwork) {
      if (record_.has_network) FinishRecord();  // records with no blank line between them
      if (++rows_ > limits_.max_rows) {
        sink_->Fail(number, 1, fmt::format("more than {} rows; the rest of the file is ignored", limits_.max_rows));
        return false;
      }
    }
    if (record_.first_line == 0) record_.first_line = number;
    Take(column, value, number, ColumnAt(line, value_at));
    return true;
  }

  void Take(Column column, std::string_view value, int number, int value_column) {
    record_.extending = nullptr;
    switch (column) {
      case Column::kNetwork:
        if (record_.has_network) return;
        record_.has_network = true;
        record_.line = number;
        record_.column = value_column;
        Set(&record_.network, value, false);
        return;
      case Column::kNextHop:
        record_.has_route_member = true;
        Set(&record_.next_hop, value, false);
        return;
      case Column::kPath:
        record_.has_route_member = true;
        Set(&record_.path, value, true);
        return;
      case Column::kOther:
        return;
    }
  }

  void Set(std::string* member, std::string_view value, bool extends_with_space) {
    *member = std::string(value);
    record_.extending = member;
    record_.extends_with_space = extends_with_space;
  }

  void FinishRecord() {
    if (record_.has_network) {
      AddRoute(record_.network, record_.next_hop, record_.path, record_.line, record_.column, out_, sink_);
    } else if (record_.has_route_member) {
      sink_->Warn(record_.first_line, 1, "the record has a NextHop or a Path but no Network; the record is skipped");
    }
    record_ = Record{};
  }

  const LearnedRoutesLimits& limits_;
  LearnedRoutes* out_;
  Sink* sink_;
  Record record_;
  size_t rows_ = 0;
};

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
  CharColumns chars;
  TableLayout layout;
  CsvHeader csv;
  for (int seen = 0; seen < kMaxLinesBeforeColumns && lines.Next(&line);) {
    if (Trim(line).empty()) continue;
    if (line.size() > limits.max_line_bytes) break;
    ++seen;
    LineCursor ahead = lines;
    std::string_view rule;
    if (ahead.Next(&rule) && rule.size() <= limits.max_line_bytes && ReadTableHeader(line, rule, &chars, &layout)) {
      return TextFormat::kPowerShellTable;
    }
    if (IsListNetworkLine(line)) return TextFormat::kPowerShellList;
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
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | c >> 6));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | c >> 12));
      out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | c >> 18));
      out.push_back(static_cast<char>(0x80 | (c >> 12 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
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
  if (Trim(body).empty()) {
    sink->Fail(0, 0, fmt::format("the file is empty; {}", kExpected));
    return;
  }
  if (LooksLikeJson(text)) {
    ReadJson(path, text, limits, out, sink);
    return;
  }
  switch (DetectTextFormat(body, limits)) {
    case TextFormat::kPowerShellTable: TableReader(limits, out, sink).Read(body); return;
    case TextFormat::kPowerShellList: ListReader(limits, out, sink).Read(body); return;
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

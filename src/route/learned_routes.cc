#include "route/learned_routes.h"

#include "parse/json_scanner.h"

#include <fmt/format.h>

#include <algorithm>
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
    "Weight, Path) or the JSON of `az network express-route list-route-tables`";

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
    // A text table (`-o table`, Format-Table, Format-List) names the columns
    // but is not CSV: say so, since that is the likely mistake.
    const std::string_view hint = ContainsIgnoreCase(line, "network")
                                      ? " and looks like a text table (`-o table` or PowerShell output), which "
                                        "cannot be read"
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
    RowSpot spot;
    spot.start = scan.pos();
    if (scan.Consume('{')) {
      while (true) {
        scan.SkipSpace();
        const size_t key_at = scan.pos();
        if (!scan.ReadString(&key) || !scan.Consume(':')) break;
        if (ColumnOf(key) == Column::kNetwork) spot.network_keys.emplace_back(key, key_at);
        scan.SkipValue();
        if (!scan.Consume(',')) break;
      }
      scan.Consume('}');
    } else {
      scan.SkipValue();
    }
    spots.push_back(std::move(spot));
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

  // The rows: a bare array, or the "value" member of the wrapper object.
  const nlohmann::json* rows = nullptr;
  std::string member;
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
  const std::vector<RowSpot> spots =
      LocateRows(text, member.empty() ? nullptr : &member, std::min(rows->size(), limits.max_rows + 1));

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

// True when the first significant character (after a BOM, blanks and
// comments) opens a JSON array or object.
bool LooksLikeJson(std::string_view text) {
  JsonScanner scan(text);
  scan.SkipSpace();
  return scan.Consume('{') || scan.Consume('[');
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
    const std::string_view body = text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? text.substr(kUtf8Bom.size()) : text;
    if (Trim(body).empty()) {
      sink.Fail(0, 0, fmt::format("the file is empty; {}", kExpected));
    } else if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
      // Excel's "Unicode Text" and PowerShell 5's `>` write UTF-16.
      sink.Fail(0, 0, "the file is UTF-16; save it as UTF-8 (CSV UTF-8, or Out-File -Encoding utf8)");
    } else if (LooksLikeJson(text)) {
      ReadJson(path, text, limits, out, &sink);
    } else {
      ReadCsv(body, limits, out, &sink);
    }
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

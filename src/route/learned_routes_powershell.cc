// What Get-AzExpressRouteCircuitRouteTable (and
// Get-AzExpressRouteCrossConnectionRouteTable) print, redirected to a file,
// as a list (Format-List, the default for these objects) or as a table
// (Format-Table).
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "route/learned_routes_text.h"

namespace routelint::learned_routes_text {
namespace {

// ---------------------------------------------------------------------------
// PowerShell text: what Get-AzExpressRouteCircuitRouteTable (and
// Get-AzExpressRouteCrossConnectionRouteTable) print, redirected to a file,
// as a list (Format-List, the default for these objects) or as a table
// (Format-Table).

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool HasBlank(std::string_view s) { return std::any_of(s.begin(), s.end(), IsAsciiSpace); }

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
  line = TrimAsciiSpace(line);
  return line.substr(0, static_cast<size_t>(std::find_if(line.begin(), line.end(), IsAsciiSpace) - line.begin()));
}

// PowerShell wraps a long value onto the next lines. Values that never hold a
// blank (an address, a prefix) are rejoined without one, a path's words with
// one.
void AppendWrapped(std::string_view piece, bool with_space, std::string* value) {
  piece = TrimAsciiSpace(piece);
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
  bool BlankAt(size_t column) const { return column >= size() || IsAsciiSpace(line_[ByteAt(column)]); }

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
  label = TrimAsciiSpace(label);
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
  while (b < e && IsAsciiSpace(line[b])) ++b;
  while (e > b && IsAsciiSpace(line[e - 1])) --e;
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
    while (i < line.size() && IsAsciiSpace(line[i])) ++i;
    const size_t begin = i;
    while (i < line.size() && !IsAsciiSpace(line[i])) ++i;
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
    row->path = std::string(TrimAsciiSpace(line.substr(words[next].begin)));
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
      } else if (TrimAsciiSpace(line).empty()) {
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
    sink_->WarnLongLine(number, line.size(), limits_.max_line_bytes);
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
  while (i < line.size() && IsAsciiSpace(line[i])) ++i;
  *value_at = i;
  *value = TrimAsciiSpace(line.substr(i));
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
        sink_->WarnLongLine(number, line.size(), limits_.max_line_bytes);
        record_.extending = nullptr;
      } else if (TrimAsciiSpace(line).empty()) {
        FinishRecord();
      } else if (IsAsciiSpace(line[0])) {
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

}  // namespace

bool IsPowerShellTableHeader(std::string_view header, std::string_view rule) {
  CharColumns chars;
  TableLayout layout;
  return ReadTableHeader(header, rule, &chars, &layout);
}

bool IsPowerShellListNetworkLine(std::string_view line) { return IsListNetworkLine(line); }

void ReadPowerShellTable(std::string_view body, const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink) {
  TableReader(limits, out, sink).Read(body);
}

void ReadPowerShellList(std::string_view body, const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink) {
  ListReader(limits, out, sink).Read(body);
}

}  // namespace routelint::learned_routes_text

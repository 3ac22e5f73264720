// Pieces shared by the readers of learned routes (learned_routes.cc: CSV,
// JSON and telling the formats apart; learned_routes_powershell.cc: what the
// Az PowerShell cmdlets print). Not an API: only those files include it.
#ifndef ROUTELINT_ROUTE_LEARNED_ROUTES_TEXT_H_
#define ROUTELINT_ROUTE_LEARNED_ROUTES_TEXT_H_

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/ip.h"
#include "route/learned_routes.h"

namespace routelint::learned_routes_text {

inline constexpr char kId[] = "RL902";


enum class Column { kNetwork, kNextHop, kPath, kOther };

// Maps a CSV header name, a JSON key or a PowerShell property name to the
// column it holds. Case, blanks, '_', '-' and '.' do not count: "Next hop",
// "NextHop" and "next_hop" are one. Does not allocate.
Column ColumnOf(std::string_view name);

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);

// Shortens a line for quoting in a message; control characters (a binary
// file, terminal escapes) become '?'.
std::string Excerpt(std::string_view line);

// 1-based column of byte `offset` in `line`, counting code points as editors do.
int ColumnAt(std::string_view line, size_t offset);

// Reads one network value: "10.1.0.0/16", or a bare address for a host route.
// On failure returns nullopt and a sentence quoting the value.
std::optional<Prefix> ParseNetwork(std::string_view text, bool* had_host_bits, std::string* error);

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
  // A line over the line limit, skipped.
  void WarnLongLine(int line, size_t size, size_t limit) {
    Warn(line, 1, "the line is " + std::to_string(size) + " bytes long, over the " + std::to_string(limit) +
                      " byte limit; the line is skipped");
  }

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
              int column, LearnedRoutes* out, Sink* sink);

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

// The PowerShell readers (learned_routes_powershell.cc).

// True when `header` and the line after it, `rule`, start a Format-Table
// table of routes: Network and NextHop columns, each label underlined by
// exactly as many dashes.
bool IsPowerShellTableHeader(std::string_view header, std::string_view rule);
// True for a Format-List "Network : ..." line.
bool IsPowerShellListNetworkLine(std::string_view line);
// Format-Table text: tables, each a header, a rule of dashes and rows.
void ReadPowerShellTable(std::string_view body, const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink);
// Format-List text: records of "Name : value" lines.
void ReadPowerShellList(std::string_view body, const LearnedRoutesLimits& limits, LearnedRoutes* out, Sink* sink);

}  // namespace routelint::learned_routes_text

#endif  // ROUTELINT_ROUTE_LEARNED_ROUTES_TEXT_H_

// Reads the routes an ExpressRoute circuit (or a VPN gateway's BGP peer)
// learned, in the shapes users export them:
//
//  - CSV, as the Azure portal's "Get route table" blade downloads it: a header
//    row naming the columns Network, Next hop, LocPrf, Weight, Path (matched
//    case-insensitively and ignoring spaces, '_' and '-', so "NextHop" and
//    "next_hop" match too; "AsPath" is taken for Path; other columns are
//    ignored; any order), then one row per route. RFC 4180 quoting ("a,b",
//    "" for a quote) is allowed inside one line; a UTF-8 BOM, CRLF line ends
//    and blank lines are fine. A header that splits into no Network column on
//    ',' is tried with ';' and a tab (spreadsheets re-save CSV that way).
//  - JSON, as `az network express-route list-route-tables` prints it: an
//    object whose "value" member is an array, or a bare array (`--query value`),
//    of objects with network / nextHop / locPrf / weight / path. Keys match
//    like the CSV header names (PowerShell's ConvertTo-Json writes "Network"),
//    and "asPath" is taken for path, so `az network vnet-gateway
//    list-learned-routes` output reads too. Comments and a BOM are accepted.
//    ConvertTo-Json of the PowerShell objects (below) is this JSON too: an
//    array, PowerShell 5.1's {"value": [...], "Count": n}, or, for a single
//    route, the bare object.
//  - What Get-AzExpressRouteCircuitRouteTable and
//    Get-AzExpressRouteCrossConnectionRouteTable print, redirected to a file
//    (objects with Network, NextHop, LocPrf, Weight, Path):
//    - Format-List, the default view of these objects: records of
//      "Name : value" lines (names padded before the colon, "LocPrf  :" for
//      an empty value) separated by blank lines; a value too long for the
//      console goes on on indented lines. Names match like the CSV's; other
//      names ("DevicePath : Primary") and lines that are no "Name : value" (a
//      prompt) are passed over.
//    - Format-Table: a header naming the columns ("Network  NextHop  LocPrf
//      Weight Path") over a rule that underlines each label with exactly as
//      many dashes, then rows under the columns. A column starts at its run of
//      dashes and ends where the next one starts (the last at the end of the
//      line); columns count characters, not bytes. A file may hold several
//      tables (the Primary and the Secondary device path appended), each with
//      its header and widths; between them blank lines and other lines (a
//      prompt, "DevicePath: Secondary") are passed over: after a blank line
//      only a line that starts with an address is a row. -Wrap continues a
//      value on lines with nothing under Network and Weight: a path's words
//      join with a blank, an address's pieces without. A value cut short to
//      the console width ends in '…' (PowerShell 7) or "..." (5.1): it is kept
//      as printed and one warning says how to export whole values. A row whose
//      words run across the column starts is read as if a value too long for
//      its column pushed the rest right; failing that, word by word in the
//      cmdlet's order (network, next hop, weight, path; LocPrf taken as empty
//      unless a "0" weight follows it), with a warning that quotes what was
//      read; a row read neither way is a warning, and is skipped. A rule as
//      wide as its column (`az ... -o table`) is no PowerShell table: refused.
//  - UTF-16 (LE or BE) with a BOM, as Windows PowerShell 5.1's `>` and
//    Out-File write, is decoded to UTF-8 first (an unpaired surrogate becomes
//    U+FFFD; an odd last byte is dropped with a warning); lines and columns
//    are those of the characters.
//
// Contract:
//  - The format is detected from the content, never from the file name: text
//    whose first significant character is '{' or '[' is JSON. Otherwise the
//    first line that names columns decides (non-blank lines before it, up to
//    50, are passed over): a Format-Table header with its rule under it is a
//    table, a "Network : ..." line a list, anything else CSV (so a CSV whose
//    header says "Network,NextHop" is CSV, and text in no format gets the CSV
//    reader's error).
//  - Never throws. All problems are Diagnostics with id "RL902" located at
//    file:line[:col] (1-based), except malformed JSON, which is the parse
//    stage's RL901 at the offending character.
//  - A row whose network is not a valid prefix is one warning, located at the
//    network value, and the row is skipped. A bare address ("10.1.2.3") is a
//    host route (/32, or /128 for IPv6), which is how the routers print them.
//    A prefix with host bits set ("10.1.2.3/16") is a warning and the route is
//    kept with the host bits cleared (the network BGP actually carries).
//  - next_hop and as_path are kept as exported, trimmed of surrounding blanks:
//    MSEE tables mark one of two next hops with a trailing '*'
//    ("10.11.16.15*") and end the path with the BGP origin code
//    ("65515 65001 I", "64512 ?"); readers that care strip those themselves.
//  - Routes stay in file order; duplicates (the primary and secondary
//    gateway instance advertise the same prefix) are kept.
//  - One file-level error (RL902), and the function returns false, when the
//    file is unreadable, empty, in no format, has no Network column (CSV) or
//    no object with a network member (JSON), or has more rows than the limit
//    (the rows before the limit are kept in *out). A table row or list record
//    is one row; -Wrap's continuation lines are not.
//  - Bounded: at most LearnedRoutesLimits::max_rows rows (1,000,000), CSV and
//    PowerShell text lines of at most max_line_bytes (64 KiB; a longer line is
//    a warning and is skipped), files of at most max_file_bytes. JSON has no
//    line limit: a REST response saved as is is one long line. Every format is
//    read in time linear in the file's size.
//  - No global state; safe to call from several threads at once.
#ifndef ROUTELINT_ROUTE_LEARNED_ROUTES_H_
#define ROUTELINT_ROUTE_LEARNED_ROUTES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/ip.h"

namespace routelint {

struct LearnedRoute {
  Prefix prefix;
  std::string next_hop;  // as exported ("10.0.0.1", "10.0.0.1*" or "")
  std::string as_path;   // "65010 65020" (may be empty; may end in an origin code)
  int line = 0;          // where it was read (1-based), for diagnostics
};

struct LearnedRoutes {
  std::string file;
  std::vector<LearnedRoute> routes;  // in file order, duplicates kept
};

/// How much one input may make the reader do.
struct LearnedRoutesLimits {
  size_t max_rows = 1'000'000;
  size_t max_line_bytes = size_t{64} << 10;  // CSV and PowerShell text; not JSON
  size_t max_file_bytes = size_t{256} << 20;
};

/// Reads the ExpressRoute route table as the Azure portal downloads it (CSV
/// with the columns Network, Next hop, LocPrf, Weight, Path — header names
/// matched case-insensitively, in any order, quoted fields allowed, a UTF-8
/// BOM allowed, blank lines skipped), as `az network express-route
/// list-route-tables` prints it (JSON: an object with a "value" array, or a
/// bare array, of objects with network/nextHop/locPrf/weight/path, keys
/// case-insensitive), or as Get-AzExpressRouteCircuitRouteTable prints it
/// (Format-List, Format-Table, ConvertTo-Json; UTF-16 with a BOM decoded).
/// The format is detected from the content. Each row whose
/// network is not a valid CIDR prefix is a Diagnostic (id "RL902", severity
/// warning, file:line[:col]) and is skipped; a file that is neither format, or
/// has no Network column, is one RL902 error. Never throws; bounded: at most
/// 1,000,000 rows, lines up to 64 KiB (longer: a diagnostic, the row skipped).
/// Returns false when an error (not a warning) was reported.
bool ReadLearnedRoutes(const std::string& path, LearnedRoutes* out, std::vector<Diagnostic>* diagnostics);

/// Same from text already in memory (path only names it in diagnostics).
bool ParseLearnedRoutes(const std::string& path, std::string_view text, LearnedRoutes* out,
                        std::vector<Diagnostic>* diagnostics);

/// The two above with explicit limits (tests use small ones).
bool ReadLearnedRoutes(const std::string& path, const LearnedRoutesLimits& limits, LearnedRoutes* out,
                       std::vector<Diagnostic>* diagnostics);
bool ParseLearnedRoutes(const std::string& path, std::string_view text, const LearnedRoutesLimits& limits,
                        LearnedRoutes* out, std::vector<Diagnostic>* diagnostics);

}  // namespace routelint

#endif  // ROUTELINT_ROUTE_LEARNED_ROUTES_H_

// The learned-routes reader (ExpressRoute route tables as CSV, JSON, or the
// Format-List / Format-Table text of Get-AzExpressRouteCircuitRouteTable) on
// any text, with small limits (so the row and line bounds are reached) and
// with the CLI's.
//
// Checks: every diagnostic names the file and is RL901/RL902; a read that
// reports success has no error; every route kept has a valid prefix and a
// line; no more rows than the limit. ASCII input re-encoded as UTF-16LE with
// a BOM (what Windows PowerShell's `>` writes) reads to the same routes and
// diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "route/learned_routes.h"

namespace {

struct Outcome {
  bool ok = false;
  routelint::LearnedRoutes routes;
  std::vector<routelint::Diagnostic> diagnostics;
};

Outcome Read(std::string_view text, const routelint::LearnedRoutesLimits& limits) {
  Outcome r;
  r.ok = routelint::ParseLearnedRoutes("fuzz/routes.csv", text, limits, &r.routes, &r.diagnostics);
  bool error = false;
  for (const routelint::Diagnostic& d : r.diagnostics) {
    FUZZ_CHECK(d.id == "RL901" || d.id == "RL902");
    FUZZ_CHECK(d.location.file == "fuzz/routes.csv");
    FUZZ_CHECK(d.location.line >= 0 && d.location.column >= 0);
    FUZZ_CHECK(!d.message.empty());
    error = error || d.severity == routelint::Severity::kError;
  }
  FUZZ_CHECK(r.ok == !error);
  FUZZ_CHECK(r.routes.file == "fuzz/routes.csv");
  FUZZ_CHECK(r.routes.routes.size() <= limits.max_rows);
  for (const routelint::LearnedRoute& route : r.routes.routes) {
    FUZZ_CHECK(route.line >= 1);
    FUZZ_CHECK(route.prefix.length() >= 0 && route.prefix.length() <= route.prefix.address().bits());
  }
  return r;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string Utf16LeWithBom(std::string_view ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// The UTF-16 file decodes to exactly `utf8`, so everything read must match.
void CheckSameAsUtf16(std::string_view utf8, const Outcome& from_utf8) {
  const Outcome from_utf16 = Read(Utf16LeWithBom(utf8), routelint::LearnedRoutesLimits{});
  FUZZ_CHECK(from_utf16.ok == from_utf8.ok);
  FUZZ_CHECK(from_utf16.routes.routes.size() == from_utf8.routes.routes.size());
  for (size_t i = 0; i < from_utf8.routes.routes.size(); ++i) {
    const routelint::LearnedRoute& a = from_utf8.routes.routes[i];
    const routelint::LearnedRoute& b = from_utf16.routes.routes[i];
    FUZZ_CHECK(a.prefix == b.prefix && a.next_hop == b.next_hop && a.as_path == b.as_path && a.line == b.line);
  }
  FUZZ_CHECK(from_utf16.diagnostics.size() == from_utf8.diagnostics.size());
  for (size_t i = 0; i < from_utf8.diagnostics.size(); ++i) {
    const routelint::Diagnostic& a = from_utf8.diagnostics[i];
    const routelint::Diagnostic& b = from_utf16.diagnostics[i];
    FUZZ_CHECK(a.location.line == b.location.line && a.location.column == b.location.column &&
               a.message == b.message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  routelint::LearnedRoutesLimits small;
  small.max_rows = 8;
  small.max_line_bytes = 256;
  small.max_file_bytes = 1 << 16;
  Read(text, small);
  const Outcome full = Read(text, routelint::LearnedRoutesLimits{});
  if (IsAscii(text)) CheckSameAsUtf16(text, full);
  return 0;
}

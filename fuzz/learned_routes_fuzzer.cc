// The learned-routes reader (ExpressRoute route tables as CSV or JSON) on
// any text, with small limits (so the row and line bounds are reached) and
// with the CLI's.
//
// Checks: every diagnostic names the file and is RL901/RL902; a read that
// reports success has no error; every route kept has a valid prefix and a
// line; no more rows than the limit.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "route/learned_routes.h"

namespace {

void Read(std::string_view text, const routelint::LearnedRoutesLimits& limits) {
  routelint::LearnedRoutes routes;
  std::vector<routelint::Diagnostic> diagnostics;
  const bool ok = routelint::ParseLearnedRoutes("fuzz/routes.csv", text, limits, &routes, &diagnostics);
  bool error = false;
  for (const routelint::Diagnostic& d : diagnostics) {
    FUZZ_CHECK(d.id == "RL901" || d.id == "RL902");
    FUZZ_CHECK(d.location.file == "fuzz/routes.csv");
    FUZZ_CHECK(d.location.line >= 0 && d.location.column >= 0);
    FUZZ_CHECK(!d.message.empty());
    error = error || d.severity == routelint::Severity::kError;
  }
  FUZZ_CHECK(ok == !error);
  FUZZ_CHECK(routes.file == "fuzz/routes.csv");
  FUZZ_CHECK(routes.routes.size() <= limits.max_rows);
  for (const routelint::LearnedRoute& r : routes.routes) {
    FUZZ_CHECK(r.line >= 1);
    FUZZ_CHECK(r.prefix.length() >= 0 && r.prefix.length() <= r.prefix.address().bits());
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
  Read(text, routelint::LearnedRoutesLimits{});
  return 0;
}

#include "route/learned_routes_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"

namespace routelint::learned_routes_text {


Column ColumnOf(std::string_view name) {
  char key[8];  // one more than the longest name, so longer ones never match
  size_t size = 0;
  for (char c : name) {
    if (IsAsciiSpace(c) || c == '_' || c == '-' || c == '.') continue;
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

std::string Excerpt(std::string_view line) {
  constexpr size_t kMax = 60;
  line = TrimAsciiSpace(line);
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

int ColumnAt(std::string_view line, size_t offset) {
  int column = 1;
  for (size_t i = 0; i < offset && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

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

void AddRoute(std::string_view network, std::string_view next_hop, std::string_view as_path, int line,
              int column, LearnedRoutes* out, Sink* sink) {
  network = TrimAsciiSpace(network);
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
  out->routes.push_back(LearnedRoute{*prefix, std::string(TrimAsciiSpace(next_hop)), std::string(TrimAsciiSpace(as_path)), line});
}

}  // namespace routelint::learned_routes_text

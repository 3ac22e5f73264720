// The IP library: addresses and CIDR prefixes parsed from any text, their
// canonical text, containment, the longest-prefix-match table, and the
// template functions over networks (parseCidr, cidrSubnet, cidrHost).
//
// The input is split at newlines; the first line is parsed as an address, a
// prefix and leniently, and the lines together fill a PrefixTable.
//
// Checks: parsing never throws and explains every refusal; ToString() parses
// back to the same value; a prefix holds its first and last address; a
// lenient parse yields a prefix without host bits; the table finds every
// prefix it holds and answers lookups with a prefix that contains the
// address.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ip.h"
#include "expand/evaluator.h"
#include "expand/ip_functions.h"
#include "fuzz_check.h"

namespace {

using routelint::IpAddress;
using routelint::Json;
using routelint::Prefix;

class NoScope : public routelint::Scope {
 public:
  Json Parameter(std::string_view, routelint::Evaluator& ev) override { return ev.Error("no parameters"); }
  Json Variable(std::string_view, routelint::Evaluator& ev) override { return ev.Error("no variables"); }
  bool CopyIndex(std::string_view, int64_t*) override { return false; }
  const Json* UserFunction(std::string_view) override { return nullptr; }
  Json Reference(const Json&, bool, routelint::Evaluator& ev) override { return ev.Unknown("no reference"); }
  const routelint::DeploymentContext& Deployment() override { return deployment_; }

 private:
  routelint::DeploymentContext deployment_;
};

void CheckAddress(std::string_view text) {
  std::string error;
  const std::optional<IpAddress> ip = IpAddress::Parse(text, &error);
  if (!ip) {
    FUZZ_CHECK(!error.empty());
    return;
  }
  const std::string canonical = ip->ToString();
  std::string again_error;
  const std::optional<IpAddress> again = IpAddress::Parse(canonical, &again_error);
  FUZZ_CHECK(again && *again == *ip);
  FUZZ_CHECK(Prefix::Make(*ip, ip->bits()).Contains(*ip));
  (void)ip->Plus(4);
}

void CheckPrefix(const Prefix& prefix) {
  FUZZ_CHECK(prefix.length() >= 0 && prefix.length() <= prefix.address().bits());
  FUZZ_CHECK(Prefix::Make(prefix.address(), prefix.length()) == prefix);
  FUZZ_CHECK(prefix.Contains(prefix.First()) && prefix.Contains(prefix.Last()));
  FUZZ_CHECK(prefix.Contains(prefix) && prefix.Overlaps(prefix));
  std::string error;
  const std::optional<Prefix> again = Prefix::Parse(prefix.ToString(), &error);
  FUZZ_CHECK(again && *again == prefix);
  if (std::optional<IpAddress> host = prefix.Host(4)) FUZZ_CHECK(prefix.Contains(*host));
  if (std::optional<IpAddress> host = prefix.Host(UINT64_MAX)) FUZZ_CHECK(prefix.Contains(*host));
}

void CheckTemplateFunctions(std::string_view text, int64_t number) {
  NoScope scope;
  routelint::EvalSession session;
  routelint::Evaluator ev(scope, session);
  const Json cidr(std::string{text});
  (void)routelint::ParseCidrFunction({cidr}, ev);
  (void)routelint::CidrSubnetFunction({cidr, Json(number & 0xFF), Json(number >> 8)}, ev);
  (void)routelint::CidrSubnetFunction({cidr, Json(number), Json(number == INT64_MIN ? int64_t{0} : -number)}, ev);
  (void)routelint::CidrHostFunction({cidr, Json(number)}, ev);
  (void)routelint::CidrHostFunction({cidr, Json(number >> 32)}, ev);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= input.size() && lines.size() < 64;) {
    const size_t end = input.find('\n', start);
    lines.push_back(input.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  int64_t number = 0;
  for (size_t i = 0; i < size && i < 8; ++i) number = static_cast<int64_t>((static_cast<uint64_t>(number) << 8) | data[i]);

  const std::string_view first = lines.front();
  CheckAddress(first);
  CheckTemplateFunctions(first, number);
  std::string error;
  if (std::optional<Prefix> strict = Prefix::Parse(first, &error)) {
    CheckPrefix(*strict);
  } else {
    FUZZ_CHECK(!error.empty());
  }
  error.clear();
  bool host_bits = false;
  if (std::optional<Prefix> lenient = Prefix::ParseLenient(first, &host_bits, &error)) {
    CheckPrefix(*lenient);
    std::string strict_error;
    FUZZ_CHECK(Prefix::Parse(first, &strict_error).has_value() == !host_bits);
  } else {
    FUZZ_CHECK(!error.empty());
  }

  routelint::PrefixTable<size_t> table;
  std::vector<Prefix> prefixes;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string ignored;
    bool ignored_bits = false;
    if (std::optional<Prefix> p = Prefix::ParseLenient(lines[i], &ignored_bits, &ignored)) {
      table.Insert(*p, i);
      prefixes.push_back(*p);
    }
  }
  for (const Prefix& p : prefixes) {
    FUZZ_CHECK(table.Find(p) != nullptr);
    Prefix matched;
    FUZZ_CHECK(table.LookupCovering(p, &matched) != nullptr && matched == p);
    FUZZ_CHECK(table.Lookup(p.First()) != nullptr);
    for (const Prefix& q : prefixes) {
      FUZZ_CHECK(p.Overlaps(q) == q.Overlaps(p));
      if (p.Contains(q)) FUZZ_CHECK(p.Overlaps(q));
    }
  }
  size_t count = 0;
  std::vector<Prefix> order;
  table.ForEach([&](const Prefix& p, size_t) {
    ++count;
    order.push_back(p);
  });
  for (size_t i = 1; i < order.size(); ++i) FUZZ_CHECK(order[i - 1] < order[i]);
  FUZZ_CHECK(count == table.size());
  if (std::optional<Prefix> cover = routelint::CoveringSupernet(prefixes)) {
    for (const Prefix& p : prefixes) FUZZ_CHECK(cover->Contains(p));
  }
  for (std::string_view line : lines) {
    std::string ignored;
    if (std::optional<IpAddress> ip = IpAddress::Parse(line, &ignored)) {
      if (const size_t* hit = table.Lookup(*ip)) {
        FUZZ_CHECK(*hit < lines.size());
        bool ignored_bits = false;
        const std::optional<Prefix> holder = Prefix::ParseLenient(lines[*hit], &ignored_bits, &ignored);
        FUZZ_CHECK(holder && holder->Contains(*ip));
      }
    }
  }
  return 0;
}

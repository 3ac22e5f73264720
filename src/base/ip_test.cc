#include "base/ip.h"

#include <algorithm>
#include <random>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

IpAddress Ip(std::string_view text) {
  std::string error;
  std::optional<IpAddress> ip = IpAddress::Parse(text, &error);
  INFO(text << ": " << error);
  REQUIRE(ip.has_value());
  return *ip;
}

Prefix Pfx(std::string_view text) {
  std::string error;
  std::optional<Prefix> prefix = Prefix::Parse(text, &error);
  INFO(text << ": " << error);
  REQUIRE(prefix.has_value());
  return *prefix;
}

// Returns the parse error, or "" (and fails) if `text` parsed.
std::string IpError(std::string_view text) {
  std::string error;
  std::optional<IpAddress> ip = IpAddress::Parse(text, &error);
  INFO("input: '" << text << "'");
  CHECK_FALSE(ip.has_value());
  CHECK_FALSE(error.empty());
  return ip ? std::string() : error;
}

std::string PrefixError(std::string_view text) {
  std::string error;
  std::optional<Prefix> prefix = Prefix::Parse(text, &error);
  INFO("input: '" << text << "'");
  CHECK_FALSE(prefix.has_value());
  CHECK_FALSE(error.empty());
  return prefix ? std::string() : error;
}

using Catch::Contains;

TEST_CASE("IpAddress parses IPv4 dotted quads", "[ip]") {
  IpAddress ip = Ip("10.1.0.4");
  CHECK(ip.family() == IpFamily::kV4);
  CHECK(ip.is_v4());
  CHECK(ip.bits() == 32);
  CHECK(ip.v4() == 0x0A010004u);
  CHECK(ip.high() == 0);
  CHECK(ip.ToString() == "10.1.0.4");
  CHECK(Ip("0.0.0.0").v4() == 0u);
  CHECK(Ip("255.255.255.255").v4() == 0xFFFFFFFFu);
  CHECK(Ip("192.168.100.200").ToString() == "192.168.100.200");
  CHECK(IpAddress::V4(0xC0A80001u).ToString() == "192.168.0.1");
  CHECK(IpAddress() == IpAddress::V4(0));
  // A null error pointer is allowed.
  CHECK(IpAddress::Parse("1.2.3.4", nullptr).has_value());
  CHECK_FALSE(IpAddress::Parse("1.2.3", nullptr).has_value());
}

TEST_CASE("IpAddress rejects malformed IPv4", "[ip]") {
  CHECK(IpError("010.1.1.1") ==
        "'010.1.1.1' is not a valid IP address: octet '010' has a leading zero");
  CHECK(IpError("10.1.1.00") ==
        "'10.1.1.00' is not a valid IP address: octet '00' has a leading zero");
  CHECK_THAT(IpError("256.1.1.1"), Contains("octet '256' is out of range"));
  CHECK_THAT(IpError("1.2.3.1000"), Contains("out of range"));
  CHECK_THAT(IpError("1.2.3.99999999999999999999"), Contains("out of range"));
  CHECK_THAT(IpError(""), Contains("empty"));
  CHECK_THAT(IpError(" 10.1.0.4"), Contains("whitespace"));
  CHECK_THAT(IpError("10.1.0.4 "), Contains("whitespace"));
  CHECK_THAT(IpError("10.1 .0.4"), Contains("whitespace"));
  CHECK_THAT(IpError("1.2.3"), Contains("4 dot-separated octets"));
  CHECK_THAT(IpError("1.2.3.4.5"), Contains("4 dot-separated octets"));
  CHECK_THAT(IpError("1..2.3"), Contains("empty octet"));
  CHECK_THAT(IpError("1.2.3.4."), Contains("empty octet"));
  CHECK_THAT(IpError(".1.2.3.4"), Contains("empty octet"));
  CHECK_THAT(IpError("a.b.c.d"), Contains("not a decimal number"));
  CHECK_THAT(IpError("1.2.3.-4"), Contains("not a decimal number"));
  CHECK_THAT(IpError("+1.2.3.4"), Contains("not a decimal number"));
  CHECK_THAT(IpError("0x0A.1.2.3"), Contains("not a decimal number"));
  IpError("10.0.0.0/8");
  IpError("10");
  IpError("10.1.0.4%eth0");
}

TEST_CASE("IpAddress parses IPv6", "[ip]") {
  IpAddress ip = Ip("fd00::1");
  CHECK(ip.family() == IpFamily::kV6);
  CHECK_FALSE(ip.is_v4());
  CHECK(ip.bits() == 128);
  CHECK(ip.high() == 0xFD00000000000000ull);
  CHECK(ip.low() == 1);

  CHECK(Ip("::") == IpAddress::V6(0, 0));
  CHECK(Ip("::1") == IpAddress::V6(0, 1));
  CHECK(Ip("1::") == IpAddress::V6(0x0001000000000000ull, 0));
  CHECK(Ip("1:2:3:4:5:6:7:8") == IpAddress::V6(0x0001000200030004ull, 0x0005000600070008ull));
  CHECK(Ip("1:2:3:4:5:6:7::") == IpAddress::V6(0x0001000200030004ull, 0x0005000600070000ull));
  CHECK(Ip("::2:3:4:5:6:7:8") == IpAddress::V6(0x0000000200030004ull, 0x0005000600070008ull));
  CHECK(Ip("2001:DB8::AbCd") == Ip("2001:db8::abcd"));
  CHECK(Ip("2001:0db8:0000:0000:0000:0000:0000:0001") == Ip("2001:db8::1"));

  // Embedded IPv4: v4-mapped stays an IPv6 address.
  IpAddress mapped = Ip("::ffff:1.2.3.4");
  CHECK(mapped.family() == IpFamily::kV6);
  CHECK(mapped == IpAddress::V6(0, 0x0000FFFF01020304ull));
  CHECK(mapped != IpAddress::V4(0x01020304u));
  CHECK(Ip("1:2:3:4:5:6:1.2.3.4") == IpAddress::V6(0x0001000200030004ull, 0x0005000601020304ull));
  CHECK(Ip("64:ff9b::10.0.0.1") == IpAddress::V6(0x0064FF9B00000000ull, 0x000000000A000001ull));
}

TEST_CASE("IpAddress rejects malformed IPv6", "[ip]") {
  CHECK(IpError("fe80::1%eth0") ==
        "'fe80::1%eth0' is not a valid IP address: zone ids ('%...') are not supported");
  CHECK_THAT(IpError("[::1]"), Contains("brackets"));
  CHECK_THAT(IpError("1::2::3"), Contains("'::' may appear only once"));
  CHECK_THAT(IpError("1:::2"), Contains("empty group"));
  CHECK_THAT(IpError(":::"), Contains("empty group"));
  CHECK_THAT(IpError(":1::"), Contains("empty group"));
  CHECK_THAT(IpError("1::2:"), Contains("empty group"));
  CHECK_THAT(IpError(":1:2:3:4:5:6:7"), Contains("empty group"));
  CHECK_THAT(IpError("1:2:3:4:5:6:7:8:9"), Contains("too many groups"));
  CHECK_THAT(IpError("1:2:3:4:5:6:7:8::"), Contains("too many groups"));
  CHECK_THAT(IpError("::1:2:3:4:5:6:7:8"), Contains("too many groups"));
  CHECK_THAT(IpError("1:2:3:4:5:6:7"), Contains("expected 8 groups"));
  CHECK_THAT(IpError("12345::"), Contains("more than 4 hex digits"));
  CHECK_THAT(IpError("g::1"), Contains("not hexadecimal"));
  CHECK_THAT(IpError("::1.2.3.4:5"), Contains("embedded IPv4"));
  CHECK_THAT(IpError("1.2.3.4::"), Contains("embedded IPv4"));
  CHECK_THAT(IpError("::ffff:01.2.3.4"), Contains("leading zero"));
  CHECK_THAT(IpError("::ffff:1.2.3"), Contains("4 dot-separated octets"));
  CHECK_THAT(IpError("1:2:3:4:5:6:7:1.2.3.4"), Contains("too many groups"));
  CHECK_THAT(IpError("fd00:: 1"), Contains("whitespace"));
  IpError(":");
  IpError("1:2:3:4:5:6:7:8/64");
}

TEST_CASE("IpAddress::ToString follows RFC 5952", "[ip]") {
  const std::pair<const char*, const char*> cases[] = {
      {"2001:db8:0:0:0:0:0:1", "2001:db8::1"},
      {"0:0:0:0:0:0:0:0", "::"},
      {"0:0:0:0:0:0:0:1", "::1"},
      {"1:0:0:0:0:0:0:0", "1::"},
      {"fe80:0:0:0:1:0:0:1", "fe80::1:0:0:1"},          // Longest run wins.
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},    // First run on a tie.
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},          // Longer run later.
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"}, // One zero group stays.
      {"1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"},
      {"0:1:0:0:0:0:0:0", "0:1::"},
      {"0:0:0:1:0:0:0:0", "0:0:0:1::"},
      {"2001:DB8:AC10:FE01::", "2001:db8:ac10:fe01::"},
      {"2001:0db8:00a0:0b00:0000:0000:0000:000c", "2001:db8:a0:b00::c"},
      {"fd00:0:0:ffff::", "fd00:0:0:ffff::"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
      {"::0:ffff:1.2.3.4", "::ffff:1.2.3.4"},  // v4-mapped keeps dotted quad.
      {"::ffff:0:0", "::ffff:0.0.0.0"},
      {"::1.2.3.4", "::102:304"},  // Deprecated v4-compatible: plain hex.
      {"::fffe:1.2.3.4", "::fffe:102:304"},
  };
  for (const auto& [input, expected] : cases) {
    INFO(input);
    CHECK(Ip(input).ToString() == expected);
    CHECK(Ip(expected) == Ip(input));  // The canonical form parses back.
  }
}

TEST_CASE("IpAddress::Bit indexes from the most significant bit", "[ip]") {
  IpAddress v4 = IpAddress::V4(0x80000001u);
  CHECK(v4.Bit(0));
  CHECK_FALSE(v4.Bit(1));
  CHECK_FALSE(v4.Bit(30));
  CHECK(v4.Bit(31));

  IpAddress v6 = Ip("8000::1:0:0:1");
  CHECK(v6.Bit(0));
  CHECK_FALSE(v6.Bit(1));
  CHECK_FALSE(v6.Bit(63));
  CHECK_FALSE(v6.Bit(64));
  CHECK(v6.Bit(79));
  CHECK(v6.Bit(127));
  CHECK_FALSE(v6.Bit(126));
  CHECK(Ip("::1:0:0:0:0").Bit(63));
}

TEST_CASE("IpAddress::Plus adds modulo the family width", "[ip]") {
  CHECK(Ip("10.1.0.0").Plus(4) == Ip("10.1.0.4"));
  CHECK(Ip("10.0.0.255").Plus(1) == Ip("10.0.1.0"));
  CHECK(Ip("255.255.255.255").Plus(1) == Ip("0.0.0.0"));
  CHECK(Ip("0.0.0.0").Plus(0x100000005ull) == Ip("0.0.0.5"));
  CHECK(Ip("fd00::").Plus(0x10) == Ip("fd00::10"));
  CHECK(Ip("::ffff:ffff:ffff:ffff").Plus(1) == Ip("0:0:0:1::"));
  CHECK(Ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").Plus(1) == Ip("::"));
  CHECK(Ip("1.2.3.4").Plus(0).family() == IpFamily::kV4);
}

TEST_CASE("IpAddress orders by family then value, and hashes consistently", "[ip]") {
  CHECK(Ip("10.0.0.1") < Ip("10.0.0.2"));
  CHECK(Ip("9.255.255.255") < Ip("10.0.0.0"));
  CHECK(Ip("255.255.255.255") < Ip("::"));  // Every v4 sorts before every v6.
  CHECK(Ip("::ffff:ffff") < Ip("1::"));
  CHECK(Ip("10.0.0.1") == Ip("10.0.0.1"));
  CHECK(Ip("::a00:1") != Ip("10.0.0.1"));

  IpAddress::Hash hash;
  CHECK(hash(Ip("10.0.0.1")) == hash(IpAddress::V4(0x0A000001u)));
  std::unordered_set<IpAddress, IpAddress::Hash> set = {Ip("10.0.0.1"), Ip("::a00:1"),
                                                         Ip("10.0.0.1"), Ip("fd00::")};
  CHECK(set.size() == 3);
  CHECK(set.count(Ip("10.0.0.1")) == 1);
  CHECK(set.count(Ip("10.0.0.2")) == 0);
}

TEST_CASE("Prefix parses CIDR text", "[ip][prefix]") {
  Prefix p = Pfx("10.1.0.0/16");
  CHECK(p.address() == Ip("10.1.0.0"));
  CHECK(p.length() == 16);
  CHECK(p.family() == IpFamily::kV4);
  CHECK(p.ToString() == "10.1.0.0/16");
  CHECK(Pfx("0.0.0.0/0").length() == 0);
  CHECK(Pfx("10.1.0.4/32").ToString() == "10.1.0.4/32");
  CHECK(Pfx("fd00::/8").ToString() == "fd00::/8");
  CHECK(Pfx("fd00::/8").family() == IpFamily::kV6);
  CHECK(Pfx("::/0").ToString() == "::/0");
  CHECK(Pfx("2001:DB8:0::1/128").ToString() == "2001:db8::1/128");
  CHECK(Pfx("::ffff:10.0.0.0/104").ToString() == "::ffff:10.0.0.0/104");
  CHECK(Prefix() == Pfx("0.0.0.0/0"));
  CHECK(Prefix::Parse("10.0.0.0/8", nullptr).has_value());
}

TEST_CASE("Prefix::Parse rejects host bits, ParseLenient clears and flags them",
          "[ip][prefix]") {
  CHECK(PrefixError("10.1.0.1/16") == "'10.1.0.1/16' has host bits set; the network is 10.1.0.0/16");
  CHECK_THAT(PrefixError("fd00::1/64"), Contains("host bits"));
  CHECK_THAT(PrefixError("10.0.0.0/6"), Contains("host bits"));  // 10 = 0b00001010.
  CHECK(Pfx("10.0.0.0/7").length() == 7);

  bool had_host_bits = false;
  std::string error;
  std::optional<Prefix> lenient = Prefix::ParseLenient("10.1.0.1/16", &had_host_bits, &error);
  REQUIRE(lenient.has_value());
  CHECK(had_host_bits);
  CHECK(*lenient == Pfx("10.1.0.0/16"));

  lenient = Prefix::ParseLenient("fd00::1/64", &had_host_bits, &error);
  REQUIRE(lenient.has_value());
  CHECK(had_host_bits);
  CHECK(lenient->ToString() == "fd00::/64");

  lenient = Prefix::ParseLenient("10.1.0.0/16", &had_host_bits, &error);
  REQUIRE(lenient.has_value());
  CHECK_FALSE(had_host_bits);

  had_host_bits = true;
  CHECK_FALSE(Prefix::ParseLenient("10.1.0.0/33", &had_host_bits, &error).has_value());
  CHECK_FALSE(had_host_bits);
  CHECK_THAT(error, Contains("out of range"));
  CHECK(Prefix::ParseLenient("10.1.0.1/16", nullptr, nullptr).has_value());
}

TEST_CASE("Prefix::Parse validates the length", "[ip][prefix]") {
  CHECK(PrefixError("10.0.0.0/33") ==
        "'10.0.0.0/33' is not a valid CIDR prefix: prefix length '33' is out of range for "
        "IPv4 (0-32)");
  CHECK_THAT(PrefixError("10.0.0.0/-1"), Contains("prefix length '-1' is not a decimal number"));
  CHECK_THAT(PrefixError("10.0.0.0/129"), Contains("out of range for IPv4"));
  CHECK_THAT(PrefixError("fd00::/129"), Contains("out of range for IPv6 (0-128)"));
  CHECK_THAT(PrefixError("fd00::/99999999999999999999"), Contains("out of range"));
  CHECK_THAT(PrefixError("10.0.0.0"), Contains("prefix length is missing"));
  CHECK_THAT(PrefixError("fd00::"), Contains("prefix length is missing"));
  CHECK_THAT(PrefixError("10.0.0.0/"), Contains("prefix length is empty"));
  CHECK_THAT(PrefixError("10.0.0.0/08"), Contains("leading zero"));
  CHECK_THAT(PrefixError("10.0.0.0/+8"), Contains("not a decimal number"));
  CHECK_THAT(PrefixError("10.0.0.0/8/8"), Contains("not a decimal number"));
  CHECK_THAT(PrefixError("10.0.0.0/8 "), Contains("whitespace"));
  CHECK_THAT(PrefixError("10.0.0.0/ 8"), Contains("whitespace"));
  CHECK_THAT(PrefixError("/8"), Contains("address is empty"));
  CHECK_THAT(PrefixError(""), Contains("empty"));
  CHECK(PrefixError("010.0.0.0/8") ==
        "'010.0.0.0/8' is not a valid CIDR prefix: octet '010' has a leading zero");
  CHECK_THAT(PrefixError("fe80::%1/64"), Contains("zone ids"));
  CHECK(Pfx("10.0.0.0/32").length() == 32);
  CHECK(Pfx("fd00::/128").length() == 128);
}

TEST_CASE("Prefix::Make clears host bits and clamps the length", "[ip][prefix]") {
  CHECK(Prefix::Make(Ip("10.1.2.3"), 16) == Pfx("10.1.0.0/16"));
  CHECK(Prefix::Make(Ip("10.1.2.3"), 0) == Pfx("0.0.0.0/0"));
  CHECK(Prefix::Make(Ip("10.1.2.3"), 32) == Pfx("10.1.2.3/32"));
  CHECK(Prefix::Make(Ip("10.1.2.3"), 40) == Pfx("10.1.2.3/32"));
  CHECK(Prefix::Make(Ip("10.1.2.3"), -1) == Pfx("0.0.0.0/0"));
  CHECK(Prefix::Make(Ip("fd00:1:2:3:4:5:6:7"), 64) == Pfx("fd00:1:2:3::/64"));
  CHECK(Prefix::Make(Ip("fd00:1:2:3:4:5:6:7"), 72) == Pfx("fd00:1:2:3::/72"));
  CHECK(Prefix::Make(Ip("fd00:1:2:3:4:5:6:7"), 80) == Pfx("fd00:1:2:3:4::/80"));
  CHECK(Prefix::Make(Ip("fd00:1:2:3:4:5:6:7"), 127) == Pfx("fd00:1:2:3:4:5:6:6/127"));
  CHECK(Prefix::Make(Ip("fd00:1:2:3:4:5:6:7"), 7) == Pfx("fc00::/7"));
  CHECK(Prefix::Make(Ip("fd00:1:2:3:4:5:6:7"), 128).ToString() == "fd00:1:2:3:4:5:6:7/128");
}

TEST_CASE("Prefix containment and overlap", "[ip][prefix]") {
  Prefix ten = Pfx("10.0.0.0/8");
  CHECK(ten.Contains(Ip("10.1.2.3")));
  CHECK(ten.Contains(Ip("10.255.255.255")));
  CHECK_FALSE(ten.Contains(Ip("11.0.0.0")));
  CHECK_FALSE(ten.Contains(Ip("9.255.255.255")));
  CHECK(ten.Contains(Pfx("10.1.0.0/16")));
  CHECK(ten.Contains(ten));
  CHECK_FALSE(Pfx("10.1.0.0/16").Contains(ten));
  CHECK_FALSE(ten.Contains(Pfx("11.0.0.0/16")));
  CHECK(Pfx("10.1.0.4/32").Contains(Ip("10.1.0.4")));
  CHECK_FALSE(Pfx("10.1.0.4/32").Contains(Ip("10.1.0.5")));

  // Families never mix, not even for the default routes or v4-mapped space.
  Prefix any_v4 = Pfx("0.0.0.0/0");
  Prefix any_v6 = Pfx("::/0");
  CHECK(any_v4.Contains(Ip("203.0.113.9")));
  CHECK_FALSE(any_v4.Contains(Ip("::ffff:10.0.0.1")));
  CHECK_FALSE(any_v4.Contains(Ip("::")));
  CHECK_FALSE(any_v6.Contains(Ip("0.0.0.0")));
  CHECK_FALSE(any_v4.Contains(any_v6));
  CHECK_FALSE(any_v6.Contains(any_v4));
  CHECK_FALSE(any_v4.Overlaps(any_v6));
  CHECK_FALSE(Pfx("::ffff:0:0/96").Contains(Ip("10.0.0.1")));
  CHECK(Pfx("::ffff:0:0/96").Contains(Ip("::ffff:10.0.0.1")));
  CHECK(Pfx("fd00::/8").Contains(Pfx("fd12:3456::/32")));
  CHECK_FALSE(Pfx("fd00::/8").Contains(Ip("fe80::1")));
  CHECK(Pfx("2001:db8::/64").Contains(Ip("2001:db8::ffff:ffff:ffff:ffff")));
  CHECK_FALSE(Pfx("2001:db8::/64").Contains(Ip("2001:db8:0:1::")));

  CHECK(ten.Overlaps(Pfx("10.1.0.0/16")));
  CHECK(Pfx("10.1.0.0/16").Overlaps(ten));
  CHECK(ten.Overlaps(ten));
  CHECK(any_v4.Overlaps(Pfx("192.168.1.0/24")));
  CHECK_FALSE(Pfx("10.1.0.0/16").Overlaps(Pfx("10.2.0.0/16")));
  CHECK_FALSE(Pfx("10.1.0.0/24").Overlaps(Pfx("10.1.1.0/24")));  // Adjacent.
  CHECK(Pfx("fd00::/16").Overlaps(Pfx("fd00:1::/32")));
  CHECK_FALSE(Pfx("fd00::/16").Overlaps(Pfx("fd01::/16")));
}

TEST_CASE("Prefix First, Last and Host", "[ip][prefix]") {
  Prefix subnet = Pfx("10.1.0.0/26");
  CHECK(subnet.First() == Ip("10.1.0.0"));
  CHECK(subnet.Last() == Ip("10.1.0.63"));
  CHECK(subnet.Host(0) == Ip("10.1.0.0"));
  CHECK(subnet.Host(4) == Ip("10.1.0.4"));  // Azure's first assignable address.
  CHECK(subnet.Host(63) == subnet.Last());
  CHECK(subnet.Host(64) == std::nullopt);
  CHECK(subnet.Host(UINT64_MAX) == std::nullopt);

  CHECK(Pfx("10.1.0.4/32").Last() == Ip("10.1.0.4"));
  CHECK(Pfx("10.1.0.4/32").Host(0) == Ip("10.1.0.4"));
  CHECK(Pfx("10.1.0.4/32").Host(1) == std::nullopt);
  CHECK(Pfx("10.0.0.0/31").Host(1) == Ip("10.0.0.1"));
  CHECK(Pfx("10.0.0.0/31").Host(2) == std::nullopt);

  Prefix all_v4 = Pfx("0.0.0.0/0");
  CHECK(all_v4.Last() == Ip("255.255.255.255"));
  CHECK(all_v4.Host(0xFFFFFFFFull) == Ip("255.255.255.255"));
  CHECK(all_v4.Host(0x100000000ull) == std::nullopt);  // Would wrap to 0.0.0.0.

  CHECK(Pfx("2001:db8::/64").Last() == Ip("2001:db8::ffff:ffff:ffff:ffff"));
  CHECK(Pfx("2001:db8::/64").Host(UINT64_MAX) == Ip("2001:db8::ffff:ffff:ffff:ffff"));
  CHECK(Pfx("2001:db8::/65").Host(0x8000000000000000ull) == std::nullopt);
  CHECK(Pfx("2001:db8::/65").Host(0x7FFFFFFFFFFFFFFFull) == Pfx("2001:db8::/65").Last());
  CHECK(Pfx("2001:db8::/48").Last() == Ip("2001:db8:0:ffff:ffff:ffff:ffff:ffff"));
  CHECK(Pfx("2001:db8::/48").Host(UINT64_MAX) == Ip("2001:db8::ffff:ffff:ffff:ffff"));
  CHECK(Pfx("::/0").Last() == Ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  CHECK(Pfx("fd00::5/128").Host(0) == Ip("fd00::5"));
  CHECK(Pfx("fd00::5/128").Host(1) == std::nullopt);
}

TEST_CASE("Prefix orders by family, address, then length", "[ip][prefix]") {
  std::vector<Prefix> prefixes = {Pfx("fd00::/8"),    Pfx("10.1.0.0/16"), Pfx("10.0.0.0/16"),
                                  Pfx("10.0.0.0/8"),  Pfx("::/0"),        Pfx("0.0.0.0/0"),
                                  Pfx("9.0.0.0/8")};
  std::sort(prefixes.begin(), prefixes.end());
  std::vector<std::string> text;
  for (const Prefix& p : prefixes) text.push_back(p.ToString());
  CHECK(text == std::vector<std::string>{"0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16",
                                         "10.1.0.0/16", "::/0", "fd00::/8"});
  Prefix::Hash hash;
  CHECK(hash(Pfx("10.0.0.0/8")) == hash(Prefix::Make(Ip("10.9.9.9"), 8)));
  CHECK(hash(Pfx("10.0.0.0/8")) != hash(Pfx("10.0.0.0/16")));
}

TEST_CASE("CoveringSupernet", "[ip][prefix]") {
  CHECK(CoveringSupernet({Pfx("10.1.0.0/22"), Pfx("10.1.4.0/22"), Pfx("10.1.8.0/22")}) ==
        Pfx("10.1.0.0/20"));
  CHECK(CoveringSupernet({Pfx("10.1.4.0/22")}) == Pfx("10.1.4.0/22"));
  CHECK(CoveringSupernet({Pfx("10.1.0.0/16"), Pfx("0.0.0.0/0"), Pfx("192.168.0.0/24")}) ==
        Pfx("0.0.0.0/0"));
  CHECK(CoveringSupernet({Pfx("10.0.0.0/24"), Pfx("10.0.0.0/16")}) == Pfx("10.0.0.0/16"));
  CHECK(CoveringSupernet({Pfx("10.0.0.0/24"), Pfx("11.0.0.0/24")}) == Pfx("10.0.0.0/7"));
  CHECK(CoveringSupernet({Pfx("10.0.0.0/24"), Pfx("10.0.1.0/24")}) == Pfx("10.0.0.0/23"));
  CHECK(CoveringSupernet({Pfx("10.0.0.0/8"), Pfx("192.168.0.0/16")}) == Pfx("0.0.0.0/0"));
  CHECK(CoveringSupernet({Pfx("fd00:1::/32"), Pfx("fd00:2::/32")}) == Pfx("fd00::/30"));
  CHECK(CoveringSupernet({}) == std::nullopt);
  CHECK(CoveringSupernet({Pfx("10.0.0.0/8"), Pfx("fd00::/8")}) == std::nullopt);
}

TEST_CASE("PrefixTable longest-prefix match", "[ip][table]") {
  PrefixTable<std::string> table;
  CHECK(table.empty());
  CHECK(table.Lookup(Ip("10.1.4.1")) == nullptr);
  CHECK(table.LookupCovering(Pfx("10.1.4.0/24")) == nullptr);

  table.Insert(Pfx("0.0.0.0/0"), "default");
  table.Insert(Pfx("10.0.0.0/8"), "ten");
  table.Insert(Pfx("10.1.0.0/16"), "spoke");
  table.Insert(Pfx("10.1.4.0/22"), "subnet");
  table.Insert(Pfx("::/0"), "v6-default");
  table.Insert(Pfx("::ffff:0:0/96"), "v4-mapped");
  CHECK(table.size() == 6);

  auto lookup = [&](const char* ip) {
    const std::string* value = table.Lookup(Ip(ip));
    return value ? *value : std::string("<none>");
  };
  CHECK(lookup("10.1.4.1") == "subnet");
  CHECK(lookup("10.1.7.255") == "subnet");
  CHECK(lookup("10.1.8.0") == "spoke");
  CHECK(lookup("10.1.3.255") == "spoke");
  CHECK(lookup("10.2.0.1") == "ten");
  CHECK(lookup("8.8.8.8") == "default");
  CHECK(lookup("255.255.255.255") == "default");
  CHECK(lookup("fd00::1") == "v6-default");
  CHECK(lookup("::ffff:10.1.4.1") == "v4-mapped");

  Prefix matched;
  const std::string* covering = table.LookupCovering(Pfx("10.1.4.0/24"), &matched);
  REQUIRE(covering != nullptr);
  CHECK(*covering == "subnet");
  CHECK(matched == Pfx("10.1.4.0/22"));

  covering = table.LookupCovering(Pfx("10.0.0.0/7"), &matched);
  REQUIRE(covering != nullptr);
  CHECK(*covering == "default");
  CHECK(matched == Pfx("0.0.0.0/0"));

  covering = table.LookupCovering(Pfx("10.1.4.0/22"), &matched);  // Equal counts.
  REQUIRE(covering != nullptr);
  CHECK(matched == Pfx("10.1.4.0/22"));
  covering = table.LookupCovering(Pfx("10.1.0.0/20"), &matched);  // Wider than the /22.
  REQUIRE(covering != nullptr);
  CHECK(matched == Pfx("10.1.0.0/16"));
  covering = table.LookupCovering(Pfx("10.1.4.7/32"));  // No out-parameter.
  REQUIRE(covering != nullptr);
  CHECK(*covering == "subnet");

  CHECK(*table.Find(Pfx("10.1.0.0/16")) == "spoke");
  CHECK(table.Find(Pfx("10.1.0.0/17")) == nullptr);
  CHECK(table.Find(Pfx("10.0.0.0/15")) == nullptr);
  CHECK(table.Find(Pfx("11.0.0.0/8")) == nullptr);
  CHECK(*table.Find(Pfx("0.0.0.0/0")) == "default");
  CHECK(*table.Find(Pfx("::/0")) == "v6-default");

  table.Insert(Pfx("10.1.0.0/16"), "spoke-2");  // Replaces, does not add.
  CHECK(table.size() == 6);
  CHECK(lookup("10.1.8.0") == "spoke-2");
}

TEST_CASE("PrefixTable keeps families apart", "[ip][table]") {
  PrefixTable<int> table;
  table.Insert(Pfx("::/0"), 6);
  table.Insert(Pfx("::ffff:0:0/96"), 7);
  table.Insert(Pfx("::a00:0/104"), 8);  // Same low bits as 10.0.0.0/8.
  CHECK(table.Lookup(Ip("10.0.0.1")) == nullptr);
  CHECK(table.Lookup(Ip("0.0.0.0")) == nullptr);
  CHECK(table.LookupCovering(Pfx("10.0.0.0/8")) == nullptr);
  CHECK(table.Find(Pfx("0.0.0.0/0")) == nullptr);
  CHECK(*table.Lookup(Ip("::a00:1")) == 8);

  PrefixTable<int> v4_only;
  v4_only.Insert(Pfx("0.0.0.0/0"), 4);
  CHECK(v4_only.Lookup(Ip("::")) == nullptr);
  CHECK(v4_only.Lookup(Ip("::ffff:1.2.3.4")) == nullptr);
  CHECK(v4_only.LookupCovering(Pfx("::/0")) == nullptr);
}

TEST_CASE("PrefixTable::ForEach visits in ascending prefix order", "[ip][table]") {
  const std::vector<std::string> inserted = {
      "fd00::/8",      "10.1.4.0/22", "::/0",       "10.0.0.0/8", "192.168.0.0/16",
      "0.0.0.0/0",     "10.1.0.0/16", "10.0.0.0/9", "fd00::/16",  "10.128.0.0/9",
      "10.1.4.0/24",   "1.2.3.4/32",  "fc00::/7"};
  PrefixTable<int> table;
  for (size_t i = 0; i < inserted.size(); ++i) {
    table.Insert(Pfx(inserted[i]), static_cast<int>(i));
  }
  std::vector<std::string> visited;
  std::vector<int> values;
  table.ForEach([&](const Prefix& prefix, const int& value) {
    visited.push_back(prefix.ToString());
    values.push_back(value);
  });
  CHECK(visited == std::vector<std::string>{
                       "0.0.0.0/0", "1.2.3.4/32", "10.0.0.0/8", "10.0.0.0/9", "10.1.0.0/16",
                       "10.1.4.0/22", "10.1.4.0/24", "10.128.0.0/9", "192.168.0.0/16", "::/0",
                       "fc00::/7", "fd00::/8", "fd00::/16"});
  REQUIRE(values.size() == visited.size());
  for (size_t i = 0; i < visited.size(); ++i) CHECK(inserted[values[i]] == visited[i]);

  PrefixTable<int> empty;
  int calls = 0;
  empty.ForEach([&](const Prefix&, const int&) { ++calls; });
  CHECK(calls == 0);
}

TEST_CASE("PrefixTable agrees with a linear scan on random data", "[ip][table]") {
  std::mt19937_64 rng(20240601);  // Fixed seed: failures reproduce.
  // Few distinct high bits so prefixes nest and collide often.
  auto random_v4 = [&] { return IpAddress::V4(static_cast<uint32_t>(rng()) & 0xF0F0FF00u); };
  auto random_v6 = [&] {
    return IpAddress::V6(rng() & 0xF000F00000000000ull, rng() & 0xFF000000000000FFull);
  };
  std::vector<std::pair<Prefix, int>> entries;
  PrefixTable<int> table;
  for (int i = 0; i < 400; ++i) {
    const bool v4 = rng() % 2 == 0;
    const IpAddress address = v4 ? random_v4() : random_v6();
    const Prefix prefix = Prefix::Make(address, static_cast<int>(rng() % (address.bits() + 1)));
    table.Insert(prefix, i);
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&](const auto& entry) { return entry.first == prefix; });
    if (it != entries.end()) it->second = i;
    else entries.emplace_back(prefix, i);
  }
  REQUIRE(table.size() == entries.size());

  for (int i = 0; i < 2000; ++i) {
    const bool v4 = rng() % 2 == 0;
    const IpAddress ip = v4 ? random_v4() : random_v6();
    const std::pair<Prefix, int>* best = nullptr;
    for (const auto& entry : entries) {
      if (entry.first.Contains(ip) && (!best || entry.first.length() > best->first.length())) {
        best = &entry;
      }
    }
    const int* found = table.Lookup(ip);
    INFO(ip.ToString());
    REQUIRE((found == nullptr) == (best == nullptr));
    if (best) CHECK(*found == best->second);

    const Prefix query = Prefix::Make(ip, static_cast<int>(rng() % (ip.bits() + 1)));
    best = nullptr;
    for (const auto& entry : entries) {
      if (entry.first.Contains(query) && (!best || entry.first.length() > best->first.length())) {
        best = &entry;
      }
    }
    Prefix matched;
    found = table.LookupCovering(query, &matched);
    INFO(query.ToString());
    REQUIRE((found == nullptr) == (best == nullptr));
    if (best) {
      CHECK(*found == best->second);
      CHECK(matched == best->first);
    }
  }

  std::vector<Prefix> expected;
  for (const auto& entry : entries) expected.push_back(entry.first);
  std::sort(expected.begin(), expected.end());
  std::vector<Prefix> visited;
  table.ForEach([&](const Prefix& prefix, const int&) { visited.push_back(prefix); });
  CHECK(visited == expected);
}

}  // namespace
}  // namespace routelint

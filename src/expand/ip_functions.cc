// parseCidr, cidrSubnet and cidrHost, as documented in
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr
#include "expand/ip_functions.h"

#include <fmt/format.h>

#include "base/ip.h"

namespace routelint {
namespace {

bool ReadPrefix(const Json& arg, const char* function, Prefix* out, Evaluator& ev) {
  if (!arg.is_string()) {
    ev.Error(fmt::format("{}(): the network must be a CIDR string", function));
    return false;
  }
  std::string error;
  bool host_bits = false;
  std::optional<Prefix> prefix = Prefix::ParseLenient(arg.get<std::string>(), &host_bits, &error);
  if (!prefix) {
    ev.Error(fmt::format("{}(): {}", function, error));
    return false;
  }
  *out = *prefix;
  return true;
}

IpAddress Netmask(const Prefix& p) {
  if (p.family() == IpFamily::kV4) {
    return IpAddress::V4(p.length() == 0 ? 0 : ~uint32_t{0} << (32 - p.length()));
  }
  const int len = p.length();
  const uint64_t high = len == 0 ? 0 : (len >= 64 ? ~uint64_t{0} : ~uint64_t{0} << (64 - len));
  const uint64_t low = len <= 64 ? 0 : (len == 128 ? ~uint64_t{0} : ~uint64_t{0} << (128 - len));
  return IpAddress::V6(high, low);
}

}  // namespace

Json ParseCidrFunction(const std::vector<Json>& args, Evaluator& ev) {
  Prefix p;
  if (!ReadPrefix(args[0], "parseCidr", &p, ev)) return UnknownValue();
  const int bits = p.address().bits();
  Json out = Json::object();
  out["network"] = p.First().ToString();
  out["netmask"] = Netmask(p).ToString();
  const bool tiny = p.length() >= bits - 1;  // /31 and /32 have no network/broadcast to skip
  if (p.family() == IpFamily::kV4) out["broadcast"] = p.Last().ToString();
  // IPv6 has no network address to skip: its first usable address is the first.
  out["firstUsable"] = tiny || p.family() == IpFamily::kV6 ? p.First().ToString() : p.First().Plus(1).ToString();
  out["lastUsable"] = tiny || p.family() == IpFamily::kV6 ? p.Last().ToString() : p.Last().Plus(~uint64_t{0}).ToString();
  out["cidr"] = p.length();
  return out;
}

Json CidrSubnetFunction(const std::vector<Json>& args, Evaluator& ev) {
  Prefix p;
  if (!ReadPrefix(args[0], "cidrSubnet", &p, ev)) return UnknownValue();
  if (!args[1].is_number_integer() || !args[2].is_number_integer()) {
    return ev.Error("cidrSubnet(): newCIDR and subnetIndex must be integers");
  }
  const int64_t new_length = args[1].get<int64_t>();
  const int64_t index = args[2].get<int64_t>();
  if (new_length < p.length() || new_length > p.address().bits()) {
    return ev.Error(fmt::format("cidrSubnet(): newCIDR {} must be between {} and {}", new_length, p.length(),
                                p.address().bits()));
  }
  const int64_t extra_bits = new_length - p.length();
  if (index < 0 || (extra_bits < 63 && index >= (int64_t{1} << extra_bits))) {
    return ev.Error(fmt::format("cidrSubnet(): subnetIndex {} is out of range", index));
  }
  const int shift = p.address().bits() - static_cast<int>(new_length);
  if (shift >= 64) {
    // The index lands in the high 64 bits of an IPv6 address.
    const IpAddress& a = p.address();
    return Json(Prefix::Make(IpAddress::V6(a.high() + (static_cast<uint64_t>(index) << (shift - 64)), a.low()),
                             static_cast<int>(new_length)).ToString());
  }
  const IpAddress start = p.address().Plus(static_cast<uint64_t>(index) << shift);
  return Json(Prefix::Make(start, static_cast<int>(new_length)).ToString());
}

Json CidrHostFunction(const std::vector<Json>& args, Evaluator& ev) {
  Prefix p;
  if (!ReadPrefix(args[0], "cidrHost", &p, ev)) return UnknownValue();
  if (!args[1].is_number_integer() || args[1].get<int64_t>() < 0) {
    return ev.Error("cidrHost(): hostIndex must be a non-negative integer");
  }
  // Index 0 is the first usable address, one past the network address.
  const uint64_t offset = static_cast<uint64_t>(args[1].get<int64_t>()) + 1;
  std::optional<IpAddress> host = p.Host(offset);
  if (!host || *host == p.Last()) {
    if (!(host && p.family() == IpFamily::kV6)) {
      return ev.Error(fmt::format("cidrHost(): hostIndex {} is outside {}", args[1].get<int64_t>(), p.ToString()));
    }
  }
  return Json(host->ToString());
}

}  // namespace routelint

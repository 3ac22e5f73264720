#include "base/ip.h"

#include <algorithm>
#include <bit>

#include "base/strings.h"

namespace routelint {

namespace {

constexpr uint64_t kAllOnes = ~uint64_t{0};

// Parsers report a bare reason ("octet '256' is out of range"); the public
// entry points wrap it with the whole input and what it was meant to be, so
// the same reason reads well for addresses and for prefixes.
void SetError(std::string* error, std::string_view text, std::string_view what,
              const std::string& reason) {
  if (error == nullptr) return;
  *error = "'";
  error->append(text);
  error->append("' is not a valid ");
  error->append(what);
  error->append(": ");
  error->append(reason);
}


// Checks for characters that never belong in an address, with a message aimed
// at the usual causes (copy-pasted whitespace, zone ids, URL brackets).
bool CheckCharacters(std::string_view text, std::string* reason) {
  if (text.empty()) {
    *reason = "the address is empty";
    return false;
  }
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      *reason = "it contains whitespace";
      return false;
    }
    if (c == '%') {
      *reason = "zone ids ('%...') are not supported";
      return false;
    }
    if (c == '[' || c == ']') {
      *reason = "brackets are not part of an address";
      return false;
    }
  }
  return true;
}

// Strict dotted quad: exactly four decimal octets 0-255 without leading zeros,
// because "010" means 8 to inet_aton but 10 to most people.
bool ParseV4(std::string_view text, uint32_t* out, std::string* reason) {
  uint32_t value = 0;
  int octets = 0;
  size_t pos = 0;
  while (true) {
    size_t dot = text.find('.', pos);
    std::string_view octet = text.substr(pos, dot == std::string_view::npos ? dot : dot - pos);
    if (octet.empty()) {
      *reason = "empty octet";
      return false;
    }
    if (++octets > 4) {
      *reason = "expected 4 dot-separated octets";
      return false;
    }
    for (char c : octet) {
      if (!IsAsciiDigit(c)) {
        *reason = "octet '" + std::string(octet) + "' is not a decimal number";
        return false;
      }
    }
    if (octet.size() > 1 && octet[0] == '0') {
      *reason = "octet '" + std::string(octet) + "' has a leading zero";
      return false;
    }
    int octet_value = 0;
    if (octet.size() <= 3) {
      for (char c : octet) octet_value = octet_value * 10 + (c - '0');
    }
    if (octet.size() > 3 || octet_value > 255) {
      *reason = "octet '" + std::string(octet) + "' is out of range (0-255)";
      return false;
    }
    value = (value << 8) | static_cast<uint32_t>(octet_value);
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  if (octets != 4) {
    *reason = "expected 4 dot-separated octets";
    return false;
  }
  *out = value;
  return true;
}

// Parses a ':'-separated run of groups (one side of a "::") into `groups`,
// appending at *count. The last group may be an embedded dotted quad when
// `allow_v4` is set; it takes two groups.
bool ParseV6Groups(std::string_view text, bool allow_v4, uint16_t* groups, int* count,
                   std::string* reason) {
  if (text.empty()) return true;
  size_t pos = 0;
  while (true) {
    size_t colon = text.find(':', pos);
    const bool last = colon == std::string_view::npos;
    std::string_view group = text.substr(pos, last ? colon : colon - pos);
    if (group.empty()) {
      *reason = "misplaced ':' (empty group)";
      return false;
    }
    if (group.find('.') != std::string_view::npos) {
      if (!last || !allow_v4) {
        *reason = "an embedded IPv4 address may only end the address";
        return false;
      }
      uint32_t v4 = 0;
      if (!ParseV4(group, &v4, reason)) return false;
      if (*count + 2 > 8) {
        *reason = "too many groups";
        return false;
      }
      groups[(*count)++] = static_cast<uint16_t>(v4 >> 16);
      groups[(*count)++] = static_cast<uint16_t>(v4 & 0xffff);
      return true;
    }
    if (group.size() > 4) {
      *reason = "group '" + std::string(group) + "' has more than 4 hex digits";
      return false;
    }
    uint32_t value = 0;
    for (char c : group) {
      int digit = HexDigitValue(c);
      if (digit < 0) {
        *reason = "group '" + std::string(group) + "' is not hexadecimal";
        return false;
      }
      value = value * 16 + static_cast<uint32_t>(digit);
    }
    if (*count + 1 > 8) {
      *reason = "too many groups";
      return false;
    }
    groups[(*count)++] = static_cast<uint16_t>(value);
    if (last) return true;
    pos = colon + 1;
  }
}

bool ParseV6(std::string_view text, uint64_t* high, uint64_t* low, std::string* reason) {
  const size_t gap = text.find("::");
  const bool compressed = gap != std::string_view::npos;
  std::string_view head = compressed ? text.substr(0, gap) : text;
  std::string_view tail = compressed ? text.substr(gap + 2) : std::string_view();
  if (compressed && tail.find("::") != std::string_view::npos) {
    *reason = "'::' may appear only once";
    return false;
  }
  uint16_t head_groups[8] = {};
  uint16_t tail_groups[8] = {};
  int head_count = 0;
  int tail_count = 0;
  if (!ParseV6Groups(head, /*allow_v4=*/!compressed, head_groups, &head_count, reason) ||
      !ParseV6Groups(tail, /*allow_v4=*/true, tail_groups, &tail_count, reason)) {
    return false;
  }
  if (!compressed && head_count != 8) {
    *reason = "expected 8 groups (or '::')";
    return false;
  }
  if (compressed && head_count + tail_count > 7) {
    *reason = "too many groups for '::'";
    return false;
  }
  uint16_t groups[8] = {};
  std::copy(head_groups, head_groups + head_count, groups);
  std::copy(tail_groups, tail_groups + tail_count, groups + 8 - tail_count);
  *high = 0;
  *low = 0;
  for (int i = 0; i < 4; ++i) *high = (*high << 16) | groups[i];
  for (int i = 4; i < 8; ++i) *low = (*low << 16) | groups[i];
  return true;
}

bool ParseAddress(std::string_view text, IpAddress* out, std::string* reason) {
  if (!CheckCharacters(text, reason)) return false;
  if (text.find(':') != std::string_view::npos) {
    uint64_t high = 0;
    uint64_t low = 0;
    if (!ParseV6(text, &high, &low, reason)) return false;
    *out = IpAddress::V6(high, low);
    return true;
  }
  uint32_t value = 0;
  if (!ParseV4(text, &value, reason)) return false;
  *out = IpAddress::V4(value);
  return true;
}

// Host-part masks for a prefix length: the bits at index >= length.
uint64_t HostMaskHigh(int length) { return length >= 64 ? 0 : kAllOnes >> length; }
uint64_t HostMaskLow(int length) {
  if (length <= 64) return kAllOnes;
  return length >= 128 ? 0 : kAllOnes >> (length - 64);
}
uint32_t HostMaskV4(int length) { return length >= 32 ? 0 : ~uint32_t{0} >> length; }

IpAddress ClearHostBits(const IpAddress& ip, int length) {
  if (ip.is_v4()) return IpAddress::V4(ip.v4() & ~HostMaskV4(length));
  return IpAddress::V6(ip.high() & ~HostMaskHigh(length), ip.low() & ~HostMaskLow(length));
}

// Number of leading bits `a` and `b` share; both must be the same family.
int CommonPrefixLength(const IpAddress& a, const IpAddress& b) {
  if (a.is_v4()) return std::countl_zero(a.v4() ^ b.v4());
  const uint64_t high = a.high() ^ b.high();
  if (high != 0) return std::countl_zero(high);
  return 64 + std::countl_zero(a.low() ^ b.low());
}

uint64_t Mix(uint64_t x) {
  // splitmix64 finaliser: spreads every input bit over the whole result.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

void AppendDecimal(unsigned value, std::string* out) {
  char buffer[10];  // Enough for any 32-bit unsigned.
  int n = 0;
  do {
    buffer[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out->push_back(buffer[--n]);
}

void AppendV4(uint32_t value, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    AppendDecimal((value >> shift) & 0xff, out);
    if (shift != 0) out->push_back('.');
  }
}

void AppendHexGroup(uint16_t value, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const int digit = (value >> shift) & 0xf;
    if (digit != 0 || started || shift == 0) {
      out->push_back(kDigits[digit]);
      started = true;
    }
  }
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text, std::string* error) {
  IpAddress ip;
  std::string reason;
  if (!ParseAddress(text, &ip, &reason)) {
    SetError(error, text, "IP address", reason);
    return std::nullopt;
  }
  return ip;
}

IpAddress IpAddress::V4(uint32_t value) {
  IpAddress ip;
  ip.family_ = IpFamily::kV4;
  ip.low_ = value;
  return ip;
}

IpAddress IpAddress::V6(uint64_t high, uint64_t low) {
  IpAddress ip;
  ip.family_ = IpFamily::kV6;
  ip.high_ = high;
  ip.low_ = low;
  return ip;
}

IpAddress IpAddress::Plus(uint64_t offset) const {
  if (is_v4()) return V4(static_cast<uint32_t>(low_ + offset));
  const uint64_t low = low_ + offset;
  const uint64_t carry = low < low_ ? 1 : 0;
  return V6(high_ + carry, low);
}

std::string IpAddress::ToString() const {
  std::string out;
  if (is_v4()) {
    AppendV4(v4(), &out);
    return out;
  }
  // RFC 5952 section 5: v4-mapped addresses keep their dotted-quad tail.
  if (high_ == 0 && (low_ >> 32) == 0xffff) {
    out = "::ffff:";
    AppendV4(static_cast<uint32_t>(low_), &out);
    return out;
  }
  uint16_t groups[8];
  for (int i = 0; i < 4; ++i) {
    groups[i] = static_cast<uint16_t>(high_ >> (48 - 16 * i));
    groups[i + 4] = static_cast<uint16_t>(low_ >> (48 - 16 * i));
  }
  // The longest run of at least two zero groups, the first one on a tie.
  int best_start = -1;
  int best_length = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out.append("::");
      i += best_length - 1;
      continue;
    }
    if (i != 0 && i != best_start + best_length) out.push_back(':');
    AppendHexGroup(groups[i], &out);
  }
  return out;
}

size_t IpAddress::Hash::operator()(const IpAddress& ip) const {
  return static_cast<size_t>(
      Mix(Mix(ip.high_ ^ static_cast<uint64_t>(ip.family_)) ^ ip.low_));
}

std::optional<Prefix> Prefix::ParseLenient(std::string_view text, bool* had_host_bits,
                                           std::string* error) {
  if (had_host_bits != nullptr) *had_host_bits = false;
  std::string reason;
  if (!CheckCharacters(text, &reason)) {
    SetError(error, text, "CIDR prefix", reason);
    return std::nullopt;
  }
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    SetError(error, text, "CIDR prefix", "the prefix length is missing (expected address/length)");
    return std::nullopt;
  }
  IpAddress ip;
  if (!ParseAddress(text.substr(0, slash), &ip, &reason)) {
    SetError(error, text, "CIDR prefix", reason);
    return std::nullopt;
  }
  const std::string_view length_text = text.substr(slash + 1);
  const std::string quoted = "prefix length '" + std::string(length_text) + "'";
  bool digits = !length_text.empty();
  for (char c : length_text) digits = digits && IsAsciiDigit(c);
  if (length_text.empty()) {
    reason = "the prefix length is empty";
  } else if (!digits) {
    reason = quoted + " is not a decimal number";
  } else if (length_text.size() > 1 && length_text[0] == '0') {
    reason = quoted + " has a leading zero";
  } else {
    int length = 0;
    if (length_text.size() <= 3) {
      for (char c : length_text) length = length * 10 + (c - '0');
    }
    if (length_text.size() > 3 || length > ip.bits()) {
      reason = quoted + " is out of range for " + (ip.is_v4() ? "IPv4 (0-32)" : "IPv6 (0-128)");
    } else {
      Prefix prefix = Make(ip, length);
      if (had_host_bits != nullptr) *had_host_bits = prefix.address() != ip;
      return prefix;
    }
  }
  SetError(error, text, "CIDR prefix", reason);
  return std::nullopt;
}

std::optional<Prefix> Prefix::Parse(std::string_view text, std::string* error) {
  bool had_host_bits = false;
  std::optional<Prefix> prefix = ParseLenient(text, &had_host_bits, error);
  if (prefix && had_host_bits) {
    if (error != nullptr) {
      *error = "'" + std::string(text) + "' has host bits set; the network is " +
               prefix->ToString();
    }
    return std::nullopt;
  }
  return prefix;
}

Prefix Prefix::Make(IpAddress address, int length) {
  length = std::clamp(length, 0, address.bits());
  return Prefix(ClearHostBits(address, length), length);
}

bool Prefix::Contains(const IpAddress& ip) const {
  return ip.family() == family() && CommonPrefixLength(address_, ip) >= length_;
}

bool Prefix::Contains(const Prefix& other) const {
  return other.length_ >= length_ && Contains(other.address_);
}

bool Prefix::Overlaps(const Prefix& other) const {
  return Contains(other) || other.Contains(*this);
}

IpAddress Prefix::Last() const {
  if (address_.is_v4()) return IpAddress::V4(address_.v4() | HostMaskV4(length_));
  return IpAddress::V6(address_.high() | HostMaskHigh(length_),
                       address_.low() | HostMaskLow(length_));
}

std::optional<IpAddress> Prefix::Host(uint64_t offset) const {
  const int host_bits = address_.bits() - length_;
  if (host_bits < 64 && offset >= (uint64_t{1} << host_bits)) return std::nullopt;
  return address_.Plus(offset);
}

std::string Prefix::ToString() const {
  std::string out = address_.ToString();
  out.push_back('/');
  AppendDecimal(static_cast<unsigned>(length_), &out);
  return out;
}

size_t Prefix::Hash::operator()(const Prefix& prefix) const {
  return IpAddress::Hash()(prefix.address_) ^
         static_cast<size_t>(Mix(static_cast<uint64_t>(prefix.length_)));
}

std::optional<Prefix> CoveringSupernet(const std::vector<Prefix>& prefixes) {
  if (prefixes.empty()) return std::nullopt;
  const Prefix& first = prefixes.front();
  int length = first.length();
  for (const Prefix& prefix : prefixes) {
    if (prefix.family() != first.family()) return std::nullopt;
    length = std::min({length, prefix.length(),
                       CommonPrefixLength(first.address(), prefix.address())});
  }
  return Prefix::Make(first.address(), length);
}

}  // namespace routelint

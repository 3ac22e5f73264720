// IP addresses, CIDR prefixes and a longest-prefix-match table.
//
// Contract:
//  - Parsing is strict and never throws: every Parse returns std::nullopt on bad
//    input and, when `error` is non-null, writes one sentence that quotes the
//    input and says what is wrong with it. Rules surface these messages to users
//    verbatim, so they name the offending part ("octet '010' has a leading zero").
//  - A Prefix never has host bits set: Parse rejects them, ParseLenient and Make
//    clear them. Everything downstream (tables, containment) relies on that.
//  - IPv4 and IPv6 never mix: a v4 prefix does not contain, overlap or match a v6
//    address, and "::ffff:1.2.3.4" is an IPv6 address, not an IPv4 one.
//  - Ordering is family first (v4 before v6), then numeric address, then prefix
//    length (shorter first), so sorted output is stable and human-friendly.
#ifndef ROUTELINT_BASE_IP_H_
#define ROUTELINT_BASE_IP_H_

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace routelint {

enum class IpFamily : uint8_t { kV4, kV6 };

/// An IPv4 or IPv6 address: 128 bits (v4 in the low 32 bits) plus the family.
/// Default-constructed it is 0.0.0.0.
class IpAddress {
 public:
  IpAddress() = default;

  /// Dotted-quad IPv4 ("10.1.0.4") or RFC 4291 IPv6 ("fd00::1",
  /// "::ffff:1.2.3.4"). Rejects empty input, whitespace, leading zeros in
  /// IPv4 octets ("010.1.1.1", which some stacks read as octal), octets above
  /// 255, IPv6 groups longer than four hex digits, zone ids ("fe80::1%eth0")
  /// and brackets. A string containing ':' is parsed as IPv6.
  static std::optional<IpAddress> Parse(std::string_view text, std::string* error);
  static IpAddress V4(uint32_t value);
  static IpAddress V6(uint64_t high, uint64_t low);

  IpFamily family() const { return family_; }
  bool is_v4() const { return family_ == IpFamily::kV4; }
  /// The IPv4 value; meaningful only for kV4 (returns the low 32 bits otherwise).
  uint32_t v4() const { return static_cast<uint32_t>(low_); }
  /// The upper and lower 64 bits of the 128-bit value (high() is 0 for v4).
  uint64_t high() const { return high_; }
  uint64_t low() const { return low_; }
  /// 32 or 128.
  int bits() const { return family_ == IpFamily::kV4 ? 32 : 128; }

  /// Bit `index` of the address, 0 being the most significant; 0 <= index < bits().
  bool Bit(int index) const {
    if (family_ == IpFamily::kV4) return (low_ >> (31 - index)) & 1;
    return index < 64 ? (high_ >> (63 - index)) & 1 : (low_ >> (127 - index)) & 1;
  }

  /// The address `offset` places further on, modulo 2^bits() (so it can wrap
  /// around). Callers that care about staying inside a prefix use
  /// Prefix::Host or Prefix::Contains.
  IpAddress Plus(uint64_t offset) const;

  /// Canonical text: dotted quad for v4; RFC 5952 for v6 (lowercase, no
  /// leading zeros, the longest run of two or more zero groups shown as "::",
  /// the first such run on a tie, and "::ffff:a.b.c.d" for v4-mapped).
  std::string ToString() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;

  struct Hash {
    size_t operator()(const IpAddress& ip) const;
  };

 private:
  // Declaration order is the comparison order: family, then value.
  IpFamily family_ = IpFamily::kV4;
  uint64_t high_ = 0;
  uint64_t low_ = 0;
};

/// A CIDR prefix: a network address with all host bits zero, plus a length.
/// Default-constructed it is 0.0.0.0/0.
class Prefix {
 public:
  Prefix() = default;

  /// "10.1.0.0/16", "fd00::/8". The length must be present, decimal without
  /// sign or leading zeros, and within 0..32 (v4) or 0..128 (v6); host bits
  /// must be zero ("10.1.0.1/16" is an error that mentions host bits).
  static std::optional<Prefix> Parse(std::string_view text, std::string* error);
  /// Like Parse but accepts host bits: returns the prefix with them cleared
  /// and sets *had_host_bits (if non-null) so a rule can report "host bits
  /// set" while analysis carries on with the network Azure will use.
  static std::optional<Prefix> ParseLenient(std::string_view text, bool* had_host_bits,
                                            std::string* error);
  /// Clears host bits. `length` is clamped to 0..address.bits().
  static Prefix Make(IpAddress address, int length);

  const IpAddress& address() const { return address_; }
  int length() const { return length_; }
  IpFamily family() const { return address_.family(); }

  bool Contains(const IpAddress& ip) const;
  /// True if `other` is this prefix or a more specific one inside it.
  bool Contains(const Prefix& other) const;
  /// True if some address is in both (for CIDR: one contains the other).
  bool Overlaps(const Prefix& other) const;

  /// The network address and the last (broadcast) address.
  IpAddress First() const { return address_; }
  IpAddress Last() const;
  /// The address `offset` places from the network address, or nullopt if that
  /// falls outside the prefix. Azure reserves offsets 0-3 and the last
  /// address of a subnet, so the first assignable address is Host(4).
  std::optional<IpAddress> Host(uint64_t offset) const;

  /// "10.1.0.0/16", the address in IpAddress::ToString form.
  std::string ToString() const;

  friend bool operator==(const Prefix&, const Prefix&) = default;
  /// Family, then address, then length.
  friend auto operator<=>(const Prefix&, const Prefix&) = default;

  struct Hash {
    size_t operator()(const Prefix& prefix) const;
  };

 private:
  Prefix(IpAddress address, int length) : address_(address), length_(length) {}

  IpAddress address_;
  int length_ = 0;
};

/// The smallest prefix that covers every prefix in `prefixes`; nullopt if the
/// list is empty or mixes families.
std::optional<Prefix> CoveringSupernet(const std::vector<Prefix>& prefixes);

/// Longest-prefix-match table from prefixes to values of type T.
///
/// A plain binary trie per family held in one vector of small nodes (child
/// indices, not pointers), so lookups are O(bits), touch contiguous memory and
/// never allocate. Entries live in a separate vector so nodes stay small.
/// Pointers returned by Find/Lookup/LookupCovering are invalidated by Insert.
template <typename T>
class PrefixTable {
 public:
  /// Adds `value` at `prefix`, replacing any value already there.
  void Insert(const Prefix& prefix, T value) {
    uint32_t& root = roots_[static_cast<int>(prefix.family())];
    if (root == kNone) {
      root = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    uint32_t node = root;
    for (int depth = 0; depth < prefix.length(); ++depth) {
      const int bit = prefix.address().Bit(depth);
      uint32_t next = nodes_[node].child[bit];
      if (next == kNone) {
        next = static_cast<uint32_t>(nodes_.size());
        nodes_.emplace_back();  // May reallocate: index again below.
        nodes_[node].child[bit] = next;
      }
      node = next;
    }
    uint32_t& entry = nodes_[node].entry;
    if (entry == kNone) {
      entry = static_cast<uint32_t>(entries_.size());
      entries_.push_back(Entry{prefix, std::move(value)});
    } else {
      entries_[entry].value = std::move(value);
    }
  }

  /// The value stored at exactly `prefix`, or nullptr.
  const T* Find(const Prefix& prefix) const {
    uint32_t node = roots_[static_cast<int>(prefix.family())];
    for (int depth = 0; node != kNone && depth < prefix.length(); ++depth) {
      node = nodes_[node].child[prefix.address().Bit(depth)];
    }
    if (node == kNone || nodes_[node].entry == kNone) return nullptr;
    return &entries_[nodes_[node].entry].value;
  }

  /// The value of the longest prefix containing `ip`, or nullptr.
  const T* Lookup(const IpAddress& ip) const {
    const Entry* entry = Longest(ip, ip.bits());
    return entry ? &entry->value : nullptr;
  }

  /// The value of the longest prefix that contains all of `prefix` (equal or
  /// shorter), or nullptr; that prefix is written to *matched if non-null.
  const T* LookupCovering(const Prefix& prefix, Prefix* matched = nullptr) const {
    const Entry* entry = Longest(prefix.address(), prefix.length());
    if (entry == nullptr) return nullptr;
    if (matched != nullptr) *matched = entry->prefix;
    return &entry->value;
  }

  /// Calls fn(const Prefix&, const T&) for every entry in ascending Prefix
  /// order (v4 before v6; a prefix before the more specific ones inside it).
  template <typename F>
  void ForEach(F&& fn) const {
    // Pre-order, 0-branch first, is exactly Prefix order: a node's own prefix
    // shares its address with the leftmost descendants but is shorter.
    std::vector<uint32_t> stack;
    for (uint32_t root : roots_) {
      if (root == kNone) continue;
      stack.push_back(root);
      while (!stack.empty()) {
        const Node& node = nodes_[stack.back()];
        stack.pop_back();
        if (node.entry != kNone) fn(entries_[node.entry].prefix, entries_[node.entry].value);
        if (node.child[1] != kNone) stack.push_back(node.child[1]);
        if (node.child[0] != kNone) stack.push_back(node.child[0]);
      }
    }
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;

  struct Node {
    uint32_t child[2] = {kNone, kNone};
    uint32_t entry = kNone;  // Index into entries_.
  };
  struct Entry {
    Prefix prefix;
    T value;
  };

  // The deepest entry on the path of `address`'s first `depth_limit` bits.
  const Entry* Longest(const IpAddress& address, int depth_limit) const {
    const Entry* best = nullptr;
    uint32_t node = roots_[static_cast<int>(address.family())];
    for (int depth = 0; node != kNone; ++depth) {
      if (nodes_[node].entry != kNone) best = &entries_[nodes_[node].entry];
      if (depth == depth_limit) break;
      node = nodes_[node].child[address.Bit(depth)];
    }
    return best;
  }

  std::vector<Node> nodes_;
  std::vector<Entry> entries_;
  uint32_t roots_[2] = {kNone, kNone};  // Indexed by IpFamily.
};

}  // namespace routelint

#endif  // ROUTELINT_BASE_IP_H_

#include "expand/value.h"

#include <cctype>
#include <cstring>
#include <functional>
#include <utility>
#include <vector>

#include "base/strings.h"

namespace routelint {

bool ContainsUnknown(const Json& value) {
  if (IsUnknown(value)) return true;
  if (value.is_array() || value.is_object()) {
    for (const Json& item : value) {
      if (ContainsUnknown(item)) return true;
    }
  }
  return false;
}

namespace {

// One step of the digest: mixes `word` into `hash` (the multiply-xorshift of
// splitmix64, so that nearby words land far apart).
uint64_t Mix(uint64_t hash, uint64_t word) {
  uint64_t x = hash ^ (word + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2));
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t MixText(uint64_t hash, std::string_view text) {
  return Mix(Mix(hash, text.size()), std::hash<std::string_view>{}(text));
}

// Numbers as == compares them: an integral value by its integer, whatever
// type holds it.
uint64_t MixNumber(uint64_t hash, const Json& value) {
  if (value.is_number_integer()) return Mix(Mix(hash, 'n'), static_cast<uint64_t>(value.get<int64_t>()));
  const double d = value.get<double>();
  if (d >= -9.2e18 && d <= 9.2e18 && d == static_cast<double>(static_cast<int64_t>(d))) {
    return Mix(Mix(hash, 'n'), static_cast<uint64_t>(static_cast<int64_t>(d)));
  }
  uint64_t bits = 0;
  static_assert(sizeof bits == sizeof d);
  std::memcpy(&bits, &d, sizeof bits);
  return Mix(Mix(hash, 'f'), bits);
}

}  // namespace

uint64_t DigestValue(const Json& value) {
  uint64_t h = 0;
  std::vector<const Json*> pending{&value};
  while (!pending.empty()) {
    const Json& v = *pending.back();
    pending.pop_back();
    switch (v.type()) {
      case Json::value_t::discarded: h = Mix(h, 'u'); break;
      case Json::value_t::null: h = Mix(h, 'z'); break;
      case Json::value_t::boolean: h = Mix(h, v.get<bool>() ? 't' : 'f'); break;
      case Json::value_t::string: h = MixText(Mix(h, 's'), v.get_ref<const std::string&>()); break;
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
      case Json::value_t::number_float: h = MixNumber(h, v); break;
      case Json::value_t::binary: h = Mix(h, 'b'); break;
      case Json::value_t::array:
        h = Mix(Mix(h, 'a'), v.size());
        // Pushed in reverse, so that the items are mixed in their order.
        for (auto it = v.rbegin(); it != v.rend(); ++it) pending.push_back(&*it);
        break;
      case Json::value_t::object:
        h = Mix(Mix(h, 'o'), v.size());
        // Keys are mixed as they are met; each key's value follows it.
        for (auto it = v.begin(); it != v.end(); ++it) h = MixText(h, it.key());
        for (auto it = v.rbegin(); it != v.rend(); ++it) pending.push_back(&*it);
        break;
    }
  }
  return h;
}

ValueSize MeasureValue(const Json& value, size_t max_weight, int max_depth) {
  constexpr size_t kPerValue = 32;
  ValueSize size{kPerValue, 1};
  if (value.is_string()) size.weight += value.get_ref<const std::string&>().size();
  if (!value.is_array() && !value.is_object()) return size;  // most values: no list to walk
  std::vector<std::pair<const Json*, int>> pending{{&value, 1}};
  while (!pending.empty()) {
    const auto [current, depth] = pending.back();
    pending.pop_back();
    if (depth > size.depth) size.depth = depth;
    if (size.weight > max_weight || size.depth > max_depth) break;
    if (current->is_string()) {
      size.weight += current->get_ref<const std::string&>().size();
    } else if (current->is_object()) {
      for (auto it = current->begin(); it != current->end() && size.weight <= max_weight; ++it) {
        size.weight += kPerValue + it.key().size();
        pending.emplace_back(&it.value(), depth + 1);
      }
    } else if (current->is_array()) {
      for (auto it = current->begin(); it != current->end() && size.weight <= max_weight; ++it) {
        size.weight += kPerValue;
        pending.emplace_back(&*it, depth + 1);
      }
    }
  }
  return size;
}

namespace {

}  // namespace

namespace {

using Member = Json::object_t::value_type;

// One pass over the members, comparing lengths first: the member spelled
// as `key`, else the first that matches without regard to case.
const Member* ScanMembers(const Json::object_t& members, std::string_view key) {
  const Member* folded = nullptr;
  for (const Member& member : members) {
    if (member.first.size() != key.size()) continue;
    if (member.first == key) return &member;
    if (folded == nullptr && EqualsIgnoreCase(member.first, key)) folded = &member;
  }
  return folded;
}

}  // namespace

const Json* FindMember(const Json& object, std::string_view key, const std::string** spelled) {
  if (!object.is_object()) return nullptr;
  const Json::object_t& members = object.get_ref<const Json::object_t&>();
  // Resource bodies have a few members each, and most lookups are of
  // optional properties that are absent: a scan beats a tree search that a
  // miss must follow with a scan anyway. A large object (parameters,
  // variables) is searched first.
  constexpr size_t kSearchFrom = 16;
  const Member* found = nullptr;
  if (members.size() >= kSearchFrom) {
    if (auto it = members.find(key); it != members.end()) found = &*it;
  }
  if (found == nullptr) found = ScanMembers(members, key);
  if (found == nullptr) return nullptr;
  if (spelled != nullptr) *spelled = &found->first;
  return &found->second;
}

Json* FindMember(Json& object, std::string_view key) {
  return const_cast<Json*>(FindMember(static_cast<const Json&>(object), key));
}

std::string ArmToString(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
  if (value.is_null()) return "";
  // Invalid UTF-8 in a template string must not throw: replace it as .NET does.
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::u16string ToUtf16(std::string_view text) {
  std::u16string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = 0xFFFD;
    size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 || (c >> 4) == 0xE || (c >> 3) == 0x1E) {
      len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
      cp = c & (0x3F >> (len - 1));
      bool valid = i + len <= text.size();
      for (size_t k = 1; valid && k < len; ++k) {
        const unsigned char cc = static_cast<unsigned char>(text[i + k]);
        valid = (cc & 0xC0) == 0x80;
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (!valid) {
        cp = 0xFFFD;
        len = 1;
      }
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

std::string ToUtf8(std::u16string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t cp = text[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;  // a lone surrogate, as .NET's encoder replaces it
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

}  // namespace routelint

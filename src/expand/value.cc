#include "expand/value.h"

#include <cctype>
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

const Json* FindMember(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(key); it != object.end()) return &*it;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (EqualsIgnoreCase(it.key(), key)) return &it.value();
  }
  return nullptr;
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

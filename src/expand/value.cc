#include "expand/value.h"

#include <cctype>

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

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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
  return value.dump();
}

}  // namespace routelint

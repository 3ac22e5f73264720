// The ARM template function library. Each built-in is a small function over
// evaluated arguments; a few (if, and, or, coalesce, the lambda functions)
// take their arguments unevaluated, as Azure evaluates them lazily.
//
// References: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <climits>
#include <functional>
#include <string>
#include <vector>

#include "expand/arm_hash.h"
#include "expand/evaluator.h"
#include "expand/ip_functions.h"
#include "parse/json_loader.h"

namespace routelint {
namespace {

// The evaluated arguments of one call, and helpers to check their types with
// messages that name the function.
struct Args {
  const Expr& call;
  Evaluator& ev;
  std::vector<Json> v;

  size_t size() const { return v.size(); }
  const Json& operator[](size_t i) const { return v[i]; }
  Json TypeError(size_t i, std::string_view expected) {
    return ev.Error(fmt::format("{}(): argument {} must be {}, not {}", call.text, i + 1, expected,
                                std::string(v[i].type_name())));
  }
  bool IsString(size_t i) const { return v[i].is_string(); }
  const std::string& Str(size_t i) const { return v[i].get_ref<const std::string&>(); }
};

using Builtin = Json (*)(Args&);

Json TooLarge(Args& a) {
  return a.ev.Error(fmt::format("{}(): the value would be larger than the limit of {} MiB (hostile or runaway template)",
                                a.call.text, kMaxValueWeight >> 20));
}

// ---------------------------------------------------------------- helpers

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle, size_t* at, bool last = false) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::string h(haystack), n(needle);
  std::transform(h.begin(), h.end(), h.begin(), lower);
  std::transform(n.begin(), n.end(), n.begin(), lower);
  const size_t pos = last ? h.rfind(n) : h.find(n);
  if (at) *at = pos;
  return pos != std::string::npos;
}

bool IsNumber(const Json& v) { return v.is_number_integer() || v.is_number_unsigned(); }

// Deep equality as equals() defines it; strings compare case-sensitively.
bool ArmEquals(const Json& a, const Json& b) { return a == b; }

// Builds "/{prefix}/providers/{namespace}/{type1}/{name1}/{type2}/{name2}".
Json BuildResourceId(Args& a, std::string prefix, size_t type_arg) {
  std::string type = a.Str(type_arg);
  while (!type.empty() && type.back() == '/') type.pop_back();  // ARM accepts "Microsoft.Network/virtualNetworks/"
  std::vector<std::string> type_parts;
  size_t start = 0;
  while (true) {
    size_t slash = type.find('/', start);
    type_parts.push_back(type.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::vector<std::string> names;
  for (size_t i = type_arg + 1; i < a.size(); ++i) {
    if (!a.IsString(i)) return a.TypeError(i, "a string");
    std::string name = a.Str(i);
    size_t from = 0;
    while (true) {
      size_t slash = name.find('/', from);
      names.push_back(name.substr(from, slash == std::string::npos ? slash : slash - from));
      if (slash == std::string::npos) break;
      from = slash + 1;
    }
  }
  if (type_parts.size() < 2 || names.size() != type_parts.size() - 1) {
    return a.ev.Error(fmt::format("{}(): type '{}' needs {} name segment(s), got {}", a.call.text, type,
                                  type_parts.size() < 2 ? 1 : type_parts.size() - 1, names.size()));
  }
  std::string id = std::move(prefix) + "/providers/" + type_parts[0];
  for (size_t i = 1; i < type_parts.size(); ++i) id += "/" + type_parts[i] + "/" + names[i - 1];
  return Json(std::move(id));
}

size_t FirstTypeArgument(const Args& a) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.IsString(i) && a.Str(i).find('/') != std::string::npos) return i;
  }
  return a.size();
}

bool AllStrings(Args& a, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (!a.IsString(i)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- scope

Json FnParameters(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  return a.ev.scope().Parameter(a.Str(0), a.ev);
}

Json FnVariables(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  return a.ev.scope().Variable(a.Str(0), a.ev);
}

Json FnCopyIndex(Args& a) {
  std::string loop;
  int64_t offset = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.IsString(i)) loop = a.Str(i);
    else if (IsNumber(a[i])) offset = a[i].get<int64_t>();
    else return a.TypeError(i, "a loop name or an offset");
  }
  int64_t index = 0;
  if (!a.ev.scope().CopyIndex(loop, &index)) {
    return a.ev.Error(loop.empty() ? "copyIndex() outside a copy loop" : "copyIndex(): no copy loop named '" + loop + "'");
  }
  int64_t result = 0;
  if (__builtin_add_overflow(index, offset, &result)) return a.ev.Error("copyIndex(): the offset is out of range");
  return Json(result);
}

Json FnResourceId(Args& a) {
  const size_t type_arg = FirstTypeArgument(a);
  if (type_arg == a.size() || type_arg > 2 || !AllStrings(a, 0, type_arg)) {
    return a.ev.Error("resourceId(): expected [subscriptionId], [resourceGroupName], resourceType, names...");
  }
  const DeploymentContext& d = a.ev.scope().Deployment();
  std::string subscription = type_arg == 2 ? a.Str(0) : d.subscription_id;
  std::string group = type_arg >= 1 ? a.Str(type_arg - 1) : d.resource_group;
  return BuildResourceId(a, "/subscriptions/" + subscription + "/resourceGroups/" + group, type_arg);
}

Json FnSubscriptionResourceId(Args& a) {
  const size_t type_arg = FirstTypeArgument(a);
  if (type_arg == a.size() || type_arg > 1 || !AllStrings(a, 0, type_arg)) {
    return a.ev.Error("subscriptionResourceId(): expected [subscriptionId], resourceType, names...");
  }
  std::string subscription = type_arg == 1 ? a.Str(0) : a.ev.scope().Deployment().subscription_id;
  return BuildResourceId(a, "/subscriptions/" + subscription, type_arg);
}

Json FnTenantResourceId(Args& a) {
  if (FirstTypeArgument(a) != 0) return a.ev.Error("tenantResourceId(): expected resourceType, names...");
  return BuildResourceId(a, "", 0);
}

Json FnManagementGroupResourceId(Args& a) {
  const size_t type_arg = FirstTypeArgument(a);
  if (type_arg == a.size() || type_arg > 1) return a.ev.Error("managementGroupResourceId(): expected [id], type, names...");
  std::string group = type_arg == 1 ? a.Str(0) : a.ev.scope().Deployment().management_group;
  return BuildResourceId(a, "/providers/Microsoft.Management/managementGroups/" + group, type_arg);
}

Json FnExtensionResourceId(Args& a) {
  if (a.size() < 3 || !a.IsString(0) || !a.IsString(1)) {
    return a.ev.Error("extensionResourceId(): expected resourceId, resourceType, names...");
  }
  std::string base = a.Str(0);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return BuildResourceId(a, base, 1);
}

Json FnResourceGroup(Args& a) {
  // Nearly every resource calls this (location: resourceGroup().location):
  // members are set one by one, as initializer lists copy each value twice.
  const DeploymentContext& d = a.ev.scope().Deployment();
  Json group = Json::object();
  group["id"] = "/subscriptions/" + d.subscription_id + "/resourceGroups/" + d.resource_group;
  group["name"] = d.resource_group;
  group["type"] = "Microsoft.Resources/resourceGroups";
  group["location"] = d.location;
  group["properties"]["provisioningState"] = "Succeeded";
  group[std::string(kRuntimeStateMarker)] = true;  // tags, managedBy: known only at deployment
  return group;
}

Json FnSubscription(Args& a) {
  const DeploymentContext& d = a.ev.scope().Deployment();
  Json subscription = {{"id", "/subscriptions/" + d.subscription_id},
                       {"subscriptionId", d.subscription_id},
                       {"tenantId", d.tenant_id}};
  subscription[std::string(kRuntimeStateMarker)] = true;
  return subscription;
}

Json FnTenant(Args& a) {
  const DeploymentContext& d = a.ev.scope().Deployment();
  Json tenant = {{"id", "/tenants/" + d.tenant_id}, {"tenantId", d.tenant_id}};
  tenant[std::string(kRuntimeStateMarker)] = true;
  return tenant;
}

Json FnManagementGroup(Args& a) {
  const DeploymentContext& d = a.ev.scope().Deployment();
  Json group = {{"id", "/providers/Microsoft.Management/managementGroups/" + d.management_group},
                {"name", d.management_group},
                {"type", "Microsoft.Management/managementGroups"}};
  group[std::string(kRuntimeStateMarker)] = true;
  return group;
}

Json FnDeployment(Args& a) {
  const DeploymentContext& d = a.ev.scope().Deployment();
  // Json::object: a brace pair of two string literals alone is ambiguous
  // (clang may read it as a std::string built from two pointers).
  Json deployment = {{"name", d.deployment_name}, {"properties", Json::object({{"mode", "Incremental"}})}};
  deployment["location"] = d.location;
  deployment["properties"][std::string(kRuntimeStateMarker)] = true;  // templateLink, parameters, ...
  deployment[std::string(kRuntimeStateMarker)] = true;
  return deployment;
}

Json FnEnvironment(Args& a) {
  return a.ev.Unknown("environment() depends on the cloud the template is deployed to");
}

Json DeploymentTimeValue(const Expr& call, Evaluator& ev) {
  return ev.Unknown(fmt::format("{}() is decided when the template is deployed", call.text));
}
Json FnDeploymentTime(Args& a) { return DeploymentTimeValue(a.call, a.ev); }

Json FnReference(Args& a) {
  bool full = a.size() >= 3 && a.IsString(2) && EqualsIgnoreCase(a.Str(2), "Full");
  return a.ev.scope().Reference(a[0], full, a.ev);
}

// ---------------------------------------------------------------- strings

Json FnConcat(Args& a) {
  if (a.size() > 0 && a[0].is_array()) {
    Json out = Json::array();
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_null()) continue;
      if (!a[i].is_array()) return a.TypeError(i, "an array");
      for (const Json& item : a[i]) out.push_back(item);
    }
    return out;
  }
  std::string out;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_array() || a[i].is_object()) return a.TypeError(i, "a string or a number");
    if (ContainsUnknown(a[i])) return UnknownValue();
    out += ArmToString(a[i]);
  }
  return Json(std::move(out));
}

Json FnFormat(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a format string");
  const std::string& pattern = a.Str(0);
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
    } else if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out += '}';
      ++i;
    } else if (c == '{') {
      const size_t close = pattern.find('}', i);
      if (close == std::string::npos) return a.ev.Error("format(): unterminated '{' in the format string");
      std::string spec = pattern.substr(i + 1, close - i - 1);
      std::string format_suffix;
      if (size_t colon = spec.find(':'); colon != std::string::npos) {
        format_suffix = spec.substr(colon + 1);
        spec = spec.substr(0, colon);
      }
      if (size_t comma = spec.find(','); comma != std::string::npos) spec = spec.substr(0, comma);
      char* end = nullptr;
      const long index = std::strtol(spec.c_str(), &end, 10);
      if (spec.empty() || *end != '\0' || index < 0 || static_cast<size_t>(index) + 1 >= a.size()) {
        return a.ev.Error("format(): placeholder {" + spec + "} has no argument");
      }
      const Json& arg = a[static_cast<size_t>(index) + 1];
      if (ContainsUnknown(arg)) return UnknownValue();
      if (!format_suffix.empty() && !(IsNumber(arg) && (format_suffix == "D" || format_suffix == "d"))) {
        return a.ev.Unknown("format(): the .NET format specifier ':" + format_suffix + "' is not supported");
      }
      out += ArmToString(arg);
      if (out.size() > kMaxValueWeight) return TooLarge(a);
      i = close;
    } else {
      out += c;
    }
  }
  return Json(std::move(out));
}

Json FnString(Args& a) {
  if (ContainsUnknown(a[0])) return UnknownValue();
  return Json(ArmToString(a[0]));
}

// Case mapping for the scripts template names use (Latin-1, Latin
// Extended-A, Greek, Cyrillic), as .NET's invariant culture maps them.
char16_t MapCase(char16_t c, bool upper) {
  auto in = [c](char16_t lo, char16_t hi) { return c >= lo && c <= hi; };
  if (!upper) {
    if (in(u'A', u'Z') || (in(0xC0, 0xDE) && c != 0xD7) || in(0x391, 0x3A9) || in(0x410, 0x42F)) return c + 0x20;
    if (in(0x400, 0x40F)) return c + 0x50;
    if (in(0x100, 0x17F) && c % 2 == 0 && c != 0x130 && c != 0x138) return c + 1;
  } else {
    if (in(u'a', u'z') || (in(0xE0, 0xFE) && c != 0xF7) || (in(0x3B1, 0x3C9) && c != 0x3C2) || in(0x430, 0x44F)) return c - 0x20;
    if (in(0x450, 0x45F)) return c - 0x50;
    if (in(0x100, 0x17F) && c % 2 == 1 && c != 0x131 && c != 0x138) return c - 1;
  }
  return c;
}

Json ChangeCase(Args& a, bool upper) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  std::u16string s = ToUtf16(a.Str(0));
  for (char16_t& c : s) c = MapCase(c, upper);
  return Json(ToUtf8(s));
}
Json FnToLower(Args& a) { return ChangeCase(a, false); }
Json FnToUpper(Args& a) { return ChangeCase(a, true); }

Json FnTrim(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  const std::string& s = a.Str(0);
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Json("");
  const size_t last = s.find_last_not_of(" \t\r\n");
  return Json(s.substr(first, last - first + 1));
}

Json FnReplace(Args& a) {
  for (size_t i = 0; i < 3; ++i) {
    if (!a.IsString(i)) return a.TypeError(i, "a string");
  }
  std::string s = a.Str(0);
  const std::string& from = a.Str(1);
  if (from.empty()) return Json(s);
  if (a.Str(2).size() > from.size()) {
    size_t hits = 0;
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + from.size())) ++hits;
    if (s.size() + hits * (a.Str(2).size() - from.size()) > kMaxValueWeight) return TooLarge(a);
  }
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = s.find(from, pos);
    if (hit == std::string::npos) break;
    out.append(s, pos, hit - pos);
    out += a.Str(2);
    pos = hit + from.size();
  }
  out.append(s, pos, std::string::npos);
  return Json(std::move(out));
}

Json FnSubstring(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  const std::u16string s = ToUtf16(a.Str(0));
  const int64_t start = a.size() > 1 ? (IsNumber(a[1]) ? a[1].get<int64_t>() : -1) : 0;
  const int64_t length = a.size() > 2 ? (IsNumber(a[2]) ? a[2].get<int64_t>() : -1)
                                      : static_cast<int64_t>(s.size()) - start;
  if (start < 0 || length < 0 || start > static_cast<int64_t>(s.size()) ||
      length > static_cast<int64_t>(s.size()) - start) {
    return a.ev.Error("substring(): start and length fall outside the string");
  }
  return Json(ToUtf8(s.substr(static_cast<size_t>(start), static_cast<size_t>(length))));
}

Json FnIndexOf(Args& a, bool last) {
  if (a[0].is_array()) {
    const auto& items = a[0];
    if (last) {
      for (size_t i = items.size(); i-- > 0;) {
        if (ArmEquals(items[i], a[1])) return Json(static_cast<int64_t>(i));
      }
    } else {
      for (size_t i = 0; i < items.size(); ++i) {
        if (ArmEquals(items[i], a[1])) return Json(static_cast<int64_t>(i));
      }
    }
    return Json(-1);
  }
  if (!a.IsString(0) || !a.IsString(1)) return a.TypeError(0, "a string or an array");
  size_t at = 0;
  if (!ContainsIgnoreCase(a.Str(0), a.Str(1), &at, last)) return Json(-1);
  // A byte offset into UTF-8; ARM answers in UTF-16 code units.
  return Json(static_cast<int64_t>(ToUtf16(std::string_view(a.Str(0)).substr(0, at)).size()));
}
Json FnIndexOfFirst(Args& a) { return FnIndexOf(a, false); }
Json FnLastIndexOf(Args& a) { return FnIndexOf(a, true); }

Json FnStartsWith(Args& a) {
  if (!a.IsString(0) || !a.IsString(1)) return a.TypeError(0, "a string");
  const std::string& s = a.Str(0);
  const std::string& prefix = a.Str(1);
  return Json(prefix.size() <= s.size() && EqualsIgnoreCase(std::string_view(s).substr(0, prefix.size()), prefix));
}

Json FnEndsWith(Args& a) {
  if (!a.IsString(0) || !a.IsString(1)) return a.TypeError(0, "a string");
  const std::string& s = a.Str(0);
  const std::string& suffix = a.Str(1);
  return Json(suffix.size() <= s.size() && EqualsIgnoreCase(std::string_view(s).substr(s.size() - suffix.size()), suffix));
}

Json FnSplit(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  std::vector<std::string> delimiters;
  if (a.IsString(1)) {
    delimiters.push_back(a.Str(1));
  } else if (a[1].is_array()) {
    for (const Json& d : a[1]) {
      if (d.is_string()) delimiters.push_back(d.get<std::string>());
    }
  } else {
    return a.TypeError(1, "a string or an array of strings");
  }
  const std::string& s = a.Str(0);
  Json out = Json::array();
  size_t pos = 0, start = 0;
  while (pos <= s.size()) {
    size_t hit_len = 0;
    for (const std::string& d : delimiters) {
      if (!d.empty() && s.compare(pos, d.size(), d) == 0) {
        hit_len = d.size();
        break;
      }
    }
    if (hit_len > 0) {
      if (out.size() > kMaxValueWeight / 32) return TooLarge(a);
      out.push_back(s.substr(start, pos - start));
      pos += hit_len;
      start = pos;
    } else if (pos == s.size()) {
      out.push_back(s.substr(start));
      break;
    } else {
      ++pos;
    }
  }
  return out;
}

Json FnJoin(Args& a) {
  if (!a[0].is_array()) return a.TypeError(0, "an array");
  if (!a.IsString(1)) return a.TypeError(1, "a string");
  std::string out;
  bool first = true;
  for (const Json& item : a[0]) {
    if (ContainsUnknown(item)) return UnknownValue();
    if (!first) out += a.Str(1);
    out += ArmToString(item);
    first = false;
    if (out.size() > kMaxValueWeight) return TooLarge(a);
  }
  return Json(std::move(out));
}

Json FnPadLeft(Args& a) {
  if (!IsNumber(a[1])) return a.TypeError(1, "an integer");
  const std::u16string value = ToUtf16(ArmToString(a[0]));
  const int64_t total = a[1].get<int64_t>();
  if (total > 16384) return a.ev.Error("padLeft(): total length over 16384");
  const std::u16string pad_text = a.size() > 2 && a.IsString(2) ? ToUtf16(a.Str(2)) : u" ";
  const char16_t pad = pad_text.empty() ? u' ' : pad_text[0];
  if (static_cast<int64_t>(value.size()) >= total) return Json(ToUtf8(value));
  return Json(ToUtf8(std::u16string(static_cast<size_t>(total) - value.size(), pad) + value));
}

Json FnBase64(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string& s = a.Str(0);
  std::string out;
  for (size_t i = 0; i < s.size(); i += 3) {
    uint32_t chunk = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) chunk |= static_cast<unsigned char>(s[i + 1]) << 8;
    if (i + 2 < s.size()) chunk |= static_cast<unsigned char>(s[i + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += i + 1 < s.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < s.size() ? kAlphabet[chunk & 63] : '=';
  }
  return Json(std::move(out));
}

// uri(base, relative): relative resolved against base as .NET's Uri does
// for the common cases (an absolute relative wins; otherwise it replaces the
// last segment of base, or follows base's trailing '/').
Json FnUri(Args& a) {
  if (!a.IsString(0) || !a.IsString(1)) return a.TypeError(0, "a string");
  const std::string& base = a.Str(0);
  const std::string& relative = a.Str(1);
  if (relative.find("://") != std::string::npos) return Json(relative);
  const size_t scheme = base.find("://");
  if (scheme == std::string::npos) return a.ev.Error("uri(): the base must be an absolute URI");
  std::string prefix = base.substr(0, base.find_first_of("?#"));
  if (!relative.empty() && relative[0] == '/') {
    const size_t host_end = prefix.find('/', scheme + 3);
    return Json(prefix.substr(0, host_end == std::string::npos ? prefix.size() : host_end) + relative);
  }
  const size_t last_slash = prefix.rfind('/');
  if (last_slash > scheme + 2) prefix.resize(last_slash + 1);
  else prefix += '/';
  return Json(prefix + relative);
}

Json FnUriComponent(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  std::string out;
  for (unsigned char c : a.Str(0)) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return Json(std::move(out));
}

Json FnUniqueString(Args& a) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a.IsString(i)) return a.TypeError(i, "a string");
    parts.push_back(a.Str(i));
  }
  return Json(ArmUniqueString(parts));
}

Json FnGuid(Args& a) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a.IsString(i)) return a.TypeError(i, "a string");
    parts.push_back(a.Str(i));
  }
  return Json(ArmGuid(parts));
}

// ---------------------------------------------------------------- logic and numbers

Json FnEquals(Args& a) { return Json(ArmEquals(a[0], a[1])); }

Json FnNot(Args& a) {
  if (!a[0].is_boolean()) return a.TypeError(0, "a boolean");
  return Json(!a[0].get<bool>());
}

int CompareValues(Args& a, bool* ok) {
  *ok = true;
  if (IsNumber(a[0]) && IsNumber(a[1])) {
    const int64_t x = a[0].get<int64_t>(), y = a[1].get<int64_t>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.IsString(0) && a.IsString(1)) return a.Str(0).compare(a.Str(1)) < 0 ? -1 : (a.Str(0) == a.Str(1) ? 0 : 1);
  *ok = false;
  a.ev.Error(fmt::format("{}(): arguments must both be integers or both strings", a.call.text));
  return 0;
}
Json FnLess(Args& a) { bool ok; int c = CompareValues(a, &ok); return ok ? Json(c < 0) : UnknownValue(); }
Json FnLessOrEquals(Args& a) { bool ok; int c = CompareValues(a, &ok); return ok ? Json(c <= 0) : UnknownValue(); }
Json FnGreater(Args& a) { bool ok; int c = CompareValues(a, &ok); return ok ? Json(c > 0) : UnknownValue(); }
Json FnGreaterOrEquals(Args& a) { bool ok; int c = CompareValues(a, &ok); return ok ? Json(c >= 0) : UnknownValue(); }

Json Arithmetic(Args& a, char op) {
  for (size_t i = 0; i < 2; ++i) {
    if (!IsNumber(a[i])) return a.TypeError(i, "an integer");
  }
  const int64_t x = a[0].get<int64_t>(), y = a[1].get<int64_t>();
  int64_t r = 0;
  switch (op) {
    case '+': if (__builtin_add_overflow(x, y, &r)) return a.ev.Error("add(): integer overflow"); break;
    case '-': if (__builtin_sub_overflow(x, y, &r)) return a.ev.Error("sub(): integer overflow"); break;
    case '*': if (__builtin_mul_overflow(x, y, &r)) return a.ev.Error("mul(): integer overflow"); break;
    case '/':
    case '%':
      if (y == 0) return a.ev.Error(fmt::format("{}(): division by zero", a.call.text));
      if (x == INT64_MIN && y == -1) return a.ev.Error("integer overflow");
      r = op == '/' ? x / y : x % y;
      break;
  }
  return Json(r);
}
Json FnAdd(Args& a) { return Arithmetic(a, '+'); }
Json FnSub(Args& a) { return Arithmetic(a, '-'); }
Json FnMul(Args& a) { return Arithmetic(a, '*'); }
Json FnDiv(Args& a) { return Arithmetic(a, '/'); }
Json FnMod(Args& a) { return Arithmetic(a, '%'); }

Json FnInt(Args& a) {
  if (IsNumber(a[0])) return a[0];
  if (a.IsString(0)) {
    char* end = nullptr;
    const std::string& s = a.Str(0);
    errno = 0;
    const long long n = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && *end == '\0' && errno == ERANGE) return a.ev.Error("int(): '" + s + "' is out of range");
    if (!s.empty() && *end == '\0') return Json(static_cast<int64_t>(n));
  }
  return a.TypeError(0, "an integer or a string holding one");
}

Json FnBool(Args& a) {
  if (a[0].is_boolean()) return a[0];
  if (a.IsString(0)) {
    if (EqualsIgnoreCase(a.Str(0), "true")) return Json(true);
    if (EqualsIgnoreCase(a.Str(0), "false")) return Json(false);
  }
  if (IsNumber(a[0])) return Json(a[0].get<int64_t>() != 0);
  return a.TypeError(0, "a boolean, 'true'/'false' or an integer");
}

Json FnJson(Args& a) {
  if (!a.IsString(0)) return a.TypeError(0, "a string");
  // The loader bounds the nesting (a deep value would be copied recursively).
  ParseLimits limits;
  limits.max_bytes = kMaxValueWeight;
  limits.max_depth = kMaxValueDepth - 1;
  Json parsed;
  Diagnostic problem;
  if (!ParseJsonText("json()", a.Str(0), limits, &parsed, &problem)) {
    return a.ev.Error("json(): the argument is not valid JSON: " + problem.message);
  }
  return parsed;
}

Json FnNull(Args&) { return Json(nullptr); }
Json FnTrue(Args&) { return Json(true); }
Json FnFalse(Args&) { return Json(false); }

// ---------------------------------------------------------------- arrays and objects

Json FnCreateArray(Args& a) { return Json(std::move(a.v)); }

Json FnCreateObject(Args& a) {
  if (a.size() % 2 != 0) return a.ev.Error("createObject(): needs key/value pairs");
  Json out = Json::object();
  for (size_t i = 0; i < a.size(); i += 2) {
    if (!a.IsString(i)) return a.TypeError(i, "a string key");
    out[a.Str(i)] = a[i + 1];
  }
  return out;
}

Json FnArray(Args& a) {
  if (a[0].is_array()) return a[0];
  return Json::array({a[0]});
}

Json FnLength(Args& a) {
  if (a.IsString(0)) return Json(static_cast<int64_t>(ToUtf16(a.Str(0)).size()));
  if (a[0].is_array() || a[0].is_object()) return Json(static_cast<int64_t>(a[0].size()));
  return a.TypeError(0, "a string, an array or an object");
}

Json FnEmpty(Args& a) {
  if (a[0].is_null()) return Json(true);
  if (a.IsString(0)) return Json(a.Str(0).empty());
  if (a[0].is_array() || a[0].is_object()) return Json(a[0].empty());
  return a.TypeError(0, "a string, an array or an object");
}

Json FnFirst(Args& a) {
  if (a.IsString(0)) return Json(ToUtf8(ToUtf16(a.Str(0)).substr(0, 1)));
  if (!a[0].is_array()) return a.TypeError(0, "an array or a string");
  return a[0].empty() ? Json(nullptr) : a[0].front();
}

Json FnLast(Args& a) {
  if (a.IsString(0)) {
    const std::u16string s = ToUtf16(a.Str(0));
    return Json(s.empty() ? "" : ToUtf8(s.substr(s.size() - 1)));
  }
  if (!a[0].is_array()) return a.TypeError(0, "an array or a string");
  return a[0].empty() ? Json(nullptr) : a[0].back();
}

Json SkipTake(Args& a, bool skip) {
  if (!IsNumber(a[1])) return a.TypeError(1, "an integer");
  const int64_t n = std::max<int64_t>(0, a[1].get<int64_t>());
  if (a.IsString(0)) {
    const std::u16string s = ToUtf16(a.Str(0));
    const size_t k = std::min<size_t>(static_cast<size_t>(n), s.size());
    return Json(ToUtf8(skip ? s.substr(k) : s.substr(0, k)));
  }
  if (!a[0].is_array()) return a.TypeError(0, "an array or a string");
  const size_t k = std::min<size_t>(static_cast<size_t>(n), a[0].size());
  Json out = Json::array();
  for (size_t i = skip ? k : 0; i < (skip ? a[0].size() : k); ++i) out.push_back(a[0][i]);
  return out;
}
Json FnSkip(Args& a) { return SkipTake(a, true); }
Json FnTake(Args& a) { return SkipTake(a, false); }

Json FnRange(Args& a) {
  if (!IsNumber(a[0]) || !IsNumber(a[1])) return a.TypeError(0, "an integer");
  const int64_t start = a[0].get<int64_t>(), count = a[1].get<int64_t>();
  if (count < 0 || count > 10000) return a.ev.Error("range(): count must be between 0 and 10000");
  // Azure: the sum of startIndex and count must not exceed 2147483647.
  if (start < INT32_MIN || start > INT32_MAX || start + count > INT32_MAX) {
    return a.ev.Error("range(): startIndex and startIndex + count must be 32-bit integers");
  }
  Json out = Json::array();
  for (int64_t i = 0; i < count; ++i) out.push_back(start + i);
  return out;
}

Json MinMax(Args& a, bool max) {
  std::vector<Json> items = a.size() == 1 && a[0].is_array() ? std::vector<Json>(a[0].begin(), a[0].end()) : a.v;
  if (items.empty()) return a.ev.Error(fmt::format("{}(): no values", a.call.text));
  int64_t best = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (IsUnknown(items[i])) return UnknownValue();
    if (!IsNumber(items[i])) return a.ev.Error(fmt::format("{}(): values must be integers", a.call.text));
    const int64_t x = items[i].get<int64_t>();
    if (i == 0 || (max ? x > best : x < best)) best = x;
  }
  return Json(best);
}
Json FnMin(Args& a) { return MinMax(a, false); }
Json FnMax(Args& a) { return MinMax(a, true); }

Json FnContains(Args& a) {
  if (a[0].is_object()) {
    if (!a.IsString(1)) return a.TypeError(1, "a string key");
    return Json(FindMember(a[0], a.Str(1)) != nullptr);
  }
  if (a[0].is_array()) {
    for (const Json& item : a[0]) {
      if (IsUnknown(item)) return UnknownValue();
      if (ArmEquals(item, a[1])) return Json(true);
    }
    return Json(false);
  }
  if (a.IsString(0)) {
    if (ContainsUnknown(a[1])) return UnknownValue();
    return Json(a.Str(0).find(ArmToString(a[1])) != std::string::npos);
  }
  return a.TypeError(0, "an array, an object or a string");
}

// union(): objects merge recursively, later values winning; arrays append
// the values not yet present.
Json MergeUnion(const Json& left, const Json& right) {
  if (left.is_object() && right.is_object()) {
    Json out = left;
    for (auto it = right.begin(); it != right.end(); ++it) {
      Json* existing = FindMember(out, it.key());
      if (existing != nullptr && existing->is_object() && it.value().is_object()) {
        *existing = MergeUnion(*existing, it.value());
      } else if (existing != nullptr) {
        *existing = it.value();
      } else {
        out[it.key()] = it.value();
      }
    }
    return out;
  }
  Json out = left;
  for (const Json& item : right) {
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
  }
  return out;
}

Json FnUnion(Args& a) {
  const bool objects = a[0].is_object();
  Json out = objects ? Json::object() : Json::array();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (objects ? !a[i].is_object() : !a[i].is_array()) return a.TypeError(i, objects ? "an object" : "an array");
    out = MergeUnion(out, a[i]);
  }
  return out;
}

Json FnIntersection(Args& a) {
  Json out = a[0];
  for (size_t i = 1; i < a.size(); ++i) {
    if (out.is_object() && a[i].is_object()) {
      Json kept = Json::object();
      for (auto it = out.begin(); it != out.end(); ++it) {
        const Json* other = FindMember(a[i], it.key());
        if (other != nullptr && *other == it.value()) kept[it.key()] = it.value();
      }
      out = kept;
    } else if (out.is_array() && a[i].is_array()) {
      Json kept = Json::array();
      for (const Json& item : out) {
        if (std::find(a[i].begin(), a[i].end(), item) != a[i].end() &&
            std::find(kept.begin(), kept.end(), item) == kept.end()) {
          kept.push_back(item);
        }
      }
      out = kept;
    } else {
      return a.TypeError(i, "the same type as the first argument");
    }
  }
  return out;
}

Json FnItems(Args& a) {
  if (!a[0].is_object()) return a.TypeError(0, "an object");
  Json out = Json::array();
  for (auto it = a[0].begin(); it != a[0].end(); ++it) out.push_back({{"key", it.key()}, {"value", it.value()}});
  return out;
}

Json FnObjectKeys(Args& a) {
  if (!a[0].is_object()) return a.TypeError(0, "an object");
  Json out = Json::array();
  for (auto it = a[0].begin(); it != a[0].end(); ++it) out.push_back(it.key());
  return out;
}

Json FnFlatten(Args& a) {
  if (!a[0].is_array()) return a.TypeError(0, "an array");
  Json out = Json::array();
  for (const Json& inner : a[0]) {
    if (!inner.is_array()) return a.ev.Error("flatten(): every element must be an array");
    for (const Json& item : inner) out.push_back(item);
  }
  return out;
}

Json FnShallowMerge(Args& a) {
  if (!a[0].is_array()) return a.TypeError(0, "an array");
  Json out = Json::object();
  for (const Json& item : a[0]) {
    if (!item.is_object()) return a.ev.Error("shallowMerge(): every element must be an object");
    for (auto it = item.begin(); it != item.end(); ++it) out[it.key()] = it.value();
  }
  return out;
}

Json FnTryGet(Args& a) {
  Json current = a[0];
  for (size_t i = 1; i < a.size(); ++i) {
    if (IsUnknown(current)) return UnknownValue();
    if (current.is_object() && a.IsString(i)) {
      const Json* member = FindMember(current, a.Str(i));
      if (member == nullptr) return Json(nullptr);
      current = *member;
    } else if (current.is_array() && IsNumber(a[i])) {
      const int64_t k = a[i].get<int64_t>();
      if (k < 0 || static_cast<size_t>(k) >= current.size()) return Json(nullptr);
      current = current[static_cast<size_t>(k)];
    } else {
      return Json(nullptr);
    }
  }
  return current;
}

// ---------------------------------------------------------------- lazy forms

Json EvalArg(const Expr& call, size_t i, Evaluator& ev) { return ev.Evaluate(*call.children[i]); }

Json LazyIf(const Expr& call, Evaluator& ev) {
  if (call.children.size() != 3) return ev.Error("if() takes 3 arguments");
  Json condition = EvalArg(call, 0, ev);
  if (IsUnknown(condition)) return UnknownValue();
  if (!condition.is_boolean()) return ev.Error("if(): the condition must be a boolean");
  return EvalArg(call, condition.get<bool>() ? 1 : 2, ev);
}

Json LazyAndOr(const Expr& call, Evaluator& ev, bool is_and) {
  bool saw_unknown = false;
  for (size_t i = 0; i < call.children.size(); ++i) {
    Json v = EvalArg(call, i, ev);
    if (IsUnknown(v)) {
      saw_unknown = true;
      continue;
    }
    if (!v.is_boolean()) return ev.Error(fmt::format("{}(): arguments must be booleans", call.text));
    if (v.get<bool>() != is_and) return Json(!is_and);  // decided whatever the unknowns are
  }
  return saw_unknown ? UnknownValue() : Json(is_and);
}

Json LazyCoalesce(const Expr& call, Evaluator& ev) {
  for (size_t i = 0; i < call.children.size(); ++i) {
    Json v = EvalArg(call, i, ev);
    if (IsUnknown(v)) return UnknownValue();  // it might be null or not
    if (!v.is_null()) return v;
  }
  return Json(nullptr);
}

// A lambda('a', 'b', body) argument: the names and the body expression.
struct Lambda {
  std::vector<std::string> names;
  const Expr* body = nullptr;
};

bool ReadLambda(const Expr& arg, size_t arity, Lambda* out, Evaluator& ev) {
  if (arg.kind != Expr::Kind::kCall || !EqualsIgnoreCase(arg.text, "lambda") || arg.children.empty()) {
    ev.Error("expected a lambda() argument");
    return false;
  }
  for (size_t i = 0; i + 1 < arg.children.size(); ++i) {
    if (arg.children[i]->kind != Expr::Kind::kString) {
      ev.Error("lambda(): variable names must be string literals");
      return false;
    }
    out->names.push_back(arg.children[i]->text);
  }
  if (out->names.size() < arity) {
    ev.Error("lambda(): too few variables");
    return false;
  }
  out->body = arg.children.back().get();
  return true;
}

Json Apply(const Lambda& lambda, std::vector<Json> values, Evaluator& ev) {
  auto& vars = ev.lambda_variables();
  const size_t mark = vars.size();
  for (size_t i = 0; i < lambda.names.size() && i < values.size(); ++i) vars.emplace_back(lambda.names[i], std::move(values[i]));
  Json result = ev.Evaluate(*lambda.body);
  vars.resize(mark);
  return result;
}

Json LazyLambdaVariables(const Expr& call, Evaluator& ev) {
  if (call.children.size() != 1) return ev.Error("lambdaVariables() takes 1 argument");
  Json name = EvalArg(call, 0, ev);
  if (!name.is_string()) return ev.Error("lambdaVariables(): the name must be a string");
  auto& vars = ev.lambda_variables();
  for (size_t i = vars.size(); i-- > 0;) {
    if (vars[i].first == name.get<std::string>()) return vars[i].second;
  }
  return ev.Error("lambdaVariables(): no lambda variable '" + name.get<std::string>() + "'");
}

// The running size of what a lambda function builds: it must stay within
// kMaxValueWeight while it grows, not only once it is built.
class Growth {
 public:
  Growth(const Expr& call, Evaluator& ev) : call_(call), ev_(ev) {}
  bool Add(const Json& item) {
    const ValueSize size = MeasureValue(item, kMaxValueWeight, kMaxValueDepth);
    total_ += size.weight;
    if (total_ > kMaxValueWeight) {
      ev_.Error(fmt::format("{}(): the value would be larger than the limit of {} MiB (hostile or runaway template)",
                            call_.text, kMaxValueWeight >> 20));
      return false;
    }
    if (size.depth >= kMaxValueDepth) {
      ev_.Error(fmt::format("{}(): the value would nest deeper than {} levels", call_.text, kMaxValueDepth));
      return false;
    }
    return true;
  }

 private:
  const Expr& call_;
  Evaluator& ev_;
  size_t total_ = 0;
};

Json LazyCollection(const Expr& call, Evaluator& ev) {
  const std::string name = ToLowerAscii(call.text);
  const bool is_reduce = name == "reduce";
  const size_t lambda_arg = is_reduce ? 2 : 1;
  if (call.children.size() < lambda_arg + 1) return ev.Error(call.text + "(): too few arguments");
  Json input = EvalArg(call, 0, ev);
  if (IsUnknown(input)) return UnknownValue();
  if (name == "mapvalues") {
    if (!input.is_object()) return ev.Error("mapValues(): the first argument must be an object");
    Lambda fn;
    if (!ReadLambda(*call.children[1], 1, &fn, ev)) return UnknownValue();
    Json out = Json::object();
    Growth growth(call, ev);
    for (auto it = input.begin(); it != input.end(); ++it) {
      Json& slot = out[it.key()] = Apply(fn, {it.value()}, ev);
      if (!growth.Add(slot)) return UnknownValue();
    }
    return out;
  }
  if (!input.is_array()) return ev.Error(call.text + "(): the first argument must be an array");
  Lambda fn;
  if (!ReadLambda(*call.children[lambda_arg], name == "sort" || is_reduce ? 2 : 1, &fn, ev)) return UnknownValue();
  Growth growth(call, ev);
  if (name == "map" || name == "filter") {
    Json out = Json::array();
    int64_t index = 0;
    for (const Json& item : input) {
      Json r = Apply(fn, {item, Json(index++)}, ev);
      if (name == "map") {
        if (!growth.Add(r)) return UnknownValue();
        out.push_back(std::move(r));
      } else if (IsUnknown(r)) {
        return UnknownValue();
      } else if (r.is_boolean() && r.get<bool>()) {
        out.push_back(item);
      }
    }
    return out;
  }
  if (is_reduce) {
    Json accumulator = EvalArg(call, 1, ev);
    int64_t index = 0;
    for (const Json& item : input) {
      std::vector<Json> arguments;
      arguments.reserve(3);
      arguments.push_back(std::move(accumulator));  // not copied at each step
      arguments.push_back(item);
      arguments.emplace_back(index++);
      accumulator = Apply(fn, std::move(arguments), ev);
    }
    return accumulator;
  }
  if (name == "sort") {
    std::vector<Json> items(input.begin(), input.end());
    bool unknown = false;
    std::stable_sort(items.begin(), items.end(), [&](const Json& x, const Json& y) {
      Json r = Apply(fn, {x, y}, ev);
      if (!r.is_boolean()) {
        unknown = true;
        return false;
      }
      return r.get<bool>();
    });
    return unknown ? UnknownValue() : Json(items);
  }
  if (name == "toobject") {
    Lambda value_fn;
    const bool has_value_fn = call.children.size() > 2 && ReadLambda(*call.children[2], 1, &value_fn, ev);
    Json out = Json::object();
    for (const Json& item : input) {
      Json key = Apply(fn, {item}, ev);
      if (!key.is_string()) return IsUnknown(key) ? UnknownValue() : ev.Error("toObject(): keys must be strings");
      Json& slot = out[key.get<std::string>()] = has_value_fn ? Apply(value_fn, {item}, ev) : item;
      if (!growth.Add(slot)) return UnknownValue();
    }
    return out;
  }
  if (name == "groupby") {
    Json out = Json::object();
    for (const Json& item : input) {
      Json key = Apply(fn, {item}, ev);
      if (!key.is_string()) return IsUnknown(key) ? UnknownValue() : ev.Error("groupBy(): keys must be strings");
      if (!growth.Add(item)) return UnknownValue();
      out[key.get<std::string>()].push_back(item);
    }
    return out;
  }
  return ev.Error("unsupported lambda function " + call.text);
}

// ---------------------------------------------------------------- user functions

// Inside a user-defined function, parameters() are the function's own
// arguments; variables(), copyIndex() and reference() are not allowed.
class FunctionScope : public Scope {
 public:
  FunctionScope(Scope& outer, Json arguments) : outer_(outer), arguments_(std::move(arguments)) {}
  Json Parameter(std::string_view name, Evaluator& ev) override {
    const Json* value = FindMember(arguments_, name);
    return value ? *value : ev.Error("user-defined function has no parameter '" + std::string(name) + "'");
  }
  Json Variable(std::string_view, Evaluator& ev) override {
    return ev.Error("variables() cannot be used in a user-defined function");
  }
  bool CopyIndex(std::string_view, int64_t*) override { return false; }
  const Json* UserFunction(std::string_view name) override { return outer_.UserFunction(name); }
  Json Reference(const Json&, bool, Evaluator& ev) override {
    return ev.Error("reference() cannot be used in a user-defined function");
  }
  const DeploymentContext& Deployment() override { return outer_.Deployment(); }

 private:
  Scope& outer_;
  Json arguments_;
};

Json CallUserFunction(const Expr& call, const Json& definition, Evaluator& ev) {
  const Json* parameters = FindMember(definition, "parameters");
  const Json* output = FindMember(definition, "output");
  const Json* body = output ? FindMember(*output, "value") : nullptr;
  if (body == nullptr) return ev.Error("user-defined function '" + call.text + "' has no output value");
  const size_t declared = parameters && parameters->is_array() ? parameters->size() : 0;
  if (declared != call.children.size()) {
    return ev.Error(fmt::format("{}() takes {} argument(s), got {}", call.text, declared, call.children.size()));
  }
  Json arguments = Json::object();
  for (size_t i = 0; i < declared; ++i) {
    const Json* name = FindMember((*parameters)[i], "name");
    if (name == nullptr || !name->is_string()) return ev.Error("user-defined function parameter without a name");
    arguments[name->get<std::string>()] = ev.Evaluate(*call.children[i]);
  }
  FunctionScope scope(ev.scope(), std::move(arguments));
  // The body continues this evaluation: a function that calls itself stops
  // at the depth limit like any other nesting.
  Evaluator inner(scope, ev.session(), ev.depth() + 1);
  Json result = inner.EvaluateTree(*body);
  for (std::string& error : inner.TakeErrors()) {
    // A function calling itself says so once, not once per level.
    ev.Error(error.rfind(call.text + "(): ", 0) == 0 ? std::move(error) : call.text + "(): " + error);
  }
  if (std::string reason = inner.TakeUnknownReason(); !reason.empty()) ev.Unknown(std::move(reason));
  if (!ev.Admit(result, {"", call.text, "()"})) return UnknownValue();
  return result;
}

Json FnCidrHost(Args& a) { return CidrHostFunction(a.v, a.ev); }
Json FnCidrSubnet(Args& a) { return CidrSubnetFunction(a.v, a.ev); }
Json FnParseCidr(Args& a) { return ParseCidrFunction(a.v, a.ev); }

// ---------------------------------------------------------------- the table

struct BuiltinEntry {
  std::string_view name;  // lower case
  Builtin fn;
  int min_args;
  int max_args;  // -1: any
  // Called even when an argument is Unknown (createArray/createObject keep
  // Unknown elements); every other function is Unknown when one of its
  // arguments is, and only ever sees Unknowns nested inside arrays/objects.
  bool sees_unknown = false;
};

// Sorted by name for binary search.
constexpr BuiltinEntry kBuiltins[] = {
    {"add", FnAdd, 2, 2},
    {"array", FnArray, 1, 1},
    {"base64", FnBase64, 1, 1},
    {"bool", FnBool, 1, 1},
    {"cidrhost", FnCidrHost, 2, 2},
    {"cidrsubnet", FnCidrSubnet, 3, 3},
    {"concat", FnConcat, 0, -1},
    {"contains", FnContains, 2, 2},
    {"copyindex", FnCopyIndex, 0, 2},
    {"createarray", FnCreateArray, 0, -1, true},
    {"createobject", FnCreateObject, 0, -1, true},
    {"deployment", FnDeployment, 0, 0},
    {"div", FnDiv, 2, 2},
    {"empty", FnEmpty, 1, 1},
    {"endswith", FnEndsWith, 2, 2},
    {"environment", FnEnvironment, 0, 0},
    {"equals", FnEquals, 2, 2},
    {"extensionresourceid", FnExtensionResourceId, 3, -1},
    {"false", FnFalse, 0, 0},
    {"first", FnFirst, 1, 1},
    {"flatten", FnFlatten, 1, 1},
    {"format", FnFormat, 1, -1},
    {"greater", FnGreater, 2, 2},
    {"greaterorequals", FnGreaterOrEquals, 2, 2},
    {"guid", FnGuid, 1, -1},
    {"indexof", FnIndexOfFirst, 2, 2},
    {"int", FnInt, 1, 1},
    {"intersection", FnIntersection, 2, -1},
    {"items", FnItems, 1, 1},
    {"join", FnJoin, 2, 2},
    {"json", FnJson, 1, 1},
    {"last", FnLast, 1, 1},
    {"lastindexof", FnLastIndexOf, 2, 2},
    {"length", FnLength, 1, 1},
    {"less", FnLess, 2, 2},
    {"lessorequals", FnLessOrEquals, 2, 2},
    {"listaccountsas", FnDeploymentTime, 0, -1},
    {"listkeys", FnDeploymentTime, 0, -1},
    {"listsecrets", FnDeploymentTime, 0, -1},
    {"managementgroup", FnManagementGroup, 0, 1},
    {"managementgroupresourceid", FnManagementGroupResourceId, 2, -1},
    {"max", FnMax, 1, -1},
    {"min", FnMin, 1, -1},
    {"mod", FnMod, 2, 2},
    {"mul", FnMul, 2, 2},
    {"newguid", FnDeploymentTime, 0, 0},
    {"not", FnNot, 1, 1},
    {"null", FnNull, 0, 0},
    {"objectkeys", FnObjectKeys, 1, 1},
    {"padleft", FnPadLeft, 2, 3},
    {"parameters", FnParameters, 1, 1},
    {"parsecidr", FnParseCidr, 1, 1},
    {"pickzones", FnDeploymentTime, 3, 5},
    {"providers", FnDeploymentTime, 1, 2},
    {"range", FnRange, 2, 2},
    {"reference", FnReference, 1, 3},
    {"replace", FnReplace, 3, 3},
    {"resourcegroup", FnResourceGroup, 0, 0},
    {"resourceid", FnResourceId, 2, -1},
    {"shallowmerge", FnShallowMerge, 1, 1},
    {"skip", FnSkip, 2, 2},
    {"split", FnSplit, 2, 2},
    {"startswith", FnStartsWith, 2, 2},
    {"string", FnString, 1, 1},
    {"sub", FnSub, 2, 2},
    {"subscription", FnSubscription, 0, 0},
    {"subscriptionresourceid", FnSubscriptionResourceId, 2, -1},
    {"substring", FnSubstring, 1, 3},
    {"take", FnTake, 2, 2},
    {"tenant", FnTenant, 0, 0},
    {"tenantresourceid", FnTenantResourceId, 2, -1},
    {"tolower", FnToLower, 1, 1},
    {"toupper", FnToUpper, 1, 1},
    {"trim", FnTrim, 1, 1},
    {"true", FnTrue, 0, 0},
    {"tryget", FnTryGet, 2, -1},
    {"union", FnUnion, 1, -1},
    {"uniquestring", FnUniqueString, 1, -1},
    {"uri", FnUri, 2, 2},
    {"uricomponent", FnUriComponent, 1, 1},
    {"utcnow", FnDeploymentTime, 0, 1},
    {"variables", FnVariables, 1, 1},
};

const BuiltinEntry* FindBuiltin(std::string_view lower_name) {
  auto it = std::lower_bound(std::begin(kBuiltins), std::end(kBuiltins), lower_name,
                             [](const BuiltinEntry& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kBuiltins) || it->name != lower_name) return nullptr;
  return &*it;
}

// What a call's name refers to, other than a built-in (whose index in
// kBuiltins is the call's `function`).
enum SpecialFunction : int32_t {
  kIf = -1,
  kAnd = -2,
  kOr = -3,
  kCoalesce = -4,
  kLambdaVariables = -5,
  kCollection = -6,  // map, filter, reduce, sort, toObject, mapValues, groupBy
  kUserDefined = -7,
  kListFunction = -8,  // list*(): keys and other secrets, known at deployment
  kUnsupported = -9,
};

int32_t ResolveFunction(std::string_view text) {
  const std::string name = ToLowerAscii(text);
  if (name == "if") return kIf;
  if (name == "and") return kAnd;
  if (name == "or") return kOr;
  if (name == "coalesce") return kCoalesce;
  if (name == "lambdavariables") return kLambdaVariables;
  if (name == "map" || name == "filter" || name == "reduce" || name == "sort" || name == "toobject" ||
      name == "mapvalues" || name == "groupby") {
    return kCollection;
  }
  if (name.find('.') != std::string::npos) return kUserDefined;
  if (const BuiltinEntry* entry = FindBuiltin(name)) return static_cast<int32_t>(entry - std::begin(kBuiltins));
  if (name.rfind("list", 0) == 0) return kListFunction;
  return kUnsupported;
}

}  // namespace

void ResolveFunctions(Expr* expr) {
  if (expr->kind == Expr::Kind::kCall) expr->function = ResolveFunction(expr->text);
  for (const std::unique_ptr<Expr>& child : expr->children) ResolveFunctions(child.get());
}

Json CallFunction(const Expr& call, Evaluator& ev) {
  const int32_t function = call.function == Expr::kUnresolved ? ResolveFunction(call.text) : call.function;
  switch (function) {
    case kIf: return LazyIf(call, ev);
    case kAnd: return LazyAndOr(call, ev, true);
    case kOr: return LazyAndOr(call, ev, false);
    case kCoalesce: return LazyCoalesce(call, ev);
    case kLambdaVariables: return LazyLambdaVariables(call, ev);
    case kCollection: return LazyCollection(call, ev);
    case kUserDefined: {
      const Json* definition = ev.scope().UserFunction(call.text);
      if (definition == nullptr) return ev.Error("unknown user-defined function '" + call.text + "'");
      return CallUserFunction(call, *definition, ev);
    }
    case kListFunction: return DeploymentTimeValue(call, ev);
    case kUnsupported: return ev.Unknown("the template function '" + call.text + "' is not supported by routelint");
    default: break;
  }
  const BuiltinEntry* entry = &kBuiltins[function];
  const int n = static_cast<int>(call.children.size());
  if (n < entry->min_args || (entry->max_args >= 0 && n > entry->max_args)) {
    return ev.Error(fmt::format("{}() takes {} argument(s), got {}", call.text,
                                entry->max_args < 0 ? fmt::format("at least {}", entry->min_args)
                                : entry->min_args == entry->max_args ? std::to_string(entry->min_args)
                                : fmt::format("{} to {}", entry->min_args, entry->max_args),
                                n));
  }
  Args args{call, ev, {}};
  args.v.reserve(call.children.size());
  size_t arguments_weight = 0;
  for (const auto& child : call.children) {
    args.v.push_back(ev.Evaluate(*child));
    if (IsUnknown(args.v.back()) && !entry->sees_unknown) return UnknownValue();
    // What a function builds is at most a few times its arguments, except
    // where it repeats them (replace, join, format, split check as they go).
    arguments_weight += MeasureValue(args.v.back(), kMaxValueWeight, kMaxValueDepth).weight;
    if (arguments_weight > kMaxValueWeight) return TooLarge(args);
  }
  Json result = entry->fn(args);
  // parameters(), variables() and reference() return values already built.
  if (entry->fn != FnParameters && entry->fn != FnVariables && entry->fn != FnReference &&
      !ev.Admit(result, {"", call.text, "()"})) {
    return UnknownValue();
  }
  return result;
}

}  // namespace routelint

// Values of the ARM template language: the JSON types (string, integer, bool,
// array, object, null) plus Unknown, a value Azure decides only at deployment
// time (or that routelint cannot know). Unknown is nlohmann's "discarded"
// value: it never occurs in parsed JSON, copies cheaply, and nests inside
// arrays and objects, so a partly known resource stays partly known.
#ifndef ROUTELINT_EXPAND_VALUE_H_
#define ROUTELINT_EXPAND_VALUE_H_

#include <nlohmann/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/strings.h"

namespace routelint {

using Json = nlohmann::json;

inline Json UnknownValue() { return Json(Json::value_t::discarded); }
inline bool IsUnknown(const Json& value) { return value.is_discarded(); }
/// True when `value` is Unknown or holds an Unknown anywhere inside.
bool ContainsUnknown(const Json& value);

/// Marks an object returned by reference(): the state of a deployed
/// resource, of which a template knows only part. Reading a member it lacks
/// gives Unknown rather than an error.
inline constexpr std::string_view kRuntimeStateMarker = "\u0001routelint:runtime-state";

/// Object member lookup as ARM does it: exact match first, then
/// case-insensitive. Returns nullptr when absent (or `object` is no object).
/// With `spelled`, *spelled receives the member's name as the object spells it.
const Json* FindMember(const Json& object, std::string_view key, const std::string** spelled = nullptr);
Json* FindMember(Json& object, std::string_view key);

/// A digest of a value's content, to tell two values apart without keeping
/// both: values that == finds equal (numbers compared by value, 1 and 1.0
/// alike) have equal digests, and different ones almost surely not. Every
/// Unknown digests alike: values equal where both are known, with Unknowns
/// at the same places, have equal digests. Walks without recursion.
uint64_t DigestValue(const Json& value);

/// How big a value is, for the bounds on what a template may build: the
/// bytes of its strings and keys plus 32 per value (`weight`, about the
/// memory it holds), and how many levels it nests (`depth`; a scalar is 1).
struct ValueSize {
  size_t weight = 0;
  int depth = 0;
};
/// Measures without recursion; stops counting once the weight passes
/// `max_weight` or the depth passes `max_depth` (the result is then past
/// that bound, and no more exact).
ValueSize MeasureValue(const Json& value, size_t max_weight, int max_depth);

/// Renders a value as ARM's string() does: strings as they are, booleans as
/// True/False, numbers in decimal, arrays and objects as compact JSON.
std::string ArmToString(const Json& value);

/// ARM's string functions count UTF-16 code units, as .NET strings do.
/// Invalid UTF-8 becomes U+FFFD.
std::u16string ToUtf16(std::string_view text);
std::string ToUtf8(std::u16string_view text);

}  // namespace routelint

#endif  // ROUTELINT_EXPAND_VALUE_H_

// Small string helpers shared across stages.
#ifndef ROUTELINT_BASE_STRINGS_H_
#define ROUTELINT_BASE_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace routelint {

/// `text` with every occurrence of `from` (non-empty) replaced by `to`.
inline std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  size_t start = 0;
  for (size_t at; (at = text.find(from, start)) != std::string_view::npos; start = at + from.size()) {
    out.append(text.substr(start, at - start));
    out.append(to);
  }
  out.append(text.substr(start));
  return out;
}

/// `text` cut to at most `max` bytes, at a UTF-8 character boundary, with
/// "…" after it when it was cut: input quoted in a message stays readable
/// however long the input is.
inline std::string Abbreviate(std::string_view text, size_t max = 80) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\u2026";
}

/// ASCII digits, and the value of a hexadecimal digit (-1 for another character).
/// ASCII only, and without the locale lookup std::tolower makes per call.
inline char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
/// ASCII case-insensitive comparison (ARM names, types and ids).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view text);
/// ASCII white space: space, tab, CR, LF, form feed, vertical tab.
inline bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
/// `text` without the ASCII white space around it (a CR of a CR LF line too).
std::string_view TrimAsciiSpace(std::string_view text);

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The length (1 to 4) of the well-formed UTF-8 character at `at` (RFC 3629:
/// no overlong forms, no surrogates, nothing past U+10FFFF), or 0 when the
/// bytes there are not one; then *bad (when given) is the offset of the
/// first byte that does not fit.
size_t Utf8SequenceLength(std::string_view text, size_t at, size_t* bad = nullptr);

/// Appends the UTF-8 encoding of `code_point` (at most U+10FFFF, no
/// surrogate) to *out.
void AppendUtf8(uint32_t code_point, std::string* out);

/// True when `text` matches `pattern`, where '*' stands for any run of
/// characters; letters compare case-insensitively ("rl0*" matches "RL012").
bool GlobMatch(std::string_view pattern, std::string_view text);

/// True when a rule, by id or name, matches `pattern` (an id, a name, or a
/// glob of either).
inline bool RuleMatchesPattern(std::string_view id, std::string_view name, std::string_view pattern) {
  return GlobMatch(pattern, id) || GlobMatch(pattern, name);
}

}  // namespace routelint

#endif  // ROUTELINT_BASE_STRINGS_H_

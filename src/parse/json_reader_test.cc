// Tests for the JSON reader: values as nlohmann stores them (the rest of
// routelint reads nlohmann DOMs), checked against nlohmann's own parser on
// every JSON file of the repository and the fuzzing corpus, plus the cases
// where the reader differs on purpose (raw control characters, repeated
// keys listed, nesting bounded) and its error places.
#include "parse/json_reader.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

using Json = nlohmann::json;

struct Read {
  bool ok = false;
  Json value;
  JsonReadError error;
  std::vector<DuplicateKey> duplicates;
};

Read ReadText(std::string_view text, int max_depth = 256) {
  Read r;
  r.ok = ReadJson(text, max_depth, &r.value, &r.error, &r.duplicates);
  return r;
}

// nlohmann's verdict on `text` (comments allowed, as in the loader).
bool NlohmannParse(std::string_view text, Json* value) {
  *value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  return !value->is_discarded();
}

bool HasRawControlInString(std::string_view text) {
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string && c == '\\') {
      ++i;
    } else if (c == '"') {
      in_string = !in_string;
    } else if (in_string && static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
  }
  return false;
}

// The same value, and the same kind of number (nlohmann's == treats 1 and
// 1u as equal; the evaluator tells them apart in places).
bool SameValue(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt) {
      if (it.key() != jt.key() || !SameValue(it.value(), jt.value())) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameValue(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_number_float()) return a.get<double>() == b.get<double>() || (a.get<double>() != a.get<double>());
  return a == b;
}

TEST_CASE("json reader: values and number kinds as nlohmann stores them", "[parse]") {
  const Read r = ReadText(R"({"s": "a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00", "i": -5, "u": 5, "big": 18446744073709551615,
    "huge": 18446744073709551616, "neg": -9223372036854775808, "f": 1.5e3, "z": -0, "t": true, "n": null, "tiny": 1e-400,
    "a": [1, [], {}], "e": ""})");
  REQUIRE(r.ok);
  CHECK(r.value["s"] == "a\"b\\c/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(r.value["i"].is_number_integer());
  CHECK_FALSE(r.value["i"].is_number_unsigned());
  CHECK(r.value["u"].is_number_unsigned());
  CHECK(r.value["big"].get<uint64_t>() == 18446744073709551615u);
  CHECK(r.value["huge"].is_number_float());
  CHECK(r.value["neg"].get<int64_t>() == INT64_MIN);
  CHECK(r.value["f"].get<double>() == 1500.0);
  CHECK(r.value["tiny"].get<double>() == 0.0);
  CHECK(r.value["z"].is_number_integer());
  CHECK(r.value["t"] == true);
  CHECK(r.value["n"].is_null());
  CHECK(r.value["a"].dump() == "[1,[],{}]");
  CHECK(r.value["e"] == "");
}

TEST_CASE("json reader: comments where whitespace goes, raw control characters in strings", "[parse]") {
  const Read r = ReadText("// head\n{ /* a */ \"k\" /* b */ : /* c */ \"line\none\ttab\" // tail\n} /* end */");
  REQUIRE(r.ok);
  CHECK(r.value["k"] == "line\none\ttab");
}

TEST_CASE("json reader: a repeated key keeps the last value and is listed at its quote", "[parse]") {
  const Read r = ReadText(R"({"a": 1, "b": {"x": 1, "x": 2}, "a": 3})");
  REQUIRE(r.ok);
  CHECK(r.value["a"] == 3);
  CHECK(r.value["b"]["x"] == 2);
  REQUIRE(r.duplicates.size() == 2);
  CHECK(r.duplicates[0].key == "x");
  CHECK(r.duplicates[0].offset == 23);
  CHECK(r.duplicates[1].key == "a");
  CHECK(r.duplicates[1].offset == 32);
}

TEST_CASE("json reader: errors name the place and what was expected", "[parse]") {
  struct Case {
    std::string text;
    size_t offset;
    std::string message;
  };
  const Case cases[] = {
      {"", 0, "syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
      {"{\"a\" 1}", 5, "syntax error while parsing object separator - unexpected number literal; expected ':'"},
      {"{\"a\": 1 \"b\": 2}", 8, "syntax error while parsing object - unexpected string literal; expected ',' or '}'"},
      {"{\"a\": 1,}", 8, "syntax error while parsing object key - unexpected '}'; expected string literal"},
      {"[1 2]", 3, "syntax error while parsing array - unexpected number literal; expected ',' or ']'"},
      {"[1,]", 3, "syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal"},
      {"tru", 3, "syntax error while parsing value - invalid literal; last read: 'tru'"},
      {"\xc3\xa9", 0, "syntax error while parsing value - invalid literal; last read: '\xc3\xa9'"},
      {"\x01", 0, "syntax error while parsing value - invalid literal; last read: '\x01'"},
      {"{} x", 3, "syntax error while parsing value - invalid literal; last read: 'x'; expected end of input"},
      {"{\"a\": 1 x}", 8, "syntax error while parsing object - invalid literal; last read: 'x'; expected ',' or '}'"},
      {"{} {}", 3, "syntax error while parsing value - unexpected '{'; expected end of input"},
      {"\"abc", 4, "syntax error while parsing value - invalid string: missing closing quote; last read: '\"abc'"},
      {"\"a\\x\"", 3, "syntax error while parsing value - invalid string: forbidden character after backslash; last read: '\"a\\x'"},
      {"\"\\u12G4\"", 5, "syntax error while parsing value - invalid string: '\\u' must be followed by 4 hex digits; last read: '\"\\u12G'"},
      {"\"\\ud800x\"", 7, "syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800x'"},
      {"\"\\ud800\\u0041\"", 7, "syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\\u0041'"},
      {"\"\\udc00\"", 1, "syntax error while parsing value - invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF; last read: '\"\\udc00'"},
      {"\"a\xc3\x28\"", 3, "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"a\xc3\x28'"},
      {"\"\xed\xa0\x80\"", 2, "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"\xed\xa0'"},
      {"\"\xc0\xaf\"", 1, "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"\xc0'"},
      {"-", 1, "syntax error while parsing value - invalid number; expected digit after '-'; last read: '-'"},
      {"1.", 2, "syntax error while parsing value - invalid number; expected digit after '.'; last read: '1.'"},
      {"1e", 2, "syntax error while parsing value - invalid number; expected '+', '-', or digit after exponent; last read: '1e'"},
      {"1.5e+", 5, "syntax error while parsing value - invalid number; expected digit after exponent sign; last read: '1.5e+'"},
      {"\"\xf0\x9f\x98", 4, "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"\xf0\x9f\x98'"},
      {"[1" + std::string(60, '0') + "e400]", 1, "syntax error while parsing value - number overflow parsing '1" +
                                                      std::string(39, '0') + "\u2026'"},
      {"[-91e400]", 1, "syntax error while parsing value - number overflow parsing '-91e400'"},
      {"01", 1, "syntax error while parsing value - unexpected number literal; expected end of input"},
      {"/x", 0, "syntax error while parsing value - invalid comment; expecting '/' or '*' after '/'"},
      {"{}// line\rx", 10, "syntax error while parsing value - invalid literal; last read: 'x'; expected end of input"},
      {"{} /* open", 3, "syntax error while parsing value - invalid comment; missing closing '*/'"},
      {std::string("{}\0x", 4), 2,
       "syntax error while parsing value - invalid literal; last read: '" + std::string(1, '\0') + "'; expected end of input"},
      {"{\"a\": \"one\ntwo}", 15,
       "syntax error while parsing value - invalid string: missing closing quote; last read: '\"one\ntwo}'; the string "
       "that starts on line 1 runs across a line break: is its closing quote missing?"},
      // A string with a line break that is not the last one read: no hint.
      {"{\"d\": \"one\ntwo\", \"x\": tru}", 25, "syntax error while parsing value - invalid literal; last read: 'tru}'"},
  };
  for (const Case& c : cases) {
    INFO("text: " << c.text);
    const Read r = ReadText(c.text);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.message == c.message);
    CHECK(r.error.offset == c.offset);
  }
}

TEST_CASE("json reader: nesting past the bound stops at the bracket that crosses it", "[parse]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Read r = ReadText(deep, 256);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.offset == 256);
  CHECK(r.error.message == "JSON nests deeper than 256 levels");
  CHECK(ReadText(std::string(256, '[') + std::string(256, ']')).ok);
}

// Every JSON file of the repository (templates, exports, bad input, the
// fuzzing corpus of the loader) reads as nlohmann reads it: the same value,
// or an error from both. Raw control characters in strings (accepted here,
// as ARM does), nesting past the bound and text after a NUL byte are the
// differences by design.
TEST_CASE("json reader: agrees with nlohmann on every JSON file of the repository", "[parse]") {
  namespace fs = std::filesystem;
  size_t compared = 0, both_failed = 0;
  for (const char* root : {"testdata", "fuzz/corpus/json", "fuzz/corpus/lint", "../shared/corpus"}) {
    const fs::path dir = fs::path(ROUTELINT_SOURCE_DIR) / root;
    if (!fs::is_directory(dir)) continue;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      std::string text = buffer.str();
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
      INFO("file: " << entry.path().string());
      Json expected;
      const bool nlohmann_ok = NlohmannParse(text, &expected);
      const Read r = ReadText(text);
      if (!r.ok && r.error.message.rfind("JSON nests deeper", 0) == 0) continue;
      if (r.ok && !nlohmann_ok && HasRawControlInString(text)) continue;
      // nlohmann takes a NUL byte between tokens for the end of the input and
      // ignores what follows; JSON has no such rule, and the reader rejects it.
      if (!r.ok && nlohmann_ok && text.find('\0') != std::string::npos) continue;
      CHECK(r.ok == nlohmann_ok);
      if (r.ok && nlohmann_ok) {
        CHECK(SameValue(r.value, expected));
        ++compared;
      } else if (!r.ok) {
        ++both_failed;
      }
    }
  }
  CHECK(compared > 500);
  CHECK(both_failed > 10);
}

}  // namespace
}  // namespace routelint

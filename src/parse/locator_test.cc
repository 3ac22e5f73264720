// Tests for the locator: JSON pointers found in source text (through
// comments and raw control characters), and byte offsets turned into
// line:column with columns in code points.
#include "parse/locator.h"

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

// Offset of the n-th (0-based) occurrence of `needle` in `text`.
size_t Nth(std::string_view text, std::string_view needle, int n = 0) {
  size_t at = text.find(needle);
  for (int i = 0; i < n && at != std::string_view::npos; ++i) at = text.find(needle, at + 1);
  REQUIRE(at != std::string_view::npos);
  return at;
}

const std::string kTemplate =
    "{\n"
    "  // a comment with \"quotes\", { braces } and [ brackets\n"
    "  \"$schema\": \"https://schema.management.azure.com/x#\",\n"
    "  \"resources\": [\n"
    "    { \"name\": \"first\", \"tags\": { \"resources\": [1, 2] } },\n"
    "    /* a block ] } comment */ {\n"
    "      \"name\": \"second\",\n"
    "      \"properties\": {\n"
    "        \"a/b\": 1,\n"
    "        \"t~z\": [10, 20, 30],\n"
    "        \"s\": \"raw\ttab and \\\"escaped\\\" quote\",\n"
    "        \"after\": true\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

TEST_CASE("locator: the root is the first value", "[parse]") {
  size_t offset = 99;
  CHECK(LocateJsonPointer(kTemplate, "", &offset));
  CHECK(offset == 0);
  const std::string commented = "\xEF\xBB\xBF  // c\n  /* d */ [1]";
  CHECK(LocateJsonPointer(commented, "", &offset));
  CHECK(offset == commented.find('['));
}

TEST_CASE("locator: an object member is located at its key", "[parse]") {
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(kTemplate, "/resources", &offset));
  // Not the word inside the comment: the key on line 4.
  CHECK(offset == Nth(kTemplate, "\"resources\": ["));
  REQUIRE(LocateJsonPointer(kTemplate, "/$schema", &offset));
  CHECK(offset == Nth(kTemplate, "\"$schema\""));
}

TEST_CASE("locator: array elements are located at the element", "[parse]") {
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/0", &offset));
  CHECK(offset == Nth(kTemplate, "{ \"name\": \"first\""));
  // The second element comes after a block comment holding ']' and '}'.
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1", &offset));
  CHECK(offset == Nth(kTemplate, "{\n      \"name\": \"second\""));
}

TEST_CASE("locator: nested paths", "[parse]") {
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1/name", &offset));
  CHECK(offset == Nth(kTemplate, "\"name\"", 1));
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1/properties/t~0z/2", &offset));
  CHECK(offset == Nth(kTemplate, "30"));
  // Nested "resources" inside the first element's tags is not confused with the top one.
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/0/tags/resources/1", &offset));
  CHECK(offset == Nth(kTemplate, "2] }"));
}

TEST_CASE("locator: keys with ~1 and ~0 escapes", "[parse]") {
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1/properties/a~1b", &offset));
  CHECK(offset == Nth(kTemplate, "\"a/b\""));
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1/properties/t~0z", &offset));
  CHECK(offset == Nth(kTemplate, "\"t~z\""));
}

TEST_CASE("locator: members after strings with raw tabs and escaped quotes", "[parse]") {
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1/properties/after", &offset));
  CHECK(offset == Nth(kTemplate, "\"after\""));
}

TEST_CASE("locator: a missing path returns false and the deepest ancestor", "[parse]") {
  size_t offset = 0;
  CHECK_FALSE(LocateJsonPointer(kTemplate, "/resources/1/properties/nope", &offset));
  CHECK(offset == Nth(kTemplate, "\"properties\""));
  CHECK_FALSE(LocateJsonPointer(kTemplate, "/resources/7/name", &offset));
  CHECK(offset == Nth(kTemplate, "\"resources\": ["));
  CHECK_FALSE(LocateJsonPointer(kTemplate, "/nothing", &offset));
  CHECK(offset == 0);
  // A path that continues below a scalar.
  CHECK_FALSE(LocateJsonPointer(kTemplate, "/resources/1/properties/after/x", &offset));
  CHECK(offset == Nth(kTemplate, "\"after\""));
  // A non-numeric array index.
  CHECK_FALSE(LocateJsonPointer(kTemplate, "/resources/x", &offset));
  CHECK(offset == Nth(kTemplate, "\"resources\": ["));
}

TEST_CASE("locator: SplitJsonPointer undoes escapes in order", "[parse]") {
  CHECK(SplitJsonPointer("") == std::vector<std::string>{});
  CHECK(SplitJsonPointer("/a/0/b") == std::vector<std::string>{"a", "0", "b"});
  CHECK(SplitJsonPointer("/a~1b/c~0d") == std::vector<std::string>{"a/b", "c~d"});
  // "~01" is "~1" (not "/"): ~0 is decoded, then the 1 is literal.
  CHECK(SplitJsonPointer("/~01") == std::vector<std::string>{"~1"});
  CHECK(SplitJsonPointer("/") == std::vector<std::string>{""});
}

TEST_CASE("locator: LineIndex gives 1-based lines and columns", "[parse]") {
  const std::string text = "ab\ncd\n\nef";
  LineIndex index(text);
  int line = 0, column = 0;
  index.Position(0, &line, &column);
  CHECK(line == 1);
  CHECK(column == 1);
  index.Position(1, &line, &column);
  CHECK((line == 1 && column == 2));
  index.Position(2, &line, &column);  // the newline itself ends line 1
  CHECK((line == 1 && column == 3));
  index.Position(3, &line, &column);
  CHECK((line == 2 && column == 1));
  index.Position(6, &line, &column);
  CHECK((line == 3 && column == 1));
  index.Position(8, &line, &column);
  CHECK((line == 4 && column == 2));
  index.Position(1000, &line, &column);  // clamped to the end
  CHECK((line == 4 && column == 3));
}

TEST_CASE("locator: LineIndex columns count UTF-8 code points", "[parse]") {
  // a (1 byte), é (2), € (3), 𝄞 (4), then b.
  const std::string text = "x\na\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E" "b";
  LineIndex index(text);
  int line = 0, column = 0;
  index.Position(text.find('b'), &line, &column);
  CHECK(line == 2);
  CHECK(column == 5);
  index.Position(text.find("\xE2\x82\xAC"), &line, &column);
  CHECK(column == 3);
}

TEST_CASE("locator: LineIndex does not count a BOM as a column", "[parse]") {
  const std::string text = "\xEF\xBB\xBF{\"a\": 1}\n{";
  LineIndex index(text);
  int line = 0, column = 0;
  index.Position(3, &line, &column);
  CHECK((line == 1 && column == 1));
  index.Position(text.find('"'), &line, &column);
  CHECK((line == 1 && column == 2));
  index.Position(text.size() - 1, &line, &column);
  CHECK((line == 2 && column == 1));
}

TEST_CASE("locator: offsets from LocateJsonPointer map to editor positions", "[parse]") {
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(kTemplate, "/resources/1/properties/a~1b", &offset));
  int line = 0, column = 0;
  LineIndex(kTemplate).Position(offset, &line, &column);
  CHECK(line == 9);
  CHECK(column == 9);
}

TEST_CASE("locator: a key written twice is found at its last occurrence, whose value the document keeps", "[parse]") {
  // Found by the JSON fuzzer: "resources": {} then "resources": [...] loads
  // the array, but the pointer /resources/0 was looked for in the object.
  const std::string_view text = R"({"resources": {}, "x": 1, "resources": [{"name": "a"}]})";
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(text, "/resources/0/name", &offset));
  CHECK(offset == text.find("\"name\""));
  REQUIRE(LocateJsonPointer(text, "/resources", &offset));
  CHECK(offset == text.rfind("\"resources\""));
  REQUIRE(LocateJsonPointer(text, "/x", &offset));
  CHECK(offset == text.find("\"x\""));
}

TEST_CASE("locator: an unterminated string never takes an offset past the text", "[parse]") {
  // The scanner once stepped over the end of the text after a string with
  // no closing quote.
  for (const std::string_view text : {std::string_view(R"(["abc)"), std::string_view(R"({"a": "x)"),
                                      std::string_view(R"({"a)"), std::string_view(R"([1, "x)")}) {
    for (const char* pointer : {"/0", "/1", "/a", "/a/0", ""}) {
      size_t offset = 12345;
      LocateJsonPointer(text, pointer, &offset);
      INFO(text << " " << pointer);
      CHECK(offset <= text.size());
    }
  }
}

// A template of `count` route tables, pretty-printed as Bicep writes them.
std::string TemplateOfTables(int count) {
  std::string text = "{\n  \"$schema\": \"x\",\n  \"resources\": [\n";
  for (int i = 0; i < count; ++i) {
    text += fmt::format(
        "    {{\n      \"type\": \"Microsoft.Network/routeTables\",\n      \"name\": \"rt-{0}\",\n"
        "      \"properties\": {{\n        \"disableBgpRoutePropagation\": false,\n        \"routes\": [\n"
        "          {{ \"name\": \"default\", \"properties\": {{ \"addressPrefix\": \"0.0.0.0/0\" }} }}\n"
        "        ]\n      }}\n    }}{1}\n",
        i, i + 1 < count ? "," : "");
  }
  return text + "  ]\n}\n";
}

// The work of locating three places in each of the first `findings` tables.
size_t WorkToLocate(const std::string& text, int findings) {
  PointerIndex index(text);
  size_t offset = 0;
  for (int i = 0; i < findings; ++i) {
    REQUIRE(index.Locate(fmt::format("/resources/{}", i), &offset));
    REQUIRE(index.Locate(fmt::format("/resources/{}/properties/disableBgpRoutePropagation", i), &offset));
    REQUIRE(index.Locate(fmt::format("/resources/{}/properties/routes/0/properties/addressPrefix", i), &offset));
  }
  return index.work();
}

TEST_CASE("locator: doubling the lookups into a file at most doubles the work", "[parse]") {
  const std::string text = TemplateOfTables(400);
  const size_t half = WorkToLocate(text, 200);
  const size_t whole = WorkToLocate(text, 400);
  CHECK(whole <= 2 * half);
  // And it is linear in the text: every table looked into three ways costs
  // a few passes over the text, not one per lookup (that was 1,200 passes).
  CHECK(whole <= 8 * text.size());
}

TEST_CASE("locator: looking up the same place again costs only the pointer's steps", "[parse]") {
  const std::string text = TemplateOfTables(50);
  PointerIndex index(text);
  size_t first = 0, again = 0;
  REQUIRE(index.Locate("/resources/49/properties/routes/0/name", &first));
  const size_t work_once = index.work();
  for (int i = 0; i < 1000; ++i) REQUIRE(index.Locate("/resources/49/properties/routes/0/name", &again));
  CHECK(again == first);
  CHECK(index.work() - work_once == 1000 * 6);  // six pointer steps, no scanning
}

TEST_CASE("locator: one index answers as a fresh scan does, in any order", "[parse]") {
  const std::vector<std::string> pointers = {
      "/resources/1/properties/t~0z/2", "", "/resources/0/tags/resources/1", "/resources/1/properties/nope",
      "/resources/7/name", "/resources/1/properties/a~1b", "/$schema", "/resources/x", "/resources/1/name",
      "/resources/1/properties/after/x", "/resources", "/resources/0"};
  PointerIndex index(kTemplate);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& pointer : pointers) {
      size_t expected = 0, actual = 0;
      const bool expected_found = LocateJsonPointer(kTemplate, pointer, &expected);
      INFO(pointer);
      CHECK(index.Locate(pointer, &actual) == expected_found);
      CHECK(actual == expected);
    }
  }
}

TEST_CASE("locator: a line comment ends at a carriage return, as the reader ends it", "[parse]") {
  // Found by the json fuzzer: after "//c\r" the scanner and the bracket
  // pairing took the whole line, the object's brace included, for comment.
  const std::string_view text = "//c\r{\"a\": [1, {\"b\": 2}]}";
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(text, "/a/1/b", &offset));
  CHECK(offset == text.find("\"b\""));
  CHECK(LocateJsonPointer(text, "", &offset));
  CHECK(offset == text.find('{'));
}

TEST_CASE("locator: keys written with escapes are found by their decoded text", "[parse]") {
  const std::string_view text = R"({"a\"b": 1, "tab\there": [5, 6], "plain": 2})";
  size_t offset = 0;
  REQUIRE(LocateJsonPointer(text, "/a\"b", &offset));
  CHECK(offset == text.find("\"a\\"));
  REQUIRE(LocateJsonPointer(text, "/tab\there/1", &offset));
  CHECK(offset == text.find('6'));
  REQUIRE(LocateJsonPointer(text, "/plain", &offset));
  CHECK(offset == text.find("\"plain\""));
}

TEST_CASE("locator: columns on a long minified line count code points across checkpoint blocks", "[parse]") {
  // One line of 20,000 bytes with a two-byte character every 7 bytes, then
  // a second line: the column must be the code point count, however far
  // into the line.
  std::string text;
  while (text.size() < 20000) text += "abcde\xC3\xA9";
  text += "\nxyz";
  const LineIndex index(text);
  for (size_t offset : {size_t{0}, size_t{1023}, size_t{1024}, size_t{1025}, size_t{4095}, size_t{4096}, size_t{8193},
                        size_t{19999}, text.size() - 4}) {
    size_t code_points = 0;
    for (size_t i = 0; i < offset; ++i) code_points += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    int line = 0, column = 0;
    index.Position(offset, &line, &column);
    INFO(offset);
    CHECK(line == 1);
    CHECK(column == static_cast<int>(code_points) + 1);
  }
  int line = 0, column = 0;
  index.Position(text.size(), &line, &column);
  CHECK((line == 2 && column == 4));
}

}  // namespace
}  // namespace routelint

// Tests for the parse stage's JSON loader: what ARM accepts beyond strict
// JSON (BOM, comments, raw control characters in strings) loads with the
// right values, and malformed input is reported as RL901 at the exact place,
// never as an exception.
#include "parse/json_loader.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

using Json = nlohmann::json;

struct Loaded {
  bool ok = false;
  Json document;
  Diagnostic error;
};

Loaded Load(std::string_view text, ParseLimits limits = {}) {
  Loaded out;
  // The contract is "never throws": any exception fails the test here.
  REQUIRE_NOTHROW(out.ok = ParseJsonText("in.json", text, limits, &out.document, &out.error));
  return out;
}

// Asserts a parse failure reported as RL901 at line:column of "in.json".
void ExpectErrorAt(std::string_view text, int line, int column, ParseLimits limits = {}) {
  const Loaded r = Load(text, limits);
  INFO("message: " << r.error.message);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.id == "RL901");
  CHECK(r.error.severity == Severity::kError);
  CHECK(r.error.location.file == "in.json");
  CHECK(r.error.location.line == line);
  CHECK(r.error.location.column == column);
  CHECK_FALSE(r.error.message.empty());
}

// ------------------------------------------------------------ what loads

TEST_CASE("json_loader: plain JSON loads", "[parse]") {
  const Loaded r = Load(R"({"a": 1, "b": [true, null, "x"], "c": {"d": -2}})");
  REQUIRE(r.ok);
  CHECK(r.document["a"] == 1);
  CHECK(r.document["b"] == Json::array({true, nullptr, "x"}));
  CHECK(r.document["c"]["d"] == -2);
}

TEST_CASE("json_loader: a UTF-8 BOM is skipped", "[parse]") {
  const Loaded r = Load("\xEF\xBB\xBF{\"a\": \"b\"}");
  REQUIRE(r.ok);
  CHECK(r.document == Json{{"a", "b"}});
}

TEST_CASE("json_loader: // and /* */ comments are ignored", "[parse]") {
  const std::string text =
      "// leading line comment\n"
      "{ /* block before a key */ \"a\": /* between */ 1, // trailing\n"
      "  /* multi\n     line { [ \" */\n"
      "  \"b\": [1, /**/ 2]\n"
      "}\n"
      "// comment at the end, no newline";
  const Loaded r = Load(text);
  INFO(r.error.message);
  REQUIRE(r.ok);
  CHECK(r.document == Json{{"a", 1}, {"b", {1, 2}}});
}

TEST_CASE("json_loader: comment markers inside strings are text", "[parse]") {
  const Loaded r = Load(R"({"url": "https://example.com/x", "c": "/* not a comment */"})");
  REQUIRE(r.ok);
  CHECK(r.document["url"] == "https://example.com/x");
  CHECK(r.document["c"] == "/* not a comment */");
}

TEST_CASE("json_loader: raw tab, newline and control characters inside strings keep their value", "[parse]") {
  const std::string text = "{\"a\": \"col1\tcol2\", \"b\": \"line1\nline2\", \"c\": \"cr\rx\x01y\", \"d\": \"q\\\"\t\"}";
  const Loaded r = Load(text);
  INFO(r.error.message);
  REQUIRE(r.ok);
  CHECK(r.document["a"] == "col1\tcol2");
  CHECK(r.document["b"] == "line1\nline2");
  CHECK(r.document["c"] == std::string("cr\rx\x01y"));
  CHECK(r.document["d"] == "q\"\t");  // an escaped quote does not end the string
}

TEST_CASE("json_loader: escaped control characters still load", "[parse]") {
  const Loaded r = Load(R"({"a": "x\ty\n\u0001"})");
  REQUIRE(r.ok);
  CHECK(r.document["a"] == std::string("x\ty\n\x01"));
}

TEST_CASE("json_loader: nesting up to max_depth loads", "[parse]") {
  ParseLimits limits;
  limits.max_depth = 3;
  const Loaded r = Load("[[[1]]]", limits);
  REQUIRE(r.ok);
  CHECK(r.document[0][0][0] == 1);
  // Brackets inside strings do not count as nesting.
  CHECK(Load(R"(["[[[[[[[[", {"a": "{{{{{{{"}])", limits).ok);
}

// ------------------------------------------------------------ what fails, and where

TEST_CASE("json_loader: missing comma on line 3 is located on line 3", "[parse]") {
  // Array: the unexpected token is the single character '3'.
  ExpectErrorAt("[\n  1,\n  2 3\n]\n", 3, 5);
}

TEST_CASE("json_loader: missing comma between object members is located on line 3", "[parse]") {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}\n";
  const Loaded r = Load(text);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.id == "RL901");
  CHECK(r.error.location.line == 3);
  // The unexpected token "c" spans columns 10-12 of line 3.
  CHECK(r.error.location.column >= 10);
  CHECK(r.error.location.column <= 12);
}

TEST_CASE("json_loader: a trailing comma is an error at the closing bracket", "[parse]") {
  ExpectErrorAt("{\n  \"a\": [1, 2,]\n}", 2, 14);
}

TEST_CASE("json_loader: unterminated string", "[parse]") {
  // The string runs to the end of the file; the error is at the end.
  ExpectErrorAt("{\n  \"a\": \"abc", 2, 12);
}

TEST_CASE("json_loader: truncated file is an error at its end", "[parse]") {
  ExpectErrorAt("{\n  \"a\": [1, 2", 2, 13);
}

TEST_CASE("json_loader: empty file", "[parse]") {
  ExpectErrorAt("", 1, 1);
  ExpectErrorAt("\xEF\xBB\xBF", 1, 1);
}

TEST_CASE("json_loader: only whitespace and comments", "[parse]") {
  const Loaded r = Load("  // nothing here\n  ");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.id == "RL901");
  CHECK(r.error.location.line == 2);
}

TEST_CASE("json_loader: invalid UTF-8 is an error at the bad byte", "[parse]") {
  // 0xFF can never occur in UTF-8; it is byte 8 of line 1.
  ExpectErrorAt("{\"a\": \"\xFF\"}", 1, 8);
  // After a two-byte character the column counts code points, not bytes.
  ExpectErrorAt("{\"\xC3\xA9\": \"\xFF\"}", 1, 8);
}

TEST_CASE("json_loader: nesting deeper than max_depth is RL901 at the first bracket too deep", "[parse]") {
  ParseLimits limits;
  limits.max_depth = 3;
  ExpectErrorAt("[[[[1]]]]", 1, 4, limits);
  ExpectErrorAt("{\n  \"a\": {\"b\": [\n    {\"c\": 1}]}}", 3, 5, limits);
  const Loaded r = Load("[[[[1]]]]", limits);
  CHECK(r.error.message.find('3') != std::string::npos);
}

TEST_CASE("json_loader: default depth limit stops hostile nesting without throwing", "[parse]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Loaded r = Load(deep);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.id == "RL901");
  CHECK(r.error.location.line == 1);
  CHECK(r.error.location.column == ParseLimits{}.max_depth + 1);
}

TEST_CASE("json_loader: positions stay right after a raw control character", "[parse]") {
  // A raw tab inside a string is one column; the error is the second comma.
  {
    const std::string text = "{\"a\": \"x\ty\",, \"b\": 1}";
    const int column = static_cast<int>(text.find(",,")) + 2;
    ExpectErrorAt(text, 1, column);
  }
  // Several raw control characters before the error.
  {
    const std::string text = "[\"\t\t\x01\", \"\x02\", ]";
    ExpectErrorAt(text, 1, static_cast<int>(text.size()));
  }
  // A raw newline inside a string starts line 2; ']' is column 5 there.
  ExpectErrorAt("{\"a\": \"x\ny\", ]}", 2, 5);
}

TEST_CASE("json_loader: positions stay right after a BOM", "[parse]") {
  // The BOM is no column: '[1,]' reports ']' at column 4.
  ExpectErrorAt("\xEF\xBB\xBF[1,]", 1, 4);
  ExpectErrorAt("\xEF\xBB\xBF{\n  \"a\": 1,\n  ]\n}", 3, 3);
  // BOM and raw control character together.
  ExpectErrorAt("\xEF\xBB\xBF[\"\t\",,]", 1, 6);
}

TEST_CASE("json_loader: garbage after the document is an error", "[parse]") {
  ExpectErrorAt("{}\n}", 2, 1);
}

// ------------------------------------------------------------ ReadFileText

TEST_CASE("json_loader: ReadFileText reads a file and reports RL902 otherwise", "[parse]") {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("routelint_json_loader_test_" + std::to_string(::getpid()) + ".json")).string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"a\": 1}";
  }
  std::string text;
  Diagnostic error;
  CHECK(ReadFileText(path, 1024, &text, &error));
  CHECK(text == "{\"a\": 1}");

  CHECK_FALSE(ReadFileText(path, 4, &text, &error));
  CHECK(error.id == "RL902");
  CHECK(error.location.file == path);
  std::remove(path.c_str());

  Diagnostic missing;
  CHECK_FALSE(ReadFileText("does/not/exist.json", 1024, &text, &missing));
  CHECK(missing.id == "RL902");
  CHECK(missing.location.line == 0);
}

TEST_CASE("json_loader: FileText holds a file's bytes, survives a move, and reports RL902 otherwise", "[parse]") {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("routelint_file_text_test_" + std::to_string(::getpid()) + ".json")).string();
  const std::string content = "{\"a\": [1, 2, \"\xC3\xA9\"]}\n";
  std::ofstream(path, std::ios::binary) << content;
  FileText text;
  Diagnostic error;
  REQUIRE(text.Load(path, 1024, &error));
  CHECK(text.view() == content);
  const FileText moved = std::move(text);
  CHECK(moved.view() == content);

  FileText too_large;
  CHECK_FALSE(too_large.Load(path, 4, &error));
  CHECK(error.id == "RL902");
  CHECK(error.location.file == path);
  std::ofstream(path, std::ios::binary | std::ios::trunc).flush();
  FileText empty;
  CHECK(empty.Load(path, 1024, &error));
  CHECK(empty.view().empty());
  std::remove(path.c_str());

  FileText missing;
  Diagnostic missing_error;
  CHECK_FALSE(missing.Load("does/not/exist.json", 1024, &missing_error));
  CHECK(missing_error.id == "RL902");
  // Not a regular file: read as a stream, to its end.
  FileText stream;
  CHECK(stream.Load("/dev/null", 1024, &error));
  CHECK(stream.view().empty());
}

// ------------------------------------------------------------ duplicate keys

TEST_CASE("json_loader: a key twice in one object is a warning at the second, and the last value wins", "[parse]") {
  Json document;
  Diagnostic error;
  std::vector<Diagnostic> warnings;
  const std::string text = "{\n  \"a\": 1,\n  \"b\": {\"x\": 1, \"y\": \"\x01\", \"x\": 2},\n  \"a\": 3\n}";
  REQUIRE(ParseJsonText("in.json", text, ParseLimits{}, &document, &error, &warnings));
  CHECK(document["a"] == 3);
  CHECK(document["b"]["x"] == 2);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].id == "RL901");
  CHECK(warnings[0].severity == Severity::kWarning);
  CHECK(warnings[0].location.line == 3);  // "x" again, after a raw control character
  CHECK(warnings[0].location.column == 27);
  CHECK(warnings[0].message.find("duplicate key \"x\"") != std::string::npos);
  CHECK(warnings[1].location.line == 4);
  CHECK(warnings[1].location.column == 3);
}

TEST_CASE("json_loader: ten repeated keys are listed, and the last says more follow", "[parse]") {
  std::string text = "{";
  for (int i = 0; i < 12; ++i) text += "\"k\": " + std::to_string(i) + ", ";
  text += "\"end\": 0}";
  Json document;
  Diagnostic error;
  std::vector<Diagnostic> warnings;
  REQUIRE(ParseJsonText("in.json", text, ParseLimits{}, &document, &error, &warnings));
  CHECK(document["k"] == 11);
  REQUIRE(warnings.size() == 10);
  CHECK(warnings[8].message.find("more repeated keys") == std::string::npos);
  CHECK(warnings[9].message.find("(more repeated keys follow, not listed)") != std::string::npos);
}

TEST_CASE("json_loader: the same key in different objects is no duplicate", "[parse]") {
  Json document;
  Diagnostic error;
  std::vector<Diagnostic> warnings;
  REQUIRE(ParseJsonText("in.json", R"([{"a": 1, "b": {"a": 2}}, {"a": 3}, {"\"a": 4, "a": 5}])", ParseLimits{}, &document,
                        &error, &warnings));
  CHECK(warnings.empty());
  // Without a list for warnings nothing is looked for.
  REQUIRE(ParseJsonText("in.json", R"({"a": 1, "a": 2})", ParseLimits{}, &document, &error));
  CHECK(document["a"] == 2);
}

}  // namespace
}  // namespace routelint

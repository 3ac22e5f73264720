// Tests for the ARM template function library (functions.cc, ip_functions.cc)
// through the evaluator, with a small fixed Scope.
//
// Expected values are the documented examples of Microsoft Learn's ARM
// template function pages (template-functions-string, -array, -object,
// -numeric, -logical, -comparison, -resource, -lambda, -cidr; the inputs of
// most examples live in Azure/azure-docs-json-samples under
// azure-resource-manager/functions/). Each block names the example it uses.
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "expand/arm_hash.h"
#include "expand/evaluator.h"
#include "expand/expression.h"
#include "expand/value.h"

namespace routelint {
namespace {

// A Scope with fixed parameters and variables. A parameter whose value is
// the string "<unknown>" behaves like one with no value; an undeclared
// parameter or variable is an error, as in a template.
class TestScope : public Scope {
 public:
  TestScope() {
    deployment_.subscription_id = "00000000-0000-0000-0000-000000000000";
    deployment_.resource_group = "examplegroup";
    deployment_.location = "westeurope";
  }

  Json parameters = Json::object();
  Json variables = Json::object();
  Json functions = Json::object();  // "ns.name" -> definition
  std::vector<std::pair<std::string, int64_t>> copies;

  Json Parameter(std::string_view name, Evaluator& ev) override {
    const Json* value = FindMember(parameters, name);
    if (value == nullptr) return ev.Error("parameter '" + std::string(name) + "' is not declared");
    if (value->is_string() && *value == "<unknown>") {
      return ev.Unknown("parameter '" + std::string(name) + "' has no value");
    }
    return *value;
  }
  Json Variable(std::string_view name, Evaluator& ev) override {
    const Json* value = FindMember(variables, name);
    if (value == nullptr) return ev.Error("variable '" + std::string(name) + "' is not declared");
    return ev.EvaluateTree(*value);
  }
  bool CopyIndex(std::string_view loop, int64_t* index) override {
    for (size_t i = copies.size(); i-- > 0;) {
      if (loop.empty() || EqualsIgnoreCase(copies[i].first, loop)) {
        *index = copies[i].second;
        return true;
      }
    }
    return false;
  }
  const Json* UserFunction(std::string_view qualified_name) override {
    for (auto it = functions.begin(); it != functions.end(); ++it) {
      if (EqualsIgnoreCase(it.key(), qualified_name)) return &it.value();
    }
    return nullptr;
  }
  Json Reference(const Json&, bool, Evaluator& ev) override { return ev.Unknown("reference() is not resolved"); }
  const DeploymentContext& Deployment() override { return deployment_; }

  DeploymentContext deployment_;
};

struct Result {
  Json value;
  std::string reason;
  std::vector<std::string> errors;
};

Result Eval(TestScope& scope, std::string_view text) {
  EvalSession session;
  Evaluator ev(scope, session);
  Result r;
  r.value = ev.EvaluateString(text);
  r.reason = ev.TakeUnknownReason();
  r.errors = ev.TakeErrors();
  return r;
}

// Evaluates `text` in a default scope; requires a known value and no errors.
Json Value(std::string_view text) {
  TestScope scope;
  Result r = Eval(scope, text);
  INFO(text);
  for (const std::string& e : r.errors) UNSCOPED_INFO("error: " << e);
  CHECK(r.errors.empty());
  CHECK_FALSE(ContainsUnknown(r.value));
  return r.value;
}

Json Value(TestScope& scope, std::string_view text) {
  Result r = Eval(scope, text);
  INFO(text);
  for (const std::string& e : r.errors) UNSCOPED_INFO("error: " << e);
  CHECK(r.errors.empty());
  CHECK_FALSE(ContainsUnknown(r.value));
  return r.value;
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

bool AnyContains(const std::vector<std::string>& list, std::string_view needle) {
  for (const std::string& s : list) {
    if (Contains(s, needle)) return true;
  }
  return false;
}

const Json kDogs = Json::parse(R"([
  {"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]},
  {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
  {"name": "Indy", "age": 2, "interests": ["Butter"]},
  {"name": "Kira", "age": 8, "interests": ["Rubs"]}
])");

// ---------------------------------------------------------------- literals

TEST_CASE("functions: plain and escaped template strings", "[expand]") {
  CHECK(Value("plain text") == "plain text");
  CHECK(Value("[[not an expression]") == "[not an expression]");
  CHECK(Value("['it''s']") == "it's");
  CHECK(Value("[concat('it''s', ' ', '''quoted''')]") == "it's 'quoted'");
  CHECK(Value("[true]") == true);
  CHECK(Value("[null]") == nullptr);
  CHECK(Value("[-3]") == -3);
}

TEST_CASE("functions: a literal tree is copied as it is, any expression in it is evaluated", "[expand]") {
  CHECK(IsLiteralTree(Json::parse(R"({"a": [1, "x", {"b": null, "c": "[not closed"}], "d": true})")));
  CHECK(IsLiteralTree(Json::parse(R"(["]", "", "[", "a]"])")));
  CHECK_FALSE(IsLiteralTree(Json::parse(R"({"a": [1, {"b": "[parameters('p')]"}]})")));
  CHECK_FALSE(IsLiteralTree(Json::parse(R"({"a": ["[[escaped]"]})")));
  CHECK_FALSE(IsLiteralTree(Json::parse(R"({"a": {"copy": []}})")));
  // Past the scan's bound a literal is not taken whole (it is copied in parts).
  CHECK(IsLiteralTree(Json(std::vector<int>(kLiteralScanLimit - 1, 7))));
  CHECK_FALSE(IsLiteralTree(Json(std::vector<int>(kLiteralScanLimit, 7))));

  TestScope scope;
  scope.parameters["p"] = "evaluated";
  EvalSession session;
  Evaluator ev(scope, session);
  const Json tree = Json::parse(R"({"literal": {"x": [1, "two"]}, "mixed": ["[parameters('p')]", "[[kept]", {"y": "z"}]})");
  CHECK(ev.EvaluateTree(tree) ==
        Json::parse(R"({"literal": {"x": [1, "two"]}, "mixed": ["evaluated", "[kept]", {"y": "z"}]})"));
  const Json large = {{"items", std::vector<std::string>(3 * kLiteralScanLimit, "text")}, {"p", "[parameters('p')]"}};
  Json expected = large;
  expected["p"] = "evaluated";
  CHECK(ev.EvaluateTree(large) == expected);
}

TEST_CASE("functions: a call's function is found once when parsed, and found as well when it was not", "[expand]") {
  ParsedExpression parsed = ParseExpression("if(equals(toLower('A'), 'a'), concat('x', string(length(createArray(1, 2)))), 'no')");
  REQUIRE(parsed.root);
  CHECK(parsed.root->function == Expr::kUnresolved);
  TestScope scope;
  EvalSession session;
  Evaluator ev(scope, session);
  CHECK(ev.Evaluate(*parsed.root) == "x2");  // resolved on the way
  ResolveFunctions(parsed.root.get());
  CHECK(parsed.root->function != Expr::kUnresolved);
  CHECK(parsed.root->children[0]->function != Expr::kUnresolved);
  CHECK(ev.Evaluate(*parsed.root) == "x2");
  ParsedExpression other = ParseExpression("listKeys('id', '2023-01-01')");
  ResolveFunctions(other.root.get());
  CHECK(IsUnknown(ev.Evaluate(*other.root)));
  CHECK(ev.TakeUnknownReason().find("decided when the template is deployed") != std::string::npos);
  ParsedExpression unsupported = ParseExpression("noSuchFunction()");
  ResolveFunctions(unsupported.root.get());
  CHECK(IsUnknown(ev.Evaluate(*unsupported.root)));
  CHECK(ev.TakeUnknownReason().find("is not supported") != std::string::npos);
}

TEST_CASE("functions: an invalid expression is an error", "[expand]") {
  TestScope scope;
  Result r = Eval(scope, "[concat('a']");
  CHECK(IsUnknown(r.value));
  REQUIRE(r.errors.size() == 1);
  CHECK(Contains(r.errors[0], "invalid expression"));
}

// ---------------------------------------------------------------- strings

TEST_CASE("functions: concat of strings and of arrays", "[expand]") {
  // template-functions-string#concat, concat-array.json.
  CHECK(Value("[concat('prefix', '-', 'suffix')]") == "prefix-suffix");
  CHECK(Value("[concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))]") ==
        Json::array({"1-1", "1-2", "1-3", "2-1", "2-2", "2-3"}));
  CHECK(Value("[concat('n', 1)]") == "n1");
}

TEST_CASE("functions: format", "[expand]") {
  // format.json: greeting 'Hello', name 'User'.
  CHECK(Value("[format('{0}, {1}.', 'Hello', 'User')]") == "Hello, User.");
  CHECK(Value("[format('{1}{0}{1}', 'a', 'b')]") == "bab");
  // {{ and }} are literal braces.
  CHECK(Value("[format('{{{0}}}', 'x')]") == "{x}");
  CHECK(Value("[format('{{literal}} {0}', 1)]") == "{literal} 1");
  CHECK(Value("[format('{0}', true())]") == "True");
  // A placeholder without an argument is an error.
  TestScope scope;
  Result r = Eval(scope, "[format('{0} {1}', 'a')]");
  CHECK(IsUnknown(r.value));
  CHECK_FALSE(r.errors.empty());
}

TEST_CASE("functions: format with a .NET number format is never wrong", "[expand]") {
  // format.json: '{2:N0}' of 8175133 is documented as "8,175,133". routelint
  // may decline (Unknown with a reason), but must not print another value.
  TestScope scope;
  Result r = Eval(scope, "[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]");
  CHECK(r.errors.empty());
  if (IsUnknown(r.value)) {
    CHECK(Contains(r.reason, "N0"));
  } else {
    CHECK(r.value == "Hello, User. Formatted number: 8,175,133");
  }
}

TEST_CASE("functions: string()", "[expand]") {
  // template-functions-string#string.
  CHECK(Value("[string(true())]") == "True");
  CHECK(Value("[string(false())]") == "False");
  CHECK(Value("[string(5)]") == "5");
  CHECK(Value("[string(createArray('a', 'b', 'c'))]") == "[\"a\",\"b\",\"c\"]");
  CHECK(Value("[string(createObject('valueA', 10, 'valueB', 'Example Text'))]") ==
        "{\"valueA\":10,\"valueB\":\"Example Text\"}");
  CHECK(Value("[string('text')]") == "text");
}

TEST_CASE("functions: toLower and toUpper", "[expand]") {
  // tolower.json: 'One Two Three'.
  CHECK(Value("[toLower('One Two Three')]") == "one two three");
  CHECK(Value("[toUpper('One Two Three')]") == "ONE TWO THREE");
}

TEST_CASE("functions: replace", "[expand]") {
  // replace.json: testString '123-123-1234'.
  CHECK(Value("[replace('123-123-1234', '-', '')]") == "1231231234");
  CHECK(Value("[replace('123-123-1234', '1234', 'xxxx')]") == "123-123-xxxx");
  CHECK(Value("[replace('aaa', 'a', 'aa')]") == "aaaaaa");
}

TEST_CASE("functions: substring", "[expand]") {
  // substring.json: substring('one two three', 4, 3) is 'two'.
  CHECK(Value("[substring('one two three', 4, 3)]") == "two");
  CHECK(Value("[substring('one two three', 4)]") == "two three");
  CHECK(Value("[substring('abc', 3, 0)]") == "");
  // Remarks: substring('1234567890', 0, 11) fails.
  TestScope scope;
  Result r = Eval(scope, "[substring('1234567890', 0, 11)]");
  CHECK(IsUnknown(r.value));
  CHECK_FALSE(r.errors.empty());
}

TEST_CASE("functions: indexOf and lastIndexOf are case-insensitive", "[expand]") {
  // indexof.json.
  CHECK(Value("[indexOf('test', 't')]") == 0);
  CHECK(Value("[lastIndexOf('test', 't')]") == 3);
  CHECK(Value("[indexOf('abcdef', 'CD')]") == 2);
  CHECK(Value("[lastIndexOf('abcdef', 'AB')]") == 0);
  CHECK(Value("[indexOf('abcdef', 'z')]") == -1);
  // Arrays: position of an equal element.
  CHECK(Value("[indexOf(createArray(1, 2, 3, 2), 2)]") == 1);
  CHECK(Value("[lastIndexOf(createArray(1, 2, 3, 2), 2)]") == 3);
  CHECK(Value("[indexOf(createArray('a'), 'b')]") == -1);
}

TEST_CASE("functions: startsWith and endsWith are case-insensitive", "[expand]") {
  // startsendswith.json.
  CHECK(Value("[startsWith('abcdef', 'ab')]") == true);
  CHECK(Value("[startsWith('abcdef', 'A')]") == true);
  CHECK(Value("[startsWith('abcdef', 'e')]") == false);
  CHECK(Value("[endsWith('abcdef', 'ef')]") == true);
  CHECK(Value("[endsWith('abcdef', 'F')]") == true);
  CHECK(Value("[endsWith('abcdef', 'e')]") == false);
  CHECK(Value("[endsWith('ef', 'abcdef')]") == false);
}

TEST_CASE("functions: split", "[expand]") {
  // split.json: 'one,two,three' and 'one;two,three'.
  CHECK(Value("[split('one,two,three', ',')]") == Json::array({"one", "two", "three"}));
  CHECK(Value("[split('one;two,three', createArray(',', ';'))]") == Json::array({"one", "two", "three"}));
  CHECK(Value("[split('a,,b,', ',')]") == Json::array({"a", "", "b", ""}));
  CHECK(Value("[split('abc', ',')]") == Json::array({"abc"}));
}

TEST_CASE("functions: join", "[expand]") {
  // join.json: ["one", "two", "three"].
  CHECK(Value("[join(createArray('one', 'two', 'three'), ',')]") == "one,two,three");
  CHECK(Value("[join(createArray('one', 'two', 'three'), ';')]") == "one;two;three");
  CHECK(Value("[join(createArray(), ',')]") == "");
}

TEST_CASE("functions: padLeft", "[expand]") {
  // padleft.json: '123' to 10 with '0'.
  CHECK(Value("[padLeft('123', 10, '0')]") == "0000000123");
  CHECK(Value("[padLeft(7, 3, '0')]") == "007");
  CHECK(Value("[padLeft('abc', 2, '0')]") == "abc");
  CHECK(Value("[padLeft('abc', 5)]") == "  abc");
}

TEST_CASE("functions: trim", "[expand]") {
  // trim.json: '    one two three   '.
  CHECK(Value("[trim('    one two three   ')]") == "one two three");
  CHECK(Value("[trim('   ')]") == "");
}

TEST_CASE("functions: string functions count characters, not UTF-8 bytes", "[expand]") {
  // ARM strings are .NET strings: length, first, take and substring count
  // UTF-16 code units, so "\u20ACuro" ("€uro") has 4 characters.
  CHECK(Value("[length('\xE2\x82\xAC" "uro')]") == 4);
  CHECK(Value("[first('\xE2\x82\xAC" "uro')]") == "\xE2\x82\xAC");
  CHECK(Value("[take('\xE2\x82\xAC" "uro', 2)]") == "\xE2\x82\xAC" "u");
  CHECK(Value("[substring('\xE2\x82\xAC" "uro', 1, 3)]") == "uro");
  CHECK(Value("[indexOf('\xE2\x82\xAC" "uro', 'r')]") == 2);
  CHECK(Value("[padLeft('\xC3\xA9', 3, '0')]") == "00\xC3\xA9");
}

TEST_CASE("functions: toLower and toUpper convert non-ASCII letters", "[expand]") {
  // ARM uses .NET's invariant-culture case mapping: "ÄÖÜ" <-> "äöü".
  CHECK(Value("[toLower('\xC3\x84\xC3\x96\xC3\x9C')]") == "\xC3\xA4\xC3\xB6\xC3\xBC");
  CHECK(Value("[toUpper('\xC3\xA4\xC3\xB6\xC3\xBC')]") == "\xC3\x84\xC3\x96\xC3\x9C");
}

TEST_CASE("functions: evaluation never throws on text cut inside a UTF-8 character", "[expand]") {
  // Whatever first('é') yields, turning it into JSON text must not throw
  // (the evaluator's contract: evaluation never throws).
  TestScope scope;
  Result r;
  CHECK_NOTHROW(r = Eval(scope, "[string(createArray(first('\xC3\xA9')))]"));
  CHECK_NOTHROW(r = Eval(scope, "[string(createObject('k', substring('\xC3\xA9', 0, 1)))]"));
}

TEST_CASE("functions: base64", "[expand]") {
  // base64.json: 'one, two, three'.
  CHECK(Value("[base64('one, two, three')]") == "b25lLCB0d28sIHRocmVl");
  CHECK(Value("[base64('a')]") == "YQ==");
  CHECK(Value("[base64('ab')]") == "YWI=");
  CHECK(Value("[base64('')]") == "");
}

// ---------------------------------------------------------------- arrays and objects

TEST_CASE("functions: length", "[expand]") {
  // length.json.
  CHECK(Value("[length(createArray('one', 'two', 'three'))]") == 3);
  CHECK(Value("[length('One Two Three')]") == 13);
  TestScope scope;
  scope.parameters["objectToTest"] = Json::parse(
      R"({"propA": "one", "propB": "two", "propC": "three", "propD": {"propD-1": "sub", "propD-2": "sub"}})");
  CHECK(Value(scope, "[length(parameters('objectToTest'))]") == 4);
}

TEST_CASE("functions: empty", "[expand]") {
  // empty.json.
  CHECK(Value("[empty(createArray())]") == true);
  CHECK(Value("[empty(createObject())]") == true);
  CHECK(Value("[empty('')]") == true);
  CHECK(Value("[empty(createArray(1))]") == false);
  CHECK(Value("[empty('x')]") == false);
  CHECK(Value("[empty(null())]") == true);
}

TEST_CASE("functions: first and last", "[expand]") {
  // first.json, last.json.
  CHECK(Value("[first(createArray('one', 'two', 'three'))]") == "one");
  CHECK(Value("[first('One Two Three')]") == "O");
  CHECK(Value("[last(createArray('one', 'two', 'three'))]") == "three");
  CHECK(Value("[last('One Two Three')]") == "e");
}

TEST_CASE("functions: skip and take", "[expand]") {
  // skip.json, take.json.
  CHECK(Value("[skip(createArray('one', 'two', 'three'), 2)]") == Json::array({"three"}));
  CHECK(Value("[skip('one two three', 4)]") == "two three");
  CHECK(Value("[take(createArray('one', 'two', 'three'), 2)]") == Json::array({"one", "two"}));
  CHECK(Value("[take('one two three', 2)]") == "on");
  // 0 or less, and more than the length.
  CHECK(Value("[skip(createArray(1, 2), -1)]") == Json::array({1, 2}));
  CHECK(Value("[skip('ab', 5)]") == "");
  CHECK(Value("[take(createArray(1, 2), 0)]") == Json::array());
  CHECK(Value("[take('ab', 5)]") == "ab");
}

TEST_CASE("functions: range", "[expand]") {
  // range.json: startingInt 5, numberOfElements 3.
  CHECK(Value("[range(5, 3)]") == Json::array({5, 6, 7}));
  CHECK(Value("[range(0, 0)]") == Json::array());
  TestScope scope;
  CHECK_FALSE(Eval(scope, "[range(0, 10001)]").errors.empty());
}

TEST_CASE("functions: min and max", "[expand]") {
  // min.json, max.json: [0, 3, 2, 5, 4].
  CHECK(Value("[min(createArray(0, 3, 2, 5, 4))]") == 0);
  CHECK(Value("[min(0, 3, 2, 5, 4)]") == 0);
  CHECK(Value("[max(createArray(0, 3, 2, 5, 4))]") == 5);
  CHECK(Value("[max(0, 3, 2, 5, 4)]") == 5);
  CHECK(Value("[min(-2, 7)]") == -2);
}

TEST_CASE("functions: contains", "[expand]") {
  // contains.json.
  TestScope scope;
  scope.parameters["stringToTest"] = "OneTwoThree";
  scope.parameters["objectToTest"] = Json{{"one", "a"}, {"two", "b"}, {"three", "c"}};
  scope.parameters["arrayToTest"] = Json::array({"one", "two", "three"});
  CHECK(Value(scope, "[contains(parameters('stringToTest'), 'e')]") == true);
  CHECK(Value(scope, "[contains(parameters('stringToTest'), 'z')]") == false);
  CHECK(Value(scope, "[contains(parameters('objectToTest'), 'one')]") == true);
  CHECK(Value(scope, "[contains(parameters('objectToTest'), 'a')]") == false);
  CHECK(Value(scope, "[contains(parameters('arrayToTest'), 'three')]") == true);
  CHECK(Value(scope, "[contains(parameters('arrayToTest'), 'four')]") == false);
  // Strings compare case-sensitively; object keys case-insensitively.
  CHECK(Value(scope, "[contains(parameters('stringToTest'), 'one')]") == false);
  CHECK(Value(scope, "[contains(parameters('objectToTest'), 'ONE')]") == true);
}

TEST_CASE("functions: union", "[expand]") {
  // union.json.
  TestScope scope;
  scope.parameters["firstObject"] = Json{{"one", "a"}, {"two", "b"}, {"three", "c1"}};
  scope.parameters["secondObject"] = Json{{"three", "c2"}, {"four", "d"}, {"five", "e"}};
  scope.parameters["firstArray"] = Json::array({"one", "two", "three"});
  scope.parameters["secondArray"] = Json::array({"three", "four"});
  CHECK(Value(scope, "[union(parameters('firstObject'), parameters('secondObject'))]") ==
        Json{{"one", "a"}, {"two", "b"}, {"three", "c2"}, {"four", "d"}, {"five", "e"}});
  CHECK(Value(scope, "[union(parameters('firstArray'), parameters('secondArray'))]") ==
        Json::array({"one", "two", "three", "four"}));
  // template-functions-object#union, deep merge: nested objects merge,
  // nested arrays are replaced.
  scope.parameters["deep1"] = Json::parse(R"({"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]})");
  scope.parameters["deep2"] = Json::parse(R"({"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]})");
  CHECK(Value(scope, "[union(parameters('deep1'), parameters('deep2'))]") ==
        Json::parse(R"({"property": {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]})"));
}

TEST_CASE("functions: intersection", "[expand]") {
  // intersection.json.
  TestScope scope;
  scope.parameters["firstObject"] = Json{{"one", "a"}, {"two", "b"}, {"three", "c"}};
  scope.parameters["secondObject"] = Json{{"one", "a"}, {"two", "z"}, {"three", "c"}};
  CHECK(Value(scope, "[intersection(parameters('firstObject'), parameters('secondObject'))]") ==
        Json{{"one", "a"}, {"three", "c"}});
  CHECK(Value("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]") ==
        Json::array({"two", "three"}));
}

TEST_CASE("functions: items", "[expand]") {
  // template-functions-object#items: entities item002, item001 come out sorted by key.
  TestScope scope;
  scope.variables["entities"] = Json::parse(R"({
    "item002": {"enabled": false, "displayName": "Example item 2", "number": 200},
    "item001": {"enabled": true, "displayName": "Example item 1", "number": 300}})");
  CHECK(Value(scope, "[items(variables('entities'))]") == Json::parse(R"([
    {"key": "item001", "value": {"displayName": "Example item 1", "enabled": true, "number": 300}},
    {"key": "item002", "value": {"displayName": "Example item 2", "enabled": false, "number": 200}}])"));
  CHECK(Value(scope, "[items(variables('entities'))[1].value.displayName]") == "Example item 2");
}

TEST_CASE("functions: tryGet", "[expand]") {
  // template-functions-object#tryGet: users {name, age}, colors [red, green].
  TestScope scope;
  scope.variables["users"] = Json{{"name", "John Doe"}, {"age", 30}};
  scope.variables["colors"] = Json::array({"red", "green"});
  CHECK(Value(scope, "[tryGet(variables('users'), 'region')]") == nullptr);
  CHECK(Value(scope, "[tryGet(variables('users'), 'name')]") == "John Doe");
  CHECK(Value(scope, "[tryGet(variables('colors'), 0)]") == "red");
  CHECK(Value(scope, "[tryGet(variables('colors'), 5)]") == nullptr);
}

TEST_CASE("functions: createArray and createObject", "[expand]") {
  // template-functions-array#createArray, template-functions-object#createObject.
  CHECK(Value("[createArray('a', 'b', 'c')]") == Json::array({"a", "b", "c"}));
  CHECK(Value("[createArray(1, 2, 3)]") == Json::array({1, 2, 3}));
  CHECK(Value("[createArray(createObject('one', 'a'))]") == Json::array({Json{{"one", "a"}}}));
  CHECK(Value("[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', "
              "createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]") ==
        Json::parse(R"({"intProp": 1, "stringProp": "abc", "boolProp": true,
                        "arrayProp": ["a", "b", "c"], "objectProp": {"key1": "value1"}})"));
  TestScope scope;
  CHECK_FALSE(Eval(scope, "[createObject('a')]").errors.empty());
}

TEST_CASE("functions: member and index access is case-insensitive for names", "[expand]") {
  TestScope scope;
  scope.parameters["obj"] = Json{{"Name", "x"}, {"list", {10, 20}}};
  CHECK(Value(scope, "[parameters('obj').name]") == "x");
  CHECK(Value(scope, "[parameters('obj')['NAME']]") == "x");
  CHECK(Value(scope, "[parameters('obj').list[1]]") == 20);
  Result r = Eval(scope, "[parameters('obj').list[2]]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "out of range"));
  r = Eval(scope, "[parameters('obj').missing]");
  CHECK(AnyContains(r.errors, "missing"));
}

// ---------------------------------------------------------------- logic and comparison

TEST_CASE("functions: equals", "[expand]") {
  // equals.json.
  CHECK(Value("[equals(1, 1)]") == true);
  CHECK(Value("[equals('a', 'a')]") == true);
  CHECK(Value("[equals(createArray('a', 'b'), createArray('a', 'b'))]") == true);
  CHECK(Value("[equals(createObject('a', 'b'), createObject('a', 'b'))]") == true);
  CHECK(Value("[equals('a', 'A')]") == false);
  CHECK(Value("[equals(1, '1')]") == false);
}

TEST_CASE("functions: less, greater and friends", "[expand]") {
  CHECK(Value("[less(1, 10)]") == true);
  CHECK(Value("[less('A', 'a')]") == true);
  CHECK(Value("[lessOrEquals(10, 10)]") == true);
  CHECK(Value("[greater(10, 1)]") == true);
  CHECK(Value("[greaterOrEquals(1, 10)]") == false);
}

TEST_CASE("functions: and, or, not", "[expand]") {
  // andornot.json.
  CHECK(Value("[and(bool('true'), bool('false'))]") == false);
  CHECK(Value("[or(bool('true'), bool('false'))]") == true);
  CHECK(Value("[not(bool('true'))]") == false);
  CHECK(Value("[and(true, true, true)]") == true);
  CHECK(Value("[or(false, false)]") == false);
}

TEST_CASE("functions: if", "[expand]") {
  // template-functions-logical#if.
  CHECK(Value("[if(equals('a', 'a'), 'yes', 'no')]") == "yes");
  CHECK(Value("[if(equals('a', 'b'), 'yes', 'no')]") == "no");
  CHECK(Value("[if(equals('a', 'a'), json('{\"test\": \"value1\"}'), json('null'))]") == Json{{"test", "value1"}});
}

TEST_CASE("functions: if, and, or are lazy", "[expand]") {
  // "When the condition is True, only the true value is evaluated": a branch
  // that would fail (an undeclared parameter) produces no error when untaken.
  TestScope scope;
  Result r = Eval(scope, "[if(true(), 'taken', parameters('undeclared'))]");
  CHECK(r.value == "taken");
  CHECK(r.errors.empty());
  r = Eval(scope, "[if(false(), parameters('undeclared'), 'taken')]");
  CHECK(r.value == "taken");
  CHECK(r.errors.empty());
  r = Eval(scope, "[and(false(), parameters('undeclared'))]");
  CHECK(r.value == false);
  CHECK(r.errors.empty());
  r = Eval(scope, "[or(true(), parameters('undeclared'))]");
  CHECK(r.value == true);
  CHECK(r.errors.empty());
  // The taken branch is evaluated and its error reported.
  r = Eval(scope, "[if(true(), parameters('undeclared'), 'x')]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "undeclared"));
}

TEST_CASE("functions: coalesce", "[expand]") {
  // coalesce.json.
  TestScope scope;
  scope.parameters["objectToTest"] = Json::parse(
      R"({"null1": null, "null2": null, "string": "default", "int": 1, "object": {"first": "default"}, "array": [1]})");
  const std::string p = "parameters('objectToTest')";
  CHECK(Value(scope, "[coalesce(" + p + ".null1, " + p + ".null2, " + p + ".string)]") == "default");
  CHECK(Value(scope, "[coalesce(" + p + ".null1, " + p + ".null2, " + p + ".int)]") == 1);
  CHECK(Value(scope, "[coalesce(" + p + ".null1, " + p + ".null2, " + p + ".object)]") == Json{{"first", "default"}});
  CHECK(Value(scope, "[coalesce(" + p + ".null1, " + p + ".null2, " + p + ".array)]") == Json::array({1}));
  CHECK(Value(scope, "[empty(coalesce(" + p + ".null1, " + p + ".null2))]") == true);
}

// ---------------------------------------------------------------- numbers and conversions

TEST_CASE("functions: add, sub, mul, div, mod", "[expand]") {
  // add.json 5+3, sub.json 7-3, mul.json 5*3, div.json 8/3, mod.json 7%3.
  CHECK(Value("[add(5, 3)]") == 8);
  CHECK(Value("[sub(7, 3)]") == 4);
  CHECK(Value("[mul(5, 3)]") == 15);
  CHECK(Value("[div(8, 3)]") == 2);
  CHECK(Value("[mod(7, 3)]") == 1);
  CHECK(Value("[div(-7, 2)]") == -3);
}

TEST_CASE("functions: division by zero is an error", "[expand]") {
  TestScope scope;
  Result r = Eval(scope, "[div(1, 0)]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "division by zero"));
  r = Eval(scope, "[mod(1, 0)]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "division by zero"));
  r = Eval(scope, "[add(9223372036854775807, 1)]");
  CHECK(AnyContains(r.errors, "overflow"));
}

TEST_CASE("functions: int, bool, json", "[expand]") {
  // int.json: '4'. bool.json: 'true', 'false', 1, 0.
  CHECK(Value("[int('4')]") == 4);
  CHECK(Value("[int(4)]") == 4);
  CHECK(Value("[bool('true')]") == true);
  CHECK(Value("[bool('false')]") == false);
  CHECK(Value("[bool(1)]") == true);
  CHECK(Value("[bool(0)]") == false);
  // template-functions-object#json.
  CHECK(Value("[empty(json('null'))]") == true);
  CHECK(Value("[json('{\"a\": \"b\"}')]") == Json{{"a", "b"}});
  CHECK(Value("[json('\"test\"')]") == "test");
  CHECK(Value("[json('true')]") == true);
  CHECK(Value("[json('3')]") == 3);
  CHECK(Value("[json('[1,2,3 ]')]") == Json::array({1, 2, 3}));
  CHECK(Value("[json(concat('{\"a\": \"', 'demo value', '\"}'))]") == Json{{"a", "demo value"}});
  TestScope scope;
  CHECK_FALSE(Eval(scope, "[int('abc')]").errors.empty());
  CHECK_FALSE(Eval(scope, "[json('{')]").errors.empty());
}

// ---------------------------------------------------------------- resource ids and deployment

TEST_CASE("functions: resourceId in its 2-, 3- and 4-argument forms", "[expand]") {
  // resourceid.json, in a deployment to subscription 00000000-... group examplegroup.
  CHECK(Value("[resourceId('Microsoft.Storage/storageAccounts','examplestorage')]") ==
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup/providers/"
        "Microsoft.Storage/storageAccounts/examplestorage");
  CHECK(Value("[resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')]") ==
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/otherResourceGroup/providers/"
        "Microsoft.Storage/storageAccounts/examplestorage");
  CHECK(Value("[resourceId('11111111-1111-1111-1111-111111111111', 'otherResourceGroup', "
              "'Microsoft.Storage/storageAccounts','examplestorage')]") ==
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherResourceGroup/providers/"
        "Microsoft.Storage/storageAccounts/examplestorage");
}

TEST_CASE("functions: resourceId with a child type", "[expand]") {
  CHECK(Value("[resourceId('Microsoft.SQL/servers/databases', 'serverName', 'databaseName')]") ==
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup/providers/"
        "Microsoft.SQL/servers/serverName/databases/databaseName");
  CHECK(Value("[resourceId('rg-net', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]") ==
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/"
        "Microsoft.Network/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet");
  // The number of names must match the type.
  TestScope scope;
  Result r = Eval(scope, "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub')]");
  CHECK(IsUnknown(r.value));
  CHECK_FALSE(r.errors.empty());
}

TEST_CASE("functions: subscriptionResourceId and extensionResourceId", "[expand]") {
  // template-functions-resource#subscriptionResourceId (built-in role definition).
  CHECK(Value("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
              "'b24988ac-6180-42a0-ab88-20f7382dd24c')]") ==
        "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/"
        "b24988ac-6180-42a0-ab88-20f7382dd24c");
  CHECK(Value("[subscriptionResourceId('11111111-1111-1111-1111-111111111111', "
              "'Microsoft.Resources/resourceGroups', 'rg1')]") ==
        "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Resources/resourceGroups/rg1");
  // extensionresourceid.json (note the 'Id' spelling of the member).
  CHECK(Value("[extensionResourceId(resourceGroup().Id , 'Microsoft.Authorization/locks', 'lockName')]") ==
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup/providers/"
        "Microsoft.Authorization/locks/lockName");
}

TEST_CASE("functions: resourceGroup() and subscription()", "[expand]") {
  CHECK(Value("[resourceGroup().location]") == "westeurope");
  CHECK(Value("[resourceGroup().name]") == "examplegroup");
  CHECK(Value("[resourceGroup().id]") == "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup");
  CHECK(Value("[subscription().subscriptionId]") == "00000000-0000-0000-0000-000000000000");
}

// ---------------------------------------------------------------- lambdas

TEST_CASE("functions: filter", "[expand]") {
  // template-functions-lambda#filter.
  TestScope scope;
  scope.variables["dogs"] = kDogs;
  CHECK(Value(scope, "[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]") ==
        Json::array({kDogs[0], kDogs[3]}));
  CHECK(Value("[filter(range(0, 10), lambda('i', greater(lambdaVariables('i'), 5)))]") == Json::array({6, 7, 8, 9}));
  CHECK(Value("[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]") ==
        Json::array({0, 2, 4, 6, 8}));
}

TEST_CASE("functions: map", "[expand]") {
  // template-functions-lambda#map.
  TestScope scope;
  scope.variables["dogs"] = kDogs;
  CHECK(Value(scope, "[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]") ==
        Json::array({"Evie", "Casper", "Indy", "Kira"}));
  CHECK(Value(scope, "[map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))]") ==
        Json::array({"Hello Evie!", "Hello Casper!", "Hello Indy!", "Hello Kira!"}));
  CHECK(Value(scope,
              "[map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', "
              "variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', "
              "variables('dogs')[lambdaVariables('i')].name))))]") ==
        Json::parse(R"([{"i":0,"dog":"Evie","greeting":"Ahoy, Evie!"},{"i":1,"dog":"Casper","greeting":"Ahoy, Casper!"},
                        {"i":2,"dog":"Indy","greeting":"Ahoy, Indy!"},{"i":3,"dog":"Kira","greeting":"Ahoy, Kira!"}])"));
  // The optional second lambda variable is the index.
  CHECK(Value("[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))]") ==
        Json::array({"a0", "b1"}));
}

TEST_CASE("functions: reduce", "[expand]") {
  // template-functions-lambda#reduce.
  TestScope scope;
  scope.variables["ages"] = Json::array({5, 3, 2, 8});
  CHECK(Value(scope, "[reduce(variables('ages'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]") == 18);
  CHECK(Value(scope, "[reduce(variables('ages'), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]") == 19);
  CHECK(Value("[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), "
              "createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]") ==
        Json{{"foo", 123}, {"bar", 456}, {"baz", 789}});
}

TEST_CASE("functions: sort", "[expand]") {
  // template-functions-lambda#sort: youngest to oldest.
  TestScope scope;
  scope.variables["dogs"] = kDogs;
  CHECK(Value(scope, "[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]") ==
        Json::array({kDogs[2], kDogs[1], kDogs[0], kDogs[3]}));
}

TEST_CASE("functions: toObject", "[expand]") {
  // template-functions-lambda#toObject.
  TestScope scope;
  scope.variables["dogs"] = kDogs;
  Json expected = Json::object();
  for (const Json& dog : kDogs) expected[dog["name"].get<std::string>()] = dog;
  CHECK(Value(scope, "[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))]") == expected);
  CHECK(Value(scope, "[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), "
                     "lambda('entry', lambdaVariables('entry')))]") == expected);
  CHECK(Value(scope, "[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), "
                     "lambda('entry', lambdaVariables('entry').age))]") ==
        Json{{"Evie", 5}, {"Casper", 3}, {"Indy", 2}, {"Kira", 8}});
}

TEST_CASE("functions: lambdaVariables outside a lambda is an error", "[expand]") {
  TestScope scope;
  Result r = Eval(scope, "[lambdaVariables('x')]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "'x'"));
  r = Eval(scope, "[map(createArray(1), 'not a lambda')]");
  CHECK(IsUnknown(r.value));
  CHECK_FALSE(r.errors.empty());
}

// ---------------------------------------------------------------- CIDR

TEST_CASE("functions: parseCidr IPv4", "[expand]") {
  // template-functions-cidr#parseCidr.
  CHECK(Value("[parseCidr('10.144.0.0/20')]") == Json::parse(R"({
    "network": "10.144.0.0", "netmask": "255.255.240.0", "broadcast": "10.144.15.255",
    "firstUsable": "10.144.0.1", "lastUsable": "10.144.15.254", "cidr": 20})"));
}

TEST_CASE("functions: parseCidr IPv6", "[expand]") {
  // template-functions-cidr#parseCidr: an IPv6 range has no broadcast and
  // its first usable address is the network address.
  CHECK(Value("[parseCidr('fdad:3236:5555::/48')]") == Json::parse(R"({
    "network": "fdad:3236:5555::", "netmask": "ffff:ffff:ffff::",
    "firstUsable": "fdad:3236:5555::", "lastUsable": "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff", "cidr": 48})"));
}

TEST_CASE("functions: cidrSubnet", "[expand]") {
  // template-functions-cidr#cidrSubnet: the first five /24 of a /20 and /52 of a /48.
  const char* v4[] = {"10.144.0.0/24", "10.144.1.0/24", "10.144.2.0/24", "10.144.3.0/24", "10.144.4.0/24"};
  const char* v6[] = {"fdad:3236:5555::/52", "fdad:3236:5555:1000::/52", "fdad:3236:5555:2000::/52",
                      "fdad:3236:5555:3000::/52", "fdad:3236:5555:4000::/52"};
  for (int i = 0; i < 5; ++i) {
    CHECK(Value("[cidrSubnet('10.144.0.0/20', 24, " + std::to_string(i) + ")]") == v4[i]);
    CHECK(Value("[cidrSubnet('fdad:3236:5555::/48', 52, " + std::to_string(i) + ")]") == v6[i]);
  }
  TestScope scope;
  CHECK_FALSE(Eval(scope, "[cidrSubnet('10.144.0.0/20', 24, 16)]").errors.empty());
  CHECK_FALSE(Eval(scope, "[cidrSubnet('10.144.0.0/20', 16, 0)]").errors.empty());
}

TEST_CASE("functions: cidrHost", "[expand]") {
  // template-functions-cidr#cidrHost: index 0 is the first usable address.
  const char* v4[] = {"10.144.3.1", "10.144.3.2", "10.144.3.3", "10.144.3.4", "10.144.3.5"};
  const char* v6[] = {"fdad:3236:5555:3000::1", "fdad:3236:5555:3000::2", "fdad:3236:5555:3000::3",
                      "fdad:3236:5555:3000::4", "fdad:3236:5555:3000::5"};
  for (int i = 0; i < 5; ++i) {
    CHECK(Value("[cidrHost('10.144.3.0/24', " + std::to_string(i) + ")]") == v4[i]);
    CHECK(Value("[cidrHost('fdad:3236:5555:3000::/52', " + std::to_string(i) + ")]") == v6[i]);
  }
  // 192.168.1.0/24: usable hosts are .1 to .254, so index 253 is the last.
  CHECK(Value("[cidrHost('192.168.1.0/24', 253)]") == "192.168.1.254");
  TestScope scope;
  CHECK_FALSE(Eval(scope, "[cidrHost('192.168.1.0/24', 254)]").errors.empty());
}

TEST_CASE("functions: cidr functions through a template parameter", "[expand]") {
  TestScope scope;
  scope.parameters["hub"] = "10.1.0.0/16";
  CHECK(Value(scope, "[cidrSubnet(parameters('hub'), 26, 0)]") == "10.1.0.0/26");
  CHECK(Value(scope, "[parseCidr(cidrSubnet(parameters('hub'), 24, 2)).network]") == "10.1.2.0");
}

// ---------------------------------------------------------------- hashes

TEST_CASE("functions: uniqueString and guid round-trip through the evaluator", "[expand]") {
  // Published ARM outputs (see arm_hash_test.cc).
  CHECK(Value("[uniqueString('aaa')]") == "zavj67f3en4hc");
  CHECK(Value("[uniqueString('hello', 'world')]") == "a7wkljktk6wne");
  CHECK(Value("[guid('a', 'b', 'c')]") == "a98fa280-e03f-5afa-8d8e-92d0a9c201e8");
  // Arguments built by other functions reach the hash unchanged.
  TestScope scope;
  scope.deployment_.resource_group = "my-rg";
  CHECK(Value(scope, "[uniqueString(resourceGroup().id)]") == "bmg7c6xu4tw46");
  CHECK(Value(scope, "[guid(resourceGroup().id, 'x')]") ==
        ArmGuid({"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg", "x"}));
  CHECK(Value(scope, "[uniqueString(concat('hel', 'lo'), toLower('WORLD'))]") == ArmUniqueString({"hello", "world"}));
}

// ---------------------------------------------------------------- Unknown

TEST_CASE("functions: an Unknown parameter makes concat Unknown and is named", "[expand]") {
  TestScope scope;
  scope.parameters["fwIp"] = "<unknown>";
  Result r = Eval(scope, "[concat('10.0.0.', parameters('fwIp'))]");
  CHECK(IsUnknown(r.value));
  CHECK(r.errors.empty());
  CHECK(Contains(r.reason, "fwIp"));
  // The reason is taken once.
  EvalSession session;
  Evaluator ev(scope, session);
  ev.EvaluateString("[concat('a', parameters('fwIp'))]");
  CHECK(Contains(ev.TakeUnknownReason(), "fwIp"));
  CHECK(ev.TakeUnknownReason().empty());
}

TEST_CASE("functions: Unknown propagates through nested calls", "[expand]") {
  TestScope scope;
  scope.parameters["u"] = "<unknown>";
  for (const char* text : {"[toLower(parameters('u'))]", "[format('{0}', parameters('u'))]",
                           "[join(createArray('a', parameters('u')), ',')]", "[string(parameters('u'))]",
                           "[resourceId('Microsoft.Network/routeTables', parameters('u'))]",
                           "[cidrHost(parameters('u'), 3)]", "[add(parameters('u'), 1)]",
                           "[max(1, parameters('u'))]", "[parameters('u').x[0]]", "[equals(parameters('u'), 1)]"}) {
    INFO(text);
    Result r = Eval(scope, text);
    CHECK(ContainsUnknown(r.value));
    CHECK(r.errors.empty());
    CHECK(Contains(r.reason, "'u'"));
  }
  // Partly known values stay partly known.
  Result r = Eval(scope, "[createArray('a', parameters('u'))]");
  REQUIRE(r.value.is_array());
  CHECK(r.value[0] == "a");
  CHECK(IsUnknown(r.value[1]));
}

TEST_CASE("functions: concat of an array and an Unknown is Unknown, not an error", "[expand]") {
  TestScope scope;
  scope.parameters["u"] = "<unknown>";
  Result r = Eval(scope, "[concat(createArray('a'), parameters('u'))]");
  for (const std::string& e : r.errors) UNSCOPED_INFO("error: " << e);
  CHECK(IsUnknown(r.value));
  CHECK(r.errors.empty());
  CHECK(Contains(r.reason, "'u'"));
}

TEST_CASE("functions: functions that take Unknown arguments return Unknown, not a type error",
          "[expand]") {
  // An Unknown argument is no wrong type: each of these answers Unknown,
  // with no error; a known answer (contains() saying false) would be a guess.
  TestScope scope;
  scope.parameters["u"] = "<unknown>";
  for (const char* text : {"[length(parameters('u'))]", "[first(parameters('u'))]", "[last(parameters('u'))]",
                           "[items(parameters('u'))]", "[union(createObject('a', 1), parameters('u'))]",
                           "[union(createArray(1), parameters('u'))]", "[skip(parameters('u'), 1)]",
                           "[take(parameters('u'), 1)]", "[join(parameters('u'), ',')]",
                           "[contains(parameters('u'), 'x')]", "[contains(createArray('a'), parameters('u'))]",
                           "[contains(createObject('a', 1), parameters('u'))]",
                           "[flatten(parameters('u'))]", "[objectKeys(parameters('u'))]",
                           "[array(parameters('u'))]", "[min(parameters('u'))]", "[tryGet(parameters('u'), 'a')]"}) {
    INFO(text);
    Result r = Eval(scope, text);
    for (const std::string& e : r.errors) UNSCOPED_INFO("error: " << e);
    CHECK(IsUnknown(r.value));
    CHECK(r.errors.empty());
  }
}

TEST_CASE("functions: a known part of resourceGroup() leaves no Unknown reason behind", "[expand]") {
  // resourceGroup().location is known; the only Unknown in the expression
  // is the parameter, so the reason must name it (not resourceGroup().tags).
  TestScope scope;
  scope.parameters["u"] = "<unknown>";
  Result r = Eval(scope, "[concat(resourceGroup().location, parameters('u'))]");
  CHECK(IsUnknown(r.value));
  CHECK(Contains(r.reason, "'u'"));
  r = Eval(scope, "[resourceGroup().location]");
  CHECK(r.value == "westeurope");
  CHECK(r.reason.empty());
}

TEST_CASE("functions: and/or/if with Unknown", "[expand]") {
  TestScope scope;
  scope.parameters["u"] = "<unknown>";
  CHECK(Eval(scope, "[and(false(), parameters('u'))]").value == false);
  CHECK(Eval(scope, "[and(parameters('u'), false())]").value == false);
  CHECK(Eval(scope, "[or(parameters('u'), true())]").value == true);
  CHECK(IsUnknown(Eval(scope, "[and(true(), parameters('u'))]").value));
  CHECK(IsUnknown(Eval(scope, "[or(false(), parameters('u'))]").value));
  Result r = Eval(scope, "[if(parameters('u'), 'a', 'b')]");
  CHECK(IsUnknown(r.value));
  CHECK(r.errors.empty());
  // coalesce cannot skip an Unknown: it might be null.
  CHECK(IsUnknown(Eval(scope, "[coalesce(parameters('u'), 'x')]").value));
  CHECK(Eval(scope, "[coalesce('x', parameters('u'))]").value == "x");
}

TEST_CASE("functions: newGuid, utcNow and listKeys are Unknown", "[expand]") {
  TestScope scope;
  for (const char* name : {"newGuid", "utcNow"}) {
    Result r = Eval(scope, std::string("[") + name + "()]");
    INFO(name);
    CHECK(IsUnknown(r.value));
    CHECK(r.errors.empty());
    CHECK(Contains(r.reason, name));
  }
  Result r = Eval(scope, "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2022-09-01').keys[0].value]");
  CHECK(IsUnknown(r.value));
  CHECK(r.errors.empty());
  CHECK(Contains(r.reason, "listKeys"));
  // Any list* function is decided at deployment.
  r = Eval(scope, "[listConnectionStrings('x', '2020-01-01')]");
  CHECK(IsUnknown(r.value));
  CHECK(Contains(r.reason, "listConnectionStrings"));
}

TEST_CASE("functions: an unsupported function is Unknown with a reason naming it", "[expand]") {
  TestScope scope;
  Result r = Eval(scope, "[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]");
  CHECK(IsUnknown(r.value));
  CHECK(r.errors.empty());
  CHECK(Contains(r.reason, "dateTimeAdd"));
  CHECK(Contains(r.reason, "not supported"));
}

TEST_CASE("functions: argument count and type errors name the function", "[expand]") {
  TestScope scope;
  Result r = Eval(scope, "[toLower('a', 'b')]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "toLower"));
  r = Eval(scope, "[toLower(1)]");
  CHECK(AnyContains(r.errors, "toLower"));
  r = Eval(scope, "[contoso.missing()]");
  CHECK(AnyContains(r.errors, "contoso.missing"));
}

// ---------------------------------------------------------------- scope

TEST_CASE("functions: parameters, variables and copyIndex come from the scope", "[expand]") {
  TestScope scope;
  scope.parameters["Name"] = "vnet";
  scope.variables["prefix"] = "[concat(parameters('name'), '-')]";
  CHECK(Value(scope, "[parameters('name')]") == "vnet");
  CHECK(Value(scope, "[variables('prefix')]") == "vnet-");
  scope.copies = {{"outer", 2}, {"inner", 5}};
  CHECK(Value(scope, "[copyIndex()]") == 5);
  CHECK(Value(scope, "[copyIndex(1)]") == 6);
  CHECK(Value(scope, "[copyIndex('outer')]") == 2);
  CHECK(Value(scope, "[copyIndex('OUTER', 10)]") == 12);
  scope.copies.clear();
  CHECK(AnyContains(Eval(scope, "[copyIndex()]").errors, "copyIndex"));
}

TEST_CASE("functions: user-defined functions", "[expand]") {
  TestScope scope;
  scope.functions["contoso.uniqueName"] = Json::parse(R"({
    "parameters": [{"name": "namePrefix", "type": "string"}],
    "output": {"type": "string", "value": "[concat(toLower(parameters('namePrefix')), uniqueString(resourceGroup().id))]"}})");
  const std::string expected =
      "vnet" + ArmUniqueString({"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/examplegroup"});
  CHECK(Value(scope, "[contoso.uniqueName('VNET')]") == expected);
  CHECK(Value(scope, "[CONTOSO.UNIQUENAME('VNET')]") == expected);
  // Wrong arity, and variables() inside a function, are errors.
  CHECK(AnyContains(Eval(scope, "[contoso.uniqueName()]").errors, "contoso.uniqueName"));
  scope.functions["contoso.bad"] = Json::parse(R"({"parameters": [], "output": {"type": "string", "value": "[variables('x')]"}})");
  CHECK(AnyContains(Eval(scope, "[contoso.bad()]").errors, "variables()"));
}

TEST_CASE("functions: the evaluation work limit stops runaway evaluation", "[expand]") {
  TestScope scope;
  EvalSession session(50);
  Evaluator ev(scope, session);
  std::string text = "[concat(";
  for (int i = 0; i < 100; ++i) text += "'a',";
  text += "'a')]";
  const Json limited = ev.EvaluateString(text);
  CHECK(IsUnknown(limited));
  CHECK(AnyContains(ev.TakeErrors(), "work limit"));
  CHECK(session.exhausted());
}

// ------------------------------------------------------------ hostile input
// Regression tests for what the fuzzers and the bad-input corpus found.

TEST_CASE("functions: integer ends of substring, range and copyIndex are errors, not overflow", "[expand]") {
  TestScope scope;
  // start + length once overflowed int64 (undefined behaviour).
  CHECK(AnyContains(Eval(scope, "[substring('abc', 1, 9223372036854775807)]").errors, "outside the string"));
  CHECK(Value("[substring('abc', 1, 2)]") == "bc");
  // start + i once overflowed; Azure wants startIndex + count within int32.
  CHECK(AnyContains(Eval(scope, "[range(9223372036854775807, 2)]").errors, "32-bit"));
  CHECK(AnyContains(Eval(scope, "[range(2147483647, 2)]").errors, "32-bit"));
  CHECK(Value("[range(2147483646, 1)]") == Json::array({2147483646}));
  CHECK(Value("[range(-3, 2)]") == Json::array({-3, -2}));
  scope.copies.emplace_back("loop", 5);
  CHECK(AnyContains(Eval(scope, "[copyIndex(9223372036854775807)]").errors, "out of range"));
  CHECK(Value(scope, "[copyIndex(2)]") == 7);
  // int() of a number past int64 is an error, not a clamped value.
  CHECK(AnyContains(Eval(scope, "[int('99999999999999999999')]").errors, "out of range"));
}

TEST_CASE("functions: a user-defined function that calls itself stops at the depth limit", "[expand]") {
  TestScope scope;
  scope.functions["bad.forever"] = Json::parse(R"({
    "parameters": [{"name": "p", "type": "string"}],
    "output": {"type": "string", "value": "[bad.forever(parameters('p'))]"}})");
  // Each call once started a fresh evaluator at depth 0: the stack overflowed.
  const Result r = Eval(scope, "[bad.forever('x')]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "nests too deeply"));
}

TEST_CASE("functions: json() bounds the nesting of what it parses", "[expand]") {
  TestScope scope;
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  const Result r = Eval(scope, "[json('" + deep + "')]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "deeper"));
  const std::string fine = std::string(100, '[') + std::string(100, ']');
  CHECK(Value("[length(json('" + fine + "'))]") == 1);
}

TEST_CASE("functions: values larger than the limit end in an error", "[expand]") {
  TestScope scope;
  // Doubling through variables: 2^30 bytes if nothing stopped it.
  scope.variables["s0"] = "[padLeft('', 16384, 'x')]";
  for (int i = 1; i <= 30; ++i) {
    scope.variables["s" + std::to_string(i)] =
        "[concat(variables('s" + std::to_string(i - 1) + "'), variables('s" + std::to_string(i - 1) + "'))]";
  }
  Result r = Eval(scope, "[length(variables('s30'))]");
  CHECK(IsUnknown(r.value));
  CHECK(AnyContains(r.errors, "larger than the limit"));
  CHECK(Value(scope, "[length(variables('s6'))]") == 16384 * 64);

  // Many copies of one big argument.
  std::string many = "[createArray(";
  for (int i = 0; i < 2000; ++i) many += "variables('s4'),";
  many += "1)]";
  CHECK(AnyContains(Eval(scope, many).errors, "larger than the limit"));

  // Functions that repeat their arguments check as they go.
  CHECK(AnyContains(Eval(scope, "[replace(variables('s6'), 'x', variables('s4'))]").errors, "larger than the limit"));
  CHECK(AnyContains(Eval(scope, "[join(map(range(0, 10000), lambda('i', variables('s4'))), ',')]").errors,
                    "larger than the limit"));
  std::string placeholders(9000, ' ');
  for (size_t i = 0; i + 3 <= placeholders.size(); i += 3) placeholders.replace(i, 3, "{0}");
  CHECK(AnyContains(Eval(scope, "[format('" + placeholders + "', variables('s4'))]").errors, "larger than the limit"));
  CHECK(AnyContains(Eval(scope, "[toObject(range(0, 10000), lambda('i', string(lambdaVariables('i'))), "
                                "lambda('i', variables('s4')))]")
                        .errors,
                    "larger than the limit"));
  // Nesting built one level per step.
  r = Eval(scope, "[reduce(range(0, 5000), createArray(), lambda('acc', 'i', createArray(lambdaVariables('acc'))))]");
  CHECK(ContainsUnknown(r.value));
  CHECK(AnyContains(r.errors, "deeper"));
  CHECK(Value("[length(reduce(range(0, 100), createArray(), lambda('acc', 'i', createArray(lambdaVariables('acc')))))]") ==
        1);
}

TEST_CASE("functions: an expression's errors are kept to a few", "[expand]") {
  TestScope scope;
  // Each of the 10000 items fails: one message per item once filled memory.
  Result r = Eval(scope, "[map(range(0, 10000), lambda('i', createObject('a', 1)[string(lambdaVariables('i'))]))]");
  CHECK(r.errors.size() == Evaluator::kMaxErrors + 1);
  CHECK(AnyContains(r.errors, "no property '19'"));
  CHECK(AnyContains(r.errors, "not shown"));
  // The same error at every item is said once.
  r = Eval(scope, "[map(range(0, 10000), lambda('i', div(1, 0)))]");
  CHECK(r.errors == std::vector<std::string>{"div(): division by zero"});
}

}  // namespace
}  // namespace routelint

#include "expand/value.h"

#include <catch2/catch.hpp>

namespace routelint {
namespace {

TEST_CASE("DigestValue: equal values have equal digests, different ones differ", "[expand]") {
  const Json a = Json::parse(R"({"name": "rt", "properties": {"routes": [{"name": "default", "n": 1}], "flag": true}})");
  const Json same = Json::parse(R"({"properties": {"flag": true, "routes": [{"n": 1, "name": "default"}]}, "name": "rt"})");
  CHECK(a == same);
  CHECK(DigestValue(a) == DigestValue(same));

  // Numbers compare by value, as == compares them.
  CHECK(Json(1) == Json(1.0));
  CHECK(DigestValue(Json(1)) == DigestValue(Json(1.0)));
  CHECK(DigestValue(Json(1)) == DigestValue(Json(1u)));
  CHECK(DigestValue(Json(1.5)) != DigestValue(Json(1)));

  // What differs: a value, a key, the order of array items, a type, nesting.
  const char* const others[] = {
      R"({"name": "rt", "properties": {"routes": [{"name": "default", "n": 2}], "flag": true}})",
      R"({"name": "rt", "properties": {"routes": [{"name": "default", "m": 1}], "flag": true}})",
      R"({"name": "rt", "properties": {"routes": [{"name": "default", "n": 1}], "flag": "true"}})",
      R"({"name": "rt", "properties": {"routes": {"name": "default", "n": 1}, "flag": true}})",
      R"({"name": "rt", "properties": {"routes": [{"name": "default", "n": 1}, null], "flag": true}})",
      R"({"name": "rt", "properties": {"routes": [], "flag": true}})",
      R"({"name": "rt", "properties": {"routes": [{"name": "default", "n": 1}], "flag": true}, "x": {}})"};
  for (const char* other : others) {
    INFO(other);
    CHECK(DigestValue(Json::parse(other)) != DigestValue(a));
  }
  CHECK(DigestValue(Json::parse(R"(["a", "b"])")) != DigestValue(Json::parse(R"(["b", "a"])")));
  CHECK(DigestValue(Json::parse(R"(["ab"])")) != DigestValue(Json::parse(R"(["a", "b"])")));
  CHECK(DigestValue(Json::parse(R"({"a": {"b": 1}})")) != DigestValue(Json::parse(R"({"a": {}, "b": 1})")));
}

TEST_CASE("DigestValue: Unknowns digest alike, so only what is known tells values apart", "[expand]") {
  Json body = Json::parse(R"({"properties": {"routes": [1, 2]}})");
  Json other = body;
  body["properties"]["routes"][1] = UnknownValue();
  other["properties"]["routes"][1] = UnknownValue();
  CHECK(DigestValue(body) == DigestValue(other));
  other["properties"]["routes"][0] = 3;
  CHECK(DigestValue(body) != DigestValue(other));
  CHECK(DigestValue(UnknownValue()) != DigestValue(Json()));
}

TEST_CASE("DigestValue: deep nesting is walked without recursion", "[expand]") {
  Json deep = 1;
  for (int i = 0; i < 100000; ++i) deep = Json::array({std::move(deep)});
  CHECK(DigestValue(deep) != DigestValue(Json::array()));
}

TEST_CASE("FindMember: the exact spelling wins, else the first without regard to case", "[expand]") {
  const Json small = Json::parse(R"({"Name": 1, "NAME": 2, "name": 3, "other": 4})");
  const std::string* spelled = nullptr;
  REQUIRE(FindMember(small, "name", &spelled) != nullptr);
  CHECK(*FindMember(small, "name") == 3);
  CHECK(*spelled == "name");
  CHECK(*FindMember(small, "nAmE", &spelled) == 2);  // "NAME" sorts before "Name"
  CHECK(*spelled == "NAME");
  CHECK(FindMember(small, "nam") == nullptr);
  CHECK(FindMember(small, "names") == nullptr);
  CHECK(FindMember(Json::array({1}), "name") == nullptr);

  // A large object is searched before it is scanned: the same answers.
  Json large = Json::object();
  for (int i = 0; i < 40; ++i) large["p" + std::to_string(i)] = i;
  large["Location"] = "a";
  large["location"] = "b";
  CHECK(*FindMember(large, "location") == "b");
  CHECK(*FindMember(large, "LOCATION", &spelled) == "a");
  CHECK(*spelled == "Location");
  CHECK(*FindMember(large, "P39") == 39);
  CHECK(FindMember(large, "p40") == nullptr);
}

}  // namespace
}  // namespace routelint

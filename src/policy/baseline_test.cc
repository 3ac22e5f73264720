#include "policy/baseline.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

namespace routelint {
namespace {

Finding WithFingerprint(std::string rule, std::string fingerprint) {
  Finding f;
  f.rule_id = std::move(rule);
  f.resource_name = "rt-spoke1";
  f.message = "message";
  f.fingerprint = std::move(fingerprint);
  return f;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = "baseline_test_" + name + ".json";
  std::ofstream(path) << content;
  return path;
}

TEST_CASE("A written baseline reads back and hides exactly its findings", "[policy][baseline]") {
  std::vector<Finding> today{WithFingerprint("RL002", "bbbb"), WithFingerprint("RL001", "aaaa")};
  Finding suppressed = WithFingerprint("RL004", "cccc");
  suppressed.suppressions.push_back({});
  today.push_back(suppressed);
  const std::string text = RenderBaseline(today);
  // Sorted by fingerprint; suppressed findings are not recorded.
  CHECK(text.find("aaaa") < text.find("bbbb"));
  CHECK(text.find("cccc") == std::string::npos);

  const std::string path = WriteTemp("roundtrip", text);
  std::set<std::string> fingerprints;
  Diagnostic error;
  REQUIRE(LoadBaseline(path, &fingerprints, &error));
  CHECK(fingerprints == std::set<std::string>{"aaaa", "bbbb"});

  std::vector<Finding> tomorrow{WithFingerprint("RL001", "aaaa"), WithFingerprint("RL003", "dddd")};
  ApplyBaseline(fingerprints, &tomorrow);
  CHECK(tomorrow[0].in_baseline);
  CHECK_FALSE(IsActive(tomorrow[0]));
  CHECK(IsActive(tomorrow[1]));
  std::remove(path.c_str());
}

TEST_CASE("A malformed baseline is an error at its place", "[policy][baseline]") {
  std::set<std::string> fingerprints;
  Diagnostic error;
  SECTION("not JSON") {
    const std::string path = WriteTemp("broken", "{\"version\": 1,\n \"findings\": [\n");
    CHECK_FALSE(LoadBaseline(path, &fingerprints, &error));
    CHECK(error.id == "RL902");
    CHECK(error.location.line == 3);
    std::remove(path.c_str());
  }
  SECTION("not a baseline") {
    const std::string path = WriteTemp("other", "{\"runs\": []}");
    CHECK_FALSE(LoadBaseline(path, &fingerprints, &error));
    CHECK_THAT(error.message, Catch::Contains("not a routelint baseline"));
    std::remove(path.c_str());
  }
  SECTION("missing") {
    CHECK_FALSE(LoadBaseline("no-such-baseline.json", &fingerprints, &error));
    CHECK(error.id == "RL902");
  }
}

}  // namespace
}  // namespace routelint

// The bad-input corpus (testdata/bad/, described in its EXPECT.md): each file
// is linted together with testdata/examples/two-defects. Whatever the file
// holds, the run ends, the file has a diagnostic (or finding) naming it, at
// line:col where the input has a place, the exit status says whether the
// input was usable (2) or only had problems (1, as two-defects has
// findings), and the two findings of two-defects are still reported.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.h"

namespace routelint {
namespace {

namespace fs = std::filesystem;
using testing::RunResult;
using testing::RunRoutelint;

struct Expectation {
  int status;                          // 2: the input is unusable; 1: usable, with problems
  std::vector<std::string> contains;  // in the text report
};

// What each file of testdata/bad/ must produce (EXPECT.md says why).
const std::map<std::string, Expectation>& Expectations() {
  static const std::map<std::string, Expectation> expectations = {
      // Unreadable and malformed JSON: RL901 at the offending character.
      {"truncated.json", {2, {"truncated.json:6:1: error:", "[RL901]"}}},
      {"malformed.json",
       {2, {"malformed.json:9:7: error: syntax error while parsing object - unexpected string literal; expected ',' or '}'",
            "[RL901]"}}},
      {"unterminated-string.json",
       {2, {"unterminated-string.json:9:8: error:",
            "the string that starts on line 8 runs across a line break: is its closing quote missing? [RL901]"}}},
      {"empty.json", {2, {"empty.json:1:1: error:", "[RL901]"}}},
      {"bom-only.json", {2, {"bom-only.json:1:1: error:", "[RL901]"}}},
      {"binary.json", {2, {"binary.json:1:1: error: syntax error while parsing value - invalid literal; last read: '\\xac' [RL901]"}}},
      {"invalid-utf8.json", {2, {"invalid-utf8.json:8:24: error:", "ill-formed UTF-8 byte; last read: '\"rt-bad-\\xc3('", "[RL901]"}}},
      {"deep-nesting.json", {2, {"deep-nesting.json:1:364: error: JSON nests deeper than 256 levels [RL901]"}}},
      // Parses, but is suspect: a warning, and the file is linted.
      {"duplicate-keys.json",
       {1, {"duplicate-keys.json:21:15: warning: duplicate key \"addressPrefix\"",
            "duplicate-keys.json:26:7: warning: duplicate key \"location\"", "[RL901]"}}},
      // Values of the wrong type, invalid addresses, unknown next hops.
      {"wrong-types.json",
       {1,
        {"wrong-types.json:14:64: warning: Microsoft.Network/virtualNetworks 'vnet-bad-types': "
         "properties.addressSpace.addressPrefixes.1 must be a string, not a number",
         "wrong-types.json:18:29: warning:", "properties.subnets.0.properties.addressPrefix must be a string, not a number",
         "properties.subnets.1.properties.routeTable must be an object, not the string \"rt-bad-types\"",
         "properties.virtualNetworkPeerings.0.properties.remoteVirtualNetwork.id must be a string, not an array",
         "properties.virtualNetworkPeerings.0.properties.allowForwardedTraffic must be true or false, not the string \"yes\"",
         "properties.virtualNetworkPeerings.0.properties.allowGatewayTransit must be true or false, not a number",
         "properties.virtualNetworkPeerings.0.properties.useRemoteGateways must be true or false, not the string \"no\"",
         "properties.addressSpace.addressPrefixes must be an array, not the string",
         "properties.subnets must be an array, not the string \"snet-a,snet-b\"",
         "properties.disableBgpRoutePropagation must be true or false, not the string \"sometimes\"",
         "properties.routes must be an array, not an object",
         "properties.routes.0.properties.nextHopIpAddress must be a string, not an array",
         "properties.routes.1.properties.nextHopType must be a string, not a number",
         "properties.remoteVirtualNetwork must be an object, not the string \"vnet-hub-blue\"",
         "properties.allowVirtualNetworkAccess must be true or false, not the string \"maybe\"",
         "properties.enableIPForwarding must be true or false, not the string \"on\"",
         "properties.ipConfigurations must be an array, not an object"}}},
      {"invalid-addresses.json",
       {1,
        {"invalid-addresses.json:14:9: warning: invalid address space", "'10.252.0.0/33'", "'fd00::/129'",
         "invalid address prefix", "'10.252.300.0/24'", "'010.252.2.0/24'", "'10.252.1.1/24'",
         "[RL020 invalid-route]", "'10.0.0.0'", "'10.252.0.256'", "'fe80::1%eth0'"}}},
      {"unknown-next-hop.json",
       {1, {"unknown-next-hop.json:15:59: error: route to-firewall in route table rt-bad-next-hop: next hop type 'Firewall'",
            "unknown-next-hop.json:19:60: error:", "[RL020 invalid-route]"}}},
      // Hostile expressions: bounded, with a diagnostic at the place.
      {"deep-expression.json", {1, {"deep-expression.json:19:15: warning: invalid expression", "nests too deeply", "[RL903]"}}},
      {"huge-range.json",
       {1, {"huge-range.json:17:13: warning: range(): count must be between 0 and 10000",
            "huge-range.json:24:9: warning: range(): startIndex and startIndex + count must be 32-bit integers"}}},
      {"huge-padleft.json", {1, {"huge-padleft.json:19:15: warning: padLeft(): total length over 16384"}}},
      {"variable-cycle.json",
       {1, {"variable-cycle.json:19:9: warning: variable 'ping' depends on itself",
            "variable-cycle.json:20:9: warning: variable 'self' depends on itself"}}},
      {"self-referencing-output.json",
       {1, {"self-referencing-output.json:19:13: warning: deployment 'mod-self' needs its own outputs: its references form a cycle",
            "self-referencing-output.json:70:13: warning: deployment 'mod-a' needs its own outputs"}}},
      {"huge-copy.json", {1, {"huge-copy.json:15:9: warning: copy count 100000 exceeds Azure's limit of 800",
                              "huge-copy.json:26:7: warning: copy count 1000000000 exceeds Azure's limit of 800"}}},
      {"string-amplification.json",
       {1, {"string-amplification.json:69:9: warning: concat(): the value would be larger than the limit of 16 MiB",
            "string-amplification.json:70:9: warning: copy 'wide': the values would be larger than the limit of 16 MiB"}}},
      {"deep-value.json",
       {1, {"deep-value.json:15:9: warning: createArray(): the value would nest deeper than 512 levels",
            "deep-value.json:16:9: warning: json(): the argument is not valid JSON: JSON nests deeper than 511 levels"}}},
      {"recursive-function.json", {1, {"recursive-function.json:38:15: warning: bad.forever(): evaluation nests too deeply"}}},
      {"nested-deployments.json",
       {2, {"nested-deployments.json:325:261: error: nested deployments go deeper than 32 levels"}}},
      {"work-limit.json",
       {2, {"work-limit.json:1:1: error: evaluation stopped: the template needs more work than allowed",
            "work-limit.json:15:9: warning: evaluation work limit exceeded"}}},
  };
  return expectations;
}

// The two findings of two-defects, which no bad neighbour may lose.
void CheckTwoDefects(const RunResult& r) {
  CHECK(r.out.find("testdata/examples/two-defects/blue/spoke2.json:85:11: error:") != std::string::npos);
  CHECK(r.out.find("[RL002 spoke-missing-default-route]") != std::string::npos);
  CHECK(r.out.find("testdata/examples/two-defects/green/hub.json:89:9: error:") != std::string::npos);
  CHECK(r.out.find("[RL001 firewall-subnet-propagation-disabled]") != std::string::npos);
}

void CheckFile(const std::string& name, const Expectation& expected) {
  const std::string path = "testdata/bad/" + name;
  const auto start = std::chrono::steady_clock::now();
  const RunResult r = RunRoutelint({path, "testdata/examples/two-defects"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(path << " (" << seconds << " s)\n" << r.out << r.err);
  CHECK(r.status == expected.status);
  // Some line names the file (with line:col, or for a file without a place, just the path).
  CHECK(("\n" + r.out).find("\n" + path + ":") != std::string::npos);
  for (const std::string& text : expected.contains) {
    INFO("expected: " << text);
    CHECK(r.out.find(text) != std::string::npos);
  }
  CheckTwoDefects(r);
  CHECK(r.err.find("AddressSanitizer") == std::string::npos);
  CHECK(r.err.find("runtime error") == std::string::npos);
}

void CheckFiles(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = Expectations().find(name);
    REQUIRE(it != Expectations().end());
    CheckFile(name, it->second);
  }
}

TEST_CASE("bad input: every file of testdata/bad has its expectation", "[e2e][bad]") {
  std::vector<std::string> missing;
  for (const auto& entry : fs::directory_iterator(std::string(ROUTELINT_SOURCE_DIR) + "/testdata/bad")) {
    const std::string name = entry.path().filename().string();
    if (name == "EXPECT.md") continue;
    if (!Expectations().count(name)) missing.push_back(name);
  }
  INFO("add these to tests/bad_input_test.cc and testdata/bad/EXPECT.md");
  for (const std::string& name : missing) UNSCOPED_INFO(name);
  CHECK(missing.empty());
  for (const auto& [name, expected] : Expectations()) {
    INFO(name);
    CHECK(fs::exists(std::string(ROUTELINT_SOURCE_DIR) + "/testdata/bad/" + name));
  }
}

TEST_CASE("bad input: unreadable and malformed JSON", "[e2e][bad]") {
  CheckFiles({"truncated.json", "malformed.json", "unterminated-string.json", "empty.json", "bom-only.json",
              "binary.json", "invalid-utf8.json", "deep-nesting.json", "duplicate-keys.json"});
}

TEST_CASE("bad input: values of the wrong type and invalid addresses", "[e2e][bad]") {
  CheckFiles({"wrong-types.json", "invalid-addresses.json", "unknown-next-hop.json"});
}

TEST_CASE("bad input: hostile expressions", "[e2e][bad]") {
  CheckFiles({"deep-expression.json", "huge-range.json", "huge-padleft.json", "variable-cycle.json",
              "self-referencing-output.json", "deep-value.json", "recursive-function.json"});
}

TEST_CASE("bad input: hostile amounts of work", "[e2e][bad]") {
  CheckFiles({"huge-copy.json", "string-amplification.json", "nested-deployments.json", "work-limit.json"});
}

TEST_CASE("bad input: symbolic link loops in a folder", "[e2e][bad]") {
  // Made here, not committed: a folder with a link to itself and two links
  // to each other.
  char name[] = "/tmp/routelint-links-XXXXXX";
  REQUIRE(mkdtemp(name) != nullptr);
  const fs::path dir = name;
  fs::create_directory_symlink(".", dir / "loop");
  fs::create_symlink("b.json", dir / "a.json");
  fs::create_symlink("a.json", dir / "b.json");
  fs::create_symlink("self.json", dir / "self.json");
  RunResult r = RunRoutelint({dir.string(), "testdata/examples/two-defects"});
  INFO(r.out << r.err);
  CHECK(r.status == 2);
  CHECK(r.out.find(dir.string() + "/loop: warning: symbolic link loop: it points to a folder that contains it; "
                                  "not followed [RL902]") != std::string::npos);
  for (const char* file : {"a.json", "b.json", "self.json"}) {
    CHECK(r.out.find(dir.string() + "/" + file + ": error: cannot read: the symbolic link loops") != std::string::npos);
  }
  CheckTwoDefects(r);
  // Named on the command line, a looping link is an error too.
  r = RunRoutelint({(dir / "self.json").string(), "testdata/examples/two-defects"});
  CHECK(r.status == 2);
  CHECK(r.out.find("self.json: error: cannot read: Too many levels of symbolic links") != std::string::npos);
  CheckTwoDefects(r);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace routelint

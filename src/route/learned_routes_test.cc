// Tests for the learned-route reader: the portal's CSV download and the JSON
// of `az network express-route list-route-tables` read into the same routes;
// bad rows are warnings at their exact line and column; files that are not a
// route table are one error; nothing throws.
#include "route/learned_routes.h"

#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

namespace routelint {
namespace {

std::string TestData(const std::string& name) {
  return std::string(ROUTELINT_SOURCE_DIR) + "/testdata/learned-routes/" + name;
}

struct Result {
  bool ok = false;
  LearnedRoutes routes;
  std::vector<Diagnostic> diagnostics;
};

Result Parse(std::string_view text, const LearnedRoutesLimits& limits = {}) {
  Result r;
  REQUIRE_NOTHROW(r.ok = ParseLearnedRoutes("in.txt", text, limits, &r.routes, &r.diagnostics));
  return r;
}

Result Read(const std::string& name) {
  Result r;
  REQUIRE_NOTHROW(r.ok = ReadLearnedRoutes(TestData(name), &r.routes, &r.diagnostics));
  return r;
}

// "10.1.0.0/16 via 172.16.0.1 [65020] @2", to compare whole routes at once.
std::string Show(const LearnedRoute& route) {
  return route.prefix.ToString() + " via " + route.next_hop + " [" + route.as_path + "] @" +
         std::to_string(route.line);
}

std::vector<std::string> Show(const LearnedRoutes& routes) {
  std::vector<std::string> out;
  for (const LearnedRoute& route : routes.routes) out.push_back(Show(route));
  return out;
}

// "warning 3:1 <message>"
std::string Show(const Diagnostic& d) {
  return std::string(SeverityName(d.severity)) + " " + std::to_string(d.location.line) + ":" +
         std::to_string(d.location.column) + " " + d.message;
}

void CheckNoDiagnostics(const Result& r) {
  for (const Diagnostic& d : r.diagnostics) {
    INFO(Show(d));
    CHECK(false);
  }
}

// Exactly one error, RL902, naming `file`; returns it for further checks.
Diagnostic OneError(const Result& r, const std::string& file) {
  CHECK_FALSE(r.ok);
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  INFO(Show(d));
  CHECK(d.id == "RL902");
  CHECK(d.severity == Severity::kError);
  CHECK(d.location.file == file);
  return d;
}

bool Mentions(const Diagnostic& d, std::string_view text) { return d.message.find(text) != std::string::npos; }

TEST_CASE("learned routes: the portal's CSV download", "[route]") {
  // BOM, quoted fields, CRLF, an empty LocPrf, a starred next hop, origin codes, a bare /32.
  const Result r = Read("portal.csv");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(r.routes.file == TestData("portal.csv"));
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.1.0.0/16 via 10.17.17.141 [65515] @2",
                              "10.1.0.0/16 via 10.17.17.140* [65515] @3",
                              "10.2.20.0/25 via 172.16.0.1 [65020] @4",
                              "192.168.10.0/24 via 172.16.0.1 [65020 65021 I] @5",
                              "172.16.0.8/30 via 172.16.0.1 [65020 ?] @6",
                              "10.10.10.1/32 via 172.16.0.1 [65020] @7",
                              "0.0.0.0/0 via 172.16.0.1 [65020] @8",
                          });
}

TEST_CASE("learned routes: az list-route-tables JSON (value wrapper)", "[route]") {
  const Result r = Read("az-list-route-tables.json");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  // Each route's line is the line of its "network" member.
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.0.0.0/16 via 172.16.0.1 [65020] @6",
                              "192.168.1.0/24 via 172.16.0.1 [65020 65030] @13",
                              "10.11.0.0/16 via 10.11.16.12* [65515 I] @20",
                              "10.11.0.0/16 via 10.11.16.13 [65515 I] @27",
                          });
}

TEST_CASE("learned routes: az list-route-tables --query value (bare array)", "[route]") {
  const Result r = Read("az-bare-array.json");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.20.0.0/20 via 172.16.0.9 [64512 12076] @4",
                              "10.20.16.0/20 via 10.20.16.13* [65515] @11",
                              "172.16.0.12/30 via 172.16.0.9 [64512 ?] @18",
                          });
}

TEST_CASE("learned routes: CSV and JSON of the same table read the same", "[route]") {
  const Result csv = Parse(
      "Network,Next hop,LocPrf,Weight,Path\n"
      "10.1.0.0/16,10.0.0.1,,0,65010 65020\n"
      "10.9.9.9,,,0,\n");
  const Result json = Parse(R"([
    {"network": "10.1.0.0/16", "nextHop": "10.0.0.1", "locPrf": "", "weight": 0, "path": "65010 65020"},
    {"network": "10.9.9.9", "nextHop": "", "locPrf": "", "weight": 0, "path": ""}
  ])");
  CHECK(csv.ok);
  CHECK(json.ok);
  REQUIRE(csv.routes.routes.size() == 2);
  REQUIRE(json.routes.routes.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(csv.routes.routes[i].prefix == json.routes.routes[i].prefix);
    CHECK(csv.routes.routes[i].next_hop == json.routes.routes[i].next_hop);
    CHECK(csv.routes.routes[i].as_path == json.routes.routes[i].as_path);
  }
  CHECK(csv.routes.routes[1].next_hop.empty());
  CHECK(csv.routes.routes[1].as_path.empty());
}

TEST_CASE("learned routes: CSV header names in any order and case", "[route]") {
  SECTION("reordered, upper case") {
    const Result r = Parse("PATH,WEIGHT,NETWORK,LOCPRF,NEXT HOP\n65020,0,10.1.0.0/16,,172.16.0.1\n");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @2"});
  }
  SECTION("NextHop, next_hop and AsPath spellings; extra columns ignored") {
    const Result a = Parse("Source,network,NextHop,AsPath\nEBgp,10.1.0.0/16,172.16.0.1,65020\n");
    CHECK(Show(a.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @2"});
    const Result b = Parse("next_hop , Network\n172.16.0.1,10.1.0.0/16\n");
    CHECK(Show(b.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [] @2"});
  }
  SECTION("only a Network column") {
    const Result r = Parse("Network\n10.1.0.0/16\n");
    CHECK(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via  [] @2"});
  }
  SECTION("semicolon- and tab-separated re-saves") {
    const Result semi = Parse("Network;Next hop;LocPrf;Weight;Path\n10.1.0.0/16;172.16.0.1;;0;65020\n");
    CHECK(Show(semi.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @2"});
    const Result tab = Parse("Network\tNext hop\tPath\n10.1.0.0/16\t172.16.0.1\t65020 65030\n");
    CHECK(Show(tab.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020 65030] @2"});
  }
}

TEST_CASE("learned routes: quoted CSV fields", "[route]") {
  // An AS_SET prints with a comma inside braces: the portal has to quote it.
  const Result r = Parse(
      "\"Network\",\"Next hop\",\"LocPrf\",\"Weight\",\"Path\"\n"
      "\"10.3.0.0/16\",\"172.16.0.1\",\"\",\"0\",\"65020 {65001,65002}\"\n"
      "10.4.0.0/16 , 172.16.0.1 ,,0, \"65020 \"\"x\"\"\" \n");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.3.0.0/16 via 172.16.0.1 [65020 {65001,65002}] @2",
                              "10.4.0.0/16 via 172.16.0.1 [65020 \"x\"] @3",
                          });
}

TEST_CASE("learned routes: BOM, CRLF, lone CR and blank lines", "[route]") {
  const std::vector<std::string> expected{"10.1.0.0/16 via 172.16.0.1 [65020] @2",
                                          "10.2.0.0/16 via 172.16.0.2 [65020] @4"};
  SECTION("BOM and CRLF") {
    const Result r = Parse("\xEF\xBB\xBFNetwork,Next hop,Path\r\n10.1.0.0/16,172.16.0.1,65020\r\n\r\n"
                           "10.2.0.0/16,172.16.0.2,65020\r\n");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == expected);  // no '\r' left on the last field
  }
  SECTION("no final line end, blank lines with spaces") {
    const Result r = Parse("Network,Next hop,Path\n10.1.0.0/16,172.16.0.1,65020\n   \n10.2.0.0/16,172.16.0.2,65020");
    CHECK(Show(r.routes) == expected);
  }
  SECTION("classic Mac line ends") {
    const Result r = Parse("Network,Next hop,Path\r10.1.0.0/16,172.16.0.1,65020\r\r10.2.0.0/16,172.16.0.2,65020\r");
    CHECK(Show(r.routes) == expected);
  }
  SECTION("blank lines before the header count for line numbers") {
    const Result r = Parse("\n\nNetwork\n10.1.0.0/33\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].location.line == 4);
  }
  SECTION("a BOM is not a column") {
    const Result r = Parse("\xEF\xBB\xBFNetwork\n  bad\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].location.line == 2);
    CHECK(r.diagnostics[0].location.column == 3);
  }
}

TEST_CASE("learned routes: a bare address is a host route", "[route]") {
  const Result r = Parse("Network,Next hop\n10.1.2.3,172.16.0.1\nfd00::1,fd00::ffff\n");
  CHECK(r.ok);
  CheckNoDiagnostics(r);  // this is how routers print /32s: not worth a warning
  CHECK(Show(r.routes) == std::vector<std::string>{"10.1.2.3/32 via 172.16.0.1 [] @2",
                                                   "fd00::1/128 via fd00::ffff [] @3"});
}

TEST_CASE("learned routes: host bits are a warning and are cleared", "[route]") {
  const Result r = Parse("Next hop,Network\n172.16.0.1,10.1.2.3/16\n");
  CHECK(r.ok);  // a warning, not an error
  CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [] @2"});
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.id == "RL902");
  CHECK(d.severity == Severity::kWarning);
  CHECK(Show(d) == "warning 2:12 network '10.1.2.3/16' has host bits set; read as 10.1.0.0/16");
}

TEST_CASE("learned routes: bad rows are warnings at their line and column", "[route]") {
  const Result r = Read("bad-rows.csv");
  CHECK(r.ok);  // warnings only: the good rows are still usable
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.1.0.0/16 via 172.16.0.1 [65020] @2",
                              "10.2.0.0/16 via 172.16.0.1 [65020] @7",
                              "10.6.0.0/16 via 172.16.0.1 [65020] @11",
                              "fd00:1::/64 via 172.16.0.1 [65020] @12",
                          });
  std::vector<std::string> where;
  for (const Diagnostic& d : r.diagnostics) {
    INFO(Show(d));
    CHECK(d.id == "RL902");
    CHECK(d.severity == Severity::kWarning);
    CHECK(d.location.file == TestData("bad-rows.csv"));
    where.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column));
  }
  CHECK(where == std::vector<std::string>{"3:1", "4:1", "6:1", "7:1", "8:1", "9:27", "10:1", "13:1"});
  REQUIRE(r.diagnostics.size() == 8);
  CHECK(Mentions(r.diagnostics[0], "'10.1.0.0/33'"));
  CHECK(Mentions(r.diagnostics[0], "row is skipped"));
  CHECK(Mentions(r.diagnostics[1], "'10.1.2'"));
  CHECK(Mentions(r.diagnostics[2], "empty"));
  CHECK(Mentions(r.diagnostics[3], "host bits"));
  CHECK(Mentions(r.diagnostics[4], "'010.3.0.0/16'"));
  CHECK(Mentions(r.diagnostics[5], "quoted field is not closed"));
  CHECK(Mentions(r.diagnostics[6], "66025 bytes"));
  CHECK(Mentions(r.diagnostics[7], "'not-a-network'"));
}

TEST_CASE("learned routes: a row too short to reach the Network column", "[route]") {
  const Result r = Parse("Next hop,LocPrf,Weight,Network,Path\n172.16.0.1,,0\n172.16.0.1,,0,10.1.0.0/16,65020\n");
  CHECK(r.ok);
  CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @3"});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(Show(r.diagnostics[0]) ==
        "warning 2:14 the row has 3 fields and no Network value (column 4 of the header); the row is skipped");
}

TEST_CASE("learned routes: a file that is not a route table is one error", "[route]") {
  SECTION("the az -o table text") {
    const Result r = Read("not-a-route-table.txt");
    const Diagnostic d = OneError(r, TestData("not-a-route-table.txt"));
    CHECK(r.routes.routes.empty());
    CHECK(d.location.line == 1);
    CHECK(Mentions(d, "has no Network column"));
    CHECK(Mentions(d, "-o table"));
  }
  SECTION("some other CSV") {
    const Result r = Parse("Name,Address prefix,Next hop type\nto-fw,0.0.0.0/0,VirtualAppliance\n");
    const Diagnostic d = OneError(r, "in.txt");
    CHECK(Mentions(d, "'Name,Address prefix,Next hop type'"));
    CHECK(r.routes.routes.empty());
  }
  SECTION("an ARM template") {
    const Result r = Parse(R"({"$schema": "x", "resources": []})");
    CHECK(Mentions(OneError(r, "in.txt"), "\"value\""));
  }
  SECTION("a value that is not an array (Route Server's learned routes)") {
    const Result r = Parse(R"({"RouteServiceRole_IN_0": [{"network": "10.0.0.0/8"}], "value": null})");
    CHECK(Mentions(OneError(r, "in.txt"), "not an array"));
  }
  SECTION("the route table summary") {
    const Result r = Parse(R"({"value": [{"neighbor": "172.16.0.1", "v": 4, "as": 65020, "upDown": "1d",
                                           "statePfxRcd": "12"}]})");
    const Diagnostic d = OneError(r, "in.txt");
    CHECK(Mentions(d, "\"network\""));
    CHECK(d.location.line == 1);
    CHECK(d.location.column == 12);
  }
  SECTION("UTF-16 text in no format is decoded, then refused as UTF-8 text would be") {
    const std::string utf16("\xFF\xFEN\0a\0m\0e\0\r\0\n\0", 14);
    const Diagnostic d = OneError(Parse(utf16), "in.txt");
    CHECK(Mentions(d, "'Name' has no Network column"));
  }
  SECTION("binary: control characters are not echoed") {
    const Diagnostic d = OneError(Parse("\x1b[31mred\x01\n"), "in.txt");
    CHECK(Mentions(d, "'?[31mred?'"));
  }
  SECTION("a JSON scalar") {
    CHECK(Mentions(OneError(Parse("  \"10.0.0.0/8\""), "in.txt"), "not a learned route table"));
  }
}

TEST_CASE("learned routes: an empty file is one error", "[route]") {
  for (std::string_view text : {std::string_view(""), std::string_view("\xEF\xBB\xBF"), std::string_view(" \r\n\n\t")}) {
    const Result r = Parse(text);
    const Diagnostic d = OneError(r, "in.txt");
    CHECK(Mentions(d, "empty"));
    CHECK(d.location.line == 0);
  }
}

TEST_CASE("learned routes: a header with no rows, an empty array", "[route]") {
  const Result csv = Parse("Network,Next hop,LocPrf,Weight,Path\r\n");
  CHECK(csv.ok);
  CHECK(csv.routes.routes.empty());
  CheckNoDiagnostics(csv);
  const Result json = Parse(R"({"value": []})");
  CHECK(json.ok);
  CHECK(json.routes.routes.empty());
  CheckNoDiagnostics(json);
}

TEST_CASE("learned routes: JSON with comments, a BOM and other key spellings", "[route]") {
  SECTION("comments") {
    const Result r = Parse("\xEF\xBB\xBF// az network express-route list-route-tables --path primary\n"
                           "{ /* primary MSEE */ \"value\": [\n"
                           "  {\"network\": \"10.1.0.0/16\", // the hub\n"
                           "   \"nextHop\": \"172.16.0.1\", \"path\": \"65020\"}\n"
                           "]}\n");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @3"});
  }
  SECTION("PowerShell ConvertTo-Json keys, Value wrapper") {
    const Result r = Parse(R"({"Value": [{"Network": "10.1.0.0/16", "NextHop": "10.17.17.140*", "LocPrf": null,
                                          "Weight": 0, "Path": "65515"}]})");
    CHECK(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 10.17.17.140* [65515] @1"});
  }
  SECTION("az network vnet-gateway list-learned-routes (asPath, null nextHop)") {
    const Result r = Parse(R"({
  "value": [
    {
      "asPath": "",
      "localAddress": "10.0.0.254",
      "network": "10.0.0.0/16",
      "nextHop": null,
      "origin": "Network",
      "sourcePeer": "10.0.0.254",
      "weight": 32768
    },
    {
      "asPath": "65010",
      "localAddress": "10.0.0.254",
      "network": "192.168.0.0/24",
      "nextHop": "192.168.255.1",
      "origin": "EBgp",
      "sourcePeer": "192.168.255.1",
      "weight": 32768
    }
  ]
})");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.0.0.0/16 via  [] @6",
                                                     "192.168.0.0/24 via 192.168.255.1 [65010] @15"});
  }
}

TEST_CASE("learned routes: bad JSON rows are warnings at the network member", "[route]") {
  const Result r = Parse(
      "[\n"
      "  {\"network\": \"10.1.0.0/16\"},\n"
      "  {\"nextHop\": \"172.16.0.1\",\n"
      "   \"network\": \"10.1.0.0/33\"},\n"
      "  \"10.2.0.0/16\",\n"
      "  {\"nextHop\": \"172.16.0.1\"},\n"
      "  {\"network\": null},\n"
      "  {\"network\": 167772160},\n"
      "  {\"network\": \"10.3.4.5/8\"}\n"
      "]\n");
  CHECK(r.ok);
  CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via  [] @2", "10.0.0.0/8 via  [] @9"});
  std::vector<std::string> shown;
  for (const Diagnostic& d : r.diagnostics) {
    CHECK(d.id == "RL902");
    CHECK(d.severity == Severity::kWarning);
    shown.push_back(Show(d));
  }
  REQUIRE(shown.size() == 6);
  CHECK_THAT(shown[0], Catch::StartsWith("warning 4:4 '10.1.0.0/33' is not a valid CIDR prefix: ") &&
                           Catch::EndsWith("; the row is skipped"));
  shown.erase(shown.begin());
  CHECK(shown == std::vector<std::string>{
                     "warning 5:3 row 3 is a JSON string, not an object; the row is skipped",
                     "warning 6:3 row 4 has no \"network\" member; the row is skipped",
                     "warning 7:4 row 5: \"network\" is null, not a string; the row is skipped",
                     "warning 8:4 row 6: \"network\" is number, not a string; the row is skipped",
                     "warning 9:4 network '10.3.4.5/8' has host bits set; read as 10.0.0.0/8",
                 });
}

TEST_CASE("learned routes: malformed JSON is the parse stage's RL901 at the place", "[route]") {
  const Result r = Parse("{\"value\": [\n  {\"network\": \"10.1.0.0/16\",}\n]}\n");
  CHECK_FALSE(r.ok);
  CHECK(r.routes.routes.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].id == "RL901");
  CHECK(r.diagnostics[0].severity == Severity::kError);
  CHECK(r.diagnostics[0].location.line == 2);
}

TEST_CASE("learned routes: limits", "[route]") {
  SECTION("more CSV rows than the limit: error, the first rows kept") {
    LearnedRoutesLimits limits;
    limits.max_rows = 2;
    const Result r = Parse("Network\n10.1.0.0/16\n\n10.2.0.0/16\n10.3.0.0/16\n10.4.0.0/16\n", limits);
    CHECK_FALSE(r.ok);
    CHECK(r.routes.routes.size() == 2);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Show(r.diagnostics[0]) == "error 5:1 more than 2 rows; the rest of the file is ignored");
  }
  SECTION("exactly the limit is fine") {
    LearnedRoutesLimits limits;
    limits.max_rows = 2;
    const Result r = Parse("Network\n10.1.0.0/16\n10.2.0.0/16\n", limits);
    CHECK(r.ok);
    CHECK(r.routes.routes.size() == 2);
  }
  SECTION("more JSON rows than the limit") {
    LearnedRoutesLimits limits;
    limits.max_rows = 1;
    const Result r = Parse("[{\"network\": \"10.1.0.0/16\"},\n {\"network\": \"10.2.0.0/16\"}]", limits);
    CHECK_FALSE(r.ok);
    CHECK(r.routes.routes.size() == 1);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Show(r.diagnostics[0]) == "error 2:2 more than 1 rows; the rest of the file is ignored");
  }
  SECTION("a line over 64 KiB is skipped, one of exactly 64 KiB is read") {
    const std::string head = "10.1.0.0/16,172.16.0.1,";
    const std::string at_limit = head + std::string(65536 - head.size(), '1');
    const std::string over = head + std::string(65537 - head.size(), '1');
    const Result r = Parse("Network,Next hop,Path\n" + at_limit + "\n" + over + "\n10.2.0.0/16,,\n");
    CHECK(r.ok);
    REQUIRE(r.routes.routes.size() == 2);
    CHECK(r.routes.routes[0].line == 2);
    CHECK(r.routes.routes[0].as_path.size() == 65536 - head.size());
    CHECK(r.routes.routes[1].line == 4);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Show(r.diagnostics[0]) == "warning 3:1 the line is 65537 bytes long, over the 65536 byte limit; the row "
                                    "is skipped");
  }
  SECTION("a file over the byte limit") {
    LearnedRoutesLimits limits;
    limits.max_file_bytes = 8;
    const Result r = Parse("Network\n10.1.0.0/16\n", limits);
    CHECK(Mentions(OneError(r, "in.txt"), "limit"));
  }
  SECTION("a JSON route table on one long line has no line limit") {
    std::string text = "[";
    for (int i = 0; i < 5000; ++i) {
      text += (i ? "," : "") + std::string("{\"network\":\"10.1.0.0/16\",\"nextHop\":\"172.16.0.1\"}");
    }
    text += "]";
    REQUIRE(text.size() > 65536);
    const Result r = Parse(text);
    CHECK(r.ok);
    CHECK(r.routes.routes.size() == 5000);
  }
}

TEST_CASE("learned routes: an unreadable file is one RL902 error", "[route]") {
  const Result r = Read("no-such-file.csv");
  OneError(r, TestData("no-such-file.csv"));
  CHECK(r.routes.file == TestData("no-such-file.csv"));
  CHECK(r.routes.routes.empty());
}

TEST_CASE("learned routes: a second read replaces the first", "[route]") {
  LearnedRoutes routes;
  std::vector<Diagnostic> diagnostics;
  REQUIRE(ParseLearnedRoutes("a.csv", "Network\n10.1.0.0/16\n", &routes, &diagnostics));
  REQUIRE(ParseLearnedRoutes("b.csv", "Network\n10.2.0.0/16\n", &routes, &diagnostics));
  CHECK(routes.file == "b.csv");
  REQUIRE(routes.routes.size() == 1);
  CHECK(routes.routes[0].prefix.ToString() == "10.2.0.0/16");
}

TEST_CASE("learned routes: never throws on garbage", "[route]") {
  const std::vector<std::string> inputs = {
      std::string("\0\0\0", 3), "\"", "Network\n\"", "Network,\"\n\"10.0.0.0/8", "[", "{\"value\": [",
      "[{\"network\": \"\\u0031\"}]", "Network\n\xff\xfe\n", "/* only a comment */", "Network,Network\n,\n",
      "[[[[[[[[[[]]]]]]]]]]", std::string(200, ','),
  };
  for (const std::string& text : inputs) {
    INFO("input: " << text);
    Result r;
    REQUIRE_NOTHROW(r.ok = ParseLearnedRoutes("in.txt", text, &r.routes, &r.diagnostics));
    if (!r.ok) CHECK_FALSE(r.diagnostics.empty());
  }
}

// ---------------------------------------------------------------------------
// What Get-AzExpressRouteCircuitRouteTable prints: Format-Table,
// Format-List, ConvertTo-Json, and Windows PowerShell's UTF-16 files.

// The diagnostics as "warning 5:1 ..." lines, in order.
std::vector<std::string> ShowAll(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(Show(d));
  return out;
}

// "5:1" for each diagnostic, all of them RL902 warnings.
std::vector<std::string> WarningPlaces(const Result& r) {
  std::vector<std::string> where;
  for (const Diagnostic& d : r.diagnostics) {
    INFO(Show(d));
    CHECK(d.id == "RL902");
    CHECK(d.severity == Severity::kWarning);
    where.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column));
  }
  return where;
}

TEST_CASE("learned routes: PowerShell Format-Table", "[route][powershell]") {
  // CRLF, a blank line before the header, LocPrf mostly empty, Weight right-aligned.
  const Result r = Read("ps-table.txt");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.1.0.0/16 via 10.17.17.141 [65515] @4",
                              "10.1.0.0/16 via 10.17.17.140* [65515] @5",
                              "192.168.1.0/24 via 172.16.0.1 [65020 I] @6",
                              "192.168.20.0/24 via 172.16.0.1 [65020 65021 I] @7",
                              "172.16.0.8/30 via 172.16.0.1 [65020 ?] @8",
                              "10.10.10.1/32 via 172.16.0.1 [65020] @9",
                          });
}

TEST_CASE("learned routes: Format-Table -Wrap, one table per device path in one file", "[route][powershell]") {
  // "DevicePath: Primary", a prompt line and blank lines between the tables;
  // each table has its own column widths; wrapped paths join their rows.
  const Result r = Read("ps-table-wrapped.txt");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.1.0.0/16 via 10.17.17.141 [65515] @5",
                              "192.168.1.0/24 via 172.16.0.1 [12076 65020 65021 65022 65023 I] @6",
                              "192.168.40.0/22 via 172.16.0.1 [12076 65020 {65101,65102} ?] @8",
                              "10.1.0.0/16 via 10.17.17.140* [65515] @17",
                              "192.168.1.0/24 via 172.16.0.5 [12076 65020 65021 65022 65023 I] @18",
                          });
}

TEST_CASE("learned routes: a wrapped next hop joins without a blank, a wrapped path with one", "[route][powershell]") {
  const Result r = Parse(
      "Network     NextHop    Weight Path\n"
      "-------     -------    ------ ----\n"
      "fd00:1::/64 fd00:ffff:      0 65020\n"
      "            0:1               65021 I\n");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(Show(r.routes) == std::vector<std::string>{"fd00:1::/64 via fd00:ffff:0:1 [65020 65021 I] @3"});
}

TEST_CASE("learned routes: bad table rows are warnings at their line, the rest kept", "[route][powershell]") {
  const Result r = Read("ps-table-bad-rows.txt");
  CHECK(r.ok);
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.1.0.0/16 via 172.16.0.1 [65020] @4",
                              "2001:db8:abcd:12::/64 via fd00::1 [65020 I] @8",  // pushed right: still read
                              "10.3.0.0/16 via 172.16.0.1 [65020] @9",
                              "10.4.0.0/16 via 172.16.0.1 [65020] @10",
                              "10.6.0.0/16 via 172.16.0.1 [65020 I] @12",
                          });
  CHECK(WarningPlaces(r) == std::vector<std::string>{"5:1", "6:1", "7:32", "9:1", "10:1", "11:1"});
  REQUIRE(r.diagnostics.size() == 6);
  CHECK(Mentions(r.diagnostics[0], "'10.1.0.0/33'"));
  CHECK(Mentions(r.diagnostics[0], "row is skipped"));
  CHECK(Mentions(r.diagnostics[1], "'not-a-network'"));
  CHECK(Show(r.diagnostics[2]) ==
        "warning 7:32 the row does not line up with the columns of the header (line 2) and cannot be read word by "
        "word: 'high' stands where the weight, a number, should be; the row is skipped");
  CHECK(Mentions(r.diagnostics[3], "host bits"));
  CHECK(Show(r.diagnostics[4]) ==
        "warning 10:1 the row does not line up with the columns of the header (line 2); read word by word as "
        "network '10.4.0.0/16', next hop '172.16.0.1', path '65020'");
  CHECK(Mentions(r.diagnostics[5], "the network is empty"));
}

TEST_CASE("learned routes: table rows read word by word", "[route][powershell]") {
  const std::string header =
      "Network          NextHop       LocPrf Weight Path\n"
      "-------          -------       ------ ------ ----\n";
  SECTION("a number then 0: LocPrf and weight (AS 0 is never in a path)") {
    const Result r = Parse(header + "10.1.0.0/16 172.16.0.1 100 0 65020 I\n");
    REQUIRE(r.routes.routes.size() == 1);
    CHECK(r.routes.routes[0].as_path == "65020 I");
  }
  SECTION("otherwise LocPrf is empty, as it almost always is") {
    const Result r = Parse(header + "10.1.0.0/16 172.16.0.1 0 65515 65020\n");
    REQUIRE(r.routes.routes.size() == 1);
    CHECK(r.routes.routes[0].as_path == "65515 65020");
  }
  SECTION("a network alone") {
    const Result r = Parse(header + "10.1.0.0/16x\n10.2.0.0/16\n");
    CHECK(Show(r.routes) == std::vector<std::string>{"10.2.0.0/16 via  [] @4"});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Mentions(r.diagnostics[0], "'10.1.0.0/16x'"));
  }
  SECTION("columns in another order cannot be read by words") {
    const Result r = Parse(
        "Path  Network     NextHop\n"
        "----  -------     -------\n"
        "65020 10.1.0.0/16 172.16.0.1\n"
        "65020 65021 10.2.0.0/16 172.16.0.1\n");
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @3"});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Show(r.diagnostics[0]) ==
          "warning 4:1 the row does not line up with the columns of the header (line 1) and cannot be read word by "
          "word: its columns are not Network, NextHop, LocPrf, Weight, Path in this order; the row is skipped");
  }
  SECTION("words past the last column") {
    const Result r = Parse("Network     NextHop\n-------     -------\n10.1.0.0/16 172.16.0.1 extra words\n");
    CHECK(r.routes.routes.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Mentions(r.diagnostics[0], "'extra' is past the last column"));
  }
}

TEST_CASE("learned routes: cut table values are kept, with one warning", "[route][powershell]") {
  SECTION("Windows PowerShell 5.1 ends them in '...' (lines padded to the console's width)") {
    const Result r = Read("ps-table-truncated.txt");
    CHECK(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{
                                "10.1.0.0/16 via 10.17.17.141 [65515] @4",
                                "192.168.1.0/24 via 172.16.0.1 [12076 65020 6502...] @5",
                                "192.168.2.0/24 via 172.16.0.1 [12076 65020 I] @6",
                            });
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.severity == Severity::kWarning);
    CHECK(d.location.line == 5);
    CHECK(d.location.column == 46);
    CHECK(Mentions(d, "'12076 65020 6502...' is cut short"));
    CHECK(Mentions(d, "`| Format-Table -Wrap`"));
    CHECK(Mentions(d, "`| ConvertTo-Json`"));
  }
  SECTION("PowerShell 7 ends them in '…', one character of three bytes: the columns after it still line up") {
    const Result r = Parse(
        "Network        NextHop    Weight Path\n"
        "-------        -------    ------ ----\n"
        "10.1.0.0/16    10.17.17.…      0 65515\n"
        "10.2.0.0/16    172.16.0.1      0 12076 6…\n"
        "2001:db8:ab:1… 172.16.0.1      0 65020\n");
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 10.17.17.… [65515] @3",
                                                     "10.2.0.0/16 via 172.16.0.1 [12076 6…] @4"});
    CHECK(ShowAll(r.diagnostics).size() == 2);
    CHECK(WarningPlaces(r) == std::vector<std::string>{"3:16", "5:1"});  // said once; then the bad network
  }
}

TEST_CASE("learned routes: PowerShell Format-List", "[route][powershell]") {
  // The cmdlet's default view for these objects: padded names, an empty
  // LocPrf, a long path wrapped onto an indented line.
  const Result r = Read("ps-list.txt");
  CHECK(r.ok);
  CheckNoDiagnostics(r);
  CHECK(Show(r.routes) == std::vector<std::string>{
                              "10.1.0.0/16 via 10.17.17.141 [65515] @2",
                              "10.1.0.0/16 via 10.17.17.140* [65515] @8",
                              "10.2.20.0/25 via 172.16.0.1 [65020] @14",
                              "192.168.1.0/24 via 172.16.0.1 "
                              "[12076 65020 65021 65022 65023 65024 65025 65026 65027 I] @20",
                          });
}

TEST_CASE("learned routes: Format-List records, odd and bad", "[route][powershell]") {
  SECTION("a bad network is a warning at its value; a prompt and other names are passed over") {
    const Result r = Parse(
        "PS C:\\> Get-AzExpressRouteCircuitRouteTable -DevicePath Primary | fl\n"
        "\n"
        "Network : 10.1.0.0/33\n"
        "NextHop : 172.16.0.1\n"
        "\n"
        "DevicePath : Primary\n"
        "Network : 10.2.0.0/16\n"
        "NextHop : 172.16.0.1\n");
    CHECK(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.2.0.0/16 via 172.16.0.1 [] @7"});
    CHECK(WarningPlaces(r) == std::vector<std::string>{"3:11"});
  }
  SECTION("records with no blank line between them; names in another order") {
    const Result r = Parse(
        "NextHop : 172.16.0.1\nNetwork : 10.1.0.0/16\nPath : 65020\n"
        "Network : 10.2.0.0/16\nNextHop : 172.16.0.2\n");
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @2",
                                                     "10.2.0.0/16 via 172.16.0.2 [] @4"});
  }
  SECTION("a record with a next hop but no network; an empty network") {
    const Result r = Parse("Network : 10.1.0.0/16\n\nNextHop : 172.16.0.1\nPath    : 65020\n\nNetwork :\n");
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via  [] @1"});
    CHECK(ShowAll(r.diagnostics) ==
          std::vector<std::string>{
              "warning 3:1 the record has a NextHop or a Path but no Network; the record is skipped",
              "warning 6:10 the network is empty; the row is skipped"});
  }
  SECTION("a wrapped next hop joins without a blank") {
    const Result r = Parse("Network : fd00:1::/64\nNextHop : fd00:1:2:3:4:5:\n          6:7\nPath    : 65020\n");
    CHECK(Show(r.routes) == std::vector<std::string>{"fd00:1::/64 via fd00:1:2:3:4:5:6:7 [65020] @1"});
  }
}

TEST_CASE("learned routes: ConvertTo-Json of an array and of a single route", "[route][powershell]") {
  SECTION("Windows PowerShell 5.1's array (null LocPrf, its spacing)") {
    const Result r = Read("ps-convertto-json.json");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{
                                "10.1.0.0/16 via 10.17.17.141 [65515] @3",
                                "10.1.0.0/16 via 10.17.17.140* [65515] @10",
                                "192.168.1.0/24 via 172.16.0.1 [12076 65020 65021 65022 65023 I] @17",
                            });
  }
  SECTION("one route is printed as a bare object, not an array") {
    const Result r = Read("ps-convertto-json-single.json");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{"192.168.20.0/24 via 172.16.0.1 [65020 I] @2"});
  }
  SECTION("a bare object with a bad network is a warning at it") {
    const Result r = Parse("{\n  \"NextHop\": \"172.16.0.1\",\n  \"Network\": \"10.1.0.0/33\"\n}");
    CHECK(r.ok);
    CHECK(r.routes.routes.empty());
    CHECK(WarningPlaces(r) == std::vector<std::string>{"3:3"});
  }
  SECTION("`ConvertTo-Json -InputObject $routes` in 5.1 wraps the array: {value, Count}") {
    const Result r = Parse(R"({"value": [{"Network": "10.1.0.0/16", "NextHop": "172.16.0.1", "Path": "65020"}],
                               "Count": 1})");
    CHECK(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @1"});
  }
}

TEST_CASE("learned routes: UTF-16 with a BOM is decoded", "[route][powershell]") {
  SECTION("Windows PowerShell 5.1's `>`: UTF-16LE, a Format-List") {
    const Result r = Read("ps-utf16.txt");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{
                                "10.1.0.0/16 via 10.17.17.141 [65515] @2",
                                "10.1.0.0/16 via 10.17.17.140* [65515] @8",
                                "192.168.20.0/24 via 172.16.0.1 [65020 I] @14",
                            });
  }
  // UTF-16 of ASCII text, each character one unit in the given byte order.
  auto utf16 = [](std::string_view ascii, bool big_endian) {
    std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
    for (char c : ascii) {
      out.push_back(big_endian ? '\0' : c);
      out.push_back(big_endian ? c : '\0');
    }
    return out;
  };
  SECTION("UTF-16BE, a CSV") {
    const Result r = Parse(utf16("Network,Next hop\r\n10.1.0.0/16,172.16.0.1\r\n", true));
    CHECK(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [] @2"});
  }
  SECTION("UTF-16LE JSON: positions are those of the characters") {
    const Result r = Parse(utf16("[\n {\"network\": \"10.1.0.0/33\"}]", false));
    CHECK(WarningPlaces(r) == std::vector<std::string>{"2:3"});
  }
  SECTION("characters past ASCII and surrogate pairs keep columns; a lone surrogate is U+FFFD") {
    // "é,😀,\xD800" then a CSV line: é is one unit, 😀 two (a pair), the lone surrogate one.
    std::string text = "\xFF\xFE";
    text += std::string("\xE9\0,\0\x3D\xD8\x00\xDE,\0\x00\xD8\n\0", 14);
    text += utf16("Network\n  bad\n", false).substr(2);
    const Result r = Parse(text);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Mentions(r.diagnostics[0], "'\xC3\xA9,\xF0\x9F\x98\x80,\xEF\xBF\xBD'"));  // its first line, decoded
  }
  SECTION("an odd last byte is a warning and is dropped") {
    const Result r = Parse(utf16("Network\n10.1.0.0/16\n", false) + "x");
    CHECK(r.ok);
    CHECK(r.routes.routes.size() == 1);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(Show(r.diagnostics[0]) == "warning 0:0 the UTF-16 text ends in half a character; its last byte is ignored");
  }
  SECTION("only a BOM is an empty file") {
    CHECK(Mentions(OneError(Parse("\xFF\xFE"), "in.txt"), "empty"));
  }
}

TEST_CASE("learned routes: telling the formats apart does not misfire", "[route][powershell]") {
  SECTION("a CSV whose header says Network and NextHop is CSV, whichever the separator") {
    const Result comma = Parse("Network,NextHop,LocPrf,Weight,Path\n10.1.0.0/16,172.16.0.1,,0,65020\n");
    CHECK(Show(comma.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @2"});
    const Result tab = Parse("Network\tNextHop\tLocPrf\tWeight\tPath\n10.1.0.0/16\t172.16.0.1\t\t0\t65020\n");
    CHECK(Show(tab.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @2"});
  }
  SECTION("a CSV row that looks like a list line is still a CSV row") {
    const Result r = Parse("Network\nNetwork : 10.1.0.0/16\n");
    CHECK(r.routes.routes.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].location.line == 2);
  }
  SECTION("az's -o table draws rules as wide as the columns: still refused") {
    const Result r = Parse(
        "Network          NextHop\n"
        "---------------  --------------\n"
        "10.1.0.0/16      10.11.16.14\n");
    CHECK(Mentions(OneError(r, "in.txt"), "-o table"));
  }
  SECTION("a header with no rule under it is no table") {
    const Result r = Parse("Network          NextHop\n10.1.0.0/16      10.11.16.14\n");
    CHECK(Mentions(OneError(r, "in.txt"), "has no Network column"));
  }
  SECTION("a table needs a NextHop column") {
    const Result r = Parse("Network     Path\n-------     ----\n10.1.0.0/16 65020\n");
    CHECK(Mentions(OneError(r, "in.txt"), "has no Network column"));
  }
  SECTION("a transcript's lines before the table are passed over") {
    const Result r = Parse(
        "**********************\n"
        "PowerShell transcript start\n"
        "**********************\n"
        "PS C:\\> Get-AzExpressRouteCircuitRouteTable -ResourceGroupName rg -ExpressRouteCircuitName er "
        "-PeeringType AzurePrivatePeering -DevicePath Primary | Format-Table\n"
        "\n"
        "Network     NextHop    Path\n"
        "-------     -------    ----\n"
        "10.1.0.0/16 172.16.0.1 65020\n"
        "\n"
        "PS C:\\> exit\n");
    CHECK(r.ok);
    CheckNoDiagnostics(r);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020] @8"});
  }
}

TEST_CASE("learned routes: limits on PowerShell text", "[route][powershell]") {
  LearnedRoutesLimits limits;
  limits.max_rows = 2;
  limits.max_line_bytes = 64;
  SECTION("more table rows than the limit: error, the first rows kept (wrapped lines are no rows)") {
    const Result r = Parse(
        "Network     NextHop    Path\n"
        "-------     -------    ----\n"
        "10.1.0.0/16 172.16.0.1 65020\n"
        "                       65021\n"
        "10.2.0.0/16 172.16.0.1 65020\n"
        "10.3.0.0/16 172.16.0.1 65020\n",
        limits);
    CHECK_FALSE(r.ok);
    CHECK(Show(r.routes) == std::vector<std::string>{"10.1.0.0/16 via 172.16.0.1 [65020 65021] @3",
                                                     "10.2.0.0/16 via 172.16.0.1 [65020] @5"});
    CHECK(ShowAll(r.diagnostics) == std::vector<std::string>{"error 6:1 more than 2 rows; the rest of the file is "
                                                             "ignored"});
  }
  SECTION("more list records than the limit") {
    const Result r = Parse("Network : 10.1.0.0/16\n\nNetwork : 10.2.0.0/16\n\nNetwork : 10.3.0.0/16\n", limits);
    CHECK_FALSE(r.ok);
    CHECK(r.routes.routes.size() == 2);
    CHECK(ShowAll(r.diagnostics) == std::vector<std::string>{"error 5:1 more than 2 rows; the rest of the file is "
                                                             "ignored"});
  }
  SECTION("a line over the limit is skipped, in a table and in a list") {
    const std::string long_path(80, '1');
    const Result table = Parse(
        "Network     NextHop    Path\n-------     -------    ----\n10.1.0.0/16 172.16.0.1 " + long_path +
            "\n10.2.0.0/16 172.16.0.1 65020\n",
        limits);
    CHECK(table.ok);
    CHECK(Show(table.routes) == std::vector<std::string>{"10.2.0.0/16 via 172.16.0.1 [65020] @4"});
    CHECK(ShowAll(table.diagnostics) ==
          std::vector<std::string>{"warning 3:1 the line is 103 bytes long, over the 64 byte limit; the line is "
                                   "skipped"});
    const Result list = Parse("Network : 10.1.0.0/16\nPath : " + long_path + "\n", limits);
    CHECK(Show(list.routes) == std::vector<std::string>{"10.1.0.0/16 via  [] @1"});
    CHECK(WarningPlaces(list) == std::vector<std::string>{"2:1"});
  }
  SECTION("long inputs stay linear: one wide row and many wrapped lines") {
    std::string text = "Network     NextHop    Path\n-------     -------    ----\n10.1.0.0/16 172.16.0.1 1\n";
    for (int i = 0; i < 100000; ++i) text += "                       2\n";
    const Result r = Parse(text);
    REQUIRE(r.routes.routes.size() == 1);
    CHECK(r.routes.routes[0].as_path.size() == 200001);
  }
}

TEST_CASE("learned routes: PowerShell-like garbage never throws", "[route][powershell]") {
  const std::vector<std::string> inputs = {
      "Network NextHop\n------- -------\n",
      "Network NextHop\n------- -------",
      "Network NextHop\n------- -------\n\xE2\x80\n   \xE2\x80\xA6\n1.\n",
      "Network NextHop\n------- -------\n                \n        x\n",
      "Network  NextHop\n-------  -------\n:: ::\n...\n\xE2\x80\xA6\n",
      "Network :\n  \n :\n",
      "Network :: ::\n\t\tx\n",
      std::string("\xFF\xFE\x00\xD8", 4),
      std::string("\xFE\xFF\xDC\x00", 4),
      "\xFF\xFE\n",
  };
  for (const std::string& text : inputs) {
    INFO("input: " << text);
    Result r;
    REQUIRE_NOTHROW(r.ok = ParseLearnedRoutes("in.txt", text, &r.routes, &r.diagnostics));
    if (!r.ok) CHECK_FALSE(r.diagnostics.empty());
  }
}

}  // namespace
}  // namespace routelint

// End-to-end tests of findings located in Bicep sources: every output format
// against golden files, stale builds, and `// routelint-ignore` comments.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace routelint::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEstate = "testdata/bicep/lv1-defects";

// A copy of the lv1-defects estate to change, removed at the end.
class EstateCopy {
 public:
  EstateCopy() {
    std::string name = (fs::temp_directory_path() / "routelint-bicep-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    root_ = name;
    fs::copy(kEstate, root_, fs::copy_options::recursive);
  }
  ~EstateCopy() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  std::string path(const std::string& relative = "") const { return relative.empty() ? root_ : root_ + "/" + relative; }
  // Replaces the first `from` in the file with `to`.
  void Edit(const std::string& relative, const std::string& from, const std::string& to) const {
    std::string text = ReadSourceFile(path(relative));
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(path(relative), std::ios::binary | std::ios::trunc) << text;
  }

 private:
  std::string root_;
};

TEST_CASE("bicep: text output points into the .bicep sources (golden)", "[e2e][bicep]") {
  RunResult r = RunRoutelint({"check", kEstate});
  CHECK(r.status == 1);
  CHECK(MatchesGolden("tests/golden/bicep/lv1-defects.txt", r.out));
}

TEST_CASE("bicep: json output points into the .bicep sources (golden)", "[e2e][bicep]") {
  RunResult r = RunRoutelint({"check", "-f", "json", kEstate});
  CHECK(r.status == 1);
  auto document = nlohmann::json::parse(r.out);
  document["tool"].erase("commit");
  CHECK(MatchesGolden("tests/golden/bicep/lv1-defects.json", document.dump(2) + "\n"));
}

TEST_CASE("bicep: sarif output points into the .bicep sources (golden)", "[e2e][bicep]") {
  RunResult r = RunRoutelint({"check", "-f", "sarif", kEstate});
  CHECK(r.status == 1);
  auto document = nlohmann::json::parse(r.out);
  const auto& results = document["runs"][0]["results"];
  REQUIRE(results.size() == 5);
  for (const auto& result : results) {
    const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    CHECK(uri.size() > 6);
    CHECK(uri.substr(uri.size() - 6) == ".bicep");
  }
  document["runs"][0]["tool"]["driver"]["properties"].erase("commit");
  CHECK(MatchesGolden("tests/golden/bicep/lv1-defects.sarif", document.dump(2) + "\n"));
}

TEST_CASE("bicep: github and markdown output point into the .bicep sources (golden)", "[e2e][bicep]") {
  RunResult github = RunRoutelint({"check", "-f", "github", kEstate});
  CHECK(github.status == 1);
  CHECK(MatchesGolden("tests/golden/bicep/lv1-defects.github", github.out));
  RunResult markdown = RunRoutelint({"check", "-f", "markdown", kEstate});
  CHECK(markdown.status == 1);
  CHECK(MatchesGolden("tests/golden/bicep/lv1-defects.md", markdown.out));
}

TEST_CASE("bicep: with the estate loaded, naming a changed .bicep file reports the findings in or through it",
          "[e2e][bicep]") {
  // The hub-link module holds the peering RL003's findings relate to; RL002's
  // findings neither sit in it nor pass through it.
  RunResult r = RunRoutelint({"check", "--estate", kEstate, "-f", "json", std::string(kEstate) + "/modules/hub-link.bicep"});
  CHECK(r.status == 1);
  const auto document = nlohmann::json::parse(r.out);
  REQUIRE(document["findings"].size() == 2);
  for (const auto& f : document["findings"]) CHECK(f["rule"] == "RL003");
  // The entry file names the whole compiled template.
  RunResult main = RunRoutelint({"check", "--estate", kEstate, "-f", "json", std::string(kEstate) + "/main.bicep"});
  CHECK(nlohmann::json::parse(main.out)["findings"].size() == 5);
  // Another estate's file: none of these findings.
  RunResult other = RunRoutelint({"check", "--estate", kEstate, "testdata/bicep-cli/estate.bicep", "--bicep", ""});
  CHECK(other.out.find("RL003") == std::string::npos);
  CHECK(other.out.find("RL002") == std::string::npos);
}

TEST_CASE("bicep: conditional resources and languageVersion 2.0 templates point into their sources", "[e2e][bicep]") {
  // RL023 is about the `if (enableCrossHubRoute)` child route of the hub-link module.
  RunResult conditional = RunRoutelint({"check", "--select", "RL023", "testdata/bicep/lv1-correct"});
  CHECK(conditional.out.rfind("testdata/bicep/lv1-correct/modules/hub-link.bicep:46:1: error: route rt-hub-blue-fw/to-green",
                              0) == 0);
  // Symbolic names: RL001 at the property the parameters file turns off.
  RunResult lv2 = RunRoutelint({"check", "--select", "RL001", "-f", "json", "testdata/bicep/lv2-params"});
  const auto document = nlohmann::json::parse(lv2.out);
  REQUIRE(document["findings"].size() == 2);
  for (const auto& f : document["findings"]) {
    CHECK(f["file"] == "testdata/bicep/lv2-params/modules/hub.bicep");
    CHECK(f["line"] == 40);
    CHECK(f["column"] == 5);
    CHECK(f["related"].back()["file"] == "testdata/bicep/lv2-params/main.json");
  }
  CHECK(document["diagnostics"].empty());
}

TEST_CASE("bicep: a stale source keeps its findings in the compiled template, with one note", "[e2e][bicep]") {
  EstateCopy estate;
  // The spoke module gained a parameter since main.json was built.
  estate.Edit("modules/spoke.bicep", "param spokeName string", "param spokeName string\nparam owner string = 'net'");
  RunResult r = RunRoutelint({"check", "-f", "json", estate.path()});
  CHECK(r.status == 1);
  const auto document = nlohmann::json::parse(r.out);
  int in_json = 0, in_hub = 0;
  for (const auto& f : document["findings"]) {
    const std::string file = f["file"];
    if (f["rule"] == "RL002") in_json += file == estate.path("main.json");
    if (f["rule"] == "RL003") in_hub += file == estate.path("modules/hub.bicep");
  }
  CHECK(in_json == 3);  // the spoke findings stay where they can be trusted
  CHECK(in_hub == 2);   // the hub module still matches its compiled template
  int notes = 0;
  for (const auto& d : document["diagnostics"]) {
    if (d["id"] != "RL906") continue;
    ++notes;
    CHECK(d["file"] == estate.path("modules/spoke.bicep"));
    CHECK(d["message"] == estate.path("modules/spoke.bicep") +
                              " does not match the template compiled from it (its parameters differ): rebuild it with "
                              "`bicep build`; what it declares is reported in the compiled template " +
                              estate.path("main.json"));
  }
  CHECK(notes == 1);
}

TEST_CASE("bicep: routelint-ignore comments suppress the findings on the lines they cover", "[e2e][bicep]") {
  EstateCopy estate;
  // Above the firewall route table's declaration: both hubs' RL003 (one module file).
  estate.Edit("modules/hub.bicep", "resource firewallRouteTable",
              "// routelint-ignore RL003: the hubs are joined by a VPN, not by peering (NET-7)\n"
              "resource firewallRouteTable");
  // Above the spoke tables' routes, without a reason: not applied.
  estate.Edit("modules/spoke.bicep", "    routes: egressViaFirewall",
              "    // routelint-ignore RL002\n    routes: egressViaFirewall");
  // Above a property no finding points at.
  estate.Edit("modules/spoke.bicep", "    addressSpace: {", "    // routelint-ignore RL009: reviewed\n    addressSpace: {");
  RunResult r = RunRoutelint({"check", "-f", "json", estate.path()});
  CHECK(r.status == 1);  // the RL002 findings still count
  const auto document = nlohmann::json::parse(r.out);
  int suppressed = 0, active = 0;
  for (const auto& f : document["findings"]) {
    const bool accepted = f.contains("suppressions") && !f["suppressions"].empty();
    if (f["rule"] == "RL003") {
      CHECK(accepted);
      if (accepted) CHECK(f["suppressions"][0]["justification"] == "the hubs are joined by a VPN, not by peering (NET-7)");
      suppressed += accepted;
    } else {
      active += !accepted;
    }
  }
  CHECK(suppressed == 2);
  CHECK(active == 3);
  std::vector<std::string> problems;
  for (const auto& d : document["diagnostics"]) {
    if (d["id"] == "RL905") problems.push_back(d["file"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) +
                                               " " + d["message"].get<std::string>());
  }
  REQUIRE(problems.size() == 2);
  const std::string spoke = estate.path("modules/spoke.bicep");
  CHECK(problems[0].find(spoke + ":41 routelint-ignore comment is not applied: it needs a reason") == 0);
  CHECK(problems[1].find(spoke + ":") == 0);
  CHECK(problems[1].find("routelint-ignore comment suppresses RL009 but no such finding is reported for the lines it "
                         "covers") != std::string::npos);
}

TEST_CASE("bicep: the quickstart layout (main.bicep, azuredeploy.json) is mapped when the two agree", "[e2e][bicep]") {
  EstateCopy estate;
  fs::rename(estate.path("main.json"), estate.path("azuredeploy.json"));
  fs::rename(estate.path("main.parameters.json"), estate.path("azuredeploy.parameters.json"));
  RunResult r = RunRoutelint({"check", "-f", "json", "--bicep", "", estate.path()});
  CHECK(r.status == 1);
  auto document = nlohmann::json::parse(r.out);
  REQUIRE(document["findings"].size() == 5);
  for (const auto& f : document["findings"]) {
    CHECK(f["file"].get<std::string>().ends_with(".bicep"));
    CHECK(f["related"].back()["file"] == estate.path("azuredeploy.json"));
  }
  CHECK(document["diagnostics"].empty());  // main.bicep is no entry point of its own: no RL902

  // A main.bicep that does not agree is not the source: JSON places, and no RL906 either.
  estate.Edit("main.bicep", "param location string", "param region string = 'westeurope'\nparam location string");
  r = RunRoutelint({"check", "-f", "json", "--bicep", "", estate.path()});
  document = nlohmann::json::parse(r.out);
  REQUIRE(document["findings"].size() == 5);
  for (const auto& f : document["findings"]) CHECK(f["file"] == estate.path("azuredeploy.json"));
  CHECK(document["diagnostics"].empty());
}

TEST_CASE("bicep: a module two entry files share has its routelint-ignore comments read once", "[e2e][bicep]") {
  EstateCopy estate;
  for (const char* ext : {".bicep", ".json", ".parameters.json"}) {
    fs::copy_file(estate.path(std::string("main") + ext), estate.path(std::string("main2") + ext));
  }
  estate.Edit("modules/hub.bicep", "resource firewallRouteTable",
              "// routelint-ignore RL009: no such finding\nresource firewallRouteTable");
  RunResult r = RunRoutelint({"check", "-f", "json", estate.path()});
  const auto document = nlohmann::json::parse(r.out);  // kept: the loop below reads into it
  int unused = 0;
  for (const auto& d : document["diagnostics"]) unused += d["id"] == "RL905";
  CHECK(unused == 1);
}

}  // namespace
}  // namespace routelint::testing

// `check -f html` and `--report html=FILE` end to end: the golden page of
// the example estate (built-in layout, so it does not depend on the Graphviz
// version), exit statuses, and names from templates that hold markup.
// tests/tools/check-html-report.py opens the page in Chromium.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace routelint::testing {
namespace {

// Runs routelint with ROUTELINT_HTML_LAYOUT=builtin: the picture is
// routelint's own, byte-stable wherever the test runs.
RunResult RunWithBuiltinLayout(const std::vector<std::string>& args) {
  setenv("ROUTELINT_HTML_LAYOUT", "builtin", 1);
  RunResult result = RunRoutelint(args);
  unsetenv("ROUTELINT_HTML_LAYOUT");
  return result;
}

// The commit in the tool line changes with every build; the golden file
// holds "(COMMIT)".
std::string WithoutCommit(std::string page) {
  const std::string version = RunRoutelint({"--version"}).out;  // "routelint 0.1.0 (0123abcd)\n"
  const size_t open = version.find(" (");
  if (open == std::string::npos) return page;
  const std::string commit = version.substr(open, version.find(')', open) + 1 - open);
  const size_t at = page.find(commit + "</p>");
  if (at != std::string::npos) page.replace(at, commit.size(), " (COMMIT)");
  return page;
}

std::string TemporaryPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / fmt::format("routelint-html-{}-{}", getpid(), name)).string();
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST_CASE("html output of a Bicep estate shows findings and excerpts in the .bicep sources (golden)", "[e2e][html][bicep]") {
  RunResult r = RunWithBuiltinLayout({"check", "-f", "html", "testdata/bicep/lv1-defects"});
  CHECK(r.status == 1);
  CHECK(MatchesGolden("tests/golden/bicep/lv1-defects.html", WithoutCommit(r.out)));
  CHECK(Occurrences(r.out, "<article class=\"finding") == 5);
  CHECK(r.out.find("testdata/bicep/lv1-defects/modules/spoke.bicep:41:5") != std::string::npos);
  CHECK(r.out.find("routes: egressViaFirewall ? [") != std::string::npos);  // the excerpt is the Bicep source
}

TEST_CASE("html output of the example estate matches its golden file", "[e2e][html]") {
  RunResult r = RunWithBuiltinLayout({"check", "-f", "html", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK(MatchesGolden("tests/golden/report/two-defects.html", WithoutCommit(r.out)));
  CHECK(Occurrences(r.out, "<article class=\"finding") == 2);
  CHECK(r.out.find("<g class=\"node spoke finding finding-error\"") != std::string::npos);  // vnet-spoke2-blue
  CHECK(r.out.find("<option value=\"0\">vnet-hub-blue/AzureFirewallSubnet</option>") != std::string::npos);
}

TEST_CASE("the html report's routes are what the routes command prints", "[e2e][html]") {
  RunResult page = RunWithBuiltinLayout({"check", "-f", "html", "testdata/examples/two-defects"});
  const size_t start = page.out.find("<script type=\"application/json\" id=\"route-data\">");
  REQUIRE(start != std::string::npos);
  const size_t data = page.out.find('>', start) + 1;
  const nlohmann::json tables = nlohmann::json::parse(page.out.substr(data, page.out.find("</script>", data) - data));
  RunResult routes = RunRoutelint({"routes", "-f", "json", "--subnet", "vnet-spoke1-blue/snet-app",
                                   "testdata/examples/two-defects"});
  REQUIRE(routes.status == 0);
  const nlohmann::json expected = nlohmann::json::parse(routes.out);
  bool found = false;
  for (const nlohmann::json& table : tables) found = found || table == expected;
  CHECK(found);
  CHECK(tables.size() + 1 == Occurrences(page.out, "<option value=\""));  // and "(choose a subnet)"
}

TEST_CASE("the report option html=FILE writes the same page as -f html, and the exit status is the run's", "[e2e][html]") {
  const std::string html = TemporaryPath("report.html");
  RunResult r = RunWithBuiltinLayout({"check", "-f", "json", "--report", "html=" + html, "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(nlohmann::json::parse(r.out)["findings"].size() == 2);
  RunResult direct = RunWithBuiltinLayout({"check", "-f", "html", "testdata/examples/two-defects"});
  CHECK(ReadSourceFile(html) == direct.out);
  std::remove(html.c_str());

  RunResult clean = RunWithBuiltinLayout({"check", "-f", "html", "-o", html, "testdata/examples/blue-green"});
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());
  const std::string page = ReadSourceFile(html);
  CHECK(page.find("<p class=\"summary-line\" id=\"summary-line\">no findings in 9 files</p>") != std::string::npos);
  CHECK(page.find("<p class=\"note\">No findings.</p>") != std::string::npos);
  std::remove(html.c_str());

  CHECK(RunRoutelint({"check", "--fail-on", "none", "-f", "html", "-o", html, "testdata/examples/two-defects"}).status == 0);
  std::remove(html.c_str());
}

TEST_CASE("an unusable input exits 2 and the html report lists it as a diagnostic", "[e2e][html]") {
  RunResult r = RunWithBuiltinLayout({"check", "-f", "html", "testdata/bad/truncated.json", "testdata/examples/two-defects"});
  CHECK(r.status == 2);
  CHECK(r.out.find("<tr class=\"diagnostic\"><td><code>testdata/bad/truncated.json:6:1</code></td>") != std::string::npos);
  CHECK(Occurrences(r.out, "<article class=\"finding") == 2);
}

TEST_CASE("bad html report arguments exit 2", "[e2e][html]") {
  RunResult no_file = RunRoutelint({"check", "--report", "html", "testdata/examples/two-defects"});
  CHECK(no_file.status == 2);
  CHECK(no_file.err.find("--report takes FORMAT=FILE with FORMAT text, json, sarif, github, markdown or html") !=
        std::string::npos);
  RunResult unwritable = RunRoutelint({"check", "-f", "html", "-o", "/nonexistent/dir/report.html", "testdata/examples/two-defects"});
  CHECK(unwritable.status == 2);
  CHECK(unwritable.err.find("cannot write /nonexistent/dir/report.html") != std::string::npos);
  CHECK(RunRoutelint({"graph", "-f", "html", "testdata/examples/two-defects"}).status == 2);
}

TEST_CASE("names with markup from templates are escaped in the html report", "[e2e][html]") {
  // The example estate with vnet-spoke2-blue named after an element.
  const std::filesystem::path estate = TemporaryPath("estate");
  std::filesystem::copy(std::string(ROUTELINT_SOURCE_DIR) + "/testdata/examples/two-defects", estate,
                        std::filesystem::copy_options::recursive);
  const std::string hostile = "<script>alert(1)<";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(estate)) {
    if (!entry.is_regular_file()) continue;
    std::string text = ReadSourceFile(entry.path().string());
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"vnet-spoke2-blue", "vnet-spoke2-" + hostile + "-blue"},
             {"\"defaultValue\": \"spoke2\"", "\"defaultValue\": \"spoke2-" + hostile + "\""}}) {
      for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    }
    std::ofstream(entry.path(), std::ios::binary) << text;
  }
  RunResult r = RunWithBuiltinLayout({"check", "-f", "html", estate.string()});
  std::filesystem::remove_all(estate);
  CHECK(r.status == 1);
  CHECK(r.out.find("<script>alert") == std::string::npos);
  CHECK(Occurrences(r.out, "<script") == 2);  // the page's route data and script
  CHECK(r.out.find("vnet-spoke2-&lt;script&gt;alert(1)&lt;-blue") != std::string::npos);
}

}  // namespace
}  // namespace routelint::testing

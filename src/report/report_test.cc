// Golden tests of every output format, over one small report built here, and
// tests of WriteFileAtomically.
//
// The golden files live in tests/golden/report/. To regenerate them after an
// intended change, run the tests with ROUTELINT_UPDATE_GOLDEN=1 and review
// the diff.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/internal.h"
#include "report/report.h"

namespace routelint {
namespace {

std::string GoldenPath(const std::string& name) {
  return std::string(ROUTELINT_SOURCE_DIR) + "/tests/golden/report/" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool UpdatingGolden() {
  const char* value = std::getenv("ROUTELINT_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

void CheckGolden(const std::string& name, const std::string& actual) {
  const std::string path = GoldenPath(name);
  if (UpdatingGolden()) {
    std::string error;
    REQUIRE(WriteFileAtomically(path, actual, &error));
    WARN("updated " << path);
    return;
  }
  INFO("golden file " << path << " (regenerate with ROUTELINT_UPDATE_GOLDEN=1)");
  REQUIRE(std::filesystem::exists(path));
  CHECK(actual == ReadFile(path));
}

RuleInfo Rule(std::string id, std::string name, Severity severity, std::string short_description,
              std::string full_description) {
  RuleInfo rule;
  rule.id = std::move(id);
  rule.name = std::move(name);
  rule.default_severity = severity;
  rule.short_description = std::move(short_description);
  rule.full_description = std::move(full_description);
  rule.help_markdown = "# " + rule.id + " " + rule.name + "\n\n" + rule.full_description +
                       "\n\n## How to fix\n\nSee `routelint rules " + rule.id + "`.\n";
  return rule;
}

RelatedLocation At(std::string file, int line, int column, std::string message) {
  RelatedLocation related;
  related.location = {std::move(file), line, column};
  related.message = std::move(message);
  return related;
}

// Two rules; three findings (one with related locations, one with a 3-hop
// flow, one on a whole file, line 0); one diagnostic. Paths hold a space and
// messages hold the characters each format must escape.
Report SampleReport() {
  Report report;
  report.tool.version = "0.1.0";
  report.tool.commit = "0123456789ab";
  report.rules.push_back(Rule("RL001", "firewall-subnet-propagation-disabled", Severity::kError,
                              "The route table of a firewall subnet disables gateway route propagation.",
                              "The firewall loses the routes learned from on-premises and sends that traffic "
                              "to the Internet."));
  report.rules.push_back(Rule("RL018", "asymmetric-firewall-path", Severity::kError,
                              "The path one way crosses a stateful firewall that the return path skips.",
                              "A stateful firewall drops the replies of flows it has not seen start, so the "
                              "connection fails."));

  const std::string rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/";

  Finding propagation;
  propagation.rule_id = "RL001";
  propagation.rule_name = "firewall-subnet-propagation-disabled";
  propagation.severity = Severity::kError;
  propagation.message =
      "route table 'rt-hub-fw' of subnet 'AzureFirewallSubnet' disables gateway route propagation";
  propagation.location = {"hub/hub.json", 42, 7};
  propagation.resource_type = "Microsoft.Network/routeTables";
  propagation.resource_name = "rt-hub-fw";
  propagation.resource_id = rg + "rg-hub/providers/microsoft.network/routetables/rt-hub-fw";
  propagation.related.push_back(At("hub/hub.json", 88, 11, "subnet 'AzureFirewallSubnet' uses the route table"));
  propagation.related.push_back(At("onprem.json", 0, 0, "the on-premises prefixes [192.168.1.0/24] come from here"));
  propagation.fingerprint = "RL001:" + propagation.resource_id;

  Finding asymmetric;
  asymmetric.rule_id = "RL018";
  asymmetric.rule_name = "asymmetric-firewall-path";
  asymmetric.severity = Severity::kError;
  asymmetric.message =
      "traffic from 'vnet-spoke1/app' to 10.2.1.4 crosses firewall 'fw-blue', the return path skips it";
  asymmetric.location = {"spokes/spoke 1.json", 12, 5};
  asymmetric.resource_type = "Microsoft.Network/virtualNetworks/subnets";
  asymmetric.resource_name = "vnet-spoke1/app";
  asymmetric.resource_id = rg + "rg-spoke1/providers/microsoft.network/virtualnetworks/vnet-spoke1/subnets/app";
  asymmetric.flow.push_back(At("spokes/spoke 1.json", 30, 9, "0.0.0.0/0 via 10.1.0.4 (fw-blue)"));
  asymmetric.flow.push_back(At("hub/hub.json", 120, 13, "10.2.0.0/16 via peering to vnet-hub-green"));
  asymmetric.flow.push_back(At("green/hub.json", 64, 3, "delivered to 10.2.1.4; the reply goes direct"));
  asymmetric.fingerprint = "RL018:" + asymmetric.resource_id + ":10.2.1.4";

  Finding whole_file;
  whole_file.rule_id = "RL018";
  whole_file.rule_name = "asymmetric-firewall-path";
  whole_file.severity = Severity::kWarning;  // lowered by the configuration
  whole_file.message = "50% of the paths to 10.3.0.0/16, e.g. from a,b: skip the firewall";
  whole_file.location = {"spokes/spoke-2.json", 0, 0};
  whole_file.resource_type = "Microsoft.Network/virtualNetworks";
  whole_file.resource_name = "vnet-spoke2";
  whole_file.resource_id = rg + "rg-spoke2/providers/microsoft.network/virtualnetworks/vnet-spoke2";
  whole_file.fingerprint = "RL018:" + whole_file.resource_id;

  report.findings = {propagation, asymmetric, whole_file};
  std::sort(report.findings.begin(), report.findings.end(), FindingLess);

  Diagnostic parse_error;
  parse_error.id = "RL901";
  parse_error.severity = Severity::kError;
  parse_error.location = {"broken.json", 3, 14};
  parse_error.message = "syntax error: unexpected '}'\nexpected a string";
  report.diagnostics = {parse_error};

  report.stats.files = 12;
  report.stats.templates = 9;
  report.stats.parameter_files = 2;
  report.stats.resources = 57;
  return report;
}

TEST_CASE("text output matches the golden file", "[report]") {
  CheckGolden("text.txt", RenderText(SampleReport(), TextOptions{}));
}

TEST_CASE("text output without colour has no escape codes", "[report]") {
  CHECK(RenderText(SampleReport(), TextOptions{}).find('\x1b') == std::string::npos);
}

TEST_CASE("bytes that are not UTF-8 are escaped in text, GitHub and markdown output", "[report]") {
  // A parse error quotes what it read, and a binary file's bytes are no
  // UTF-8: the report must still be valid UTF-8.
  Report report;
  report.stats.files = 1;
  Diagnostic d;
  d.id = "RL901";
  d.severity = Severity::kError;
  d.location = Location{"bad\xff.json", 1, 1};
  d.message = "invalid literal; last read: '\xac\xc3(' in \xe2\x86\x92 100 and caf\xc3\xa9";
  report.diagnostics = {d};
  for (const std::string& out : {RenderText(report, TextOptions{}), RenderGithub(report),
                                 Render(report, OutputFormat::kMarkdown, TextOptions{})}) {
    INFO(out);
    CHECK(out.find("\\xac\\xc3(") != std::string::npos);
    CHECK(out.find("bad\\xff.json") != std::string::npos);
    CHECK(out.find("\xe2\x86\x92 100 and caf\xc3\xa9") != std::string::npos);  // valid UTF-8 stays
    CHECK(out.find('\xac') == std::string::npos);
  }
}

TEST_CASE("coloured text output matches the golden file", "[report]") {
  TextOptions options;
  options.color = true;
  CheckGolden("text-color.txt", RenderText(SampleReport(), options));
}

TEST_CASE("JSON output matches the golden file and parses", "[report]") {
  const std::string out = RenderJson(SampleReport());
  CheckGolden("report.json", out);
  const nlohmann::json doc = nlohmann::json::parse(out);
  CHECK(doc["version"] == 1);
  CHECK(doc["findings"].size() == 3);
  CHECK(doc["summary"]["errors"] == 2);
  CHECK(doc["summary"]["warnings"] == 1);
  CHECK(doc["summary"]["diagnostics"] == 1);
}

TEST_CASE("SARIF output matches the golden file and parses", "[report]") {
  const std::string out = RenderSarif(SampleReport());
  CheckGolden("report.sarif", out);
  const nlohmann::json doc = nlohmann::json::parse(out);
  CHECK(doc["version"] == "2.1.0");
  const nlohmann::json& run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == 2);
  CHECK(run["results"].size() == 3);
  CHECK(run["invocations"][0]["toolExecutionNotifications"].size() == 1);
}

TEST_CASE("GitHub output matches the golden file", "[report]") {
  CheckGolden("github.txt", RenderGithub(SampleReport()));
}

// What the CLI would give the HTML renderer for SampleReport: a picture, one
// subnet's routes, and source lines numbered after their file.
HtmlOptions SampleHtmlOptions() {
  HtmlOptions options;
  options.topology_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>";
  options.topology_note = "Drawn for the test.";
  options.subnet_routes.push_back(
      {"vnet-spoke1/app", R"({"subnet":"vnet-spoke1/app","routeTable":"rt-app","complete":true,"value":[)"
                          R"({"source":"User","state":"Active","addressPrefix":"0.0.0.0/0","nextHopType":"VirtualAppliance",)"
                          R"("nextHopIpAddress":"10.1.0.4","userRouteName":"default","file":"spokes/spoke 1.json","line":30,)"
                          R"("column":9,"origin":""}]})"});
  options.routes_note = "The page holds every subnet.";
  options.source_line = [](const std::string& file, int line, std::string* text) {
    if (line > 130) return false;
    *text = "  \"line\": " + std::to_string(line) + ", \"file\": \"" + file + "\"";
    return true;
  };
  return options;
}

TEST_CASE("HTML output matches the golden file", "[report]") {
  Report report = SampleReport();
  report.findings[0].in_baseline = true;  // a finding of each state
  FindingSuppression suppression;
  suppression.justification = "reviewed <NET-142>";
  suppression.location = {".routelint.toml", 4, 1};
  report.findings[1].suppressions.push_back(suppression);
  const std::string out = RenderHtml(report, SampleHtmlOptions());
  CheckGolden("report.html", out);
  TextOptions options;
  options.html = SampleHtmlOptions();
  CHECK(Render(report, OutputFormat::kHtml, options) == out);
}

TEST_CASE("an empty report renders in every format", "[report]") {
  Report report;
  report.tool.version = "0.1.0";
  report.stats.files = 1;
  CHECK(RenderText(report, TextOptions{}) == "no findings in 1 file\n");
  CHECK(RenderGithub(report) == "no findings in 1 file\n");
  const nlohmann::json json = nlohmann::json::parse(RenderJson(report));
  CHECK(json["findings"].empty());
  CHECK(json["diagnostics"].empty());
  const nlohmann::json sarif = nlohmann::json::parse(RenderSarif(report));
  CHECK(sarif["runs"][0]["results"].empty());
  CHECK(sarif["runs"][0]["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("hostile text cannot break the formats", "[report]") {
  Report report;
  Finding finding;
  finding.rule_id = "RL001";
  finding.message = "bad\x1b[31m\nline\xff";
  finding.location = {"dir/evil,name:\n.json", 1, 1};
  report.findings.push_back(finding);

  const std::string text = RenderText(report, TextOptions{});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("bad\\x1b[31m\\nline") != std::string::npos);

  const std::string github = RenderGithub(report);
  CHECK(github.find("file=dir/evil%2Cname%3A%0A.json,line=1,col=1") != std::string::npos);
  CHECK(github.find("::bad\x1b[31m%0Aline") != std::string::npos);

  // Invalid UTF-8 is replaced, not thrown on.
  CHECK_NOTHROW(nlohmann::json::parse(RenderJson(report)));
  const nlohmann::json sarif = nlohmann::json::parse(RenderSarif(report));
  CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "dir/evil%2Cname%3A%0A.json");
}

TEST_CASE("SARIF artifact URIs are relative to %SRCROOT% or absolute file URIs", "[report]") {
  auto uri_of = [](const std::string& file) {
    Report report;
    Finding finding;
    finding.rule_id = "RL001";
    finding.location = {file, 1, 1};
    report.findings.push_back(finding);
    const nlohmann::json doc = nlohmann::json::parse(RenderSarif(report));
    return doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  };
  CHECK(uri_of("./infra//hub.json")["uri"] == "infra/hub.json");
  CHECK(uri_of("./infra//hub.json")["uriBaseId"] == "%SRCROOT%");
  CHECK(uri_of("infra\\spoke 1.json")["uri"] == "infra/spoke%201.json");
  CHECK(uri_of("h\xc3\xa9.json")["uri"] == "h%C3%A9.json");
  CHECK(uri_of("/abs/hub.json")["uri"] == "file:///abs/hub.json");
  CHECK_FALSE(uri_of("/abs/hub.json").contains("uriBaseId"));
  CHECK(uri_of("C:\\repo\\hub.json")["uri"] == "file:///C:/repo/hub.json");
}

TEST_CASE("output formats parse by name", "[report]") {
  OutputFormat format = OutputFormat::kText;
  CHECK(ParseOutputFormat("sarif", &format));
  CHECK(format == OutputFormat::kSarif);
  CHECK(ParseOutputFormat("github", &format));
  CHECK(format == OutputFormat::kGithub);
  CHECK(ParseOutputFormat("json", &format));
  CHECK(format == OutputFormat::kJson);
  CHECK(ParseOutputFormat("text", &format));
  CHECK(format == OutputFormat::kText);
  CHECK_FALSE(ParseOutputFormat("xml", &format));
  CHECK_FALSE(ParseOutputFormat("SARIF", &format));
  CHECK(format == OutputFormat::kText);
  const Report report = SampleReport();
  CHECK(Render(report, OutputFormat::kSarif, TextOptions{}) == RenderSarif(report));
  CHECK(Render(report, OutputFormat::kGithub, TextOptions{}) == RenderGithub(report));
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "routelint-report-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

size_t FileCount(const std::filesystem::path& dir) {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
  return count;
}

TEST_CASE("WriteFileAtomically writes and replaces a file", "[report]") {
  TempDir dir;
  const std::string path = (dir.path() / "report.sarif").string();
  std::string error;
  REQUIRE(WriteFileAtomically(path, "first\n", &error));
  CHECK(ReadFile(path) == "first\n");
  REQUIRE(WriteFileAtomically(path, "second, longer content\n", &error));
  CHECK(ReadFile(path) == "second, longer content\n");
  REQUIRE(WriteFileAtomically(path, "", &error));
  CHECK(ReadFile(path).empty());
  CHECK(FileCount(dir.path()) == 1);  // no temporary file left behind

  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));  // not mkstemp's 0600
}

TEST_CASE("WriteFileAtomically keeps the mode of the file it replaces", "[report]") {
  TempDir dir;
  const std::string path = (dir.path() / "out.json").string();
  std::string error;
  REQUIRE(WriteFileAtomically(path, "a", &error));
  REQUIRE(::chmod(path.c_str(), 0640) == 0);
  REQUIRE(WriteFileAtomically(path, "b", &error));
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("WriteFileAtomically writes into the current directory", "[report]") {
  TempDir dir;
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  std::string error;
  const bool ok = WriteFileAtomically("plain.txt", "x", &error);
  std::filesystem::current_path(previous);
  CHECK(ok);
  CHECK(ReadFile((dir.path() / "plain.txt").string()) == "x");
}

TEST_CASE("WriteFileAtomically fails cleanly into a missing directory", "[report]") {
  TempDir dir;
  const std::string path = (dir.path() / "missing" / "report.sarif").string();
  std::string error;
  CHECK_FALSE(WriteFileAtomically(path, "content", &error));
  CHECK(error.find(path) != std::string::npos);
  CHECK(error.find("No such file or directory") != std::string::npos);
  CHECK(FileCount(dir.path()) == 0);
}

TEST_CASE("WriteFileAtomically fails cleanly onto a directory", "[report]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "taken");
  std::string error;
  CHECK_FALSE(WriteFileAtomically((dir.path() / "taken").string(), "content", &error));
  CHECK_FALSE(error.empty());
  CHECK(FileCount(dir.path()) == 1);  // the temporary file was removed
  CHECK(std::filesystem::is_directory(dir.path() / "taken"));
  CHECK_FALSE(WriteFileAtomically(dir.path().string() + "/", "content", &error));
  CHECK_FALSE(WriteFileAtomically("", "content", &error));
}

}  // namespace
}  // namespace routelint

namespace routelint {
namespace {

TEST_CASE("DumpWithItems writes, piece by piece, what dump(2) writes of the whole document", "[report]") {
  using Json = nlohmann::ordered_json;
  auto item = [](size_t i) {
    Json finding = Json::object();
    finding["rule"] = "RL00" + std::to_string(i);
    finding["flow"] = Json::array({Json::object({{"line", i}, {"message", "a\nb"}}), Json::array()});
    finding["related"] = Json::array();
    finding["bad utf-8"] = std::string("\xff");
    return finding;
  };
  for (size_t count : {0, 1, 3, 2000}) {
    // The user's text (a diagnostic) holds the placeholder DumpWithItems tries first.
    Json doc = Json::object();
    doc["version"] = 1;
    doc["runs"] = Json::array({Json::object({{"notes", Json::array({"\x01routelint:items:0\x01"})}, {"results", Json::array()}, {"after", true}})});
    Json whole = doc;
    for (size_t i = 0; i < count; ++i) whole["runs"][0]["results"].push_back(item(i));
    INFO(count);
    std::string text;
    size_t largest_piece = 0;
    report_internal::DumpWithItems(doc, Json::json_pointer("/runs/0/results"), count, item, [&](std::string_view piece) {
      text += piece;
      largest_piece = std::max(largest_piece, piece.size());
    });
    CHECK(text == whole.dump(2, ' ', false, Json::error_handler_t::replace));
    // Written as it is made: no piece is the whole text.
    if (count == 2000) CHECK(largest_piece < text.size() / 4);
  }
}

}  // namespace
}  // namespace routelint

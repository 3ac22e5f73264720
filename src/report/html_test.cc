// The HTML report's escaping and the parts of the page the golden file does
// not make obvious: hostile names, source excerpts, the rule's fix, accepted
// findings. (tests/golden/report/report.html pins the whole page.)
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>

#include "report/html.h"
#include "report/report.h"

namespace routelint {
namespace {

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

Finding SimpleFinding(std::string rule_id, Severity severity, Location location) {
  Finding finding;
  finding.rule_id = std::move(rule_id);
  finding.rule_name = "some-rule";
  finding.severity = severity;
  finding.message = "something is wrong";
  finding.location = std::move(location);
  return finding;
}

// Lines "line N" of any file, up to 200.
bool NumberedLines(const std::string&, int line, std::string* text) {
  if (line > 200) return false;
  *text = fmt::format("line {}", line);
  return true;
}

TEST_CASE("EscapeHtml turns markup characters into entities and control bytes into visible escapes", "[report][html]") {
  CHECK(EscapeHtml("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(EscapeHtml("a\nb\x1b[31m\tc") == "a\\nb\\x1b[31m\tc");
  CHECK(EscapeHtml("caf\xc3\xa9 \xff") == "caf\xc3\xa9 \\xff");  // valid UTF-8 stays, a stray byte does not
  CHECK(EscapeHtml("") == "");
}

TEST_CASE("JSON for a script element cannot close it and still parses to the same value", "[report][html]") {
  const nlohmann::json value = {{"name", "</script><script>alert(1)</script> & <!-- \u2028"}};
  const std::string safe = JsonForScriptElement(value.dump());
  CHECK(safe.find('<') == std::string::npos);
  CHECK(safe.find('>') == std::string::npos);
  CHECK(safe.find('&') == std::string::npos);
  CHECK(safe.find("\u2028") == std::string::npos);
  CHECK(nlohmann::json::parse(safe) == value);
}

TEST_CASE("HTML report: names, messages and paths from templates are text, never markup", "[report][html]") {
  Report report;
  report.stats.files = 1;
  Finding finding = SimpleFinding("RL002", Severity::kError, {"dir/<img src=x onerror=alert(1)>.json", 3, 2});
  finding.resource_name = "vnet-<script>alert(1)</script>";
  finding.message = "subnet <b>x</b> of \"vnet\" has no route table";
  RelatedLocation related;
  related.location = {"hub'.json", 1, 1};
  related.message = "firewall <script>";
  finding.related.push_back(related);
  report.findings.push_back(finding);
  Diagnostic diagnostic;
  diagnostic.id = "RL901";
  diagnostic.location = {"<x>.json", 1, 1};
  diagnostic.message = "unexpected '<'";
  report.diagnostics.push_back(diagnostic);
  HtmlOptions options;
  options.subnet_routes.push_back({"vnet-<script>/app", R"({"subnet":"</script><script>alert(1)</script>","value":[]})"});
  options.source_line = [](const std::string&, int, std::string* text) {
    *text = "\"name\": \"<script>alert(1)</script>\"";
    return true;
  };
  const std::string page = RenderHtml(report, options);
  CHECK(Occurrences(page, "<script") == 2);  // the route data and the page's script
  CHECK(Occurrences(page, "</script>") == 2);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("<b>x</b>") == std::string::npos);
  CHECK(page.find("vnet-&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("dir/&lt;img src=x onerror=alert(1)&gt;.json:3:2") != std::string::npos);
  CHECK(page.find("<option value=\"0\">vnet-&lt;script&gt;/app</option>") != std::string::npos);
}

TEST_CASE("HTML report: the excerpt shows lines around the finding with its line marked and a caret", "[report][html]") {
  Report report;
  report.findings.push_back(SimpleFinding("RL001", Severity::kError, {"hub.json", 10, 4}));
  HtmlOptions options;
  options.source_line = NumberedLines;
  const std::string page = RenderHtml(report, options);
  CHECK(page.find("<span class=\"ln\"> 8 | </span>line 8\n") != std::string::npos);
  CHECK(page.find("<mark><span class=\"ln\">10 | </span>line 10</mark>\n") != std::string::npos);
  CHECK(page.find("<span class=\"ln\">12 | </span>line 12</pre>") != std::string::npos);
  CHECK(page.find("line 13") == std::string::npos);
  // "10 | " is 5 wide, then 3 columns before column 4.
  CHECK(page.find("</mark>\n        <span class=\"caret\">^</span>\n") != std::string::npos);

  // No source reader, or a finding on a whole file: no excerpt.
  CHECK(RenderHtml(report, HtmlOptions{}).find("class=\"excerpt\"") == std::string::npos);
  report.findings[0].location.line = 0;
  CHECK(RenderHtml(report, options).find("class=\"excerpt\"") == std::string::npos);
}

TEST_CASE("HTML report: a long line is shown around its column, with ellipses", "[report][html]") {
  Report report;
  report.findings.push_back(SimpleFinding("RL001", Severity::kError, {"minified.json", 1, 5000}));
  HtmlOptions options;
  options.source_line = [](const std::string&, int line, std::string* text) {
    if (line != 1) return false;
    *text = std::string(4999, 'a') + "X" + std::string(5000, 'b');
    return true;
  };
  const std::string page = RenderHtml(report, options);
  // 160 columns from a third of that before the X; "1 | " and "…" before
  // them, so the caret is 4 + 1 + 53 columns in.
  CHECK(page.find("<mark><span class=\"ln\">1 | </span>\u2026" + std::string(53, 'a') + "X" + std::string(106, 'b') +
                  "\u2026</mark>\n" + std::string(58, ' ') + "<span class=\"caret\">^</span></pre>") != std::string::npos);
}

TEST_CASE("HTML report: a rule's How to fix section is shown once, with code and lists", "[report][html]") {
  Report report;
  RuleInfo rule;
  rule.id = "RL001";
  rule.name = "firewall-subnet-propagation-disabled";
  rule.short_description = "The firewall subnet's route table disables propagation.";
  rule.help_markdown = "# RL001\n\n## What it flags\n\nSomething.\n\n## How to fix\n\n- Set `disableBgpRoutePropagation` to\n"
                       "  `false` on the **route table**.\n- Or leave it out.\n\nThen check the routes.\n\n## References\n\nx\n";
  rule.help_uri = "https://example.com/RL001.md";
  report.rules.push_back(rule);
  report.findings.push_back(SimpleFinding("RL001", Severity::kError, {"a.json", 1, 1}));
  report.findings.push_back(SimpleFinding("RL001", Severity::kError, {"b.json", 1, 1}));
  const std::string page = RenderHtml(report, HtmlOptions{});
  CHECK(Occurrences(page, "<h4>How to fix</h4>") == 1);
  CHECK(page.find("<ul>\n<li>Set <code>disableBgpRoutePropagation</code> to <code>false</code> on the "
                  "<strong>route table</strong>.</li>\n<li>Or leave it out.</li>\n</ul>\n<p>Then check the routes.</p>") !=
        std::string::npos);
  CHECK(page.find("Something.") == std::string::npos);
  CHECK(Occurrences(page, "<a href=\"#rule-RL001\">how to fix RL001</a>") == 2);
  CHECK(page.find("<a href=\"https://example.com/RL001.md\">") != std::string::npos);
}

TEST_CASE("HTML report: suppressed and baselined findings are shown as such and counted by the state filter", "[report][html]") {
  Report report;
  Finding counted = SimpleFinding("RL002", Severity::kError, {"a.json", 1, 1});
  Finding suppressed = SimpleFinding("RL002", Severity::kWarning, {"b.json", 1, 1});
  FindingSuppression why;
  why.kind = FindingSuppression::Kind::kInSource;
  why.justification = "lab spoke";
  suppressed.suppressions.push_back(why);
  Finding known = SimpleFinding("RL004", Severity::kNote, {"c.json", 1, 1});
  known.in_baseline = true;
  report.findings = {counted, suppressed, known};
  const std::string page = RenderHtml(report, HtmlOptions{});
  CHECK(page.find("data-severity=\"error\" data-rule=\"RL002\" data-state=\"active\"") != std::string::npos);
  CHECK(page.find("data-severity=\"warning\" data-rule=\"RL002\" data-state=\"suppressed\"") != std::string::npos);
  CHECK(page.find("data-severity=\"note\" data-rule=\"RL004\" data-state=\"baseline\"") != std::string::npos);
  CHECK(page.find("Suppressed (template metadata): lab spoke") != std::string::npos);
  CHECK(page.find("In the baseline") != std::string::npos);
  CHECK(page.find("value=\"suppressed\" checked> suppressed <span class=\"n\">(1)</span>") != std::string::npos);
  CHECK(page.find("value=\"RL002\" checked> RL002 some-rule <span class=\"n\">(2)</span>") != std::string::npos);
  CHECK(page.find("<span id=\"visible-count\">3</span> of <span id=\"total-count\">3</span>") != std::string::npos);
}

TEST_CASE("HTML report: nothing is fetched when it is viewed", "[report][html]") {
  Report report;
  report.findings.push_back(SimpleFinding("RL001", Severity::kError, {"a.json", 1, 1}));
  const std::string page = RenderHtml(report, HtmlOptions{});
  CHECK(page.find("default-src 'none'") != std::string::npos);
  CHECK(page.find("<script src") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
  CHECK(page == RenderHtml(report, HtmlOptions{}));  // deterministic
}

}  // namespace
}  // namespace routelint

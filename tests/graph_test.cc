// `routelint graph` and the pull-request summary: golden DOT, Mermaid and
// Markdown, and the DOT rendered by the real Graphviz.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <string>

#include "test_support.h"

namespace routelint::testing {
namespace {

// Runs a shell command from the source directory; its stdout, and the status.
std::string Shell(const std::string& command, int* status) {
  FILE* pipe = popen(("cd " + std::string(ROUTELINT_SOURCE_DIR) + " && " + command).c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
  *status = pclose(pipe);
  return out;
}

TEST_CASE("graph draws the estate as DOT with findings coloured (golden)", "[e2e][graph]") {
  RunResult r = RunRoutelint({"graph", "testdata/examples/two-defects"});
  CHECK(r.status == 0);
  CHECK(MatchesGolden("tests/golden/graph/two-defects.dot", r.out));
  // The two resources with findings, and nothing else, carry the error colour.
  CHECK(r.out.find("v2 [label=\"vnet-spoke2-blue\\n10.1.8.0/22\", shape=box, style=\"rounded,filled\", color=\"#d62728\"") !=
        std::string::npos);
  size_t coloured = 0;
  for (size_t at = 0; (at = r.out.find("color=\"#d62728\", fillcolor", at)) != std::string::npos; ++at) ++coloured;
  CHECK(coloured == 2);
}

TEST_CASE("graph output renders with Graphviz", "[e2e][graph]") {
  const std::string dot_file = "/tmp/routelint-graph-" + std::to_string(getpid()) + ".dot";
  RunResult r = RunRoutelint({"graph", "-o", dot_file, "testdata/examples/blue-green"});
  REQUIRE(r.status == 0);
  int status = 0;
  const std::string svg = Shell("dot -Tsvg " + dot_file, &status);
  REQUIRE(status == 0);  // Graphviz (Debian graphviz) must accept what routelint writes
  CHECK(svg.find("<svg") != std::string::npos);
  for (const char* vnet : {"vnet-hub-blue", "vnet-hub-green", "vnet-spoke1-blue", "vnet-spoke4-green", "fw-blue",
                           "vgw-hub-green", "lng-onprem"}) {
    INFO(vnet);
    // Graphviz writes '-' as "&#45;" in SVG text.
    std::string text;
    for (const char* c = vnet; *c != '\0'; ++c) text += *c == '-' ? std::string("&#45;") : std::string(1, *c);
    CHECK(svg.find(">" + text + "</text>") != std::string::npos);
  }
  CHECK(svg.find("cluster_d0") != std::string::npos);  // deployments are clusters
  CHECK(svg.find("#d62728") == std::string::npos);     // a correct estate has nothing red
  const std::string png = Shell("dot -Tpng " + dot_file + " | head -c 8 | od -An -c", &status);
  CHECK(png.find("P   N   G") != std::string::npos);
  std::remove(dot_file.c_str());
}

TEST_CASE("graph draws Mermaid too (golden)", "[e2e][graph]") {
  RunResult r = RunRoutelint({"graph", "-f", "mermaid", "testdata/examples/two-defects"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("flowchart LR\n", 0) == 0);
  CHECK(MatchesGolden("tests/golden/graph/two-defects.mmd", r.out));
}

TEST_CASE("the markdown summary groups findings by file and draws the affected topology (golden)", "[e2e][graph]") {
  RunResult r = RunRoutelint({"check", "-f", "markdown", "testdata/examples/two-defects"});
  CHECK(r.status == 1);
  CHECK(MatchesGolden("tests/golden/e2e/two-defects.md", r.out));
  CHECK(r.out.find("#### `testdata/examples/two-defects/blue/spoke2.json`") != std::string::npos);
  CHECK(r.out.find("```mermaid\nflowchart LR\n") != std::string::npos);
  // A clean estate: counts, no diagram.
  RunResult clean = RunRoutelint({"check", "-f", "markdown", "testdata/examples/blue-green"});
  CHECK(clean.status == 0);
  CHECK(clean.out.find("```mermaid") == std::string::npos);
  CHECK(clean.out.rfind("### routelint: no findings in 9 files\n", 0) == 0);
}

TEST_CASE("the PR summary draws only the affected part of the estate", "[e2e][graph]") {
  // two-defects: vnet-spoke2-blue and vnet-hub-green carry findings; spoke1-blue does not.
  RunResult all = RunRoutelint({"graph", "-f", "mermaid", "testdata/examples/two-defects"});
  RunResult summary = RunRoutelint({"check", "-f", "markdown", "testdata/examples/two-defects"});
  const std::string diagram = summary.out.substr(summary.out.find("```mermaid"));
  CHECK(all.out.find("vnet-spoke1-blue") != std::string::npos);
  CHECK(all.out.find("more spoke") == std::string::npos);
  CHECK(diagram.find("vnet-spoke2-blue") != std::string::npos);
  CHECK(diagram.find("vnet-spoke1-blue") == std::string::npos);
  CHECK(diagram.find("1 more spoke without findings") != std::string::npos);
}

TEST_CASE("graph rejects formats it does not draw", "[e2e][graph]") {
  RunResult r = RunRoutelint({"graph", "-f", "png", "testdata/examples/blue-green"});
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown format 'png' (dot, mermaid)") != std::string::npos);
}

}  // namespace
}  // namespace routelint::testing

#include "cli/app.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cli/config.h"
#include "cli/html_report.h"
#include "cli/lint.h"
#include "cli/route_commands.h"
#include "cli/source_lines.h"
#include "graph/topology_graph.h"
#include "parse/json_loader.h"
#include "policy/baseline.h"
#include "rules/rule.h"
#include "expand/value.h"
#include "version.h"

namespace routelint {
namespace {

constexpr std::string_view kUsage = R"(usage: routelint [check] [options] [PATH...]
       routelint routes --subnet VNET/SUBNET [options] [PATH...]
       routelint trace --from VNET/SUBNET --to IP [options] [PATH...]
       routelint graph [-f dot|mermaid] [options] [PATH...]
       routelint rules [ID|NAME]
       routelint --version | --help

Lints Azure hub-and-spoke networks written as ARM templates (compiled Bicep
included): builds the routing model Azure computes for every subnet and
reports routing mistakes with file:line locations.

Commands:
  check            lint the templates under PATH... (default: .); the default command
  routes           the effective routes of a subnet, as the portal shows them
                   (-f text|json|csv), with where each user route is defined
  trace            the path of a packet from a subnet to an IP, hop by hop, and
                   back (-f text|json)
  graph            draw the estate: deployments, hubs, spokes, firewalls,
                   gateways, on-premises and circuits, peerings with their flags,
                   resources with findings coloured (-f dot (default) | mermaid)
  rules [ID|NAME]  list the rule catalogue (-f text|json|markdown), or print one
                   rule's documentation

Options for check:
  -f, --format FORMAT       text (default), json, sarif, github, markdown (a
                            pull-request summary with a Mermaid diagram), html
                            (one self-contained page: findings with source and
                            fixes, filters, topology, effective routes)
  -o, --output FILE         write the report to FILE (atomically) instead of stdout
      --report FORMAT=FILE  also write the same run's report in FORMAT to FILE
                            (repeatable; e.g. --report sarif=routelint.sarif)
  -c, --config FILE         configuration (default: the nearest .routelint.toml
                            from the current directory upwards)
  -p, --parameters FILE     an ARM parameters file (repeatable); x.parameters.json
                            pairs with x.json without this option
      --fail-on LEVEL       error | warning (default) | note | none: the lowest
                            finding severity that makes the exit status 1
      --select IDS          only these rules (comma-separated ids, names or globs)
      --ignore IDS          skip these rules
  -j, --jobs N              files parsed and evaluated in parallel (default: cores)
      --strict              values unknown before deployment (RL900) fail the run
      --estate PATH         also load PATH (repeatable) so the rules see the whole
                            estate, but report findings only for the PATHs named
                            (pre-commit passes the changed files; default from
                            [estate] paths)
      --baseline FILE       findings recorded in FILE are reported as known and do
                            not fail the run; new ones do
      --write-baseline FILE record today's findings (not the suppressed ones) in
                            FILE and exit 0 unless an input is unusable
  -q, --quiet               only the problems: no summary line, no notes about
                            values unknown before deployment
      --show-source         (text) show each problem's source line with a caret
  -v, --verbose             say on stderr which files were skipped and why, and
                            how long each stage took
      --link-map PREFIX=DIR linked templates whose URI starts with PREFIX are read
                            from DIR (repeatable); relativePath links need nothing
      --bicep PATH          the Bicep CLI for *.bicep inputs (default: bicep on PATH)
      --bgp-routes FILE     routes learned from on-premises (ExpressRoute route table
                            as the portal downloads it, CSV, or as `az network
                            express-route list-route-tables` prints it, JSON)
      --subnet VNET/SUBNET  (routes) the subnet
      --from VNET/SUBNET    (trace) where the packet starts
      --to IP               (trace) where it is going
      --color WHEN          auto (default), always, never; NO_COLOR is honoured
  -h, --help                this help
  -V, --version             version and commit

Exit status: 0 no finding at or above --fail-on; 1 some finding is; 2 the
command line is wrong or an input could not be read or parsed (the findings
for the other inputs are still reported).
)";

struct CommandLine {
  enum class Command { kCheck, kRules, kRoutes, kTrace, kGraph, kHelp, kVersion } command = Command::kCheck;
  LintOptions lint;
  OutputFormat format = OutputFormat::kText;
  std::string output_file;
  std::optional<Severity> fail_on = Severity::kWarning;  // nullopt = never fail on findings
  std::string color = "auto";
  bool strict = false;
  bool verbose = false;
  bool quiet = false;
  bool show_source = false;
  std::string rule_query;
  std::string format_name = "text";
  std::string subnet, from, to;
  std::string config;
  std::string write_baseline;
  std::vector<std::pair<OutputFormat, std::string>> extra_reports;  // --report FORMAT=FILE
};

void SplitList(std::string_view text, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (!item.empty()) out->emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

bool Parse(int argc, const char* const* argv, CommandLine* cl, std::string* error) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  size_t i = 0;
  if (i < args.size()) {
    if (args[i] == "check") cl->command = CommandLine::Command::kCheck, ++i;
    else if (args[i] == "rules") cl->command = CommandLine::Command::kRules, ++i;
    else if (args[i] == "routes") cl->command = CommandLine::Command::kRoutes, ++i;
    else if (args[i] == "trace") cl->command = CommandLine::Command::kTrace, ++i;
    else if (args[i] == "graph") cl->command = CommandLine::Command::kGraph, cl->format_name = "dot", ++i;
  }
  cl->lint.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool only_paths = false;
  for (; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string_view value;
    bool has_inline_value = false;
    if (!only_paths && arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
        std::string_view("jfopc").find(arg[1]) != std::string_view::npos) {
      // Short options with their value attached: -j2, -fjson.
      value = arg.substr(2);
      arg = arg.substr(0, 2);
      has_inline_value = true;
    } else if (!only_paths && arg.rfind("--", 0) == 0) {
      if (size_t eq = arg.find('='); eq != std::string_view::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline_value = true;
      }
    }
    auto take = [&](std::string_view* out) {
      if (has_inline_value) {
        *out = value;
        return true;
      }
      if (i + 1 >= args.size()) {
        *error = fmt::format("option {} needs a value", arg);
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string_view v;
    if (only_paths || arg.empty() || arg[0] != '-' || arg == "-") {
      if (cl->command == CommandLine::Command::kRules) {
        cl->rule_query = std::string(arg);
      } else {
        cl->lint.paths.emplace_back(arg);
      }
    } else if (arg == "--") {
      only_paths = true;
    } else if (arg == "-h" || arg == "--help") {
      cl->command = CommandLine::Command::kHelp;
    } else if (arg == "-V" || arg == "--version") {
      cl->command = CommandLine::Command::kVersion;
    } else if (arg == "-f" || arg == "--format") {
      if (!take(&v)) return false;
      cl->format_name = std::string(v);
      const bool route_command = cl->command == CommandLine::Command::kRoutes || cl->command == CommandLine::Command::kTrace;
      if (cl->command == CommandLine::Command::kGraph) {
        if (v != "dot" && v != "mermaid") {
          *error = fmt::format("unknown format '{}' (dot, mermaid)", v);
          return false;
        }
      } else if (cl->command == CommandLine::Command::kRules) {
        if (v != "text" && v != "json" && v != "markdown") {
          *error = fmt::format("unknown format '{}' (text, json, markdown)", v);
          return false;
        }
      } else if (route_command) {
        if (v != "text" && v != "json" && (v != "csv" || cl->command != CommandLine::Command::kRoutes)) {
          *error = fmt::format("unknown format '{}' ({})", v,
                               cl->command == CommandLine::Command::kRoutes ? "text, json, csv" : "text, json");
          return false;
        }
      } else if (!ParseOutputFormat(v, &cl->format)) {
        *error = fmt::format("unknown format '{}' (text, json, sarif, github, markdown, html)", v);
        return false;
      }
    } else if (arg == "--subnet" || arg == "--from" || arg == "--to" || arg == "--bgp-routes") {
      if (!take(&v)) return false;
      (arg == "--subnet" ? cl->subnet : arg == "--from" ? cl->from : arg == "--to" ? cl->to : cl->lint.bgp_routes) = std::string(v);
    } else if (arg == "-c" || arg == "--config") {
      if (!take(&v)) return false;
      cl->config = std::string(v);
    } else if (arg == "-o" || arg == "--output") {
      if (!take(&v)) return false;
      cl->output_file = std::string(v);
    } else if (arg == "-p" || arg == "--parameters") {
      if (!take(&v)) return false;
      cl->lint.parameters.emplace_back(v);
    } else if (arg == "--fail-on") {
      if (!take(&v)) return false;
      Severity s;
      if (v == "none") {
        cl->fail_on.reset();
      } else if (ParseSeverity(v, &s)) {
        cl->fail_on = s;
      } else {
        *error = fmt::format("--fail-on takes error, warning, note or none, not '{}'", v);
        return false;
      }
    } else if (arg == "--select" || arg == "--ignore") {
      if (!take(&v)) return false;
      SplitList(v, arg == "--select" ? &cl->lint.select : &cl->lint.ignore);
    } else if (arg == "-j" || arg == "--jobs") {
      if (!take(&v)) return false;
      char* end = nullptr;
      const std::string text(v);
      const long jobs = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || jobs < 1 || jobs > 256) {
        *error = fmt::format("--jobs takes a number from 1 to 256, not '{}'", v);
        return false;
      }
      cl->lint.jobs = static_cast<int>(jobs);
    } else if (arg == "-v" || arg == "--verbose") {
      cl->verbose = true;
    } else if (arg == "-q" || arg == "--quiet") {
      cl->quiet = true;
    } else if (arg == "--show-source") {
      cl->show_source = true;
    } else if (arg == "--strict") {
      cl->strict = true;
    } else if (arg == "--link-map") {
      if (!take(&v)) return false;
      const size_t eq = v.find('=');
      if (eq == std::string_view::npos || eq == 0 || eq + 1 == v.size()) {
        *error = fmt::format("--link-map takes PREFIX=DIR, not '{}'", v);
        return false;
      }
      cl->lint.link_map.emplace_back(std::string(v.substr(0, eq)), std::string(v.substr(eq + 1)));
    } else if (arg == "--report") {
      if (!take(&v)) return false;
      const size_t eq = v.find('=');
      OutputFormat format;
      if (eq == std::string_view::npos || eq + 1 == v.size() || !ParseOutputFormat(v.substr(0, eq), &format)) {
        *error = fmt::format("--report takes FORMAT=FILE with FORMAT text, json, sarif, github, markdown or html, not '{}'", v);
        return false;
      }
      cl->extra_reports.emplace_back(format, std::string(v.substr(eq + 1)));
    } else if (arg == "--estate") {
      if (!take(&v)) return false;
      cl->lint.estate_paths.emplace_back(v);
    } else if (arg == "--baseline" || arg == "--write-baseline") {
      if (!take(&v)) return false;
      (arg == "--baseline" ? cl->lint.baseline : cl->write_baseline) = std::string(v);
    } else if (arg == "--bicep") {
      if (!take(&v)) return false;
      cl->lint.bicep = std::string(v);
    } else if (arg == "--color") {
      if (!take(&v)) return false;
      if (v != "auto" && v != "always" && v != "never") {
        *error = fmt::format("--color takes auto, always or never, not '{}'", v);
        return false;
      }
      cl->color = std::string(v);
    } else {
      *error = fmt::format("unknown option '{}'", arg);
      return false;
    }
  }
  return true;
}

// `routelint rules RL902`: the diagnostics (RL900-RL906) are no rules, but
// those with a page in rules/ are explained the same way.
int PrintDiagnosticPage(const CommandLine& cl, std::FILE* out, std::FILE* err) {
  std::string id = cl.rule_query;
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const std::string_view page = RulePage(id);
  if (page.empty()) {
    fmt::print(err, "routelint: no rule '{}' (see `routelint rules`)\n", cl.rule_query);
    return 2;
  }
  if (cl.format_name == "json") {
    nlohmann::ordered_json pages = nlohmann::ordered_json::array();
    pages.push_back({{"id", id}, {"page", std::string(page)}});
    fmt::print(out, "{}\n", pages.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  } else {
    fmt::print(out, "{}", page);
  }
  return 0;
}

int RunRules(const CommandLine& cl, std::FILE* out, std::FILE* err) {
  std::vector<RuleInfo> catalogue = RuleCatalogue(cl.lint.custom_rules);
  if (!cl.rule_query.empty()) {
    std::erase_if(catalogue, [&](const RuleInfo& rule) {
      return !EqualsIgnoreCase(rule.id, cl.rule_query) && rule.name != cl.rule_query;
    });
    if (catalogue.empty()) return PrintDiagnosticPage(cl, out, err);
  }
  if (cl.format_name == "json") {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const RuleInfo& rule : catalogue) {
      rules.push_back({{"id", rule.id},
                       {"name", rule.name},
                       {"severity", std::string(SeverityName(rule.default_severity))},
                       {"summary", rule.short_description},
                       {"page", rule.help_markdown}});
    }
    fmt::print(out, "{}\n", rules.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    return 0;
  }
  if (!cl.rule_query.empty()) {
    const RuleInfo& rule = catalogue.front();
    fmt::print(out, "{}", rule.help_markdown.empty() ? rule.short_description + "\n" : rule.help_markdown);
    return 0;
  }
  if (cl.format_name == "markdown") {
    fmt::print(out, "| id | name | severity | what it flags |\n|---|---|---|---|\n");
    for (const RuleInfo& rule : catalogue) {
      fmt::print(out, "| {} | [{}](rules/{}-{}.md) | {} | {} |\n", rule.id, rule.name, rule.id, rule.name,
                 SeverityName(rule.default_severity), rule.short_description);
    }
    return 0;
  }
  for (const RuleInfo& rule : catalogue) {
    fmt::print(out, "{}  {:<40} {:<8} {}\n", rule.id, rule.name, SeverityName(rule.default_severity),
               rule.short_description);
  }
  return 0;
}

bool UseColor(const CommandLine& cl, std::FILE* out) {
  if (cl.color == "always") return true;
  if (cl.color == "never" || !cl.output_file.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(out)) != 0;
}

// 2 when an input could not be used (unreadable, unparsable, evaluation
// stopped), 1 when a finding reaches --fail-on (or, with --strict, a value
// stayed unknown), else 0.
int ExitStatus(const Report& report, const std::optional<Severity>& fail_on, bool strict) {
  bool failing = false;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.id == "RL900") {
      failing = failing || strict;
    } else if (d.severity == Severity::kError) {
      return 2;
    }
  }
  if (fail_on) {
    for (const Finding& f : report.findings) failing = failing || (IsActive(f) && f.severity >= *fail_on);
  }
  return failing ? 1 : 0;
}

// "routelint: 1200/5000 files" on stderr while a large run parses, when
// stderr is a terminal; rewritten in place, cleared at the end.
class ProgressLine {
 public:
  explicit ProgressLine(std::FILE* err) : err_(err), wanted_(isatty(fileno(err)) != 0) {}
  bool wanted() const { return wanted_; }
  void Update(size_t done, size_t total) {
    if (total < 200) return;  // small runs finish before anyone could read it
    std::lock_guard<std::mutex> lock(mutex_);
    if (done != total && done % 50 != 0) return;
    fmt::print(err_, "\rroutelint: {}/{} files", done, total);
    std::fflush(err_);
    shown_ = true;
  }
  void Clear() {
    if (shown_) fmt::print(err_, "\r\x1b[K");
  }

 private:
  std::FILE* err_;
  bool wanted_;
  bool shown_ = false;
  std::mutex mutex_;
};

// The PR summary's Mermaid diagram: the part of the estate with findings
// that count; "" when there are none.
std::string AffectedTopology(const LintOutput& result) {
  const std::vector<Finding>& findings = result.report.findings;
  if (std::none_of(findings.begin(), findings.end(), IsActive)) return "";
  return RenderMermaid(BuildTopologyGraph(result.model, findings, GraphOptions{/*only_affected=*/true}));
}

// True when the run writes a report in `format` (-f or --report): the parts
// only that format shows are computed then alone.
bool Wants(const CommandLine& cl, OutputFormat format) {
  return cl.format == format || std::any_of(cl.extra_reports.begin(), cl.extra_reports.end(),
                                            [format](const auto& report) { return report.first == format; });
}

// Writes the report (or a picture) to -o FILE atomically, or to stdout.
// Writes what `produce` makes to --output or stdout, piece by piece.
int Emit(const CommandLine& cl, const std::function<void(const TextSink&)>& produce, std::FILE* out, std::FILE* err) {
  std::string error;
  if (cl.output_file.empty()) {
    produce([out](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), out); });
    std::fflush(out);
  } else if (!WriteFileAtomically(cl.output_file, produce, &error)) {
    fmt::print(err, "routelint: cannot write {}: {}\n", cl.output_file, error);
    return 2;
  }
  return 0;
}

int Emit(const CommandLine& cl, const std::string& text, std::FILE* out, std::FILE* err) {
  return Emit(cl, [&text](const TextSink& sink) { sink(text); }, out, err);
}

// `routelint graph`: the estate as DOT or Mermaid. Input problems are printed
// on stderr; the picture shows what could be read.
int RunGraph(const CommandLine& cl, const LintOutput& result, std::FILE* out, std::FILE* err) {
  int status = 0;
  for (const Diagnostic& d : result.report.diagnostics) {
    if (d.severity != Severity::kError) continue;
    fmt::print(err, "{}:{}:{}: error: {} [{}]\n", d.location.file, d.location.line, d.location.column, d.message, d.id);
    status = 2;
  }
  const TopologyGraph graph = BuildTopologyGraph(result.model, result.report.findings, GraphOptions{});
  const int written = Emit(cl, cl.format_name == "mermaid" ? RenderMermaid(graph) : RenderDot(graph), out, err);
  return written != 0 ? written : status;
}

}  // namespace

int RunMain(int argc, const char* const* argv, std::FILE* out, std::FILE* err) {
  CommandLine cl;
  std::string error;
  if (!Parse(argc, argv, &cl, &error)) {
    fmt::print(err, "routelint: {}\n(see `routelint --help`)\n", error);
    return 2;
  }
  if (cl.command == CommandLine::Command::kCheck || cl.command == CommandLine::Command::kRoutes ||
      cl.command == CommandLine::Command::kTrace || cl.command == CommandLine::Command::kRules ||
      cl.command == CommandLine::Command::kGraph) {
    const std::string config_path = cl.config.empty() ? FindConfig(".") : cl.config;
    if (!config_path.empty()) {
      Config config;
      Diagnostic problem;
      if (!LoadConfig(config_path, &config, &problem)) {
        fmt::print(err, "{}:{}:{}: error: {} [{}]\n", problem.location.file, problem.location.line,
                   problem.location.column, problem.message, problem.id);
        return 2;
      }
      ApplyConfig(config, &cl.lint);
    }
  }
  switch (cl.command) {
    case CommandLine::Command::kHelp:
      fmt::print(out, "{}", kUsage);
      return 0;
    case CommandLine::Command::kVersion:
      fmt::print(out, "routelint {}{}\n", ROUTELINT_VERSION,
                 std::string_view(ROUTELINT_COMMIT).empty() ? "" : fmt::format(" ({})", ROUTELINT_COMMIT));
      return 0;
    case CommandLine::Command::kRules:
      return RunRules(cl, out, err);
    case CommandLine::Command::kRoutes:
      if (cl.subnet.empty()) {
        fmt::print(err, "routelint: routes needs --subnet VNET/SUBNET\n");
        return 2;
      }
      return RunRoutesCommand(cl.lint, cl.subnet, cl.format_name, out, err);
    case CommandLine::Command::kTrace:
      if (cl.from.empty() || cl.to.empty()) {
        fmt::print(err, "routelint: trace needs --from VNET/SUBNET and --to IP\n");
        return 2;
      }
      return RunTraceCommand(cl.lint, cl.from, cl.to, cl.format_name, out, err);
    case CommandLine::Command::kCheck:
    case CommandLine::Command::kGraph:
      break;
  }
  ProgressLine progress(err);
  if (progress.wanted()) {
    cl.lint.progress = [&progress](size_t done, size_t total) { progress.Update(done, total); };
  }
  // Only a graph, the Markdown summary's diagram and the HTML report read
  // the model after the rules.
  cl.lint.keep_model = cl.command == CommandLine::Command::kGraph || Wants(cl, OutputFormat::kMarkdown) ||
                       Wants(cl, OutputFormat::kHtml);
  LintOutput result = RunLint(cl.lint);
  progress.Clear();
  if (cl.command == CommandLine::Command::kGraph) return RunGraph(cl, result, out, err);
  if (cl.verbose) {
    for (const SkippedFile& skipped : result.skipped) fmt::print(err, "routelint: skipped {}: {}\n", skipped.file, skipped.reason);
    const StageTimes& t = result.times;
    fmt::print(err, "routelint: {} files, {} resources; parse {:.3f} s, expand {:.3f} s (summed over threads), "
               "model {:.3f} s, rules {:.3f} s, locate {:.3f} s\n",
               result.report.stats.files, result.report.stats.resources, t.parse, t.expand, t.model, t.rules, t.locate);
  }
  if (cl.strict) {
    for (Diagnostic& d : result.report.diagnostics) {
      if (d.id == "RL900") d.severity = Severity::kError;
    }
  }
  if (!cl.write_baseline.empty()) {
    if (!WriteFileAtomically(cl.write_baseline, RenderBaseline(result.report.findings), &error)) {
      fmt::print(err, "routelint: cannot write {}: {}\n", cl.write_baseline, error);
      return 2;
    }
    int recorded = 0;
    for (const Finding& f : result.report.findings) recorded += f.suppressions.empty() ? 1 : 0;
    fmt::print(err, "routelint: recorded {} finding(s) in {}\n", recorded, cl.write_baseline);
  }
  result.report.tool.version = ROUTELINT_VERSION;
  result.report.tool.commit = ROUTELINT_COMMIT;
  TextOptions text_options;
  text_options.color = UseColor(cl, out);
  text_options.quiet = cl.quiet;
  SourceLines sources;
  if (cl.show_source) {
    text_options.source_line = [&sources](const std::string& file, int line, std::string* text) {
      return sources.Line(file, line, text);
    };
  }
  if (Wants(cl, OutputFormat::kMarkdown)) text_options.diagram = AffectedTopology(result);
  if (Wants(cl, OutputFormat::kHtml)) text_options.html = BuildHtmlOptions(result, HtmlReportSettingsFromEnvironment());
  // What the reports need of the model is taken: it goes before they are
  // rendered, which for tens of thousands of findings is a text of its size.
  result.model = Model();
  const auto render = [&result](OutputFormat format, const TextOptions& options) {
    return [&result, format, &options](const TextSink& sink) { RenderTo(result.report, format, options, sink); };
  };
  if (Emit(cl, render(cl.format, text_options), out, err) != 0) return 2;
  for (const auto& [format, file] : cl.extra_reports) {
    TextOptions plain = text_options;
    plain.color = false;
    if (!WriteFileAtomically(file, render(format, plain), &error)) {
      fmt::print(err, "routelint: cannot write {}: {}\n", file, error);
      return 2;
    }
  }
  if (!cl.write_baseline.empty()) {
    const int status = ExitStatus(result.report, std::nullopt, false);
    return status == 2 ? 2 : 0;
  }
  return ExitStatus(result.report, cl.fail_on, cl.strict);
}

}  // namespace routelint

#include "cli/lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include <unistd.h>

#include "base/parallel.h"
#include "base/strings.h"
#include "bicep/bicep_map.h"
#include "discover/discover.h"
#include "expand/template.h"
#include "live/live_export.h"
#include "model/builder.h"
#include "policy/baseline.h"
#include "parse/json_loader.h"
#include "parse/locator.h"
#include "route/learned_routes.h"

namespace routelint {
namespace {

// A diagnostic whose place is still a JSON pointer.
struct PendingDiagnostic {
  Diagnostic diagnostic;  // location.file set; line/column to resolve
  Origin origin;
  std::string origin_file;  // a linked template's path, when not origin.file
  bool locate = false;
};

// A resource's `metadata.routelint` ({"ignore": [...], "reason": "..."}),
// where Bicep's @metadata decorator and plain ARM put it.
struct PendingInlineSuppression {
  InlineSuppression suppression;
  Origin origin;
  std::string origin_file;  // a linked template's path, when not origin.file
};

// What one worker made of one input file.
struct FileOutcome {
  enum class Kind { kSkipped, kTemplate, kParameters, kExport, kUnreadable, kBicepWithoutCli } kind = Kind::kSkipped;
  ExpandedFile expanded;  // a template's resources, or an export's; freed once read unless kept (custom rules)
  ModelFragment fragment;  // what the model takes of `expanded`
  std::vector<PendingInlineSuppression> inline_suppressions;
  bool flattened = false;  // an export az printed with its properties flattened
  std::vector<PendingDiagnostic> diagnostics;
  std::vector<std::string> linked_files;  // templates this one deploys through templateLink
  bool references_elsewhere = false;      // reference() to resources of other files
  /// A template compiled from Bicep: the .bicep source, and the compiled
  /// text when routelint compiled it (no file holds it).
  std::string bicep_source;
  std::string compiled_bicep;
  bool bicep_pair_guessed = false;  // by the quickstart layout, not by name
  double parse_seconds = 0;
  double expand_seconds = 0;
  double model_seconds = 0;  // reading the resources into the fragment
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The Bicep CLI: the --bicep path, else `bicep` on PATH; empty when absent.
std::string FindBicep(const LintOptions& options) {
  if (!options.bicep.empty()) return options.bicep;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  while (!dirs.empty()) {
    const size_t colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    const std::string candidate = (dir.empty() ? "." : dir) + "/bicep";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return {};
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Compiles a .bicep file with `bicep build --stdout`.
bool CompileBicep(const std::string& bicep, const std::string& path, std::string* text, Diagnostic* error) {
  const std::string command = ShellQuote(bicep) + " build --stdout " + ShellQuote(path) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *error = {"RL902", Severity::kError, Location{path, 0, 0}, "cannot run the Bicep CLI"};
    return false;
  }
  char buffer[1 << 14];
  size_t got;
  text->clear();
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) text->append(buffer, got);
  const int status = pclose(pipe);
  if (status != 0) {
    std::string first_line = text->substr(0, text->find('\n'));
    *error = {"RL902", Severity::kError, Location{path, 0, 0}, "bicep build failed: " + first_line};
    return false;
  }
  return true;
}

bool IsBicepFile(const std::string& path) {
  return path.size() > 6 && EqualsIgnoreCase(std::string_view(path).substr(path.size() - 6), ".bicep");
}

// Reads a .bicep source for the source maps.
bool ReadSourceText(const std::string& path, std::string* text) {
  Diagnostic ignored;
  return ReadFileText(path, ParseLimits{}.max_bytes, text, &ignored);
}

// The .bicep source of a compiled template: X.bicep beside X.json, or in
// the layout of Azure's quickstart templates, main.bicep beside
// azuredeploy.json (*guessed: the map then vouches for the pair only when
// the two agree). Empty when there is none.
std::string BicepSourceBeside(const std::string& compiled, bool* guessed) {
  *guessed = false;
  const size_t dot = compiled.rfind('.');
  if (dot == std::string::npos || compiled.find('/', dot) != std::string::npos) return {};
  std::error_code ignored;
  std::string source = compiled.substr(0, dot) + ".bicep";
  if (std::filesystem::is_regular_file(source, ignored)) return source;
  const std::filesystem::path path(compiled);
  if (path.filename().string() != kQuickstartTemplate) return {};
  source = (path.parent_path() / kQuickstartSource).string();
  *guessed = std::filesystem::is_regular_file(source, ignored);
  return *guessed ? source : std::string();
}

bool LoadJson(const std::string& path, Json* document, Diagnostic* error, std::vector<Diagnostic>* warnings = nullptr) {
  FileText text;
  if (!text.Load(path, ParseLimits{}.max_bytes, error)) return false;
  return ParseJsonText(path, text.view(), ParseLimits{}, document, error, warnings);
}

// Reads linked templates: a relativePath next to the linking file, a URI
// through the --link-map folders. Never the network.
LinkLoader MakeLinkLoader(const LintOptions& options) {
  return [&options](const std::string& from, const std::string& link, bool is_uri, Json* document, std::string* path,
                    std::string* error) {
    std::string local;
    if (is_uri) {
      for (const auto& [prefix, folder] : options.link_map) {
        if (link.rfind(prefix, 0) == 0) {
          local = folder + "/" + link.substr(prefix.size());
          break;
        }
      }
      if (local.empty()) {
        *error = "no --link-map folder for this address";
        return false;
      }
      if (size_t query = local.find('?'); query != std::string::npos) local.resize(query);  // SAS tokens
    } else {
      local = (std::filesystem::path(from).parent_path() / link).string();
    }
    *path = TidyPath(local);
    Diagnostic problem;
    if (!LoadJson(*path, document, &problem)) {
      *error = problem.location.line > 0
                   ? fmt::format("{}:{}:{}: {}", *path, problem.location.line, problem.location.column, problem.message)
                   : fmt::format("{}: {}", *path, problem.message);
      return false;
    }
    return true;
  };
}

std::string SchemaOf(const Json& document) {
  const Json* schema = FindMember(document, "$schema");
  return schema && schema->is_string() ? schema->get<std::string>() : std::string();
}

// An export of a live estate: its resources join the estate like a
// template's, located in the export's text.
void ReadExport(uint32_t index, const std::string& path, const Json& document, FileOutcome* outcome) {
  auto start = std::chrono::steady_clock::now();
  LiveExport live = ReadLiveExport(document);
  outcome->kind = FileOutcome::Kind::kExport;
  outcome->flattened = live.flattened;
  outcome->expanded.resources = std::move(live.resources);
  for (LiveMessage& m : live.messages) {
    PendingDiagnostic d;
    d.diagnostic = {"RL902", m.severity, Location{path, 0, 0}, std::move(m.message)};
    d.origin = Origin{index, std::move(m.pointer), {}};
    d.locate = true;
    outcome->diagnostics.push_back(std::move(d));
  }
  outcome->expand_seconds = SecondsSince(start);
}

FileOutcome ProcessFileUnguarded(uint32_t index, const std::string& path, const std::string& parameters_path,
                                 const LintOptions& options, const ExternalStates* external) {
  FileOutcome outcome;
  outcome.expanded.file = index;
  auto parse_start = std::chrono::steady_clock::now();
  Json document;
  Diagnostic error;
  if (IsBicepFile(path)) {
    const std::string bicep = FindBicep(options);
    std::string compiled;
    if (bicep.empty()) {
      outcome.kind = FileOutcome::Kind::kBicepWithoutCli;
      return outcome;
    }
    if (!CompileBicep(bicep, path, &compiled, &error) ||
        !ParseJsonText(path + " (compiled)", compiled, ParseLimits{}, &document, &error)) {
      outcome.kind = FileOutcome::Kind::kUnreadable;
      error.location.line = error.location.column = 0;  // positions in the compiled text mean nothing here
      error.location.file = path;
      outcome.diagnostics.push_back({std::move(error), {}, {}, false});
      return outcome;
    }
    outcome.bicep_source = path;
    outcome.compiled_bicep = std::move(compiled);
  } else {
    std::vector<Diagnostic> warnings;
    const bool loaded = LoadJson(path, &document, &error, &warnings);
    for (Diagnostic& w : warnings) outcome.diagnostics.push_back({std::move(w), {}, {}, false});
    if (!loaded) {
      outcome.kind = FileOutcome::Kind::kUnreadable;
      outcome.diagnostics.push_back({std::move(error), {}, {}, false});
      return outcome;
    }
  }
  outcome.parse_seconds = SecondsSince(parse_start);
  const std::string schema = SchemaOf(document);
  if (IsDeploymentParametersSchema(schema)) {
    outcome.kind = FileOutcome::Kind::kParameters;
    return outcome;
  }
  if (!IsDeploymentTemplateSchema(schema)) {
    if (IsLiveExport(document)) ReadExport(index, path, document, &outcome);
    return outcome;
  }
  outcome.kind = FileOutcome::Kind::kTemplate;
  if (outcome.bicep_source.empty() && CompiledByBicep(document)) {
    outcome.bicep_source = BicepSourceBeside(path, &outcome.bicep_pair_guessed);
  }

  Json parameters_document;
  const Json* parameter_values = nullptr;
  if (!parameters_path.empty()) {
    Diagnostic parameters_error;
    if (LoadJson(parameters_path, &parameters_document, &parameters_error)) {
      parameter_values = FindMember(parameters_document, "parameters");
    } else {
      outcome.diagnostics.push_back({std::move(parameters_error), {}, {}, false});
    }
  }
  auto expand_start = std::chrono::steady_clock::now();
  EvalSession session;
  ExpandResult expanded = ExpandTemplate(document, parameter_values, options.deployment, ExpandLimits{}, session,
                                         path, MakeLinkLoader(options), external);
  outcome.references_elsewhere = expanded.references_elsewhere;
  outcome.expanded.resources = std::move(expanded.resources);
  outcome.linked_files = std::move(expanded.linked_files);
  for (ExpandMessage& m : expanded.messages) {
    PendingDiagnostic d;
    d.diagnostic.id = std::move(m.id);
    d.diagnostic.severity = m.severity;
    d.diagnostic.location.file = m.file.empty() ? path : m.file;
    d.diagnostic.message = std::move(m.message);
    d.origin = Origin{index, std::move(m.pointer), {}};
    d.origin_file = std::move(m.file);
    d.locate = true;
    outcome.diagnostics.push_back(std::move(d));
  }
  outcome.expand_seconds = SecondsSince(expand_start);
  // Freeing the DOM is part of what parsing costs.
  auto free_start = std::chrono::steady_clock::now();
  document = Json();
  parameters_document = Json();
  outcome.parse_seconds += SecondsSince(free_start);
  return outcome;
}

// The `metadata.routelint` suppressions of one file's resources; those not
// applied are RL905 warnings in *problems.
void CollectInlineSuppressions(const ExpandedFile& file, const std::string& path,
                               std::vector<PendingInlineSuppression>* out, std::vector<PendingDiagnostic>* problems) {
  for (const ExpandedResource& r : file.resources) {
    const Json* metadata = FindMember(r.body, "metadata");
    const Json* ours = metadata ? FindMember(*metadata, "routelint") : nullptr;
    if (ours == nullptr) continue;
    PendingInlineSuppression pending;
    pending.origin = Origin{file.file, r.pointer + "/metadata/routelint", r.context};
    pending.origin_file = r.file;
    InlineSuppression& s = pending.suppression;
    s.resource_id = NormalizeId(r.id);
    s.resource_name = r.name;
    const Json* ignore = FindMember(*ours, "ignore");
    const Json* reason = FindMember(*ours, "reason");
    if (ignore && ignore->is_string()) s.rules.push_back(ignore->get<std::string>());
    if (ignore && ignore->is_array()) {
      for (const Json& item : *ignore) {
        if (item.is_string()) s.rules.push_back(item.get<std::string>());
      }
    }
    if (reason && reason->is_string()) s.reason = reason->get<std::string>();
    std::string problem;
    if (!ours->is_object()) problem = "must be an object: {\"ignore\": [\"RL002\"], \"reason\": \"...\"}";
    else if (s.rules.empty()) problem = "needs \"ignore\": a rule id, name or glob, or a list of them";
    else if (s.reason.empty()) problem = "needs a \"reason\": why the finding is accepted";
    if (!problem.empty()) {
      PendingDiagnostic d;
      d.diagnostic = {"RL905", Severity::kWarning, Location{r.file.empty() ? path : r.file, 0, 0},
                      fmt::format("metadata.routelint on {} is not applied: it {}", r.name, problem)};
      d.origin = pending.origin;
      d.origin_file = r.file;
      d.locate = true;
      problems->push_back(std::move(d));
      continue;
    }
    out->push_back(std::move(pending));
  }
}

// Reads a template's or export's resources into its model fragment and
// suppressions, then frees their evaluated bodies unless `keep_bodies`.
void ReadResources(const std::string& path, bool keep_bodies, const std::shared_ptr<TextPool>& texts,
                   FileOutcome* outcome) {
  if (outcome->kind != FileOutcome::Kind::kTemplate && outcome->kind != FileOutcome::Kind::kExport) return;
  auto start = std::chrono::steady_clock::now();
  outcome->fragment = ReadModelFragment(outcome->expanded, texts);
  CollectInlineSuppressions(outcome->expanded, path, &outcome->inline_suppressions, &outcome->diagnostics);
  if (!keep_bodies) outcome->expanded.resources = std::vector<ExpandedResource>();
  outcome->model_seconds = SecondsSince(start);
}

// One file's parse and expansion. The stages are written not to throw; if
// one does all the same (a bug), that file gets an error and the others are
// still linted.
// The model's texts go to `texts`, the pool of the thread it runs on; with
// none, the file is only evaluated (its bodies, for reference()'s states).
FileOutcome ProcessFile(uint32_t index, const std::string& path, const std::string& parameters_path,
                        const LintOptions& options, const ExternalStates* external, bool keep_bodies,
                        const std::shared_ptr<TextPool>& texts) {
  try {
    FileOutcome outcome = ProcessFileUnguarded(index, path, parameters_path, options, external);
    if (texts) ReadResources(path, keep_bodies, texts, &outcome);
    return outcome;
  } catch (const std::exception& e) {
    FileOutcome outcome;
    outcome.expanded.file = index;
    outcome.kind = FileOutcome::Kind::kUnreadable;
    outcome.diagnostics.push_back({Diagnostic{"RL902", Severity::kError, Location{path, 0, 0},
                                              fmt::format("internal error while reading this file ({}); please "
                                                          "report it with the file",
                                                          e.what())},
                                   {}, {}, false});
    return outcome;
  }
}

// Pairs templates with parameters files: by name, and explicit -p files.
std::map<std::string, std::string> PairParameters(const std::vector<std::string>& files,
                                                  const std::vector<std::string>& explicit_files,
                                                  std::vector<PendingDiagnostic>* diagnostics) {
  std::map<std::string, std::string> pairs;
  const std::set<std::string> present(files.begin(), files.end());
  for (const std::string& file : files) {
    const std::string target = TemplateForParametersFile(file);
    if (target.empty() || !present.count(target)) continue;
    // Prefer "x.parameters.json" over environment variants.
    if (!pairs.count(target) || file.size() < pairs[target].size()) pairs[target] = file;
  }
  for (const std::string& file : explicit_files) {
    std::string target = TemplateForParametersFile(file);
    if (target.empty() || !present.count(target)) {
      std::vector<std::string> candidates;
      for (const std::string& f : files) {
        if (f != file && TemplateForParametersFile(f).empty()) candidates.push_back(f);
      }
      if (candidates.size() != 1) {
        PendingDiagnostic d;
        d.diagnostic = {"RL902", Severity::kError, Location{file, 0, 0},
                        "cannot tell which template this parameters file is for: name it <template>.parameters.json "
                        "or lint that template alone"};
        diagnostics->push_back(std::move(d));
        continue;
      }
      target = candidates.front();
    }
    pairs[target] = file;
  }
  return pairs;
}

bool Selected(const RuleMeta& meta, const LintOptions& options) {
  auto any = [&](const std::vector<std::string>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return RuleMatches(meta, p); });
  };
  if (!options.select.empty() && !any(options.select)) return false;
  return !any(options.ignore);
}

// Why a file adds no resources of its own ("" when it does), for --verbose.
std::string SkipReason(const FileOutcome& outcome, bool superseded, const std::string& file,
                       const std::map<std::string, std::string>& pairs) {
  switch (outcome.kind) {
    case FileOutcome::Kind::kTemplate:
      return superseded ? "a linked template: linted through the template that deploys it, with its parameters" : "";
    case FileOutcome::Kind::kParameters:
      for (const auto& [target, parameters] : pairs) {
        if (parameters == file) return "parameters file of " + target;
      }
      return "parameters file without a template beside it (name it <template>.parameters.json, or pass -p)";
    case FileOutcome::Kind::kSkipped:
      return "not an ARM deployment template, parameters file or export of a deployed estate (az, Resource Graph)";
    case FileOutcome::Kind::kUnreadable: return "unreadable or malformed (see its diagnostic)";
    case FileOutcome::Kind::kBicepWithoutCli: return "a .bicep file, and the Bicep CLI is not on PATH";
    case FileOutcome::Kind::kExport: return "";
  }
  return "";
}

std::string WithContext(std::string message, const Origin& origin) {
  if (!origin.context.empty()) message += " [" + origin.context + "]";
  return message;
}


// `// routelint-ignore RULES: reason` comments of the Bicep sources and
// their modules (each file once: entry files may share modules), as
// suppressions of the findings on the lines they cover.
void AddBicepIgnoreComments(const std::vector<CompiledBicep>& inputs, std::vector<InlineSuppression>* out,
                            std::vector<Diagnostic>* problems) {
  std::vector<BicepFileComments> files;
  std::set<std::string> seen;
  for (const CompiledBicep& input : inputs) {
    for (BicepFileComments& file : ReadIgnoreComments(input.source, ReadSourceText)) {
      if (seen.insert(file.file).second) files.push_back(std::move(file));
    }
  }
  for (BicepFileComments& file : files) {
    for (BicepIgnoreComment& c : file.comments) {
      const Location where{file.file, c.at.line, c.at.column};
      std::string problem;
      if (c.rules.empty()) problem = "names no rule: `// routelint-ignore RL002: why it is accepted`";
      else if (c.reason.empty()) problem = "needs a reason after a colon: `// routelint-ignore RL002: why it is accepted`";
      else if (c.first_line == 0) problem = "is followed by no declaration or property";
      if (!problem.empty()) {
        problems->push_back({"RL905", Severity::kWarning, where, "routelint-ignore comment is not applied: it " + problem});
        continue;
      }
      InlineSuppression s;
      s.rules = std::move(c.rules);
      s.reason = std::move(c.reason);
      s.where = where;
      s.first_line = c.first_line;
      s.last_line = c.last_line;
      out->push_back(std::move(s));
    }
  }
}

// When [estate] paths widen what is loaded, the findings reported are those
// in (or passing through) the files the user named, and findings about other
// inputs (the configuration's intents, route exports).
bool ReportedFile(const std::set<std::string>& named, const std::vector<std::string>& loaded, const Finding& finding) {
  if (named.count(finding.location.file)) return true;
  if (std::find(loaded.begin(), loaded.end(), finding.location.file) == loaded.end()) return true;
  for (const RelatedLocation& r : finding.related) {
    if (named.count(r.location.file)) return true;
  }
  for (const RelatedLocation& r : finding.flow) {
    if (named.count(r.location.file)) return true;
  }
  return false;
}

// Which of the `count` files the findings, diagnostics and in-template
// suppressions point into.
// Calls fn with the file of each place a finding points at.
template <typename Fn>
void ForEachOriginFile(const PendingFinding& p, Fn&& fn) {
  fn(p.origin.file);
  for (const auto& r : p.related) fn(r.origin.file);
  for (const auto& r : p.flow) fn(r.origin.file);
}

// How many places will be looked up in each file (by index).
std::vector<uint32_t> LookupsPerFile(size_t count, const std::vector<std::vector<PendingFinding>>& findings,
                                     const std::vector<PendingDiagnostic>& diagnostics,
                                     const std::vector<PendingInlineSuppression>& suppressions) {
  std::vector<uint32_t> lookups(count);
  auto mark = [&](uint32_t file) {
    if (file < count) ++lookups[file];  // kNotATemplate is past the end
  };
  for (const std::vector<PendingFinding>& of_rule : findings) {
    for (const PendingFinding& p : of_rule) ForEachOriginFile(p, mark);
  }
  for (const PendingDiagnostic& d : diagnostics) {
    if (d.locate) mark(d.origin.file);
  }
  for (const PendingInlineSuppression& p : suppressions) mark(p.origin.file);
  return lookups;
}

// A rule's finding with its origins turned into file, line and column.
Finding LocateFinding(PendingFinding&& p, OriginLocator& locator) {
  Finding f = std::move(p.finding);
  // Findings about inputs other than templates (a route export) carry
  // their location already.
  Location compiled;
  if (p.origin.file != kNotATemplate) f.location = locator.Locate(p.origin, &compiled);
  f.message = WithContext(std::move(f.message), p.origin);
  for (auto& r : p.related) f.related.push_back({locator.Locate(r.origin), WithContext(std::move(r.message), r.origin)});
  // Found in the Bicep source: the compiled template's place stays at hand.
  if (!compiled.file.empty()) f.related.push_back({std::move(compiled), "the same place in the compiled template"});
  for (auto& r : p.flow) f.flow.push_back({locator.Locate(r.origin), std::move(r.message)});
  return f;
}

void ApplySeverities(const std::vector<std::pair<std::string, Severity>>& severities, std::vector<Finding>* findings) {
  for (Finding& f : *findings) {
    for (const auto& [pattern, severity] : severities) {
      if (RuleMatchesPattern(f.rule_id, f.rule_name, pattern)) f.severity = severity;
    }
  }
}

}  // namespace

OriginLocator::OriginLocator(std::vector<std::string> files) : files_(std::move(files)), texts_(files_.size()) {}

OriginLocator::OriginLocator(const LintOutput& output) : OriginLocator(output.model.files) {
  for (uint32_t file : output.flattened_exports) MarkFlattened(file);
  for (const CompiledBicep& input : output.compiled_from_bicep) {
    MarkCompiledFromBicep(input.file, input.source, input.compiled_text, input.guessed);
  }
}

void OriginLocator::Release(uint32_t file) {
  if (file < texts_.size()) texts_[file].reset();
}

void OriginLocator::Prepare(const std::vector<bool>& involved, int jobs) {
  if (jobs < 2) return;
  std::vector<size_t> wanted;
  for (size_t file = 0; file < involved.size() && file < files_.size(); ++file) {
    if (involved[file] && !texts_[file]) wanted.push_back(file);
  }
  // Each call fills only its own file's slot.
  ForEachParallel(wanted, jobs, [this](size_t file) { EntryFor(static_cast<uint32_t>(file)); });
}

OriginLocator::Entry& OriginLocator::EntryFor(uint32_t file) {
  if (texts_[file]) return *texts_[file];
  texts_[file] = std::make_unique<Entry>();
  Entry& entry = *texts_[file];
  Diagnostic ignored;
  if (entry.text.Load(files_[file], ParseLimits{}.max_bytes, &ignored)) {
    entry.lines = std::make_unique<LineIndex>(entry.text.view());
    entry.pointers = std::make_unique<PointerIndex>(entry.text.view());
  }
  return entry;
}

Location OriginLocator::LocateInFile(const Origin& origin) {
  Location location{origin.file < files_.size() ? files_[origin.file] : std::string(), 0, 0};
  // A compiled .bicep file has no JSON text of its own to point into: not read.
  if (origin.file >= files_.size() || IsBicepFile(files_[origin.file])) return location;
  Entry& entry = EntryFor(origin.file);
  if (!entry.lines) return location;
  size_t offset = 0;
  if (!entry.pointers->Locate(origin.pointer, &offset) && flattened_.count(origin.file)) {
    // az printed the properties flattened: the same path without them. When
    // neither path is there whole, the deeper ancestor (the later offset) wins.
    size_t flat = 0;
    const bool found = entry.pointers->Locate(FlattenedPointer(origin.pointer), &flat);
    if (found || flat > offset) offset = flat;
  }
  entry.lines->Position(offset, &location.line, &location.column);
  return location;
}

void OriginLocator::MarkCompiledFromBicep(uint32_t file, std::string bicep_source, std::string compiled_text,
                                          bool guessed) {
  BicepInput& input = bicep_[file];
  input.source = std::move(bicep_source);
  input.compiled_text = std::move(compiled_text);
  input.guessed = guessed;
}

BicepSourceMap* OriginLocator::SourceMapFor(uint32_t file) {
  auto it = bicep_.find(file);
  if (it == bicep_.end()) return nullptr;
  BicepInput& input = it->second;
  if (!input.loaded) {
    input.loaded = true;
    const std::string_view text = input.compiled_text.empty() ? EntryFor(file).text.view() : input.compiled_text;
    auto compiled = std::make_unique<Json>();
    Diagnostic ignored;
    if (ParseJsonText(files_[file], text, ParseLimits{}, compiled.get(), &ignored)) {
      input.compiled = std::move(compiled);
      input.map = std::make_unique<BicepSourceMap>(*input.compiled, input.source, ReadSourceText);
    }
  }
  return input.map.get();
}

Location OriginLocator::Locate(const Origin& origin, Location* compiled) {
  const Location location = LocateInFile(origin);
  if (compiled) *compiled = Location{};
  BicepSourceMap* map = origin.file < files_.size() ? SourceMapFor(origin.file) : nullptr;
  BicepPlace place;
  if (map == nullptr || !map->Map(origin.pointer, &place)) return location;
  if (compiled && location.line > 0) *compiled = location;
  mapped_sources_[place.file].insert(origin.file);
  return Location{std::move(place.file), place.line, place.column};
}

std::vector<Diagnostic> OriginLocator::SourceMapNotes() const {
  std::vector<Diagnostic> notes;
  for (const auto& [file, input] : bicep_) {
    if (!input.map || input.map->problem().empty()) continue;
    // A pair guessed from the layout that does not agree is no pair: nothing is stale.
    if (input.guessed && input.map->problem_file() == input.source) continue;
    notes.push_back({"RL906", Severity::kNote, Location{input.map->problem_file(), 0, 0},
                     fmt::format("{}; what it declares is reported in the compiled template {}", input.map->problem(),
                                 files_[file])});
  }
  return notes;
}

size_t OriginLocator::work() const {
  size_t work = 0;
  for (const auto& entry : texts_) {
    if (entry && entry->pointers) work += entry->text.view().size() + entry->pointers->work();
  }
  return work;
}

OriginLocator::~OriginLocator() = default;

bool RuleMatches(const RuleMeta& meta, std::string_view pattern) {
  return RuleMatchesPattern(meta.id, meta.name, pattern);
}

std::vector<RuleInfo> RuleCatalogue(const std::vector<CustomRuleSpec>& custom_rules) {
  std::vector<RuleInfo> catalogue;
  std::vector<std::unique_ptr<Rule>> rules = MakeAllRules();
  for (const CustomRuleSpec& spec : custom_rules) rules.push_back(MakeCustomRule(spec));
  for (const auto& rule : rules) {
    const RuleMeta& meta = rule->meta();
    RuleInfo info;
    info.id = std::string(meta.id);
    info.name = std::string(meta.name);
    info.default_severity = meta.severity;
    info.short_description = std::string(meta.summary);
    info.help_markdown = std::string(RulePage(meta.id));
    if (!info.help_markdown.empty()) {
      info.help_uri = fmt::format("{}/blob/main/rules/{}-{}.md", ToolInfo{}.information_uri, meta.id, meta.name);
    } else {
      info.help_markdown = fmt::format("# {} {}\n\nA custom rule of this project's .routelint.toml: {}\n", meta.id,
                                       meta.name, meta.summary);
    }
    // The full description is the page's first paragraph after the title.
    info.full_description = info.short_description;
    catalogue.push_back(std::move(info));
  }
  // routelint's rules by id, then the custom ones by id.
  std::stable_sort(catalogue.begin(), catalogue.end(), [](const RuleInfo& a, const RuleInfo& b) {
    const bool a_own = a.id.rfind("RL", 0) == 0, b_own = b.id.rfind("RL", 0) == 0;
    return a_own != b_own ? a_own : a.id < b.id;
  });
  return catalogue;
}

LintOutput RunLint(const LintOptions& options) {
  LintOutput output;
  Report& report = output.report;

  // With [estate] paths, the estate is loaded whole while findings are
  // reported for the files the user named (a pre-commit run on the changed
  // spoke still sees the hub).
  // Without named paths, everything loaded is reported.
  std::vector<std::string> load_paths = options.paths;
  std::set<std::string> named_files;
  const bool scoped = !options.estate_paths.empty() && !options.paths.empty();
  if (!options.estate_paths.empty()) {
    if (load_paths.empty()) load_paths.push_back(".");
    const DiscoverResult named = DiscoverFiles(load_paths);
    for (const std::string& file : named.files) {
      named_files.insert(file);
      // A changed parameters file changes what its template deploys.
      if (const std::string target = TemplateForParametersFile(file); !target.empty()) named_files.insert(target);
    }
    // A changed .bicep source (pre-commit names those): the findings
    // reported in it, and those of the template compiled from it.
    for (const std::string& path : options.paths) {
      if (!IsBicepFile(path)) continue;
      const std::string source = std::filesystem::path(path).lexically_normal().string();
      named_files.insert(source);
      std::error_code ignored;
      std::string compiled = source.substr(0, source.size() - 6) + ".json";
      if (std::filesystem::is_regular_file(compiled, ignored)) named_files.insert(std::move(compiled));
    }
    load_paths.insert(load_paths.end(), options.estate_paths.begin(), options.estate_paths.end());
  }
  DiscoverResult discovered = DiscoverFiles(load_paths);
  for (const std::string& p : options.parameters) {
    if (std::find(discovered.files.begin(), discovered.files.end(), p) == discovered.files.end()) {
      discovered.files.push_back(p);
    }
  }
  const std::vector<std::string>& files = discovered.files;
  for (Diagnostic& d : discovered.problems) report.diagnostics.push_back(std::move(d));

  std::vector<PendingDiagnostic> pending;
  const std::map<std::string, std::string> pairs = PairParameters(files, options.parameters, &pending);

  // Parse and expand every file on `jobs` threads.
  std::vector<FileOutcome> outcomes(files.size());
  // Each worker reads its file's resources into the model's objects and
  // frees their evaluated bodies, so the estate's bodies are never alive at
  // once; custom rules read the bodies, so with them they are kept.
  const bool keep_bodies = !options.custom_rules.empty();
  // One pool of model texts per thread, so that reading needs no lock.
  std::vector<std::shared_ptr<TextPool>> pools(static_cast<size_t>(std::max(1, options.jobs)));
  for (auto& pool : pools) pool = std::make_shared<TextPool>();
  auto process = [&](size_t i, size_t worker, const ExternalStates* external, bool keep) {
    auto pair = pairs.find(files[i]);
    return ProcessFile(static_cast<uint32_t>(i), files[i], pair == pairs.end() ? "" : pair->second, options, external,
                       keep, pools[worker]);
  };
  auto evaluate_only = [&](size_t i) {
    auto pair = pairs.find(files[i]);
    return ProcessFile(static_cast<uint32_t>(i), files[i], pair == pairs.end() ? "" : pair->second, options, nullptr,
                       /*keep_bodies=*/true, /*texts=*/nullptr);
  };
  // Once a file's reference() reads resources of other files, the second
  // pass below needs every file's bodies: from then on they are kept, and
  // only the files freed before are evaluated again.
  std::atomic<bool> keep_from_now{keep_bodies};
  std::vector<char> kept(files.size(), 0);  // bodies kept (char: written from the workers)
  std::atomic<size_t> done{0};
  std::vector<size_t> every_file(files.size());
  for (size_t i = 0; i < files.size(); ++i) every_file[i] = i;
  ForEachParallelOnWorkers(every_file, options.jobs, [&](size_t i, size_t worker) {
    kept[i] = keep_from_now.load();
    outcomes[i] = process(i, worker, nullptr, kept[i] != 0);
    if (outcomes[i].references_elsewhere) keep_from_now = true;
    if (options.progress) options.progress(++done, files.size());
  });

  // A template another one deploys through templateLink is linted as part
  // of that deployment, with the parameters it passes; linted alone it
  // would only repeat its resources with unknown parameters.
  std::set<std::string> linked;
  for (const FileOutcome& outcome : outcomes) linked.insert(outcome.linked_files.begin(), outcome.linked_files.end());
  auto superseded = [&](size_t i) {
    return outcomes[i].kind == FileOutcome::Kind::kTemplate && linked.count(files[i]) > 0;
  };

  // Second pass for templates whose reference() reads resources that other
  // files declare (a spoke reading its hub firewall's address).
  std::vector<size_t> rerun;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].references_elsewhere && !superseded(i)) rerun.push_back(i);
  }
  if (!rerun.empty()) {
    std::vector<size_t> declaring;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      const bool resources = outcomes[i].kind == FileOutcome::Kind::kTemplate || outcomes[i].kind == FileOutcome::Kind::kExport;
      if (resources && !superseded(i)) declaring.push_back(i);
    }
    // The states are built from the evaluated bodies: files whose bodies the
    // first pass freed are evaluated again (not read into the model again),
    // their bodies kept only until the states are built.
    std::vector<size_t> freed;
    for (size_t i : declaring) {
      if (!kept[i]) freed.push_back(i);
    }
    std::vector<FileOutcome> again(outcomes.size());
    ForEachParallel(freed, options.jobs, [&](size_t i) { again[i] = evaluate_only(i); });
    std::vector<const ExpandedResource*> everything;
    for (size_t i : declaring) {
      for (const ExpandedResource& r : (kept[i] ? outcomes[i] : again[i]).expanded.resources) everything.push_back(&r);
    }
    const ExternalStates states = BuildRuntimeStates(everything);
    everything.clear();
    again.clear();
    ForEachParallelOnWorkers(rerun, options.jobs, [&](size_t i, size_t worker) {
      outcomes[i] = process(i, worker, &states, keep_bodies);
    });
  }
  // Bodies kept for a second pass that did not come (or is done) go now.
  if (!keep_bodies) {
    for (FileOutcome& outcome : outcomes) outcome.expanded.resources = std::vector<ExpandedResource>();
  }

  std::vector<std::string> all_files = files;
  for (const std::string& path : linked) {
    if (std::find(all_files.begin(), all_files.end(), path) == all_files.end()) all_files.push_back(path);
  }
  auto file_index = [&all_files](const std::string& path) {
    return static_cast<uint32_t>(std::find(all_files.begin(), all_files.end(), path) - all_files.begin());
  };

  int bicep_skipped = 0;
  std::string first_bicep;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].kind != FileOutcome::Kind::kBicepWithoutCli) continue;
    if (bicep_skipped++ == 0) first_bicep = files[i];
  }
  if (bicep_skipped > 0) {
    PendingDiagnostic d;
    d.diagnostic = {"RL902", Severity::kWarning, Location{first_bicep, 0, 0},
                    fmt::format("{} .bicep file(s) not linted: the Bicep CLI is not on PATH. Install it "
                                "(https://learn.microsoft.com/azure/azure-resource-manager/bicep/install) or "
                                "lint the templates `bicep build` writes",
                                bicep_skipped)};
    pending.push_back(std::move(d));
  }

  std::vector<ExpandedFile> expanded;  // with custom rules only
  std::vector<ModelFragment> fragments;
  std::vector<PendingInlineSuppression> inline_suppressions;
  std::vector<CompiledBicep>& bicep_inputs = output.compiled_from_bicep;
  std::vector<uint32_t>& flattened_files = output.flattened_exports;
  report.stats.files = static_cast<int>(files.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    FileOutcome& outcome = outcomes[i];
    if (outcome.kind == FileOutcome::Kind::kTemplate) ++report.stats.templates;
    if (outcome.kind == FileOutcome::Kind::kParameters) ++report.stats.parameter_files;
    if (outcome.kind == FileOutcome::Kind::kExport) ++report.stats.exports;
    if (outcome.flattened) flattened_files.push_back(static_cast<uint32_t>(i));
    if (const std::string why = SkipReason(outcome, superseded(i), files[i], pairs); !why.empty()) {
      output.skipped.push_back({files[i], why});
    }
    output.times.parse += outcome.parse_seconds;
    output.times.expand += outcome.expand_seconds;
    output.times.model += outcome.model_seconds;
    const bool replaced = superseded(i);
    if (!outcome.bicep_source.empty() && !replaced) {
      bicep_inputs.push_back({static_cast<uint32_t>(i), std::move(outcome.bicep_source), std::move(outcome.compiled_bicep),
                              outcome.bicep_pair_guessed});
    }
    for (PendingDiagnostic& d : outcome.diagnostics) {
      if (replaced && d.locate) continue;
      if (!d.origin_file.empty()) d.origin.file = file_index(d.origin_file);
      pending.push_back(std::move(d));
    }
    const bool resources = outcome.kind == FileOutcome::Kind::kTemplate || outcome.kind == FileOutcome::Kind::kExport;
    if (!resources || replaced) continue;
    report.stats.resources += static_cast<int>(outcome.fragment.resources());
    fragments.push_back(std::move(outcome.fragment));
    for (PendingInlineSuppression& p : outcome.inline_suppressions) {
      if (!p.origin_file.empty()) p.origin.file = file_index(p.origin_file);
      inline_suppressions.push_back(std::move(p));
    }
    if (keep_bodies) expanded.push_back(std::move(outcome.expanded));
  }

  auto model_start = std::chrono::steady_clock::now();
  std::vector<ModelMessage> model_messages;
  output.model = JoinModel(all_files, std::move(fragments), &model_messages);
  ApplyTopology(options.hubs, &output.model, &report.diagnostics);
  CountRoutingValues(output.model, &report.stats.routing_values_known, &report.stats.routing_values_unknown);
  for (ModelMessage& m : model_messages) {
    PendingDiagnostic d;
    d.diagnostic = {m.id, m.severity, Location{all_files[m.origin.file], 0, 0}, WithContext(std::move(m.message), m.origin)};
    d.origin = std::move(m.origin);
    d.locate = true;
    pending.push_back(std::move(d));
  }

  output.times.model += SecondsSince(model_start);

  auto rules_start = std::chrono::steady_clock::now();
  OnPremisesRoutes& learned = output.learned;
  if (!options.bgp_routes.empty()) {
    LearnedRoutes routes;
    std::vector<Diagnostic> problems;
    if (ReadLearnedRoutes(options.bgp_routes, &routes, &problems)) learned.export_file = options.bgp_routes;
    for (Diagnostic& d : problems) report.diagnostics.push_back(std::move(d));
    for (const LearnedRoute& r : routes.routes) {
      // The circuit's table also lists Azure's own VNet prefixes, announced by
      // the gateways (AS 65515): they are not routes from on-premises.
      if (r.as_path.rfind("65515", 0) == 0) continue;
      learned.prefixes.push_back(r.prefix);
    }
  }
  learned.required = options.onprem_prefixes;
  std::optional<RoutingEngine> engine(std::in_place, output.model, learned);
  const RuleSettings settings{options.route_table_naming, options.intents};
  std::vector<std::unique_ptr<Rule>> rules = MakeAllRules();
  for (const CustomRuleSpec& spec : options.custom_rules) rules.push_back(MakeCustomRule(spec));
  std::vector<const Rule*> selected;
  std::vector<const RuleMeta*> ran;
  for (const auto& rule : rules) {
    if (!Selected(rule->meta(), options)) continue;
    selected.push_back(rule.get());
    ran.push_back(&rule->meta());
  }
  // The rules are independent: on several threads each writes its own
  // findings, joined in the catalogue's order. The routes they share are
  // computed first (on those threads too), so that the rules only read them.
  // A thread costs about a millisecond to start (the allocator gives it an
  // arena of its own): worth it for an estate, not for a template or two.
  constexpr size_t kSubnetsWorthThreads = 500;
  const int rule_jobs = output.model.subnets.size() >= kSubnetsWorthThreads && selected.size() > 1 ? options.jobs : 1;
  if (rule_jobs > 1) engine->ComputeAll(rule_jobs);
  std::vector<std::vector<PendingFinding>> found(selected.size());
  std::vector<std::vector<Diagnostic>> rule_problems(selected.size());
  ForEachIndexParallel(selected.size(), rule_jobs, [&](size_t i) {
    const RuleContext context{output.model, *engine, settings, expanded, &rule_problems[i]};
    selected[i]->Check(context, &found[i]);
  });
  // The findings hold what they need: the subnets' routes go, and so does
  // the model when the caller does not read it.
  engine.reset();
  if (!options.keep_model) {
    std::vector<std::string> model_files = std::move(output.model.files);
    output.model = Model();
    output.model.files = std::move(model_files);
  }
  size_t found_count = 0;
  for (size_t i = 0; i < selected.size(); ++i) {
    found_count += found[i].size();
    std::move(rule_problems[i].begin(), rule_problems[i].end(), std::back_inserter(report.diagnostics));
  }
  output.times.rules = SecondsSince(rules_start);
  auto locate_start = std::chrono::steady_clock::now();

  OriginLocator locator(output);
  std::vector<uint32_t> lookups_left = LookupsPerFile(all_files.size(), found, pending, inline_suppressions);
  if (options.jobs > 1) {
    std::vector<bool> involved(lookups_left.size());
    for (size_t file = 0; file < involved.size(); ++file) involved[file] = lookups_left[file] > 0;
    locator.Prepare(involved, options.jobs);
  }
  // A file's text and indexes go once its last place is located: with few
  // large files and many findings, they were a fifth of the peak.
  auto looked_up = [&](uint32_t file) {
    if (file < lookups_left.size() && --lookups_left[file] == 0) locator.Release(file);
  };
  // Each rule's findings are located in the catalogue's order, in place: a
  // list of them all would hold tens of thousands twice.
  report.findings.reserve(report.findings.size() + found_count);
  std::vector<uint32_t> files_of_finding;
  for (std::vector<PendingFinding>& of_rule : found) {
    of_rule.shrink_to_fit();  // the rule's list grew by doubling
    for (PendingFinding& p : of_rule) {
      files_of_finding.clear();
      ForEachOriginFile(p, [&](uint32_t file) { files_of_finding.push_back(file); });
      report.findings.push_back(LocateFinding(std::move(p), locator));
      p = PendingFinding();  // its origins go as the located finding grows: tens of thousands add up
      for (uint32_t file : files_of_finding) looked_up(file);
    }
    std::vector<PendingFinding>().swap(of_rule);
  }
  for (PendingDiagnostic& d : pending) {
    if (d.locate) {
      d.diagnostic.location = locator.Locate(d.origin);
      looked_up(d.origin.file);
    }
    report.diagnostics.push_back(std::move(d.diagnostic));
  }
  output.times.locate = SecondsSince(locate_start);

  // What the team accepted: severities, suppressions, the baseline.
  ApplySeverities(options.severity, &report.findings);
  std::vector<InlineSuppression> located_inline;
  for (PendingInlineSuppression& p : inline_suppressions) {
    p.suppression.where = locator.Locate(p.origin);
    located_inline.push_back(std::move(p.suppression));
  }
  AddBicepIgnoreComments(bicep_inputs, &located_inline, &report.diagnostics);
  // After every place is located: a stale Bicep source, said once.
  for (Diagnostic& note : locator.SourceMapNotes()) report.diagnostics.push_back(std::move(note));
  auto rule_ran = [&ran](std::string_view pattern) {
    return std::any_of(ran.begin(), ran.end(), [&](const RuleMeta* meta) { return RuleMatches(*meta, pattern); });
  };
  ApplySuppressions(options.suppressions, located_inline, options.today, rule_ran, &report.findings, &report.diagnostics);
  if (!options.baseline.empty()) {
    std::set<std::string> fingerprints;
    Diagnostic problem;
    if (LoadBaseline(options.baseline, &fingerprints, &problem)) {
      ApplyBaseline(fingerprints, &report.findings);
      report.baseline_applied = true;
    } else {
      report.diagnostics.push_back(std::move(problem));
    }
  }
  if (scoped) {
    // A .bicep source counts as named when a template compiled from it is, and as loaded.
    std::vector<std::string> loaded = all_files;
    for (const auto& [source, compiled_files] : locator.mapped_sources()) {
      loaded.push_back(source);
      for (uint32_t file : compiled_files) {
        if (named_files.count(all_files[file])) named_files.insert(source);
      }
    }
    std::erase_if(report.findings, [&](const Finding& f) { return !ReportedFile(named_files, loaded, f); });
    // Notes about values unknown in files the user did not name are noise there.
    std::erase_if(report.diagnostics, [&](const Diagnostic& d) {
      return d.severity == Severity::kNote && d.id == "RL900" && !named_files.count(d.location.file);
    });
  }
  report.rules = RuleCatalogue(options.custom_rules);
  std::sort(report.findings.begin(), report.findings.end(), FindingLess);
  std::sort(report.diagnostics.begin(), report.diagnostics.end(), DiagnosticLess);
  return output;
}

}  // namespace routelint

// The lint pipeline end to end: discover → parse → expand → model → rules,
// then findings located in the source text. Used by `routelint check` and by
// the tests; knows nothing of the command line.
#ifndef ROUTELINT_CLI_LINT_H_
#define ROUTELINT_CLI_LINT_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "expand/evaluator.h"
#include "model/model.h"
#include "model/topology.h"
#include "parse/json_loader.h"
#include "policy/suppression.h"
#include "report/report.h"
#include "route/effective_routes.h"
#include "rules/custom_rule.h"
#include "rules/rule.h"

namespace routelint {

struct LintOptions {
  std::vector<std::string> paths;       // files and directories; empty = "."
  std::vector<std::string> parameters;  // explicit parameters files
  std::vector<std::string> select;      // rule ids or names; empty = all
  std::vector<std::string> ignore;
  int jobs = 1;
  DeploymentContext deployment;
  /// Routes learned from on-premises (ExpressRoute route table export).
  std::string bgp_routes;
  /// On-premises networks that must reach Azure (RL022).
  std::vector<Prefix> onprem_prefixes;
  /// RL012's route table naming pattern; empty: RL012 is off.
  std::string route_table_naming;
  /// The Bicep CLI used for *.bicep inputs; empty: found on PATH.
  std::string bicep;
  /// Linked templates addressed by URI: (URI prefix, local folder) pairs.
  std::vector<std::pair<std::string, std::string>> link_map;
  /// The rest of the estate ([estate] paths): loaded so that rules see the
  /// whole network, while findings are reported for `paths` only.
  std::vector<std::string> estate_paths;
  /// Severity per rule pattern ([rules.severity]); the last match wins.
  std::vector<std::pair<std::string, Severity>> severity;
  std::vector<SuppressionRule> suppressions;
  std::vector<HubDeclaration> hubs;
  std::vector<Intent> intents;
  std::vector<CustomRuleSpec> custom_rules;
  /// A baseline file (--baseline): findings it records do not count.
  std::string baseline;
  /// The day suppressions' expiry dates compare with.
  CivilDate today = TodayUtc();
  /// Called as files are parsed and evaluated (from worker threads, with
  /// the count done so far); empty: no progress reports.
  std::function<void(size_t done, size_t total)> progress;
  /// False: the caller reads only the report, and the model (all but its
  /// file list) goes once the rules ran, before tens of thousands of
  /// findings are located.
  bool keep_model = true;
};

/// Seconds spent per stage (parse and expand summed over threads).
struct StageTimes {
  double parse = 0;   // reading and parsing files (DOMs freed included)
  double expand = 0;  // evaluating templates
  double model = 0;   // reading resources into model objects (summed over threads), joining them, roles
  double rules = 0;
  double locate = 0;  // turning finding origins into line:column
};

/// An input file that contributed no resources of its own, and why.
struct SkippedFile {
  std::string file;
  std::string reason;
};

/// A template compiled from Bicep.
struct CompiledBicep {
  uint32_t file = 0;         // the compiled template's index in the files
  std::string source;        // the .bicep file
  std::string compiled_text;  // when routelint compiled it (no file holds it); else empty
  bool guessed = false;       // paired by the quickstart layout (main.bicep, azuredeploy.json), not by name
};

struct LintOutput {
  Report report;  // findings and diagnostics sorted; rules = the catalogue
  std::vector<SkippedFile> skipped;  // for --verbose
  Model model;
  OnPremisesRoutes learned;  // from LintOptions::bgp_routes
  std::vector<uint32_t> flattened_exports;  // files az printed flattened (OriginLocator::MarkFlattened)
  std::vector<CompiledBicep> compiled_from_bicep;  // (OriginLocator::MarkCompiledFromBicep)
  StageTimes times;
};

LintOutput RunLint(const LintOptions& options);

class BicepSourceMap;
class LineIndex;
class PointerIndex;

/// Turns model origins (file + JSON pointer) into line:column, reading and
/// indexing each involved file once: the cost is linear in the size of those
/// files, plus a binary search per pointer step of each origin.
class OriginLocator {
 public:
  explicit OriginLocator(std::vector<std::string> files);
  /// For the files of a lint run, knowing what it learned of them (exports
  /// az printed flattened, templates compiled from Bicep).
  explicit OriginLocator(const LintOutput& output);
  ~OriginLocator();
  Location Locate(const Origin& origin) { return Locate(origin, nullptr); }
  /// As Locate; when the place maps into a .bicep source, *compiled (if
  /// given) gets the same place in the compiled template (file empty when no
  /// file holds that template).
  Location Locate(const Origin& origin, Location* compiled);
  /// Reads and indexes the files marked in `involved` (by index) on up to
  /// `jobs` threads, ahead of the lookups: the files' work is independent.
  /// With one job it does nothing (files are read as lookups reach them).
  void Prepare(const std::vector<bool>& involved, int jobs);
  /// Frees what was read of `file` when no more lookups are expected there
  /// (one that comes all the same reads it again).
  void Release(uint32_t file);
  /// Units of work done so far (bytes read and scanned, pointer steps), for
  /// tests of the complexity.
  size_t work() const;
  /// `file` is an export az printed with `properties` flattened: origins
  /// that point into its resources' normalised bodies are found without
  /// their "properties" steps.
  void MarkFlattened(uint32_t file) { flattened_.insert(file); }
  /// `file` is a template compiled from `bicep_source`: places in it are
  /// reported in the Bicep source where they can be followed there.
  /// `compiled_text`: the template, when routelint compiled it (no file holds it).
  /// `guessed`: paired by the layout rather than the name; a source that
  /// does not agree with it then gets no RL906 note (it is another file).
  void MarkCompiledFromBicep(uint32_t file, std::string bicep_source, std::string compiled_text = {},
                             bool guessed = false);
  /// One RL906 note per compiled template whose Bicep source (or one of its
  /// modules) could not be followed (a stale build), at that source file: its
  /// findings stay in the compiled template.
  std::vector<Diagnostic> SourceMapNotes() const;
  /// The .bicep files places were reported in, each with the compiled
  /// templates (by file index) whose places went there.
  const std::map<std::string, std::set<uint32_t>>& mapped_sources() const { return mapped_sources_; }

 private:
  struct Entry {
    FileText text;
    std::unique_ptr<LineIndex> lines;        // null when the file could not be read
    std::unique_ptr<PointerIndex> pointers;  // views into `text`
  };
  struct BicepInput {
    std::string source;
    std::string compiled_text;
    std::unique_ptr<Json> compiled;
    std::unique_ptr<BicepSourceMap> map;  // null until first used, or when the compiled text does not parse
    bool loaded = false;
    bool guessed = false;
  };
  Entry& EntryFor(uint32_t file);
  // Where a place in `file` is in the file itself.
  Location LocateInFile(const Origin& origin);
  BicepSourceMap* SourceMapFor(uint32_t file);
  std::vector<std::string> files_;
  std::map<uint32_t, BicepInput> bicep_;
  std::map<std::string, std::set<uint32_t>> mapped_sources_;
  std::vector<std::unique_ptr<Entry>> texts_;  // by file index, loaded on first use
  std::set<uint32_t> flattened_;
};

/// The catalogue as report metadata (pages included), sorted by id, with the
/// configuration's custom rules after routelint's own.
std::vector<RuleInfo> RuleCatalogue(const std::vector<CustomRuleSpec>& custom_rules = {});

/// True when a rule id or name matches `pattern` (an id, a name, or a glob
/// with '*').
bool RuleMatches(const RuleMeta& meta, std::string_view pattern);

}  // namespace routelint

#endif  // ROUTELINT_CLI_LINT_H_

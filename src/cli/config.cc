#include "cli/config.h"

#include <fmt/format.h>

#include <filesystem>
#include <initializer_list>
#include <re2/re2.h>
#include <toml++/toml.h>

#include "base/strings.h"
#include "cli/lint.h"
#include "discover/discover.h"
#include "expand/value.h"
#include "parse/json_loader.h"

namespace routelint {
namespace fs = std::filesystem;

namespace {

std::string KeyList(std::initializer_list<std::string_view> keys) {
  std::string list;
  for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
  return list;
}

// Reads one configuration file into a Config, section by section. Every
// reader returns false after recording the first error with its place.
class ConfigReader {
 public:
  ConfigReader(std::string path, Config* config) : path_(std::move(path)), config_(*config) {}

  bool Read(const toml::table& root) {
    const std::initializer_list<std::string_view> kSections = {
        "rules", "suppress", "estate", "topology", "onprem", "intent", "naming", "custom_rule"};
    for (auto&& [key, node] : root) {
      const std::string_view name = key.str();
      bool ok = true;
      if (name == "rules") ok = Table(node, "[rules]") && Rules(*node.as_table());
      else if (name == "suppress") ok = ArrayOfTables(node, "[[suppress]]", &ConfigReader::Suppress);
      else if (name == "estate") ok = Table(node, "[estate]") && Estate(*node.as_table());
      else if (name == "topology") ok = Table(node, "[topology]") && Topology(*node.as_table());
      else if (name == "onprem") ok = Table(node, "[onprem]") && Onprem(*node.as_table());
      else if (name == "intent") ok = ArrayOfTables(node, "[[intent]]", &ConfigReader::IntentEntry);
      else if (name == "naming") ok = Table(node, "[naming]") && Naming(*node.as_table());
      else if (name == "custom_rule") ok = ArrayOfTables(node, "[[custom_rule]]", &ConfigReader::CustomRule);
      else ok = Fail(node, fmt::format("unknown section [{}] (known: {})", name, KeyList(kSections)));
      if (!ok) return false;
    }
    return true;
  }

  Diagnostic error;

 private:
  using EntryReader = bool (ConfigReader::*)(const toml::table&);

  bool Fail(const toml::node& node, std::string message) {
    const toml::source_region& where = node.source();
    error = Diagnostic{"RL902", Severity::kError,
                       Location{path_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)},
                       std::move(message)};
    return false;
  }

  bool Table(const toml::node& node, std::string_view what) {
    return node.is_table() || Fail(node, fmt::format("{} must be a table", what));
  }

  bool ArrayOfTables(const toml::node& node, std::string_view what, EntryReader read) {
    const toml::array* list = node.as_array();
    if (list == nullptr) return Fail(node, fmt::format("{} must be an array of tables: write {} entries", what, what));
    for (const toml::node& entry : *list) {
      if (!entry.is_table()) return Fail(entry, fmt::format("each {} entry must be a table", what));
      if (!(this->*read)(*entry.as_table())) return false;
    }
    return true;
  }

  // Unknown keys are errors: `section` names the table in messages.
  bool OnlyKeys(const toml::table& table, std::string_view section, std::initializer_list<std::string_view> keys) {
    for (auto&& [key, node] : table) {
      bool known = false;
      for (std::string_view k : keys) known = known || k == key.str();
      if (!known) return Fail(node, fmt::format("unknown key {}.{} (known: {})", section, key.str(), KeyList(keys)));
    }
    return true;
  }

  bool Require(const toml::table& table, std::string_view key, std::string_view section) {
    if (table.contains(key)) return true;
    return Fail(table, fmt::format("{} needs `{}`", section, key));
  }

  bool String(const toml::node& node, std::string_view what, std::string* out) {
    const std::optional<std::string_view> text = node.value<std::string_view>();
    if (!text || text->empty()) return Fail(node, fmt::format("{} must be a non-empty string", what));
    *out = std::string(*text);
    return true;
  }

  bool StringList(const toml::node& node, std::string_view what, std::vector<std::string>* out) {
    const toml::array* list = node.as_array();
    if (list == nullptr) return Fail(node, fmt::format("{} must be an array of strings", what));
    for (const toml::node& item : *list) {
      std::string text;
      if (!String(item, what, &text)) return false;
      out->push_back(std::move(text));
    }
    return true;
  }

  bool Regex(const toml::node& node, std::string_view what, std::string* out) {
    if (!String(node, what, out)) return false;
    RE2 compiled(*out, RE2::Quiet);
    return compiled.ok() || Fail(node, fmt::format("{}: invalid RE2 pattern: {}", what, compiled.error()));
  }

  bool SeverityValue(const toml::node& node, std::string_view what, Severity* out) {
    const std::optional<std::string_view> text = node.value<std::string_view>();
    if (text && ParseSeverity(*text, out)) return true;
    return Fail(node, fmt::format("{} must be \"error\", \"warning\" or \"note\"", what));
  }

  bool Bool(const toml::node& node, std::string_view what, bool* out) {
    const std::optional<bool> value = node.value<bool>();
    if (!value) return Fail(node, fmt::format("{} must be true or false", what));
    *out = *value;
    return true;
  }

  bool PrefixValue(const toml::node& node, std::string_view what, Prefix* out) {
    std::string text, problem;
    if (!String(node, what, &text)) return false;
    const std::optional<Prefix> prefix = Prefix::Parse(text, &problem);
    if (!prefix) return Fail(node, fmt::format("{}: {}", what, problem));
    *out = *prefix;
    return true;
  }

  bool AddressValue(const toml::node& node, std::string_view what, IpAddress* out) {
    std::string text, problem;
    if (!String(node, what, &text)) return false;
    const std::optional<IpAddress> address = IpAddress::Parse(text, &problem);
    if (!address) return Fail(node, fmt::format("{}: {}", what, problem));
    *out = *address;
    return true;
  }

  // A path relative to the configuration file's folder.
  std::string Relative(std::string_view file) const {
    return TidyPath((fs::path(path_).parent_path() / std::string(file)).string());
  }

  Location Where(const toml::node& node) const {
    return Location{path_, static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column)};
  }

  bool Rules(const toml::table& table) {
    if (!OnlyKeys(table, "rules", {"select", "ignore", "severity"})) return false;
    if (const toml::node* n = table.get("select"); n && !StringList(*n, "rules.select", &config_.select)) return false;
    if (const toml::node* n = table.get("ignore"); n && !StringList(*n, "rules.ignore", &config_.ignore)) return false;
    if (const toml::node* n = table.get("severity")) {
      if (!Table(*n, "[rules.severity]")) return false;
      for (auto&& [key, value] : *n->as_table()) {
        Severity severity;
        if (!SeverityValue(value, fmt::format("rules.severity.{}", key.str()), &severity)) return false;
        config_.severity.emplace_back(std::string(key.str()), severity);
      }
    }
    return true;
  }

  bool Suppress(const toml::table& table) {
    if (!OnlyKeys(table, "suppress", {"rule", "resource", "file", "reason", "expires"})) return false;
    if (!Require(table, "rule", "[[suppress]]") || !Require(table, "reason", "[[suppress]]")) return false;
    SuppressionRule rule;
    rule.where = Where(table);
    if (!String(*table.get("rule"), "suppress.rule (a rule id, name or glob)", &rule.rule)) return false;
    if (!String(*table.get("reason"), "suppress.reason (why this finding is accepted)", &rule.reason)) return false;
    if (const toml::node* n = table.get("resource"); n && !Regex(*n, "suppress.resource", &rule.resource)) return false;
    if (const toml::node* n = table.get("file"); n && !Regex(*n, "suppress.file", &rule.file)) return false;
    if (const toml::node* n = table.get("expires")) {
      const std::optional<toml::date> date = n->value<toml::date>();
      if (!date) return Fail(*n, "suppress.expires must be a date: expires = 2027-06-30");
      rule.has_expiry = true;
      rule.expires = CivilDate{date->year, date->month, date->day};
    }
    config_.suppressions.push_back(std::move(rule));
    return true;
  }

  bool Estate(const toml::table& table) {
    if (!OnlyKeys(table, "estate", {"paths"})) return false;
    std::vector<std::string> paths;
    if (const toml::node* n = table.get("paths"); n && !StringList(*n, "estate.paths", &paths)) return false;
    for (const std::string& p : paths) config_.estate_paths.push_back(Relative(p));
    return true;
  }

  bool Topology(const toml::table& table) {
    if (!OnlyKeys(table, "topology", {"hubs"})) return false;
    const toml::node* hubs = table.get("hubs");
    if (hubs == nullptr) return true;
    const toml::array* list = hubs->as_array();
    if (list == nullptr) return Fail(*hubs, "topology.hubs must be an array of tables: [{ vnet = \"...\" }]");
    for (const toml::node& entry : *list) {
      const toml::table* hub = entry.as_table();
      if (hub == nullptr) return Fail(entry, "each topology.hubs entry must be a table: { vnet = \"...\" }");
      if (!OnlyKeys(*hub, "topology.hubs", {"vnet", "firewall_ip", "supernet"})) return false;
      if (!Require(*hub, "vnet", "topology.hubs entry")) return false;
      HubDeclaration declaration;
      declaration.where = Where(entry);
      if (!String(*hub->get("vnet"), "topology.hubs.vnet", &declaration.vnet)) return false;
      if (const toml::node* n = hub->get("firewall_ip")) {
        IpAddress ip;
        if (!AddressValue(*n, "topology.hubs.firewall_ip", &ip)) return false;
        declaration.firewall_ip = ip;
      }
      if (const toml::node* n = hub->get("supernet")) {
        Prefix prefix;
        if (!PrefixValue(*n, "topology.hubs.supernet", &prefix)) return false;
        declaration.supernet = prefix;
      }
      config_.hubs.push_back(std::move(declaration));
    }
    return true;
  }

  bool Onprem(const toml::table& table) {
    if (!OnlyKeys(table, "onprem", {"prefixes", "learned_routes"})) return false;
    if (const toml::node* n = table.get("prefixes")) {
      const toml::array* list = n->as_array();
      if (list == nullptr) return Fail(*n, "onprem.prefixes must be an array of CIDR strings");
      for (const toml::node& item : *list) {
        Prefix prefix;
        if (!PrefixValue(item, "onprem.prefixes", &prefix)) return false;
        config_.onprem_prefixes.push_back(prefix);
      }
    }
    if (const toml::node* n = table.get("learned_routes")) {
      std::string file;
      if (!String(*n, "onprem.learned_routes (a file name)", &file)) return false;
      config_.learned_routes = Relative(file);
    }
    return true;
  }

  bool IntentEntry(const toml::table& table) {
    if (!OnlyKeys(table, "intent", {"from", "to", "via", "reach"})) return false;
    if (!Require(table, "from", "[[intent]]") || !Require(table, "to", "[[intent]]")) return false;
    Intent intent;
    intent.where = Where(table);
    if (!String(*table.get("from"), "intent.from (VNET/SUBNET)", &intent.from)) return false;
    if (intent.from.find('/') == std::string::npos) {
      return Fail(*table.get("from"), "intent.from must name a subnet as VNET/SUBNET");
    }
    if (!AddressValue(*table.get("to"), "intent.to", &intent.destination)) return false;
    intent.to = intent.destination.ToString();
    if (const toml::node* n = table.get("via"); n && !StringList(*n, "intent.via", &intent.via)) return false;
    if (const toml::node* n = table.get("reach"); n && !Bool(*n, "intent.reach", &intent.reach)) return false;
    if (!intent.reach && !intent.via.empty()) {
      return Fail(*table.get("via"), "intent.via makes no sense with reach = false: the packet must not arrive at all");
    }
    config_.intents.push_back(std::move(intent));
    return true;
  }

  bool Naming(const toml::table& table) {
    if (!OnlyKeys(table, "naming", {"route_table"})) return false;
    const toml::node* n = table.get("route_table");
    if (n == nullptr) return true;
    std::string pattern;
    if (!String(*n, "naming.route_table (a pattern)", &pattern)) return false;
    // Check the pattern now, with placeholders filled, so a bad one fails here.
    RE2 compiled(ReplaceAll(ReplaceAll(pattern, "{vnet}", "x"), "{subnet}", "x"), RE2::Quiet);
    if (!compiled.ok()) return Fail(*n, "naming.route_table: " + compiled.error());
    config_.route_table_naming = std::move(pattern);
    return true;
  }

  bool CustomRule(const toml::table& table) {
    if (!OnlyKeys(table, "custom_rule",
                  {"id", "name", "summary", "message", "severity", "type", "resource", "role", "where", "require"})) {
      return false;
    }
    for (std::string_view key : {"id", "type", "message", "require"}) {
      if (!Require(table, key, "[[custom_rule]]")) return false;
    }
    CustomRuleSpec spec;
    spec.location = Where(table);
    const toml::node& id = *table.get("id");
    if (!String(id, "custom_rule.id", &spec.id)) return false;
    if (!RE2::FullMatch(spec.id, R"([A-Za-z][A-Za-z0-9_]*[0-9])") || RE2::FullMatch(spec.id, R"((?i)RL[0-9]+)")) {
      return Fail(id, fmt::format("custom_rule.id '{}' must be letters then digits (such as ORG001), and not RLnnn, "
                                  "which routelint's own rules use", spec.id));
    }
    for (const CustomRuleSpec& other : config_.custom_rules) {
      if (EqualsIgnoreCase(other.id, spec.id)) return Fail(id, fmt::format("custom_rule.id '{}' is used twice", spec.id));
    }
    spec.name = spec.id;
    if (const toml::node* n = table.get("name"); n && !String(*n, "custom_rule.name", &spec.name)) return false;
    if (const toml::node* n = table.get("summary"); n && !String(*n, "custom_rule.summary", &spec.summary)) return false;
    if (!String(*table.get("message"), "custom_rule.message", &spec.message)) return false;
    if (const toml::node* n = table.get("severity"); n && !SeverityValue(*n, "custom_rule.severity", &spec.severity)) {
      return false;
    }
    if (!String(*table.get("type"), "custom_rule.type (a resource type)", &spec.type)) return false;
    if (const toml::node* n = table.get("resource"); n && !Regex(*n, "custom_rule.resource", &spec.resource)) return false;
    if (const toml::node* n = table.get("role")) {
      if (!String(*n, "custom_rule.role", &spec.role)) return false;
      if (spec.role != "hub" && spec.role != "spoke") return Fail(*n, "custom_rule.role must be \"hub\" or \"spoke\"");
    }
    if (const toml::node* n = table.get("where"); n && !Conditions(*n, "custom_rule.where", &spec.where)) return false;
    if (!Conditions(*table.get("require"), "custom_rule.require", &spec.require)) return false;
    if (spec.require.empty()) return Fail(*table.get("require"), "custom_rule.require needs at least one condition");
    config_.custom_rules.push_back(std::move(spec));
    return true;
  }

  // `"dotted.path" = value`: a string is an RE2 pattern for the whole value;
  // true/false/numbers must be equal; { present = true|false } tests presence.
  bool Conditions(const toml::node& node, std::string_view what, std::vector<PropertyCondition>* out) {
    if (!Table(node, what)) return false;
    for (auto&& [key, value] : *node.as_table()) {
      PropertyCondition condition;
      condition.path = std::string(key.str());
      std::string problem;
      if (!ValidPropertyPath(condition.path, &problem)) return Fail(value, fmt::format("{}: {}", what, problem));
      if (value.is_string()) {
        condition.kind = PropertyCondition::Kind::kPattern;
        if (!Regex(value, fmt::format("{}.\"{}\"", what, condition.path), &condition.pattern)) return false;
      } else if (value.is_boolean()) {
        condition.value_json = *value.value<bool>() ? "true" : "false";
      } else if (value.is_integer()) {
        condition.value_json = std::to_string(*value.value<int64_t>());
      } else if (value.is_floating_point()) {
        condition.value_json = fmt::format("{}", *value.value<double>());
      } else if (const toml::table* presence = value.as_table();
                 presence && presence->size() == 1 && presence->contains("present") && presence->get("present")->is_boolean()) {
        condition.kind = *presence->get("present")->value<bool>() ? PropertyCondition::Kind::kPresent
                                                                   : PropertyCondition::Kind::kAbsent;
      } else {
        return Fail(value, fmt::format("{}.\"{}\" must be a pattern string, true/false, a number, or "
                                       "{{ present = true|false }}",
                                       what, condition.path));
      }
      out->push_back(std::move(condition));
    }
    return true;
  }

  std::string path_;
  Config& config_;
};

}  // namespace

std::string FindConfig(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start.empty() ? "." : start, ec);
  while (!ec) {
    const fs::path candidate = dir / ".routelint.toml";
    if (fs::is_regular_file(candidate, ec)) {
      const fs::path relative = fs::relative(candidate, fs::current_path(), ec);
      return TidyPath((ec || relative.empty() ? candidate : relative).string());
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return {};
}

namespace {

// Where `text` has a non-ASCII byte outside TOML strings and comments, or
// npos. TOML allows none there (bare keys are ASCII), and toml++ 3.3 reaches
// __builtin_unreachable() on some (U+00A1-U+0499, U+2C6E-U+3067) when it
// asks whether they are whitespace: undefined behaviour on a wrong file,
// which the config fuzzer found once toml++ was built with the sanitizers.
// Such a file gets its error here instead; a valid one is untouched.
size_t NonAsciiOutsideStrings(std::string_view text) {
  size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 BOM
  auto skip_string = [&](std::string_view quote, bool escapes, bool multiline) {
    i += quote.size();
    while (i < text.size()) {
      if (text.compare(i, quote.size(), quote) == 0) {
        i += quote.size();
        // A multi-line string may end in one or two quotes of its own.
        for (int extra = 0; multiline && extra < 2 && i < text.size() && text[i] == quote[0]; ++extra) ++i;
        return;
      }
      if (!multiline && text[i] == '\n') return;  // unterminated: toml++ says so
      i += escapes && text[i] == '\\' ? 2 : 1;
    }
  };
  // A quote opens a string only where TOML has one: at the start of a line
  // (a key), after '=', '[', ',', '{' or '.' (spaces between). Elsewhere the
  // file is wrong already, and toml++ may read what follows as bare text.
  char last = '\n';  // the last character outside strings, spaces and tabs aside
  while (i < text.size()) {
    const char c = text[i];
    const bool opens = last == '\n' || last == '=' || last == '[' || last == ',' || last == '{' || last == '.';
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"' && opens) {
      const bool multiline = text.compare(i, 3, R"(""")") == 0;
      skip_string(multiline ? R"(""")" : R"(")", /*escapes=*/true, multiline);
      last = '"';
    } else if (c == '\'' && opens) {
      const bool multiline = text.compare(i, 3, "'''") == 0;
      skip_string(multiline ? "'''" : "'", /*escapes=*/false, multiline);
      last = '\'';
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return i;
    } else {
      if (c != ' ' && c != '\t' && c != '\r') last = c;
      ++i;
    }
  }
  return std::string_view::npos;
}

// 1-based line and column (in code points) of byte `offset` of `text`.
void LineAndColumn(std::string_view text, size_t offset, int* line, int* column) {
  *line = 1;
  *column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      *column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++*column;
    }
  }
}

}  // namespace

bool LoadConfig(const std::string& path, Config* config, Diagnostic* error) {
  std::string text;
  if (!ReadFileText(path, kMaxConfigBytes, &text, error)) {
    config->path = path;
    return false;
  }
  return LoadConfigText(path, text, config, error);
}

bool LoadConfigText(const std::string& path, std::string_view text, Config* config, Diagnostic* error) {
  config->path = path;
  if (const size_t at = NonAsciiOutsideStrings(text); at != std::string_view::npos) {
    int line = 0;
    int column = 0;
    LineAndColumn(text, at, &line, &column);
    *error = Diagnostic{"RL902", Severity::kError, Location{path, line, column},
                        "a non-ASCII character outside a string or comment: TOML allows it only in quoted strings "
                        "and comments (a key with one must be quoted)"};
    return false;
  }
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const toml::source_region& where = e.source();
    *error = Diagnostic{"RL902", Severity::kError,
                        Location{path, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)},
                        std::string(e.description())};
    return false;
  }
  ConfigReader reader(path, config);
  if (reader.Read(root)) return true;
  *error = std::move(reader.error);
  return false;
}

void ApplyConfig(const Config& config, LintOptions* options) {
  if (options->route_table_naming.empty()) options->route_table_naming = config.route_table_naming;
  if (options->bgp_routes.empty()) options->bgp_routes = config.learned_routes;
  if (options->onprem_prefixes.empty()) options->onprem_prefixes = config.onprem_prefixes;
  // The command line's --select/--ignore replace the configuration's.
  if (options->select.empty()) options->select = config.select;
  if (options->ignore.empty()) options->ignore = config.ignore;
  options->severity = config.severity;
  options->suppressions = config.suppressions;
  if (options->estate_paths.empty()) options->estate_paths = config.estate_paths;
  options->hubs = config.hubs;
  options->intents = config.intents;
  options->custom_rules = config.custom_rules;
}

}  // namespace routelint

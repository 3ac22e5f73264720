#include "cli/config.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli/lint.h"

namespace routelint {
namespace {

std::string WriteTemp(const std::string& text) {
  char name[] = "/tmp/routelint-config-XXXXXX";
  const int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  std::FILE* f = fdopen(fd, "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
  return name;
}

TEST_CASE("config: onprem prefixes and learned_routes", "[config]") {
  const std::string path = WriteTemp("[onprem]\nprefixes = [\"192.168.0.0/16\", \"10.200.0.0/16\"]\nlearned_routes = \"er.csv\"\n");
  Config config;
  Diagnostic problem;
  REQUIRE(LoadConfig(path, &config, &problem));
  REQUIRE(config.onprem_prefixes.size() == 2);
  CHECK(config.onprem_prefixes[1].ToString() == "10.200.0.0/16");
  CHECK(config.learned_routes == "/tmp/er.csv");  // relative to the config file
  LintOptions options;
  options.bgp_routes = "from-the-command-line.csv";
  ApplyConfig(config, &options);
  CHECK(options.bgp_routes == "from-the-command-line.csv");  // the command line wins
  CHECK(options.onprem_prefixes.size() == 2);
  std::remove(path.c_str());
}

TEST_CASE("config: errors point at the file, line and column", "[config]") {
  struct Case {
    const char* text;
    int line;
    const char* says;
  } cases[] = {
      {"[onprem]\nprefixes = [\"192.168.0.1/16\"]\n", 2, "host bits"},
      {"[onprem]\nprefix = [\"192.168.0.0/16\"]\n", 2, "unknown key onprem.prefix"},
      {"[rulez]\nselect = []\n", 1, "unknown section [rulez]"},
      {"[onprem]\nprefixes = \"192.168.0.0/16\"\n", 2, "must be an array"},
      {"[onprem\n", 1, ""},
      {"[rules]\nselect = \"RL001\"\n", 2, "rules.select must be an array of strings"},
      {"[rules.severity]\nRL002 = \"info\"\n", 2, "must be \"error\", \"warning\" or \"note\""},
      {"[[suppress]]\nrule = \"RL002\"\n", 1, "[[suppress]] needs `reason`"},
      {"[[suppress]]\nrule = \"RL002\"\nreason = \"x\"\nresource = \"(\"\n", 4, "invalid RE2 pattern"},
      {"[[suppress]]\nrule = \"RL002\"\nreason = \"x\"\nexpires = \"soon\"\n", 4, "must be a date"},
      {"[[suppress]]\nrule = \"RL002\"\nreason = \"x\"\nowner = \"me\"\n", 4, "unknown key suppress.owner"},
      {"[topology]\nhubs = [{ vnet = \"hub\", firewall_ip = \"10.1.0.400\" }]\n", 2, "topology.hubs.firewall_ip"},
      {"[[intent]]\nfrom = \"spoke\"\nto = \"10.1.0.4\"\n", 2, "VNET/SUBNET"},
      {"[[intent]]\nfrom = \"v/s\"\nto = \"10.1.0.4\"\nreach = false\nvia = [\"fw\"]\n", 5, "reach = false"},
      {"[[custom_rule]]\nid = \"RL100\"\ntype = \"t\"\nmessage = \"m\"\nrequire = { name = \"x\" }\n", 2, "not RLnnn"},
      {"[[custom_rule]]\nid = \"ORG1\"\ntype = \"t\"\nmessage = \"m\"\nrequire = { \"properties..x\" = true }\n", 5,
       "empty member name"},
      {"[[custom_rule]]\nid = \"ORG1\"\ntype = \"t\"\nmessage = \"m\"\nrequire = { \"a\" = [1] }\n", 5, "must be a pattern"},
      {"[[custom_rule]]\nid = \"ORG1\"\ntype = \"t\"\nmessage = \"m\"\n", 1, "needs `require`"},
      {"[[custom_rule]]\nid = \"ORG1\"\ntype = \"t\"\nmessage = \"m\"\nrole = \"leaf\"\nrequire = { a = 1 }\n", 5,
       "hub\" or \"spoke"},
      {"[estate]\npaths = [1]\n", 2, "non-empty string"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::string path = WriteTemp(c.text);
    Config config;
    Diagnostic problem;
    CHECK_FALSE(LoadConfig(path, &config, &problem));
    CHECK(problem.id == "RL902");
    CHECK(problem.location.file == path);
    CHECK(problem.location.line == c.line);
    CHECK(problem.location.column > 0);
    CHECK(problem.message.find(c.says) != std::string::npos);
    std::remove(path.c_str());
  }
}

TEST_CASE("config: the whole schema reads into the options", "[config]") {
  const std::string path = WriteTemp(R"([rules]
select = ["RL0*"]
ignore = ["RL011"]
[rules.severity]
RL002 = "note"

[[suppress]]
rule = "RL002"
resource = "spoke4"
file = "sandbox/.*"
reason = "sandbox spoke, egress reviewed"
expires = 2027-06-30

[estate]
paths = ["infra/"]

[topology]
hubs = [{ vnet = "vnet-hub-blue", firewall_ip = "10.1.0.4", supernet = "10.1.0.0/16" }]

[[intent]]
from = "vnet-spoke1-blue/snet-app"
to = "10.2.12.4"
via = ["fw-blue", "fw-green"]

[naming]
route_table = "^rt-{vnet}-{subnet}$"

[[custom_rule]]
id = "ORG001"
name = "spoke-route-table-propagation"
severity = "error"
type = "Microsoft.Network/routeTables"
role = "spoke"
message = "{name}: {path} is {actual}, expected {expected}"
[custom_rule.require]
"properties.disableBgpRoutePropagation" = true
"properties.routes[*].properties.nextHopType" = "VirtualAppliance"
)");
  Config config;
  Diagnostic problem;
  REQUIRE(LoadConfig(path, &config, &problem));
  LintOptions options;
  options.ignore = {"RL012"};  // the command line replaces the configuration's list
  ApplyConfig(config, &options);
  CHECK(options.select == std::vector<std::string>{"RL0*"});
  CHECK(options.ignore == std::vector<std::string>{"RL012"});
  REQUIRE(options.severity.size() == 1);
  CHECK(options.severity[0].second == Severity::kNote);
  REQUIRE(options.suppressions.size() == 1);
  const SuppressionRule& s = options.suppressions[0];
  CHECK(s.reason == "sandbox spoke, egress reviewed");
  CHECK(s.has_expiry);
  CHECK(s.expires == CivilDate{2027, 6, 30});
  CHECK(s.where.line == 7);
  CHECK(options.estate_paths == std::vector<std::string>{"/tmp/infra/"});
  REQUIRE(options.hubs.size() == 1);
  CHECK(options.hubs[0].firewall_ip->ToString() == "10.1.0.4");
  CHECK(options.hubs[0].supernet->ToString() == "10.1.0.0/16");
  REQUIRE(options.intents.size() == 1);
  CHECK(options.intents[0].via.size() == 2);
  CHECK(options.intents[0].where.line == 20);
  CHECK(options.route_table_naming == "^rt-{vnet}-{subnet}$");
  REQUIRE(options.custom_rules.size() == 1);
  const CustomRuleSpec& rule = options.custom_rules[0];
  CHECK(rule.severity == Severity::kError);
  CHECK(rule.role == "spoke");
  REQUIRE(rule.require.size() == 2);
  CHECK(rule.require[0].kind == PropertyCondition::Kind::kEquals);
  CHECK(rule.require[0].value_json == "true");
  CHECK(rule.require[1].kind == PropertyCondition::Kind::kPattern);
  std::remove(path.c_str());
}

TEST_CASE("config: text in memory loads as a file would", "[config]") {
  Config config;
  Diagnostic problem;
  REQUIRE(LoadConfigText("repo/.routelint.toml", "[onprem]\nlearned_routes = \"er.csv\"\n", &config, &problem));
  CHECK(config.path == "repo/.routelint.toml");
  CHECK(config.learned_routes == "repo/er.csv");
  CHECK_FALSE(LoadConfigText("repo/.routelint.toml", "[onprem\n", &config, &problem));
  CHECK(problem.id == "RL902");
  CHECK(problem.location.file == "repo/.routelint.toml");
  CHECK(problem.location.line == 1);
  // A file that cannot be read is an error naming it.
  CHECK_FALSE(LoadConfig("/nonexistent/.routelint.toml", &config, &problem));
  CHECK(problem.id == "RL902");
  CHECK(problem.location.file == "/nonexistent/.routelint.toml");
}

TEST_CASE("config: a non-ASCII character outside strings and comments is an error at its place", "[config]") {
  Config config;
  Diagnostic problem;
  // The fuzzer's input: toml++ 3.3 reaches unreachable code on it.
  CHECK_FALSE(LoadConfigText("c.toml", "\xC8\x92", &config, &problem));
  CHECK(problem.id == "RL902");
  CHECK(problem.location.line == 1);
  CHECK(problem.location.column == 1);
  CHECK(problem.message.find("non-ASCII") != std::string::npos);
  CHECK_FALSE(LoadConfigText("c.toml", "[onprem]\n  v\xC3\xA9rifi\xC3\xA9 = 1\n", &config, &problem));
  CHECK(problem.location.line == 2);
  CHECK(problem.location.column == 4);

  // In comments and strings it is fine, and the values keep it.
  Config loaded;
  REQUIRE(LoadConfigText("c.toml",
                         "\xEF\xBB\xBF# v\xC3\xA9rifi\xC3\xA9 \" '\n"
                         "[onprem]\n"
                         "learned_routes = \"r\xC3\xA9seau \\\" \xE2\x80\x94 'x'.csv\" # \xC3\xA9\n",
                         &loaded, &problem));
  CHECK(loaded.learned_routes == "r\xC3\xA9seau \" \xE2\x80\x94 'x'.csv");
  // Every kind of string and quoted key gets past the check, whatever the
  // schema then says of these tables.
  const bool read = LoadConfigText("c.toml",
                                   "paths = ['caf\xC3\xA9/*.json', \"\"\"multi \"\" \xC3\xA9\"\"\"\"]\n"
                                   "[\"r\xC3\xA9gion\"]\n"
                                   "'cl\xC3\xA9' = '''\n\xC3\xA9t\xC3\xA9'' '''\n",
                                   &loaded, &problem);
  if (!read) CHECK(problem.message.find("non-ASCII") == std::string::npos);
}

}  // namespace
}  // namespace routelint

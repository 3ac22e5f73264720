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

TEST_CASE("config: [onprem] prefixes and learned_routes", "[config]") {
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

}  // namespace
}  // namespace routelint

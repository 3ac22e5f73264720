#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace routelint::testing {
namespace {

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Absolute(const std::string& path) {
  return !path.empty() && path[0] == '/' ? path : std::string(ROUTELINT_SOURCE_DIR) + "/" + path;
}

}  // namespace

RunResult RunRoutelint(const std::vector<std::string>& args) {
  char err_template[] = "/tmp/routelint-test-XXXXXX";
  const int fd = mkstemp(err_template);
  if (fd >= 0) close(fd);
  const std::string err_file = err_template;
  std::string command = "cd " + Quote(ROUTELINT_SOURCE_DIR) + " && NO_COLOR=1 " + Quote(ROUTELINT_BINARY);
  for (const std::string& arg : args) command += " " + Quote(arg);
  command += " 2>" + Quote(err_file);
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, got);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = Slurp(err_file);
  std::remove(err_file.c_str());
  return result;
}

std::string ReadSourceFile(const std::string& path) { return Slurp(Absolute(path)); }

bool MatchesGolden(const std::string& golden_path, const std::string& actual) {
  const std::string path = Absolute(golden_path);
  const char* update = std::getenv("ROUTELINT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return true;
  }
  return Slurp(path) == actual;
}

}  // namespace routelint::testing

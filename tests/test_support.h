// Helpers for the end-to-end tests: run the routelint binary, read files.
#ifndef ROUTELINT_TESTS_TEST_SUPPORT_H_
#define ROUTELINT_TESTS_TEST_SUPPORT_H_

#include <string>
#include <vector>

namespace routelint::testing {

struct RunResult {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

/// Runs the built routelint binary with `args` from the source directory.
RunResult RunRoutelint(const std::vector<std::string>& args);
/// Reads a file relative to the source directory (or absolute).
std::string ReadSourceFile(const std::string& path);
/// Compares `actual` with the golden file; rewrites it when ROUTELINT_UPDATE_GOLDEN=1.
bool MatchesGolden(const std::string& golden_path, const std::string& actual);

}  // namespace routelint::testing

#endif  // ROUTELINT_TESTS_TEST_SUPPORT_H_

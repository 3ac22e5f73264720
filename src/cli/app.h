// The command line: parses arguments, runs a command, writes the report,
// returns the exit status (0 clean, 1 findings at or above --fail-on, 2 bad
// command line or unusable input). Streams are parameters so tests can run
// the whole tool in-process.
#ifndef ROUTELINT_CLI_APP_H_
#define ROUTELINT_CLI_APP_H_

#include <cstdio>

namespace routelint {

int RunMain(int argc, const char* const* argv, std::FILE* out, std::FILE* err);

}  // namespace routelint

#endif  // ROUTELINT_CLI_APP_H_

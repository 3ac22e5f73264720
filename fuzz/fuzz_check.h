// A check that holds for every input: when it fails the harness aborts, so
// libFuzzer records the input as a crash.
#ifndef ROUTELINT_FUZZ_FUZZ_CHECK_H_
#define ROUTELINT_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                               \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

#endif  // ROUTELINT_FUZZ_FUZZ_CHECK_H_

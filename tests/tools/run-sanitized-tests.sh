#!/usr/bin/env bash
# Builds the test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (ROUTELINT_SANITIZE=ON, -O1 with assertions, in build-asan) and runs ctest
# there. The end-to-end tests run that build's routelint binary, so the CLI
# is checked too. Any sanitizer report fails the test that caused it.
#
#   tests/tools/run-sanitized-tests.sh [CTEST_ARGS...]
#
# Environment: BUILD_DIR (default build-asan), CXX (default: the system c++),
# CTEST_PARALLEL_LEVEL (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build-asan}
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

# Warnings are the normal build's business (gcc warns differently under
# sanitizers); only what the tests need is built (not the benchmarks).
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g" \
  -DROUTELINT_SANITIZE=ON -DROUTELINT_WERROR=OFF "${launcher[@]}" > /dev/null
CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} ninja -C "$build" -j1 routelint routelint_tests

# halt_on_error: the first report fails the process (and so the test);
# detect_leaks: LeakSanitizer too. Options already set by the caller win.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "${CTEST_PARALLEL_LEVEL:-1}" "$@"

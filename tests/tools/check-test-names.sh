#!/usr/bin/env bash
# catch_discover_tests turns each Catch2 test case into one ctest entry. A
# name with ';' or '[' breaks CMake's list handling (entries silently merge
# or split), and one starting with '-' reaches Catch2 as an option, so ctest
# would stop running some tests on their own.
#   tests/tools/check-test-names.sh path/to/routelint_tests
set -euo pipefail
bad=$("$1" --list-test-names-only | grep -nE '[;[]|^-' || true)
if [[ -n $bad ]]; then
  echo "test names ctest cannot run one by one (';' or '[' inside, or '-' first):" >&2
  echo "$bad" >&2
  exit 1
fi

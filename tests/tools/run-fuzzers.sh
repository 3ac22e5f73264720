#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ (clang, ASan + UBSan, in build-fuzz)
# and runs each one for SECONDS on its committed corpus (fuzz/corpus/NAME),
# one harness after another, each in a single process. Fails (exit 1) when a
# harness crashes, leaks, times out on an input or runs out of memory; the
# input is left in build-fuzz/fuzz/artifacts/NAME/ and the log beside it.
#
#   tests/tools/run-fuzzers.sh SECONDS_PER_HARNESS [NAME...]
#
# NAME: json expression ip config learned_routes lint bicep (default: all).
# Environment:
#   BUILD_DIR   build directory (default build-fuzz)
#   CXX         a clang++ (default clang++, else clang++-14)
#   FUZZ_NICE   niceness of the fuzzers (default 10)
#   FUZZ_MERGE  1: merge what the run found into fuzz/corpus/NAME, minimised
#               (-set_cover_merge=1), to commit a grown corpus
#   FUZZ_ARGS   more libFuzzer flags
#   FUZZ_BUILT  1: BUILD_DIR already holds the harnesses (the fuzz.NAME ctest
#               entries of a ROUTELINT_FUZZ build); do not configure or build
# New inputs found by a run go to build-fuzz/fuzz/work/NAME, not into the
# committed corpus (unless FUZZ_MERGE=1).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS_PER_HARNESS [NAME...]" >&2
  exit 2
fi
seconds=$1
shift
all=(json expression ip config learned_routes lint bicep)
names=("$@")
((${#names[@]})) || names=("${all[@]}")

build=${BUILD_DIR:-build-fuzz}
cxx=${CXX:-}
if [[ -z $cxx || $cxx != *clang* ]]; then
  cxx=$(command -v clang++ || command -v clang++-14 || true)
fi
if [[ -z $cxx ]]; then
  echo "run-fuzzers: clang++ is needed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

if [[ ${FUZZ_BUILT:-0} != 1 ]]; then
  # Warnings are enforced by the gcc build; a clang-only one must not stop fuzzing.
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DROUTELINT_FUZZ=ON -DROUTELINT_BUILD_TESTS=OFF -DROUTELINT_WERROR=OFF "${launcher[@]}" > /dev/null
  CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} ninja -C "$build" -j1 fuzzers
fi

failed=()
printf '%-15s %8s %12s %8s %6s %s\n' harness seconds executions corpus new result
for name in "${names[@]}"; do
  binary=$build/fuzz/fuzz_$name
  [[ -x $binary ]] || { echo "run-fuzzers: no harness '$name'" >&2; exit 2; }
  work=$build/fuzz/work/$name
  artifacts=$build/fuzz/artifacts/$name
  log=$build/fuzz/$name.log
  mkdir -p "$work" "$artifacts" "fuzz/corpus/$name"
  flags=()
  [[ -f fuzz/$name.dict ]] && flags=(-dict="fuzz/$name.dict")
  # Inputs up to 8 KiB (expressions, small templates) or 16 KiB (templates
  # through the model) keep the corpora small and the runs fast.
  [[ $name == expression ]] && flags+=(-max_len=8192)
  [[ $name == lint ]] && flags+=(-max_len=16384)
  start=$SECONDS
  status=0
  # shellcheck disable=SC2086
  nice -n "${FUZZ_NICE:-10}" "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${flags[@]}" ${FUZZ_ARGS:-} \
    "$work" "fuzz/corpus/$name" > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ ${FUZZ_MERGE:-0} == 1 && $status == 0 ]]; then
    merged=$build/fuzz/merged/$name
    rm -rf "$merged" && mkdir -p "$merged"
    nice -n "${FUZZ_NICE:-10}" "$binary" -set_cover_merge=1 -timeout=10 -rss_limit_mb=2048 "${flags[@]}" \
      "$merged" "fuzz/corpus/$name" "$work" >> "$log" 2>&1 || status=$?
    if [[ $status == 0 ]]; then
      rm -rf "fuzz/corpus/$name" && mv "$merged" "fuzz/corpus/$name"
    fi
  fi
  corpus=$(find "fuzz/corpus/$name" -type f | wc -l)
  found=$(find "$work" -type f | wc -l)
  if [[ $status == 0 ]]; then
    result=ok
  else
    result="FAILED (status $status; log $log; inputs in $artifacts/)"
    failed+=("$name")
  fi
  printf '%-15s %8s %12s %8s %6s %s\n' "$name" "$((SECONDS - start))" "${runs:-?}" "$corpus" "$found" "$result"
done

if ((${#failed[@]})); then
  echo "run-fuzzers: failed: ${failed[*]}" >&2
  for name in "${failed[@]}"; do
    echo "--- $name (end of $build/fuzz/$name.log)" >&2
    grep -v '^#' "$build/fuzz/$name.log" | tail -40 >&2
  done
  exit 1
fi

#!/usr/bin/env bash
# The benchmark: generates a synthetic estate and reports, in one run, the
# time of nlohmann's DOM parse of its files, routelint's loader, a full
# `routelint check` on 1 and 2 threads, and Python's json.load (the floor of
# any Python-based linter), with the ratios between them.
#   bench/run.sh [BUILD_DIR] [HUBS] [SPOKES] [SUBNETS]
set -euo pipefail
build=${1:-build}
hubs=${2:-40}
spokes=${3:-30}
subnets=${4:-4}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_estate.py" "$work/estate" --hubs "$hubs" --spokes "$spokes" --subnets "$subnets"
files=$(find "$work/estate" -name '*.json' | sort)
count=$(echo "$files" | wc -l)
size=$(du -sb "$work/estate" | cut -f1)
echo "estate: $hubs hubs x $spokes spokes x $subnets subnets, $count files, $((size / 1000000)) MB"
"$build/bench/parse_bench" -r 3 $files
best() {  # best wall time of 3 runs of a command, in seconds
  local best=999999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $end - $start))")
  done
  echo "$best"
}
python_time=$(best python3 -c "import json,sys
for f in sys.argv[1:]: json.load(open(f))" $files)
j1=$(best "$build/routelint" check --fail-on none -j 1 "$work/estate")
j2=$(best "$build/routelint" check --fail-on none -j 2 "$work/estate")
peak=$( { /usr/bin/time -f "%M" "$build/routelint" check --fail-on none -j 1 "$work/estate" >/dev/null; } 2>&1 )
printf 'python json.load    : %.3f s\n' "$python_time"
printf 'routelint check -j1 : %.3f s  (%.2fx python json.load)\n' "$j1" "$(python3 -c "print($j1/$python_time)")"
printf 'routelint check -j2 : %.3f s\n' "$j2"
printf 'peak memory -j1     : %d MB (input %d MB)\n' "$((peak / 1024))" "$((size / 1000000))"

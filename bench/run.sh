#!/usr/bin/env bash
# The benchmark, in one run: generates a synthetic estate (HUBS deployments
# of SPOKES spokes, some written as Bicep module loops) and half of it, and
# reports for routelint against nlohmann's plain DOM parse of the same files
# and Python's json.load (the floor of any Python-based linter, such as
# Checkov): check time on 1 and 2 threads, files/s, MB/s, resources/s, peak
# memory against the input size, growth from half to the whole estate,
# effective routes of every subnet (subnets/s) and traces, and the latency
# of one small template (what pre-commit pays).
# Then the other shape of estate, few large files: each deployment (hub and
# spokes) as one template, a route table per spoke and a finding per spoke
# subnet, against the same estate split into a file per hub and spoke; with
# the time each stage took and locate's share of the run.
# With PREV=path/to/an/older/routelint, the two binaries are alternated on
# both shapes (best of three each), so that the ratio is measured in one run.
#   [PREV=BINARY] bench/run.sh [BUILD_DIR] [HUBS] [SPOKES] [SUBNETS]     (default: build 100 100 4)
set -euo pipefail
build=${1:-build}
hubs=${2:-100}
spokes=${3:-100}
subnets=${4:-4}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py() { python3 -c "print($1)"; }

best() {  # the best wall time of 3 runs, in seconds
  local best=999999 start end
  for _ in 1 2 3; do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    best=$(py "min($best, $end - $start)")
  done
  echo "$best"
}

python3 "$here/gen_estate.py" "$work/estate" --hubs "$hubs" --spokes "$spokes" --subnets "$subnets"
python3 "$here/gen_estate.py" "$work/half" --hubs "$hubs" --spokes "$((spokes / 2))" --subnets "$subnets"
mapfile -t files < <(find "$work/estate" -name '*.json' | sort)
count=${#files[@]}
bytes=$(cat "${files[@]}" | wc -c)
half_bytes=$(find "$work/half" -name '*.json' -exec cat {} + | wc -c)
mb=$(py "$bytes / 1e6")
resources=$("$build/routelint" check -f json --fail-on none -j 2 "$work/estate" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["resources"])')
printf 'estate: %d hubs x %d spokes x %d subnets: %d files, %.1f MB, %d resources\n' \
  "$hubs" "$spokes" "$subnets" "$count" "$mb" "$resources"

parse_report=$("$build/bench/parse_bench" -r 3 "${files[@]}")
dom=$(awk '/nlohmann DOM parse/ {print $5}' <<< "$parse_report")
reader=$(awk '/^routelint loader/ {print $4}' <<< "$parse_report")
python_time=$(best python3 -c "import json,sys
for f in sys.argv[1:]: json.load(open(f, encoding='utf-8'))" "${files[@]}")
j1=$(best "$build/routelint" check --fail-on none -j 1 "$work/estate")
j2=$(best "$build/routelint" check --fail-on none -j 2 "$work/estate")
half=$(best "$build/routelint" check --fail-on none -j 1 "$work/half")
peak_of() {  # peak resident memory of one -j1 check, in KB
  { /usr/bin/time -f "%M" "$1" check --fail-on none -j 1 "$2" >/dev/null; } 2>&1 | tail -1
}
peak_kb=$(peak_of "$build/routelint" "$work/estate")
half_peak_kb=$(peak_of "$build/routelint" "$work/half")
small=$(python3 - "$build/routelint" "$root/testdata/rules/RL002/fire/spoke1.json" <<'PY'
import subprocess, sys, time
best = 1e9
for _ in range(20):
    start = time.perf_counter()
    subprocess.run([sys.argv[1], "check", "--fail-on", "none", sys.argv[2]], stdout=subprocess.DEVNULL)
    best = min(best, time.perf_counter() - start)
print(best)
PY
)

printf '\nnlohmann DOM parse, 1 thread : %7.3f s\n' "$dom"
printf 'python json.load             : %7.3f s  (%.2fx the DOM parse)\n' "$python_time" "$(py "$python_time / $dom")"
printf "routelint's JSON reader      : %7.3f s  (%.2fx the DOM parse)\n" "$reader" "$(py "$reader / $dom")"
printf 'routelint check -j1          : %7.3f s  (%.2fx the DOM parse, %.2fx python json.load)\n' \
  "$j1" "$(py "$j1 / $dom")" "$(py "$j1 / $python_time")"
printf 'routelint check -j2          : %7.3f s  (%.2fx the DOM parse)\n' "$j2" "$(py "$j2 / $dom")"
printf '  -j1 throughput             : %.0f files/s, %.1f MB/s, %.0f resources/s\n' \
  "$(py "$count / $j1")" "$(py "$mb / $j1")" "$(py "$resources / $j1")"
printf 'peak memory -j1              : %d MB  (%.2fx the %.1f MB input)\n' "$((peak_kb / 1024))" \
  "$(py "$peak_kb * 1024 / $bytes")" "$mb"
printf 'growth, half -> whole spokes : %.1f -> %.1f MB (%.2fx the input): %.3f -> %.3f s (%.2fx the time), %d -> %d MB (%.2fx the memory)\n' \
  "$(py "$half_bytes / 1e6")" "$mb" "$(py "$bytes / $half_bytes")" "$half" "$j1" "$(py "$j1 / $half")" \
  "$((half_peak_kb / 1024))" "$((peak_kb / 1024))" "$(py "$peak_kb / $half_peak_kb")"
printf 'one small template           : %.1f ms\n' "$(py "$small * 1000")"
echo
"$build/bench/route_bench" "$work/estate"

# The other shape: few large files with many findings, and the same estate
# in small files.
shape_flags=(--table-per-spoke --propagating-spokes)
python3 "$here/gen_estate.py" "$work/large" --hubs "$hubs" --spokes "$spokes" --subnets "$subnets" --file-per-hub "${shape_flags[@]}"
python3 "$here/gen_estate.py" "$work/split" --hubs "$hubs" --spokes "$spokes" --subnets "$subnets" "${shape_flags[@]}"
large_files=$(find "$work/large" -name '*.json' | wc -l)
split_files=$(find "$work/split" -name '*.json' | wc -l)
large_mb=$(py "$(find "$work/large" -name '*.json' -exec cat {} + | wc -c) / 1e6")
split_mb=$(py "$(find "$work/split" -name '*.json' -exec cat {} + | wc -c) / 1e6")
findings=$("$build/routelint" check -f json --fail-on none -j 2 "$work/large" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
stages() {  # the -v stage line of one -j1 run, and locate's share of its wall time
  local start end line
  start=$(date +%s.%N)
  line=$("$1" check -v --fail-on none -j 1 "$2" 2>&1 >/dev/null | grep ' locate ' | sed 's/^routelint: //')
  end=$(date +%s.%N)
  locate=$(sed 's/.*locate \([0-9.]*\) s.*/\1/' <<< "$line")
  printf '%s; locate %.1f%% of %.3f s' "$line" "$(py "100 * $locate / ($end - $start)")" "$(py "$end - $start")"
}
large=$(best "$build/routelint" check --fail-on none -j 1 "$work/large")
split=$(best "$build/routelint" check --fail-on none -j 1 "$work/split")
printf '\nlarge files: %d files, %.1f MB, %d findings (the same estate split: %d files)\n' \
  "$large_files" "$large_mb" "$findings" "$split_files"
printf 'routelint check -j1, large   : %7.3f s  (%.2fx the same estate in small files)\n' "$large" "$(py "$large / $split")"
printf 'routelint check -j1, split   : %7.3f s\n' "$split"
large_kb=$(peak_of "$build/routelint" "$work/large")
split_kb=$(peak_of "$build/routelint" "$work/split")
printf 'peak memory -j1, large, split: %d MB, %d MB  (%.2fx and %.2fx the input)\n' "$((large_kb / 1024))" "$((split_kb / 1024))" \
  "$(py "$large_kb * 1024 / ($large_mb * 1e6)")" "$(py "$split_kb * 1024 / ($split_mb * 1e6)")"
printf '  stages, large files        : %s\n' "$(stages "$build/routelint" "$work/large")"
printf '  stages, small files        : %s\n' "$(stages "$build/routelint" "$work/split")"

if [[ -n "${PREV:-}" ]]; then
  # Alternate the two binaries run by run, so that both see the same machine.
  echo
  for shape in estate large; do
    best_new=999999 best_old=999999
    for _ in 1 2 3; do
      for which in new old; do
        binary="$build/routelint"
        [[ $which == old ]] && binary=$PREV
        start=$(date +%s.%N); "$binary" check --fail-on none -j 1 "$work/$shape" >/dev/null 2>&1 || true; end=$(date +%s.%N)
        if [[ $which == new ]]; then best_new=$(py "min($best_new, $end - $start)"); else best_old=$(py "min($best_old, $end - $start)"); fi
      done
    done
    old_kb=$(peak_of "$PREV" "$work/$shape")
    new_kb=$(peak_of "$build/routelint" "$work/$shape")
    printf 'previous release -> this one, %-6s: %.3f s -> %.3f s (%.2fx), peak %d -> %d MB (%.2fx)\n' "$shape" \
      "$best_old" "$best_new" "$(py "$best_new / $best_old")" "$((old_kb / 1024))" "$((new_kb / 1024))" "$(py "$new_kb / $old_kb")"
  done
fi

#!/usr/bin/env bash
# End-to-end: routelint's SARIF for an estate with findings (and for one with
# a parse error) passes Microsoft's validator with the GitHub rules.
#   tests/tools/check-sarif-output.sh path/to/routelint
set -euo pipefail
binary=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
status=0
"$binary" check -f sarif -o "$work/findings.sarif" testdata/examples/two-defects || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with findings, got $status" >&2; exit 1; }
status=0
"$binary" check -f sarif -o "$work/broken.sarif" testdata/bad/truncated.json testdata/examples/blue-green || status=$?
[[ $status -eq 2 ]] || { echo "expected exit 2 with a parse error, got $status" >&2; exit 1; }
status=0
"$binary" check -f sarif -o "$work/paths.sarif" testdata/rules/RL018/fire || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with path findings, got $status" >&2; exit 1; }
grep -q '"codeFlows"' "$work/paths.sarif" || { echo "path findings carry no codeFlows" >&2; exit 1; }
status=0
"$binary" check -f sarif -o "$work/suppressed.sarif" -c testdata/policy/suppress.toml testdata/examples/two-defects || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with suppressed and active findings, got $status" >&2; exit 1; }
status=0
"$binary" check -f sarif -o "$work/in-source.sarif" testdata/policy/metadata || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with suppressed and active findings, got $status" >&2; exit 1; }
grep -q '"external"' "$work/suppressed.sarif" && grep -q '"inSource"' "$work/in-source.sarif" ||
  { echo "suppressed findings carry no suppressions" >&2; exit 1; }
status=0
"$binary" check -f sarif -o "$work/bicep.sarif" testdata/bicep/lv1-defects || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with findings in .bicep sources, got $status" >&2; exit 1; }
grep -q '"uri": "testdata/bicep/lv1-defects/modules/hub.bicep"' "$work/bicep.sarif" ||
  { echo "findings of a compiled Bicep template do not point into its .bicep source" >&2; exit 1; }
"$binary" check --write-baseline "$work/baseline.json" testdata/examples/two-defects 2>/dev/null
status=0
"$binary" check -f sarif -o "$work/baseline.sarif" --baseline "$work/baseline.json" testdata/policy/baseline-next || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with a new finding over the baseline, got $status" >&2; exit 1; }
for f in "$work/findings.sarif" "$work/broken.sarif" "$work/paths.sarif" "$work/suppressed.sarif" "$work/in-source.sarif" "$work/baseline.sarif" "$work/bicep.sarif"; do
  "$here/validate-sarif.sh" "$f"
done

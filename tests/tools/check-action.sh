#!/usr/bin/env bash
# The GitHub Action (action.yml) and the CI examples: the YAML is what
# GitHub and Azure Pipelines read, the action's steps exist, and its lint
# step, run as the runner would run it, writes annotations, SARIF, the job
# summary and the exit code.
#   tests/tools/check-action.sh path/to/routelint
set -euo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$root"

python3 - <<'PY' || fail "action.yml or an example is not what GitHub / Azure Pipelines read"
import os, yaml
action = yaml.safe_load(open("action.yml"))
assert action["runs"]["using"] == "composite", "composite action"
for step in action["runs"]["steps"]:
    assert "uses" in step or step.get("shell") == "bash", f"step {step.get('name')} needs shell: bash"
    if "run" in step and "GITHUB_ACTION_PATH" in step["run"]:
        script = step["run"].split("/", 1)[1].strip('"')
        assert os.access(script, os.X_OK), f"{script} is not an executable script"
for name, spec in action["inputs"].items():
    assert "default" in spec and "description" in spec, f"input {name}"
workflow = yaml.safe_load(open("docs/github-workflow.yml"))
steps = workflow["jobs"]["routelint"]["steps"]
assert any(s.get("uses", "").startswith("routelint/routelint@") for s in steps)
assert workflow["permissions"]["security-events"] == "write"
pipeline = yaml.safe_load(open("docs/azure-pipelines.yml"))
assert any("routelint check" in s.get("bash", "") for s in pipeline["steps"])
PY

# The lint step, as the runner runs it (build.sh put routelint on PATH).
mkdir "$work/bin"
ln -s "$binary" "$work/bin/routelint"
export PATH="$work/bin:$PATH" GITHUB_OUTPUT=$work/output GITHUB_STEP_SUMMARY=$work/summary.md
ROUTELINT_PATHS=testdata/examples/two-defects ROUTELINT_SARIF=$work/routelint.sarif action/run.sh >"$work/stdout" ||
  fail "the lint step must exit 0 and leave failing to a later step"
grep -q "^exit-code=1$" "$work/output" || fail "exit-code output is not 1 for an estate with findings"
grep -q "^::error file=testdata/examples/two-defects/green/hub.json,line=89,col=9,title=RL001" "$work/stdout" ||
  fail "no workflow annotation for RL001"
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['runs'][0]['results']; assert len(r)==2" "$work/routelint.sarif" ||
  fail "the SARIF report does not hold the two findings"
grep -q "^### routelint: 2 findings" "$work/summary.md" || fail "no job summary"
grep -q '```mermaid' "$work/summary.md" || fail "the job summary has no topology"

: >"$work/output"
ROUTELINT_PATHS=testdata/examples/blue-green ROUTELINT_SARIF=$work/clean.sarif action/run.sh >/dev/null
grep -q "^exit-code=0$" "$work/output" || fail "a clean estate is not exit-code 0"
echo "action: annotations, SARIF, summary and exit code as GitHub expects"

#!/usr/bin/env bash
# End-to-end with the real pre-commit (Debian's 3.x): routelint's hook, taken
# from this repository's .pre-commit-hooks.yaml, guards commits to a git
# repository holding the blue-green estate.
#   - a commit that breaks a spoke fails, with the finding in the output;
#   - a clean change commits;
#   - with a defect already in another file, a clean change still commits
#     (findings are reported for the changed files, the estate is loaded whole).
#   tests/tools/check-pre-commit.sh path/to/routelint
set -euo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work PRE_COMMIT_HOME=$work/pre-commit-cache
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
# language: system runs routelint from PATH, as an installed binary would be.
mkdir "$work/bin"
ln -s "$binary" "$work/bin/routelint"
export PATH="$work/bin:$PATH"

fail() { echo "FAIL: $*" >&2; [[ -f $work/out ]] && cat "$work/out" >&2; exit 1; }

# The hooks repository: this project's hook definitions at a commit.
mkdir "$work/hooks"
cp "$root/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" init -q
git -C "$work/hooks" add .pre-commit-hooks.yaml
git -C "$work/hooks" commit -q -m hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

# The estate repository.
estate=$work/estate
mkdir "$estate"
cp -r "$root/testdata/examples/blue-green/." "$estate/"
cat > "$estate/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: routelint
YAML
cd "$estate"
git init -q
git add -A
git commit -q -m "blue-green estate"
pre-commit install >/dev/null

# 1. Breaking spoke1's default route fails the commit, naming the finding.
sed -i 's|"addressPrefix": "0.0.0.0/0"|"addressPrefix": "0.0.0.0/1"|' blue/spoke1.json
git diff --quiet && fail "the edit did not change blue/spoke1.json"
git add blue/spoke1.json
if git commit -m "break spoke1" >"$work/out" 2>&1; then fail "a commit that breaks spoke1 passed"; fi
grep -q "blue/spoke1.json:[0-9]*:[0-9]*: error: .*\[RL002 spoke-missing-default-route\]" "$work/out" ||
  fail "the failing commit does not show the RL002 finding"

# 2. A clean change commits.
git checkout -q HEAD -- blue/spoke1.json
printf '\n' >> blue/spoke1.json
git add blue/spoke1.json
git commit -m "clean change" >"$work/out" 2>&1 || fail "a clean change did not commit"
grep -q "routelint" "$work/out" || fail "the hook did not run on the clean change"

# 3. A defect already committed in spoke2 (bypassing the hook) does not
#    block a clean change to another file...
sed -i 's|"addressPrefix": "0.0.0.0/0"|"addressPrefix": "0.0.0.0/1"|' blue/spoke2.json
git add blue/spoke2.json
git commit -q --no-verify -m "known defect"
printf '\n' >> green/spoke3.json
git add green/spoke3.json
git commit -m "clean change elsewhere" >"$work/out" 2>&1 || fail "a clean change was blocked by another file's defect"
# ...but touching spoke2 again reports it.
printf '\n' >> blue/spoke2.json
git add blue/spoke2.json
if git commit -m "touch spoke2" >"$work/out" 2>&1; then fail "a change to the defective spoke2 passed"; fi
grep -q "blue/spoke2.json:.*RL002" "$work/out" || fail "the finding in spoke2 was not shown"
echo "pre-commit: broken commit refused, clean commits accepted"

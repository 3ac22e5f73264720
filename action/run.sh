#!/usr/bin/env bash
# The action's lint step: one run of routelint, three outputs.
#   - workflow annotations on stdout (GitHub shows them on the changed lines);
#   - SARIF to $ROUTELINT_SARIF, for code scanning;
#   - the markdown summary appended to $GITHUB_STEP_SUMMARY.
# Writes exit-code=N to $GITHUB_OUTPUT and exits 0, so that the SARIF is
# uploaded before the step that fails the job.
# Inputs (environment): ROUTELINT_PATHS, ROUTELINT_ARGS, ROUTELINT_FAIL_ON, ROUTELINT_SARIF.
set -uo pipefail
read -r -a paths <<<"${ROUTELINT_PATHS:-.}"
read -r -a args <<<"${ROUTELINT_ARGS:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

routelint check -f github --fail-on "${ROUTELINT_FAIL_ON:-warning}" \
  --report "sarif=${ROUTELINT_SARIF:-routelint.sarif}" --report "markdown=$work/summary.md" \
  "${args[@]}" "${paths[@]}"
status=$?
[[ -f $work/summary.md ]] && cat "$work/summary.md" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
((status <= 2)) || echo "::error title=routelint::routelint ended with status $status"
echo "exit-code=$status" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0

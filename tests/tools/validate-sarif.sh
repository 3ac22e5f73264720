#!/usr/bin/env bash
# Validates a SARIF file with Microsoft's SARIF Multitool, with the SARIF
# rules and the GitHub code scanning ingestion rules ("Gh;Sarif": the checks
# behind the validator that GitHub's documentation points to).
#
#   tests/tools/validate-sarif.sh FILE.sarif
#
# Exit status: 0 when the validator reports no error and no warning (notes are
# printed), 1 when it reports errors or warnings (printed), 2 on wrong usage, 77 (the
# test-suite convention for "skipped") when node/npm are missing or the
# validator cannot be installed (no registry at hand).
#
# The validator is an npm package pinned in tests/tools/node/package.json and
# package-lock.json; it is installed into tests/tools/node/node_modules on
# first use (npm ci). It ships a self-contained Linux/macOS/Windows binary and
# needs no network when it runs.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 FILE.sarif" >&2
  exit 2
fi
sarif=$1
if [[ ! -f $sarif ]]; then
  echo "validate-sarif: no such file: $sarif" >&2
  exit 2
fi

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "validate-sarif: skipped: node and npm are needed to run the SARIF validator" >&2
  exit 77
fi

# Resolves the platform binary the way the package's own index.js does. Its
# bin.js wrapper is not used: it runs the binary through a shell, which would
# split the ';' in "Gh;Sarif".
locate() {
  node -e 'try { process.stdout.write(require(process.argv[1])); } catch (e) { process.exit(1); }' \
    "$tools_dir/node_modules/@microsoft/sarif-multitool" 2>/dev/null
}

if ! multitool=$(locate) || [[ ! -f $multitool ]]; then
  echo "validate-sarif: installing @microsoft/sarif-multitool into $tools_dir" >&2
  if ! npm ci --prefix "$tools_dir" --no-audit --no-fund --loglevel=error >&2; then
    echo "validate-sarif: skipped: could not install the SARIF validator" >&2
    exit 77
  fi
  if ! multitool=$(locate) || [[ ! -f $multitool ]]; then
    echo "validate-sarif: skipped: the SARIF validator has no binary for this platform" >&2
    exit 77
  fi
fi
# The package's postinstall script only sets the execute bit; npm may have
# been told not to run install scripts.
[[ -x $multitool ]] || chmod u+x "$multitool"

log=$(mktemp "${TMPDIR:-/tmp}/validate-sarif.XXXXXX")
console=$(mktemp "${TMPDIR:-/tmp}/validate-sarif.XXXXXX")
trap 'rm -f "$log" "$console"' EXIT

# The validator exits 0 whatever it finds, so its own SARIF log is read below.
# DOTNET_CLI_TELEMETRY_OPTOUT: no telemetry. Globalization-invariant mode lets
# the .NET binary run on a machine without libicu.
if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    "$multitool" validate "$sarif" --output "$log" --rule-kind "Gh;Sarif" \
    --level "Error;Warning;Note" --log ForceOverwrite >"$console" 2>&1; then
  cat "$console" >&2
  echo "validate-sarif: the validator failed to run on $sarif" >&2
  exit 1
fi

node - "$log" "$sarif" <<'EOF'
// Prints the validator's results as "level RULE location: message" and exits
// 1 when any is an error, or when the validator could not analyse the file.
const fs = require('fs');
const [logPath, sarifPath] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(logPath, 'utf8'));

function render(message, rules, result) {
  if (message.text) return message.text;
  const rule = rules[result.ruleIndex] || rules.find((r) => r.id === result.ruleId) || {};
  const template = ((rule.messageStrings || {})[message.id] || {}).text || message.id || '';
  return template.replace(/\{(\d+)\}/g, (_, i) => (message.arguments || [])[Number(i)] ?? '');
}

let errors = 0;
let warnings = 0;
let notes = 0;
for (const run of log.runs || []) {
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  for (const result of run.results || []) {
    const level = result.level || 'warning';
    const region = (((result.locations || [])[0] || {}).physicalLocation || {}).region || {};
    const where = region.startLine ? `${sarifPath}:${region.startLine}:${region.startColumn || 1}` : sarifPath;
    console.log(`${level} ${result.ruleId} ${where}: ${render(result.message || {}, rules, result)}`);
    if (level === 'error') errors++;
    else if (level === 'warning') warnings++;
    else notes++;
  }
  for (const invocation of run.invocations || []) {
    const notifications = [
      ...(invocation.toolExecutionNotifications || []),
      ...(invocation.toolConfigurationNotifications || []),
    ];
    for (const notification of notifications) {
      const level = notification.level || 'warning';
      console.log(`${level} validator: ${(notification.message || {}).text || ''}`);
      if (level === 'error') errors++;
    }
    if (invocation.executionSuccessful === false) {
      console.log('error validator: the analysis did not complete');
      errors++;
    }
  }
}
console.log(`${sarifPath}: ${errors} errors, ${warnings} warnings, ${notes} notes`);
// A warning is something the producer could fix: it fails the check too.
process.exit(errors > 0 || warnings > 0 ? 1 : 0);
EOF

#!/usr/bin/env bash
# Sets up, builds and runs CreditDesk. For now the app is the command-line client:
#   ./scripts/run-app.sh               -> creditdesk-cli simulate resources/demo/demo-scenario.json
#   ./scripts/run-app.sh ARGS...       -> creditdesk-cli ARGS...  (relative paths: your current directory)
# Build output goes to stderr, so stdout carries only the app's output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# Keep stdin for the app (`simulate -` reads it) and stdout for its output.
bash "$ROOT/scripts/build.sh" </dev/null >&2

CLI="$ROOT/build/app/creditdesk-cli"
if [ ! -x "$CLI" ]; then
    echo "run-app.sh: $CLI was not built." >&2
    exit 1
fi

if [ "$#" -gt 0 ]; then
    exec "$CLI" "$@"
fi

cd "$ROOT"
exec build/app/creditdesk-cli simulate resources/demo/demo-scenario.json

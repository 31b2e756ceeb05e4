#!/usr/bin/env bash
# Sets up, builds and runs every CreditDesk test headless. Exits with ctest's status.
# Extra arguments go to ctest, e.g. ./scripts/run-tests.sh -R NAME
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

bash "$ROOT/scripts/build.sh" </dev/null

export QT_QPA_PLATFORM=offscreen
XDG_RUNTIME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-xdg.XXXXXX")"
export XDG_RUNTIME_DIR
chmod 0700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT

status=0
ctest --test-dir build --output-on-failure -j2 --no-tests=error "$@" || status=$?
# Without arguments: every test, so the server tests once more on PostgreSQL.
if [ "$status" -eq 0 ] && [ "$#" -eq 0 ] && [ "${CREDITDESK_SKIP_POSTGRES:-0}" != 1 ]; then
    bash "$ROOT/scripts/test-postgres.sh" </dev/null || status=$?
fi
exit "$status"

#!/usr/bin/env bash
# Runs testssl against a creditdesk-server: starts one with --dev-tls on a free port in a
# temporary directory, runs `testssl --add-ca DIR/ca.pem https://127.0.0.1:PORT` and stops the
# server. Not part of CI (it takes minutes and needs Debian's testssl.sh package). Extra
# arguments go to testssl, e.g. ./scripts/testssl.sh --severity MEDIUM
# Environment: CREDITDESK_SERVER (default build/server/creditdesk-server).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SERVER="${CREDITDESK_SERVER:-$ROOT/build/server/creditdesk-server}"

if ! command -v testssl >/dev/null 2>&1; then
    echo "testssl.sh: the testssl command is missing; install it with" \
        "'apt-get install testssl.sh' (Debian's package)." >&2
    exit 1
fi
if [ ! -x "$SERVER" ]; then
    echo "testssl.sh: no server at $SERVER; build it first (scripts/build.sh)." >&2
    exit 1
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-testssl.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT

"$SERVER" --data "$DIR" --dev-tls --port 0 >"$DIR/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 300); do
    PORT="$(sed -n 's|^listening on https://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$DIR/server.log")"
    [ -n "$PORT" ] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "testssl.sh: the server did not start:" >&2
        cat "$DIR/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$PORT" ]; then
    echo "testssl.sh: the server did not print its port within 30 s" >&2
    exit 1
fi

status=0
testssl --add-ca "$DIR/ca.pem" --warnings batch --color 0 "$@" "https://127.0.0.1:$PORT" ||
    status=$?
exit "$status"

#!/usr/bin/env bash
# Builds CreditDesk and runs the desktop client's demo: the real server inside the app, on
# 127.0.0.1 over HTTPS, with demo members and a bar to move time.
#   ./scripts/run-app.sh                 -> creditdesk --demo
#   ./scripts/run-app.sh ARGS...         -> creditdesk ARGS... (e.g. a scenario file)
#   ./scripts/run-app.sh --cli ARGS...   -> creditdesk-cli ARGS... (the command-line client)
# With no display ($DISPLAY and $WAYLAND_DISPLAY empty) it says so and renders every screen
# offscreen to build/screenshots/ instead, printing the paths.
# Build output goes to stderr, so stdout carries only the app's output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

bash "$ROOT/scripts/build.sh" </dev/null >&2

APP="$ROOT/build/app/desktop/creditdesk"
CLI="$ROOT/build/app/creditdesk-cli"

if [ "${1:-}" = "--cli" ]; then
    shift
    [ -x "$CLI" ] || { echo "run-app.sh: $CLI was not built." >&2; exit 1; }
    exec "$CLI" "$@"
fi
if [ ! -x "$APP" ]; then
    echo "run-app.sh: $APP was not built." >&2
    exit 1
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    OUT="$ROOT/build/screenshots"
    echo "run-app.sh: no display (\$DISPLAY and \$WAYLAND_DISPLAY are empty): rendering the demo's screens offscreen to $OUT instead." >&2
    mkdir -p "$OUT"
    if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
        XDG_RUNTIME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-xdg.XXXXXX")"
        chmod 0700 "$XDG_RUNTIME_DIR"
        export XDG_RUNTIME_DIR
        trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
    fi
    QT_QPA_PLATFORM=offscreen "$APP" --demo --screenshot "$OUT" "$@"
    exit $?
fi

if [ "$#" -gt 0 ]; then
    exec "$APP" "$@"
fi
exec "$APP" --demo

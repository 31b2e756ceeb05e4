#!/usr/bin/env bash
# Runs a test under a private D-Bus session with an unlocked gnome-keyring (Secret Service),
# as the credential store meets it on a desktop. Usage: run-with-keyring.sh COMMAND [ARGS…]
# The keyring daemon lives on that private bus and exits when dbus-run-session ends it.
set -euo pipefail
home="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-keyring.XXXXXX")"
trap 'rm -rf "$home"' EXIT
chmod 700 "$home"
export HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_DATA_HOME="$home/data"
mkdir -p -m 700 "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
dbus-run-session -- bash -c '
    eval "$(printf test-password | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    exec "$@"
' run-with-keyring "$@"

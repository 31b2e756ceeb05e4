#!/usr/bin/env bash
# Bounded memory of the server's engine cache (issue 10): seeds ACCOUNTS accounts (default
# 100,000) plus one of 10,000 events, then looks accounts up at random in a fresh process with
# --cache-mb CACHE_MB (default 64) and prints the cold-account time and the peak resident size.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ACCOUNTS="${1:-100000}"
CACHE_MB="${2:-64}"
BIN="$ROOT/build/bench/server/bench_server_memory"
cmake --build "$ROOT/build" --target bench_server_memory >/dev/null
DIR="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-memory.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT
"$BIN" seed "$DIR" --accounts "$ACCOUNTS" --heavy 10000
"$BIN" touch "$DIR" --cache-mb "$CACHE_MB" --touches $((ACCOUNTS * 3))

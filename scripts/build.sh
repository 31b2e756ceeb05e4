#!/usr/bin/env bash
# Installs dependencies, configures (once) and builds CreditDesk into build/ with Ninja + ccache.
# Environment: CCACHE_DIR (default ~/.cache/creditdesk-ccache), CREDITDESK_JOBS (default 2).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

bash "$ROOT/scripts/install-deps.sh"

# ccache: relative paths under the repo root and a fixed cache directory make fresh clones
# (at any path) hit the same cache entries.
export CCACHE_BASEDIR="$ROOT"
export CCACHE_DIR="${CCACHE_DIR:-${HOME:-/tmp}/.cache/creditdesk-ccache}"
export CCACHE_NOHASHDIR=1
mkdir -p "$CCACHE_DIR"
# Per-build statistics, without touching the shared counters.
CCACHE_STATSLOG="$(mktemp "${TMPDIR:-/tmp}/creditdesk-ccache-stats.XXXXXX")"
export CCACHE_STATSLOG
trap 'rm -f "$CCACHE_STATSLOG"' EXIT

if [ ! -f build/build.ninja ] || [ ! -f build/CMakeCache.txt ]; then
    cmake -S . -B build -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi

cmake --build build --parallel "${CREDITDESK_JOBS:-2}"

# One short line with this build's ccache hits and misses (the log is empty when nothing was
# compiled; ccache 4.7 crashes on --show-log-stats without a log, hence the -s test).
if [ -s "$CCACHE_STATSLOG" ]; then
    summary="$(ccache --show-log-stats 2>/dev/null \
        | awk '/^ +(Hits|Misses):/ && !seen[$1]++ { $1 = $1; printf "%s%s", sep, $0; sep = ", " }' || true)"
    [ -z "$summary" ] || echo "ccache (this build): $summary"
fi

#!/usr/bin/env bash
# The events feed at size: starts creditdesk-server with --seed-demo --seed-demo-events N
# (default 100000) on 127.0.0.1, then fetches demo-heavy's whole feed with curl over HTTPS
# (keep-alive, trusting only the dev CA) in pages of --limit (default 10000), as a client far
# behind would, and prints the seeding time, the fetch time, pages, bytes and a 304 check.
#
#   bench/events-feed-bench.sh [--events N] [--limit N]
#
# Needs a build (scripts/build.sh), curl and python3 (arithmetic only). Not a test: it prints
# figures. The first request of an account builds its engine from the stored events.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SERVER="$ROOT/build/server/creditdesk-server"
EVENTS=100000
LIMIT=10000
while [ $# -gt 0 ]; do
    case "$1" in
        --events) EVENTS="$2"; shift 2 ;;
        --limit) LIMIT="$2"; shift 2 ;;
        *) echo "usage: $0 [--events N] [--limit N]" >&2; exit 2 ;;
    esac
done
[ -x "$SERVER" ] || { echo "events-feed-bench.sh: $SERVER is missing; run scripts/build.sh" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-feed.XXXXXX")"
SERVER_PID=""
cleanup() {
    [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
    [ -z "$SERVER_PID" ] || wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

start=$(date +%s.%N)
# --rate-limit 0: the bench's requests all carry one token (no per-token limit in the way).
"$SERVER" --data "$WORK/data" --port 0 --dev-tls --rate-limit 0 --seed-demo --seed-demo-events "$EVENTS" \
    > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1200); do
    grep -q "listening on" "$WORK/server.out" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.out" >&2; exit 1; }
    sleep 0.25
done
ready=$(date +%s.%N)
PORT="$(sed -n 's/.*listening on https:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/server.out")"
TOKEN="$(sed -n 's/^demo: member demo-heavy .*token \(cdt_[^ ]*\).*/\1/p' "$WORK/server.out")"
grep "demo-heavy:" "$WORK/server.out" || true
echo "server seeded and listening after $(python3 -c "print(f'{$ready - $start:.1f}')") s"

URL="https://127.0.0.1:$PORT/v1/accounts/demo-heavy/events"
CURL=(curl -sS --cacert "$WORK/data/ca.pem" -H "Authorization: Bearer $TOKEN")
# A client far behind: page after page, each request sent when the previous answer is in
# (its has_more read from the body; seqs are contiguous, so the next after= is after + limit).
fetch() {
    local after=0 pages=0 bytes=0
    while :; do
        "${CURL[@]}" -o "$WORK/page.json" -D "$WORK/headers" "$URL?after=$after&limit=$LIMIT"
        pages=$((pages + 1))
        bytes=$((bytes + $(stat -c %s "$WORK/page.json")))
        after=$((after + LIMIT))
        grep -q '"has_more": true' "$WORK/page.json" || break
    done
    last="$(grep -o '"last_seq": [0-9]*' "$WORK/page.json" | grep -o '[0-9]*$')"
    echo "$pages $bytes $last"
}
t0=$(date +%s.%N)
read -r pages bytes last < <(fetch)
t1=$(date +%s.%N)
echo "fetched $last events in $pages pages ($bytes bytes) in $(python3 -c "print(f'{($t1 - $t0) * 1000:.0f}')") ms (one curl per page, each after the previous answer)"

# The raw transfer alone: every page URL is known now (after = 0, LIMIT, 2·LIMIT…), one curl.
urls=()
for ((a = 0; a < last; a += LIMIT)); do urls+=("$URL?after=$a&limit=$LIMIT" -o /dev/null); done
t0=$(date +%s.%N)
"${CURL[@]}" "${urls[@]}"
t1=$(date +%s.%N)
echo "the same pages in one keep-alive connection: $(python3 -c "print(f'{($t1 - $t0) * 1000:.0f}')") ms"

"${CURL[@]}" -o /dev/null -D "$WORK/headers" "$URL?after=0&limit=$LIMIT"
etag="$(sed -n 's/^[Ee][Tt]ag: *\(.*\)\r$/\1/p' "$WORK/headers")"
t0=$(date +%s.%N)
code="$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$URL?after=0&limit=$LIMIT")"
t1=$(date +%s.%N)
echo "first page again with If-None-Match: HTTP $code in $(python3 -c "print(f'{($t1 - $t0) * 1000:.0f}')") ms (a new connection)"

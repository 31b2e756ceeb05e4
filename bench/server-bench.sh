#!/usr/bin/env bash
# Loads creditdesk-server with wrk over TLS (keep-alive) on the summary and ledger-page
# endpoints of a seeded demo account, then nginx serving static files of the same sizes over
# TLS on this machine, and prints requests/s, p99 latency and the server/nginx ratio.
#
#   bench/server-bench.sh [--duration SECONDS] [--connections N] [--threads N] [--database URL]
#                         [--postgres] [--accounts N] [--profile FILE] [--processes N]
#
# --postgres starts a throwaway PostgreSQL cluster (initdb in the bench's temporary directory,
# on a free port of 127.0.0.1, stopped and deleted at the end) and runs the server on it. It
# runs with synchronous_commit=off so that seeding 10,000 accounts takes a minute, not ten; the
# loads measured are reads (plus last-used writes, one commit a second).
# --profile FILE records the server process with `perf record -g` during the spread run (or the
# summary run without --accounts) and writes `perf report`'s top entries to FILE.
# Only 2xx answers are counted: req/s is (requests - non-2xx) / duration.
#
# --accounts N (issue 10) also seeds N more accounts with a token each (bench_server_memory
# seed) and loads the summary spread over all of them at random (a wrk Lua script), so the
# answers do not come from one account's cached page and every request checks its own token.
# It runs twice: cold (right after the seeding: mostly first touches, the engine replayed), then,
# after a warm-up pass that asks for every account once (per process), warm (the engines kept;
# each request still reads its token and the account's counts from the database). The seeding
# copies the first account in SQL (bench_server_memory seed --clone): ~30 s, not ~11 min.
# Each run prints the server's CPU time and CPU a request; the load is printed at both ends.
#
# --processes N runs N server processes on the same data and database, each on its own port, as
# docs/deploy.md deploys them (one per core, a load balancer in front): wrk's connections are
# split evenly over them (one wrk per process, run together; no balancer in the path), the
# rates are summed, p99 is the worst of the N, server CPU is all N processes'. Every process
# keeps its own engines, so the warm-up pass runs against each of them.
#
# Needs a build (scripts/build.sh) and the Debian packages wrk and nginx-light (installed here
# with apt-get when missing). Everything listens on 127.0.0.1 only, runs for a bounded time
# and is stopped at the end. Not a test: it prints figures.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SERVER="$ROOT/build/server/creditdesk-server"
DURATION=10
CONNECTIONS=64
THREADS=2
DATABASE=()
ACCOUNTS=0
POSTGRES=0
PROFILE=""
PROCESSES=1
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --database) DATABASE=(--database "$2"); shift 2 ;;
        --accounts) ACCOUNTS="$2"; shift 2 ;;
        --postgres) POSTGRES=1; shift ;;
        --profile) PROFILE="$(realpath -m "$2")"; shift 2 ;;
        --processes) PROCESSES="$2"; shift 2 ;;
        *) echo "usage: $0 [--duration S] [--connections N] [--threads N] [--database URL] [--postgres] [--accounts N] [--profile FILE] [--processes N]" >&2; exit 2 ;;
    esac
done

if [ ! -x "$SERVER" ]; then
    echo "server-bench.sh: $SERVER is missing; run scripts/build.sh first" >&2
    exit 1
fi
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk nginx-light >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-bench.XXXXXX")"
SERVER_PID=""
SERVER_PIDS=()
NGINX_PID=""
PG_STARTED=0
as_pg() { # runs a PostgreSQL binary as a user it accepts (it refuses root)
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    [ "$PG_STARTED" -eq 1 ] && as_pg "'$PGBIN/pg_ctl' -D '$WORK/pg' -m immediate stop" >/dev/null 2>&1 || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# 0. --postgres: a cluster of our own, on our own port, in the temporary directory.
if [ "$POSTGRES" -eq 1 ]; then
    PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -x "$PGBIN/initdb" ] || { echo "server-bench.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    PGPORT="$(free_port)"
    chmod 755 "$WORK"
    mkdir -p "$WORK/pg" "$WORK/pgsock"
    [ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pg" "$WORK/pgsock"
    as_pg "'$PGBIN/initdb' -D '$WORK/pg' -U bench --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    as_pg "'$PGBIN/pg_ctl' -D '$WORK/pg' -l '$WORK/pgsock/log' -w -o \"-p $PGPORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_connections=50 -c synchronous_commit=off\" start" >/dev/null
    PG_STARTED=1
    as_pg "'$PGBIN/createdb' -h 127.0.0.1 -p $PGPORT -U bench creditdesk"
    DATABASE=(--database "postgres://bench@127.0.0.1:$PGPORT/creditdesk")
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (throwaway cluster)"
fi

# 1. The server, with the demo data (months of history per account). wrk sends every request
# with one token, far beyond a member's per-token rate limit: --rate-limit 0 turns it off (else
# most answers would be 429, and wrk's rate would count them).
"$SERVER" --data "$WORK/data" --dev-tls --port 0 --seed-demo --rate-limit 0 "${DATABASE[@]}" >"$WORK/server.out" 2>&1 &
SERVER_PID=$!
SERVER_PIDS=("$SERVER_PID")
await_listening() { # output-file pid
    for _ in $(seq 1 600); do
        grep -q '^listening on' "$1" && break
        kill -0 "$2" 2>/dev/null || { cat "$1" >&2; exit 1; }
        sleep 0.1
    done
    sed -n 's|^listening on https://127.0.0.1:\([0-9]*\)$|\1|p' "$1"
}
PORT="$(await_listening "$WORK/server.out" "$SERVER_PID")"
PORTS=("$PORT")
# --processes N: the others on the same data (certificate) and database, after the seeding.
for i in $(seq 2 "$PROCESSES"); do
    "$SERVER" --data "$WORK/data" --dev-tls --port 0 --rate-limit 0 "${DATABASE[@]}" >"$WORK/server.$i.out" 2>&1 &
    SERVER_PIDS+=("$!")
    PORTS+=("$(await_listening "$WORK/server.$i.out" "$!")")
done
ACCOUNT=demo-unified-monthly
TOKEN="$(sed -n "s|^demo: member $ACCOUNT (.*): token \(cdt_.*\)$|\1|p" "$WORK/server.out")"
[ -n "$PORT" ] && [ -n "$TOKEN" ] || { cat "$WORK/server.out" >&2; exit 1; }
BASE="https://127.0.0.1:$PORT/v1/accounts/$ACCOUNT"
AUTH="Authorization: Bearer $TOKEN"
CA="$WORK/data/ca.pem"

# 2. nginx: the same bodies as static files, same certificate, TLS, keep-alive.
mkdir -p "$WORK/www" "$WORK/nginx"
curl -sf --cacert "$CA" -H "$AUTH" "$BASE/summary" >"$WORK/www/summary.json"
curl -sf --cacert "$CA" -H "$AUTH" "$BASE/ledger?limit=50" >"$WORK/www/ledger.json"
# nginx's workers drop root's rights: let them read the files.
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK"/www/*.json
NGINX_PORT="$(free_port)"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    client_body_temp_path $WORK/nginx;
    proxy_temp_path $WORK/nginx;
    fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx;
    scgi_temp_path $WORK/nginx;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT ssl;
        ssl_certificate $WORK/data/server.pem;
        ssl_certificate_key $WORK/data/server-key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        root $WORK/www;
    }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 1 100); do
    curl -sf --cacert "$CA" "https://127.0.0.1:$NGINX_PORT/summary.json" >/dev/null && break
    sleep 0.1
done

# 3. wrk runs: 2xx answers a second (requests less wrk's "Non-2xx or 3xx responses", over the
# run's own duration), the 99% latency line of --latency, and the server's CPU time meanwhile.
server_cpu() { for pid in "${SERVER_PIDS[@]}"; do cat "/proc/$pid/stat"; done | awk '{ t += $14 + $15 } END { print t }'; }
# The throwaway cluster's processes (the postmaster's children: backends, WAL writer...), in
# clock ticks; 0 without --postgres. With the machine's busy time, each run says where the CPU
# went: server, database, and the rest (wrk, the kernel's network work, anything else running).
database_cpu() {
    local pm
    [ "$POSTGRES" -eq 1 ] && pm="$(head -n 1 "$WORK/pg/postmaster.pid" 2>/dev/null)" || { echo 0; return; }
    # A worker that ends between the listing and the read (autovacuum) is left out, not fatal.
    { cat "/proc/$pm/stat"; for c in $(cat /proc/"$pm"/task/*/children 2>/dev/null); do cat "/proc/$c/stat" 2>/dev/null || true; done; } |
        awk '{ t += $14 + $15 } END { print t + 0 }'
}
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
# One wrk per server process (each its share of the connections) for a server URL, else one.
wrk_all() { # url args...
    local url="$1" n=1
    shift
    [[ "$url" == *":$PORT/"* ]] && n="$PROCESSES"
    if [ "$n" -eq 1 ]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url"
        return
    fi
    local i threads=$(( THREADS / n > 0 ? THREADS / n : 1 )) conns=$(( CONNECTIONS / n ))
    for i in $(seq 0 $((n - 1))); do
        wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency "$@" "${url/:$PORT\//:${PORTS[$i]}/}" >"$WORK/wrk.$i.out" &
    done
    # Called in $(...): a subshell, whose only children are these wrk runs.
    wait
    # Summed: requests, non-2xx, the longest duration; the worst p99 (in ms).
    cat "$WORK"/wrk.*.out | awk '
        / requests in / { r += $1; d = $4; sub(/s,?$/, "", d); if (d ~ /ms$/) { sub(/ms$/, "", d); d /= 1000 } else if (d ~ /m$/) { sub(/m$/, "", d); d *= 60 } if (d > dur) dur = d }
        /Non-2xx/ { bad += $NF }
        $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } if (v > p) p = v }
        END { printf "  %d requests in %.2fs, 0MB read\n", r, dur; if (bad) printf "  Non-2xx or 3xx responses: %d\n", bad; printf "     99%%   %.2fms\n", p }'
    rm -f "$WORK"/wrk.*.out
}
run() { # label url [header]
    local label="$1" url="$2" out cpu0 cpu1
    shift 2
    local db0 db1 busy0 busy1
    cpu0="$(server_cpu)"; db0="$(database_cpu)"; busy0="$(machine_busy)"
    out="$(wrk_all "$url" "$@")"
    cpu1="$(server_cpu)"; db1="$(database_cpu)"; busy1="$(machine_busy)"
    local rps p99 non2xx
    non2xx="$(awk '/Non-2xx/ { print $NF }' <<<"$out")"
    rps="$(awk -v bad="${non2xx:-0}" '/ requests in / { d = $4; sub(/s,?$/, "", d); if (d ~ /ms$/) { sub(/ms$/, "", d); d /= 1000 } else if (d ~ /m$/) { sub(/m$/, "", d); d *= 60 } printf "%.2f", ($1 - bad) / d }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    # CPU a request: the server processes' CPU time over the requests answered (2xx or not).
    local requests
    requests="$(awk '/ requests in / { print $1 }' <<<"$out")"
    printf '%-28s %12s 2xx/s   p99 %9s   server CPU %5.1f s (%s µs a request)%s\n' "$label" "$rps" "$p99" \
        "$(python3 -c "print(($cpu1 - $cpu0) / $(getconf CLK_TCK))")" \
        "$(python3 -c "print(round(1e6 * ($cpu1 - $cpu0) / $(getconf CLK_TCK) / max(1, $requests)))")" \
        "${non2xx:+   non-2xx: $non2xx}"
    # Where the machine's CPU went during the run, a request (µs): database, everything else.
    [ "$POSTGRES" -eq 1 ] && [[ "$url" == *":$PORT/"* ]] &&
        printf '%-28s database %s µs a request, all else (wrk, kernel...) %s µs; machine busy %s%%\n' "" \
            "$(python3 -c "print(round(1e6 * ($db1 - $db0) / $(getconf CLK_TCK) / max(1, $requests)))")" \
            "$(python3 -c "print(round(1e6 * (($busy1 - $busy0) - ($cpu1 - $cpu0) - ($db1 - $db0)) / $(getconf CLK_TCK) / max(1, $requests)))")" \
            "$(python3 -c "print(round(100 * ($busy1 - $busy0) / $(getconf CLK_TCK) / $DURATION / $(nproc)))")"
    echo "$rps" >"$WORK/rps.$label"
}
# perf record on the server process for one run (--profile FILE).
profiled_run() {
    if [ -z "$PROFILE" ]; then run "$@"; return; fi
    command -v perf >/dev/null || { echo "server-bench.sh: perf is not installed" >&2; run "$@"; return; }
    # The cold spread run's profile goes beside the main one (FILE.cold).
    local out="$PROFILE"
    [[ "$1" == *-cold ]] && out="$PROFILE.cold"
    perf record -g -F 999 -p "$(IFS=,; echo "${SERVER_PIDS[*]}")" -o "$WORK/perf.data" >/dev/null 2>&1 &
    local perf_pid=$!
    sleep 0.5
    run "$@"
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
    {
        echo "# perf report --no-children (self time), server process, run: $1 ($(uptime))"
        perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null |
            grep -E '^ +[0-9]+\.[0-9]+%' | head -n 40 || true
        echo
        echo "# perf report --children (inclusive time)"
        perf report -i "$WORK/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
            grep -E '^ +[0-9]+\.[0-9]+%' | head -n 40 || true
    } >"$out"
    echo "profile written to $out"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s over TLS, keep-alive; $(nproc) CPU(s); $PROCESSES server process(es); load at the start: $(uptime)"
echo "summary body $(wc -c <"$WORK/www/summary.json") bytes, ledger page body $(wc -c <"$WORK/www/ledger.json") bytes"
if [ "$ACCOUNTS" -gt 0 ]; then
    run server-summary "$BASE/summary" -H "$AUTH"
else
    profiled_run server-summary "$BASE/summary" -H "$AUTH"
fi
run nginx-summary "https://127.0.0.1:$NGINX_PORT/summary.json"
if [ "$ACCOUNTS" -gt 0 ]; then
    SEEDER="$ROOT/build/bench/server/bench_server_memory"
    echo "seeding $ACCOUNTS accounts with a token each..."
    "$SEEDER" seed "$WORK/data" --accounts "$ACCOUNTS" --events-per-account 20 --heavy 0 \
        --tokens "$WORK/tokens.txt" --clone "${DATABASE[@]}" | tail -n 1
    cat >"$WORK/spread.lua" <<'LUA'
local pairs_ = {}
for line in io.lines(os.getenv("CREDITDESK_TOKENS")) do
    local account, token = line:match("^(%S+) (%S+)$")
    pairs_[#pairs_ + 1] = { "/v1/accounts/" .. account .. "/summary", "Bearer " .. token }
end
math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
request = function()
    local p = pairs_[math.random(#pairs_)]
    return wrk.format("GET", p[1], { ["Authorization"] = p[2] })
end
LUA
    # Cold: the first requests at random over all accounts; most are a first touch (token,
    # account row and events read, the engine replayed). Then a warm-up pass asks for every
    # account once (wrk stops each thread when its share is done), so that the measured warm
    # run finds every engine in the cache (the default budget holds 10,000 small accounts:
    # ~20 KiB estimated each). Warm requests still read the token (revocation honoured) and the
    # account's counts from the database on every request; only the engine is kept.
    CREDITDESK_TOKENS="$WORK/tokens.txt" profiled_run server-summary-spread-cold "https://127.0.0.1:$PORT/" -s "$WORK/spread.lua"
    cat >"$WORK/warmup.lua" <<'LUA'
local threads, counter = {}, 1
setup = function(thread)
    thread:set("tid", counter)
    counter = counter + 1
    table.insert(threads, thread)
end
init = function()
    pairs_ = {}
    for line in io.lines(os.getenv("CREDITDESK_TOKENS")) do
        local account, token = line:match("^(%S+) (%S+)$")
        pairs_[#pairs_ + 1] = { "/v1/accounts/" .. account .. "/summary", "Bearer " .. token }
    end
    step = tonumber(os.getenv("CREDITDESK_THREADS"))
    nexti = tid
    answered = 0
    share = math.floor((#pairs_ - tid) / step) + 1
end
request = function()
    local p = pairs_[nexti] or pairs_[1]
    nexti = nexti + step
    return wrk.format("GET", p[1], { ["Authorization"] = p[2] })
end
response = function()
    answered = answered + 1
    if answered == share then
        -- wrk runs to its duration even with every thread stopped: the script waits for one
        -- mark a thread and then ends it (SIGINT).
        io.open(os.getenv("CREDITDESK_MARKS") .. "/done." .. tid, "w"):close()
        wrk.thread:stop()
    end
end
LUA
    for port in "${PORTS[@]}"; do
        warm0="$(date +%s.%N)"
        rm -rf "$WORK/marks" && mkdir "$WORK/marks"
        CREDITDESK_TOKENS="$WORK/tokens.txt" CREDITDESK_THREADS="$THREADS" CREDITDESK_MARKS="$WORK/marks" \
            wrk -t"$THREADS" -c"$CONNECTIONS" -d600s "https://127.0.0.1:$port/" -s "$WORK/warmup.lua" >"$WORK/warmup.out" &
        warm_pid=$!
        while kill -0 "$warm_pid" 2>/dev/null && [ "$(ls "$WORK/marks" | wc -l)" -lt "$THREADS" ]; do sleep 0.2; done
        kill -INT "$warm_pid" 2>/dev/null || true
        wait "$warm_pid" || true
        echo "warm-up pass over all $ACCOUNTS accounts (port $port): $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$warm0" "$(date +%s.%N)") s ($(awk '/ requests in / { print $1 }' "$WORK/warmup.out") requests)"
    done
    CREDITDESK_TOKENS="$WORK/tokens.txt" profiled_run server-summary-spread "https://127.0.0.1:$PORT/" -s "$WORK/spread.lua"
fi
run server-ledger "$BASE/ledger?limit=50" -H "$AUTH"
run nginx-ledger "https://127.0.0.1:$NGINX_PORT/ledger.json"

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{100*a/b:.1f}%' if b else 'n/a')" "$1" "$2"; }
echo "summary: server at $(ratio "$(cat "$WORK/rps.server-summary")" "$(cat "$WORK/rps.nginx-summary")") of nginx"
echo "ledger:  server at $(ratio "$(cat "$WORK/rps.server-ledger")" "$(cat "$WORK/rps.nginx-ledger")") of nginx"
if [ "$ACCOUNTS" -gt 0 ]; then
    echo "summary over $ACCOUNTS accounts, cold (first touches): server at $(ratio "$(cat "$WORK/rps.server-summary-spread-cold")" "$(cat "$WORK/rps.nginx-summary")") of nginx"
    echo "summary over $ACCOUNTS accounts, warm: server at $(ratio "$(cat "$WORK/rps.server-summary-spread")" "$(cat "$WORK/rps.nginx-summary")") of nginx"
fi
echo "load at the end: $(uptime)"

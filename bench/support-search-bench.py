#!/usr/bin/env python3
"""Support search at scale: p50/p95/p99 of GET /v1/accounts?q= over N seeded accounts.

    bench/support-search-bench.py [--accounts 100000] [--requests 200] [--database URL]
                                  [--keep DIR] [--postgres-pid PID] [--server PATH]

Starts build/server/creditdesk-server with --seed-accounts N (SQLite in a temporary data
directory, or PostgreSQL with --database postgres://USER:PASS@HOST:PORT/DB, an empty database
the script may fill), waits for it, then sends each kind of query --requests times over one
kept-alive HTTPS connection (the dev CA), one at a time, and prints the latency per kind and
over all of them. Queries are built from the seeder's naming scheme (server/admin/
AccountSeeder.cpp), so they hit as a support agent's would: an email, part of an email, a full
name (about N/1200 hits), part of a last name (about N/38), an id, part of an id, two letters,
nothing at all, and the next page of a broad query. `broad` (a text every account has) is
printed apart: it is the worst case, not what agents type. Everything listens on 127.0.0.1
and stops at the end. Not a test: it prints figures (docs: notes/support.md).

Beside the wall time at the client, each kind's CPU time per request: the server process's,
and with --postgres-pid (the postmaster's pid, as in DATADIR/postmaster.pid) its backends'.
On a shared, loaded machine the CPU time is the figure that compares runs.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "build", "server", "creditdesk-server")

# The seeder's lists (AccountSeeder.cpp), to build queries that hit.
FIRST = ["Ada", "Alan", "Barbara", "Claude", "Dennis", "Donald", "Edsger", "Frances", "Grace",
         "Guido", "Hedy", "Ivan", "Joan", "John", "Karen", "Ken", "Linus", "Lynn", "Margaret",
         "Mary", "Niklaus", "Radia", "Rasmus", "Richard", "Robin", "Sophie", "Tim", "Vint",
         "Whitfield", "Yukihiro", "Zhang", "Émilie"]
LAST = ["Lovelace", "Turing", "Liskov", "Shannon", "Ritchie", "Knuth", "Dijkstra", "Allen",
        "Hopper", "van Rossum", "Lamarr", "Sutherland", "Clarke", "McCarthy", "Spärck Jones",
        "Thompson", "Torvalds", "Conway", "Hamilton", "Keller", "Wirth", "Perlman", "Lerdorf",
        "Stallman", "Milner", "Wilson", "Berners-Lee", "Cerf", "Diffie", "Matsumoto", "Wei",
        "du Châtelet", "Nakamura", "Okafor", "García", "Kowalski", "Johansson", "Novak"]


def seeded(n):
    first = FIRST[n % len(FIRST)]
    last = LAST[(n * 7 + n // len(FIRST)) % len(LAST)]
    email = f"{first}.{last}".lower().replace(" ", "") + f".{n}@example.org"
    return f"{first} {last} {n}", email, f"seed-{n:06d}"


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    """utime + stime of a process, in ms (0 when it is gone)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * TICK_MS
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid):
    try:
        return [int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=100000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--database")
    ap.add_argument("--keep", help="data directory to reuse (seeding is skipped when done)")
    ap.add_argument("--server", default=SERVER, help="the creditdesk-server to run")
    ap.add_argument("--postgres-pid", type=int,
                    help="the postmaster's pid: its backends' CPU time is counted too")
    args = ap.parse_args()
    if not os.access(args.server, os.X_OK):
        sys.exit(f"{args.server} is missing: run scripts/build.sh first")

    data = args.keep or tempfile.mkdtemp(prefix="creditdesk-search-bench.")
    os.makedirs(data, exist_ok=True)
    # --rate-limit 0: one token sends every query; latency, not the limiter, is measured.
    cmd = [args.server, "--data", data, "--port", "0", "--dev-tls", "--seed-demo", "--rate-limit", "0",
           "--seed-accounts", str(args.accounts)]
    if args.database:
        cmd += ["--database", args.database]
    started = time.time()
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = token = None
    try:
        for line in server.stdout:
            line = line.rstrip()
            m = re.search(r"support agent: token (\S+)", line)
            if m:
                token = m.group(1)
            if line.startswith("seeded "):
                print(line)
            m = re.search(r"listening on https://127\.0\.0\.1:(\d+)", line)
            if m:
                port = int(m.group(1))
                break
        if not port:
            sys.exit("the server did not start")
        print(f"server ready after {time.time() - started:.1f} s "
              f"({'PostgreSQL' if args.database else 'SQLite'}, {args.accounts} seeded accounts)")
        if not token:
            tokens_file = os.path.join(data, "bench-support-token")
            if os.path.exists(tokens_file):
                token = open(tokens_file).read().strip()
            else:
                out = subprocess.run([args.server, "token", "add", "--data", data, "--role", "support",
                                      "--label", "bench"] +
                                     (["--database", args.database] if args.database else []),
                                     check=True, capture_output=True, text=True).stdout.strip()
                token = out
                open(tokens_file, "w").write(token)

        ctx = ssl.create_default_context(cafile=os.path.join(data, "ca.pem"))
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=60)
        headers = {"Authorization": f"Bearer {token}"}

        def get(q, cursor=None, limit=50):
            path = "/v1/accounts?limit=%d&q=%s" % (limit, urllib.parse.quote(q))
            if cursor:
                path += "&cursor=" + urllib.parse.quote(cursor)
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            r = conn.getresponse()
            body = r.read()
            elapsed = (time.perf_counter() - t0) * 1000
            if r.status != 200:
                sys.exit(f"{path}: HTTP {r.status} {body[:200]!r}")
            return elapsed, json.loads(body)

        def cpu():
            """(server, postgres backends) CPU ms so far."""
            pg = sum(cpu_ms(c) for c in children(args.postgres_pid)) if args.postgres_pid else 0.0
            return cpu_ms(server.pid), pg

        rng = random.Random(7)
        n = args.accounts
        kinds = {
            "email": lambda: seeded(rng.randint(1, n))[1],
            "email part": lambda: seeded(rng.randint(1, n))[1].split("@")[0][-9:],
            "full name": lambda: " ".join(seeded(rng.randint(1, n))[0].split(" ")[:2]),
            "last name part": lambda: rng.choice(LAST).lower()[1:5],
            "id": lambda: seeded(rng.randint(1, n))[2],
            "id part": lambda: seeded(rng.randint(1, n))[2][2:9],
            "two letters": lambda: rng.choice(FIRST)[:2],
            "no match": lambda: "zq%05dx" % rng.randint(0, 99999),
        }
        for _ in range(20):  # warm-up: the first queries load pages into the cache
            get(kinds["full name"]())
        results = {}
        hits = {}
        used = {}  # kind -> (server CPU ms, postgres CPU ms) per request
        for kind, make in kinds.items():
            times = []
            found = []
            before = cpu()
            for _ in range(args.requests):
                elapsed, body = get(make())
                times.append(elapsed)
                found.append(len(body["accounts"]))
            after = cpu()
            results[kind] = times
            hits[kind] = statistics.mean(found)
            used[kind] = tuple((a - b) / len(times) for a, b in zip(after, before))
        # The next page of a part-of-a-name query (cursor); CPU counts both requests.
        times = []
        before = cpu()
        for _ in range(args.requests):
            q = rng.choice(LAST).lower()[1:5]
            _, first = get(q)
            if first["next_cursor"]:
                elapsed, _ = get(q, first["next_cursor"])
                times.append(elapsed)
        after = cpu()
        results["next page"] = times
        hits["next page"] = 50
        used["next page"] = tuple((a - b) / max(1, 2 * len(times)) for a, b in zip(after, before))
        before = cpu()
        broad = [get("example.org")[0] for _ in range(max(10, args.requests // 10))]
        after = cpu()
        broad_cpu = tuple((a - b) / len(broad) for a, b in zip(after, before))

        print(f"{'query':<16} {'n':>5} {'hits/page':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
              f" {'cpu srv':>8} {'cpu pg':>8}")
        everything = []
        total_cpu = [0.0, 0.0]
        for kind, times in results.items():
            everything += times
            total_cpu[0] += used[kind][0] * len(times)
            total_cpu[1] += used[kind][1] * len(times)
            print(f"{kind:<16} {len(times):>5} {hits[kind]:>9.1f} {percentile(times, 50):>8.2f} "
                  f"{percentile(times, 95):>8.2f} {percentile(times, 99):>8.2f} "
                  f"{used[kind][0]:>8.2f} {used[kind][1]:>8.2f}")
        print(f"{'all of the above':<16} {len(everything):>5} {'':>9} "
              f"{percentile(everything, 50):>8.2f} {percentile(everything, 95):>8.2f} "
              f"{percentile(everything, 99):>8.2f} {total_cpu[0] / len(everything):>8.2f} "
              f"{total_cpu[1] / len(everything):>8.2f}")
        print(f"{'broad (all N)':<16} {len(broad):>5} {50:>9} {percentile(broad, 50):>8.2f} "
              f"{percentile(broad, 95):>8.2f} {percentile(broad, 99):>8.2f} "
              f"{broad_cpu[0]:>8.2f} {broad_cpu[1]:>8.2f}")
        print("(times in ms: latency at the client; cpu = CPU ms per request of the server"
              " process and of PostgreSQL's backends)")
        conn.close()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.keep:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()

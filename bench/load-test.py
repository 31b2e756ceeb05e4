#!/usr/bin/env python3
"""The 10-minute load (issue 10): many simulated desktop clients against one creditdesk-server.

Each client is one member with its own token and one kept-alive TLS connection. It polls its
account's events feed as the desktop client does (If-None-Match with the last ETag; a 200 page
moves its `after` on, pages with has_more are fetched at once) every POLL seconds on average,
and now and then buys credits (POST purchases with an Idempotency-Key; on a network error the
same request is sent again with the same key, as the client's PurchaseFlow does). At the end the
server is stopped, `creditdesk-server verify` must be clean, and every purchase answered 2xx
must be in the database exactly once, with exactly one purchase event once completed (none
when failed).

    bench/load-test.py [--duration 600] [--clients 500] [--poll 2] [--buy 0.05]
                       [--database postgres://user:pass@host:port]   # a fresh database is made

Needs a build (scripts/build.sh): build/server/creditdesk-server and
build/bench/server/bench_server_memory (which seeds the members and writes their tokens).
A benchmark, not a test: it prints figures (requests, statuses, latencies, verify).
"""
import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Stats:
    def __init__(self):
        self.by_status = {}
        self.by_kind = {}
        self.latency = {"poll": [], "buy": []}
        self.network_errors = 0
        self.error_kinds = {}
        self.purchases = {}  # id -> account, for every 2xx answer
        self.bought_keys = 0

    def record(self, kind, status, seconds):
        self.by_status[status] = self.by_status.get(status, 0) + 1
        key = (kind, status)
        self.by_kind[key] = self.by_kind.get(key, 0) + 1
        self.latency[kind].append(seconds)


class Connection:
    """One kept-alive HTTP/1.1 connection over TLS; reopened after an error."""

    def __init__(self, port, context):
        self.port = port
        self.context = context
        self.reader = None
        self.writer = None

    async def close(self):
        if self.writer:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except Exception:
                pass
        self.reader = self.writer = None

    async def request(self, method, path, token, headers=None, body=b""):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                "127.0.0.1", self.port, ssl=self.context, server_hostname="localhost")
        lines = [f"{method} {path} HTTP/1.1", "Host: localhost", f"Authorization: Bearer {token}"]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if body:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        answer_headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            answer_headers[name.strip().lower()] = value.strip()
        length = int(answer_headers.get("content-length", "0"))
        data = await self.reader.readexactly(length) if length else b""
        if answer_headers.get("connection", "").lower() == "close":
            await self.close()
        return status, answer_headers, data


async def client(account, token, port, context, args, deadline, stats):
    conn = Connection(port, context)
    etag = None
    after = 0
    # Spread the first requests (and TLS handshakes) over one poll period.
    await asyncio.sleep(random.uniform(0, args.poll))
    while time.monotonic() < deadline:
        try:
            more = True
            while more and time.monotonic() < deadline:
                headers = {"If-None-Match": etag} if etag else {}
                t0 = time.monotonic()
                status, h, data = await asyncio.wait_for(
                    conn.request("GET", f"/v1/accounts/{account}/events?after={after}", token,
                                 headers), 60)
                stats.record("poll", status, time.monotonic() - t0)
                more = False
                if status == 200:
                    page = json.loads(data)
                    if page["events"]:
                        after = page["events"][-1]["seq"]
                    more = page["has_more"]
                    etag = None if more else h.get("etag")
                elif status == 429:
                    await asyncio.sleep(int(h.get("retry-after", "1")))
            if random.random() < args.buy and time.monotonic() < deadline:
                key = str(uuid.uuid4())
                body = json.dumps({"amount": random.choice([1, 2, 5, 10])}).encode()
                stats.bought_keys += 1
                for attempt in range(5):
                    t0 = time.monotonic()
                    try:
                        status, h, data = await asyncio.wait_for(
                            conn.request("POST", f"/v1/accounts/{account}/purchases", token,
                                         {"Idempotency-Key": key}, body), 60)
                    except (OSError, asyncio.TimeoutError, ConnectionError,
                            asyncio.IncompleteReadError, ValueError, IndexError):
                        stats.network_errors += 1
                        await conn.close()
                        await asyncio.sleep(1)
                        continue
                    stats.record("buy", status, time.monotonic() - t0)
                    if 200 <= status < 300:
                        stats.purchases[json.loads(data)["id"]] = account
                    if status != 429 and status < 500:
                        break
                    await asyncio.sleep(int(h.get("retry-after", "1")))
        except (OSError, asyncio.TimeoutError, ConnectionError, asyncio.IncompleteReadError,
                ValueError, IndexError) as e:
            stats.network_errors += 1
            stats.error_kinds[type(e).__name__ + ": " + str(e)[:60]] = \
                stats.error_kinds.get(type(e).__name__ + ": " + str(e)[:60], 0) + 1
            await conn.close()
        await asyncio.sleep(random.uniform(0.5 * args.poll, 1.5 * args.poll))
    await conn.close()


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def cpu_seconds(pid):
    """User + system CPU seconds of a running process (from /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def query(database, sqlite_file, sql):
    if database:
        out = subprocess.run(["psql", "-At", "-F", "\t", database, "-c", sql], check=True,
                             capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]
    import sqlite3
    with sqlite3.connect(sqlite_file) as db:
        return [[str(c) for c in row] for row in db.execute(sql)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=600)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--poll", type=float, default=2.0, help="mean seconds between polls")
    parser.add_argument("--buy", type=float, default=0.05, help="chance of a purchase per poll")
    parser.add_argument("--database", help="postgres://user:pass@host:port (a database is made)")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()

    server = os.path.join(args.build, "server", "creditdesk-server")
    seeder = os.path.join(args.build, "bench", "server", "bench_server_memory")
    work = tempfile.mkdtemp(prefix="creditdesk-load.")
    data = os.path.join(work, "data")
    database = None
    db_args = []
    if args.database:
        name = "creditdesk_load_" + uuid.uuid4().hex[:8]
        subprocess.run(["psql", "-q", args.database.rstrip("/") + "/postgres", "-c",
                        f"CREATE DATABASE {name}"], check=True)
        database = args.database.rstrip("/") + "/" + name
        db_args = ["--database", database]
    print(f"work dir {work}; database {database or 'SQLite in ' + data}", flush=True)

    t0 = time.monotonic()
    subprocess.run([seeder, "seed", data, "--accounts", str(args.clients), "--events-per-account",
                    "4", "--heavy", "0", "--tokens", os.path.join(work, "tokens.txt")] + db_args,
                   check=True, stdout=subprocess.DEVNULL)
    members = [line.split() for line in open(os.path.join(work, "tokens.txt")) if line.strip()]
    print(f"seeded {len(members)} members in {time.monotonic() - t0:.0f} s", flush=True)

    out = open(os.path.join(work, "server.out"), "w+")
    # Purchases settle a second after they are made (pending in between, as with a real
    # provider); 5 % are declined. Per-token rate limits stay at their defaults. The clients all
    # come from 127.0.0.1, where members would come from as many addresses: the per-address
    # connection cap (default 256) is raised above their number.
    proc = subprocess.Popen([server, "--data", data, "--dev-tls", "--port", "0",
                             "--payment-delay-ms", "1000", "--payment-failure-rate", "0.05",
                             "--max-connections-per-client", str(max(256, 2 * args.clients))]
                            + db_args, stdout=out, stderr=subprocess.STDOUT)
    port = None
    for _ in range(1200):
        out.seek(0)
        m = re.search(r"^listening on https://127\.0\.0\.1:(\d+)$", out.read(), re.M)
        if m:
            port = int(m.group(1))
            break
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    if not port:
        out.seek(0)
        sys.exit("the server did not start:\n" + out.read())
    context = ssl.create_default_context(cafile=os.path.join(data, "ca.pem"))

    stats = Stats()
    cpu0, wall0 = cpu_seconds(proc.pid), time.monotonic()
    deadline = time.monotonic() + args.duration

    async def run_all():
        await asyncio.gather(*(client(account, token, port, context, args, deadline, stats)
                               for account, token in members))

    asyncio.run(run_all())
    wall = time.monotonic() - wall0
    cpu = cpu_seconds(proc.pid) - cpu0
    time.sleep(3)  # the last purchases settle
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()

    total = sum(stats.by_status.values())
    classes = {}
    for status, n in stats.by_status.items():
        classes[f"{status // 100}xx"] = classes.get(f"{status // 100}xx", 0) + n
    print(f"\n{len(members)} clients for {wall:.0f} s: {total} requests "
          f"({total / wall:.0f}/s), server CPU {cpu:.1f} s ({100 * cpu / wall:.0f} % of one core)")
    print("  by class: " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items()))
          + f"; 429: {stats.by_status.get(429, 0)}; network errors: {stats.network_errors}")
    print("  by kind:  " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(stats.by_kind.items())))
    for what, n in sorted(stats.error_kinds.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  error {n}x {what}")
    for kind, values in stats.latency.items():
        print(f"  {kind:5} p50 {1000 * percentile(values, 0.5):7.1f} ms   "
              f"p99 {1000 * percentile(values, 0.99):7.1f} ms   ({len(values)} answers)")

    verify = subprocess.run([server, "verify", "--data", data] + db_args, capture_output=True,
                            text=True)
    print(f"verify: exit {verify.returncode}; " + (verify.stdout + verify.stderr).strip()
          .replace("\n", "\n  "))

    # Every 2xx purchase: one row, and one purchase event once completed (none when failed).
    rows = {r[0]: r for r in query(database, os.path.join(data, "creditdesk.sqlite"),
                                   "SELECT id, account_id, status FROM purchases")}
    events = {}
    for (note,) in query(database, os.path.join(data, "creditdesk.sqlite"),
                         "SELECT note FROM events WHERE note LIKE '%\"purchase\"%'"):
        pid = json.loads(note).get("purchase")
        events[pid] = events.get(pid, 0) + 1
    problems = []
    status_count = {}
    for pid, account in stats.purchases.items():
        row = rows.get(pid)
        if not row or row[1] != account:
            problems.append(f"purchase {pid} of {account}: not in the database")
            continue
        status_count[row[2]] = status_count.get(row[2], 0) + 1
        expected = 1 if row[2] == "completed" else 0
        if events.get(pid, 0) != expected:
            problems.append(f"purchase {pid} ({row[2]}): {events.get(pid, 0)} purchase events")
    unseen = [pid for pid, r in rows.items() if r[1].startswith("bench-") and pid not in stats.purchases]
    print(f"purchases answered 2xx: {len(stats.purchases)} (of {stats.bought_keys} keys); in the "
          f"database: " + ", ".join(f"{k} {v}" for k, v in sorted(status_count.items()))
          + f"; rows no client saw answered: {len(unseen)}")
    print("every 2xx purchase present exactly once" if not problems else
          "PROBLEMS:\n  " + "\n  ".join(problems[:20]))
    if database:
        subprocess.run(["psql", "-q", args.database.rstrip("/") + "/postgres", "-c",
                        f"DROP DATABASE {database.rsplit('/', 1)[1]}"])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = verify.returncode == 0 and not problems and classes.get("5xx", 0) == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

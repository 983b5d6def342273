#!/usr/bin/env python3
"""Commit-to-answer latency of lookup servers on a PostgreSQL registry (issue 19's push benchmark).

    scripts/bench-push.py GATEWAY SQLITE_REGISTRY POSTGRES_URL [CHANGES]

Migrates SQLITE_REGISTRY into POSTGRES_URL (an empty database; the password in MRA_REGISTRY_PASSWORD), starts two
`serve` instances on it that ask the registry only every 10 minutes, then CHANGES times (100 by default) commits a
status change of one member (suspended, then reinstated, alternately) and measures, for each server, the time from
the commit's return to the first answer of GET /v1/traders/ID that shows it. Prints the median and the worst per
server. The commit goes through psql; its own time is not counted.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

gateway, sqlite, url = sys.argv[1:4]
changes = int(sys.argv[4]) if len(sys.argv) > 4 else 100
member = "KRAEO2015005348"
subprocess.run([gateway, "registry", "migrate", "--from", sqlite, "--to", url], check=True, stdout=subprocess.DEVNULL)
servers = []
for _ in range(2):
    process = subprocess.Popen([gateway, "serve", "--registry", url, "--port", "0", "--refresh", "600"],
                               stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    base = re.search(r"http://[0-9.:]+", line).group(0)
    servers.append((process, base))


def status(base):
    with urllib.request.urlopen(f"{base}/v1/traders/{member}?at=2026-12-10") as answer:
        return json.load(answer)["members"][0]["status"]


psql_url = url.replace("postgres://", "postgresql://")
latencies = [[] for _ in servers]
try:
    for index in range(changes):
        wanted = "suspended" if index % 2 == 0 else "active"
        kind = "suspended" if wanted == "suspended" else "reinstated"
        sql = f"""
        BEGIN;
        INSERT INTO ledger (direction, partner, fileName, digest, byteCount, receivedAt, processedAt, outcome, filed)
            VALUES ('inbound', 'kr-aeo', 'bench-{index}.xml', 'bench', 1, '2026-12-06T00:00:00Z',
                    '2026-12-06T00:00:01Z', 'applied', true);
        UPDATE member SET status = '{wanted}' WHERE memberId = '{member}';
        INSERT INTO member_event (member, kind, effective, cause, ledgerId)
            SELECT id, '{kind}', '2026-12-06', 'record', (SELECT max(id) FROM ledger) FROM member WHERE memberId = '{member}';
        COMMIT;"""
        subprocess.run(["psql", "-q", psql_url, "-c", sql], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, PGPASSWORD=os.environ["MRA_REGISTRY_PASSWORD"]))
        committed = time.perf_counter()
        pending = set(range(len(servers)))
        while pending:
            for number in list(pending):
                if status(servers[number][1]) == wanted:
                    latencies[number].append((time.perf_counter() - committed) * 1000)
                    pending.discard(number)
finally:
    for process, _ in servers:
        process.terminate()
        process.wait()
for number, values in enumerate(latencies):
    print(f"server {number + 1}: {len(values)} changes, commit to answer median {statistics.median(values):.1f} ms, "
          f"worst {max(values):.1f} ms")

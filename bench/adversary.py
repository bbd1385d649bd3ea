"""Helpers for bench/adversary.sh, in Python for its threads: a flood of sign-ins from
many loopback addresses while the rest of the API is timed, and a bulk insert of
sessions. Loopback only; every loop is bounded."""

import concurrent.futures
import http.client
import json
import sqlite3
import sys
import threading
import time


def request(port, method, path, body=None, headers=None, source=None):
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0) if source else None
    )
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError as error:
        return f"error: {type(error).__name__}"
    finally:
        conn.close()


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def flood(port, pid, token, count):
    """`count` sign-ins at once for unknown emails, each from its own 127.0.1.x address,
    while one client times /healthz and GET /sessions."""
    statuses = []
    timings = {"healthz": [], "sessions": []}
    done = threading.Event()

    def sign_in(i):
        body = json.dumps({"email": f"nobody-{i}@example.com", "password": "a guess",
                           "client": {"kind": "web"}})
        return request(port, "POST", "/api/v1/auth/sign-in", body,
                       {"content-type": "application/json"}, f"127.0.1.{i + 1}")

    def probe():
        while not done.is_set():
            for name, path, headers in [("healthz", "/api/v1/healthz", {}),
                                        ("sessions", "/api/v1/sessions",
                                         {"authorization": f"Bearer {token}"})]:
                started = time.perf_counter()
                status = request(port, "GET", path, headers=headers)
                timings[name].append(((time.perf_counter() - started) * 1000, status))

    before = peak_rss_kib(pid)
    prober = threading.Thread(target=probe)
    prober.start()
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        statuses = list(pool.map(sign_in, range(count)))
    elapsed = time.perf_counter() - started
    done.set()
    prober.join()
    after = peak_rss_kib(pid)
    counts = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    print(f"{count} sign-ins from {count} addresses in {elapsed:.2f} s: "
          + ", ".join(f"{n} x {s}" for s, n in sorted(counts.items(), key=str)))
    print(f"server peak RSS: {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after the flood")
    for name, samples in timings.items():
        ms = sorted(t for t, _ in samples)
        bad = [s for _, s in samples if s != 200]
        if ms:
            print(f"during the flood, GET {name}: {len(ms)} requests, median {ms[len(ms) // 2]:.1f} ms, "
                  f"max {ms[-1]:.1f} ms, {len(bad)} not 200")


def parallel_guesses(port, email, count):
    """`count` wrong passwords for one email at once."""
    def guess(i):
        body = json.dumps({"email": email, "password": f"guess {i}", "client": {"kind": "cli"}})
        return request(port, "POST", "/api/v1/auth/sign-in", body,
                       {"content-type": "application/json"})
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        statuses = list(pool.map(guess, range(count)))
    counts = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    print(f"{count} wrong passwords at once: "
          + ", ".join(f"{n} x {s}" for s, n in sorted(counts.items(), key=str)))


def insert_sessions(path, count):
    """`count` live web sessions for the only account, straight into the database."""
    db = sqlite3.connect(path, timeout=30)
    user = db.execute("SELECT id FROM users").fetchone()[0]
    now = int(time.time() * 1000)
    rows = [(f"{i:08x}-0000-4000-8000-{i:012x}", user, "web", f"Browser {i}",
             now - 86_400_000, now - i * 1000, now + 86_400_000) for i in range(1, count + 1)]
    db.executemany("INSERT INTO device_sessions (id, user_id, kind, label, created_at, "
                   "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "flood":
        flood(int(args[0]), int(args[1]), args[2], int(args[3]))
    elif command == "guesses":
        parallel_guesses(int(args[0]), args[1], int(args[2]))
    elif command == "insert-sessions":
        insert_sessions(args[0], int(args[1]))

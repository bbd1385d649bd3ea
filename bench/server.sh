#!/usr/bin/env bash
# Server benchmark (issue 2): authenticated GET /api/v1/sessions against the bare
# GET /api/v1/healthz of the same server, 32 connections, side by side in one run; then
# the list latency with 1,000 and with 1,000,000 rows in device_sessions.
# Needs wrk, sqlite3, curl and jq (Debian packages). Release build, SQLite, loopback only.
# Usage: bash bench/server.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
source bench/common.sh
db="$work/tab.db"
api="$base/api/v1"
token=$(sign_in cli)
for kind in web desktop web desktop; do sign_in "$kind" >/dev/null; done
# The token goes to wrk through a Lua script file, never onto a command line or into output.
cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p99 %.2f ms  errors %d (of %d)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
LUA
cat "$work/auth.lua" "$work/report.lua" >"$work/auth-report.lua"

echo "== 32 connections, ${secs}s each, 2 threads (machine: $(nproc) cores)"
printf 'bare GET /healthz:            '; wrk -t2 -c32 -d"${secs}s" -s "$work/report.lua" "$api/healthz" | tail -1
printf 'authenticated GET /sessions:  '; wrk -t2 -c32 -d"${secs}s" -s "$work/auth-report.lua" "$api/sessions" | tail -1

fill() { # fill to $1 rows: other users' sessions, a tenth of them revoked
  local target=$1 now
  now=$(date +%s000)
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT OR IGNORE INTO users (id, email, email_key, name, role, password_hash, created_at)
SELECT printf('00000000-0000-4000-8000-%012d', i), 'u' || i || '@example.com', 'u' || i || '@example.com', 'U', 'accountant', 'x', $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $target - (SELECT COUNT(*) FROM device_sessions))
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       printf('00000000-0000-4000-8000-%012d', 1 + i % 20000), 'web', NULL, $now, $now - (i % 100000), $now + 604800000,
       CASE WHEN i % 10 = 0 THEN $now ELSE NULL END
FROM n;
SQL
}
for target in 1000 1000000; do
  fill "$target"
  rows=$(sqlite3 "$db" 'SELECT COUNT(*) FROM device_sessions')
  printf 'list with %7d rows, 1 connection:  ' "$rows"
  wrk -t1 -c1 -d"${secs}s" -s "$work/auth-report.lua" "$api/sessions" | tail -1
done

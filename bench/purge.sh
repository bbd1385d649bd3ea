#!/usr/bin/env bash
# Retention purge benchmark (issue 22): 1,000,000 ended sessions (a year of a large firm,
# expired or revoked more than 90 days ago) beside 20,000 accounts' live ones, on SQLite;
# `tab server purge --older-than 90d` while one connection reads GET /api/v1/sessions, and
# the list's p50/p99 before and during the purge (batches of 2,000, 20 ms apart, are what
# keep the write lock short).
# Needs wrk, sqlite3, curl, jq. Usage: bash bench/purge.sh [seconds-of-list-before]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
source bench/common.sh
api="$base/api/v1"
token=$(sign_in cli)
for kind in web desktop web desktop; do sign_in "$kind" >/dev/null; done
report_script "$token" "$work/auth-report.lua"
now=$(date +%s000)
day=86400000
uuid="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
sqlite3 "$work/tab.db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO users (id, email, email_key, name, role, password_hash, created_at)
SELECT printf('00000000-0000-4000-8000-%012d', i), 'u' || i || '@example.com', 'u' || i || '@example.com', 'U', 'accountant', 'x', $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, printf('00000000-0000-4000-8000-%012d', 1 + i % 20000), 'web', NULL,
       $now - (100 + i % 200) * $day, $now - (100 + i % 200) * $day, $now - (93 + i % 200) * $day,
       CASE WHEN i % 3 = 0 THEN $now - (95 + i % 200) * $day ELSE NULL END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, printf('00000000-0000-4000-8000-%012d', i), 'web', NULL, $now, $now, $now + 7 * $day, NULL FROM n;
SQL
rows=$(sqlite3 "$work/tab.db" 'SELECT COUNT(*) FROM device_sessions')
echo "== $rows sessions: 1,000,000 ended more than 90 days ago, $((rows - 1000000)) live (machine: $(nproc) cores)"
before=$(wrk -t1 -c1 -d"${secs}s" -s "$work/auth-report.lua" "$api/sessions" | tail -1)
echo "GET /sessions, 1 connection, before:  $before"
# The list keeps reading for as long as the purge runs (wrk is stopped when it ends).
wrk -t1 -c1 -d600s -s "$work/auth-report.lua" "$api/sessions" >"$work/during.txt" &
wrk_pid=$!
sleep 1
started=$(date +%s%N)
$tab server purge --older-than 90d --json >"$work/purge.json"
ended=$(date +%s%N)
kill -INT "$wrk_pid"
wait "$wrk_pid" || true
echo "tab server purge --older-than 90d:    $(( (ended - started) / 1000000 )) ms, $(cat "$work/purge.json")"
echo "GET /sessions, 1 connection, during:  $(tail -1 "$work/during.txt")"
echo "left: $(sqlite3 "$work/tab.db" 'SELECT COUNT(*) FROM device_sessions') sessions"

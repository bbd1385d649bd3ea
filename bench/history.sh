#!/usr/bin/env bash
# History and clean-up benchmark (issue 10): GET /api/v1/sessions/events?limit=50 on an
# account with 100,000 events, and the filtered POST /api/v1/sessions/revoke-others
# ({"kinds": ["web"], "idle_for_secs": 172800}) with 1,000 and with 1,000,000 rows in
# device_sessions. Each figure is wrk's, one connection, side by side in one run.
# Needs wrk, sqlite3, curl and jq (Debian packages). Release build, SQLite, loopback only.
# Usage: bash bench/history.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
source bench/common.sh
db="$work/tab.db"
api="$base/api/v1"
token=$(sign_in cli)
user=$(sqlite3 "$db" "SELECT id FROM users WHERE email_key = 'bench@example.com'")
report_script "$token" "$work/report.lua"
cat "$work/report.lua" >"$work/filter.lua"
cat >>"$work/filter.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kinds": ["web"], "idle_for_secs": 172800}'
LUA

now=$(date +%s000)
uuid="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

echo "== ${secs}s per run, 1 connection (machine: $(nproc) cores)"
# 50 ended sessions first (101 events), then 50,000 (100,001 events).
ended() {
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at, revoked_by, device, ip, sign_in_ip, ended_ip)
SELECT $uuid, '$user', 'web', NULL, $now - 6 * 86400000 + i * 1000, $now - 6 * 86400000 + i * 1000,
       $now + 86400000, $now - 6 * 86400000 + i * 1000 + 500, NULL, 'Chrome 131 on macOS', '203.0.113.7', '203.0.113.7', '203.0.113.7'
FROM n;
SQL
}
for count in 50 49950; do
  ended "$count"
  events=$(( $(sqlite3 "$db" "SELECT COUNT(*) FROM device_sessions WHERE user_id = '$user'") * 2 - 1 ))
  printf 'events, limit 50, %6d events on the account:  ' "$events"
  wrk -t1 -c1 -d"${secs}s" -s "$work/report.lua" "$api/sessions/events?limit=50" | tail -1
done
curl -sf "$api/sessions/events?limit=50" -H "Authorization: Bearer $token" | jq '.events | length' | sed 's/^/  (events answered: /; s/$/)/'
# The clean-up measured on its own: the account keeps only its live session.
sqlite3 "$db" "DELETE FROM device_sessions WHERE user_id = '$user' AND revoked_at IS NOT NULL"

fill() { # fill device_sessions to $1 rows with other users' live sessions
  local target=$1
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT OR IGNORE INTO users (id, email, email_key, name, role, password_hash, created_at)
SELECT printf('00000000-0000-4000-8000-%012d', i), 'u' || i || '@example.com', 'u' || i || '@example.com', 'U', 'accountant', 'x', $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $target - (SELECT COUNT(*) FROM device_sessions))
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at)
SELECT $uuid, printf('00000000-0000-4000-8000-%012d', 1 + i % 20000), CASE WHEN i % 3 = 0 THEN 'web' ELSE 'desktop' END, NULL,
       $now - 86400000 * (i % 6), $now - 3600000 * (i % 140), $now + 86400000
FROM n;
SQL
}
# The account's own live sessions for the filter to find: 20 web sessions idle 3 days.
seed_idle() {
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at)
SELECT $uuid, '$user', 'web', NULL, $now - 4 * 86400000, $now - 3 * 86400000, $now + 3 * 86400000 FROM n;
SQL
}
sqlite3 "$db" "DELETE FROM device_sessions WHERE user_id <> '$user'"
for target in 1000 1000000; do
  fill "$target"
  seed_idle
  rows=$(sqlite3 "$db" 'SELECT COUNT(*) FROM device_sessions')
  first=$(curl -sf -w ' %{time_total}' "$api/sessions/revoke-others" -H "Authorization: Bearer $token" \
    -H 'content-type: application/json' -d '{"kinds": ["web"], "idle_for_secs": 172800}')
  printf 'filtered revoke-others, %7d rows: first call %s in %.2f ms; then ' "$rows" "${first% *}" "$(echo "${first##* } * 1000" | bc -l)"
  wrk -t1 -c1 -d"${secs}s" -s "$work/filter.lua" "$api/sessions/revoke-others" | tail -1
done

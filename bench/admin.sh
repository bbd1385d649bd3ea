#!/usr/bin/env bash
# Administrators' benchmark (issue 18), on SQLite, the build people install:
#   1. GET /api/v1/admin/users with 100,000 accounts: the first page and a deep one (the
#      page after the 99,000th email), 100 accounts each, 1 connection, wrk; the target
#      is a deep page within 1.5x of the first;
#   2. `tab admin offboard --users-from FILE` of 100 people with 10 live sessions each,
#      wall clock, three rounds of 100 different people; the target is under 2 s;
#   3. `tab admin sessions revoke --user EMAIL --all` of one account with 10,000 live
#      sessions, wall clock, three rounds.
# Needs wrk, sqlite3, curl, jq (Debian packages).
# Usage: bash bench/admin.sh [seconds-per-wrk-run]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
source bench/common.sh
db="$work/tab.db"
api="$base/api/v1"
now=$(date +%s000)
uuid="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
sql() { sqlite3 "$db" "PRAGMA busy_timeout = 10000;" "$@" >/dev/null; }

$tab server user set-role bench@example.com admin >/dev/null
export TAB_CONFIG_DIR="$work/config" TAB_SERVER="$base" NO_COLOR=1
printf '%s\n' 'benchmark password' | $tab login --email bench@example.com --password-stdin --insecure-storage 2>/dev/null
token=$($tab token)
report_script "$token" "$work/auth-report.lua"

echo "== 1. GET /admin/users, 100 a page, 1 connection, ${secs}s each (machine: $(nproc) cores)"
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO users (id, email, email_key, name, role, password_hash, created_at)
SELECT $uuid, printf('u%06d@example.com', i), printf('u%06d@example.com', i), 'User ' || i, 'accountant', 'x', $now FROM n;"
# Every account with two sessions, one live, one revoked: the page's counts read them.
sql "INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, id, 'web', NULL, $now, $now - 60000, $now + 604800000, NULL FROM users WHERE email_key LIKE 'u%';
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, id, 'desktop', NULL, $now, $now - 120000, $now + 604800000, $now FROM users WHERE email_key LIKE 'u%';"
printf 'accounts: %s, sessions: %s\n' "$(sqlite3 "$db" 'SELECT COUNT(*) FROM users')" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM device_sessions')"
first=$(wrk -t1 -c1 -d"${secs}s" -s "$work/auth-report.lua" "$api/admin/users?limit=100" | tail -1)
deep=$(wrk -t1 -c1 -d"${secs}s" -s "$work/auth-report.lua" "$api/admin/users?limit=100&after=u099000@example.com" | tail -1)
echo "first page:           $first"
echo "after 99,000 emails:  $deep"
p50() { sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
echo "deep / first (p50):   $(python3 -c "print(f'{$(p50 "$deep") / $(p50 "$first"):.2f}x')")"
curl -sf -H @- "$api/admin/users?limit=100&after=u099000@example.com" <<<"Authorization: Bearer $token" \
  | jq -r '"deep page: \(.users | length) accounts, first \(.users[0].email), live \(.users[0].live_sessions)"'

echo "== 2. tab admin offboard of 100 people with 10 live sessions each (wall clock)"
for round in 1 2 3; do
  sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO users (id, email, email_key, name, role, password_hash, created_at)
SELECT $uuid, printf('leaver%d-%03d@example.com', $round, i), printf('leaver%d-%03d@example.com', $round, i), 'Leaver', 'accountant', 'x', $now FROM n;
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 10)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, u.id, 'web', NULL, $now, $now, $now + 604800000, NULL FROM users u, k WHERE u.email_key LIKE 'leaver$round-%';"
  sqlite3 "$db" "SELECT email FROM users WHERE email_key LIKE 'leaver$round-%' ORDER BY email" >"$work/leavers.txt"
  start=$(date +%s%N)
  summary=$($tab admin offboard --users-from "$work/leavers.txt" | tail -1)
  end=$(date +%s%N)
  printf 'round %d: %5d ms  %s\n' "$round" $(((end - start) / 1000000)) "$summary"
done

echo "== 3. tab admin sessions revoke --all of one account with 10,000 live sessions (wall clock)"
sql "INSERT INTO users (id, email, email_key, name, role, password_hash, created_at)
VALUES ($uuid, 'busy@example.com', 'busy@example.com', 'Busy', 'accountant', 'x', $now);"
for round in 1 2 3; do
  sql "WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 10000)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, u.id, 'cli', NULL, $now, $now, $now + 604800000, NULL FROM users u, k WHERE u.email_key = 'busy@example.com';"
  start=$(date +%s%N)
  answer=$($tab admin sessions revoke --user busy@example.com --all --json)
  end=$(date +%s%N)
  printf 'round %d: %5d ms  %s\n' "$round" $(((end - start) / 1000000)) "$answer"
done

#!/usr/bin/env bash
# Server benchmark (issues 2 and 11), side by side in one run on SQLite:
#   1. 32 connections: a bare endpoint (examples/bare.rs: a constant JSON answer, no
#      database, no auth, the server's own connection handling and runtime), the server's
#      GET /api/v1/healthz, and the authenticated GET /api/v1/me and GET /api/v1/sessions
#      (5 sessions);
#   2. the list at 1 connection with 1,000 and with 1,000,000 rows in device_sessions;
#   3. 32 connections revoking: DELETE /api/v1/sessions/{id} (each request a distinct
#      live session) and POST /api/v1/sessions/revoke-others (synchronous=FULL);
#   4. two server processes on one PostgreSQL database, 16 connections each at once.
# Needs wrk, sqlite3, curl, jq (Debian packages) and, for part 4, PostgreSQL's initdb and
# pg_ctl (the postgresql package; run as root, the cluster runs as the postgres user).
# Usage: bash bench/server.sh [seconds-per-run]; PARTS=2 (say) runs only the parts named.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
source bench/common.sh
cargo build --release --quiet -p tab-server --example bare
db="$work/tab.db"
api="$base/api/v1"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "$1 did not answer" >&2; exit 1; }
pids=("$server_pid")
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  if [ -n "${pg_stop:-}" ]; then eval "$pg_stop" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

token=$(sign_in cli)
for kind in web desktop web desktop; do sign_in "$kind" >/dev/null; done
report_script "" "$work/report.lua"
report_script "$token" "$work/auth-report.lua"
# The list's own answer, for the bare server to serve as constant bytes (part 1).
curl -sf -H @- "$api/sessions" >"$work/list-body.json" <<<"Authorization: Bearer $token"

bare_port=$(free_port)
target/release/examples/bare "127.0.0.1:$bare_port" "$work/list-body.json" 2>/dev/null &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/api/v1/bare"
rps() { sed -n 's/^requests\/s \([0-9]*\).*/\1/p'; }

parts=${PARTS:-1234}
if [[ $parts == *1* ]]; then
echo "== 1. 32 connections, ${secs}s each, wrk -t2 (machine: $(nproc) cores)"
bare=$(wrk -t2 -c32 -d"${secs}s" -s "$work/report.lua" "http://127.0.0.1:$bare_port/api/v1/bare" | tail -1)
body=$(wrk -t2 -c32 -d"${secs}s" -s "$work/report.lua" "http://127.0.0.1:$bare_port/api/v1/bare-body" | tail -1)
health=$(wrk -t2 -c32 -d"${secs}s" -s "$work/report.lua" "$api/healthz" | tail -1)
me=$(wrk -t2 -c32 -d"${secs}s" -s "$work/auth-report.lua" "$api/me" | tail -1)
list=$(wrk -t2 -c32 -d"${secs}s" -s "$work/auth-report.lua" "$api/sessions" | tail -1)
for line in "bare endpoint (no database, no auth): $bare" \
  "bare, the list's $(wc -c <"$work/list-body.json")-byte answer:    $body" \
  "GET /healthz (SELECT 1):             $health" \
  "authenticated GET /me:               $me" "authenticated GET /sessions:         $list"; do
  echo "$line"
done
awk -v b="$(rps <<<"$bare")" -v o="$(rps <<<"$body")" -v h="$(rps <<<"$health")" -v m="$(rps <<<"$me")" -v l="$(rps <<<"$list")" \
  'BEGIN { printf "ratio to the bare endpoint: bare with the list answer %.2f, healthz %.2f, me %.2f, authenticated list %.2f\n", o / b, h / b, m / b, l / b }'
fi

now=$(date +%s000)
uuid="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
fill() { # fill to $1 rows: other users' sessions, a tenth of them revoked
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT OR IGNORE INTO users (id, email, email_key, name, role, password_hash, created_at)
SELECT printf('00000000-0000-4000-8000-%012d', i), 'u' || i || '@example.com', 'u' || i || '@example.com', 'U', 'accountant', 'x', $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1 - (SELECT COUNT(*) FROM device_sessions))
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
SELECT $uuid, printf('00000000-0000-4000-8000-%012d', 1 + i % 20000), 'web', NULL, $now, $now - (i % 100000), $now + 604800000,
       CASE WHEN i % 10 = 0 THEN $now ELSE NULL END
FROM n;
SQL
}
if [[ $parts == *2* ]]; then
echo "== 2. the list at 1 connection, by table size"
for target in 1000 1000000; do
  fill "$target"
  printf 'list with %7d rows:  ' "$(sqlite3 "$db" 'SELECT COUNT(*) FROM device_sessions')"
  wrk -t1 -c1 -d"${secs}s" -s "$work/auth-report.lua" "$api/sessions" | tail -1
done
fi

if [[ $parts == *3* ]]; then
echo "== 3. 32 connections revoking (synchronous=FULL)"
user=$(sqlite3 "$db" "SELECT id FROM users WHERE email_key = 'bench@example.com'")
sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at)
SELECT $uuid, '$user', 'web', NULL, $now, $now, $now + 604800000 FROM n;
SQL
{
  cat "$work/auth-report.lua"
  echo 'ids = {'
  sqlite3 "$db" "SELECT '\"' || id || '\",' FROM device_sessions WHERE user_id = '$user' AND kind = 'web' AND revoked_at IS NULL LIMIT 200000"
  cat <<'LUA'
}
local threads = 0
function setup(thread) thread:set("first", threads * 100000); threads = threads + 1 end
function init(args) next_id = first end
function request()
  next_id = next_id + 1
  return wrk.format("DELETE", "/api/v1/sessions/" .. ids[next_id])
end
LUA
} >"$work/delete.lua"
printf 'DELETE /sessions/{id}, each a live session:  '
wrk -t2 -c32 -d"${secs}s" -s "$work/delete.lua" "$api/sessions" | tail -1
printf '  revoked by that run: %s\n' "$(sqlite3 "$db" "SELECT COUNT(*) FROM device_sessions WHERE user_id = '$user' AND revoked_at IS NOT NULL")"
{ cat "$work/auth-report.lua"; echo 'wrk.method = "POST"'; } >"$work/others.lua"
printf 'POST /sessions/revoke-others (the first revokes the rest):  '
wrk -t2 -c32 -d"${secs}s" -s "$work/others.lua" "$api/sessions/revoke-others" | tail -1
fi
[[ $parts == *4* ]] || exit 0

echo "== 4. two server processes on one PostgreSQL database"
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort | tail -1 || true)
if [ -z "$initdb" ]; then
  echo "skipped: no initdb (apt-get install postgresql)"
  exit 0
fi
pg_ctl="$(dirname "$initdb")/pg_ctl"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres: "$work"; fi
pg_port=$(free_port)
"${as_pg[@]}" "$initdb" -A trust -U tab -E UTF8 -D "$work/pg" >/dev/null
settings="-c shared_buffers=128MB -c max_connections=100 -c fsync=on -c synchronous_commit=on"
"${as_pg[@]}" "$pg_ctl" -D "$work/pg" -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 $settings" -l "$work/pg.log" -w start >/dev/null
pg_stop="${as_pg[*]} $pg_ctl -D $work/pg -m fast stop"
pg_url="postgres://tab@127.0.0.1:$pg_port/postgres"
echo "PostgreSQL $("$(dirname "$initdb")/postgres" --version | awk '{print $3}'), $settings"
export TAB_JWT_SECRET
TAB_JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' 'benchmark password' | $tab server user add --database "$pg_url" --email bench@example.com --name Bench --password-stdin >/dev/null
ports=()
for _ in 1 2; do
  port=$(free_port)
  $tab server serve --listen "127.0.0.1:$port" --database "$pg_url" 2>>"$work/pg-servers.log" &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/api/v1/healthz"
  ports+=("$port")
done
base="http://127.0.0.1:${ports[0]}"
pg_token=$(sign_in cli)
for kind in web desktop web desktop; do sign_in "$kind" >/dev/null; done
report_script "$pg_token" "$work/pg-report.lua"
wrk -t1 -c16 -d"${secs}s" -s "$work/pg-report.lua" "http://127.0.0.1:${ports[0]}/api/v1/sessions" | tail -1 >"$work/pg-a" &
a=$!
wrk -t1 -c16 -d"${secs}s" -s "$work/pg-report.lua" "http://127.0.0.1:${ports[1]}/api/v1/sessions" | tail -1 >"$work/pg-b" &
b=$!
wait "$a" "$b"
echo "process 1, authenticated GET /sessions, 16 connections: $(cat "$work/pg-a")"
echo "process 2, authenticated GET /sessions, 16 connections: $(cat "$work/pg-b")"
awk -v a="$(rps <"$work/pg-a")" -v b="$(rps <"$work/pg-b")" 'BEGIN { printf "together: %d requests/s\n", a + b }'
if [ -s "$work/pg-servers.log" ]; then
  echo "what the two servers logged (warnings and errors):"
  head -20 "$work/pg-servers.log"
fi

#!/usr/bin/env bash
# CLI benchmark (issue 3): `tab sessions list` end to end (process start to exit, token
# from TAB_TOKEN) against curl making the same request, paired in one hyperfine run;
# tab's peak memory; the size of a client-only release binary.
# Needs hyperfine, curl, jq and GNU time (Debian packages).
# Usage: bash bench/cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo build --release --quiet --no-default-features --target-dir target/client-only
tab=target/release/tab
client=target/client-only/release/tab
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
export TAB_DATABASE_URL="sqlite://$work/tab.db" TAB_LOG=warn
printf '%s\n' 'benchmark password' | $tab server user add --email bench@example.com --name Bench --password-stdin >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$tab server serve --listen "127.0.0.1:$port" 2>"$work/server.log" &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/api/v1/healthz" >/dev/null; do sleep 0.1; done
base="http://127.0.0.1:$port"
token=$(curl -sf "$base/api/v1/auth/sign-in" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"benchmark password","client":{"kind":"cli","label":"bench"}}' | jq -r .token)
for kind in web desktop web; do
  curl -sf "$base/api/v1/auth/sign-in" -H 'content-type: application/json' \
    -d "{\"email\":\"bench@example.com\",\"password\":\"benchmark password\",\"client\":{\"kind\":\"$kind\"}}" >/dev/null
done
# The token reaches curl through a header file and tab through TAB_TOKEN: never on a
# command line that hyperfine prints.
printf 'Authorization: Bearer %s\n' "$token" >"$work/header"
export TAB_TOKEN=$token TAB_SERVER=$base TAB_CONFIG_DIR=$work/config NO_COLOR=1
echo "== tab (client-only build) vs curl, same request, paired runs"
hyperfine -N --warmup 20 --runs 300 --export-json "$work/times.json" \
  "$client sessions list" \
  "curl -sf -H @$work/header $base/api/v1/sessions"
jq -r '.results[] | "\(.command | split(" ")[0] | split("/")[-1]): median \(.median * 1000 | . * 100 | round / 100) ms"' "$work/times.json"
jq -r '(.results[0].median / .results[1].median) as $r | "ratio tab/curl (median): \($r * 100 | round / 100)"' "$work/times.json"
echo "== peak memory of tab sessions list"
/usr/bin/time -f 'max RSS %M KiB' "$client" sessions list 2>&1 >/dev/null | tail -1
echo "== client-only release binary"
ls -l "$client" | awk '{printf "%s bytes (%.2f MiB)\n", $5, $5 / 1048576}'

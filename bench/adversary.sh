#!/usr/bin/env bash
# Adversary benchmark (issue 6): what a flood of sign-ins costs the server, whether 40
# parallel guesses get through, and the sessions table at 10,000 rows against --json.
# Needs hyperfine, curl, jq and python3. Usage: bash bench/adversary.sh
# (TAB_BIN=PATH measures another build, for a before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
port=${base##*:}
token=$(sign_in cli)

echo "== 40 wrong passwords for one email, sent at once"
python3 bench/adversary.py guesses "$port" bench@example.com 40

echo "== 120 sign-ins at once for unknown emails, each from its own loopback address"
python3 bench/adversary.py flood "$port" "$server_pid" "$token" 120

echo "== tab sessions list with 10,000 live sessions: table against --json"
python3 bench/adversary.py insert-sessions "$work/tab.db" 10000
export TAB_TOKEN=$token TAB_SERVER=$base TAB_CONFIG_DIR=$work/config NO_COLOR=1
hyperfine -N --warmup 3 --runs 20 --export-json "$work/list.json" \
  "$tab sessions list" "$tab sessions list --json"
jq -r '.results[] | "\(.command | split(" ")[1:] | join(" ")): median \(.median * 1000 | . * 10 | round / 10) ms"' "$work/list.json"
jq -r '(.results[0].median / .results[1].median) as $r | "ratio table/json (median): \($r * 100 | round / 100)"' "$work/list.json"

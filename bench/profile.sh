#!/usr/bin/env bash
# Where the server's time goes under the authenticated list at 32 connections (issue 11):
# perf samples the server process while wrk loads it, then the share of samples in the
# kernel's futex (thread hand-off) paths and the top symbols are printed. The release
# binary is stripped, so the server's own frames show as addresses; the kernel's are named.
# Needs perf (linux-perf), wrk, curl and jq. TAB_BIN=PATH profiles another build.
# Usage: bash bench/profile.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
source bench/common.sh
token=$(sign_in cli)
for kind in web desktop web desktop; do sign_in "$kind" >/dev/null; done
report_script "$token" "$work/auth-report.lua"
wrk -t2 -c32 -d"$((secs + 2))s" -s "$work/auth-report.lua" "$base/api/v1/sessions" | tail -1 >"$work/wrk.txt" &
load=$!
sleep 1
perf record -q -F 999 -g -o "$work/perf.data" -p "$server_pid" -- sleep "$secs" 2>/dev/null
wait "$load"
echo "load: $(cat "$work/wrk.txt")"
perf report -q -i "$work/perf.data" --stdio --no-children --sort sym 2>/dev/null \
  | grep -E '^ +[0-9.]+%' >"$work/symbols.txt"
awk '/futex|schedule|try_to_wake_up|finish_task_switch/ { sum += $1 } END { printf "futex, scheduling and wake-ups: %.1f%% of samples\n", sum }' "$work/symbols.txt"
echo "top symbols:"
head -${TOP:-15} "$work/symbols.txt"

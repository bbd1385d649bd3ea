#!/usr/bin/env bash
# CLI benchmark (issue 3): `tab sessions list` end to end (process start to exit, token
# from TAB_TOKEN) against curl making the same request, paired in one hyperfine run;
# tab's peak memory; the size of a client-only release binary.
# Needs hyperfine, curl, jq and GNU time (Debian packages).
# Usage: bash bench/cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
cargo build --release --quiet --no-default-features --target-dir target/client-only
client=target/client-only/release/tab
token=$(sign_in cli)
for kind in web desktop web; do sign_in "$kind" >/dev/null; done
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

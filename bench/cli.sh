#!/usr/bin/env bash
# CLI benchmark (issues 3 and 17): `tab sessions list` end to end (process start to exit)
# against the same local server, in one hyperfine run, side by side:
#   - a bare reqwest + comfy-table client (examples/bare_client.rs), the floor;
#   - the client-only build (--no-default-features) and the default build (what
#     `cargo install --path .` and the demo give), both with TAB_TOKEN;
#   - the default build with its token in a real Secret Service (gnome-keyring, unlocked,
#     on a D-Bus session of its own), the desktop's everyday path;
#   - curl making the same request.
# Then each one's peak memory (median of 11 runs of GNU time) and the binaries' sizes.
# Needs hyperfine, curl, jq, GNU time, dbus-run-session and gnome-keyring (Debian packages).
# Usage: bash bench/cli.sh [runs]   (TAB_BIN=PATH measures another default build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
source bench/common.sh
cargo build --release --quiet --no-default-features --target-dir target/client-only
cargo build --release --quiet --example bare_client
client=target/client-only/release/tab
bare=target/release/examples/bare_client
token=$(sign_in cli)
for kind in web desktop web; do sign_in "$kind" >/dev/null; done
# The token reaches curl through a header file and tab through TAB_TOKEN or the keyring:
# never on a command line that hyperfine prints.
printf 'Authorization: Bearer %s\n' "$token" >"$work/header"
export TAB_SERVER=$base TAB_CONFIG_DIR=$work/config NO_COLOR=1
cat >"$work/inner.sh" <<INNER
set -euo pipefail
echo keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
printf '%s\n' 'benchmark password' | env -u TAB_TOKEN $tab login --email bench@example.com --password-stdin --label bench >/dev/null 2>&1
env -u TAB_TOKEN $tab sessions list >/dev/null
# TAB_TOKEN is exported to every command; the keyring run unsets it, and its TAB_TOKEN
# counterpart goes through the same env(1) so that both pay for the same exec.
hyperfine -N --warmup 20 --runs $runs --export-json $work/times.json \
  -n bare "$bare" \
  -n client-only "$client sessions list" \
  -n default "$tab sessions list" \
  -n default-via-env "env $tab sessions list" \
  -n default-keyring "env -u TAB_TOKEN $tab sessions list" \
  -n curl "curl -sf -H @$work/header $base/api/v1/sessions" >/dev/null
peak() { for _ in \$(seq 11); do /usr/bin/time -f %M "\$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 6p; }
echo "== peak memory, median of 11 (KiB)"
echo "bare \$(peak $bare)"
echo "client-only \$(peak $client sessions list)"
echo "default \$(peak $tab sessions list)"
echo "default-keyring \$(peak env -u TAB_TOKEN $tab sessions list)"
INNER
TAB_TOKEN=$token dbus-run-session -- bash "$work/inner.sh"
echo "== median wall time (ms)"
jq -r '.results[] | "\(.command): \(.median * 1000 | . * 100 | round / 100) ms (mean \(.mean * 1000 | . * 100 | round / 100), sd \(.stddev * 1000 | . * 100 | round / 100))"' "$work/times.json"
jq -r '(.results | map({key: .command, value: .median}) | from_entries) as $m |
  "default / bare: \($m.default / $m.bare * 100 | round / 100)x",
  "client-only / bare: \($m["client-only"] / $m.bare * 100 | round / 100)x",
  "default / client-only: \($m.default / $m["client-only"] * 100 | round / 100)x",
  "keyring / TAB_TOKEN (default build, both through env): \($m["default-keyring"] / $m["default-via-env"] * 100 | round / 100)x"' "$work/times.json"
echo "== release binaries"
for binary in "$bare" "$client" "$tab"; do
  ls -l "$binary" | awk '{printf "%s: %s bytes (%.2f MiB)\n", $9, $5, $5 / 1048576}'
done

#!/usr/bin/env bash
# The session check's pieces, timed in process (issue 11): the token check, the store's
# session read and list read on one thread and on two at once, and a one-row read through
# rusqlite on SQLite's `unix` and `unix-excl` VFS. See crates/tab-server/examples/reads.rs.
# Needs sqlite3, curl and jq (Debian packages).
# Usage: bash bench/reads.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
cargo build --release --quiet -p tab-server --example reads
for kind in cli web desktop web desktop; do sign_in "$kind" >/dev/null; done
read -r sid user < <(sqlite3 -separator ' ' "$work/tab.db" "SELECT id, user_id FROM device_sessions WHERE kind = 'cli'")
# The server is stopped first: nothing else reads or writes while the pieces are timed.
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
target/release/examples/reads "sqlite://$work/tab.db" "$sid" "$user"

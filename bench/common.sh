# Sourced by the benchmark scripts: a release build, a temporary SQLite database with one
# account, and the server on a free loopback port. Sets $tab, $work, $base, $server_pid.
# TAB_BIN=PATH measures another build of tab (an older commit's, say) instead;
# SERVE_ARGS adds options to `tab server serve`.
if [ -n "${TAB_BIN:-}" ]; then
  tab=$TAB_BIN
else
  cargo build --release --quiet
  tab=target/release/tab
fi
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
export TAB_DATABASE_URL="sqlite://$work/tab.db" TAB_LOG=warn
printf '%s\n' 'benchmark password' | $tab server user add --email bench@example.com --name Bench --password-stdin >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# SERVE_ARGS: more `serve` options (`--metrics-listen 127.0.0.1:0`, say), word-split.
# shellcheck disable=SC2086
$tab server serve --listen "127.0.0.1:$port" ${SERVE_ARGS:-} 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/api/v1/healthz" >/dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/api/v1/healthz" >/dev/null || {
  echo "the server did not start within 10 s:" >&2
  cat "$work/server.log" >&2
  exit 1
}
base="http://127.0.0.1:$port"

# Signs in as a new session of kind $1; prints the token (for the scripts' own use only).
sign_in() {
  curl -sf "$base/api/v1/auth/sign-in" -H 'content-type: application/json' \
    -d "{\"email\":\"bench@example.com\",\"password\":\"benchmark password\",\"client\":{\"kind\":\"$1\",\"label\":\"bench $1\"}}" | jq -r .token
}

# Writes wrk's Lua reporting script, sending $1 (if not empty) as the bearer token, to $2 (the token goes
# through a file, never onto a command line or into output).
report_script() {
  if [ -n "$1" ]; then
    printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$1" >"$2"
  else
    : >"$2"
  fi
  cat >>"$2" <<LUA
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  local kinds = ""
  if errors > 0 then
    kinds = string.format(" [connect %d, read %d, write %d, status %d, timeout %d]", summary.errors.connect,
      summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout)
  end
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p99 %.2f ms  errors %d (of %d)%s\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests, kinds))
end
LUA
}

//! Issue 22: running the reference server unattended. `metrics.rs` scrapes
//! `--metrics-listen` after a scripted mix and parses it with the Prometheus project's own
//! parser; `health.rs` the probes, with PostgreSQL stopped under a running server;
//! `retention.rs` the purge (the command, `--retention`, the history's last line, and
//! races on both backends); `backup.rs` a backup and restore round trip; `check.rs`
//! `tab server check`; `unit.rs` the systemd unit.

mod backup;
mod check;
mod health;
mod metrics;
mod retention;
mod unit;

use crate::support::TestServer;

/// The metrics listener's address, from the server's start-up line.
pub(super) fn metrics_address(server: &TestServer) -> String {
    assert!(
        server.wait_for_log("metrics at http://"),
        "{}",
        server.logs()
    );
    let logs = server.logs();
    logs.split("metrics at http://")
        .nth(1)
        .and_then(|rest| rest.split("/metrics").next())
        .expect("the metrics address")
        .to_string()
}

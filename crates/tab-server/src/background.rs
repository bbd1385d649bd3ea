//! The serving process's background work besides the mail: the live-session gauge (and
//! the count of expiries) for `--metrics-listen`, and the hourly retention purge for
//! `--retention`. Each stops when the server starts shutting down.

use std::time::Duration;

use tokio::sync::watch;

use crate::metrics::{RevokeKind, metrics};
use crate::store::Store;

/// How long sessions and audit entries are kept (`--retention`, `--audit-retention`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Sessions that ended longer ago than this are removed, with their history.
    pub sessions: Duration,
    /// Administrators' audit entries older than this are removed.
    pub audit: Duration,
}

impl Retention {
    /// The audit record's window when none is given: a year.
    pub const DEFAULT_AUDIT: Duration = Duration::from_secs(365 * 24 * 60 * 60);
}

/// How often the retention purge runs while serving.
const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);
/// The first purge after start: soon, but not in the start-up's way.
const FIRST_PURGE_AFTER: Duration = Duration::from_secs(1);

/// Waits `period`, or less if the server starts stopping; whether it is stopping.
async fn wait_or_stop(period: Duration, stopping: &mut watch::Receiver<bool>) -> bool {
    if *stopping.borrow() {
        return true;
    }
    tokio::select! {
        _ = tokio::time::sleep(period) => *stopping.borrow(),
        _ = stopping.changed() => true,
    }
}

/// Keeps the live-session gauge and the count of expiries, every `every` (15 seconds).
pub(crate) async fn live_gauge(store: Store, every: Duration, mut stopping: watch::Receiver<bool>) {
    let mut last = crate::now();
    loop {
        let now = crate::now();
        match store.live_session_count(now).await {
            Ok(live) => metrics().set_live_sessions(live),
            Err(e) => {
                metrics().database_error();
                tracing::warn!(error = %e.describe(), "cannot count the live sessions");
            }
        }
        match store.expired_between(last, now).await {
            Ok(expired) => {
                metrics().revoked(RevokeKind::Expired, expired.max(0) as u64);
                last = now;
            }
            Err(e) => {
                metrics().database_error();
                tracing::warn!(error = %e.describe(), "cannot count the expired sessions");
            }
        }
        if wait_or_stop(every, &mut stopping).await {
            return;
        }
    }
}

/// Purges what is past `retention`, soon after start and then every hour.
pub(crate) async fn purge_hourly(
    store: Store,
    retention: Retention,
    mut stopping: watch::Receiver<bool>,
) {
    if wait_or_stop(FIRST_PURGE_AFTER, &mut stopping).await {
        return;
    }
    loop {
        match store
            .purge(crate::now(), retention.sessions, retention.audit, false)
            .await
        {
            Ok(report) => tracing::info!(
                sessions = report.sessions,
                accounts = report.accounts,
                audit_entries = report.audit_entries,
                "retention: purged {}",
                report.in_words()
            ),
            Err(e) => {
                metrics().database_error();
                tracing::warn!(error = %e.describe(), "retention: the purge failed; it runs again in an hour");
            }
        }
        if wait_or_stop(PURGE_EVERY, &mut stopping).await {
            return;
        }
    }
}

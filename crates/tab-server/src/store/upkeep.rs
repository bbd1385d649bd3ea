//! What an operator's server does besides answering: readiness, the live-session gauge
//! and expiries, the retention purge, and SQLite backups.
//!
//! The purge deletes only sessions that ended (revoked, else expired) before its cutoff,
//! which no live session can match; it works in batches, each its own short transaction,
//! pausing between them, so that a purge of a million rows never holds SQLite's write
//! lock (or PostgreSQL's row locks) for long. Counts are what each `DELETE ... RETURNING`
//! itself removed, so two processes purging at once count every row once.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use super::{Pool, Store, StoreError, UnixMillis, UserId, schema};

/// Rows deleted per purge transaction.
pub(super) const PURGE_BATCH: i64 = 2_000;
/// The pause between two purge batches, in which other writers take the lock.
pub(super) const PURGE_PAUSE: Duration = Duration::from_millis(20);

/// What a purge removed (or, dry, would remove).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// Ended sessions removed, with their history.
    pub sessions: u64,
    /// Accounts they belonged to.
    pub accounts: u64,
    /// Administrators' audit entries removed (past their own window).
    pub audit_entries: u64,
}

impl PurgeReport {
    /// `1,204 sessions of 37 accounts` (and `and 3 audit entries` when some went).
    pub fn in_words(&self) -> String {
        let counted = |n: u64, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{} {many}", grouped(n)),
        };
        let mut words = format!(
            "{} of {}",
            counted(self.sessions, "session", "sessions"),
            counted(self.accounts, "account", "accounts")
        );
        if self.audit_entries > 0 {
            words.push_str(&format!(
                " and {}",
                counted(self.audit_entries, "audit entry", "audit entries")
            ));
        }
        words
    }
}

/// `1,204`: a count as people read it.
pub fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The latest purge of an account's history, as its history shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurgeRecord {
    /// When the purge ran (Unix ms).
    pub at: i64,
    /// Sessions that ended before this (Unix ms) were removed.
    pub ended_before: i64,
    /// How many of the account's sessions that run removed.
    pub sessions: i64,
    /// The retention window (ms).
    pub retention_ms: i64,
}

/// Whether the schema is the one this server was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaState {
    /// Every migration this server knows is applied, and none newer.
    Current,
    /// Migrations this server knows are missing: the database's version and this server's.
    Behind(i64, i64),
    /// A newer server migrated the database further.
    Ahead(i64, i64),
}

const LIVE_COUNT: &str =
    "SELECT COUNT(*) FROM device_sessions WHERE revoked_at IS NULL AND expires_at > $1";
const EXPIRED_BETWEEN: &str = "SELECT COUNT(*) FROM device_sessions
     WHERE revoked_at IS NULL AND expires_at > $1 AND expires_at <= $2";
const SCHEMA_VERSION: &str = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
const WOULD_PURGE: &str = "SELECT user_id, COUNT(*) FROM device_sessions
     WHERE COALESCE(revoked_at, expires_at) < $1 GROUP BY user_id";
const PURGE_SESSIONS: &str = "DELETE FROM device_sessions WHERE id IN
       (SELECT id FROM device_sessions WHERE COALESCE(revoked_at, expires_at) < $1 LIMIT $2)
     RETURNING user_id";
/// A session's renames go with it: they are older than its end, and so than the cutoff.
const PURGE_RENAMES: &str = "DELETE FROM session_renames WHERE id IN
       (SELECT r.id FROM session_renames r WHERE r.at < $1
          AND NOT EXISTS (SELECT 1 FROM device_sessions d WHERE d.id = r.session_id)
        LIMIT $2)";
/// Browser sign-in requests last minutes; past the window they are only history.
const PURGE_GRANTS: &str = "DELETE FROM cli_grants WHERE id IN
       (SELECT id FROM cli_grants WHERE created_at < $1 LIMIT $2)";
const PURGE_AUDIT: &str = "DELETE FROM admin_audit WHERE id IN
       (SELECT id FROM admin_audit WHERE at < $1 LIMIT $2)";
const RECORD_PURGE: &str = "INSERT INTO history_purges
     (id, user_id, at, sessions, ended_before, retention_ms) VALUES ($1, $2, $3, $4, $5, $6)";
const LATEST_PURGE: &str = "SELECT at, ended_before, sessions, retention_ms FROM history_purges
     WHERE user_id = $1 ORDER BY at DESC LIMIT 1";

impl Store {
    /// Sessions live at `now`, every account: counted from the expiry index, so the cost
    /// follows the live sessions, not the rows kept.
    pub async fn live_session_count(&self, now: UnixMillis) -> Result<i64, StoreError> {
        on_pool!(self, |pool| sqlx::query_scalar(LIVE_COUNT)
            .bind(now)
            .fetch_one(pool)
            .await)
    }

    /// Sessions whose seven days ran out after `after` and by `until` (Unix ms).
    pub async fn expired_between(
        &self,
        after: UnixMillis,
        until: UnixMillis,
    ) -> Result<i64, StoreError> {
        on_pool!(self, |pool| sqlx::query_scalar(EXPIRED_BETWEEN)
            .bind(after)
            .bind(until)
            .fetch_one(pool)
            .await)
    }

    /// Whether the database's migrations are this server's.
    pub async fn schema_state(&self) -> Result<SchemaState, StoreError> {
        let applied: i64 = on_pool!(self, |pool| sqlx::query_scalar(SCHEMA_VERSION)
            .fetch_one(pool)
            .await)?;
        let known = schema::MIGRATIONS.last().map_or(0, |(v, _)| *v);
        Ok(match applied.cmp(&known) {
            std::cmp::Ordering::Equal => SchemaState::Current,
            std::cmp::Ordering::Less => SchemaState::Behind(applied, known),
            std::cmp::Ordering::Greater => SchemaState::Ahead(applied, known),
        })
    }

    /// Removes (or with `dry_run` only counts) every session that ended before
    /// `now - retention`, with its renames, and audit entries older than
    /// `now - audit_retention`; records one `history_purges` line per account.
    pub async fn purge(
        &self,
        now: UnixMillis,
        retention: Duration,
        audit_retention: Duration,
        dry_run: bool,
    ) -> Result<PurgeReport, StoreError> {
        let retention_ms = i64::try_from(retention.as_millis()).unwrap_or(i64::MAX);
        let cutoff = now.saturating_sub(retention_ms);
        let audit_cutoff =
            now.saturating_sub(i64::try_from(audit_retention.as_millis()).unwrap_or(i64::MAX));
        if dry_run {
            let counts: Vec<(String, i64)> = on_pool!(self, |pool| sqlx::query_as(WOULD_PURGE)
                .bind(cutoff)
                .fetch_all(pool)
                .await)?;
            let audit: i64 = on_pool!(self, |pool| sqlx::query_scalar(
                "SELECT COUNT(*) FROM admin_audit WHERE at < $1"
            )
            .bind(audit_cutoff)
            .fetch_one(pool)
            .await)?;
            return Ok(PurgeReport {
                sessions: counts.iter().map(|(_, n)| *n as u64).sum(),
                accounts: counts.len() as u64,
                audit_entries: audit as u64,
            });
        }
        let mut per_account: BTreeMap<String, i64> = BTreeMap::new();
        loop {
            let users: Vec<String> = on_pool!(self, |pool| sqlx::query_scalar(PURGE_SESSIONS)
                .bind(cutoff)
                .bind(PURGE_BATCH)
                .fetch_all(pool)
                .await)?;
            for user in &users {
                *per_account.entry(user.clone()).or_default() += 1;
            }
            if (users.len() as i64) < PURGE_BATCH {
                break;
            }
            tokio::time::sleep(PURGE_PAUSE).await;
        }
        for statement in [PURGE_RENAMES, PURGE_GRANTS] {
            self.delete_in_batches(statement, cutoff).await?;
        }
        let audit_entries = self.delete_in_batches(PURGE_AUDIT, audit_cutoff).await?;
        for (user, sessions) in &per_account {
            on_pool!(self, |pool| sqlx::query(RECORD_PURGE)
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(user)
                .bind(now)
                .bind(*sessions)
                .bind(cutoff)
                .bind(retention_ms)
                .execute(pool)
                .await
                .map(|_| ()))?;
        }
        let sessions = per_account.values().map(|n| *n as u64).sum();
        crate::metrics::metrics().purged(sessions);
        Ok(PurgeReport {
            sessions,
            accounts: per_account.len() as u64,
            audit_entries,
        })
    }

    async fn delete_in_batches(
        &self,
        statement: &str,
        cutoff: UnixMillis,
    ) -> Result<u64, StoreError> {
        let mut total = 0;
        loop {
            let deleted = on_pool!(self, |pool| sqlx::query(statement)
                .bind(cutoff)
                .bind(PURGE_BATCH)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()))?;
            total += deleted;
            if (deleted as i64) < PURGE_BATCH {
                return Ok(total);
            }
            tokio::time::sleep(PURGE_PAUSE).await;
        }
    }

    /// The account's latest purge, if its history was ever purged.
    pub async fn latest_purge(&self, user_id: &UserId) -> Result<Option<PurgeRecord>, StoreError> {
        let row: Option<(i64, i64, i64, i64)> =
            on_pool!(self, |pool| sqlx::query_as(LATEST_PURGE)
                .bind(user_id)
                .fetch_optional(pool)
                .await)?;
        Ok(
            row.map(|(at, ended_before, sessions, retention_ms)| PurgeRecord {
                at,
                ended_before,
                sessions,
                retention_ms,
            }),
        )
    }

    /// Writes an online, consistent copy of a SQLite database to `path` (`VACUUM INTO`),
    /// a new file readable by its owner only. `Ok(false)` on PostgreSQL, which has
    /// `pg_dump` for this.
    pub async fn backup_to(&self, path: &Path) -> anyhow::Result<bool> {
        let Pool::Sqlite(pool, _) = &self.pool else {
            return Ok(false);
        };
        super::private_file::create_empty(path)?;
        let target = path.to_string_lossy().into_owned();
        let copied = sqlx::query("VACUUM INTO $1")
            .bind(&target)
            .execute(pool)
            .await;
        if let Err(e) = copied {
            let _ = std::fs::remove_file(path);
            anyhow::bail!(
                "cannot write the backup: {}",
                StoreError::from(e).describe()
            );
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(1_204), "1,204");
        assert_eq!(super::grouped(1_000_000), "1,000,000");
        let report = super::PurgeReport {
            sessions: 1_204,
            accounts: 1,
            audit_entries: 0,
        };
        assert_eq!(report.in_words(), "1,204 sessions of 1 account");
    }
}

//! Device sessions: creating, reading and refreshing them (revoking them is
//! `revokes.rs`; the serialisation both rely on is `serialise.rs`; the record and its
//! one decoder are `record.rs`).

use std::sync::LazyLock;

use super::record::{SESSION_COLUMNS, SessionRow, session_row};
use super::{Pool, SessionId, SessionRecord, Store, StoreError, UnixMillis, UserId};

/// The one definition of a live session in SQL: not revoked, and not expired at `$1`
/// (every statement that uses it binds the current time first). Inside a subquery it
/// applies to the subquery's own table. [`SessionRecord::is_live`] is the same rule in Rust.
pub(super) const LIVE: &str = "revoked_at IS NULL AND expires_at > $1";

/// How far back a sign-in's device and network are looked for: 30 days.
pub(super) const NEW_DEVICE_LOOKBACK_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// What became of a new session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// It was recorded.
    Created,
    /// The account has started too many sessions within the window.
    TooMany,
    /// The account's password changed, or it was disabled, after the password was
    /// checked.
    AccountChanged,
}

impl Store {
    /// Records a new device session unless its user already started `max_recent`
    /// sessions since `since` (Unix ms), or the account changed since its password was
    /// checked against `checked_hash` (a new password, or disabled); what happened.
    /// Serialised per user, so the limit holds however many sign-ins race, and a sign-in
    /// with a password that was replaced meanwhile never leaves a session behind. With
    /// `queue_mail`, a new device is queued for the alert mail ([`Store::claim_mailbox`]).
    pub async fn create_session_within(
        &self,
        session: &SessionRecord,
        since: UnixMillis,
        max_recent: i64,
        checked_hash: &str,
        queue_mail: bool,
    ) -> Result<Created, StoreError> {
        // New: the account has signed in before, and none of its sessions seen within
        // the 30 days before had this device (version aside) from this network. A new
        // one is queued for the alert mail ($18) in the same statement, so that nothing
        // between the two can lose the mail.
        const CREATE: &str = "INSERT INTO device_sessions
               (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at,
                device, ip, sign_in_ip, method, device_family, network, new_device,
                mail_queued_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $11, $12, $12, $14, $15, $16,
                    fresh.new_device,
                    CASE WHEN fresh.new_device = 1 AND $18 = 1 THEN $5 ELSE NULL END
             FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM device_sessions WHERE user_id = $2)
                                AND NOT EXISTS (SELECT 1 FROM device_sessions
                                                WHERE user_id = $2 AND device_family = $15
                                                  AND network = $16 AND last_seen_at > $17)
                               THEN 1 ELSE 0 END AS new_device) AS fresh
             WHERE (SELECT COUNT(*) FROM device_sessions
                    WHERE user_id = $2 AND created_at > $9
                      AND created_at >= (SELECT sign_ins_counted_from FROM users WHERE id = $2)) < $10
               AND EXISTS (SELECT 1 FROM users
                           WHERE id = $2 AND password_hash = $13 AND disabled_at IS NULL)";
        const STILL_VALID: &str = "SELECT COUNT(*) FROM users
             WHERE id = $1 AND password_hash = $2 AND disabled_at IS NULL";
        serialised_per_user!(self, &session.user_id, |conn| {
            let changed = sqlx::query(CREATE)
                .bind(&session.id)
                .bind(&session.user_id)
                .bind(session.kind.as_str())
                .bind(&session.label)
                .bind(session.created_at)
                .bind(session.last_seen_at)
                .bind(session.expires_at)
                .bind(session.revoked_at)
                .bind(since)
                .bind(max_recent)
                .bind(&session.device)
                .bind(&session.ip)
                .bind(checked_hash)
                .bind(session.method.as_deref().unwrap_or("password"))
                .bind(crate::devices::family(session.device.as_deref()))
                .bind(
                    session
                        .ip
                        .as_deref()
                        .and_then(|ip| ip.parse().ok())
                        .map(crate::client_address::network)
                        .unwrap_or_default(),
                )
                .bind(session.created_at - NEW_DEVICE_LOOKBACK_MS)
                .bind(i64::from(queue_mail))
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if changed > 0 {
                Created::Created
            } else {
                let valid: i64 = sqlx::query_scalar(STILL_VALID)
                    .bind(&session.user_id)
                    .bind(checked_hash)
                    .fetch_one(&mut *conn)
                    .await?;
                if valid == 0 {
                    Created::AccountChanged
                } else {
                    Created::TooMany
                }
            }
        })
    }

    /// Acknowledges the new-device alert of the account's session `session_id` ("It was
    /// me") at `now`; whether the account has that session.
    pub async fn ack_alert(
        &self,
        user_id: &UserId,
        session_id: &SessionId,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const ACK: &str = "UPDATE device_sessions
             SET alert_acked_at = COALESCE(alert_acked_at, $1)
             WHERE id = $2 AND user_id = $3 AND new_device = 1";
        let changed = on_pool!(self, |pool| sqlx::query(ACK)
            .bind(now)
            .bind(session_id)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(changed == 1)
    }

    /// The session with this id, live or not.
    pub async fn session(&self, id: &SessionId) -> Result<Option<SessionRecord>, StoreError> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!("SELECT {SESSION_COLUMNS} FROM device_sessions WHERE id = $1")
        });
        let sql: &str = &SQL;
        let row: Option<SessionRow> = match &self.pool {
            Pool::Sqlite(_, readers) => readers
                .rows(sql, &[("$1", &id)], session_row)?
                .into_iter()
                .next(),
            Pool::Postgres(pool) => sqlx::query_as(sql).bind(id).fetch_optional(pool).await?,
        };
        row.map(SessionRecord::try_from).transpose()
    }

    /// Sets `last_seen_at` to `now` and `ip` to `ip` if the session is still live and was
    /// last refreshed before `stale_before` or from another address. The condition is
    /// part of the statement, so a refresh racing a revoke can never revive or extend the
    /// session. True when the row was updated.
    pub async fn touch_session(
        &self,
        id: &SessionId,
        now: UnixMillis,
        stale_before: UnixMillis,
        ip: &str,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, |pool| {
            sqlx::query(&format!(
                "UPDATE device_sessions SET last_seen_at = $1, ip = $4
                 WHERE id = $2 AND {LIVE} AND (last_seen_at < $3 OR ip IS NULL OR ip <> $4)"
            ))
            .bind(now)
            .bind(id)
            .bind(stale_before)
            .bind(ip)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Moves a session's start and last-seen times (its expiry follows the start), for
    /// seeding a demonstration or a test with devices of different ages.
    pub async fn set_session_times(
        &self,
        id: &SessionId,
        created_at: UnixMillis,
        last_seen_at: UnixMillis,
    ) -> Result<(), StoreError> {
        let expires_at = created_at + tab_api::SESSION_LIFETIME_SECS * 1000;
        on_pool!(self, |pool| {
            sqlx::query("UPDATE device_sessions SET created_at = $1, last_seen_at = $2, expires_at = $3 WHERE id = $4")
                .bind(created_at)
                .bind(last_seen_at)
                .bind(expires_at)
                .bind(id)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    /// The session `sid` (live or not) together with the user's live sessions, most
    /// recently seen first, in one statement: the list endpoint authenticates and reads in
    /// one round trip, which is most of its cost. With `ended_since` (Unix ms), also the
    /// user's sessions revoked or expired since then.
    pub async fn session_and_live_sessions(
        &self,
        sid: &SessionId,
        user_id: &UserId,
        now: UnixMillis,
        ended_since: Option<UnixMillis>,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        // UNION ALL and no ORDER BY: no sort or de-duplication in the database on the
        // hot path (the second half leaves the caller's row out), and the handler orders
        // the rows (after admitting may have refreshed one). Built once: the statement
        // cache is keyed by the text.
        fn statement(listed: &str) -> String {
            format!(
                "SELECT {SESSION_COLUMNS} FROM device_sessions WHERE id = $2
                 UNION ALL
                 SELECT {SESSION_COLUMNS} FROM device_sessions
                 WHERE user_id = $3 AND ({listed}) AND id <> $2"
            )
        }
        static LIVE_ONLY: LazyLock<String> = LazyLock::new(|| statement(LIVE));
        static WITH_ENDED: LazyLock<String> = LazyLock::new(|| {
            statement("(revoked_at IS NULL AND expires_at > $4) OR revoked_at > $4")
        });
        let sql: &str = match ended_since {
            None => &LIVE_ONLY,
            Some(_) => &WITH_ENDED,
        };
        let rows: Vec<SessionRow> = match &self.pool {
            Pool::Sqlite(_, readers) => {
                let since = ended_since.unwrap_or_default();
                let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
                    vec![("$1", &now), ("$2", &sid), ("$3", &user_id)];
                if ended_since.is_some() {
                    params.push(("$4", &since));
                }
                readers.rows(sql, &params, session_row)?
            }
            Pool::Postgres(pool) => {
                let query = sqlx::query_as(sql).bind(now).bind(sid).bind(user_id);
                match ended_since {
                    Some(since) => query.bind(since),
                    None => query,
                }
                .fetch_all(pool)
                .await?
            }
        };
        rows.into_iter().map(SessionRecord::try_from).collect()
    }

    /// The account's live sessions (with `ended_since`, also those ended since then),
    /// most recently seen first: the list of [`Store::session_and_live_sessions`]
    /// without a caller's own row, for a reader that is not one of them (an
    /// administrator, the alerts).
    pub async fn sessions_of(
        &self,
        user_id: &UserId,
        now: UnixMillis,
        ended_since: Option<UnixMillis>,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        // No session has the empty id, so only the account's own rows come back.
        let mut rows = self
            .session_and_live_sessions(&SessionId::new(""), user_id, now, ended_since)
            .await?;
        rows.retain(|row| &row.user_id == user_id);
        Ok(rows)
    }
}

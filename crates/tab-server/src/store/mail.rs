//! The alert mail's outbox, in the database so that several server processes share it
//! and a restart loses nothing. A new-device session is queued by the statement that
//! records it (`mail_queued_at`, see `create_session_within`); each account has a
//! mailbox row saying when its last mail went, how its tries are going, and which
//! process holds it now. A process sends an account's mail only while it holds that
//! mailbox's lease, which one conditional `UPDATE` hands to one process at a time.

use tab_api::SessionKind;

use super::{Pool, Store, StoreError, UnixMillis, UserId};

/// A new-device sign-in waiting for its mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedAlert {
    /// The session that signed in.
    pub session_id: String,
    /// Its kind.
    pub kind: SessionKind,
    /// What its User-Agent said (`Firefox 133 on Windows`).
    pub device: Option<String>,
    /// The address it signed in from.
    pub ip: Option<String>,
    /// When it signed in (Unix ms).
    pub signed_in_at: i64,
    /// When it was queued (Unix ms).
    pub queued_at: i64,
    /// Whether a session of the account has already said "It was me".
    pub acknowledged: bool,
}

/// Whom an account's mail goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The account's email.
    pub email: String,
    /// The account's name.
    pub name: String,
}

/// How a process let go of a mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailboxRelease {
    /// A mail went at this time: the next may not go before the interval has passed.
    Sent(i64),
    /// Nothing was sent (the alerts were acknowledged, or given up).
    Nothing,
}

type AlertRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    i64,
    Option<i64>,
);

const DUE: &str = "SELECT queued.user_id FROM
       (SELECT DISTINCT user_id FROM device_sessions WHERE mail_queued_at IS NOT NULL) AS queued
     LEFT JOIN alert_mailboxes AS m ON m.user_id = queued.user_id
     WHERE m.user_id IS NULL
        OR (m.lease_until <= $1 AND m.next_attempt_at <= $1 AND m.last_sent_at <= $2)
     ORDER BY queued.user_id
     LIMIT $3";
const ENSURE_MAILBOX: &str =
    "INSERT INTO alert_mailboxes (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING";
/// One conditional update: of two processes that try at once, the row lock (PostgreSQL)
/// or the write lock (SQLite) lets one see the mailbox free and take it; the other then
/// sees it taken and changes nothing.
const CLAIM: &str = "UPDATE alert_mailboxes SET lease_until = $3, lease_owner = $2
     WHERE user_id = $1 AND lease_until <= $4 AND next_attempt_at <= $4 AND last_sent_at <= $5";
const QUEUED: &str =
    "SELECT id, kind, device, sign_in_ip, created_at, mail_queued_at, alert_acked_at
     FROM device_sessions WHERE user_id = $1 AND mail_queued_at IS NOT NULL
     ORDER BY mail_queued_at, id LIMIT $2";
const RECIPIENT: &str = "SELECT email, name FROM users WHERE id = $1";
const DEQUEUE: &str = "UPDATE device_sessions SET mail_queued_at = NULL, mailed_at = $2
     WHERE id = $1 AND user_id = $3";
const RELEASE: &str = "UPDATE alert_mailboxes
     SET lease_until = 0, lease_owner = NULL, failures = 0, next_attempt_at = 0,
         last_sent_at = CASE WHEN $3 > 0 THEN $3 ELSE last_sent_at END
     WHERE user_id = $1 AND lease_owner = $2";
const FAILED: &str = "UPDATE alert_mailboxes
     SET lease_until = 0, lease_owner = NULL, failures = failures + 1, next_attempt_at = $3
     WHERE user_id = $1 AND lease_owner = $2";
const FAILURES: &str = "SELECT failures FROM alert_mailboxes WHERE user_id = $1";

impl Store {
    /// Up to `limit` accounts with alerts queued whose mail may go at `now`: no process
    /// holds their mailbox, no retry is being waited out, and no mail went to them in the
    /// `interval_ms` before.
    pub async fn due_mailboxes(
        &self,
        now: UnixMillis,
        interval_ms: i64,
        limit: i64,
    ) -> Result<Vec<UserId>, StoreError> {
        on_pool!(self, |pool| sqlx::query_scalar(DUE)
            .bind(now)
            .bind(now.saturating_sub(interval_ms))
            .bind(limit)
            .fetch_all(pool)
            .await)
    }

    /// Takes the account's mailbox for `owner` until `lease_until` if it is still due at
    /// `now`; whether this call took it.
    pub async fn claim_mailbox(
        &self,
        user_id: &UserId,
        owner: &str,
        now: UnixMillis,
        interval_ms: i64,
        lease_until: UnixMillis,
    ) -> Result<bool, StoreError> {
        let changed = on_pool!(self, |pool| {
            sqlx::query(ENSURE_MAILBOX)
                .bind(user_id)
                .execute(pool)
                .await?;
            sqlx::query(CLAIM)
                .bind(user_id)
                .bind(owner)
                .bind(lease_until)
                .bind(now)
                .bind(now.saturating_sub(interval_ms))
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// Whom the account's mail goes to (`None` if the account is gone), and up to
    /// `limit` of its queued alerts, oldest first.
    pub async fn queued_alerts(
        &self,
        user_id: &UserId,
        limit: i64,
    ) -> Result<(Option<Recipient>, Vec<QueuedAlert>), StoreError> {
        let (recipient, rows): (Option<(String, String)>, Vec<AlertRow>) =
            on_pool!(self, |pool| {
                let recipient = sqlx::query_as(RECIPIENT)
                    .bind(user_id)
                    .fetch_optional(pool)
                    .await?;
                let rows = sqlx::query_as(QUEUED)
                    .bind(user_id)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?;
                Ok::<_, StoreError>((recipient, rows))
            })?;
        let alerts = rows
            .into_iter()
            .map(
                |(session_id, kind, device, ip, signed_in_at, queued_at, acked)| {
                    let kind = SessionKind::parse(&kind)
                        .ok_or_else(|| StoreError::undecodable("session kind", &kind))?;
                    Ok(QueuedAlert {
                        session_id,
                        kind,
                        device,
                        ip,
                        signed_in_at,
                        queued_at,
                        acknowledged: acked.is_some(),
                    })
                },
            )
            .collect::<Result<_, StoreError>>()?;
        Ok((
            recipient.map(|(email, name)| Recipient { email, name }),
            alerts,
        ))
    }

    /// Takes `session_ids` off the account's queue (mailed at `mailed_at`, or `None` when
    /// they were not) and lets go of the mailbox `owner` holds, in one transaction.
    pub async fn release_mailbox(
        &self,
        user_id: &UserId,
        owner: &str,
        session_ids: &[&str],
        mailed_at: Option<UnixMillis>,
        release: MailboxRelease,
    ) -> Result<(), StoreError> {
        let sent_at = match release {
            MailboxRelease::Sent(at) => at,
            MailboxRelease::Nothing => 0,
        };
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for id in session_ids {
                sqlx::query(DEQUEUE)
                    .bind(id)
                    .bind(mailed_at)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(RELEASE)
                .bind(user_id)
                .bind(owner)
                .bind(sent_at)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        })
    }

    /// Lets go of the mailbox after a failed try: the next may start at
    /// `next_attempt_at`. How many tries in a row have now failed.
    pub async fn mailbox_failed(
        &self,
        user_id: &UserId,
        owner: &str,
        next_attempt_at: UnixMillis,
    ) -> Result<i64, StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(FAILED)
                .bind(user_id)
                .bind(owner)
                .bind(next_attempt_at)
                .execute(pool)
                .await?;
            sqlx::query_scalar(FAILURES)
                .bind(user_id)
                .fetch_optional(pool)
                .await
                .map(Option::unwrap_or_default)
        })
    }

    /// How many tries in a row failed for the account's mail so far.
    pub async fn mailbox_failures(&self, user_id: &UserId) -> Result<i64, StoreError> {
        on_pool!(self, |pool| sqlx::query_scalar(FAILURES)
            .bind(user_id)
            .fetch_optional(pool)
            .await
            .map(Option::unwrap_or_default))
    }
}

//! Sign-ins through a browser (`tab login --web` and `--device`): each is a row of
//! `cli_grants` whose codes are kept only as SHA-256 hashes. A code is used by one
//! conditional `UPDATE` that clears its hash, so however many requests race, one wins;
//! the row stays, without its codes, as the record of who approved or denied it.

use super::{Pool, SessionId, Store, StoreError, UnixMillis, UserId};

/// A grant as the store keeps it (the parts the routes need). Times are Unix ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRecord {
    /// Its id.
    pub id: String,
    /// Its kind (web, desktop, cli).
    pub kind: tab_api::SessionKind,
    /// Its label, if it has one.
    pub label: Option<String>,
    /// What the User-Agent said (`Chrome 131 on macOS`), if anything.
    pub device: Option<String>,
    /// The client's address, when known.
    pub ip: Option<String>,
    /// When it was made (Unix ms).
    pub created_at: i64,
    /// When it expires (Unix ms).
    pub expires_at: i64,
    /// How long a device must wait between two polls, in seconds.
    pub interval_secs: i64,
    /// The PKCE S256 challenge of a loopback sign-in.
    pub code_challenge: Option<String>,
    /// The account's id.
    pub user_id: Option<UserId>,
}

type GrantRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    i64,
    Option<String>,
    Option<String>,
);

const GRANT_COLUMNS: &str =
    "id, kind, label, device, ip, created_at, expires_at, interval_secs, code_challenge, user_id";

fn grant(
    (id, kind, label, device, ip, created_at, expires_at, interval_secs, code_challenge, user_id): GrantRow,
) -> GrantRecord {
    GrantRecord {
        id,
        // Only the server writes it, from a parsed kind.
        kind: tab_api::SessionKind::parse(&kind).unwrap_or(tab_api::SessionKind::Cli),
        label,
        device,
        ip,
        created_at,
        expires_at,
        interval_secs,
        code_challenge,
        user_id: user_id.map(UserId::new),
    }
}

/// A new device's request, as `POST /auth/device` stores it.
#[derive(Debug, Clone, Copy)]
pub struct NewDeviceGrant<'a> {
    /// Its kind (web, desktop, cli).
    pub kind: tab_api::SessionKind,
    /// The SHA-256 of the device code.
    pub device_code_hash: &'a str,
    /// The SHA-256 of the user code.
    pub user_code_hash: &'a str,
    /// Its label, if it has one.
    pub label: Option<&'a str>,
    /// What the User-Agent said (`Chrome 131 on macOS`), if anything.
    pub device: Option<&'a str>,
    /// The client's address, when known.
    pub ip: &'a str,
    /// The time of the call (Unix ms).
    pub now: UnixMillis,
    /// When it expires (Unix ms).
    pub expires_at: UnixMillis,
    /// How long a device must wait between two polls, in seconds.
    pub interval_secs: i64,
}

/// What a device's poll finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Poll {
    /// No such device code, or used already.
    Unknown,
    /// Past its expiry.
    Expired,
    /// The person denied it.
    Denied,
    /// Not decided yet.
    Pending,
    /// Polled before the interval was up: the interval is now this many seconds.
    SlowDown(i64),
    /// Approved, and this poll is the one that takes it: sign in the account.
    Approved(GrantRecord),
}

/// Who decided on a device, for the record.
#[derive(Debug, Clone, Copy)]
pub struct Decider<'a> {
    /// The account's id.
    pub user_id: &'a str,
    /// The session's id.
    pub session_id: &'a str,
    /// The client's address, when known.
    pub ip: &'a str,
}

impl Store {
    /// Stores a device's request; `false` when its user code is taken by another live
    /// request (ask again with another). Expired requests nobody decided on are deleted.
    pub async fn create_device_grant(&self, new: &NewDeviceGrant<'_>) -> Result<bool, StoreError> {
        const SWEEP: &str = "DELETE FROM cli_grants WHERE status = 'pending' AND expires_at < $1";
        const FREE_CODE: &str = "UPDATE cli_grants SET user_code_hash = NULL
             WHERE user_code_hash = $1 AND expires_at <= $2";
        const INSERT: &str = "INSERT INTO cli_grants
             (id, flow, secret_hash, user_code_hash, label, device, ip, created_at, expires_at,
              interval_secs, status, kind)
             VALUES ($1, 'device', $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10)";
        let id = uuid::Uuid::new_v4().to_string();
        // An hour after expiry, so that a late poll still hears `expired_token`.
        let sweep_before = new.now - 3_600_000;
        let inserted = on_pool!(self, |pool| {
            sqlx::query(SWEEP).bind(sweep_before).execute(pool).await?;
            sqlx::query(FREE_CODE)
                .bind(new.user_code_hash)
                .bind(new.now)
                .execute(pool)
                .await?;
            sqlx::query(INSERT)
                .bind(&id)
                .bind(new.device_code_hash)
                .bind(new.user_code_hash)
                .bind(new.label)
                .bind(new.device)
                .bind(new.ip)
                .bind(new.now)
                .bind(new.expires_at)
                .bind(new.interval_secs)
                .bind(new.kind.as_str())
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        });
        match inserted {
            Ok(_) => Ok(true),
            Err(e) if e.is_unique_violation() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// A device polls with its device code's hash at `now`.
    pub async fn poll_device(
        &self,
        device_code_hash: &str,
        now: UnixMillis,
    ) -> Result<Poll, StoreError> {
        type State = (String, i64, i64, Option<i64>);
        const READ: &str = "SELECT status, expires_at, interval_secs, last_polled_at
             FROM cli_grants WHERE secret_hash = $1 AND flow = 'device'";
        let state: Option<State> = on_pool!(self, |pool| sqlx::query_as(READ)
            .bind(device_code_hash)
            .fetch_optional(pool)
            .await)?;
        let Some((status, expires_at, interval, last_polled)) = state else {
            return Ok(Poll::Unknown);
        };
        match status.as_str() {
            "denied" => return Ok(Poll::Denied),
            _ if UnixMillis::new(expires_at) <= now => return Ok(Poll::Expired),
            "approved" => {
                let take = format!(
                    "UPDATE cli_grants SET status = 'redeemed', secret_hash = NULL
                     WHERE secret_hash = $1 AND status = 'approved' AND expires_at > $2
                     RETURNING {GRANT_COLUMNS}"
                );
                let taken: Option<GrantRow> = on_pool!(self, |pool| sqlx::query_as(&take)
                    .bind(device_code_hash)
                    .bind(now)
                    .fetch_optional(pool)
                    .await)?;
                return Ok(taken.map_or(Poll::Unknown, |row| Poll::Approved(grant(row))));
            }
            _ => {}
        }
        // Pending. Too soon (within the interval, less a second for the device's clock
        // and the network): the interval grows, and the device is told so.
        let too_soon =
            last_polled.is_some_and(|at| now < UnixMillis::new(at + interval * 1000 - 1000));
        let sql = if too_soon {
            "UPDATE cli_grants SET interval_secs = interval_secs + $3, last_polled_at = $2
             WHERE secret_hash = $1 AND status = 'pending'"
        } else {
            "UPDATE cli_grants SET last_polled_at = $2
             WHERE secret_hash = $1 AND status = 'pending' AND $3 >= 0"
        };
        on_pool!(self, |pool| sqlx::query(sql)
            .bind(device_code_hash)
            .bind(now)
            .bind(tab_api::SLOW_DOWN_SECS as i64)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(if too_soon {
            Poll::SlowDown(interval + tab_api::SLOW_DOWN_SECS as i64)
        } else {
            Poll::Pending
        })
    }

    /// The undecided, unexpired request a user code's hash names.
    pub async fn pending_device(
        &self,
        user_code_hash: &str,
        now: UnixMillis,
    ) -> Result<Option<GrantRecord>, StoreError> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM cli_grants
             WHERE user_code_hash = $1 AND status = 'pending' AND expires_at > $2"
        );
        let row: Option<GrantRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(user_code_hash)
            .bind(now)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(grant))
    }

    /// Approves or denies the undecided request a user code's hash names, once: the
    /// user code is cleared with the decision. Whether this call decided it.
    pub async fn decide_device(
        &self,
        user_code_hash: &str,
        approve: bool,
        decider: Decider<'_>,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const DECIDE: &str = "UPDATE cli_grants
             SET status = $1, user_code_hash = NULL, user_id = $2, decided_by_session = $3,
                 decided_ip = $4, decided_at = $5
             WHERE user_code_hash = $6 AND status = 'pending' AND expires_at > $5";
        let changed = on_pool!(self, |pool| sqlx::query(DECIDE)
            .bind(if approve { "approved" } else { "denied" })
            .bind(decider.user_id)
            .bind(decider.session_id)
            .bind(decider.ip)
            .bind(now)
            .bind(user_code_hash)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(changed == 1)
    }

    /// Stores a loopback sign-in approved by `decider`: the one-use code's hash, bound to
    /// `code_challenge`, until `expires_at`.
    pub async fn create_web_grant(
        &self,
        code_hash: &str,
        code_challenge: &str,
        label: Option<&str>,
        decider: Decider<'_>,
        now: UnixMillis,
        expires_at: UnixMillis,
    ) -> Result<(), StoreError> {
        const INSERT: &str = "INSERT INTO cli_grants
             (id, flow, secret_hash, code_challenge, label, ip, created_at, expires_at,
              interval_secs, status, user_id, decided_by_session, decided_ip, decided_at, kind)
             VALUES ($1, 'web', $2, $3, $4, $5, $6, $7, 0, 'approved', $8, $9, $5, $6, 'cli')";
        on_pool!(self, |pool| sqlx::query(INSERT)
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(code_hash)
            .bind(code_challenge)
            .bind(label)
            .bind(decider.ip)
            .bind(now)
            .bind(expires_at)
            .bind(decider.user_id)
            .bind(decider.session_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    /// Takes a loopback code by its hash, once: the grant, or `None` when it is unknown,
    /// used or expired.
    pub async fn redeem_web_code(
        &self,
        code_hash: &str,
        now: UnixMillis,
    ) -> Result<Option<GrantRecord>, StoreError> {
        let sql = format!(
            "UPDATE cli_grants SET status = 'redeemed', secret_hash = NULL
             WHERE secret_hash = $1 AND flow = 'web' AND status = 'approved' AND expires_at > $2
             RETURNING {GRANT_COLUMNS}"
        );
        let row: Option<GrantRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(code_hash)
            .bind(now)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(grant))
    }

    /// Notes the session a grant signed in.
    pub async fn grant_signed_in(
        &self,
        grant_id: &str,
        session_id: &SessionId,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE cli_grants SET session_id = $1 WHERE id = $2"
        )
        .bind(session_id)
        .bind(grant_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        Ok(())
    }
}

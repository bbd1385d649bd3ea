//! The sign-in throttle's records: one row per sign-in attempt that has not (yet)
//! succeeded, keyed by a hash of the normalised email and by the client's address.
//!
//! An attempt is *reserved* before the password is checked, in one statement that counts
//! the window and inserts only while it has room, serialised per key: otherwise parallel
//! guesses would all read a count of zero and all be checked. A reservation is pending
//! while its password is checked; a successful sign-in forgets it, a failed one marks it
//! failed. Only failures refuse a sign-in; a window full of pending checks means "wait
//! for them", so a person signing in on eight devices at once is never refused.

use super::{Pool, Store, StoreError, UnixMillis};

/// The throttle's key for an email: a hex SHA-256 of the trimmed, lowercased address,
/// so that no email that failed is kept in the clear.
pub fn email_hash(email_key: &str) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(email_key.as_bytes()))
}

/// The throttle's key for a client address. An IPv4-mapped IPv6 address counts as the
/// IPv4 address, and IPv6 counts per /64, the smallest block a single client usually
/// holds (so that rotating through its own addresses gains an attacker nothing).
pub fn address_key(ip: std::net::IpAddr) -> String {
    use std::net::{IpAddr, Ipv6Addr};
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let net = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{net}/64")
            }
        },
    }
}

/// Recent failed sign-ins for one key, for rate limiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FailureWindow {
    /// How many failures in the window.
    pub count: i64,
    /// When the oldest of them happened (Unix ms), if any.
    pub oldest: Option<i64>,
}

/// What the throttle keys one attempt on.
#[derive(Debug, Clone, Copy)]
pub struct AttemptKeys<'a> {
    /// A hex hash of the normalised email (never the email itself).
    pub email_hash: &'a str,
    /// The client's address, IPv6 reduced to its /64.
    pub address: &'a str,
}

/// How many failures each key may have in the window.
#[derive(Debug, Clone, Copy)]
pub struct AttemptLimits {
    /// The window starts here; older rows are purged.
    pub since: UnixMillis,
    /// Failures per email.
    pub per_email: i64,
    /// Failures per address.
    pub per_address: i64,
}

/// The outcome of asking to make a sign-in attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// Go ahead; forget this attempt id if the sign-in succeeds.
    Granted(String),
    /// A window is full of failures: the email's and the address's failures.
    Refused {
        /// The failures counted for the email.
        by_email: FailureWindow,
        /// The failures counted for the address.
        by_address: FailureWindow,
    },
    /// A window is full, but some of it is still being checked: ask again shortly.
    Wait,
}

/// Inserts the attempt only while both windows have room: one statement, so atomic on
/// SQLite (a write statement takes the write lock before it reads) and on PostgreSQL
/// inside the per-key advisory locks taken first.
const RESERVE: &str = "INSERT INTO sign_in_failures (id, email_hash, address, failed_at, pending)
     SELECT $1, $2, $3, $4, 1
     WHERE (SELECT COUNT(*) FROM sign_in_failures WHERE email_hash = $2 AND failed_at > $5) < $6
       AND (SELECT COUNT(*) FROM sign_in_failures WHERE address = $3 AND failed_at > $5) < $7";

const PURGE: &str = "DELETE FROM sign_in_failures WHERE failed_at <= $1";

/// Runs the reservation's statements on a connection of either backend; rows inserted.
macro_rules! reserve_on {
    ($conn:expr, $id:expr, $keys:expr, $now:expr, $limits:expr) => {{
        sqlx::query(PURGE)
            .bind($limits.since)
            .execute(&mut *$conn)
            .await?;
        sqlx::query(RESERVE)
            .bind($id)
            .bind($keys.email_hash)
            .bind($keys.address)
            .bind($now)
            .bind($limits.since)
            .bind($limits.per_email)
            .bind($limits.per_address)
            .execute(&mut *$conn)
            .await?
            .rows_affected()
    }};
}

impl Store {
    /// Reserves one sign-in attempt for `keys` at `now`, or says which window is full.
    pub async fn reserve_sign_in(
        &self,
        keys: AttemptKeys<'_>,
        now: UnixMillis,
        limits: AttemptLimits,
    ) -> Result<Reservation, StoreError> {
        let id = uuid::Uuid::new_v4().to_string();
        let inserted = match &self.pool {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // Two lock spaces (1: emails, 2: addresses), always taken in that order,
                // so two attempts can never wait on each other in a cycle.
                sqlx::query(
                    "SELECT pg_advisory_xact_lock(1, hashtext($1)), pg_advisory_xact_lock(2, hashtext($2))",
                )
                .bind(keys.email_hash)
                .bind(keys.address)
                .execute(&mut *tx)
                .await?;
                let inserted = reserve_on!(tx, &id, keys, now, limits);
                tx.commit().await?;
                inserted
            }
            Pool::Sqlite(pool, _) => {
                let mut conn = pool.acquire().await?;
                reserve_on!(conn, &id, keys, now, limits)
            }
        };
        if inserted > 0 {
            return Ok(Reservation::Granted(id));
        }
        let (by_email, by_address) = self.failure_windows(keys, limits.since).await?;
        if by_email.count >= limits.per_email || by_address.count >= limits.per_address {
            Ok(Reservation::Refused {
                by_email,
                by_address,
            })
        } else {
            Ok(Reservation::Wait)
        }
    }

    /// Forgets a reserved attempt (the sign-in succeeded, or was never checked).
    pub async fn forget_sign_in(&self, attempt_id: &str) -> Result<(), StoreError> {
        self.on_attempt("DELETE FROM sign_in_failures WHERE id = $1", attempt_id)
            .await
    }

    /// Marks a reserved attempt as failed: from now on it counts against both keys.
    pub async fn fail_sign_in(&self, attempt_id: &str) -> Result<(), StoreError> {
        self.on_attempt(
            "UPDATE sign_in_failures SET pending = 0 WHERE id = $1",
            attempt_id,
        )
        .await
    }

    /// Forgets every attempt counted against an email (`tab server user unlock`); how
    /// many.
    pub async fn clear_failures(&self, email_hash: &str) -> Result<u64, StoreError> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM sign_in_failures WHERE email_hash = $1"
        )
        .bind(email_hash)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
    }

    /// Forgets every attempt counted against an address key (`tab server user unlock
    /// --address`); how many.
    pub async fn clear_address_failures(&self, address: &str) -> Result<u64, StoreError> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM sign_in_failures WHERE address = $1"
        )
        .bind(address)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
    }

    /// Starts an account's count of successful sign-ins afresh at `now` (`tab server user
    /// unlock`); whether the account exists.
    pub async fn reset_sign_in_count(
        &self,
        email_key: &str,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE users SET sign_ins_counted_from = $1 WHERE email_key = $2"
        )
        .bind(now)
        .bind(email_key)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1))
    }

    /// The email hashes with at least `max` decided failures since `since`: the emails
    /// locked out now (`tab server user list`).
    pub async fn locked_email_hashes(
        &self,
        since: UnixMillis,
        max: i64,
    ) -> Result<Vec<String>, StoreError> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT email_hash FROM sign_in_failures WHERE failed_at > $1 AND pending = 0
             GROUP BY email_hash HAVING COUNT(*) >= $2"
        )
        .bind(since)
        .bind(max)
        .fetch_all(pool)
        .await)
    }

    /// Runs one statement on one attempt's row.
    async fn on_attempt(&self, sql: &str, attempt_id: &str) -> Result<(), StoreError> {
        on_pool!(self, |pool| sqlx::query(sql)
            .bind(attempt_id)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// The decided failures counted against each key since `since`.
    async fn failure_windows(
        &self,
        keys: AttemptKeys<'_>,
        since: UnixMillis,
    ) -> Result<(FailureWindow, FailureWindow), StoreError> {
        const BY_EMAIL: &str = "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE email_hash = $1 AND failed_at > $2 AND pending = 0";
        const BY_ADDRESS: &str = "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE address = $1 AND failed_at > $2 AND pending = 0";
        let window = |(count, oldest): (i64, Option<i64>)| FailureWindow { count, oldest };
        on_pool!(self, |pool| {
            let email = sqlx::query_as(BY_EMAIL)
                .bind(keys.email_hash)
                .bind(since)
                .fetch_one(pool)
                .await?;
            let address = sqlx::query_as(BY_ADDRESS)
                .bind(keys.address)
                .bind(since)
                .fetch_one(pool)
                .await?;
            Ok::<_, StoreError>((window(email), window(address)))
        })
    }
}

//! The sign-in throttle: its numbers, and the one way every check of a secret (a
//! password, a user code) is counted against the email (or account) and the address
//! before it is made, so that parallel guesses cannot all pass a count none of them has
//! added to yet. The routes call it; the counting itself is the store's
//! (`store/throttle.rs`), in one statement that holds under concurrency.

use crate::error::ApiError;
use crate::store::{AttemptKeys, AttemptLimits, FailureWindow, Reservation, Store, UnixMillis};

/// The window in which failed sign-ins count.
pub(crate) const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures for one email within the window before sign-in is refused.
pub(crate) const MAX_FAILURES_PER_EMAIL: i64 = 5;
/// Failures from one address (an IPv6 /64) within the window before sign-in is refused.
pub(crate) const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The window in which a user's successful sign-ins count.
pub(crate) const SIGN_IN_WINDOW_MS: i64 = 60 * 1000;
/// Successful sign-ins per user within that window: far above what a person or a test
/// suite does, low enough that a stolen password cannot flood the session list.
pub(crate) const MAX_SIGN_INS_PER_USER: i64 = 100;

/// Wrong user codes one account may enter within [`FAILURE_WINDOW_MS`].
pub(crate) const MAX_WRONG_CODES_PER_ACCOUNT: i64 = 10;
/// Wrong user codes (and failed sign-ins) one address may make within the window.
pub(crate) const MAX_WRONG_CODES_PER_ADDRESS: i64 = 20;
/// Device requests one address may make within the window.
pub(crate) const MAX_DEVICE_REQUESTS_PER_ADDRESS: i64 = 30;

/// Seconds until the first full window frees up, if any is full.
fn retry_after(now: UnixMillis, windows: &[(FailureWindow, i64)]) -> Option<u64> {
    windows
        .iter()
        .filter(|(window, max)| window.count >= *max)
        .map(|(window, _)| {
            let oldest = window.oldest.map_or(now, UnixMillis::new);
            let frees_at = oldest + FAILURE_WINDOW_MS;
            (((frees_at - now).max(1000) + 999) / 1000) as u64
        })
        .max()
}

/// How long a sign-in waits for other checks of the same email or address to finish
/// when their pending attempts fill a window.
const RESERVE_WAIT_MS: i64 = 5_000;

/// Reserves a sign-in attempt, waiting while the window is full of pending checks; the
/// attempt's id, or the 429 (the window is full of failures) or 503 (it stayed full of
/// pending checks) to answer.
pub(crate) async fn reserve_password_check(
    store: &Store,
    keys: AttemptKeys<'_>,
) -> Result<String, ApiError> {
    let give_up_at = crate::now() + RESERVE_WAIT_MS;
    loop {
        let now = crate::now();
        let limits = AttemptLimits {
            since: now - FAILURE_WINDOW_MS,
            per_email: MAX_FAILURES_PER_EMAIL,
            per_address: MAX_FAILURES_PER_ADDRESS,
        };
        match store.reserve_sign_in(keys, now, limits).await? {
            Reservation::Granted(attempt) => return Ok(attempt),
            Reservation::Refused {
                by_email,
                by_address,
            } => {
                let windows = [
                    (by_email, MAX_FAILURES_PER_EMAIL),
                    (by_address, MAX_FAILURES_PER_ADDRESS),
                ];
                let secs = retry_after(now, &windows).unwrap_or(1);
                tracing::warn!(address = keys.address, "sign-in rate limited");
                // The address's limit first: lifting the email's would not let it in.
                let (what, limit) = if by_address.count >= MAX_FAILURES_PER_ADDRESS {
                    (
                        "Too many failed sign-ins from this address",
                        tab_api::SignInLimit::Address,
                    )
                } else {
                    (
                        "Too many failed sign-ins for this email",
                        tab_api::SignInLimit::Email,
                    )
                };
                return Err(ApiError::rate_limited(what, limit, secs));
            }
            Reservation::Wait if now < give_up_at => {
                // Other checks of this email or address fill the window and are still
                // running; one of them ends within a hash's time, so look again shortly.
                tokio::time::sleep(std::time::Duration::from_millis(25)).await;
            }
            Reservation::Wait => {
                return Err(ApiError::busy(
                    "Other sign-ins for this account or address are being checked; try again in a second",
                    1,
                ));
            }
        }
    }
}

/// Counts one attempt against `keys` within `limit`s, or the 429 that says to wait; the
/// attempt's id, to forget when the attempt was right.
pub(crate) async fn count_code_attempt(
    store: &Store,
    keys: AttemptKeys<'_>,
    per_key: i64,
    per_address: i64,
    what: &str,
) -> Result<String, ApiError> {
    let now = crate::now();
    let limits = AttemptLimits {
        since: now - FAILURE_WINDOW_MS,
        per_email: per_key,
        per_address,
    };
    match store.reserve_sign_in(keys, now, limits).await? {
        Reservation::Granted(id) => Ok(id),
        Reservation::Refused {
            by_email,
            by_address,
        } => {
            let windows = [(by_email, per_key), (by_address, per_address)];
            let secs = retry_after(now, &windows).unwrap_or(1);
            tracing::warn!(address = keys.address, "{what} rate limited");
            Err(ApiError::rate_limited(
                what,
                tab_api::SignInLimit::Address,
                secs,
            ))
        }
        Reservation::Wait => Err(ApiError::busy(
            "Other attempts are being checked; try again in a second",
            1,
        )),
    }
}

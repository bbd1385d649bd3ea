//! The sign-in limits' numbers, shared by the sign-in route and the operator's
//! commands (`tab server user list` says who is locked out by them).

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

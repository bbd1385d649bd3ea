//! Signing in through a browser, for a client that never sees a password: on the same
//! machine by a loopback redirect with PKCE (RFC 7636), or from another machine by a
//! device code (RFC 8628). Both end in the sign-in answer of `POST /auth/sign-in`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ClientInfo;

/// Seconds a device code lives.
pub const DEVICE_CODE_SECS: u64 = 900;
/// Seconds a device waits between polls at first; `slow_down` adds [`SLOW_DOWN_SECS`].
pub const DEVICE_INTERVAL_SECS: u64 = 5;
/// What a poll that came too soon adds to the interval (RFC 8628 §3.5).
pub const SLOW_DOWN_SECS: u64 = 5;
/// Seconds a loopback authorization code lives.
pub const WEB_CODE_SECS: u64 = 60;
/// The letters of a user code (RFC 8628 §6.1: no vowels, no look-alikes).
pub const USER_CODE_ALPHABET: &str = "BCDFGHJKLMNPQRSTVWXZ";
/// Letters in a user code (shown as two groups of four: `WDJB-MJHT`).
pub const USER_CODE_LETTERS: usize = 8;

/// A user code as typed (any case, with or without the dash or spaces), as the server
/// keys it: the eight letters, uppercase; `None` when it cannot be one.
pub fn normalise_user_code(text: &str) -> Option<String> {
    let letters: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (letters.chars().count() == USER_CODE_LETTERS
        && letters.chars().all(|c| USER_CODE_ALPHABET.contains(c)))
    .then_some(letters)
}

/// Body of `POST /auth/device`: the client asking to be signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeviceAuthRequest {
    /// The client that will be signed in (its kind and label, as at sign-in).
    pub client: ClientInfo,
}

/// Answer of `POST /auth/device` (RFC 8628 §3.2).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceAuthResponse {
    /// The device's secret, for polling `POST /auth/device/token`.
    pub device_code: String,
    /// What the person types at `verification_uri`: `WDJB-MJHT`.
    pub user_code: String,
    /// The page where the person approves: `https://tab.example.com/device`.
    pub verification_uri: String,
    /// The same with the code filled in.
    pub verification_uri_complete: String,
    /// Seconds until the codes expire.
    pub expires_in: u64,
    /// Seconds to wait between polls.
    pub interval: u64,
}

impl std::fmt::Debug for DeviceAuthResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceAuthResponse")
            .field("device_code", &"[redacted]")
            .field("user_code", &self.user_code)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Body of `POST /auth/device/token`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeviceTokenRequest {
    /// The `device_code` of `POST /auth/device`.
    pub device_code: String,
}

/// Body of `POST /auth/device/lookup`, `/approve` and `/deny` (the page, signed in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserCodeRequest {
    /// The code the device shows, in any case, with or without its dash.
    pub user_code: String,
}

/// Answer of `POST /auth/device/lookup`: what is asking, for the person to judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingDevice {
    /// The label the device asked for, or null.
    pub label: Option<String>,
    /// What its User-Agent said (`tab 0.1.0 on Linux`), or null.
    pub device: Option<String>,
    /// The address it asked from.
    pub ip: Option<String>,
    /// When it asked.
    #[serde(serialize_with = "crate::wire_time::serialize")]
    pub requested_at: DateTime<Utc>,
}

/// Body of `POST /auth/cli/authorize` (the approval page, signed in): approve a `tab`
/// on this machine listening on `127.0.0.1:port`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CliAuthorizeRequest {
    /// The loopback port `tab` listens on (1024 to 65535).
    pub port: u16,
    /// BASE64URL(SHA-256(code_verifier)), 43 characters (RFC 7636, S256 only).
    pub code_challenge: String,
    /// The `state` `tab` sent, echoed to it (8 to 128 URL-safe characters).
    pub state: String,
    /// The session's label, as at sign-in.
    #[serde(default)]
    pub label: Option<String>,
}

/// Answer of `POST /auth/cli/authorize`: where the page sends the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CliAuthorizeResponse {
    /// `http://127.0.0.1:PORT/callback?code=...&state=...`.
    pub redirect: String,
}

/// Body of `POST /auth/cli/token` (RFC 7636's names).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CliTokenRequest {
    /// The one-use code the callback carried.
    pub code: String,
    /// The verifier whose S256 challenge the code is bound to.
    pub code_verifier: String,
}

/// Whether `text` is a PKCE verifier or `state`: `min..=max` characters of
/// `[A-Za-z0-9-._~]`.
pub fn is_url_safe_token(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_ignore_case_dashes_and_spaces() {
        assert_eq!(
            normalise_user_code("wdjb-mjht").as_deref(),
            Some("WDJBMJHT")
        );
        assert_eq!(
            normalise_user_code(" WDJB MJHT ").as_deref(),
            Some("WDJBMJHT")
        );
        assert_eq!(normalise_user_code("WDJB-MJH"), None);
        assert_eq!(normalise_user_code("AEIOU-123"), None);
        assert_eq!(normalise_user_code("ＷＤＪＢ-ＭＪＨＴ"), None);
    }
}

//! The body of every error answer, and the words its fields take.

use serde::{Deserialize, Serialize};

/// Body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable machine-readable code, such as `session_revoked`.
    pub error: String,
    /// One sentence for a person.
    pub message: String,
    /// On `429 rate_limited` from sign-in: which limit was reached, `email` (failed
    /// sign-ins for the email), `address` (failed sign-ins from the client's address) or
    /// `account` (successful sign-ins of the account), so that a client can say what
    /// lifts it. Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// On `401 session_revoked`: `admin` when an administrator ended the session, or
    /// `operator` when the server's operator did (never who). Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<String>,
    /// On `400 slow_down` from `POST /auth/device/token`: the seconds to wait between
    /// polls from now on. Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
}

/// The limits a `429` from sign-in can name in [`ErrorBody::limit`].
pub mod limits {
    /// Failed sign-ins for one email.
    pub const EMAIL: &str = "email";
    /// Failed sign-ins from one address (an IPv6 /64).
    pub const ADDRESS: &str = "address";
    /// Successful sign-ins of one account.
    pub const ACCOUNT: &str = "account";
}

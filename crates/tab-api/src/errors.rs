//! The body of every error answer, and the words its fields take.

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code: the `error` field of every error body. The
/// client maps them to exit codes, the page's script to sentences; the wire names are
/// serde's (`session_revoked`), written nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or a path parameter is malformed.
    BadRequest,
    /// Wrong email or password.
    InvalidCredentials,
    /// Too many failed sign-ins.
    RateLimited,
    /// No token was sent.
    MissingToken,
    /// The token is malformed, forged or names a session that is not the sender's.
    InvalidToken,
    /// The session named by the token was revoked.
    SessionRevoked,
    /// The session named by the token has expired.
    SessionExpired,
    /// No session of the caller's has that id, or no such route.
    NotFound,
    /// That is the caller's own current session.
    CurrentSession,
    /// A state-changing request authenticated by cookie lacked `X-Requested-With: tab`.
    CsrfCheckFailed,
    /// The method is not allowed on this path.
    MethodNotAllowed,
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
    /// The request body is not JSON.
    UnsupportedMediaType,
    /// 503: the database cannot be reached, or the server is too busy right now.
    Unavailable,
    /// 408: the request took longer than the server's request timeout.
    RequestTimeout,
    /// Something unexpected failed on the server.
    Internal,
    /// 401: the request carried more than one session cookie (one may have been planted by
    /// another page on the same host), so the server cannot tell which is the browser's.
    AmbiguousSessionCookie,
    /// 421: the request's `Host` is not a name this server answers to (a DNS-rebinding
    /// page, or a client that was given the wrong address).
    MisdirectedRequest,
    /// 431: the request's headers are larger than the server accepts.
    RequestHeaderFieldsTooLarge,
    /// 403 at sign-in: the password is right, but the account is disabled (`tab server user
    /// disable`).
    AccountDisabled,
    /// 403: the caller is not an enabled administrator (on every `/admin/` route, before
    /// anything else is looked up).
    Forbidden,
    /// 409 on an admin route: the change would leave the firm without an enabled
    /// administrator, or is an administrator's own account.
    Conflict,
    /// `POST /auth/device/token`: not approved yet; poll again after the interval.
    AuthorizationPending,
    /// `POST /auth/device/token`: polled too soon; the interval grew by 5 seconds.
    SlowDown,
    /// The device code (or loopback code) expired.
    ExpiredToken,
    /// The person denied the sign-in.
    AccessDenied,
    /// The code is unknown, used already, or not bound to this verifier.
    InvalidGrant,
    /// `GET /health/ready`: the database does not answer, or its schema is not this server's.
    NotReady,
    /// A code this version does not know (a newer server's); never sent by this server.
    #[serde(other, skip_serializing)]
    Unknown,
}

impl ErrorCode {
    /// Every code this server can send, in the order above (`Unknown` left out).
    pub const ALL: [ErrorCode; 28] = [
        ErrorCode::BadRequest,
        ErrorCode::InvalidCredentials,
        ErrorCode::RateLimited,
        ErrorCode::MissingToken,
        ErrorCode::InvalidToken,
        ErrorCode::SessionRevoked,
        ErrorCode::SessionExpired,
        ErrorCode::NotFound,
        ErrorCode::CurrentSession,
        ErrorCode::CsrfCheckFailed,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::Unavailable,
        ErrorCode::RequestTimeout,
        ErrorCode::Internal,
        ErrorCode::AmbiguousSessionCookie,
        ErrorCode::MisdirectedRequest,
        ErrorCode::RequestHeaderFieldsTooLarge,
        ErrorCode::AccountDisabled,
        ErrorCode::Forbidden,
        ErrorCode::Conflict,
        ErrorCode::AuthorizationPending,
        ErrorCode::SlowDown,
        ErrorCode::ExpiredToken,
        ErrorCode::AccessDenied,
        ErrorCode::InvalidGrant,
        ErrorCode::NotReady,
    ];

    /// The wire name (`session_revoked`); `unknown` for [`ErrorCode::Unknown`], which no
    /// server sends (so it has no wire name of its own).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unknown => "unknown",
            code => crate::wire_name(&code),
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable machine-readable code, such as `session_revoked`.
    pub error: ErrorCode,
    /// One sentence for a person.
    pub message: String,
    /// On `429 rate_limited` from sign-in: which limit was reached, so that a client can
    /// say what lifts it. Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<SignInLimit>,
    /// On `401 session_revoked`: `admin` when an administrator ended the session, or
    /// `operator` when the server's operator did (never who). Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<EndedBy>,
    /// On `400 slow_down` from `POST /auth/device/token`: the seconds to wait between
    /// polls from now on. Absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
}

/// The limit a `429` from sign-in names in [`ErrorBody::limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignInLimit {
    /// Failed sign-ins for one email.
    Email,
    /// Failed sign-ins from one address (an IPv6 /64).
    Address,
    /// Successful sign-ins of one account.
    Account,
    /// A limit this version does not know (a newer server's).
    #[serde(other, skip_serializing)]
    Unknown,
}

impl SignInLimit {
    /// The wire name (`email`).
    pub fn as_str(self) -> &'static str {
        crate::wire_name(&self)
    }
}

/// Who ended a revoked session, in general terms ([`ErrorBody::ended_by`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    /// An administrator of the firm (never which).
    Admin,
    /// The server's operator, with `tab server user`.
    Operator,
    /// Someone this version does not know how to name (a newer server's word).
    #[serde(other, skip_serializing)]
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{from_wire_name, wire_name};

    #[test]
    fn every_code_round_trips_through_its_wire_name() {
        for code in ErrorCode::ALL {
            let name = code.as_str();
            assert!(!name.is_empty() && name != "unknown", "{code:?}");
            assert_eq!(from_wire_name::<ErrorCode>(name), Some(code));
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{name}\""));
        }
        assert_eq!(ErrorCode::CsrfCheckFailed.as_str(), "csrf_check_failed");
        assert_eq!(
            ErrorCode::RequestHeaderFieldsTooLarge.as_str(),
            "request_header_fields_too_large"
        );
    }

    #[test]
    fn a_newer_servers_words_read_as_unknown() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":"quota_exceeded","message":"M","limit":"moon","ended_by":"robot"}"#,
        )
        .unwrap();
        assert_eq!(body.error, ErrorCode::Unknown);
        assert_eq!(body.limit, Some(SignInLimit::Unknown));
        assert_eq!(body.ended_by, Some(EndedBy::Unknown));
        assert_eq!(wire_name(&SignInLimit::Address), "address");
    }
}

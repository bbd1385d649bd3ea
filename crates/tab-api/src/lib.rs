//! Wire types of the TAB sessions API (version 1), shared by the `tab` client and the
//! reference server so that the two cannot drift apart. `docs/api.md` is the prose
//! contract; these types are its JSON shapes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod admin;
mod alerts;
mod audit;
mod errors;
mod filters;
mod grants;
mod history;
mod rename;
mod wire_name;
mod wire_time;

pub use admin::{AdminUser, AdminUserList, AdminUsersQuery, DEFAULT_ADMIN_USERS, MAX_ADMIN_USERS};
pub use alerts::{ALERT_DAYS, Alert, AlertList};
pub use audit::{
    ActorKind, AuditAction, AuditActor, AuditEvent, AuditList, AuditQuery, AuditTarget,
    DEFAULT_AUDIT, MAX_AUDIT,
};
pub use errors::{EndedBy, ErrorBody, ErrorCode, SignInLimit};
pub use filters::{MAX_IDLE_SECS, RevokeOthersRequest, features};
pub use grants::{
    CliAuthorizeRequest, CliAuthorizeResponse, CliTokenRequest, DEVICE_CODE_SECS,
    DEVICE_INTERVAL_SECS, DeviceAuthRequest, DeviceAuthResponse, DeviceTokenRequest, PendingDevice,
    SLOW_DOWN_SECS, USER_CODE_ALPHABET, USER_CODE_LETTERS, UserCodeRequest, WEB_CODE_SECS,
    is_url_safe_token, normalise_user_code,
};
pub use history::{
    DEFAULT_EVENTS, EventList, EventSession, EventType, EventsQuery, HistoryPurged, MAX_EVENTS,
    SessionEvent,
};
pub use rename::RenameRequest;
pub use wire_name::{from_wire_name, wire_name};

/// Base path of every endpoint.
pub const BASE_PATH: &str = "/api/v1";

pub mod paths;

/// Lifetime of a device session and of its token: 7 days, the web cookie's lifetime.
pub const SESSION_LIFETIME_SECS: i64 = 7 * 24 * 60 * 60;

/// Longest label a session may carry, in characters.
pub const MAX_LABEL_CHARS: usize = 80;

/// Longest email accepted anywhere (sign-in, `tab server user add`), in bytes: the
/// longest address SMTP can carry (RFC 5321 with RFC 3696's erratum).
pub const MAX_EMAIL_BYTES: usize = 254;

/// Longest display name an account may have, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// True for the characters no label or name may hold, and that `tab` never prints raw:
/// Unicode's control (Cc), format (Cf: bidi overrides, zero-width characters), line
/// separator (Zl) and paragraph separator (Zp) characters. They can clear or repaint a
/// terminal, reorder what a person reads, or hide text.
pub fn is_unsafe_char(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory as _};
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// Name of the cookie a browser may carry the token in.
pub const SESSION_COOKIE: &str = "tab_session";

/// The session cookie's name when the server's public URL is https: the `__Host-` prefix
/// makes the browser refuse it unless it is `Secure`, has `Path=/` and no `Domain`, so a
/// neighbouring subdomain or a plain-http page cannot plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-tab_session";

/// What kind of client a session belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    /// A browser.
    Web,
    /// The desktop app.
    Desktop,
    /// A command-line client such as `tab`.
    Cli,
}

impl SessionKind {
    /// The lowercase wire name (`web`, `desktop`, `cli`).
    pub fn as_str(self) -> &'static str {
        crate::wire_name(&self)
    }

    /// Parses the wire name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        crate::from_wire_name(name)
    }
}

impl std::fmt::Display for SessionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user's role in the firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Records time and billing.
    Accountant,
    /// Oversees accountants.
    Manager,
    /// Administers the firm's account.
    Admin,
}

impl Role {
    /// The lowercase wire name.
    pub fn as_str(self) -> &'static str {
        crate::wire_name(&self)
    }

    /// Parses the wire name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        crate::from_wire_name(name)
    }
}

/// One device session: one sign-in on one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Random (v4) UUID, lowercase and hyphenated.
    pub id: Uuid,
    /// The kind of client.
    pub kind: SessionKind,
    /// 1 to 80 characters, or null; clients show the kind when it is null.
    pub label: Option<String>,
    /// What the server made of the client's User-Agent at sign-in, such as
    /// `Chrome 131 on macOS` or `tab 0.1.0 on Linux`; null when unknown.
    #[serde(default)]
    pub device: Option<String>,
    /// The address of the session's most recent authenticated request; null when
    /// unknown.
    #[serde(default)]
    pub ip: Option<String>,
    /// True only on the session that made the request.
    pub current: bool,
    /// When the session started (sign-in).
    #[serde(serialize_with = "wire_time::serialize")]
    pub created_at: DateTime<Utc>,
    /// Its last authenticated request, refreshed at most once a minute.
    #[serde(serialize_with = "wire_time::serialize")]
    pub last_seen_at: DateTime<Utc>,
    /// `created_at` + 7 days.
    #[serde(serialize_with = "wire_time::serialize")]
    pub expires_at: DateTime<Utc>,
    /// When it was signed out; only on ended sessions listed with `include=revoked`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "wire_time::serialize_option"
    )]
    pub revoked_at: Option<DateTime<Utc>>,
    /// The session that signed it out, where one did (not on a sign-out); only with
    /// `include=revoked`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<Uuid>,
    /// How it signed in: `password`, `web` (approved in the browser of the machine that
    /// signed in, `tab login --web`) or `device` (approved with a device code); absent from
    /// servers older than browser sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// True when no session of the account had this device (its version aside) from this
    /// network (IPv4 /24, IPv6 /64) in the 30 days before it signed in; never for an
    /// account's first sign-in. Absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_device: bool,
}

impl Session {
    /// Signed out or expired at `now`.
    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_some() || self.expires_at <= now
    }
}

/// The query of `GET /sessions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SessionsQuery {
    /// `revoked`: also the caller's sessions revoked or expired within the last 7 days.
    pub include: Option<Include>,
}

/// What `GET /sessions?include=` can add to the live sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Include {
    /// Sessions revoked or expired within the last 7 days.
    Revoked,
}

/// How long ended sessions stay listed with `include=revoked`, in seconds.
pub const ENDED_LISTED_SECS: i64 = 7 * 24 * 60 * 60;

/// What a client says about itself when it signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientInfo {
    /// The kind of client.
    pub kind: SessionKind,
    /// 1 to 80 characters, not all blank, with no control, format or separator
    /// characters (Unicode Cc, Cf, Zl, Zp); omitted or null for none. A web session
    /// signed in without one is labelled from its User-Agent (`Chrome on macOS`) when the
    /// server recognises the browser.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 80))]
    pub label: Option<String>,
}

/// Body of `POST /auth/sign-in`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    /// The account's email, at most 254 bytes; matched case-insensitively.
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    /// The account's password.
    pub password: String,
    /// The client that is signing in.
    pub client: ClientInfo,
}

impl std::fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInRequest")
            .field("email", &self.email)
            .field("password", &"[redacted]")
            .field("client", &self.client)
            .finish()
    }
}

/// Answer of `POST /auth/sign-in`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    /// The bearer token (a JWT whose `sid` names `session`).
    pub token: String,
    /// The new session.
    pub session: Session,
}

impl std::fmt::Debug for SignInResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInResponse")
            .field("token", &"[redacted]")
            .field("session", &self.session)
            .finish()
    }
}

/// The signed-in user, as `GET /me` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// The user's id.
    pub id: Uuid,
    /// The user's email, as it was registered.
    pub email: String,
    /// The user's display name.
    pub name: String,
    /// The user's role.
    pub role: Role,
}

/// Answer of `GET /me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    /// Who is signed in.
    pub user: User,
    /// The session that made the request.
    pub session: Session,
}

/// Answer of `GET /sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionList {
    /// The caller's live sessions, most recently seen first.
    pub sessions: Vec<Session>,
    /// From `GET /sessions`: the account's new-device alerts (as `GET /alerts`), absent
    /// when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<Alert>,
}

/// Answer of the revoke endpoints: how many sessions this call revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeResponse {
    /// Sessions this call changed; 0 when there was nothing left to revoke.
    pub revoked: u64,
}

mod health;
pub use health::{Health, Probe};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_control_format_and_separators() {
        for c in [
            '\u{1b}', '\n', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{2066}', '\u{2028}',
            '\u{2029}', '\u{feff}',
        ] {
            assert!(is_unsafe_char(c), "{c:?} should be unsafe");
        }
        for c in ['a', ' ', 'é', '🌐', '·', '\'', '\\', '中'] {
            assert!(!is_unsafe_char(c), "{c:?} should be safe");
        }
    }

    #[test]
    fn sign_in_request_rejects_unknown_fields() {
        let body = r#"{"email":"a@b.c","password":"x","client":{"kind":"cli"},"admin":true}"#;
        assert!(serde_json::from_str::<SignInRequest>(body).is_err());
    }

    #[test]
    fn debug_never_shows_secrets() {
        let request = SignInRequest {
            email: "a@b.c".into(),
            password: "hunter2-secret".into(),
            client: ClientInfo {
                kind: SessionKind::Cli,
                label: None,
            },
        };
        assert!(!format!("{request:?}").contains("hunter2"));
    }

    #[test]
    fn kinds_round_trip() {
        for kind in [SessionKind::Web, SessionKind::Desktop, SessionKind::Cli] {
            assert_eq!(SessionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SessionKind::parse("phone"), None);
    }
}

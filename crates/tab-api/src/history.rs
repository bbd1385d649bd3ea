//! The account's history: `GET /sessions/events`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::SessionKind;

/// Events answered when `limit` is not given.
pub const DEFAULT_EVENTS: u32 = 50;
/// The most events one call answers.
pub const MAX_EVENTS: u32 = 500;

/// The query of `GET /sessions/events`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct EventsQuery {
    /// How many events, newest first: 1 to 500, 50 when omitted.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 500))]
    pub limit: Option<u32>,
}

/// What happened to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// It started: someone signed in.
    SignedIn,
    /// It ended by its own sign-out.
    SignedOut,
    /// Another session of the account revoked it.
    Revoked,
    /// It reached its 7 days.
    Expired,
    /// A browser session of the account approved a device's sign-in (`tab login --web`
    /// or `--device`): `session` is the session it started (its id is the request's
    /// until the device has taken it), `by` the approving session.
    Approved,
    /// A browser session of the account denied a device's sign-in: `session` describes
    /// the device that asked (its id is the request's: no session was started).
    Denied,
    /// A session of the account renamed it: `session.label` is the new label,
    /// `previous_label` the old one, `by` the renaming session.
    Renamed,
}

impl EventType {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        crate::wire_name(&self)
    }

    /// The wire name's type, if it is one.
    pub fn parse(name: &str) -> Option<EventType> {
        crate::from_wire_name(name)
    }
}

/// The session an event is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventSession {
    /// Its id.
    pub id: Uuid,
    /// Its kind.
    pub kind: SessionKind,
    /// Its label, or null.
    pub label: Option<String>,
    /// What its User-Agent said at sign-in, or null.
    pub device: Option<String>,
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionEvent {
    /// When it happened.
    #[serde(serialize_with = "crate::wire_time::serialize")]
    pub at: DateTime<Utc>,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// The session it happened to.
    pub session: EventSession,
    /// The address the request came from (the sign-in's, the sign-out's or the
    /// revoker's); null for an expiry, or when unknown.
    pub ip: Option<String>,
    /// The session that revoked it; null for other events.
    pub by: Option<Uuid>,
    /// True when the server's operator revoked it (`tab server user set-password` or
    /// `disable`) rather than a session of the account; absent otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_operator: bool,
    /// The email of the administrator who revoked it through the admin API (then `by` is
    /// null); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_admin: Option<String>,
    /// On `signed_in`: how, `password`, `web` (approved in this machine's browser) or
    /// `device` (approved with a device code); absent on other events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// On `renamed`: the label before (absent when it had none, and on other events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_label: Option<String>,
    /// On `signed_in`: true for a device new to the account (a new-device alert);
    /// absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_device: bool,
}

/// Answer of `GET /sessions/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventList {
    /// The caller's account history, newest first.
    pub events: Vec<SessionEvent>,
    /// Where the history now starts, when a retention purge removed older sessions of the
    /// account (the latest purge); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purged: Option<HistoryPurged>,
}

/// The latest retention purge of an account's history: sessions that ended before
/// `ended_before` were removed, with their events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryPurged {
    /// When the purge ran.
    #[serde(serialize_with = "crate::wire_time::serialize")]
    pub at: DateTime<Utc>,
    /// Sessions that ended before this were removed.
    #[serde(serialize_with = "crate::wire_time::serialize")]
    pub ended_before: DateTime<Utc>,
    /// How many of the account's sessions that purge removed.
    pub sessions: u64,
    /// The retention window, in days.
    pub retention_days: u64,
}

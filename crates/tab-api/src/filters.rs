//! Revoking by rule (`POST /sessions/revoke-others` with a body) and the features a
//! server says it has, so that a client never sends a filter to a server that would
//! ignore it and revoke everything.

use serde::{Deserialize, Serialize};

use crate::{Session, SessionKind};

/// The names a server lists in `GET /healthz`'s `features`.
pub mod features {
    /// `POST /sessions/revoke-others` honours a `{"kinds", "idle_for_secs"}` body.
    pub const REVOKE_OTHERS_FILTER: &str = "revoke_others_filter";
    /// `GET /sessions/events` answers the account's history.
    pub const SESSION_EVENTS: &str = "session_events";
    /// Sessions carry `device` and `ip`.
    pub const SESSION_DEVICE: &str = "session_device";
    /// Every feature this version of the API defines.
    pub const ALL: &[&str] = &[REVOKE_OTHERS_FILTER, SESSION_EVENTS, SESSION_DEVICE];
}

/// The longest idle time a filter may name: ten years, in seconds.
pub const MAX_IDLE_SECS: u64 = 10 * 366 * 24 * 60 * 60;

/// Body of `POST /sessions/revoke-others` (optional): only the caller's other live
/// sessions of these kinds and not seen for at least this long are revoked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RevokeOthersRequest {
    /// Only sessions of these kinds (at least one); every kind when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<SessionKind>>,
    /// Only sessions whose last request is at least this many seconds old (0 to ten
    /// years); any when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 316_224_000))]
    pub idle_for_secs: Option<u64>,
}

impl RevokeOthersRequest {
    /// The filter of `--kind` (every kind when empty) and `--idle-for`.
    pub fn new(kinds: &[SessionKind], idle_for: Option<std::time::Duration>) -> Self {
        RevokeOthersRequest {
            kinds: (!kinds.is_empty()).then(|| kinds.to_vec()),
            idle_for_secs: idle_for.map(|idle| idle.as_secs()),
        }
    }

    /// True when it filters nothing (today's "every other session").
    pub fn is_everything(&self) -> bool {
        self.kinds.is_none() && self.idle_for_secs.is_none()
    }

    /// Whether a live session falls under the filter at `now` (the server's rule: its
    /// kind is listed, and it was last seen at least `idle_for_secs` before `now`).
    pub fn matches(&self, session: &Session, now: chrono::DateTime<chrono::Utc>) -> bool {
        let kind = self
            .kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&session.kind));
        let idle = self.idle_for_secs.is_none_or(|secs| {
            let idle = i64::try_from(secs)
                .ok()
                .and_then(chrono::TimeDelta::try_seconds)
                .unwrap_or(chrono::TimeDelta::MAX);
            session.last_seen_at
                <= now
                    .checked_sub_signed(idle)
                    .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
        });
        kind && idle
    }
}

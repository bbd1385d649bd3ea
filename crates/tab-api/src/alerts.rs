//! New-device alerts: `GET /alerts` and `POST /alerts/{id}/ack`, and the `alerts` of
//! `GET /sessions`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Session;

/// Days an unacknowledged new-device sign-in is alerted.
pub const ALERT_DAYS: i64 = 7;

/// A sign-in from a device the account had not used from that network: one of the
/// account's live sessions, signed in within the last 7 days, that no session of the
/// account has acknowledged. Never listed to the session it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alert {
    /// The alert's id: the new session's.
    pub id: Uuid,
    /// When it signed in.
    #[serde(serialize_with = "crate::wire_time::serialize")]
    pub at: DateTime<Utc>,
    /// The new session.
    pub session: Session,
    /// The address of its latest request (its sign-in's, at first).
    pub ip: Option<String>,
}

/// Answer of `GET /alerts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertList {
    /// Newest first.
    pub alerts: Vec<Alert>,
}

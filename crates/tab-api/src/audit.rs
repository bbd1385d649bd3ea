//! The administrators' record: `GET /admin/audit`, every change an administrator (through
//! the API) or the server's operator (`tab server user`) made to an account, newest
//! first. Append-only: nothing in the API edits or deletes it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Entries answered when `limit` is not given.
pub const DEFAULT_AUDIT: u32 = 50;
/// The most entries one call answers (a page may hold a few more, see [`AuditList`]).
pub const MAX_AUDIT: u32 = 500;

/// The query of `GET /admin/audit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// How many entries, newest first: 1 to 500, 50 when omitted.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 500))]
    pub limit: Option<u32>,
    /// Only entries strictly older than this time (RFC 3339): the previous page's `next`.
    pub before: Option<String>,
}

/// What was done to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// One session signed out.
    Revoked,
    /// Every session (or those a filter named) signed out.
    RevokedAll,
    /// Disabled, every session signed out.
    Disabled,
    /// Enabled again.
    Enabled,
    /// Given another role (`detail` names it).
    RoleChanged,
    /// Given a new password (and, unless kept, every session signed out).
    PasswordSet,
}

impl AuditAction {
    /// Every action, in the order above.
    pub const ALL: [AuditAction; 6] = [
        AuditAction::Revoked,
        AuditAction::RevokedAll,
        AuditAction::Disabled,
        AuditAction::Enabled,
        AuditAction::RoleChanged,
        AuditAction::PasswordSet,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        crate::wire_name(&self)
    }

    /// The wire name's action, if it is one.
    pub fn parse(name: &str) -> Option<AuditAction> {
        crate::from_wire_name(name)
    }
}

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// An administrator, through the API.
    Admin,
    /// The server's operator, with `tab server user` on the server's machine.
    Operator,
}

/// The one who acted: an administrator (with their account and session) or the operator
/// (with neither).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditActor {
    /// Which of the two.
    pub kind: ActorKind,
    /// The administrator's account id; null for the operator.
    pub id: Option<Uuid>,
    /// The administrator's email; null for the operator.
    pub email: Option<String>,
    /// The administrator's session that made the request; null for the operator.
    pub session: Option<Uuid>,
}

/// The account acted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditTarget {
    /// Its id.
    pub id: Uuid,
    /// Its email then.
    pub email: String,
}

/// One entry of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// Its id.
    pub id: Uuid,
    /// When it happened.
    #[serde(serialize_with = "crate::wire_time::serialize")]
    pub at: DateTime<Utc>,
    /// Who acted.
    pub actor: AuditActor,
    /// What they did.
    pub action: AuditAction,
    /// To whom.
    pub target: AuditTarget,
    /// How many sessions it signed out (0 for a change that signed none out).
    pub revoked: u64,
    /// The new role of `role_changed`; null otherwise.
    pub detail: Option<String>,
    /// The address the administrator's request came from; null for the operator.
    pub ip: Option<String>,
}

/// Answer of `GET /admin/audit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditList {
    /// Newest first. A page never splits the entries of one millisecond, so it may hold
    /// a few more than `limit`.
    pub events: Vec<AuditEvent>,
    /// The `before` of the next page (the time of this page's oldest entry), or null on
    /// the last one.
    #[serde(serialize_with = "crate::wire_time::serialize_option")]
    pub next: Option<DateTime<Utc>>,
}

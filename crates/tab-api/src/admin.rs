//! The administrators' API (`/api/v1/admin/`, role `admin` only): the firm's accounts,
//! read page by page.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Role;

/// Accounts a page holds when `limit` is not given.
pub const DEFAULT_ADMIN_USERS: u32 = 100;
/// The most accounts one page may hold.
pub const MAX_ADMIN_USERS: u32 = 500;

/// `GET /admin/users`'s query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AdminUsersQuery {
    /// How many accounts, 1 to 500 (default 100).
    pub limit: Option<u32>,
    /// The page after this email (the previous page's `next`).
    pub after: Option<String>,
    /// Only the account with this email (any letter case).
    pub email: Option<String>,
    /// Only accounts with this role.
    pub role: Option<Role>,
}

/// One account, as an administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminUser {
    /// Its id.
    pub id: Uuid,
    /// Its sign-in email.
    pub email: String,
    /// Its display name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// Whether it is disabled (no sign-in succeeds).
    pub disabled: bool,
    /// Its live sessions now.
    pub live_sessions: u64,
    /// When any of its sessions was last seen, or null if it never signed in.
    #[serde(serialize_with = "crate::wire_time::serialize_option")]
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// Answer of `GET /admin/users`: accounts by email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminUserList {
    /// This page, by email.
    pub users: Vec<AdminUser>,
    /// The `after` of the next page, or null on the last one.
    pub next: Option<String>,
}

//! The administrators' list of accounts (`GET /admin/users`): one keyset page at a time.

use tab_api::Role;

use super::{Pool, Store, StoreError, UnixMillis};

/// One account as an administrator's list shows it. Times are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUserRecord {
    /// Its id.
    pub id: String,
    /// The account's email.
    pub email: String,
    /// The account's name.
    pub name: String,
    /// The account's role.
    pub role: Role,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// How many of its sessions are live.
    pub live_sessions: i64,
    /// When it was last seen (Unix ms), if ever.
    pub last_seen_at: Option<i64>,
}

impl Store {
    /// One page of accounts by email for an administrator, after `after` (an email key),
    /// at most `limit`, only `email` or `role` when given: `(user, disabled, live
    /// sessions, last seen)`. A keyset read through the unique email index, so a deep page
    /// costs what the first does.
    pub async fn admin_users(
        &self,
        now: UnixMillis,
        after: &str,
        email: Option<&str>,
        role: Option<Role>,
        limit: i64,
    ) -> Result<Vec<AdminUserRecord>, StoreError> {
        const PAGE: &str = "SELECT u.id, u.email, u.name, u.role, u.disabled_at,
                (SELECT COUNT(*) FROM device_sessions s
                 WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $1),
                (SELECT MAX(s.last_seen_at) FROM device_sessions s WHERE s.user_id = u.id)
             FROM users u
             WHERE u.email_key > $2
               AND (CAST($3 AS TEXT) IS NULL OR u.email_key = $3)
               AND (CAST($4 AS TEXT) IS NULL OR u.role = $4)
             ORDER BY u.email_key
             LIMIT $5";
        type Row = (
            String,
            String,
            String,
            String,
            Option<i64>,
            i64,
            Option<i64>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| sqlx::query_as(PAGE)
            .bind(now)
            .bind(after)
            .bind(email)
            .bind(role.map(Role::as_str))
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        rows.into_iter()
            .map(|(id, email, name, role, disabled_at, live, last_seen)| {
                Ok(AdminUserRecord {
                    role: Role::parse(&role)
                        .ok_or_else(|| StoreError::undecodable("role", &role))?,
                    id,
                    email,
                    name,
                    disabled: disabled_at.is_some(),
                    live_sessions: live,
                    last_seen_at: last_seen,
                })
            })
            .collect()
    }
}

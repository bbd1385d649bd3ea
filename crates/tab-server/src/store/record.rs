//! A device session as the store keeps it, and its one decoder: the row both read paths
//! (SQLite's per-thread readers and sqlx on PostgreSQL) decode through.

use tab_api::SessionKind;

use super::{SessionId, StoreError, UnixMillis, UserId};

/// A device session as stored. Times are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Its id.
    pub id: SessionId,
    /// The account's id.
    pub user_id: UserId,
    /// Its kind (web, desktop, cli).
    pub kind: SessionKind,
    /// Its label, if it has one.
    pub label: Option<String>,
    /// When it was made.
    pub created_at: UnixMillis,
    /// When it was last seen.
    pub last_seen_at: UnixMillis,
    /// When it expires.
    pub expires_at: UnixMillis,
    /// When it was revoked, if it was.
    pub revoked_at: Option<UnixMillis>,
    /// The session that revoked it (none for a sign-out or a live session).
    pub revoked_by: Option<SessionId>,
    /// What the User-Agent said at sign-in (`Chrome 131 on macOS`).
    pub device: Option<String>,
    /// The address of its latest authenticated request.
    pub ip: Option<String>,
    /// How it signed in (`password`, `web`, `device`); `None` for older rows (password).
    pub method: Option<String>,
    /// No session of the account had its device from its network in the 30 days before
    /// (never the account's first sign-in): a new-device alert, until acknowledged.
    pub new_device: bool,
    /// When a session of the account acknowledged that alert ("It was me").
    pub alert_acked_at: Option<UnixMillis>,
}

impl SessionRecord {
    /// A session of `user_id` starting at `now` (seen then, from `ip`), live for
    /// [`tab_api::SESSION_LIFETIME_SECS`], signed in by `method` (`password`, `web`,
    /// `device`); whether it is a new device is decided when it is stored.
    pub fn starting(
        user_id: UserId,
        kind: SessionKind,
        label: Option<String>,
        device: Option<String>,
        ip: String,
        method: &str,
        now: UnixMillis,
    ) -> SessionRecord {
        SessionRecord {
            id: SessionId::random(),
            user_id,
            kind,
            label,
            created_at: now,
            last_seen_at: now,
            expires_at: now + tab_api::SESSION_LIFETIME_SECS * 1000,
            revoked_at: None,
            revoked_by: None,
            device,
            ip: Some(ip),
            method: Some(method.to_string()),
            new_device: false,
            alert_acked_at: None,
        }
    }

    /// Not revoked and not expired at `now`.
    pub fn is_live(&self, now: UnixMillis) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

pub(super) type SessionRow = (
    String,
    String,
    String,
    Option<String>,
    i64,
    i64,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
);

/// A [`SessionRow`] from a reader's row, columns in [`SESSION_COLUMNS`] order.
pub(super) fn session_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SessionRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
        row.get(12)?,
        row.get(13)?,
    ))
}

impl TryFrom<SessionRow> for SessionRecord {
    type Error = StoreError;

    fn try_from(row: SessionRow) -> Result<Self, StoreError> {
        let (
            id,
            user_id,
            kind,
            label,
            created_at,
            last_seen_at,
            expires_at,
            revoked_at,
            revoked_by,
            device,
            ip,
            method,
            new_device,
            alert_acked_at,
        ) = row;
        let kind = SessionKind::parse(&kind)
            .ok_or_else(|| StoreError::undecodable("session kind", &kind))?;
        Ok(SessionRecord {
            id: SessionId::new(id),
            user_id: UserId::new(user_id),
            kind,
            label,
            created_at: UnixMillis::new(created_at),
            last_seen_at: UnixMillis::new(last_seen_at),
            expires_at: UnixMillis::new(expires_at),
            revoked_at: revoked_at.map(UnixMillis::new),
            revoked_by: revoked_by.map(SessionId::new),
            device,
            ip,
            method,
            new_device: new_device != 0,
            alert_acked_at: alert_acked_at.map(UnixMillis::new),
        })
    }
}

pub(super) const SESSION_COLUMNS: &str = "id, user_id, kind, label, created_at, last_seen_at, expires_at, \
     revoked_at, revoked_by, device, ip, method, new_device, alert_acked_at";

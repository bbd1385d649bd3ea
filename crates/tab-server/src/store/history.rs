//! The account's history, read from the session rows: each session's sign-in, its end
//! (a sign-out, or a revoke with the revoking session), or its expiry. The rows are never
//! deleted and each field is written once, so the history only ever grows.

use tab_api::{EventType, SessionKind};

use super::{Pool, SessionId, Store, StoreError, UnixMillis, UserId};

/// One entry of the history as stored. Times are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    /// When it happened (Unix ms).
    pub at: i64,
    /// Its kind (web, desktop, cli).
    pub kind: EventType,
    /// The session's id.
    pub session_id: String,
    /// The session's kind.
    pub session_kind: SessionKind,
    /// Its label, if it has one.
    pub label: Option<String>,
    /// What the User-Agent said (`Chrome 131 on macOS`), if anything.
    pub device: Option<String>,
    /// The client's address, when known.
    pub ip: Option<String>,
    /// The session that did it, if one did.
    pub by: Option<String>,
    /// The server's operator ended it (`ended_by = 'operator'`).
    pub by_operator: bool,
    /// The administrator who ended it (`ended_by = 'admin:EMAIL'`).
    pub by_admin: Option<String>,
    /// How a `signed_in` signed in (`password` when not recorded).
    pub method: Option<String>,
    /// A `renamed`'s label before.
    pub previous_label: Option<String>,
    /// A `signed_in` from a device new to the account (a new-device alert).
    pub new_device: bool,
}

type EventRow = (
    i64,
    i64,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The newest `$3` of each kind of event, each read through its own index, merged.
/// `$1` is the user, `$2` the current time (sessions past their expiry have expired).
const EVENTS: &str = "
SELECT at, new_device, method, previous_label, type, id, kind, label, device, ip, by_session, ended_by FROM (
    SELECT * FROM (
        SELECT created_at AS at, new_device, COALESCE(method, 'password') AS method,
               CAST(NULL AS TEXT) AS previous_label, 'signed_in' AS type,
               id, kind, label, device, sign_in_ip AS ip, CAST(NULL AS TEXT) AS by_session,
               CAST(NULL AS TEXT) AS ended_by
        FROM device_sessions WHERE user_id = $1
        ORDER BY created_at DESC LIMIT $3) started
    UNION ALL
    SELECT * FROM (
        SELECT revoked_at AS at, CAST(0 AS BIGINT) AS new_device, CAST(NULL AS TEXT) AS method,
               CAST(NULL AS TEXT) AS previous_label,
               CASE WHEN revoked_by IS NULL AND ended_by IS NULL THEN 'signed_out'
                    ELSE 'revoked' END AS type,
               id, kind, label, device, ended_ip AS ip, revoked_by AS by_session, ended_by
        FROM device_sessions WHERE user_id = $1 AND revoked_at IS NOT NULL
        ORDER BY revoked_at DESC LIMIT $3) ended
    UNION ALL
    SELECT * FROM (
        SELECT expires_at AS at, CAST(0 AS BIGINT) AS new_device, CAST(NULL AS TEXT) AS method,
               CAST(NULL AS TEXT) AS previous_label, 'expired' AS type, id, kind,
               label, device, CAST(NULL AS TEXT) AS ip, CAST(NULL AS TEXT) AS by_session,
               CAST(NULL AS TEXT) AS ended_by
        FROM device_sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at <= $2
        ORDER BY expires_at DESC LIMIT $3) expired
    UNION ALL
    SELECT * FROM (
        SELECT decided_at AS at, CAST(0 AS BIGINT) AS new_device, CAST(NULL AS TEXT) AS method,
               CAST(NULL AS TEXT) AS previous_label,
               CASE WHEN status = 'denied' THEN 'denied' ELSE 'approved' END AS type,
               COALESCE(session_id, id) AS id, kind, label, device, decided_ip AS ip,
               decided_by_session AS by_session, CAST(NULL AS TEXT) AS ended_by
        FROM cli_grants WHERE user_id = $1 AND decided_at IS NOT NULL
        ORDER BY decided_at DESC LIMIT $3) decided
    UNION ALL
    SELECT * FROM (
        SELECT r.at AS at, CAST(0 AS BIGINT) AS new_device, CAST(NULL AS TEXT) AS method, r.old_label AS previous_label,
               'renamed' AS type, r.session_id AS id, s.kind, r.new_label AS label, s.device,
               r.ip, r.by_session, CAST(NULL AS TEXT) AS ended_by
        FROM session_renames r JOIN device_sessions s ON s.id = r.session_id
        WHERE r.user_id = $1
        ORDER BY r.at DESC LIMIT $3) renamed
) events
ORDER BY at DESC, id DESC, type DESC
LIMIT $3";

impl Store {
    /// Who ended the session `session_id`: `operator`, `admin:EMAIL`, or `None` (live, or
    /// ended by a session of its own account).
    pub async fn ended_by(&self, session_id: &SessionId) -> Result<Option<String>, StoreError> {
        let by: Option<Option<String>> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT ended_by FROM device_sessions WHERE id = $1"
        )
        .bind(session_id)
        .fetch_optional(pool)
        .await)?;
        Ok(by.flatten())
    }

    /// The user's newest `limit` events at `now`, newest first.
    pub async fn events(
        &self,
        user_id: &UserId,
        now: UnixMillis,
        limit: i64,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let rows: Vec<EventRow> = on_pool!(self, |pool| sqlx::query_as(EVENTS)
            .bind(user_id)
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        rows.into_iter()
            .map(
                |(
                    at,
                    new_device,
                    method,
                    previous_label,
                    kind,
                    session_id,
                    session_kind,
                    label,
                    device,
                    ip,
                    by,
                    ended_by,
                )| {
                    Ok(EventRecord {
                        at,
                        kind: EventType::parse(&kind)
                            .ok_or_else(|| StoreError::undecodable("event type", &kind))?,
                        session_id,
                        session_kind: SessionKind::parse(&session_kind).ok_or_else(|| {
                            StoreError::undecodable("session kind", &session_kind)
                        })?,
                        label,
                        device,
                        ip,
                        // An administrator's session is not one of the account's.
                        by: by.filter(|_| by_admin(ended_by.as_deref()).is_none()),
                        by_operator: ended_by.as_deref() == Some(super::operator::OPERATOR),
                        by_admin: by_admin(ended_by.as_deref()),
                        method,
                        previous_label,
                        new_device: new_device != 0,
                    })
                },
            )
            .collect()
    }
}

/// The administrator's email in an `ended_by` of `admin:EMAIL`.
fn by_admin(ended_by: Option<&str>) -> Option<String> {
    ended_by?
        .strip_prefix(super::operator::ADMIN_PREFIX)
        .map(str::to_string)
}

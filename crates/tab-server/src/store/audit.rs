//! Reading the administrators' record (`admin_audit`), newest first. Rows are only ever
//! inserted, in the transaction of the change they record (`operator.rs`); nothing here
//! or anywhere else updates or deletes one.

use tab_api::AuditAction;

use super::{Pool, Store, StoreError, UnixMillis};

/// One entry as stored. Times are Unix milliseconds; `actor` is `operator` or the
/// administrator's user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// Its id.
    pub id: String,
    /// When it happened (Unix ms).
    pub at: i64,
    /// Who acted (`admin:EMAIL` or `operator`).
    pub actor: String,
    /// What was done.
    pub action: AuditAction,
    /// The account acted on.
    pub target_user_id: String,
    /// That account's email at the time.
    pub target_email: String,
    /// How many sessions it signed out.
    pub revoked: i64,
    /// What more there is to say (the new role, say).
    pub detail: Option<String>,
    /// The administrator's email, for an administrator.
    pub actor_email: Option<String>,
    /// The administrator's session.
    pub actor_session: Option<String>,
    /// The client's address, when known.
    pub ip: Option<String>,
}

type AuditRow = (
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

const COLUMNS: &str = "id, at, actor, action, target_user_id, target_email, revoked, detail,
     actor_email, actor_session, ip";

impl Store {
    /// The newest `limit` entries older than `before`, newest first, and then every other
    /// entry of the oldest one's millisecond, so that a next page starting strictly
    /// before that time misses nothing. Both reads go through the `at` index.
    pub async fn audit(
        &self,
        before: UnixMillis,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let page = format!(
            "SELECT {COLUMNS} FROM admin_audit WHERE at < $1 ORDER BY at DESC, id DESC LIMIT $2"
        );
        let rows: Vec<AuditRow> = on_pool!(self, |pool| sqlx::query_as(&page)
            .bind(before)
            .bind(limit)
            .fetch_all(pool)
            .await)?;
        let mut records = rows
            .into_iter()
            .map(record)
            .collect::<Result<Vec<_>, _>>()?;
        if records.len() as i64 == limit
            && let Some(last) = records.last().cloned()
        {
            let rest = format!(
                "SELECT {COLUMNS} FROM admin_audit WHERE at = $1 AND id < $2 ORDER BY id DESC"
            );
            let rows: Vec<AuditRow> = on_pool!(self, |pool| sqlx::query_as(&rest)
                .bind(last.at)
                .bind(&last.id)
                .fetch_all(pool)
                .await)?;
            for row in rows {
                records.push(record(row)?);
            }
        }
        Ok(records)
    }
}

fn record(row: AuditRow) -> Result<AuditRecord, StoreError> {
    let (
        id,
        at,
        actor,
        action,
        target_user_id,
        target_email,
        revoked,
        detail,
        actor_email,
        actor_session,
        ip,
    ) = row;
    Ok(AuditRecord {
        action: AuditAction::parse(&action)
            .ok_or_else(|| StoreError::undecodable("audit action", &action))?,
        id,
        at,
        actor,
        target_user_id,
        target_email,
        revoked: revoked.unwrap_or(0),
        detail,
        actor_email,
        actor_session,
        ip,
    })
}

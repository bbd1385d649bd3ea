//! Renaming a session: the new label and its record in `session_renames`, in one
//! transaction that holds the account's lock (PostgreSQL's row lock, SQLite's write
//! lock taken first), so two renames of one session at once leave one label and a
//! history whose every "from" is the label the one before set.

use super::{Pool, SessionId, SessionRecord, Store, StoreError, UnixMillis, UserId};

/// What a rename found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameOutcome {
    /// Renamed: the session as it is now.
    Renamed(Box<SessionRecord>),
    /// No live session of the account has that id.
    NotFound,
    /// The caller's own session ended meanwhile.
    CallerEnded,
}

/// Who renames, for the record.
#[derive(Debug, Clone, Copy)]
pub struct Renamer<'a> {
    /// The account's id.
    pub user_id: &'a UserId,
    /// The session's id.
    pub session_id: &'a SessionId,
    /// The client's address, when known.
    pub ip: &'a str,
}

const LIVE: &str = "SELECT COUNT(*) FROM device_sessions
     WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3";
const OLD_LABEL: &str = "SELECT label FROM device_sessions
     WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3";
const UPDATE: &str = "UPDATE device_sessions SET label = $1 WHERE id = $2 AND user_id = $3";
/// A session's renames get strictly increasing times (a millisecond apart at least), so
/// that the history, ordered by time, is the order they were made in.
const LAST_AT: &str = "SELECT COALESCE(MAX(at), 0) FROM session_renames WHERE session_id = $1";
const RECORD: &str = "INSERT INTO session_renames
     (id, user_id, session_id, at, old_label, new_label, by_session, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

macro_rules! rename_on {
    ($conn:expr, $renamer:expr, $session_id:expr, $label:expr, $now:expr) => {{
        let caller_live: i64 = sqlx::query_scalar(LIVE)
            .bind($renamer.session_id)
            .bind($renamer.user_id)
            .bind($now)
            .fetch_one(&mut *$conn)
            .await?;
        if caller_live == 0 {
            None
        } else {
            let old: Option<Option<String>> = sqlx::query_scalar(OLD_LABEL)
                .bind($session_id)
                .bind($renamer.user_id)
                .bind($now)
                .fetch_optional(&mut *$conn)
                .await?;
            match old {
                None => Some(false),
                Some(old) => {
                    let last: i64 = sqlx::query_scalar(LAST_AT)
                        .bind($session_id)
                        .fetch_one(&mut *$conn)
                        .await?;
                    let at = $now.max(UnixMillis::new(last + 1));
                    sqlx::query(UPDATE)
                        .bind($label)
                        .bind($session_id)
                        .bind($renamer.user_id)
                        .execute(&mut *$conn)
                        .await?;
                    sqlx::query(RECORD)
                        .bind(uuid::Uuid::new_v4().to_string())
                        .bind($renamer.user_id)
                        .bind($session_id)
                        .bind(at)
                        .bind(old)
                        .bind($label)
                        .bind($renamer.session_id)
                        .bind($renamer.ip)
                        .execute(&mut *$conn)
                        .await?;
                    Some(true)
                }
            }
        }
    }};
}

impl Store {
    /// Gives the account's live session `session_id` the label `label` (`None` clears
    /// it) at `now`, on the record as done by `renamer`'s session.
    pub async fn rename_session(
        &self,
        renamer: Renamer<'_>,
        session_id: &SessionId,
        label: Option<&str>,
        now: UnixMillis,
    ) -> Result<RenameOutcome, StoreError> {
        let renamed = match &self.pool {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                super::serialise::lock_user_pg(&mut tx, renamer.user_id).await?;
                let conn: &mut sqlx::PgConnection = &mut tx;
                let renamed = rename_on!(conn, renamer, session_id, label, now);
                tx.commit().await?;
                renamed
            }
            Pool::Sqlite(pool, _) => {
                let mut tx = pool.begin().await?;
                // A write first: the transaction holds SQLite's write lock before it
                // reads the old label, so two renames cannot read the same one.
                sqlx::query("UPDATE users SET id = id WHERE id = $1")
                    .bind(renamer.user_id)
                    .execute(&mut *tx)
                    .await?;
                let conn: &mut sqlx::SqliteConnection = &mut tx;
                let renamed = rename_on!(conn, renamer, session_id, label, now);
                tx.commit().await?;
                renamed
            }
        };
        Ok(match renamed {
            None => RenameOutcome::CallerEnded,
            Some(false) => RenameOutcome::NotFound,
            Some(true) => match self.session(session_id).await? {
                Some(record) => RenameOutcome::Renamed(Box::new(record)),
                None => RenameOutcome::NotFound,
            },
        })
    }
}

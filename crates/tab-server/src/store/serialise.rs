//! The serialisation that makes the contract's races come out right: every write of one
//! account's sessions (sign-ins against the per-account limit, revokes, renames) runs
//! one at a time per account. Macros, so that one body serves both backends' connections.

use super::{StoreError, UserId};

/// Whether the caller's session is still live, on a connection of either backend.
macro_rules! caller_is_live {
    ($conn:expr, $caller_sid:expr, $now:expr) => {{
        let live: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM device_sessions WHERE id = $2 AND {LIVE}"
        ))
        .bind($now)
        .bind($caller_sid)
        .fetch_one(&mut *$conn)
        .await?;
        live > 0
    }};
}

/// Runs one write's statements, serialised against every other such write of the same
/// user's sessions (revokes, and the per-user sign-in limit). On PostgreSQL: a transaction that first locks the user's row (without
/// it, two concurrent calls could each see itself live in its snapshot and revoke the
/// other, leaving zero survivors). On SQLite: one connection, where each write statement
/// takes the database's write lock before it reads and so is atomic against every other
/// writer. `$conn` is a `&mut` connection of either backend inside `$body`.
macro_rules! serialised_per_user {
    ($store:expr, $user_id:expr, |$conn:ident| $body:expr) => {
        match &$store.pool {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                super::serialise::lock_user_pg(&mut tx, $user_id).await?;
                let outcome = {
                    let $conn: &mut sqlx::PgConnection = &mut *tx;
                    $body
                };
                tx.commit().await?;
                Ok(outcome)
            }
            Pool::Sqlite(pool, _) => {
                let mut connection = pool.acquire().await?;
                let $conn: &mut sqlx::SqliteConnection = &mut *connection;
                Ok($body)
            }
        }
    };
}

/// Takes the per-user row lock that serialises every revoke of one user's sessions.
pub(super) async fn lock_user_pg(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    user_id: &UserId,
) -> Result<(), StoreError> {
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(())
}

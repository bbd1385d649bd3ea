//! What the server's operator does to an account (`tab server user set-password`,
//! `set-role`, `disable`, `enable`), each in one transaction with its record in the
//! append-only `admin_audit` table: the change, the sessions it signed out (`ended_by =
//! 'operator'`, so the account's history says who), and the record commit together or not
//! at all. A sign-in racing one of them cannot leave a session behind: a session is only
//! created while the password it checked is still the account's and the account is not
//! disabled (`create_session_within`).

use tab_api::Role;

use super::{Pool, SessionId, Store, StoreError, UnixMillis, UserId};

/// Who the audit records as acting for `tab server user`.
pub const OPERATOR: &str = "operator";

/// An operator's action on one account, as the audit records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorAction<'a> {
    /// A new password (hashed), and whether every session is signed out.
    SetPassword {
        /// The new password's Argon2id hash.
        hash: &'a str,
        /// Whether every session of the account is signed out.
        sign_out: bool,
    },
    /// A new role.
    SetRole(Role),
    /// Disabled: no sign-in, every session signed out.
    Disable,
    /// Enabled again.
    Enable,
}

impl OperatorAction<'_> {
    fn name(&self) -> &'static str {
        match self {
            OperatorAction::SetPassword { .. } => "password_set",
            OperatorAction::SetRole(_) => "role_changed",
            OperatorAction::Disable => "disabled",
            OperatorAction::Enable => "enabled",
        }
    }
}

/// An administrator acting through the API, for the record.
#[derive(Debug, Clone, Copy)]
pub struct AdminActor<'a> {
    /// The account's id.
    pub user_id: &'a UserId,
    /// The account's email.
    pub email: &'a str,
    /// The session's id.
    pub session_id: &'a SessionId,
    /// The client's address, when known.
    pub ip: &'a str,
}

impl AdminActor<'_> {
    /// What a session it ends keeps as `ended_by`: `admin:EMAIL`.
    fn ended_by(&self) -> String {
        format!("{ADMIN_PREFIX}{}", self.email)
    }
}

/// The `ended_by` of a session an administrator ended starts so; the admin's email
/// follows.
pub const ADMIN_PREFIX: &str = "admin:";

/// What an action did: whether it changed the account (a second `disable` changes
/// nothing, and is not recorded), and how many sessions it signed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionOutcome {
    /// Whether this call changed anything.
    pub changed: bool,
    /// How many sessions it signed out.
    pub signed_out: u64,
    /// Refused: it would have disabled the last enabled administrator.
    pub last_admin: bool,
}

/// Runs `$body` in a transaction on either backend, the account's row locked on
/// PostgreSQL (SQLite's first write takes its one write lock).
macro_rules! in_transaction {
    ($store:expr, $user_id:expr, |$conn:ident| $body:expr) => {
        in_transaction!($store, $user_id, false, |$conn| $body)
    };
    ($store:expr, $user_id:expr, $lock_admins:expr, |$conn:ident| $body:expr) => {
        match &$store.pool {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // Two admins disabling each other at once must not both succeed: with
                // every admin's row locked, the second sees the first's change.
                if $lock_admins {
                    sqlx::query("SELECT id FROM users WHERE role = 'admin' FOR UPDATE")
                        .fetch_all(&mut *tx)
                        .await?;
                }
                sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
                    .bind($user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let outcome = {
                    let $conn: &mut sqlx::PgConnection = &mut *tx;
                    $body
                };
                tx.commit().await?;
                outcome
            }
            Pool::Sqlite(pool, _) => {
                let mut tx = pool.begin().await?;
                let outcome = {
                    let $conn: &mut sqlx::SqliteConnection = &mut *tx;
                    $body
                };
                tx.commit().await?;
                outcome
            }
        }
    };
}

/// Records an administrator's action, in the transaction of the change (a macro, so that
/// it is the same statement on either backend's connection).
macro_rules! record_admin {
    ($conn:expr, $admin:expr, $action:expr, $target:expr, $target_email:expr, $revoked:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO admin_audit
             (id, at, actor, action, target_user_id, target_email, revoked, actor_email,
              actor_session, ip)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind($now)
        .bind($admin.user_id)
        .bind($action)
        .bind($target)
        .bind($target_email)
        .bind($revoked as i64)
        .bind($admin.email)
        .bind($admin.session_id)
        .bind($admin.ip)
        .execute(&mut *$conn)
        .await
    };
}

impl Store {
    /// Applies `action` to the account `user_id` (whose email is `email`) at `now`, and
    /// records it as done by the server's operator, or by `admin` through the API. An
    /// administrator cannot disable the last enabled administrator (`last_admin`).
    pub async fn operator_action(
        &self,
        user_id: &UserId,
        email: &str,
        action: OperatorAction<'_>,
        admin: Option<&AdminActor<'_>>,
        now: UnixMillis,
    ) -> Result<ActionOutcome, StoreError> {
        const SIGN_OUT_ALL: &str = "UPDATE device_sessions SET revoked_at = $1, ended_by = $2
             WHERE user_id = $3 AND revoked_at IS NULL AND expires_at > $1";
        const RECORD: &str = "INSERT INTO admin_audit
             (id, at, actor, action, target_user_id, target_email, revoked, detail,
              actor_email, actor_session, ip)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
        // Only an administrator's disable keeps one enabled administrator; the operator,
        // who holds the database, may do anything.
        const DISABLE: &str =
            "UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL";
        const DISABLE_KEEPING_AN_ADMIN: &str = "UPDATE users SET disabled_at = $1
             WHERE id = $2 AND disabled_at IS NULL
               AND (role <> 'admin' OR (SELECT COUNT(*) FROM users other
                    WHERE other.role = 'admin' AND other.disabled_at IS NULL
                      AND other.id <> $2) > 0)";
        const ENABLED_ADMIN: &str =
            "SELECT COUNT(*) FROM users WHERE id = $1 AND role = 'admin' AND disabled_at IS NULL";
        let ended_by = admin.map_or_else(|| OPERATOR.to_string(), AdminActor::ended_by);
        let actor = admin.map_or(OPERATOR, |admin| admin.user_id);
        let lock_admins = admin.is_some() && matches!(action, OperatorAction::Disable);
        in_transaction!(self, user_id, lock_admins, |conn| {
            let mut last_admin = false;
            let (changed, sign_out, detail) = match action {
                OperatorAction::SetPassword { hash, sign_out } => {
                    let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                        .bind(hash)
                        .bind(user_id)
                        .execute(&mut *conn)
                        .await?;
                    (done.rows_affected() == 1, sign_out, None)
                }
                OperatorAction::SetRole(role) => {
                    let done =
                        sqlx::query("UPDATE users SET role = $1 WHERE id = $2 AND role <> $1")
                            .bind(role.as_str())
                            .bind(user_id)
                            .execute(&mut *conn)
                            .await?;
                    (done.rows_affected() == 1, false, Some(role.as_str()))
                }
                OperatorAction::Disable => {
                    let sql = if admin.is_some() {
                        DISABLE_KEEPING_AN_ADMIN
                    } else {
                        DISABLE
                    };
                    let done = sqlx::query(sql)
                        .bind(now)
                        .bind(user_id)
                        .execute(&mut *conn)
                        .await?;
                    if done.rows_affected() == 0 && admin.is_some() {
                        let enabled: i64 = sqlx::query_scalar(ENABLED_ADMIN)
                            .bind(user_id)
                            .fetch_one(&mut *conn)
                            .await?;
                        last_admin = enabled > 0;
                    }
                    // Signed out whether or not it was disabled already: a disabled
                    // account keeps no session.
                    (done.rows_affected() == 1, !last_admin, None)
                }
                OperatorAction::Enable => {
                    let done = sqlx::query(
                        "UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL",
                    )
                    .bind(user_id)
                    .execute(&mut *conn)
                    .await?;
                    (done.rows_affected() == 1, false, None)
                }
            };
            let signed_out = if sign_out {
                sqlx::query(SIGN_OUT_ALL)
                    .bind(now)
                    .bind(&ended_by)
                    .bind(user_id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            } else {
                0
            };
            if changed || signed_out > 0 {
                sqlx::query(RECORD)
                    .bind(uuid::Uuid::new_v4().to_string())
                    .bind(now)
                    .bind(actor)
                    .bind(action.name())
                    .bind(user_id)
                    .bind(email)
                    .bind(signed_out as i64)
                    .bind(detail)
                    .bind(admin.map(|admin| admin.email))
                    .bind(admin.map(|admin| admin.session_id))
                    .bind(admin.map(|admin| admin.ip))
                    .execute(&mut *conn)
                    .await?;
            }
            Ok::<_, StoreError>(ActionOutcome {
                changed,
                signed_out,
                last_admin,
            })
        })
    }

    /// An administrator signs out one session of the account `target` (whose email is
    /// `target_email`): `Some(1)`, `Some(0)` when it had ended already, `None` when the
    /// account has no such session. Recorded with who did it.
    pub async fn admin_revoke_one(
        &self,
        admin: &AdminActor<'_>,
        target: &str,
        target_email: &str,
        session_id: &SessionId,
        now: UnixMillis,
    ) -> Result<Option<u64>, StoreError> {
        const OWNED: &str = "SELECT COUNT(*) FROM device_sessions WHERE id = $1 AND user_id = $2";
        const REVOKE: &str = "UPDATE device_sessions
             SET revoked_at = $1, revoked_by = $2, ended_by = $3, ended_ip = $4
             WHERE id = $5 AND user_id = $6 AND revoked_at IS NULL AND expires_at > $1";
        in_transaction!(self, target, |conn| {
            let owned: i64 = sqlx::query_scalar(OWNED)
                .bind(session_id)
                .bind(target)
                .fetch_one(&mut *conn)
                .await?;
            if owned == 0 {
                Ok::<_, StoreError>(None)
            } else {
                let revoked = sqlx::query(REVOKE)
                    .bind(now)
                    .bind(admin.session_id)
                    .bind(admin.ended_by())
                    .bind(admin.ip)
                    .bind(session_id)
                    .bind(target)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                if revoked > 0 {
                    record_admin!(conn, admin, "revoked", target, target_email, revoked, now)?;
                }
                Ok(Some(revoked))
            }
        })
    }

    /// An administrator signs out every live session of the account `target` that
    /// `filter` matches, but `keep` (the admin's own, when aiming at themself); how many,
    /// recorded with who did it.
    pub async fn admin_revoke_all(
        &self,
        admin: &AdminActor<'_>,
        target: &str,
        target_email: &str,
        filter: &super::OthersFilter,
        keep: Option<&str>,
        now: UnixMillis,
    ) -> Result<u64, StoreError> {
        const REVOKE: &str = "UPDATE device_sessions
             SET revoked_at = $1, revoked_by = $2, ended_by = $3, ended_ip = $4
             WHERE user_id = $5 AND revoked_at IS NULL AND expires_at > $1
               AND id <> $6 AND kind IN ($7, $8, $9) AND last_seen_at <= $10";
        let [kind_a, kind_b, kind_c] = filter.kind_slots();
        in_transaction!(self, target, |conn| {
            let revoked = sqlx::query(REVOKE)
                .bind(now)
                .bind(admin.session_id)
                .bind(admin.ended_by())
                .bind(admin.ip)
                .bind(target)
                .bind(keep.unwrap_or(""))
                .bind(kind_a)
                .bind(kind_b)
                .bind(kind_c)
                .bind(filter.seen_at_or_before(now))
                .execute(&mut *conn)
                .await?
                .rows_affected();
            record_admin!(
                conn,
                admin,
                "revoked_all",
                target,
                target_email,
                revoked,
                now
            )?;
            Ok::<_, StoreError>(revoked)
        })
    }

    /// Whether the account `user_id` is disabled.
    pub async fn is_disabled(&self, user_id: &UserId) -> Result<bool, StoreError> {
        let disabled: Option<Option<i64>> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT disabled_at FROM users WHERE id = $1"
        )
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
        Ok(disabled.flatten().is_some())
    }
}

//! Accounts and the server's secrets.

use tab_api::Role;

use super::{Pool, Store, StoreError, UnixMillis, UserId};

/// A user account as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    /// Its id.
    pub id: UserId,
    /// The account's email.
    pub email: String,
    /// The account's name.
    pub name: String,
    /// The account's role.
    pub role: Role,
    /// The Argon2id hash of its password.
    pub password_hash: String,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

type UserRow = (String, String, String, String, String);

impl TryFrom<UserRow> for UserRecord {
    type Error = StoreError;

    fn try_from((id, email, name, role, password_hash): UserRow) -> Result<Self, StoreError> {
        let role = Role::parse(&role).ok_or_else(|| StoreError::undecodable("role", &role))?;
        Ok(UserRecord {
            id: UserId::new(id),
            email,
            name,
            role,
            password_hash,
        })
    }
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    /// An account with that email (in any letter case) exists.
    #[error("an account with that email already exists")]
    DuplicateEmail,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Whether a server secret named `name` is kept in the database.
    pub async fn has_secret(&self, name: &str) -> Result<bool, StoreError> {
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM server_secrets WHERE name = $1"
        )
        .bind(name)
        .fetch_one(pool)
        .await)?;
        Ok(count > 0)
    }

    /// The stored value of a server secret, storing `candidate` first if there is none,
    /// so that every process on one database ends up with the same value.
    pub async fn secret_or_insert(
        &self,
        name: &str,
        candidate: &str,
    ) -> Result<String, StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(candidate)
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(pool)
                .await
        })
    }

    /// Creates an account. `email_key` is the lowercased email.
    pub async fn create_user(
        &self,
        user: &UserRecord,
        email_key: &str,
        now: UnixMillis,
    ) -> Result<(), CreateUserError> {
        let result = on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO users (id, email, email_key, name, role, password_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&user.id)
            .bind(&user.email)
            .bind(email_key)
            .bind(&user.name)
            .bind(user.role.as_str())
            .bind(&user.password_hash)
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        });
        match result {
            Ok(_) => Ok(()),
            Err(e) if e.is_unique_violation() => Err(CreateUserError::DuplicateEmail),
            Err(e) => Err(e.into()),
        }
    }

    /// The account with this (lowercased) email.
    pub async fn user_by_email(&self, email_key: &str) -> Result<Option<UserRecord>, StoreError> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, email, name, role, password_hash FROM users WHERE email_key = $1",
            )
            .bind(email_key)
            .fetch_optional(pool)
            .await
        })?;
        row.map(UserRecord::try_from).transpose()
    }

    /// Every account, by email.
    pub async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        let rows: Vec<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, email, name, role, password_hash FROM users ORDER BY email_key",
            )
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(UserRecord::try_from).collect()
    }

    /// How many accounts there are.
    pub async fn user_count(&self) -> Result<i64, StoreError> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM users"
        )
        .fetch_one(pool)
        .await)
    }

    /// Every account by email with its live sessions at `now`: `(user, live)`.
    pub async fn users_with_live_sessions(
        &self,
        now: UnixMillis,
    ) -> Result<Vec<(UserRecord, i64)>, StoreError> {
        let rows: Vec<(String, String, String, String, String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT u.id, u.email, u.name, u.role, u.password_hash,
                        (SELECT COUNT(*) FROM device_sessions s
                         WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $1)
                 FROM users u ORDER BY u.email_key",
            )
            .bind(now)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(id, email, name, role, hash, live)| {
                UserRecord::try_from((id, email, name, role, hash)).map(|user| (user, live))
            })
            .collect()
    }

    /// Replaces the password hash of the account with this (lowercased) email; whether
    /// there is one.
    pub async fn set_password_hash(&self, email_key: &str, hash: &str) -> Result<bool, StoreError> {
        let changed = on_pool!(self, |pool| {
            sqlx::query("UPDATE users SET password_hash = $1 WHERE email_key = $2")
                .bind(hash)
                .bind(email_key)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// The account with this id.
    pub async fn user_by_id(&self, id: &UserId) -> Result<Option<UserRecord>, StoreError> {
        const SQL: &str = "SELECT id, email, name, role, password_hash FROM users WHERE id = $1";
        let row: Option<UserRow> = match &self.pool {
            Pool::Sqlite(_, readers) => readers
                .rows(SQL, &[("$1", &id)], |row| {
                    Ok::<UserRow, _>((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                })?
                .into_iter()
                .next(),
            Pool::Postgres(pool) => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await?,
        };
        row.map(UserRecord::try_from).transpose()
    }
}

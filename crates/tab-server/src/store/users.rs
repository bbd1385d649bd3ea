//! Accounts, the server's secrets and the record of failed sign-ins.

use super::{Pool, Store, StoreError};

/// A user account as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
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

impl From<UserRow> for UserRecord {
    fn from((id, email, name, role, password_hash): UserRow) -> Self {
        UserRecord {
            id,
            email,
            name,
            role,
            password_hash,
        }
    }
}

/// Recent failed sign-ins, for rate limiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FailureWindow {
    /// How many failures in the window.
    pub count: i64,
    /// When the oldest of them happened (Unix ms), if any.
    pub oldest: Option<i64>,
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
        now: i64,
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
            .bind(&user.role)
            .bind(&user.password_hash)
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        });
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(CreateUserError::DuplicateEmail)
            }
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
        Ok(row.map(UserRecord::from))
    }

    /// The account with this id.
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRecord>, StoreError> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, email, name, role, password_hash FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(UserRecord::from))
    }

    /// Failed sign-ins for this email and from this address since `since` (Unix ms).
    pub async fn recent_failures(
        &self,
        email_key: &str,
        address: &str,
        since: i64,
    ) -> Result<(FailureWindow, FailureWindow), StoreError> {
        let (email, from_address): ((i64, Option<i64>), (i64, Option<i64>)) = on_pool!(
            self,
            |pool| {
                let email = sqlx::query_as(
                "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE email_key = $1 AND failed_at > $2",
            )
            .bind(email_key)
            .bind(since)
            .fetch_one(pool)
            .await?;
                let address = sqlx::query_as(
                "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE address = $1 AND failed_at > $2",
            )
            .bind(address)
            .bind(since)
            .fetch_one(pool)
            .await?;
                Ok::<_, StoreError>((email, address))
            }
        )?;
        let window = |(count, oldest)| FailureWindow { count, oldest };
        Ok((window(email), window(from_address)))
    }

    /// Records a failed sign-in and forgets those older than `forget_before`.
    pub async fn record_failure(
        &self,
        email_key: &str,
        address: &str,
        now: i64,
        forget_before: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
                .bind(forget_before)
                .execute(pool)
                .await?;
            sqlx::query(
                "INSERT INTO sign_in_failures (email_key, address, failed_at) VALUES ($1, $2, $3)",
            )
            .bind(email_key)
            .bind(address)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }
}

//! Accounts: `tab server user add` checks its input here and stores a new user.

use tab_api::Role;

use crate::passwords::hash_password;
use crate::store::{self, CreateUserError, Store, UserRecord};

/// Shortest password `tab server user add` accepts, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// A new account for `tab server user add`.
pub struct NewAccount<'a> {
    /// The sign-in email; unique whatever its letter case.
    pub email: &'a str,
    /// The display name.
    pub name: &'a str,
    /// The role.
    pub role: Role,
    /// The password, hashed with Argon2id before it is stored.
    pub password: &'a str,
}

/// Why an account could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    /// The input is not acceptable; the message says why.
    #[error("{0}")]
    Invalid(String),
    /// An account with that email exists.
    #[error("an account with the email {0} already exists")]
    DuplicateEmail(String),
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Creates an account in the store.
pub async fn add_user(store: &Store, account: &NewAccount<'_>) -> Result<UserRecord, AddUserError> {
    let email = account.email.trim();
    if email.is_empty() || !email.contains('@') || email.chars().any(char::is_whitespace) {
        return Err(AddUserError::Invalid(format!(
            "'{}' is not an email address",
            email.escape_debug()
        )));
    }
    if email.len() > tab_api::MAX_EMAIL_BYTES || email.chars().any(tab_api::is_unsafe_char) {
        return Err(AddUserError::Invalid(format!(
            "the email must be at most {} bytes, with no control or format characters",
            tab_api::MAX_EMAIL_BYTES
        )));
    }
    let name = account.name.trim();
    if name.is_empty() {
        return Err(AddUserError::Invalid("the name must not be empty".into()));
    }
    if name.chars().count() > tab_api::MAX_NAME_CHARS {
        return Err(AddUserError::Invalid(format!(
            "the name must be at most {} characters",
            tab_api::MAX_NAME_CHARS
        )));
    }
    if name.chars().any(tab_api::is_unsafe_char) {
        return Err(AddUserError::Invalid(
            "the name must not contain control, format or separator characters".into(),
        ));
    }
    if account.password.is_empty() {
        return Err(AddUserError::Invalid("the password is empty".into()));
    }
    if account.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AddUserError::Invalid(format!(
            "the password is too weak: use at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if account.password.trim().eq_ignore_ascii_case(email) {
        return Err(AddUserError::Invalid(
            "the password must not be the email".into(),
        ));
    }
    let password = account.password.to_string();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))??;
    let user = UserRecord {
        id: uuid::Uuid::new_v4().to_string(),
        email: email.to_string(),
        name: name.to_string(),
        role: account.role,
        password_hash,
    };
    match store
        .create_user(&user, &email.to_lowercase(), crate::now_ms())
        .await
    {
        Ok(()) => Ok(user),
        Err(CreateUserError::DuplicateEmail) => {
            Err(AddUserError::DuplicateEmail(email.to_string()))
        }
        Err(CreateUserError::Store(e)) => {
            Err(anyhow::anyhow!("cannot add the account: {}", store::describe(&e)).into())
        }
    }
}

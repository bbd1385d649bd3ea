//! Accounts: `tab server user add`, `list`, `set-password` and `unlock` check their
//! input here and act on the store.

use tab_api::Role;

use crate::passwords::hash_password;
use crate::store::{self, ActionOutcome, CreateUserError, OperatorAction, Store, UserRecord};

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

/// Why an account command could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The input is not acceptable; the message says why.
    #[error("{0}")]
    Invalid(String),
    /// An account with that email exists.
    #[error("an account with the email {0} already exists")]
    DuplicateEmail(String),
    /// No account has that email.
    #[error("no account has the email {0}")]
    NoSuchAccount(String),
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Creates an account in the store.
pub async fn add_user(store: &Store, account: &NewAccount<'_>) -> Result<UserRecord, AccountError> {
    let email = account.email.trim();
    if email.is_empty() || !email.contains('@') || email.chars().any(char::is_whitespace) {
        return Err(AccountError::Invalid(format!(
            "'{}' is not an email address",
            email.escape_debug()
        )));
    }
    if email.len() > tab_api::MAX_EMAIL_BYTES || email.chars().any(tab_api::is_unsafe_char) {
        return Err(AccountError::Invalid(format!(
            "the email must be at most {} bytes, with no control or format characters",
            tab_api::MAX_EMAIL_BYTES
        )));
    }
    let name = account.name.trim();
    if name.is_empty() {
        return Err(AccountError::Invalid("the name must not be empty".into()));
    }
    if name.chars().count() > tab_api::MAX_NAME_CHARS {
        return Err(AccountError::Invalid(format!(
            "the name must be at most {} characters",
            tab_api::MAX_NAME_CHARS
        )));
    }
    if name.chars().any(tab_api::is_unsafe_char) {
        return Err(AccountError::Invalid(
            "the name must not contain control, format or separator characters".into(),
        ));
    }
    let password_hash = checked_hash(account.password, email).await?;
    let user = UserRecord {
        id: crate::store::UserId::random(),
        email: email.to_string(),
        name: name.to_string(),
        role: account.role,
        password_hash,
    };
    match store
        .create_user(&user, &email.to_lowercase(), crate::now())
        .await
    {
        Ok(()) => Ok(user),
        Err(CreateUserError::DuplicateEmail) => {
            Err(AccountError::DuplicateEmail(email.to_string()))
        }
        Err(CreateUserError::Store(e)) => {
            Err(anyhow::anyhow!("cannot add the account: {}", e.describe()).into())
        }
    }
}

/// Refuses a weak password, then hashes it off the async workers.
async fn checked_hash(password: &str, email: &str) -> Result<String, AccountError> {
    if password.is_empty() {
        return Err(AccountError::Invalid("the password is empty".into()));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::Invalid(format!(
            "the password is too weak: use at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.trim().eq_ignore_ascii_case(email) {
        return Err(AccountError::Invalid(
            "the password must not be the email".into(),
        ));
    }
    let password = password.to_string();
    Ok(
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))??,
    )
}

/// One account as `tab server user list` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AccountSummary {
    /// The sign-in email.
    pub email: String,
    /// The display name.
    pub name: String,
    /// The role.
    pub role: Role,
    /// Its live sessions now.
    pub live_sessions: i64,
    /// Whether its email is locked out by failed sign-ins now (`tab server user unlock`).
    pub locked_out: bool,
}

/// Every account by email, with its live sessions and whether it is locked out.
pub async fn list_users(store: &Store) -> Result<Vec<AccountSummary>, AccountError> {
    let failed = |e: crate::store::StoreError| -> AccountError {
        anyhow::anyhow!("cannot list the accounts: {}", e.describe()).into()
    };
    let now = crate::now();
    let users = store.users_with_live_sessions(now).await.map_err(failed)?;
    let locked: std::collections::HashSet<String> = store
        .locked_email_hashes(
            now - crate::sign_in_throttle::FAILURE_WINDOW_MS,
            crate::sign_in_throttle::MAX_FAILURES_PER_EMAIL,
        )
        .await
        .map_err(failed)?
        .into_iter()
        .collect();
    Ok(users
        .into_iter()
        .map(|(user, live)| AccountSummary {
            locked_out: locked.contains(&store::email_hash(&user.email.to_lowercase())),
            email: user.email,
            name: user.name,
            role: user.role,
            live_sessions: live,
        })
        .collect())
}

/// Gives an account a new password and, unless `sign_out` is false, signs every one of
/// its sessions out (a reset password is usually a compromised one); how many, recorded
/// in the audit log as done by the server's operator. A sign-in that checked the old
/// password meanwhile leaves no session behind.
pub async fn set_password(
    store: &Store,
    email: &str,
    password: &str,
    sign_out: bool,
) -> Result<u64, AccountError> {
    let email = email.trim();
    let hash = checked_hash(password, email).await?;
    let user = account(store, email).await?;
    let action = OperatorAction::SetPassword {
        hash: &hash,
        sign_out,
    };
    Ok(act(store, &user, action).await?.signed_out)
}

/// Gives an account a role; whether it changed.
pub async fn set_role(store: &Store, email: &str, role: Role) -> Result<bool, AccountError> {
    let user = account(store, email.trim()).await?;
    Ok(act(store, &user, OperatorAction::SetRole(role))
        .await?
        .changed)
}

/// Disables an account and signs every one of its sessions out, in one transaction: no
/// sign-in succeeds after it returns. Whether it was enabled before, and how many sessions
/// were signed out.
pub async fn disable(store: &Store, email: &str) -> Result<ActionOutcome, AccountError> {
    let user = account(store, email.trim()).await?;
    act(store, &user, OperatorAction::Disable).await
}

/// Lets a disabled account sign in again; whether it was disabled.
pub async fn enable(store: &Store, email: &str) -> Result<bool, AccountError> {
    let user = account(store, email.trim()).await?;
    Ok(act(store, &user, OperatorAction::Enable).await?.changed)
}

/// The account with this email, or [`AccountError::NoSuchAccount`].
async fn account(store: &Store, email: &str) -> Result<UserRecord, AccountError> {
    store
        .user_by_email(&email.to_lowercase())
        .await
        .map_err(|e| anyhow::anyhow!("cannot read the account: {}", e.describe()))?
        .ok_or_else(|| AccountError::NoSuchAccount(email.to_string()))
}

/// Applies and records an operator's action.
async fn act(
    store: &Store,
    user: &UserRecord,
    action: OperatorAction<'_>,
) -> Result<ActionOutcome, AccountError> {
    store
        .operator_action(&user.id, &user.email, action, None, crate::now())
        .await
        .map_err(|e| anyhow::anyhow!("cannot change the account: {}", e.describe()).into())
}

/// What `tab server user unlock EMAIL` lifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unlocked {
    /// Failed sign-ins counted against the email, forgotten.
    pub failures: u64,
    /// Whether an account has the email (its count of successful sign-ins then starts
    /// afresh, lifting the 100-a-minute limit too).
    pub account_found: bool,
}

/// Lifts every limit that blocks an email: its failed sign-ins, and the account's count
/// of successful ones, so that its owner can sign in again at once. (A limit on the
/// owner's address is the address's: see [`unlock_address`].)
pub async fn unlock(store: &Store, email: &str) -> Result<Unlocked, AccountError> {
    let key = email.trim().to_lowercase();
    let failed = |e: crate::store::StoreError| -> AccountError {
        anyhow::anyhow!("cannot unlock: {}", e.describe()).into()
    };
    let failures = store
        .clear_failures(&store::email_hash(&key))
        .await
        .map_err(failed)?;
    let account_found = store
        .reset_sign_in_count(&key, crate::now())
        .await
        .map_err(failed)?;
    Ok(Unlocked {
        failures,
        account_found,
    })
}

/// Forgets the failed sign-ins counted against a client address (an IPv6 address counts
/// for its /64, as the throttle keys it); how many.
pub async fn unlock_address(store: &Store, address: &str) -> Result<u64, AccountError> {
    let ip: std::net::IpAddr = address.trim().parse().map_err(|_| {
        AccountError::Invalid(format!(
            "'{}' is not an IP address such as 203.0.113.7 or 2001:db8::1",
            address.escape_debug()
        ))
    })?;
    store
        .clear_address_failures(&store::address_key(ip))
        .await
        .map_err(|e| anyhow::anyhow!("cannot unlock: {}", e.describe()).into())
}

//! The reference TAB server: the sessions API of `docs/api.md` on SQLite (embedded, the
//! default) or PostgreSQL (several server processes on one database).
//!
//! The `tab` binary runs it as `tab server serve` and `tab server user add`, and in
//! process for `tab demo`.

mod auth;
mod error;
mod json;
mod listener;
mod log;
mod openapi;
mod routes;
mod state;
pub mod store;

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context as _;
use tab_api::Role;
use tokio::net::TcpListener;

pub use auth::hash_password;
pub use listener::Limits;
pub use log::init as init_logging;
pub use openapi::document_json as openapi_json;
pub use store::{Backend, CreateUserError, SessionRecord, Store, UserRecord};

/// Default listening address of `tab server serve`.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:7878";

/// Name under which a generated signing key is kept in the database.
const SIGNING_KEY_NAME: &str = "jwt_hs256";

/// Shortest signing key accepted, in bytes.
const MIN_SECRET_BYTES: usize = 32;

/// Shortest password `tab server user add` accepts, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The current time as Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The default database: `tab/tab.db` in the platform's data directory.
pub fn default_database_url() -> anyhow::Result<String> {
    let dir = dirs::data_dir().context("cannot find a data directory; pass --database")?;
    Ok(format!(
        "sqlite://{}",
        dir.join("tab").join("tab.db").display()
    ))
}

/// A server bound to its address, ready to run.
pub struct Server {
    listener: TcpListener,
    state: state::AppState,
    limits: Limits,
}

impl Server {
    /// Opens the database (running migrations), settles the signing key and binds
    /// `listen`. `jwt_secret` is `TAB_JWT_SECRET`; without it a key is generated once and
    /// kept in the database, so that every process on one database agrees.
    pub async fn bind(
        listen: &str,
        database_url: &str,
        jwt_secret: Option<&str>,
    ) -> anyhow::Result<Server> {
        let store = Store::open(database_url).await?;
        let secret = match jwt_secret {
            Some(secret) if secret.len() >= MIN_SECRET_BYTES => secret.as_bytes().to_vec(),
            Some(_) => {
                anyhow::bail!("TAB_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long")
            }
            None => {
                let candidate = hex::encode(rand::random::<[u8; 32]>());
                let stored = store
                    .secret_or_insert(SIGNING_KEY_NAME, &candidate)
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!("cannot settle the signing key: {}", store::describe(&e))
                    })?;
                hex::decode(stored).context("the signing key stored in the database is damaged")?
            }
        };
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let state = state::AppState {
            store,
            keys: auth::TokenKeys::new(&secret),
            passwords: auth::Passwords::new()?,
        };
        Ok(Server {
            listener,
            state,
            limits: Limits::default(),
        })
    }

    /// The address it listens on (useful after binding port 0).
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Replaces the default connection and request limits.
    pub fn with_limits(mut self, limits: Limits) -> Server {
        self.limits = limits;
        self
    }

    /// The database it serves.
    pub fn store(&self) -> &Store {
        &self.state.store
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.local_addr()?;
        let backend = match self.state.store.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        tracing::info!(%addr, backend, max_connections = self.limits.max_connections, "listening");
        let app = routes::router(self.state);
        listener::serve(self.listener, app, self.limits, shutdown).await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Completes on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("shutting down: finishing requests in flight");
}

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
        role: account.role.as_str().to_string(),
        password_hash,
    };
    match store
        .create_user(&user, &email.to_lowercase(), now_ms())
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

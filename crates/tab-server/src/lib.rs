//! The reference TAB server: the sessions API of `docs/api.md` on SQLite (embedded, the
//! default) or PostgreSQL (several server processes on one database).
//!
//! The `tab` binary runs it as `tab server serve` and `tab server user add`, and in
//! process for `tab demo`.

mod accounts;
mod auth;
mod background;
mod client_address;
mod cookie;
mod devices;
mod error;
mod headers;
mod json;
mod labels;
mod listener;
mod log;
mod mail;
mod metrics;
mod openapi;
mod origins;
mod passwords;
mod routes;
mod sign_in_throttle;
mod state;
pub mod store;
mod tokens;
mod web;

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context as _;
use tokio::net::TcpListener;

pub use accounts::{
    AccountError, AccountSummary, MIN_PASSWORD_CHARS, NewAccount, Unlocked, add_user, disable,
    enable, list_users, set_password, set_role, unlock, unlock_address,
};
pub use background::Retention;
pub use client_address::TrustedProxies;
pub use listener::{Limits, serve_router, shutdown_signal};
pub use log::init as init_logging;
pub use mail::{MailPolicy, MailSettings};
pub use openapi::document_json as openapi_json;
pub use passwords::hash_password;
pub use store::{ActionOutcome, Backend, CreateUserError, SessionRecord, Store, UserRecord};

/// Default listening address of `tab server serve`.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:7878";

/// Name under which a generated signing key is kept in the database.
pub const SIGNING_KEY_NAME: &str = "jwt_hs256";

/// How long a stopping server waits for the alert mail in hand.
const MAIL_SHUTDOWN: std::time::Duration = std::time::Duration::from_secs(10);

/// Shortest signing key accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

/// The current time as Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The current time as the store's sessions keep it.
pub(crate) fn now() -> store::UnixMillis {
    store::UnixMillis::now()
}

/// The default database: `tab/tab.db` in the platform's data directory.
pub fn default_database_url() -> anyhow::Result<String> {
    let dir = dirs::data_dir().context("cannot find a data directory; pass --database")?;
    Ok(format!(
        "sqlite://{}",
        dir.join("tab").join("tab.db").display()
    ))
}

/// Checks a public URL (`--public-url`): http or https, with a host. Checked before
/// anything is opened, so that a refused configuration creates nothing.
pub fn parse_public_url(text: &str) -> anyhow::Result<url::Url> {
    url::Url::parse(text)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
        .with_context(|| {
            format!("the public URL must be an http or https URL such as https://tab.example.com, not {text:?}")
        })
}

/// A server bound to its address, ready to run.
pub struct Server {
    listener: TcpListener,
    state: state::Shared,
    limits: Limits,
    public_url: Option<url::Url>,
    proxies: TrustedProxies,
    metrics_listener: Option<TcpListener>,
    metrics_refresh: std::time::Duration,
    retention: Option<Retention>,
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
        // Refused configuration creates nothing: the key and the address are checked
        // before the database is opened (and so, on SQLite, created).
        if let Some(secret) = jwt_secret
            && secret.len() < MIN_SECRET_BYTES
        {
            anyhow::bail!("TAB_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long");
        }
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let store = Store::open(database_url).await?;
        if jwt_secret.is_none() && store.backend() == Backend::Postgres {
            tracing::warn!(
                "the token signing key is kept in the PostgreSQL database, where anyone who can read it can sign tokens: set TAB_JWT_SECRET (the same in every server process)"
            );
        }
        let secret = match jwt_secret {
            Some(secret) => secret.as_bytes().to_vec(),
            None => {
                let candidate = hex::encode(rand::random::<[u8; 32]>());
                let stored = store
                    .secret_or_insert(SIGNING_KEY_NAME, &candidate)
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!("cannot settle the signing key: {}", e.describe())
                    })?;
                hex::decode(stored).context("the signing key stored in the database is damaged")?
            }
        };
        let addr = listener.local_addr()?;
        let state = state::Shared {
            store,
            keys: tokens::TokenKeys::new(&secret),
            passwords: passwords::Passwords::new()?,
            cookie: cookie::SessionCookie::new(addr, None),
            origins: origins::Origins::new(addr, None),
            mail: None,
            metrics: false,
        };
        Ok(Server {
            listener,
            state,
            limits: Limits::default(),
            public_url: None,
            proxies: TrustedProxies::default(),
            metrics_listener: None,
            metrics_refresh: metrics::LIVE_GAUGE_EVERY,
            retention: None,
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

    /// Tells the server the URL people reach it at (through a TLS-terminating proxy, say;
    /// see [`parse_public_url`]). An https URL makes the session cookie
    /// `__Host-tab_session` with `Secure`, and requests for its host are answered.
    pub fn with_public_url(mut self, url: url::Url) -> anyhow::Result<Server> {
        let addr = self.local_addr()?;
        self.state.cookie = cookie::SessionCookie::new(addr, Some(&url));
        self.state.origins = origins::Origins::new(addr, Some(&url));
        self.public_url = Some(url);
        Ok(self)
    }

    /// Mails each account about its new-device sign-ins through `settings` (see
    /// [`MailSettings::parse`]).
    pub fn with_mail(mut self, settings: MailSettings) -> Server {
        self.state.mail = Some(mail::Outbox::new(settings));
        self
    }

    /// Serves `GET /metrics` (and the two probes) on a listener of its own at `listen`,
    /// never on the public one, and counts every request; the live-session gauge is read
    /// every `refresh` (15 s; tests shorten it).
    pub async fn with_metrics_listen(
        mut self,
        listen: &str,
        refresh: std::time::Duration,
    ) -> anyhow::Result<Server> {
        self.metrics_refresh = refresh;
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen for metrics on {listen}"))?;
        self.metrics_listener = Some(listener);
        self.state.metrics = true;
        Ok(self)
    }

    /// The metrics listener's address, with [`Server::with_metrics_listen`].
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    /// Purges ended sessions (and audit entries) past `retention` soon after start and
    /// then every hour.
    pub fn with_retention(mut self, retention: Retention) -> Server {
        self.retention = Some(retention);
        self
    }

    /// Believes `X-Forwarded-For` from these proxies (see [`TrustedProxies`]).
    pub fn with_trusted_proxies(mut self, proxies: TrustedProxies) -> Server {
        self.proxies = proxies;
        self
    }

    /// The dashboard's address: the public URL when one was given, else the address
    /// it listens on.
    pub fn dashboard_url(&self) -> anyhow::Result<String> {
        Ok(match &self.public_url {
            Some(url) => url.to_string(),
            None => format!("http://{}/", self.local_addr()?),
        })
    }

    /// The database it serves.
    pub fn store(&self) -> &Store {
        &self.state.store
    }

    /// The API and the pages as one router, for tests that need no process: what `run`
    /// serves, without the listener (so no `Host` check, connection cap or timeouts),
    /// the background tasks or the metrics listener. A request must carry the client's
    /// address as `axum::extract::ConnectInfo<SocketAddr>`, as the listener adds it.
    #[doc(hidden)]
    pub fn into_router(self) -> axum::Router {
        routes::router(
            state::AppState::new(self.state),
            openapi::routes(),
            web::routes(),
        )
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
        let location = self.state.store.location().to_string();
        let dashboard = self.dashboard_url()?;
        tracing::info!(
            %addr,
            backend,
            max_connections = self.limits.max_connections,
            "listening on http://{addr}, {location}; the dashboard is at {dashboard}"
        );
        if self
            .state
            .store
            .user_count()
            .await
            .is_ok_and(|count| count == 0)
        {
            tracing::warn!(
                "there are no accounts yet in {location}: add one with `tab server user add --database` naming this database"
            );
        }
        if !addr.ip().is_loopback()
            && self
                .public_url
                .as_ref()
                .is_none_or(|u| u.scheme() != "https")
        {
            tracing::warn!(
                "{addr} is not a loopback address: this server speaks plain HTTP, so put a TLS-terminating proxy in front of it (README, \"Running the reference server\")"
            );
        }
        let origins = self.state.origins.clone();
        // Every background task and the metrics listener stop when shutdown begins.
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let shutdown = async move {
            shutdown.await;
            let _ = stop.send(true);
        };
        let store = self.state.store.clone();
        let outbox = self
            .state
            .mail
            .clone()
            .map(|outbox| tokio::spawn(outbox.run(store.clone(), stopping.clone())));
        let mut tasks = Vec::new();
        if let Some(retention) = self.retention {
            tracing::info!(
                days = retention.sessions.as_secs() / 86_400,
                "retention: sessions that ended more than {} days ago are purged every hour",
                retention.sessions.as_secs() / 86_400
            );
            tasks.push(tokio::spawn(background::purge_hourly(
                store.clone(),
                retention,
                stopping.clone(),
            )));
        }
        let state = state::AppState::new(self.state);
        if let Some(metrics_listener) = self.metrics_listener {
            let metrics_addr = metrics_listener.local_addr()?;
            tracing::info!(metrics_address = %metrics_addr, "metrics at http://{metrics_addr}/metrics");
            tasks.push(tokio::spawn(background::live_gauge(
                store.clone(),
                self.metrics_refresh,
                stopping.clone(),
            )));
            let policy = listener::Policy {
                origins: origins::Origins::new(metrics_addr, None),
                proxies: TrustedProxies::default(),
            };
            let mut stopped = stopping.clone();
            tasks.push(tokio::spawn(listener::serve(
                metrics_listener,
                routes::metrics_router(state.clone()),
                Limits::default(),
                policy,
                async move {
                    let _ = stopped.wait_for(|stopping| *stopping).await;
                },
            )));
        }
        let app = routes::router(state, openapi::routes(), web::routes());
        let policy = listener::Policy {
            origins,
            proxies: self.proxies,
        };
        listener::serve(self.listener, app, self.limits, policy, shutdown).await;
        if let Some(mut outbox) = outbox {
            // The mail in hand is finished (one SMTP exchange at most); what is still
            // queued stays in the database for the next start.
            if tokio::time::timeout(MAIL_SHUTDOWN, &mut outbox)
                .await
                .is_err()
            {
                outbox.abort();
                tracing::warn!(
                    "stopped while an alert mail was being sent: it goes again after the next start"
                );
            }
        }
        for task in tasks {
            // A purge batch or a scrape in hand finishes; nothing here holds data.
            if tokio::time::timeout(MAIL_SHUTDOWN, task).await.is_err() {
                tracing::warn!("a background task did not stop in time");
            }
        }
        tracing::info!("stopped");
        Ok(())
    }
}

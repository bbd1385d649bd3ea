//! `tab server serve`: the options checked and turned into a running server. `tab
//! server check` reads them through the same [`Settings::from_args`].

use std::time::Duration;

use crate::cli::ServeArgs;
use crate::env_vars;

use super::database_url;

/// What `tab server serve` starts with, every option checked, nothing opened yet.
pub(super) struct Settings {
    pub database_url: String,
    /// `TAB_JWT_SECRET`, when set and not empty.
    pub secret: Option<String>,
    pub public_url: Option<url::Url>,
    pub proxies: tab_server::TrustedProxies,
    pub mail: Option<tab_server::MailSettings>,
    pub retention: Option<tab_server::Retention>,
}

impl Settings {
    /// The database in words that carry no credential.
    pub fn database_url_words(&self) -> String {
        match tab_server::Backend::of_url(&self.database_url) {
            Some(tab_server::Backend::Postgres) => "database PostgreSQL".to_string(),
            _ => match tab_server::store::sqlite_file(&self.database_url) {
                Some(file) => format!("database SQLite at {}", file.display()),
                None => "database SQLite in memory".to_string(),
            },
        }
    }

    /// Checks every option before anything is opened, so that a refused configuration
    /// creates nothing.
    pub fn from_args(args: &ServeArgs) -> anyhow::Result<Settings> {
        // Read here rather than as a flag, so the key never shows in `ps` or in help output.
        let secret = std::env::var(env_vars::TAB_JWT_SECRET)
            .ok()
            .filter(|s| !s.is_empty());
        let public_url = args
            .public_url
            .as_deref()
            .map(tab_server::parse_public_url)
            .transpose()?;
        let proxies = tab_server::TrustedProxies::parse(&args.trusted_proxies)?;
        let mail = match (&args.smtp_url, &args.mail_from) {
            (Some(url), Some(from)) => {
                // Read here rather than as a flag, like the signing key.
                let password = std::env::var(env_vars::TAB_SMTP_PASSWORD).ok();
                let policy = tab_server::MailPolicy {
                    interval: args.mail_interval,
                    first_retry: args.mail_first_retry,
                    give_up_after: args.mail_give_up_after,
                };
                Some(
                    tab_server::MailSettings::parse(url, password.as_deref(), from)?
                        .with_policy(policy),
                )
            }
            _ => None,
        };
        let retention = args.retention.map(|sessions| tab_server::Retention {
            sessions,
            audit: args.audit_retention,
        });
        Ok(Settings {
            database_url: database_url(&args.database)?,
            secret,
            public_url,
            proxies,
            mail,
            retention,
        })
    }
}

/// Runs `tab server serve` until SIGTERM or Ctrl-C.
pub(super) async fn run(args: &ServeArgs) -> anyhow::Result<()> {
    tab_server::init_logging(std::env::var(env_vars::TAB_LOG).ok().as_deref());
    let settings = Settings::from_args(args)?;
    let server = tab_server::Server::bind(
        &args.listen,
        &settings.database_url,
        settings.secret.as_deref(),
    )
    .await?
    .with_limits(tab_server::Limits {
        max_connections: args.max_connections as usize,
        header_read_timeout: Duration::from_secs(args.header_timeout),
        request_timeout: Duration::from_secs(args.request_timeout),
    });
    let server = match settings.public_url {
        Some(url) => server.with_public_url(url)?,
        None => server,
    }
    .with_trusted_proxies(settings.proxies);
    let server = match settings.mail {
        Some(mail) => server.with_mail(mail),
        None => server,
    };
    let server = match &args.metrics_listen {
        Some(listen) => {
            server
                .with_metrics_listen(listen, args.metrics_refresh)
                .await?
        }
        None => server,
    };
    let server = match settings.retention {
        Some(retention) => server.with_retention(retention),
        None => server,
    };
    server.run(tab_server::shutdown_signal()).await
}

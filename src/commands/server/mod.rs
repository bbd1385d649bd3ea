//! `tab server ...`: the reference server (`serve`), its accounts (`user`), and what an
//! operator runs around it (`purge`, `backup`, `check`).

mod backup;
mod check;
mod purge;
mod serve;
mod user;

use crate::cli::{DatabaseArg, ServeArgs, ServerArgs, ServerCommand};
use crate::env_vars;
use crate::printer::Printer;

/// Runs `tab server ...`.
pub async fn run(args: &ServerArgs, printer: &Printer) -> anyhow::Result<()> {
    match &args.command {
        ServerCommand::Serve(serve) => serve::run(serve).await,
        ServerCommand::User(args) => user::run(&args.command, printer).await,
        ServerCommand::Purge(args) => purge::run(args, printer).await,
        ServerCommand::Backup(args) => backup::run(args, printer).await,
        ServerCommand::Check(args) => check::run(args, printer).await,
    }
}

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
    pub(super) fn database_url_words(&self) -> String {
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
    pub(super) fn from_args(args: &ServeArgs) -> anyhow::Result<Settings> {
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

pub(super) fn database_url(arg: &DatabaseArg) -> anyhow::Result<String> {
    match &arg.database {
        Some(url) => Ok(url.clone()),
        None => tab_server::default_database_url(),
    }
}

/// Opens a database that must exist already (a purge or a backup of a database that is
/// not there would create an empty one, and say nothing useful).
async fn open_existing(url: &str, migrate: bool) -> anyhow::Result<tab_server::Store> {
    if let Some(file) = tab_server::store::sqlite_file(url) {
        anyhow::ensure!(
            file.exists(),
            "there is no database at {} (name the server's with --database)",
            file.display()
        );
    }
    if migrate {
        tab_server::Store::open(url).await
    } else {
        tab_server::Store::open_existing(url).await
    }
}

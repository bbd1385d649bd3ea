//! `tab server serve` and `tab server user ...`: the reference server.

mod user;

use std::time::Duration;

use crate::cli::{DatabaseArg, ServeArgs, ServerArgs, ServerCommand};
use crate::env_vars;
use crate::printer::Printer;

/// Runs `tab server ...`.
pub async fn run(args: &ServerArgs, printer: &Printer) -> anyhow::Result<()> {
    match &args.command {
        ServerCommand::Serve(serve) => run_serve(serve).await,
        ServerCommand::User(args) => user::run(&args.command, printer).await,
    }
}

pub(super) fn database_url(arg: &DatabaseArg) -> anyhow::Result<String> {
    match &arg.database {
        Some(url) => Ok(url.clone()),
        None => tab_server::default_database_url(),
    }
}

async fn run_serve(args: &ServeArgs) -> anyhow::Result<()> {
    tab_server::init_logging(std::env::var(env_vars::TAB_LOG).ok().as_deref());
    // Read here rather than as a flag, so the key never shows in `ps` or in help output.
    let secret = std::env::var(env_vars::TAB_JWT_SECRET)
        .ok()
        .filter(|s| !s.is_empty());
    let public_url = args
        .public_url
        .as_deref()
        .map(tab_server::parse_public_url)
        .transpose()?;
    // Checked before anything is opened, like the public URL.
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
    let server = tab_server::Server::bind(
        &args.listen,
        &database_url(&args.database)?,
        secret.as_deref(),
    )
    .await?
    .with_limits(tab_server::Limits {
        max_connections: args.max_connections as usize,
        header_read_timeout: Duration::from_secs(args.header_timeout),
        request_timeout: Duration::from_secs(args.request_timeout),
    });
    let server = match public_url {
        Some(url) => server.with_public_url(url)?,
        None => server,
    }
    .with_trusted_proxies(proxies);
    let server = match mail {
        Some(mail) => server.with_mail(mail),
        None => server,
    };
    server.run(tab_server::shutdown_signal()).await
}

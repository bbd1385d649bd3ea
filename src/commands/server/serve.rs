//! `tab server serve`: the options checked (`Settings`, which `tab server check` reads
//! too) and turned into a running server.

use std::time::Duration;

use crate::cli::ServeArgs;
use crate::env_vars;

use super::Settings;

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

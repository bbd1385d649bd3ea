//! `tab server serve` and `tab server user add`: the reference server.

use std::time::Duration;

use crate::cli::{DatabaseArg, ServeArgs, ServerArgs, ServerCommand, UserAddArgs, UserCommand};
use crate::env_vars;
use crate::error::CliError;
use crate::printer::Printer;

/// Runs `tab server ...`.
pub async fn run(args: &ServerArgs, printer: &Printer) -> anyhow::Result<()> {
    match &args.command {
        ServerCommand::Serve(serve) => run_serve(serve).await,
        ServerCommand::User(user) => match &user.command {
            UserCommand::Add(add) => run_user_add(add, printer).await,
        },
    }
}

fn database_url(arg: &DatabaseArg) -> anyhow::Result<String> {
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
    server.run(tab_server::shutdown_signal()).await
}

async fn run_user_add(args: &UserAddArgs, printer: &Printer) -> anyhow::Result<()> {
    let password = if args.password_stdin {
        crate::prompt::read_password_line()?
    } else if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        crate::prompt::new_password()?
    } else {
        return Err(CliError::usage(
            "no terminal to ask for the password",
            Some("pass `--password-stdin` and the password on standard input".into()),
        )
        .into());
    };
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let account = tab_server::NewAccount {
        email: &args.email,
        name: &args.name,
        role: args.role,
        password: &password,
    };
    match tab_server::add_user(&store, &account).await {
        Ok(user) => {
            printer.out(&format!(
                "Added {} ({}, {}) with id {}",
                user.email,
                user.name,
                user.role.as_str(),
                user.id
            ));
            Ok(())
        }
        Err(tab_server::AddUserError::Invalid(reason)) => Err(CliError::usage(reason, None).into()),
        Err(tab_server::AddUserError::DuplicateEmail(email)) => {
            Err(CliError::DuplicateEmail(email).into())
        }
        Err(tab_server::AddUserError::Other(error)) => Err(error),
    }
}

//! `tab server user add | list | set-password | unlock`: accounts on the reference
//! server's database.

use crate::cli::{UserAddArgs, UserCommand, UserEmailArgs, UserPasswordArgs};
use crate::error::CliError;
use crate::printer::Printer;
use crate::render;

use super::database_url;

/// Runs `tab server user ...`.
pub async fn run(command: &UserCommand, printer: &Printer) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => add(args, printer).await,
        UserCommand::List(database) => {
            let store = tab_server::Store::open(&database_url(database)?).await?;
            let users = tab_server::list_users(&store)
                .await
                .map_err(account_error)?;
            for user in &users {
                printer.out(&format!(
                    "{}  {}  {}",
                    render::terminal_safe(&user.email),
                    render::terminal_safe(&user.name),
                    user.role.as_str()
                ));
            }
            if users.is_empty() {
                printer.note("No accounts yet: add one with `tab server user add`");
            }
            Ok(())
        }
        UserCommand::SetPassword(args) => set_password(args, printer).await,
        UserCommand::Unlock(args) => unlock(args, printer).await,
    }
}

async fn add(args: &UserAddArgs, printer: &Printer) -> anyhow::Result<()> {
    let password = new_password(args.password_stdin)?;
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let account = tab_server::NewAccount {
        email: &args.email,
        name: &args.name,
        role: args.role,
        password: &password,
    };
    let user = tab_server::add_user(&store, &account)
        .await
        .map_err(account_error)?;
    printer.out(&format!(
        "Added {} ({}, {}) with id {}",
        user.email,
        user.name,
        user.role.as_str(),
        user.id
    ));
    Ok(())
}

async fn set_password(args: &UserPasswordArgs, printer: &Printer) -> anyhow::Result<()> {
    let password = new_password(args.password_stdin)?;
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    tab_server::set_password(&store, &args.email, &password)
        .await
        .map_err(account_error)?;
    printer.out(&format!("Changed the password of {}", args.email.trim()));
    printer.note(
        "Its sessions stay signed in; its owner can end them with `tab sessions revoke-others`",
    );
    Ok(())
}

async fn unlock(args: &UserEmailArgs, printer: &Printer) -> anyhow::Result<()> {
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let cleared = tab_server::unlock(&store, &args.email)
        .await
        .map_err(account_error)?;
    printer.out(&format!(
        "Cleared {cleared} failed sign-in{} for {}",
        if cleared == 1 { "" } else { "s" },
        args.email.trim()
    ));
    Ok(())
}

/// The password from standard input, or asked for twice in a terminal.
fn new_password(from_stdin: bool) -> Result<String, CliError> {
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    crate::prompt::password_from(from_stdin, terminal, crate::prompt::new_password)
}

/// What an account failure means to a person.
fn account_error(error: tab_server::AccountError) -> anyhow::Error {
    match error {
        tab_server::AccountError::Invalid(reason) => CliError::usage(reason, None).into(),
        tab_server::AccountError::DuplicateEmail(email) => CliError::DuplicateEmail(email).into(),
        tab_server::AccountError::NoSuchAccount(email) => CliError::NoSuchAccount(email).into(),
        tab_server::AccountError::Other(error) => error,
    }
}

//! `tab server user add | list | set-password | unlock`: accounts on the reference
//! server's database.

use crate::cli::{UserAddArgs, UserCommand, UserPasswordArgs, UserUnlockArgs};
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
                printer.note(&format!(
                    "No accounts yet in {}: add one with `tab server user add`",
                    store.location()
                ));
            } else {
                printer.note(&format!(
                    "{} in {}",
                    accounts_count(users.len()),
                    store.location()
                ));
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
        "Added {} ({}, {}) with id {} to {}",
        user.email,
        user.name,
        user.role.as_str(),
        user.id,
        store.location()
    ));
    Ok(())
}

async fn set_password(args: &UserPasswordArgs, printer: &Printer) -> anyhow::Result<()> {
    let password = new_password(args.password_stdin)?;
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    tab_server::set_password(&store, &args.email, &password)
        .await
        .map_err(account_error)?;
    printer.out(&format!(
        "Changed the password of {} in {}",
        args.email.trim(),
        store.location()
    ));
    printer.note(
        "Its sessions stay signed in; its owner can end them with `tab sessions revoke-others`",
    );
    Ok(())
}

async fn unlock(args: &UserUnlockArgs, printer: &Printer) -> anyhow::Result<()> {
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    if let Some(address) = &args.address {
        let cleared = tab_server::unlock_address(&store, address)
            .await
            .map_err(account_error)?;
        printer.out(&format!(
            "Cleared {cleared} failed sign-in{} from {} in {}",
            plural(cleared),
            address.trim(),
            store.location()
        ));
        return Ok(());
    }
    let email = args.email().unwrap_or_default().trim();
    let unlocked = tab_server::unlock(&store, email)
        .await
        .map_err(account_error)?;
    let count = if unlocked.account_found {
        " and restarted its count of sign-ins"
    } else {
        ""
    };
    printer.out(&format!(
        "Cleared {} failed sign-in{} for {email}{count} in {}",
        unlocked.failures,
        plural(unlocked.failures),
        store.location()
    ));
    if !unlocked.account_found {
        return Err(CliError::NoSuchAccount(email.to_string()).into());
    }
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

/// "1 account", "3 accounts".
fn accounts_count(count: usize) -> String {
    format!("{count} account{}", if count == 1 { "" } else { "s" })
}

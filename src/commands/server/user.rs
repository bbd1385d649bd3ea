//! `tab server user add | list | set-password | unlock`: accounts on the reference
//! server's database.

use crate::cli::{
    UserAddArgs, UserCommand, UserEmailArgs, UserListArgs, UserPasswordArgs, UserRoleArgs,
    UserUnlockArgs,
};
use crate::error::CliError;
use crate::printer::Printer;
use crate::render;

use super::database_url;

/// Runs `tab server user ...`.
pub(super) async fn run(command: &UserCommand, printer: &Printer) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => add(args, printer).await,
        UserCommand::List(args) => list(args, printer).await,
        UserCommand::SetPassword(args) => set_password(args, printer).await,
        UserCommand::Unlock(args) => unlock(args, printer).await,
        UserCommand::SetRole(args) => set_role(args, printer).await,
        UserCommand::Disable(args) => disable(args, printer).await,
        UserCommand::Enable(args) => enable(args, printer).await,
    }
}

/// `tab server user list`: a table (or JSON) of every account, then which database.
async fn list(args: &UserListArgs, printer: &Printer) -> anyhow::Result<()> {
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let accounts = tab_server::list_users(&store)
        .await
        .map_err(account_error)?;
    if printer.json() {
        printer.out_json(&serde_json::json!({
            "accounts": accounts,
            "database": store.location(),
        }));
        return Ok(());
    }
    if accounts.is_empty() {
        printer.note(&format!(
            "No accounts yet in {}: add one with `tab server user add`",
            store.location()
        ));
        return Ok(());
    }
    let rows: Vec<[String; 5]> = accounts
        .iter()
        .map(|account| {
            [
                render::terminal_safe(&account.email).into_owned(),
                render::terminal_safe(&account.name).into_owned(),
                account.role.as_str().to_string(),
                account.live_sessions.to_string(),
                if account.locked_out {
                    "locked out (`tab server user unlock`)".to_string()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    printer.out(&render::plain_table(
        ["EMAIL", "NAME", "ROLE", "LIVE", "SIGN-IN"],
        &rows,
        printer.style(),
    ));
    printer.note(&format!(
        "{} in {}",
        accounts_count(accounts.len()),
        store.location()
    ));
    Ok(())
}

async fn add(args: &UserAddArgs, printer: &Printer) -> anyhow::Result<()> {
    let password = new_password(args.password_stdin, &args.email)?;
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
    let email = args.email.get();
    let password = new_password(args.password_stdin, email)?;
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let signed_out = tab_server::set_password(&store, email, &password, !args.keep_sessions)
        .await
        .map_err(account_error)?;
    let sessions = if args.keep_sessions {
        "its sessions stay signed in".to_string()
    } else {
        format!("signed out {}", render::sessions_count(signed_out))
    };
    printer.out(&format!(
        "Changed the password of {email} in {}; {sessions}",
        store.location()
    ));
    Ok(())
}

async fn set_role(args: &UserRoleArgs, printer: &Printer) -> anyhow::Result<()> {
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let email = args.email.trim();
    let changed = tab_server::set_role(&store, email, args.role)
        .await
        .map_err(account_error)?;
    let role = args.role.as_str();
    printer.out(&if changed {
        format!("{email} is now {role} in {}", store.location())
    } else {
        format!("{email} was {role} already in {}", store.location())
    });
    Ok(())
}

async fn disable(args: &UserEmailArgs, printer: &Printer) -> anyhow::Result<()> {
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let email = args.email.get();
    let done = tab_server::disable(&store, email)
        .await
        .map_err(account_error)?;
    let what = if done.changed {
        "Disabled"
    } else {
        "Already disabled:"
    };
    printer.out(&format!(
        "{what} {email} in {}; signed out {}",
        store.location(),
        render::sessions_count(done.signed_out)
    ));
    Ok(())
}

async fn enable(args: &UserEmailArgs, printer: &Printer) -> anyhow::Result<()> {
    let store = tab_server::Store::open(&database_url(&args.database)?).await?;
    let email = args.email.get();
    let changed = tab_server::enable(&store, email)
        .await
        .map_err(account_error)?;
    printer.out(&if changed {
        format!(
            "Enabled {email} in {}: it can sign in again",
            store.location()
        )
    } else {
        format!("{email} was not disabled, in {}", store.location())
    });
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

/// The password from standard input, or asked for twice in a terminal, saying whose.
fn new_password(from_stdin: bool, email: &str) -> Result<String, CliError> {
    let terminal = crate::prompt::stdin_is_terminal();
    let whose = crate::render::terminal_safe(email.trim()).into_owned();
    crate::prompt::password_from(from_stdin, terminal, || crate::prompt::new_password(&whose))
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

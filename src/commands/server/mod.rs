//! `tab server ...`: the reference server (`serve`), its accounts (`user`), and what an
//! operator runs around it (`purge`, `backup`, `check`).

mod backup;
mod check;
mod purge;
mod serve;
mod user;

use crate::cli::{DatabaseArg, ServerArgs, ServerCommand};
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

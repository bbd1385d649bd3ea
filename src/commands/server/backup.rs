//! `tab server backup PATH`: an online, consistent copy of a SQLite database.

use crate::cli::BackupArgs;
use crate::printer::Printer;

use super::database_url;

/// Runs `tab server backup`.
pub(super) async fn run(args: &BackupArgs, printer: &Printer) -> anyhow::Result<()> {
    let url = database_url(&args.database)?;
    anyhow::ensure!(
        tab_server::Backend::of_url(&url) != Some(tab_server::Backend::Postgres),
        "tab server backup copies SQLite databases; for PostgreSQL use pg_dump (README, \"Backups\")"
    );
    // As it is: a backup changes nothing, not even the schema.
    let store = super::open_existing(&url, false).await?;
    store.backup_to(&args.path).await?;
    printer.out(&format!(
        "Backed up {} to {} (readable by you only)",
        store.location(),
        args.path.display()
    ));
    Ok(())
}

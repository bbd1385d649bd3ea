//! `tab server purge`: removes the sessions that ended before the retention window, with
//! their history, and says how many of how many accounts.

use crate::cli::PurgeArgs;
use crate::printer::Printer;

use super::{database_url, open_existing};

/// Runs `tab server purge`.
pub(super) async fn run(args: &PurgeArgs, printer: &Printer) -> anyhow::Result<()> {
    // Migrated first: a purge by a newer `tab` records its lines in the newer schema.
    let store = open_existing(&database_url(&args.database)?, true).await?;
    let report = store
        .purge(
            tab_server::store::UnixMillis::now(),
            args.older_than,
            args.audit_retention,
            args.dry_run,
        )
        .await
        .map_err(|e| anyhow::anyhow!("the purge failed: {}", e.describe()))?;
    if printer.json() {
        printer.out_json(&serde_json::json!({
            "purged": report.sessions,
            "accounts": report.accounts,
            "audit_entries": report.audit_entries,
            "dry_run": args.dry_run,
        }));
        return Ok(());
    }
    let days = args.older_than.as_secs() / 86_400;
    if report.sessions == 0 && report.audit_entries == 0 {
        printer.out(&format!(
            "Nothing to purge: no session ended more than {days} days ago"
        ));
        printer.note(&format!("in {}", store.location()));
        return Ok(());
    }
    let verb = if args.dry_run {
        "Would purge"
    } else {
        "Purged"
    };
    let mut line = format!("{verb} {}", report.in_words());
    if args.dry_run {
        line.push_str(" (a dry run: nothing was deleted)");
    }
    printer.out(&line);
    printer.note(&format!(
        "{}: sessions that ended more than {days} days ago",
        store.location()
    ));
    Ok(())
}

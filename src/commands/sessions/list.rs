//! `tab sessions list`: the sessions table, or `{"sessions": [...]}`.

use crate::cli::ListArgs;
use crate::context::Ctx;

/// Runs `tab sessions list`.
pub async fn run(ctx: &Ctx, args: &ListArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let mut list = if args.all {
        client.sessions_including_ended().await?
    } else {
        client.sessions().await?
    };
    if let Some(note) = args
        .filter
        .idle_for
        .and_then(crate::render::idle_beyond_lifetime)
    {
        ctx.note(&note);
    }
    let filter = args.filter.request();
    let now = chrono::Utc::now();
    list.sessions.retain(|session| filter.matches(session, now));
    // Never on standard output, never under --json (where the list carries them).
    if !ctx.printer.json() {
        let now = chrono::Utc::now();
        for alert in &list.alerts {
            ctx.note(&crate::render::alert_line(alert, now));
        }
    }
    ctx.printer.session_list(&list, args.wide);
    Ok(())
}

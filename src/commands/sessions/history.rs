//! `tab sessions history`: what happened to the account's sessions, newest first.

use std::collections::HashMap;

use crate::cli::HistoryArgs;
use crate::context::Ctx;
use crate::render;

/// Runs `tab sessions history`.
pub async fn run(ctx: &Ctx, args: &HistoryArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let events = client.events(args.limit).await?;
    // The revoking sessions are named as the list names them: this week's ended ones
    // included, and anything older by the history's own sign-in rows.
    let mut names: HashMap<uuid::Uuid, String> = HashMap::new();
    let mut this_device = None;
    if !ctx.printer.json() {
        for event in &events.events {
            names.entry(event.session.id).or_insert_with(|| {
                let session = &event.session;
                render::display_name(
                    session.label.as_deref(),
                    session.device.as_deref(),
                    session.kind,
                )
            });
        }
        if let Ok(list) = client.sessions_including_ended().await {
            for session in &list.sessions {
                if session.current {
                    this_device = Some(session.id);
                }
                names.insert(session.id, render::session_name(session));
            }
        }
    }
    ctx.printer.event_list(&events, &names, this_device);
    Ok(())
}

//! `tab admin history --user EMAIL`: what happened to another account's sessions.

use std::collections::HashMap;

use crate::cli::AdminHistoryArgs;
use crate::context::Ctx;
use crate::render;

/// Runs `tab admin history`.
pub async fn run(ctx: &Ctx, args: &AdminHistoryArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let user = client.admin_user_by_email(&args.user.email).await?;
    let events = client.admin_user_events(&user, args.limit).await?;
    // A revoking session of the account's own is named by the history's sign-in rows.
    let mut names: HashMap<uuid::Uuid, String> = HashMap::new();
    for event in &events.events {
        let session = &event.session;
        names.entry(session.id).or_insert_with(|| {
            render::display_name(
                session.label.as_deref(),
                session.device.as_deref(),
                session.kind,
            )
        });
    }
    // None of the account's sessions is this device.
    ctx.printer.event_list(&events, &names, None);
    Ok(())
}

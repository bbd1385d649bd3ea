//! `tab sessions list`: the sessions table, or `{"sessions": [...]}`.

use tab_api::{SessionKind, SessionList};

use crate::cli::ListArgs;
use crate::context::Ctx;
use crate::render;

/// Runs `tab sessions list`.
pub async fn run(ctx: &Ctx, args: &ListArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let mut list = client.sessions().await?;
    if !args.kind.is_empty() {
        let kinds: Vec<SessionKind> = args.kind.iter().copied().map(Into::into).collect();
        list.sessions
            .retain(|session| kinds.contains(&session.kind));
    }
    show(ctx, &list, args.json, args.wide)
}

/// Prints a list of sessions as the table or as JSON.
pub fn show(ctx: &Ctx, list: &SessionList, json: bool, wide: bool) -> anyhow::Result<()> {
    if json {
        ctx.out(&render::json_text(list));
    } else if list.sessions.is_empty() {
        ctx.note("No sessions to show");
    } else {
        ctx.out(&render::sessions_table(
            &list.sessions,
            chrono::Utc::now(),
            wide,
            &ctx.style,
        ));
    }
    Ok(())
}

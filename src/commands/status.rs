//! `tab status`: the server, the user, this session and where the token is kept.

use serde_json::json;

use crate::cli::StatusArgs;
use crate::context::Ctx;
use crate::render;

/// Runs `tab status`.
pub async fn run(ctx: &Ctx, args: &StatusArgs) -> anyhow::Result<()> {
    let (client, source) = ctx.signed_in_client().await?;
    let me = client.me().await?;
    if args.output.json {
        ctx.printer.out_json(&json!({
                "server": client.server().as_str(),
                "profile": ctx.global.profile,
                "user": me.user,
                "session": me.session,
            "storage": source,
        }));
        return Ok(());
    }
    let now = chrono::Utc::now();
    let session = &me.session;
    let rows = [
        ("Server", client.server().to_string()),
        ("Profile", ctx.global.profile.clone()),
        (
            "User",
            format!(
                "{} <{}>, {}",
                render::terminal_safe(&me.user.name),
                render::terminal_safe(&me.user.email),
                me.user.role.as_str()
            ),
        ),
        (
            "Session",
            format!("{} ({})", session.id, render::session_name(session)),
        ),
        (
            "Started",
            format!(
                "{}, {}",
                render::ago(now, session.created_at),
                render::expires_in(now, session.expires_at)
            ),
        ),
        ("Token", format!("kept in {source}")),
    ];
    for (name, value) in rows {
        ctx.out(&format!(
            "{} {value}",
            ctx.style().heading(&format!("{name:<8}"))
        ));
    }
    Ok(())
}

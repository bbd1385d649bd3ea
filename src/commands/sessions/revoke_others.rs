//! `tab sessions revoke-others`: sign out every session but this one.

use serde_json::json;
use tab_api::SessionList;

use crate::cli::RevokeOthersArgs;
use crate::context::Ctx;
use crate::render;

/// Runs `tab sessions revoke-others`.
pub async fn run(ctx: &Ctx, args: &RevokeOthersArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    if args.dry_run {
        let mut list = client.sessions().await?;
        list.sessions.retain(|session| !session.current);
        if !args.json {
            ctx.note(&format!(
                "Would sign out {} (dry run: nothing changed)",
                sessions(list.sessions.len() as u64)
            ));
        }
        return super::list::show(
            ctx,
            &SessionList {
                sessions: list.sessions,
            },
            args.json,
            false,
        );
    }
    let revoked = client.revoke_others().await?.revoked;
    if args.json {
        ctx.out(&render::json_text(&json!({ "revoked": revoked })));
    } else {
        ctx.out(&format!(
            "Signed out {} other than this device",
            sessions(revoked)
        ));
    }
    Ok(())
}

/// "1 session", "3 sessions".
pub fn sessions(count: u64) -> String {
    if count == 1 {
        "1 session".into()
    } else {
        format!("{count} sessions")
    }
}

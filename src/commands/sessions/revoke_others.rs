//! `tab sessions revoke-others`: sign out every session but this one.

use serde_json::json;

use crate::cli::RevokeOthersArgs;
use crate::context::Ctx;
use crate::render;

/// Runs `tab sessions revoke-others`.
pub async fn run(ctx: &Ctx, args: &RevokeOthersArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    if args.dry_run {
        let mut list = client.sessions().await?;
        list.sessions.retain(|session| !session.current);
        if !ctx.printer.json() {
            ctx.note(&format!(
                "Would sign out {} (dry run: nothing changed)",
                render::sessions_count(list.sessions.len() as u64)
            ));
        }
        ctx.printer.session_list(&list, false);
        return Ok(());
    }
    let revoked = client.revoke_others().await?.revoked;
    if ctx.printer.json() {
        ctx.printer.out_json(&json!({ "revoked": revoked }));
    } else {
        ctx.out(&format!(
            "Signed out {} other than this device",
            render::sessions_count(revoked)
        ));
    }
    Ok(())
}

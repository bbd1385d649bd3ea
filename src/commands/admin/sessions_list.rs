//! `tab admin sessions list --user EMAIL`: another account's sessions, as
//! `tab sessions list` shows one's own.

use crate::cli::AdminSessionsListArgs;
use crate::context::Ctx;

/// Runs `tab admin sessions list`.
pub async fn run(ctx: &Ctx, args: &AdminSessionsListArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let user = client.admin_user_by_email(&args.user.email).await?;
    let list = client.admin_user_sessions(&user, args.all).await?;
    ctx.printer.session_list(&list, args.wide);
    Ok(())
}

//! `tab admin users`: the firm's accounts, every page, by email.

use crate::cli::AdminUsersArgs;
use crate::context::Ctx;

/// Runs `tab admin users`.
pub async fn run(ctx: &Ctx, args: &AdminUsersArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let mut users = client.admin_all_users(args.role).await?;
    if args.disabled {
        users.retain(|user| user.disabled);
    }
    ctx.printer.user_list(&users);
    Ok(())
}

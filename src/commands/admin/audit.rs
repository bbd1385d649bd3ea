//! `tab admin audit`: every administrator's and the server operator's action, newest
//! first.

use crate::cli::AuditArgs;
use crate::context::Ctx;

/// Runs `tab admin audit`.
pub async fn run(ctx: &Ctx, args: &AuditArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    let list = client.admin_audit(args.limit).await?;
    ctx.printer.audit_list(&list);
    Ok(())
}

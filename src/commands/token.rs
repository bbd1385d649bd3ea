//! `tab token`: this profile's token on standard output, for scripts. It is the only
//! place `tab` prints a token, and only when asked by name.

use crate::context::Ctx;

/// Runs `tab token`.
pub async fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let token = ctx.token().await?;
    ctx.out(token.expose());
    Ok(())
}

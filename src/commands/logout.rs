//! `tab logout`: sign this session out on the server, then forget the token.

use crate::context::Ctx;
use crate::credentials::TokenSource;

/// Runs `tab logout`.
pub async fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let (client, source) = ctx.signed_in_client().await?;
    let outcome = client.sign_out().await;
    if source != TokenSource::Environment {
        ctx.config.forget(&ctx.global.profile).await?;
    }
    match outcome {
        Ok(()) => ctx.note(&format!("Signed out of {}", client.server())),
        // Already revoked or expired: the goal (this device signed out) is met.
        Err(error) if error.means_signed_out() => ctx.note(&format!(
            "This device was already signed out of {}",
            client.server()
        )),
        Err(error) if error.is_server_trouble() => {
            ctx.warn("the local token was forgotten, but the server could not be told; the session stays live there until it expires or is revoked from another device");
            return Err(error.into());
        }
        Err(error) => return Err(error.into()),
    }
    if source == TokenSource::Environment {
        ctx.note("The token came from TAB_TOKEN; unset it");
    }
    Ok(())
}

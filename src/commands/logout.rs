//! `tab logout`: sign this session out on the server, then forget the token. The profile
//! keeps its server (and where its token went), so `tab login` needs neither again.

use serde_json::json;

use crate::cli::LogoutArgs;
use crate::context::Ctx;
use crate::credentials::TokenSource;

/// Runs `tab logout`.
pub async fn run(ctx: &Ctx, _args: &LogoutArgs) -> anyhow::Result<()> {
    let (client, source) = match ctx.signed_in_client().await {
        Ok(signed_in) => signed_in,
        // Nothing to sign out: the goal is met.
        Err(error)
            if error
                .downcast_ref::<crate::error::CliError>()
                .is_some_and(|e| e.means_signed_out()) =>
        {
            let server = ctx.server().map(|s| s.to_string()).ok();
            report(ctx, server.as_deref(), false);
            return Ok(());
        }
        Err(error) => return Err(error),
    };
    let outcome = client.sign_out().await;
    if source != TokenSource::Environment {
        ctx.config.forget_token(&ctx.global.profile).await?;
    }
    let server = client.server().to_string();
    match outcome {
        Ok(()) => report(ctx, Some(&server), true),
        // Already revoked or expired: the goal (this device signed out) is met.
        Err(error) if error.means_signed_out() => report(ctx, Some(&server), false),
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

/// `Signed out of SERVER`, or that this device already was.
fn report(ctx: &Ctx, server: Option<&str>, signed_out_now: bool) {
    if ctx.printer.json() {
        ctx.printer
            .out_json(&json!({"signed_out": signed_out_now, "server": server}));
        return;
    }
    let server = server.map(|s| format!(" of {s}")).unwrap_or_default();
    if signed_out_now {
        ctx.note(&format!("Signed out{server}"));
    } else {
        ctx.note(&format!("This device was already signed out{server}"));
    }
}

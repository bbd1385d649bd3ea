//! `tab logout`: sign this session out on the server, then forget the token. The profile
//! keeps its server (and where its token went), so `tab login` needs neither again.
//!
//! The token is forgotten only once the server has ended the session (or says it had
//! already ended): a logout while the server is down keeps the token, so that the
//! session is not left live with no way to end it from here, and says how to retry.
//! `--local` forgets it without asking the server, for a server that is gone for good.

use crate::cli::LogoutArgs;
use crate::client::ApiClient;
use crate::context::Ctx;
use crate::credentials::TokenSource;
use crate::error::CliError;
use crate::render;

/// Runs `tab logout`.
pub async fn run(ctx: &Ctx, args: &LogoutArgs) -> anyhow::Result<()> {
    let (client, source) = match ctx.signed_in_client().await {
        Ok(signed_in) => signed_in,
        // Nothing to sign out: the goal is met.
        Err(error)
            if error
                .downcast_ref::<CliError>()
                .is_some_and(|e| e.means_signed_out()) =>
        {
            let server = ctx.server().map(|s| s.to_string()).ok();
            report(ctx, server.as_deref(), None, Outcome::AlreadySignedOut);
            return Ok(());
        }
        Err(error) => return Err(error),
    };
    let server = client.server().to_string();
    let session = session_name(&client).await;
    if args.local {
        forget(ctx, source).await?;
        report(
            ctx,
            Some(&server),
            session.as_deref(),
            Outcome::ForgottenOnly,
        );
        return Ok(());
    }
    match client.sign_out().await {
        Ok(()) => report(ctx, Some(&server), session.as_deref(), Outcome::SignedOut),
        // Already revoked or expired: the goal (this device signed out) is met.
        Err(error) if error.means_signed_out() => report(
            ctx,
            Some(&server),
            session.as_deref(),
            Outcome::AlreadySignedOut,
        ),
        Err(error) => {
            ctx.warn(&format!(
                "the token was kept: the server could not be told to end {}",
                session.as_deref().unwrap_or("this session")
            ));
            return Err(error
                .with_hint(
                    "run `tab logout` again once the server answers, or `tab logout --local` if it is gone for good",
                )
                .into());
        }
    }
    forget(ctx, source).await
}

/// Forgets the profile's stored token (a `TAB_TOKEN` is the environment's to unset).
async fn forget(ctx: &Ctx, source: TokenSource) -> anyhow::Result<()> {
    if source == TokenSource::Environment {
        ctx.note("The token came from TAB_TOKEN; unset it");
    } else {
        ctx.config.forget_token(&ctx.global.profile).await?;
    }
    Ok(())
}

/// `session 5f0c9a2e (tab on ana-laptop (Linux))` when the server still answers, else
/// the id the token names.
async fn session_name(client: &ApiClient) -> Option<String> {
    match client.me().await {
        Ok(me) => Some(format!(
            "session {} ({})",
            render::short_id(&me.session.id),
            render::session_name(&me.session)
        )),
        Err(_) => client
            .session_id()
            .map(|id| format!("session {}", render::short_id(&id))),
    }
}

/// What logging out did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    SignedOut,
    AlreadySignedOut,
    ForgottenOnly,
}

/// `Signed out of SERVER (session ...)`, or what else became of it.
fn report(ctx: &Ctx, server: Option<&str>, session: Option<&str>, outcome: Outcome) {
    if ctx.printer.json() {
        ctx.printer.out_json(&crate::outputs::SignedOut {
            signed_out: outcome == Outcome::SignedOut,
            server,
            forgotten_only: outcome == Outcome::ForgottenOnly,
        });
        return;
    }
    let of = server.map(|s| format!(" of {s}")).unwrap_or_default();
    let which = session.map(|s| format!(" ({s})")).unwrap_or_default();
    ctx.note(&match outcome {
        Outcome::SignedOut => format!("Signed out{of}{which}"),
        Outcome::AlreadySignedOut => format!("This device was already signed out{of}{which}"),
        Outcome::ForgottenOnly => format!(
            "Forgot the token on this machine{which}; the session stays live on{} until it expires or is revoked",
            server.map(|s| format!(" {s}")).unwrap_or_else(|| " the server".into())
        ),
    });
}

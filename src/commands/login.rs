//! `tab login`: sign in as a new `cli` session and keep its token.

use crate::cli::LoginArgs;
use crate::context::Ctx;
use crate::credentials::Storage;
use crate::error::CliError;
use crate::prompt;
use crate::sign_in::{SignIn, default_label, keep_sign_in, sign_in_and_keep};

/// Runs `tab login`.
pub async fn run(ctx: &Ctx, args: &LoginArgs) -> anyhow::Result<()> {
    if ctx.env_token.is_some() {
        ctx.warn("TAB_TOKEN is set: commands use it rather than the token this sign-in keeps, until you unset it");
    }
    let server = match ctx.server() {
        Ok(server) => server,
        // `--server` was given and is not acceptable: say why.
        Err(error) if ctx.global.server.is_some() => return Err(error.into()),
        Err(_) if ctx.can_prompt() => prompt::server()?,
        Err(_) => {
            return Err(CliError::usage(
                "no server given",
                Some("run `tab login --server https://YOUR-TAB-SERVER`".into()),
            )
            .into());
        }
    };
    // Where the token will go: the file when asked, or when this profile used it last
    // time; else the credential store, checked now, before anyone types a password for a
    // sign-in that could not be kept.
    let storage = match (
        args.insecure_storage,
        ctx.config.saved_storage(&ctx.global.profile)?,
    ) {
        (true, _) | (false, Some(Storage::File)) => Storage::File,
        (false, _) => Storage::Keyring,
    };
    if storage == Storage::Keyring {
        ctx.config
            .check_keyring(&ctx.global.profile, server.as_str())
            .await?;
    }
    let label = args.label.clone().unwrap_or_else(default_label);
    if args.web || args.device {
        let signed_in = if args.web {
            crate::browser_sign_in::sign_in_with_browser(ctx, &server, &label).await?
        } else {
            crate::browser_sign_in::sign_in_with_device_code(ctx, &server, &label).await?
        };
        let (session, kept) = keep_sign_in(ctx, server.clone(), signed_in, storage, None).await?;
        report(ctx, &server, &session, kept);
        return Ok(());
    }
    let email = match &args.email {
        Some(email) => email.clone(),
        None if ctx.can_prompt() => {
            prompt::email(ctx.config.saved_email(&ctx.global.profile).as_deref())?
        }
        None => {
            return Err(CliError::usage(
                "no terminal to ask for the email and password",
                Some(
                    "pass `--email EMAIL --password-stdin` and the password on standard input"
                        .into(),
                ),
            )
            .into());
        }
    };
    // At a terminal a mistyped password gets two more tries, as sudo and gh give.
    let interactive = !args.password_stdin && ctx.can_prompt();
    let mut tries_left = if interactive { 2 } else { 0 };
    let (session, kept) = loop {
        let password =
            prompt::password_from(args.password_stdin, ctx.can_prompt(), prompt::password)?;
        let sign_in = SignIn {
            email: email.clone(),
            password,
            label: label.clone(),
            storage,
        };
        match sign_in_and_keep(ctx, server.clone(), sign_in).await {
            Err(error)
                if tries_left > 0
                    && matches!(
                        error.downcast_ref::<CliError>(),
                        Some(CliError::WrongCredentials)
                    ) =>
            {
                tries_left -= 1;
                ctx.warn("the email or password is wrong; try again");
            }
            outcome => break outcome?,
        }
    };
    report(ctx, &server, &session, kept);
    Ok(())
}

/// With `--json`, the sign-in as one document.
fn report(
    ctx: &Ctx,
    server: &url::Url,
    session: &tab_api::Session,
    kept: crate::credentials::TokenSource,
) {
    if ctx.printer.json() {
        ctx.printer.out_json(&crate::outputs::SignedIn {
            server: server.as_str(),
            profile: &ctx.global.profile,
            session,
            storage: &kept,
        });
    }
}

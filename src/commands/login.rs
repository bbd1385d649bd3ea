//! `tab login`: sign in as a new `cli` session and keep its token.

use crate::cli::LoginArgs;
use crate::context::Ctx;
use crate::credentials::Storage;
use crate::error::CliError;
use crate::prompt;
use crate::sign_in::{SignIn, default_label, sign_in_and_keep};

/// Runs `tab login`.
pub async fn run(ctx: &Ctx, args: &LoginArgs) -> anyhow::Result<()> {
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
    let email = match &args.email {
        Some(email) => email.clone(),
        None if ctx.can_prompt() => prompt::email()?,
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
    let password = if args.password_stdin {
        prompt::read_password_line()?
    } else if ctx.can_prompt() {
        prompt::password()?
    } else {
        return Err(CliError::usage(
            "no terminal to ask for the password",
            Some("pass `--password-stdin` and the password on standard input".into()),
        )
        .into());
    };
    let label = args.label.clone().unwrap_or_else(default_label);
    let storage = if args.insecure_storage {
        Storage::File
    } else {
        Storage::Keyring
    };
    sign_in_and_keep(
        ctx,
        server,
        SignIn {
            email,
            password,
            label,
            storage,
        },
    )
    .await
}

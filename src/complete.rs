//! Dynamic completion (`source <(COMPLETE=bash tab)`): session ids with their labels,
//! from the live server. It asks with a short timeout and completes nothing, silently,
//! when the server cannot be asked.

use std::time::Duration;

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::cli::GlobalArgs;
use crate::context::Ctx;
use crate::env_vars;
use crate::printer::Printer;
use crate::render::Style;

/// The command line with its dynamic completions attached: `tab sessions revoke` offers
/// the live session ids, and `--user` of `tab admin` the accounts' emails (to an
/// administrator; anyone else gets none). Only the shell's completion request builds it.
pub fn command() -> clap::Command {
    let with_emails = |sub: clap::Command| {
        sub.mut_arg("email", |user| {
            user.add(ArgValueCandidates::new(|| complete_with(user_emails())))
        })
    };
    crate::cli::command()
        .mut_subcommand("sessions", |sessions| {
            sessions.mut_subcommand("revoke", |revoke| {
                revoke.mut_arg("ids", |ids| {
                    ids.add(ArgValueCandidates::new(|| complete_with(session_ids())))
                })
            })
        })
        .mut_subcommand("admin", |admin| {
            admin
                .mut_subcommand("history", with_emails)
                .mut_subcommand("sessions", |sessions| {
                    sessions
                        .mut_subcommand("list", with_emails)
                        .mut_subcommand("revoke", with_emails)
                })
        })
}

/// The candidates `fetch` finds within two seconds, or none.
fn complete_with(
    fetch: impl std::future::Future<Output = Option<Vec<CompletionCandidate>>>,
) -> Vec<CompletionCandidate> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(2), fetch)
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    })
}

/// The signed-in client, as a plain `tab` would find it.
async fn client() -> Option<crate::client::ApiClient> {
    // The command line is not parsed while completing: take the server and profile from
    // the environment and the saved config, as a plain `tab` would.
    let global = GlobalArgs {
        server: std::env::var(env_vars::TAB_SERVER).ok(),
        profile: std::env::var(env_vars::TAB_PROFILE).unwrap_or_else(|_| "default".into()),
        color: crate::cli::ColorWhen::Never,
        timeout: 2.0,
    };
    // Completion prints candidates only: nothing of the printer's reaches the shell.
    let (printer, _, _) = Printer::buffers(Style::plain(), false);
    let ctx = Ctx::from_env(global, printer).ok()?;
    let (client, _) = ctx.signed_in_client().await.ok()?;
    Some(client)
}

/// The live session ids but this device's, with their names.
async fn session_ids() -> Option<Vec<CompletionCandidate>> {
    let sessions = client().await?.sessions().await.ok()?.sessions;
    Some(
        sessions
            .iter()
            .filter(|s| !s.current)
            .map(|s| {
                CompletionCandidate::new(s.id.to_string())
                    .help(Some(crate::render::session_name(s).into()))
            })
            .collect(),
    )
}

/// The accounts' emails with their names, for an administrator (anyone else is refused
/// by the server, and gets none).
async fn user_emails() -> Option<Vec<CompletionCandidate>> {
    let users = client().await?.admin_all_users(None).await.ok()?;
    Some(
        users
            .iter()
            .map(|user| {
                CompletionCandidate::new(user.email.clone()).help(Some(
                    crate::render::terminal_safe(&user.name).into_owned().into(),
                ))
            })
            .collect(),
    )
}

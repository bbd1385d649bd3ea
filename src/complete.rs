//! Dynamic completion (`source <(COMPLETE=bash tab)`): session ids with their labels,
//! from the live server. It asks with a short timeout and completes nothing, silently,
//! when the server cannot be asked.

use std::time::Duration;

use clap_complete::engine::CompletionCandidate;

use crate::cli::GlobalArgs;
use crate::context::Ctx;

/// Candidates for a session id argument.
pub fn session_ids() -> Vec<CompletionCandidate> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(2), fetch())
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    })
}

async fn fetch() -> Option<Vec<CompletionCandidate>> {
    // The command line is not parsed while completing: take the server and profile from
    // the environment and the saved config, as a plain `tab` would.
    let global = GlobalArgs {
        server: std::env::var("TAB_SERVER").ok(),
        profile: std::env::var("TAB_PROFILE").unwrap_or_else(|_| "default".into()),
        color: crate::cli::ColorChoice::Never,
        timeout: 2.0,
    };
    let ctx = Ctx::from_env(global).ok()?;
    let (client, _) = ctx.signed_in_client().await.ok()?;
    let sessions = client.sessions().await.ok()?.sessions;
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

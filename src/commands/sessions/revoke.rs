//! `tab sessions revoke`: sign out sessions by id or unique prefix.

use tab_api::Session;
use uuid::Uuid;

use crate::cli::RevokeArgs;
use crate::context::Ctx;
use crate::error::CliError;
use crate::render;
use crate::session_ids::{self, IdSource};

/// Where `tab sessions revoke` takes its ids from.
fn own_sessions() -> IdSource<'static> {
    IdSource {
        list_command: "tab sessions list",
        not_found: &|text| CliError::NoSuchSession(text.to_string()),
    }
}

/// Runs `tab sessions revoke`.
pub async fn run(ctx: &Ctx, args: &RevokeArgs) -> anyhow::Result<()> {
    // Bad input is refused before anything is sent.
    let (wanted, from_stdin) = session_ids::gather(&args.ids)?;
    for text in &wanted {
        session_ids::check_syntax(text, &own_sessions())?;
    }
    if wanted.is_empty() && from_stdin {
        // Nothing to do is not an error (like `xargs -r`): a clean-up script whose
        // filter matched nothing succeeds.
        report_total(ctx, 0);
        return Ok(());
    }
    let (client, _) = ctx.signed_in_client().await?;
    // Ended sessions too, so that a revoke run again (by the short id `tab` printed)
    // finds its session and reports it already signed out. A server that does not know
    // `include=revoked` answers 400: then only the live ones.
    let listed = match client.sessions_including_ended().await {
        Err(CliError::Usage { .. }) => client.sessions().await?,
        answer => answer?,
    }
    .sessions;
    // Ids as short as they can be while unique among the sessions seen.
    let ids: Vec<String> = listed.iter().map(|s| s.id.to_string()).collect();
    let shown: std::collections::HashMap<String, String> =
        ids.iter().cloned().zip(render::short_ids(&ids)).collect();
    let targets = if wanted.is_empty() {
        if !ctx.can_prompt() || ctx.printer.json() {
            return Err(CliError::usage(
                "no session id given",
                Some("name sessions as in `tab sessions list`, or pass `-` to read ids from standard input".into()),
            )
            .into());
        }
        pick(ctx, &listed)?
    } else {
        session_ids::resolve(&wanted, &listed, &own_sessions())?
    };

    let total = session_ids::revoke_each(ctx, &targets, &shown, async |id| {
        Ok(client.revoke(id).await?.revoked)
    })
    .await?;
    report_total(ctx, total);
    Ok(())
}

/// The count, once, on standard output.
fn report_total(ctx: &Ctx, total: u64) {
    if ctx.printer.json() {
        ctx.printer
            .out_json(&tab_api::RevokeResponse { revoked: total });
    } else {
        ctx.out(&format!("Signed out {}", render::sessions_count(total)));
    }
}

/// Lets a person tick the sessions to sign out.
fn pick(ctx: &Ctx, listed: &[Session]) -> Result<Vec<(Uuid, Option<String>)>, CliError> {
    let now = chrono::Utc::now();
    let others: Vec<&Session> = listed
        .iter()
        .filter(|s| !s.current && !s.has_ended(now))
        .collect();
    if others.is_empty() {
        ctx.note("There are no other sessions to sign out");
        return Ok(Vec::new());
    }
    let dot = ctx.style().dot();
    let items: Vec<String> = others
        .iter()
        .map(|s| {
            format!(
                "{} {} {dot} last seen {} {dot} {}",
                ctx.style().marker(s.kind),
                render::session_name(s),
                render::ago(now, s.last_seen_at).to_lowercase(),
                render::short_id(&s.id)
            )
        })
        .collect();
    let chosen = crate::prompt::pick(
        "Sessions to sign out (space ticks; enter signs out the ticked, or the highlighted one; esc cancels)",
        &items,
    )?;
    Ok(chosen
        .into_iter()
        .map(|i| (others[i].id, Some(render::session_name(others[i]))))
        .collect())
}

//! `tab sessions revoke-others`: sign out every session but this one, or those a rule
//! names (`--kind`, `--idle-for`).

use tab_api::{RevokeOthersRequest, SessionList, features};

use crate::cli::RevokeOthersArgs;
use crate::client::ApiClient;
use crate::context::Ctx;
use crate::error::CliError;
use crate::render;

/// Runs `tab sessions revoke-others`.
pub async fn run(ctx: &Ctx, args: &RevokeOthersArgs) -> anyhow::Result<()> {
    let (client, _) = ctx.signed_in_client().await?;
    if let Some(note) = args.filter.idle_for.and_then(render::idle_beyond_lifetime) {
        ctx.note(&note);
    }
    let filter = args.filter.request();
    if args.dry_run {
        let list = matching(&client, &filter).await?;
        if !ctx.printer.json() {
            ctx.note(&format!(
                "Would sign out {} (dry run: nothing changed)",
                render::sessions_count(list.sessions.len() as u64)
            ));
        }
        ctx.printer.session_list(&list, false);
        return Ok(());
    }
    let revoked = if filter.is_everything()
        || client
            .features()
            .await?
            .iter()
            .any(|f| f == features::REVOKE_OTHERS_FILTER)
    {
        // One statement on the server: the count is exactly what it revoked.
        client.revoke_others(&filter).await?.revoked
    } else {
        // An older server would ignore the filter and sign out everything.
        ctx.note("This server cannot revoke by rule; signing the matching sessions out one by one");
        one_by_one(&client, &filter).await?
    };
    if ctx.printer.json() {
        ctx.printer.out_json(&tab_api::RevokeResponse { revoked });
    } else if filter.is_everything() {
        ctx.out(&format!(
            "Signed out {} other than this device",
            render::sessions_count(revoked)
        ));
    } else {
        ctx.out(&format!(
            "Signed out {} {}",
            render::sessions_count(revoked),
            render::filter_words(&filter)
        ));
    }
    Ok(())
}

/// The caller's other live sessions that fall under the filter now.
async fn matching(
    client: &ApiClient,
    filter: &RevokeOthersRequest,
) -> Result<SessionList, CliError> {
    let mut list = client.sessions().await?;
    let now = chrono::Utc::now();
    list.sessions
        .retain(|session| !session.current && filter.matches(session, now));
    Ok(list)
}

/// Revokes the matching live sessions one at a time; how many this run revoked.
async fn one_by_one(client: &ApiClient, filter: &RevokeOthersRequest) -> Result<u64, CliError> {
    let mut revoked = 0;
    for session in matching(client, filter).await?.sessions {
        match client.revoke(session.id).await {
            Ok(answer) => revoked += answer.revoked,
            // Ended meanwhile by someone else: nothing left to do for it.
            Err(CliError::NoSuchSession(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(revoked)
}

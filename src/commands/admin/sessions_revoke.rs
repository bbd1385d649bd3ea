//! `tab admin sessions revoke --user EMAIL`: sign out sessions of another account, by id
//! or all of them (`--all`, with the filter of `tab sessions revoke-others`).

use std::collections::HashMap;

use tab_api::AdminUser;

use crate::cli::AdminRevokeArgs;
use crate::client::ApiClient;
use crate::context::Ctx;
use crate::error::CliError;
use crate::render;
use crate::session_ids::{self, IdSource};

/// Runs `tab admin sessions revoke`.
pub async fn run(ctx: &Ctx, args: &AdminRevokeArgs) -> anyhow::Result<()> {
    let email = render::terminal_safe(args.user.email.trim()).into_owned();
    let list_command = format!("tab admin sessions list --user {email}");
    let not_found = |text: &str| CliError::NoSuchUserSession {
        email: email.clone(),
        id: render::terminal_safe(text).into_owned(),
    };
    let source = IdSource {
        list_command: &list_command,
        not_found: &not_found,
    };
    // Bad input is refused before anything is sent: a filter names sessions only with
    // --all (ids name them themselves).
    if !args.all && !args.filter.request().is_everything() {
        return Err(CliError::usage(
            "--kind and --idle-for choose among every session, so they need --all",
            Some(format!(
                "run `tab admin sessions revoke --user {email} --all` with them, or name the ids alone"
            )),
        )
        .into());
    }
    let (wanted, from_stdin) = session_ids::gather(&args.ids)?;
    for text in &wanted {
        session_ids::check_syntax(text, &source)?;
    }
    if !args.all && wanted.is_empty() && from_stdin {
        // Nothing to do is not an error: a clean-up script that matched nothing succeeds.
        report_total(ctx, 0, &email);
        return Ok(());
    }
    let (client, _) = ctx.signed_in_client().await?;
    let user = client.admin_user_by_email(&args.user.email).await?;
    if args.all {
        return revoke_all(ctx, &client, &user, args).await;
    }
    let listed = client.admin_user_sessions(&user, true).await?.sessions;
    let targets = session_ids::resolve(&wanted, &listed, &source)?;
    let total = session_ids::revoke_each(ctx, &targets, &HashMap::new(), async |id| {
        Ok(client.admin_revoke_session(&user, id).await?.revoked)
    })
    .await?;
    report_total(ctx, total, &email);
    Ok(())
}

/// `--all`: every live session of the account that the filter names, in one request.
async fn revoke_all(
    ctx: &Ctx,
    client: &ApiClient,
    user: &AdminUser,
    args: &AdminRevokeArgs,
) -> anyhow::Result<()> {
    let email = render::terminal_safe(&user.email).into_owned();
    if let Some(note) = args.filter.idle_for.and_then(render::idle_beyond_lifetime) {
        ctx.note(&note);
    }
    let filter = args.filter.request();
    if args.dry_run {
        let mut list = client.admin_user_sessions(user, false).await?;
        let now = chrono::Utc::now();
        // The administrator's own current session is never signed out this way.
        list.sessions
            .retain(|session| !session.current && filter.matches(session, now));
        if !ctx.printer.json() {
            ctx.note(&format!(
                "Would sign out {} of {email} (dry run: nothing changed)",
                render::sessions_count(list.sessions.len() as u64)
            ));
        }
        ctx.printer.session_list(&list, false);
        return Ok(());
    }
    let revoked = client.admin_revoke_all(user, &filter).await?.revoked;
    if ctx.printer.json() {
        ctx.printer.out_json(&tab_api::RevokeResponse { revoked });
    } else if filter.is_everything() {
        report_total(ctx, revoked, &email);
    } else {
        ctx.out(&format!(
            "Signed out {} of {email} {}",
            render::sessions_count(revoked),
            render::filter_words(&filter)
        ));
    }
    Ok(())
}

/// The count, once, on standard output.
fn report_total(ctx: &Ctx, total: u64, email: &str) {
    if ctx.printer.json() {
        ctx.printer
            .out_json(&tab_api::RevokeResponse { revoked: total });
    } else {
        ctx.out(&format!(
            "Signed out {} of {email}",
            render::sessions_count(total)
        ));
    }
}

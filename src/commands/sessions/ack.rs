//! `tab sessions ack`: "it was me" for new-device sign-ins, by id or all of them.

use crate::cli::AckArgs;
use crate::context::Ctx;
use crate::error::CliError;
use crate::session_ids::{self, IdSource};

/// Runs `tab sessions ack`.
pub async fn run(ctx: &Ctx, args: &AckArgs) -> anyhow::Result<()> {
    let source = IdSource {
        list_command: "tab sessions list",
        not_found: &|text| CliError::NoSuchSession(text.to_string()),
    };
    for text in &args.ids {
        session_ids::check_syntax(text, &source)?;
    }
    let (client, _) = ctx.signed_in_client().await?;
    let mut alerting: Vec<tab_api::Session> = client
        .alerts()
        .await?
        .alerts
        .into_iter()
        .map(|alert| alert.session)
        .collect();
    for session in &mut alerting {
        session.current = false;
    }
    let targets: Vec<uuid::Uuid> = if args.all {
        alerting.iter().map(|session| session.id).collect()
    } else {
        session_ids::resolve(&args.ids, &alerting, &source)?
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    for id in &targets {
        client.ack_alert(*id).await?;
    }
    if ctx.printer.json() {
        ctx.printer.out_json(&crate::outputs::Acknowledged {
            acknowledged: targets.len(),
        });
    } else {
        let count = targets.len();
        ctx.out(&format!(
            "Acknowledged {count} {}",
            if count == 1 { "alert" } else { "alerts" }
        ));
    }
    Ok(())
}

//! `tab sessions rename`: name one of your sessions, this device's included.

use crate::cli::RenameArgs;
use crate::context::Ctx;
use crate::error::CliError;
use crate::render;
use crate::session_ids::{self, IdSource};

/// Runs `tab sessions rename`.
pub async fn run(ctx: &Ctx, args: &RenameArgs) -> anyhow::Result<()> {
    // With --current the one argument is the label.
    let (wanted, label) = if args.current {
        if args.label.is_some() {
            return Err(CliError::usage(
                "--current takes only the new label",
                Some("run `tab sessions rename --current \"Office laptop\"`".into()),
            )
            .into());
        }
        (None, args.id.as_str())
    } else {
        (
            Some(args.id.trim()),
            args.label.as_deref().unwrap_or_default(),
        )
    };
    let label = label.trim();
    let label = (!label.is_empty()).then_some(label);
    let source = IdSource {
        list_command: "tab sessions list",
        not_found: &|text| CliError::NoSuchSession(text.to_string()),
    };
    if let Some(text) = wanted {
        session_ids::check_syntax(text, &source)?;
    }
    let (client, _) = ctx.signed_in_client().await?;
    let id = match wanted {
        None => client.session_id().ok_or_else(|| {
            CliError::usage(
                "this device's token does not say which session it is",
                Some("name the session by its id, as `tab sessions list` shows it".into()),
            )
        })?,
        Some(text) => {
            // This device's own session may be renamed: resolve without refusing it.
            let mut listed = client.sessions().await?.sessions;
            for session in &mut listed {
                session.current = false;
            }
            let targets = session_ids::resolve(&[text.to_string()], &listed, &source)?;
            targets
                .first()
                .map(|(id, _)| *id)
                .ok_or_else(|| CliError::NoSuchSession(text.to_string()))?
        }
    };
    let session = client.rename(id, label).await?;
    if ctx.printer.json() {
        ctx.printer.out_json(&session);
    } else {
        let what = if session.current {
            "this device's session".to_string()
        } else {
            format!("session {}", render::short_id(&session.id))
        };
        match &session.label {
            Some(label) => ctx.out(&format!(
                "Renamed {what} to {}",
                render::terminal_safe(label)
            )),
            None => ctx.out(&format!("Cleared the label of {what}")),
        }
    }
    Ok(())
}

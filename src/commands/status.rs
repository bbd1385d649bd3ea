//! `tab status`: the server, the user, this session and where the token is kept, and
//! with `--all` the same for every profile.
//!
//! What is known locally (profile, server, where the token is, the session it names) is
//! printed first, so that a revoked, expired or unreachable session still shows which
//! sign-in it was; the problem follows as a line of its own, and the exit code is the
//! problem's.

use crate::cli::StatusArgs;
use crate::client::ApiClient;
use crate::context::Ctx;
use crate::error::CliError;
use crate::outputs;
use crate::render;

/// Runs `tab status`.
pub async fn run(ctx: &Ctx, args: &StatusArgs) -> anyhow::Result<()> {
    if args.all {
        return all_profiles(ctx).await;
    }
    let (client, source) = ctx.signed_in_client().await?;
    let me = client.me().await;
    if args.output.json {
        let me = me?;
        ctx.printer.out_json(&outputs::Status {
            server: client.server().as_str(),
            profile: &ctx.global.profile,
            user: &me.user,
            session: &me.session,
            storage: &source,
        });
        return Ok(());
    }
    let mut rows = vec![
        ("Server", client.server().to_string()),
        ("Profile", ctx.global.profile.clone()),
    ];
    match &me {
        Ok(me) => rows.extend(signed_in_rows(me)),
        Err(_) => {
            if let Some(id) = client.session_id() {
                rows.push(("Session", id.to_string()));
            }
        }
    }
    rows.push(("Token", format!("kept in {source}")));
    if let Err(error) = &me {
        rows.push(problem_row(error));
    }
    print_rows(ctx, &rows, "");
    if me.is_ok()
        && let Ok(alerts) = client.alerts().await
    {
        let now = chrono::Utc::now();
        for alert in &alerts.alerts {
            ctx.note(&render::alert_line(alert, now));
        }
    }
    me.map(|_| ()).map_err(Into::into)
}

/// The rows of a session the server still answers for.
fn signed_in_rows(me: &tab_api::MeResponse) -> Vec<(&'static str, String)> {
    let now = chrono::Utc::now();
    let session = &me.session;
    vec![
        (
            "User",
            format!(
                "{} <{}>, {}",
                render::terminal_safe(&me.user.name),
                render::terminal_safe(&me.user.email),
                me.user.role.as_str()
            ),
        ),
        (
            "Session",
            format!("{} ({})", session.id, render::session_name(session)),
        ),
        (
            "Started",
            format!(
                "{}, {}",
                render::ago_inline(now, session.created_at),
                render::expires_in(now, session.expires_at)
            ),
        ),
    ]
}

/// The problem as a row: `Session  signed out (revoked) ...`, `Server  unreachable ...`.
fn problem_row(error: &CliError) -> (&'static str, String) {
    match error {
        CliError::SessionRevoked => (
            "Session",
            "signed out (revoked) on the server: this token no longer works".into(),
        ),
        CliError::SessionRevokedBy(by) => (
            "Session",
            format!(
                "signed out (revoked) by {} on the server: this token no longer works",
                crate::error::ended_by_words(*by)
            ),
        ),
        CliError::SessionExpired => ("Session", "expired on the server".into()),
        CliError::EnvTokenRefused(_) | CliError::TokenRefused => {
            ("Session", "the server does not accept this token".into())
        }
        error if error.is_server_trouble() => ("Server", "unreachable or not answering".into()),
        _ => ("Problem", error.to_string()),
    }
}

fn print_rows(ctx: &Ctx, rows: &[(&str, String)], indent: &str) {
    for (name, value) in rows {
        ctx.out(&format!(
            "{indent}{} {value}",
            ctx.style().heading(&format!("{name:<8}"))
        ));
    }
}

/// `tab status --all`: each profile in turn, its problem (if any) as a row; exit 0,
/// since the report is the point (a profile's trouble is in its rows and its JSON).
async fn all_profiles(ctx: &Ctx) -> anyhow::Result<()> {
    let config = ctx.config.load()?;
    let mut report = Vec::new();
    for (name, saved) in &config.profiles {
        let token = ctx.config.load_token(name, saved).await;
        let source = ctx.config.token_source(name, saved.storage);
        let (me, problem) = match token {
            Ok(Some((token, _))) => match crate::client::parse_server(&saved.server)
                .map_err(anyhow::Error::from)
                .and_then(|server| ApiClient::new(server, ctx.timeout(), Some(token)))
            {
                Ok(client) => match client.me().await {
                    Ok(me) => (Some(me), None),
                    Err(error) => (None, Some(error)),
                },
                Err(error) => (None, Some(CliError::usage(format!("{error:#}"), None))),
            },
            Ok(None) => (
                None,
                Some(CliError::NotSignedIn {
                    profile: name.clone(),
                    server: Some(saved.server.clone()),
                }),
            ),
            Err(error) => (None, Some(error)),
        };
        report.push((name, saved, source, me, problem));
    }
    if ctx.printer.json() {
        let profiles = report
            .iter()
            .map(
                |(name, saved, source, me, problem)| outputs::ProfileStatus {
                    profile: name,
                    server: &saved.server,
                    storage: source,
                    user: me.as_ref().map(|me| &me.user),
                    session: me.as_ref().map(|me| &me.session),
                    problem: problem.as_ref().map(|p| outputs::Problem {
                        code: p.code(),
                        message: p.to_string(),
                    }),
                },
            )
            .collect();
        ctx.printer.out_json(&outputs::Profiles { profiles });
        return Ok(());
    }
    if report.is_empty() {
        ctx.note("No profiles yet: sign in with `tab login`");
    }
    for (i, (name, saved, source, me, problem)) in report.iter().enumerate() {
        if i > 0 {
            ctx.out("");
        }
        let current = if **name == ctx.global.profile {
            " (in use)"
        } else {
            ""
        };
        ctx.out(&ctx.style().heading(&format!("{name}{current}")));
        let mut rows = vec![("Server", saved.server.clone())];
        if let Some(me) = me {
            rows.extend(signed_in_rows(me));
        }
        let kept = match (problem, source) {
            (Some(CliError::NotSignedIn { .. }), _) => "none (signed out)".to_string(),
            (_, source) => format!("kept in {source}"),
        };
        rows.push(("Token", kept));
        if let Some(problem) = problem
            && !matches!(problem, CliError::NotSignedIn { .. })
        {
            rows.push(problem_row(problem));
        }
        print_rows(ctx, &rows, "  ");
    }
    if ctx.env_token.is_some() {
        ctx.note("TAB_TOKEN is set: commands use it rather than any profile's token");
    }
    Ok(())
}

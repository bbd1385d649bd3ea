//! `tab server check`: what `tab server serve` would start with, checked without
//! starting it (for use before a restart): the options, the addresses, the database, its
//! file modes and migrations, and where the signing key comes from.

use crate::cli::CheckArgs;
use crate::error::CliError;
use crate::printer::Printer;

use super::Settings;

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
enum Verdict {
    Ok,
    /// It would start, but an operator should know.
    Warning,
    /// `tab server serve` would refuse to start, or misbehave.
    Problem,
}

#[derive(Debug, serde::Serialize)]
struct Check {
    check: &'static str,
    verdict: Verdict,
    detail: String,
}

fn check(name: &'static str, verdict: Verdict, detail: impl Into<String>) -> Check {
    Check {
        check: name,
        verdict,
        detail: detail.into(),
    }
}

/// Runs `tab server check`.
pub(super) async fn run(args: &CheckArgs, printer: &Printer) -> anyhow::Result<()> {
    let checks = checks(args).await;
    let problems = checks
        .iter()
        .filter(|c| c.verdict == Verdict::Problem)
        .count();
    if printer.json() {
        printer.out_json(&serde_json::json!({"ok": problems == 0, "checks": checks}));
    } else {
        let lines: Vec<String> = checks
            .iter()
            .map(|c| {
                let word = match c.verdict {
                    Verdict::Ok => "ok",
                    Verdict::Warning => "warning",
                    Verdict::Problem => "problem",
                };
                format!(
                    "{word:<8} {}: {}",
                    c.check,
                    crate::render::terminal_safe(&c.detail)
                )
            })
            .collect();
        printer.out(&lines.join("\n"));
    }
    match problems {
        0 => {
            if !printer.json() {
                printer.note("tab server serve can start with this");
            }
            Ok(())
        }
        n => Err(CliError::Reported {
            summary: format!(
                "{n} {} found: tab server serve would not start as it should",
                if n == 1 { "problem" } else { "problems" }
            ),
            error: Box::new(CliError::CheckFailed(format!("{n} problems"))),
        }
        .into()),
    }
}

async fn checks(args: &CheckArgs) -> Vec<Check> {
    let serve = &args.serve;
    let mut checks = Vec::new();
    let settings = match Settings::from_args(serve) {
        Ok(settings) => {
            checks.push(check("options", Verdict::Ok, describe_options(&settings)));
            settings
        }
        Err(e) => {
            checks.push(check("options", Verdict::Problem, format!("{e:#}")));
            return checks;
        }
    };
    checks.push(address_check("listen", &serve.listen).await);
    if let Some(metrics) = &serve.metrics_listen {
        let mut found = address_check("metrics listen", metrics).await;
        if metrics == &serve.listen {
            found = check(
                "metrics listen",
                Verdict::Problem,
                "the metrics listener must not be the public one (--listen)",
            );
        }
        checks.push(found);
    }
    if let Some(file) = tab_server::store::sqlite_file(&settings.database_url) {
        checks.push(file_modes(&file));
    }
    let store = match tab_server::Store::open_existing(&settings.database_url).await {
        Ok(store) => store,
        Err(e) => {
            checks.push(check("database", Verdict::Problem, format!("{e:#}")));
            return checks;
        }
    };
    match store.ping().await {
        Ok(()) => checks.push(check(
            "database",
            Verdict::Ok,
            format!("{} answers", store.location()),
        )),
        Err(e) => {
            checks.push(check(
                "database",
                Verdict::Problem,
                format!("{} does not answer: {}", store.location(), e.describe()),
            ));
            return checks;
        }
    }
    checks.push(match store.schema_state().await {
        Ok(tab_server::store::SchemaState::Current) => {
            check("migrations", Verdict::Ok, "every migration this server knows is applied")
        }
        Ok(tab_server::store::SchemaState::Behind(applied, known)) => check(
            "migrations",
            Verdict::Warning,
            format!("the database is at version {applied}; tab server serve applies the migrations up to {known} at start"),
        ),
        Ok(tab_server::store::SchemaState::Ahead(applied, known)) => check(
            "migrations",
            Verdict::Problem,
            format!("a newer server migrated the database to version {applied}; this one knows {known}: run the newer tab"),
        ),
        Err(e) => check(
            "migrations",
            Verdict::Problem,
            format!("cannot read them: {}", e.describe()),
        ),
    });
    checks.push(signing_key(&settings, &store).await);
    checks
}

fn describe_options(settings: &Settings) -> String {
    let mut parts = vec![settings.database_url_words()];
    if let Some(url) = &settings.public_url {
        parts.push(format!("public URL {url}"));
    }
    if let Some(mail) = &settings.mail {
        parts.push(format!("alert mail through {}", mail.described()));
    }
    if let Some(retention) = &settings.retention {
        parts.push(format!(
            "retention {} days (audit {} days)",
            retention.sessions.as_secs() / 86_400,
            retention.audit.as_secs() / 86_400
        ));
    }
    parts.join("; ")
}

async fn address_check(name: &'static str, address: &str) -> Check {
    let resolved = tokio::net::lookup_host(address)
        .await
        .map(|found| found.count())
        .unwrap_or(0);
    if resolved > 0 {
        check(name, Verdict::Ok, address.to_string())
    } else {
        check(
            name,
            Verdict::Problem,
            format!("{address:?} is not an address to listen on, such as 127.0.0.1:7878"),
        )
    }
}

/// The database file's modes, by the rule `serve` refuses to start on (the `-wal` and
/// `-shm` files included).
fn file_modes(file: &std::path::Path) -> Check {
    if !file.exists() {
        return check(
            "file modes",
            Verdict::Warning,
            format!(
                "{} does not exist yet: tab server serve creates it 0600",
                file.display()
            ),
        );
    }
    match tab_server::store::refuse_shared(file) {
        Ok(()) => check(
            "file modes",
            Verdict::Ok,
            format!("{} is {}", file.display(), mode_of(file)),
        ),
        Err(e) => check("file modes", Verdict::Problem, format!("{e:#}")),
    }
}

#[cfg(unix)]
fn mode_of(file: &std::path::Path) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(file)
        .map(|m| format!("{:04o}", m.permissions().mode() & 0o777))
        .unwrap_or_else(|_| "unreadable".into())
}

#[cfg(not(unix))]
fn mode_of(_file: &std::path::Path) -> String {
    "not checked on this system".into()
}

async fn signing_key(settings: &Settings, store: &tab_server::Store) -> Check {
    if let Some(secret) = &settings.secret {
        return if secret.len() >= tab_server::MIN_SECRET_BYTES {
            check(
                "signing key",
                Verdict::Ok,
                format!("from TAB_JWT_SECRET ({} bytes)", secret.len()),
            )
        } else {
            check(
                "signing key",
                Verdict::Problem,
                format!(
                    "TAB_JWT_SECRET is {} bytes; it must be at least {}",
                    secret.len(),
                    tab_server::MIN_SECRET_BYTES
                ),
            )
        };
    }
    let kept = store
        .has_secret(tab_server::SIGNING_KEY_NAME)
        .await
        .unwrap_or(false);
    match (store.backend(), kept) {
        (tab_server::Backend::Postgres, _) => check(
            "signing key",
            Verdict::Warning,
            "kept in the PostgreSQL database, where anyone who can read it can sign tokens: set TAB_JWT_SECRET (the same in every server process)",
        ),
        (tab_server::Backend::Sqlite, true) => check(
            "signing key",
            Verdict::Ok,
            "generated once and kept in the database (TAB_JWT_SECRET is not set)",
        ),
        (tab_server::Backend::Sqlite, false) => check(
            "signing key",
            Verdict::Ok,
            "none yet: tab server serve generates one at first start and keeps it in the database",
        ),
    }
}

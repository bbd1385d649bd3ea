//! `tab admin offboard`: for each leaver, disable the account and sign out every session
//! of it (one request, one transaction on the server, on the record), going on past an
//! email no account has. Run twice, the second run finds nothing left to do.

use std::io::BufRead;

use serde::Serialize;
use tab_api::MAX_EMAIL_BYTES;

use crate::cli::OffboardArgs;
use crate::context::Ctx;
use crate::error::CliError;
use crate::render;

/// The most emails one run takes: far above any firm's leavers, small enough that a
/// wrong file (a log, a binary) is refused rather than read for ever.
const MAX_EMAILS: usize = 100_000;

/// What became of one email, as `--json` reports it.
#[derive(Debug, Serialize)]
struct Outcome {
    email: String,
    /// Sessions signed out (with --dry-run: live now, that would be).
    revoked: u64,
    /// Whether the account is disabled now (with --dry-run: already).
    disabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<OutcomeError>,
}

#[derive(Debug, Serialize)]
struct OutcomeError {
    code: &'static str,
    message: String,
}

/// The `--json` document.
#[derive(Debug, Serialize)]
struct Report {
    revoked: u64,
    users: Vec<Outcome>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dry_run: bool,
}

/// Runs `tab admin offboard`.
pub async fn run(ctx: &Ctx, args: &OffboardArgs) -> anyhow::Result<()> {
    // Every line is checked before anything is changed.
    let emails = match &args.users_from {
        Some(path) => read_list(path)?,
        None => checked(args.emails.iter().map(String::as_str).enumerate(), &|n| {
            format!("argument {n}")
        })?,
    };
    let mut report = Report {
        revoked: 0,
        users: Vec::new(),
        dry_run: args.dry_run,
    };
    let mut first_failure: Option<CliError> = None;
    let mut skipped = 0;
    if !emails.is_empty() {
        let (client, _) = ctx.signed_in_client().await?;
        for email in &emails {
            let shown = render::terminal_safe(email).into_owned();
            let done = async {
                let user = client.admin_user_by_email(email).await?;
                if args.dry_run {
                    return Ok::<_, CliError>((user.live_sessions, user.disabled, user.disabled));
                }
                let revoked = client.admin_disable(&user).await?.revoked;
                Ok((revoked, true, user.disabled))
            }
            .await;
            match done {
                Ok((revoked, disabled, already)) => {
                    report.revoked += revoked;
                    if !ctx.printer.json() {
                        ctx.out(&user_line(&shown, revoked, already, args.dry_run));
                    }
                    report.users.push(Outcome {
                        email: email.clone(),
                        revoked,
                        disabled,
                        error: None,
                    });
                }
                // An unknown email, or a refusal (the administrator's own account, the
                // last administrator): said, and the others go on.
                Err(error @ (CliError::UnknownUser(_) | CliError::Refused(_))) => {
                    ctx.warn(&format!("{error}; skipped"));
                    report.users.push(Outcome {
                        email: email.clone(),
                        revoked: 0,
                        disabled: false,
                        error: Some(OutcomeError {
                            code: error.code(),
                            message: error.to_string(),
                        }),
                    });
                    skipped += 1;
                    first_failure.get_or_insert(error);
                }
                // Anything else (not an administrator, the server gone) stops the run;
                // what was done so far is said first.
                Err(error) => {
                    let people = report.users.iter().filter(|u| u.error.is_none()).count();
                    if people > 0 && !args.dry_run {
                        ctx.warn(&format!(
                            "{} offboarded before this failure ({} signed out)",
                            people_count(people),
                            render::sessions_count(report.revoked)
                        ));
                    }
                    return Err(error.into());
                }
            }
        }
    }
    let people = report.users.iter().filter(|u| u.error.is_none()).count();
    if ctx.printer.json() {
        ctx.printer.out_json(&report);
    } else if emails.is_empty() {
        ctx.out("No one to offboard: the list is empty");
    } else if args.dry_run {
        ctx.out(&format!(
            "Would offboard {}: {} would be signed out (dry run: nothing changed)",
            people_count(people),
            render::sessions_count(report.revoked)
        ));
    } else {
        ctx.out(&format!(
            "Offboarded {}: {} signed out",
            people_count(people),
            render::sessions_count(report.revoked)
        ));
    }
    match first_failure {
        // The JSON document above already carries each failure.
        Some(error) => Err(CliError::Reported {
            summary: format!(
                "{} of {} skipped, the first because {}",
                skipped,
                emails_count(emails.len()),
                error
            ),
            error: Box::new(error),
        }
        .into()),
        None => Ok(()),
    }
}

/// `Offboarded ana@example.com: 4 sessions signed out`.
fn user_line(email: &str, revoked: u64, already_disabled: bool, dry_run: bool) -> String {
    let already = if already_disabled {
        " (disabled already)"
    } else {
        ""
    };
    if dry_run {
        format!(
            "Would offboard {email}: {} live{already}",
            render::sessions_count(revoked)
        )
    } else {
        format!(
            "Offboarded {email}: {} signed out{already}",
            render::sessions_count(revoked)
        )
    }
}

/// `1 email`, `3 emails`.
fn emails_count(count: usize) -> String {
    if count == 1 {
        "1 email".to_string()
    } else {
        format!("{count} emails")
    }
}

/// `1 person`, `3 people`.
fn people_count(count: usize) -> String {
    if count == 1 {
        "1 person".to_string()
    } else {
        format!("{count} people")
    }
}

/// The emails of a file (or standard input for `-`), one a line.
fn read_list(path: &std::path::Path) -> Result<Vec<String>, CliError> {
    let name = if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        render::terminal_safe(&path.display().to_string()).into_owned()
    };
    let cannot = |e: std::io::Error| CliError::Io(format!("cannot read {name}: {e}"));
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        crate::prompt::standard_input()
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(path).map_err(cannot)?,
        ))
    };
    let mut lines = Vec::new();
    // A line is at most an email and a comment: a longer one is not an email list.
    for line in reader.split(b'\n') {
        let line = line.map_err(cannot)?;
        if lines.len() >= MAX_EMAILS {
            return Err(CliError::usage(
                format!("{name} has more than {MAX_EMAILS} lines"),
                Some("split the list into several runs".into()),
            ));
        }
        lines.push(String::from_utf8_lossy(&line).into_owned());
    }
    checked(lines.iter().map(String::as_str).enumerate(), &|n| {
        format!("line {n} of {name}")
    })
}

/// The emails among `lines`: each trimmed, blank lines and `#` comments skipped,
/// duplicates (in any letter case) once. A line that cannot be an email is refused,
/// naming it, before anything is sent.
fn checked<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    what: &dyn Fn(usize) -> String,
) -> Result<Vec<String>, CliError> {
    let mut emails: Vec<String> = Vec::new();
    for (index, line) in lines {
        let text = strip_comment(line).trim();
        if text.is_empty() {
            continue;
        }
        let looks_like_email = text.len() <= MAX_EMAIL_BYTES
            && text.contains('@')
            && !text
                .chars()
                .any(|c| c.is_whitespace() || tab_api::is_unsafe_char(c));
        if !looks_like_email {
            let shown: String = text.chars().take(80).collect();
            return Err(CliError::usage(
                format!(
                    "{} is not an email: '{}'",
                    what(index + 1),
                    render::terminal_safe(&shown)
                ),
                Some(
                    "give one email a line; blank lines and lines starting with # are skipped"
                        .into(),
                ),
            ));
        }
        if !emails.iter().any(|seen| seen.eq_ignore_ascii_case(text)) {
            emails.push(text.to_string());
        }
    }
    Ok(emails)
}

/// The line without a `#` comment (at its start, or after a space).
fn strip_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return &line[..at];
        }
        previous = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::{checked, strip_comment};

    #[test]
    fn comments_blank_lines_and_duplicates_are_skipped() {
        let lines = [
            "# leavers, November",
            "",
            "  ana@example.com  ",
            "bo#b@example.com # left on Friday",
            "ANA@example.com",
            "\r",
        ];
        let emails = checked(lines.into_iter().enumerate(), &|n| format!("line {n}")).unwrap();
        assert_eq!(emails, ["ana@example.com", "bo#b@example.com"]);
        assert_eq!(strip_comment("# all"), "");
    }

    #[test]
    fn a_line_that_is_not_an_email_is_refused_by_number() {
        let lines = ["ana@example.com", "email,name"];
        let error = checked(lines.into_iter().enumerate(), &|n| {
            format!("line {n} of hr.txt")
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 2 of hr.txt is not an email: 'email,name'"
        );
        let long = format!("{}@example.com", "a".repeat(300));
        assert!(checked([(0, long.as_str())].into_iter(), &|n| n.to_string()).is_err());
        assert!(checked([(0, "a\u{1b}[2J@x")].into_iter(), &|n| n.to_string()).is_err());
    }
}

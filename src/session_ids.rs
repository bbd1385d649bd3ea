//! Session ids as people type them: whole, or a unique prefix of at least
//! [`MIN_PREFIX`] hex digits, from the arguments or (for `-`) standard input. Shared by
//! `tab sessions revoke` and `tab admin sessions revoke`.

use std::io::BufRead as _;

use tab_api::Session;
use uuid::Uuid;

use crate::context::Ctx;
use crate::error::CliError;
use crate::render;

/// Shortest id prefix accepted.
pub const MIN_PREFIX: usize = 4;

/// Where the ids come from, for the messages: the command that lists them, and what a
/// prefix that matches nothing means.
pub struct IdSource<'a> {
    /// `tab sessions list`, or `tab admin sessions list --user EMAIL`.
    pub list_command: &'a str,
    /// The error for an id or prefix no listed session has.
    pub not_found: &'a dyn Fn(&str) -> CliError,
}

/// The ids from the arguments, with `-` replaced by the lines of standard input (blank
/// ones skipped); and whether standard input was read.
pub fn gather(args: &[String]) -> Result<(Vec<String>, bool), CliError> {
    let mut ids = Vec::new();
    let mut from_stdin = false;
    for arg in args {
        if arg == "-" {
            from_stdin = true;
            for line in crate::prompt::standard_input().lines() {
                let line = line.map_err(|e| {
                    CliError::Io(format!("cannot read ids from standard input: {e}"))
                })?;
                let line = line.trim();
                if !line.is_empty() {
                    ids.push(line.to_string());
                }
            }
        } else {
            ids.push(arg.trim().to_string());
        }
    }
    Ok((ids, from_stdin))
}

/// What a person typed for a session: its whole id, or a prefix of one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TypedId {
    /// A whole id, in any case.
    Whole(Uuid),
    /// At least [`MIN_PREFIX`] hex digits (hyphens allowed), lowercased.
    Prefix(String),
}

/// The one reading of a typed id: a whole id, a prefix, or neither.
fn parse_typed(text: &str) -> Option<TypedId> {
    let needle = text.to_ascii_lowercase();
    if let Ok(id) = Uuid::parse_str(&needle) {
        return Some(TypedId::Whole(id));
    }
    let is_prefix =
        needle.len() >= MIN_PREFIX && needle.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    is_prefix.then_some(TypedId::Prefix(needle))
}

/// A full id, or a prefix of at least [`MIN_PREFIX`] hex digits (hyphens allowed).
pub fn check_syntax(text: &str, source: &IdSource<'_>) -> Result<(), CliError> {
    parse_typed(text)
        .map(|_| ())
        .ok_or_else(|| not_an_id(text, source))
}

fn not_an_id(text: &str, source: &IdSource<'_>) -> CliError {
    CliError::usage(
        format!(
            "'{}' is not a session id or a prefix of at least {MIN_PREFIX} characters",
            render::terminal_safe(text)
        ),
        Some(format!("copy an id from `{}`", source.list_command)),
    )
}

/// Resolves each id or prefix against the listed sessions, refusing this device's own
/// session before anything is sent. Duplicates are dropped. Each target comes with its
/// name when it was listed.
pub fn resolve(
    wanted: &[String],
    listed: &[Session],
    source: &IdSource<'_>,
) -> Result<Vec<(Uuid, Option<String>)>, CliError> {
    let mut targets: Vec<(Uuid, Option<String>)> = Vec::new();
    for text in wanted {
        let (id, session) = match parse_typed(text) {
            None => return Err(not_an_id(text, source)),
            Some(TypedId::Whole(id)) => (id, listed.iter().find(|s| s.id == id)),
            Some(TypedId::Prefix(needle)) => {
                let matches: Vec<&Session> = listed
                    .iter()
                    .filter(|s| s.id.to_string().starts_with(&needle))
                    .collect();
                match matches.as_slice() {
                    [] => return Err((source.not_found)(text)),
                    [one] => (one.id, Some(*one)),
                    many => {
                        let ids: Vec<String> = many.iter().map(|s| s.id.to_string()).collect();
                        let candidates: Vec<String> = render::short_ids(&ids)
                            .into_iter()
                            .zip(many)
                            .map(|(short, s)| format!("{short} ({})", render::session_name(s)))
                            .collect();
                        return Err(CliError::usage(
                            format!(
                                "'{text}' matches {} sessions: {}",
                                many.len(),
                                candidates.join(", ")
                            ),
                            Some("give more characters of the id".into()),
                        ));
                    }
                }
            }
        };
        if session.is_some_and(|s| s.current) {
            return Err(CliError::CurrentSession(text.clone()));
        }
        if !targets.iter().any(|(seen, _)| *seen == id) {
            targets.push((id, session.map(render::session_name)));
        }
    }
    Ok(targets)
}

/// Signs out each target with `revoke` (which answers how many it signed out: 1, or 0 for
/// one ended already), noting each by its short id (`shown`, else the first 8
/// characters) and name; the total. On a failure, what was already signed out is said
/// first: a script retrying must know.
pub async fn revoke_each(
    ctx: &Ctx,
    targets: &[(Uuid, Option<String>)],
    shown: &std::collections::HashMap<String, String>,
    revoke: impl AsyncFn(Uuid) -> Result<u64, CliError>,
) -> Result<u64, CliError> {
    let mut total = 0;
    for (id, name) in targets {
        let revoked = match revoke(*id).await {
            Ok(revoked) => revoked,
            Err(error) => {
                if total > 0 {
                    ctx.warn(&format!(
                        "{} signed out before this failure",
                        render::sessions_count(total)
                    ));
                }
                return Err(error);
            }
        };
        total += revoked;
        let short = shown
            .get(&id.to_string())
            .cloned()
            .unwrap_or_else(|| render::short_id(id));
        let name = name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        if revoked == 0 {
            ctx.note(&format!("{short}{name} was already signed out"));
        } else if !ctx.printer.json() {
            ctx.note(&format!("Signed out {short}{name}"));
        }
    }
    Ok(total)
}

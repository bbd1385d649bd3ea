//! Everything that decides how output looks: the colour and glyph decision (made once),
//! the sessions table, the web card's relative times, short ids, and the `error:`/`hint:`
//! lines. Commands hand plain data here and never format for the terminal themselves.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style as Ansi};
use chrono::{DateTime, Utc};
use comfy_table::{Cell, CellAlignment, ColumnConstraint, Table, Width, presets};
use tab_api::{Session, SessionKind};

use crate::cli::ColorChoice;

/// How output is drawn, decided once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colour on standard output.
    pub color_stdout: bool,
    /// Colour on standard error.
    pub color_stderr: bool,
    /// Emoji markers for session kinds (else plain text).
    pub glyphs: bool,
}

impl Style {
    /// `--color`, then `NO_COLOR`, then whether each stream is a terminal. Glyphs need a
    /// terminal with a UTF-8 locale that is not the Linux console.
    pub fn detect(choice: ColorChoice) -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Style {
            color_stdout: decide(stdout_tty),
            color_stderr: decide(stderr_tty),
            glyphs: stdout_tty && utf8_locale() && !dumb_terminal(),
        }
    }

    /// No colour, no glyphs.
    pub fn plain() -> Self {
        Style {
            color_stdout: false,
            color_stderr: false,
            glyphs: false,
        }
    }

    /// `error: message`, for standard error.
    pub fn error_line(&self, message: &str) -> String {
        let style = Ansi::new().bold().fg_color(Some(AnsiColor::Red.into()));
        format!("{}: {message}", paint(self.color_stderr, style, "error"))
    }

    /// `hint: message`, for standard error.
    pub fn hint_line(&self, message: &str) -> String {
        let style = Ansi::new().bold().fg_color(Some(AnsiColor::Cyan.into()));
        format!("{}: {message}", paint(self.color_stderr, style, "hint"))
    }

    /// `warning: message`, for standard error.
    pub fn warning_line(&self, message: &str) -> String {
        let style = Ansi::new().bold().fg_color(Some(AnsiColor::Yellow.into()));
        format!("{}: {message}", paint(self.color_stderr, style, "warning"))
    }

    /// A heading for standard output (bold when colour is on).
    pub fn heading(&self, text: &str) -> String {
        paint(self.color_stdout, Ansi::new().bold(), text)
    }

    /// The marker of a session kind: a globe, a laptop or a keyboard, or plain words.
    pub fn marker(&self, kind: SessionKind) -> &'static str {
        match (self.glyphs, kind) {
            (true, SessionKind::Web) => "🌐",
            (true, SessionKind::Desktop) => "💻",
            (true, SessionKind::Cli) => "⌨",
            (false, SessionKind::Web) => "[web]",
            (false, SessionKind::Desktop) => "[desktop]",
            (false, SessionKind::Cli) => "[cli]",
        }
    }
}

fn paint(enabled: bool, style: Ansi, text: &str) -> String {
    if enabled {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

fn dumb_terminal() -> bool {
    matches!(std::env::var("TERM").as_deref(), Ok("dumb") | Ok("linux"))
}

/// The web card's relative time: `Just now` (under a minute), `N min ago` (under an
/// hour), `N hr ago` (under a day), `1 day ago`, `N days ago`. A time in the future
/// (clock skew) reads `Just now`.
pub fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => "Just now".to_string(),
        60..3_600 => format!("{} min ago", secs / 60),
        3_600..86_400 => format!("{} hr ago", secs / 3_600),
        86_400..172_800 => "1 day ago".to_string(),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// A relative time inside a sentence ("started just now").
fn ago_inline(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let text = ago(now, then);
    if text == "Just now" {
        "just now".to_string()
    } else {
        text
    }
}

/// `in 6 days`, for the expiry in `tab status` (chrono-humanize's wording).
pub fn expires_in(now: DateTime<Utc>, expires: DateTime<Utc>) -> String {
    use chrono_humanize::{Accuracy, HumanTime, Tense};
    if expires <= now {
        return "expired".to_string();
    }
    format!(
        "expires {}",
        HumanTime::from(expires - now).to_text_en(Accuracy::Rough, Tense::Future)
    )
}

/// Each id shortened to its first 8 characters, or more where two share them, as git
/// abbreviates hashes.
pub fn short_ids(ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let shared = ids
                .iter()
                .filter(|other| *other != id)
                .map(|other| {
                    id.chars()
                        .zip(other.chars())
                        .take_while(|(a, b)| a == b)
                        .count()
                })
                .max()
                .unwrap_or(0);
            let len = (shared + 1).max(8).min(id.len());
            id[..len].to_string()
        })
        .collect()
}

/// What a session is called: its label, or its kind when it has none.
pub fn session_name(session: &Session) -> String {
    session
        .label
        .clone()
        .unwrap_or_else(|| session.kind.to_string())
}

/// The sessions table, one row a session in the order given.
pub fn sessions_table(
    sessions: &[Session],
    now: DateTime<Utc>,
    wide: bool,
    style: &Style,
) -> String {
    // comfy-table only lays out; colour is painted here, from the one decision in
    // `Style` (comfy-table's own styling would second-guess it from NO_COLOR).
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    let bold = Ansi::new().bold();
    let mut header = vec!["", "DEVICE", "", "ACTIVITY", "ID"];
    if wide {
        header.push("EXPIRES");
    }
    table.set_header(
        header
            .into_iter()
            .map(|h| Cell::new(paint(style.color_stdout, bold, h))),
    );
    let green = bold.fg_color(Some(AnsiColor::Green.into()));
    let this_device = paint(style.color_stdout, green, "This device");
    let ids: Vec<String> = sessions.iter().map(|s| s.id.to_string()).collect();
    let shown_ids = if wide { ids.clone() } else { short_ids(&ids) };
    for (session, id) in sessions.iter().zip(shown_ids) {
        let tag = Cell::new(if session.current {
            this_device.as_str()
        } else {
            ""
        });
        let activity = format!(
            "Last seen {} · started {}",
            ago_inline(now, session.last_seen_at),
            ago_inline(now, session.created_at)
        );
        let mut row = vec![
            Cell::new(style.marker(session.kind)),
            Cell::new(session_name(session)),
            tag,
            Cell::new(activity),
            Cell::new(id).set_alignment(CellAlignment::Left),
        ];
        if wide {
            row.push(Cell::new(session.expires_at.format("%Y-%m-%d %H:%M UTC")));
        }
        table.add_row(row);
    }
    // No border, no leading space: two spaces between columns, as `gh` and `jj` print.
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    // The label is free text from the server: keep a very long one from pushing the rest
    // of the row off the screen.
    if let Some(column) = table.column_mut(1) {
        column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(40)));
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn ago_secs(secs: i64) -> String {
        let now = Utc::now();
        ago(now, now - TimeDelta::seconds(secs))
    }

    #[test]
    fn relative_time_boundaries_match_the_web_card() {
        assert_eq!(ago_secs(0), "Just now");
        assert_eq!(ago_secs(59), "Just now");
        assert_eq!(ago_secs(60), "1 min ago");
        assert_eq!(ago_secs(59 * 60), "59 min ago");
        assert_eq!(ago_secs(60 * 60), "1 hr ago");
        assert_eq!(ago_secs(23 * 3600), "23 hr ago");
        assert_eq!(ago_secs(24 * 3600), "1 day ago");
        assert_eq!(ago_secs(47 * 3600), "1 day ago");
        assert_eq!(ago_secs(48 * 3600), "2 days ago");
        assert_eq!(ago_secs(6 * 86_400 + 3600), "6 days ago");
        assert_eq!(ago_secs(-30), "Just now");
    }

    #[test]
    fn short_ids_grow_only_where_prefixes_collide() {
        let ids = vec![
            "5f0c9a2e-3b7d-4c1a-9e55-1f0b8f6a2d41".to_string(),
            "5f0c9a2e-9999-4c1a-9e55-1f0b8f6a2d41".to_string(),
            "a1b2c3d4-0000-4000-8000-000000000000".to_string(),
        ];
        assert_eq!(
            short_ids(&ids),
            vec!["5f0c9a2e-3", "5f0c9a2e-9", "a1b2c3d4"]
        );
    }

    #[test]
    fn expiry_reads_in_words() {
        let now = Utc::now();
        assert_eq!(
            expires_in(now, now + TimeDelta::days(6)),
            "expires in 6 days"
        );
        assert_eq!(expires_in(now, now - TimeDelta::days(1)), "expired");
    }
}

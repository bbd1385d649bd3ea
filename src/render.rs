//! Everything that decides how output looks: the colour and glyph decision (made once),
//! the sessions table, the web card's relative times, short ids, and the `error:`/`hint:`
//! lines. Commands hand plain data here and never format for the terminal themselves.

use std::borrow::Cow;
use std::io::IsTerminal;

use anstyle::{AnsiColor, Style as Ansi};
use chrono::{DateTime, Utc};
use comfy_table::{Cell, CellAlignment, Table, presets};
use tab_api::{Session, SessionKind};

use clap::ValueEnum;

/// When to colour the output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

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
        let no_color = std::env::var_os(crate::env_vars::NO_COLOR).is_some_and(|v| !v.is_empty());
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

/// Text that came from a server, made safe to show in a terminal. Every control, format
/// and separator character ([`tab_api::is_unsafe_char`]: escape sequences, bidi
/// overrides, zero-width characters, newlines) is shown as a visible escape such as
/// `\u{1b}` or `\n`, so that nothing a server sends can clear the screen, write the
/// clipboard, reorder what is read or draw a line of its own. Every server-provided
/// string passes through here before it is printed; `--json` output does not (serde
/// escapes it, and scripts get the server's data byte for byte).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(tab_api::is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if tab_api::is_unsafe_char(c) {
            safe.extend(c.escape_default());
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

/// A server-supplied sentence (an error message) made safe to print, and cut to at most
/// [`MAX_SENTENCE_CHARS`] characters.
pub fn server_sentence(text: &str) -> String {
    cut(terminal_safe(text.trim()).as_ref(), MAX_SENTENCE_CHARS)
}

/// The longest server sentence printed, in characters.
const MAX_SENTENCE_CHARS: usize = 200;

/// `text` cut to at most `max` characters, an ellipsis marking the cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// `text` cut to at most `columns` terminal columns, an ellipsis marking the cut.
fn cut_to_width(text: &str, columns: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    if unicode_width::UnicodeWidthStr::width(text) <= columns {
        return text.to_string();
    }
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        let width = c.width().unwrap_or(0);
        if used + width > columns.saturating_sub(1) {
            break;
        }
        used += width;
        kept.push(c);
    }
    kept.push('…');
    kept
}

/// `value` as one line of JSON, with every character of [`tab_api::is_unsafe_char`]
/// written as a `\uXXXX` escape: the same data once parsed (scripts get the server's
/// strings exactly), and nothing in it can drive a terminal it is shown on.
pub fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, TerminalSafeJson);
    if value.serialize(&mut serializer).is_err() {
        return r#"{"error":{"code":"failed","message":"cannot encode the answer as JSON"}}"#
            .into();
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// serde_json's compact output, with unsafe characters escaped in strings.
struct TerminalSafeJson;

impl serde_json::ser::Formatter for TerminalSafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Safe runs are written whole; printable ASCII is never unsafe, so most strings
        // need no table look-up (serde has already escaped C0 controls; DEL comes here).
        let mut safe_from = 0;
        for (at, c) in fragment.char_indices() {
            if c.is_ascii_graphic() || c == ' ' || !tab_api::is_unsafe_char(c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[safe_from..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            safe_from = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[safe_from..])
    }
}

/// Writes one line of data on standard output. When the reader has gone away
/// (`tab sessions list | head -1`) there is no one left to tell: `tab` exits at once,
/// quietly, with 141, the status a shell reports for a program ended by SIGPIPE.
pub fn stdout_line(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }
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
/// abbreviates hashes. Sorted once, an id shares its longest prefix with a neighbour, so
/// this takes O(n log n), not a comparison of every pair.
pub fn short_ids(ids: &[String]) -> Vec<String> {
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let mut shared = vec![0; ids.len()];
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if ids[a] == ids[b] {
            continue;
        }
        let n = common(&ids[a], &ids[b]);
        shared[a] = shared[a].max(n);
        shared[b] = shared[b].max(n);
    }
    ids.iter()
        .zip(shared)
        .map(|(id, shared)| {
            let mut len = (shared + 1).max(SHORT_ID_CHARS).min(id.len());
            while !id.is_char_boundary(len) {
                len += 1;
            }
            id[..len].to_string()
        })
        .collect()
}

/// How many characters of an id are shown when no other id shares them.
pub const SHORT_ID_CHARS: usize = 8;

/// "1 session", "3 sessions".
pub fn sessions_count(count: u64) -> String {
    if count == 1 {
        "1 session".into()
    } else {
        format!("{count} sessions")
    }
}

/// A session id as shown when there is no list to compare it with: its first
/// [`SHORT_ID_CHARS`] characters.
pub fn short_id(id: &uuid::Uuid) -> String {
    id.to_string()[..SHORT_ID_CHARS].to_string()
}

/// What a session is called, safe to print: its label, or its kind when it has none.
pub fn session_name(session: &Session) -> String {
    match &session.label {
        Some(label) => terminal_safe(label).into_owned(),
        None => session.kind.to_string(),
    }
}

/// The widest a session's name is shown in the table, in terminal columns; longer names
/// are cut so that every session stays on one line.
const MAX_NAME_COLUMNS: usize = 40;

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
            Cell::new(cut_to_width(&session_name(session), MAX_NAME_COLUMNS)),
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
    fn server_text_cannot_drive_the_terminal() {
        assert_eq!(terminal_safe("Chrome on macOS"), "Chrome on macOS");
        assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("evil\nrow"), "evil\\nrow");
        assert_eq!(terminal_safe("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(
            terminal_safe("\u{1b}]52;c;aGk=\u{7}"),
            "\\u{1b}]52;c;aGk=\\u{7}"
        );
        assert_eq!(server_sentence("bad\nthing"), "bad\\nthing");
        let json = json_text(&serde_json::json!({"label": "a\u{202e}b\u{e0001}\n\u{7f}é"}));
        assert_eq!(json, r#"{"label":"a\u202eb\udb40\udc01\n\u007fé"}"#);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["label"], "a\u{202e}b\u{e0001}\n\u{7f}é");
        assert_eq!(server_sentence(&"x".repeat(500)).chars().count(), 201);
    }

    #[test]
    fn long_names_are_cut_to_one_line() {
        assert_eq!(cut_to_width("short", 40), "short");
        let cut = cut_to_width(&"中".repeat(40), 40);
        assert_eq!(unicode_width::UnicodeWidthStr::width(cut.as_str()), 39);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn short_ids_of_many_sessions_match_the_pairwise_rule() {
        // Ids sharing long prefixes in clusters, against the obvious quadratic rule.
        let ids: Vec<String> = (0..300u32)
            .map(|i| format!("{:08x}-{:04x}-4000-8000-{:012x}", i / 7, i % 13, i))
            .collect();
        let slow: Vec<String> = ids
            .iter()
            .map(|id| {
                let shared = ids
                    .iter()
                    .filter(|other| *other != id)
                    .map(|other| {
                        id.bytes()
                            .zip(other.bytes())
                            .take_while(|(a, b)| a == b)
                            .count()
                    })
                    .max()
                    .unwrap_or(0);
                id[..(shared + 1).clamp(8, id.len())].to_string()
            })
            .collect();
        assert_eq!(short_ids(&ids), slow);
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

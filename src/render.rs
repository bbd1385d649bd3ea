//! Everything that decides how output looks: the colour and glyph decision (made once),
//! the sessions table, the web card's relative times, short ids, and the `error:`/`hint:`
//! lines. Commands hand plain data here and never format for the terminal themselves.

mod admin;
mod fit;
mod history;
mod table;
mod text;

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style as Ansi};
use tab_api::SessionKind;

pub use admin::{audit_table, users_table};
pub use history::{history_table, purged_line};
pub use table::{display_name, plain_table, session_name, sessions_table, short_ids};
pub use text::{
    ago, ago_compact, ago_inline, alert_line, duration_words, expires_in, filter_words,
    idle_at_least, idle_beyond_lifetime, json_text, server_sentence, sessions_count, short_id,
    terminal_safe,
};

/// How many characters of an id are shown when no other id shares them.
pub const SHORT_ID_CHARS: usize = 8;

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
    /// The locale is UTF-8: `·` and `…` may be printed (else `-` and `...`).
    pub unicode: bool,
    /// How many columns tables may take: `COLUMNS`, else the terminal's width when
    /// standard output is one; `None` (no limit) in a pipe.
    pub width: Option<usize>,
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
            unicode: utf8_locale(),
            width: columns_env().or_else(|| stdout_tty.then(terminal_width).flatten()),
        }
    }

    /// No colour, no glyphs, UTF-8 punctuation.
    pub fn plain() -> Self {
        Style {
            color_stdout: false,
            color_stderr: false,
            glyphs: false,
            unicode: true,
            width: None,
        }
    }

    /// The separator between facts on one line: `·`, or `-` outside a UTF-8 locale.
    pub fn dot(&self) -> &'static str {
        if self.unicode { "·" } else { "-" }
    }

    /// The mark of a cut: `…`, or `...` outside a UTF-8 locale.
    pub fn ellipsis(&self) -> &'static str {
        if self.unicode { "…" } else { "..." }
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

pub(crate) fn paint(enabled: bool, style: Ansi, text: &str) -> String {
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

/// `COLUMNS`, when it holds a width (a shell sets it for its own use; exported, or set
/// for one command, it says how wide the output may be, in a pipe too).
fn columns_env() -> Option<usize> {
    std::env::var(crate::env_vars::COLUMNS)
        .ok()?
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&width| (20..=10_000).contains(&width))
}

/// The width of the terminal on standard output.
fn terminal_width() -> Option<usize> {
    #[cfg(unix)]
    {
        let mut size = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ only writes the struct passed in.
        let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
        (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

fn dumb_terminal() -> bool {
    matches!(std::env::var("TERM").as_deref(), Ok("dumb") | Ok("linux"))
}

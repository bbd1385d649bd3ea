//! Everything that decides how output looks: the colour and glyph decision (made once),
//! the sessions table, the web card's relative times, short ids, and the `error:`/`hint:`
//! lines. Commands hand plain data here and never format for the terminal themselves.

mod admin;
mod fit;
mod history;
mod json;
mod table;
mod text;

use anstyle::{AnsiColor, Style as Ansi};
use tab_api::SessionKind;

pub use admin::{audit_table, users_table};
pub use history::{history_table, purged_line};
pub use json::{ErrorJson, json_text};
pub use table::{display_name, plain_table, session_name, sessions_table, short_ids};
pub use text::{
    ago, ago_compact, ago_inline, alert_line, duration_words, expires_in, filter_words,
    idle_beyond_lifetime, server_sentence, sessions_count, short_id, terminal_safe,
};

/// How many characters of an id are shown when no other id shares them.
pub const SHORT_ID_CHARS: usize = 8;

/// When to colour the output (`--color`, whose clap definition is `cli::ColorWhen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What the run found about where its output goes (gathered by `printer`, the one place
/// that looks at the streams and the environment's terminal variables).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TerminalFacts {
    /// Standard output is a terminal.
    pub stdout_tty: bool,
    /// Standard error is a terminal.
    pub stderr_tty: bool,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// The locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) is UTF-8.
    pub utf8_locale: bool,
    /// `TERM` is `dumb` or the Linux console.
    pub dumb_terminal: bool,
    /// `COLUMNS`, when it is a plausible width (20 to 10,000).
    pub columns: Option<usize>,
    /// The width of the terminal on standard output, when it is one.
    pub terminal_width: Option<usize>,
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
    /// terminal with a UTF-8 locale that is not the Linux console. A pure decision: the
    /// printer gathers the facts.
    pub fn detect(choice: ColorChoice, facts: &TerminalFacts) -> Self {
        let decide = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !facts.no_color,
        };
        Style {
            color_stdout: decide(facts.stdout_tty),
            color_stderr: decide(facts.stderr_tty),
            glyphs: facts.stdout_tty && facts.utf8_locale && !facts.dumb_terminal,
            unicode: facts.utf8_locale,
            width: facts
                .columns
                .or_else(|| facts.stdout_tty.then_some(facts.terminal_width).flatten()),
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

//! The run's one output object: it owns the colour and glyph decision (made once, in
//! [`Printer::terminal`]), whether the caller asked for JSON, and the two streams. Data
//! goes to standard output, everything for a person to standard error; every line is
//! written through `io::Write`, so a command can be run in-process against buffers.
//! When the reader of standard output goes away (`tab sessions list | head -1`), the
//! printer stops writing and the run finishes quietly (the demo still cleans up); `main`
//! then exits 141, the status a shell reports for SIGPIPE.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use tab_api::SessionList;

use crate::env_vars;
use crate::render::{self, ColorChoice, Style};

/// Where the lines go.
struct Streams {
    stdout: Box<dyn Write>,
    stderr: Box<dyn Write>,
    /// The reader of standard output went away.
    stdout_closed: bool,
    /// Standard output failed otherwise (a full disk, say): nothing more is written to
    /// it, and the run ends with this error.
    stdout_failed: Option<String>,
}

/// The output of one run; cheap to clone (clones share the streams).
#[derive(Clone)]
pub struct Printer {
    style: Style,
    json: bool,
    streams: Rc<RefCell<Streams>>,
}

/// A buffer a [`Printer`] can write to, readable afterwards (for tests).
#[derive(Clone, Default)]
pub struct Buffer(Rc<RefCell<Vec<u8>>>);

impl Buffer {
    /// What was written, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Printer {
    /// The process's own streams, with the style decided from `color` and the terminal.
    // The one place that opens the process's output streams (clippy.toml).
    #[allow(clippy::disallowed_methods)]
    pub fn terminal(color: ColorChoice, json: bool) -> Printer {
        Printer::new(
            Style::detect(color, &terminal_facts()),
            json,
            Box::new(io::stdout()),
            Box::new(io::stderr()),
        )
    }

    /// Writes to two buffers instead, in `style`; the printer and the buffers.
    pub fn buffers(style: Style, json: bool) -> (Printer, Buffer, Buffer) {
        let (out, err) = (Buffer::default(), Buffer::default());
        let printer = Printer::new(style, json, Box::new(out.clone()), Box::new(err.clone()));
        (printer, out, err)
    }

    fn new(style: Style, json: bool, stdout: Box<dyn Write>, stderr: Box<dyn Write>) -> Printer {
        Printer {
            style,
            json,
            streams: Rc::new(RefCell::new(Streams {
                stdout,
                stderr,
                stdout_closed: false,
                stdout_failed: None,
            })),
        }
    }

    /// How output looks.
    pub fn style(&self) -> &Style {
        &self.style
    }

    /// Whether the caller asked for JSON (`--json`).
    pub fn json(&self) -> bool {
        self.json
    }

    /// One line of data on standard output (nothing once its reader has gone).
    pub fn out(&self, text: &str) {
        let mut streams = self.streams.borrow_mut();
        if streams.stdout_closed || streams.stdout_failed.is_some() {
            return;
        }
        let written = writeln!(streams.stdout, "{text}").and_then(|()| streams.stdout.flush());
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => streams.stdout_closed = true,
            // Said once the command ends, with the exit code error::report gives it.
            Err(e) => streams.stdout_failed = Some(e.to_string()),
        }
    }

    /// Why standard output could not be written, when it could not (but for its reader
    /// going away).
    pub fn stdout_failed(&self) -> Option<String> {
        self.streams.borrow().stdout_failed.clone()
    }

    /// Whether the reader of standard output went away during the run.
    pub fn stdout_closed(&self) -> bool {
        self.streams.borrow().stdout_closed
    }

    /// A value as one JSON document on standard output.
    pub fn out_json<T: serde::Serialize + ?Sized>(&self, value: &T) {
        self.out(&render::json_text(value));
    }

    /// One line for a person on standard error. A closed standard error loses only
    /// commentary, so it is not an error.
    pub fn note(&self, text: &str) {
        let mut streams = self.streams.borrow_mut();
        let _ = writeln!(streams.stderr, "{text}");
    }

    /// A `warning:` line on standard error.
    pub fn warn(&self, text: &str) {
        self.note(&self.style.warning_line(text));
    }

    /// An `error:` line, and a `hint:` line when there is one, on standard error.
    pub fn error(&self, message: &str, hint: Option<&str>) {
        self.note(&self.style.error_line(message));
        if let Some(hint) = hint {
            self.note(&self.style.hint_line(hint));
        }
    }

    /// The history: `{"events": [...]}` under `--json`, else the table (or a note that
    /// there is nothing to show). `names` names the sessions that revoked others.
    pub fn event_list(
        &self,
        list: &tab_api::EventList,
        names: &std::collections::HashMap<uuid::Uuid, String>,
        this_device: Option<uuid::Uuid>,
    ) {
        if self.json {
            self.out_json(list);
            return;
        }
        if list.events.is_empty() {
            self.note("No events to show");
        } else {
            self.out(&render::history_table(
                &list.events,
                names,
                this_device,
                chrono::Utc::now(),
                &self.style,
            ));
        }
        // Where the history now starts, so that it never silently starts later.
        if let Some(purged) = &list.purged {
            self.out(&render::purged_line(purged));
        }
    }

    /// The firm's accounts: `{"users": [...]}` under `--json`, else the table (or a note
    /// that there is nothing to show).
    pub fn user_list(&self, users: &[tab_api::AdminUser]) {
        if self.json {
            self.out_json(&serde_json::json!({ "users": users }));
        } else if users.is_empty() {
            self.note("No accounts to show");
        } else {
            self.out(&render::users_table(users, chrono::Utc::now(), &self.style));
        }
    }

    /// The administrators' record: the API's `{"events": [...], "next": ...}` under
    /// `--json`, else the table (or a note that there is nothing to show).
    pub fn audit_list(&self, list: &tab_api::AuditList) {
        if self.json {
            self.out_json(list);
        } else if list.events.is_empty() {
            self.note("Nothing on the record yet");
        } else {
            self.out(&render::audit_table(
                &list.events,
                chrono::Utc::now(),
                &self.style,
            ));
        }
    }

    /// A list of sessions: `{"sessions": [...]}` under `--json`, else the table (or a
    /// note that there is nothing to show).
    pub fn session_list(&self, list: &SessionList, wide: bool) {
        if self.json {
            self.out_json(list);
        } else if list.sessions.is_empty() {
            self.note("No sessions to show");
        } else {
            self.out(&render::sessions_table(
                &list.sessions,
                chrono::Utc::now(),
                wide,
                &self.style,
            ));
        }
    }
}

/// What the process's streams and the environment's terminal variables say.
// The one place that asks whether the output streams are terminals (clippy.toml).
#[allow(clippy::disallowed_methods)]
fn terminal_facts() -> render::TerminalFacts {
    use std::io::IsTerminal as _;
    let stdout_tty = io::stdout().is_terminal();
    render::TerminalFacts {
        stdout_tty,
        stderr_tty: io::stderr().is_terminal(),
        no_color: std::env::var_os(env_vars::NO_COLOR).is_some_and(|v| !v.is_empty()),
        utf8_locale: env_vars::LOCALE
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .is_some_and(|value| {
                let value = value.to_ascii_lowercase();
                value.contains("utf-8") || value.contains("utf8")
            }),
        dumb_terminal: matches!(
            std::env::var(env_vars::TERM).as_deref(),
            Ok("dumb") | Ok("linux")
        ),
        columns: std::env::var(env_vars::COLUMNS)
            .ok()
            .and_then(|text| text.trim().parse::<usize>().ok())
            .filter(|&width| (20..=10_000).contains(&width)),
        terminal_width: if stdout_tty { terminal_width() } else { None },
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_commentary_go_to_their_own_streams() {
        let (printer, out, err) = Printer::buffers(Style::plain(), false);
        printer.out("data");
        printer.note("for a person");
        printer.error("it failed", Some("try this"));
        assert_eq!(out.text(), "data\n");
        assert_eq!(
            err.text(),
            "for a person\nerror: it failed\nhint: try this\n"
        );
    }

    #[test]
    fn an_empty_list_is_a_note_but_empty_json_is_data() {
        let empty = SessionList {
            sessions: vec![],
            alerts: vec![],
        };
        let (printer, out, err) = Printer::buffers(Style::plain(), false);
        printer.session_list(&empty, false);
        assert_eq!(
            (out.text(), err.text()),
            (String::new(), "No sessions to show\n".into())
        );
        let (printer, out, _) = Printer::buffers(Style::plain(), true);
        printer.session_list(&empty, false);
        assert_eq!(out.text(), "{\"sessions\":[]}\n");
    }
}

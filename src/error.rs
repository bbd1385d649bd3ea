//! The failures that have their own exit code and hint, and the one place that turns
//! any error into an exit code, `error:`/`hint:` lines, and (with `--json`) the JSON
//! error object.

use std::process::ExitCode;

use serde_json::json;
use tab_api::codes;

use crate::printer::Printer;

/// Every failure `tab` reports, one variant each: its exit code, its stable JSON code and
/// its hint are decided here and nowhere else.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad arguments, a missing flag where no terminal can prompt, an ambiguous prefix.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// No token for this profile (and server, when one is known).
    #[error("not signed in{} (profile '{profile}')", server.as_ref().map(|s| format!(" to {s}")).unwrap_or_default())]
    NotSignedIn {
        profile: String,
        server: Option<String>,
    },
    /// The server refused the email and password.
    #[error("the email or password is wrong")]
    WrongCredentials,
    /// This device's session was revoked.
    #[error("this device's session was signed out (revoked)")]
    SessionRevoked,
    /// This device's session expired.
    #[error("this device's session has expired")]
    SessionExpired,
    /// The server refused the token for another reason.
    #[error("the server did not accept this device's token")]
    TokenRefused,
    /// No session of the caller's has that id.
    #[error("no session of yours has the id {0}")]
    NoSuchSession(String),
    /// The id names this device's own session.
    #[error("{0} is this device's session")]
    CurrentSession(String),
    /// The server could not be reached or did not answer in time.
    #[error("{message}")]
    Unreachable { message: String, timed_out: bool },
    /// The answer is not the TAB API's.
    #[error("{server} sent {what}")]
    NotTabServer { server: String, what: String },
    /// The server failed (5xx).
    #[error("{server} failed with HTTP {status}{}", detail.as_ref().map(|d| format!(": {d}")).unwrap_or_default())]
    ServerFault {
        server: String,
        status: u16,
        detail: Option<String>,
    },
    /// The server refused for now: too many sign-in attempts.
    #[error("too many sign-in attempts; try again {}", wait_in_words(*wait))]
    RateLimited { wait: Option<std::time::Duration> },
    /// Another HTTP answer the API does not give for this request.
    #[error("the server answered HTTP {status}: {message}")]
    UnexpectedAnswer { status: u16, message: String },
    /// The system credential store cannot be used.
    #[error("{0}")]
    CredentialStore(String),
    /// The config file cannot be read as a config.
    #[error("{path} is damaged: {reason}")]
    BadConfig { path: String, reason: String },
    /// No config directory can be found.
    #[error("cannot find a config directory")]
    NoConfigDir,
    /// A file or stream could not be read or written.
    #[error("{0}")]
    Io(String),
    /// A prompt could not be shown.
    #[error("cannot prompt: {0}")]
    Prompt(String),
    /// `tab server user add`: the email is taken.
    #[error("an account with the email {0} already exists")]
    DuplicateEmail(String),
    /// `tab server user ...`: no account has that email.
    #[error("no account has the email {0}")]
    NoSuchAccount(String),
    /// Interrupted at a prompt.
    #[error("interrupted")]
    Interrupted,
}

impl CliError {
    /// A usage error.
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        CliError::Usage {
            message: message.into(),
            hint,
        }
    }

    /// The server says this device is not, or no longer, signed in.
    pub fn means_signed_out(&self) -> bool {
        matches!(
            self,
            CliError::NotSignedIn { .. }
                | CliError::SessionRevoked
                | CliError::SessionExpired
                | CliError::TokenRefused
        )
    }

    /// The server could not be asked, or did not answer as the TAB API does.
    pub fn is_server_trouble(&self) -> bool {
        matches!(
            self,
            CliError::Unreachable { .. }
                | CliError::NotTabServer { .. }
                | CliError::ServerFault { .. }
        )
    }

    /// The process exit code of the README's table.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage { .. } => 2,
            CliError::NotSignedIn { .. }
            | CliError::WrongCredentials
            | CliError::SessionRevoked
            | CliError::SessionExpired
            | CliError::TokenRefused => 3,
            CliError::NoSuchSession(_) => 4,
            CliError::CurrentSession(_) => 5,
            CliError::Unreachable { .. }
            | CliError::NotTabServer { .. }
            | CliError::ServerFault { .. } => 6,
            CliError::UnexpectedAnswer { .. }
            | CliError::CredentialStore(_)
            | CliError::BadConfig { .. }
            | CliError::NoConfigDir
            | CliError::Io(_)
            | CliError::Prompt(_)
            | CliError::DuplicateEmail(_)
            | CliError::NoSuchAccount(_) => 1,
            CliError::RateLimited { .. } => 7,
            CliError::Interrupted => 130,
        }
    }

    /// The stable code in `{"error": {"code": ...}}`; the README lists them all.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Usage { .. } => "usage",
            CliError::NotSignedIn { .. } => "not_signed_in",
            CliError::WrongCredentials => codes::INVALID_CREDENTIALS,
            CliError::SessionRevoked => codes::SESSION_REVOKED,
            CliError::SessionExpired => codes::SESSION_EXPIRED,
            CliError::TokenRefused => codes::INVALID_TOKEN,
            CliError::NoSuchSession(_) => codes::NOT_FOUND,
            CliError::CurrentSession(_) => codes::CURRENT_SESSION,
            CliError::Unreachable { .. } => "unreachable",
            CliError::NotTabServer { .. } => "not_tab_server",
            CliError::ServerFault { .. } => "server_error",
            CliError::RateLimited { .. } => codes::RATE_LIMITED,
            CliError::UnexpectedAnswer { .. } => "unexpected_answer",
            CliError::CredentialStore(_) => "credential_store",
            CliError::BadConfig { .. } => "bad_config",
            CliError::NoConfigDir => "no_config_dir",
            CliError::Io(_) => "io",
            CliError::Prompt(_) => "prompt",
            CliError::DuplicateEmail(_) => "duplicate_email",
            CliError::NoSuchAccount(_) => "no_such_account",
            CliError::Interrupted => "interrupted",
        }
    }

    /// What to do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        let hint = match self {
            CliError::Usage { hint, .. } => return hint.clone(),
            CliError::NotSignedIn { server: None, .. } => "run `tab login --server URL`",
            CliError::NotSignedIn {
                server: Some(server),
                ..
            } => return Some(format!("run `tab login --server {server}`")),
            CliError::WrongCredentials => "check them and run `tab login` again",
            CliError::SessionRevoked | CliError::SessionExpired | CliError::TokenRefused => {
                "run `tab login` to sign in again"
            }
            CliError::NoSuchSession(_) => "run `tab sessions list` to see your sessions' ids",
            CliError::CurrentSession(_) => "to end this device's session, run `tab logout`",
            CliError::Unreachable {
                timed_out: true, ..
            } => "check your network, or raise --timeout if the server is slow",
            CliError::Unreachable { .. } => {
                "check the address, and that the server is running and reachable from here"
            }
            CliError::NotTabServer { .. } => "check that --server names a TAB server",
            CliError::ServerFault { .. } => {
                "try again shortly; if it persists, tell the server's administrator"
            }
            CliError::RateLimited { .. } => {
                "wait and try again; the server's administrator can lift the limit with `tab server user unlock EMAIL`"
            }
            CliError::CredentialStore(_) => {
                "on a machine without a keyring, pass `--insecure-storage` to keep the token in a 0600 file, or set TAB_TOKEN"
            }
            CliError::BadConfig { .. } => "fix or delete it, then run `tab login` again",
            CliError::NoConfigDir => "set TAB_CONFIG_DIR",
            CliError::UnexpectedAnswer { .. }
            | CliError::Io(_)
            | CliError::Prompt(_)
            | CliError::DuplicateEmail(_)
            | CliError::Interrupted => return None,
            CliError::NoSuchAccount(_) => "run `tab server user list` to see the accounts",
        };
        Some(hint.to_string())
    }
}

/// `in 12 minutes`, in chrono-humanize's words; `later` when the server did not say.
fn wait_in_words(wait: Option<std::time::Duration>) -> String {
    use chrono_humanize::{Accuracy, HumanTime, Tense};
    match wait.and_then(|w| chrono::TimeDelta::from_std(w).ok()) {
        Some(wait) => HumanTime::from(wait).to_text_en(Accuracy::Rough, Tense::Future),
        None => "later".into(),
    }
}

/// Reports `error` the way the caller asked (`error:`/`hint:` lines, and with `--json`
/// the JSON error object) and returns the exit code for it. Errors that are not a
/// [`CliError`] exit 1 with the code `failed`.
pub fn report(error: &anyhow::Error, printer: &Printer) -> ExitCode {
    let cli = error.downcast_ref::<CliError>();
    let (code, exit, message, hint) = match cli {
        Some(cli) => (cli.code(), cli.exit_code(), cli.to_string(), cli.hint()),
        None => ("failed", 1, format!("{error:#}"), None),
    };
    if printer.json() {
        printer.out_json(&json!({"error": {"code": code, "message": message, "hint": hint}}));
    }
    if !matches!(cli, Some(CliError::Interrupted)) {
        printer.error(&message, hint.as_deref());
    }
    ExitCode::from(exit)
}

//! The failures that have their own exit code and hint, and the one place that turns
//! any error into an exit code, `error:`/`hint:` lines, and (with `--json`) the JSON
//! error object.

use std::process::ExitCode;

use serde_json::json;

/// A failure a person or a script needs to tell apart.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad arguments, a missing flag where no terminal can prompt, an ambiguous prefix.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// Not signed in, the session was revoked or expired, or wrong email or password.
    #[error("{message}")]
    NotSignedIn {
        code: &'static str,
        message: String,
        hint: Option<String>,
    },
    /// No session of the caller's has that id.
    #[error("no session of yours has the id {0}")]
    NoSuchSession(String),
    /// The id names this device's own session.
    #[error("{0} is this device's session")]
    CurrentSession(String),
    /// The server could not be reached, timed out, or is not a TAB server.
    #[error("{message}")]
    Server {
        code: &'static str,
        message: String,
        hint: Option<String>,
    },
    /// Anything else with a hint (for example the credential store cannot be used).
    #[error("{message}")]
    Failed {
        code: &'static str,
        message: String,
        hint: Option<String>,
    },
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

    /// The process exit code of the spec's table.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Failed { .. } => 1,
            CliError::Usage { .. } => 2,
            CliError::NotSignedIn { .. } => 3,
            CliError::NoSuchSession(_) => 4,
            CliError::CurrentSession(_) => 5,
            CliError::Server { .. } => 6,
            CliError::Interrupted => 130,
        }
    }

    /// The stable code in `{"error": {"code": ...}}`.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Usage { .. } => "usage",
            CliError::NotSignedIn { code, .. } => code,
            CliError::NoSuchSession(_) => "not_found",
            CliError::CurrentSession(_) => "current_session",
            CliError::Server { code, .. } => code,
            CliError::Failed { code, .. } => code,
            CliError::Interrupted => "interrupted",
        }
    }

    /// What to do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        match self {
            CliError::Usage { hint, .. }
            | CliError::NotSignedIn { hint, .. }
            | CliError::Server { hint, .. }
            | CliError::Failed { hint, .. } => hint.clone(),
            CliError::NoSuchSession(_) => {
                Some("run `tab sessions list` to see your sessions' ids".into())
            }
            CliError::CurrentSession(_) => {
                Some("to end this device's session, run `tab logout`".into())
            }
            CliError::Interrupted => None,
        }
    }
}

/// Reports `error` the way the caller asked and returns the exit code for it.
/// Errors that are not a [`CliError`] exit 1.
pub fn report(error: &anyhow::Error, json_output: bool, style: &crate::render::Style) -> ExitCode {
    let (code, exit, message, hint) = match error.downcast_ref::<CliError>() {
        Some(cli) => (cli.code(), cli.exit_code(), cli.to_string(), cli.hint()),
        None => ("failed", 1, format!("{error:#}"), None),
    };
    if json_output {
        let body = json!({"error": {"code": code, "message": message}});
        crate::render::stdout_line(&crate::render::json_text(&body));
    }
    if !matches!(
        error.downcast_ref::<CliError>(),
        Some(CliError::Interrupted)
    ) {
        eprintln!("{}", style.error_line(&message));
        if let Some(hint) = hint {
            eprintln!("{}", style.hint_line(&hint));
        }
    }
    ExitCode::from(exit)
}

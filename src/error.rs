//! The failures that have their own exit code and hint, and the one place that turns
//! any error into an exit code, `error:`/`hint:` lines, and (with `--json`) the JSON
//! error object.

use tab_api::{EndedBy, ErrorCode, SignInLimit};

mod hints;
mod report;

pub use report::{report, stdout_closed, usage};

/// Every failure `tab` reports, one variant each: its exit code, its stable JSON code and
/// its hint are decided here and nowhere else.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad arguments, a missing flag where no terminal can prompt, an ambiguous prefix.
    #[error("{message}")]
    Usage {
        /// What went wrong, in words.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// No token for this profile (and server, when one is known).
    #[error("not signed in{} (profile '{profile}')", server.as_ref().map(|s| format!(" to {s}")).unwrap_or_default())]
    NotSignedIn {
        /// The profile's name.
        profile: String,
        /// The server's address, when known.
        server: Option<String>,
    },
    /// `--profile` names a profile that has never signed in, while others have.
    #[error("there is no profile named '{profile}' (profiles: {})", known.join(", "))]
    UnknownProfile {
        /// The profile asked for.
        profile: String,
        /// The profiles there are.
        known: Vec<String>,
    },
    /// The server refused the email and password.
    #[error("the email or password is wrong")]
    WrongCredentials,
    /// The password is right, but the account is disabled.
    #[error("this account is disabled")]
    AccountDisabled,
    /// This device's session was revoked.
    #[error("this device's session was signed out (revoked)")]
    SessionRevoked,
    /// This device's session was revoked by an administrator or the server's operator,
    /// as the server says (never [`EndedBy::Unknown`]: that is plain `SessionRevoked`).
    #[error("this device's session was signed out by {}", ended_by_words(*.0))]
    SessionRevokedBy(EndedBy),
    /// `tab login --web` or `--device` did not sign in: denied, expired, a refused
    /// code, or an answer for another sign-in. `code` is the JSON code.
    #[error("{message}")]
    BrowserSignIn {
        /// The JSON code: the server's (`access_denied`, ...) or `state_mismatch`.
        code: &'static str,
        /// What went wrong, in words.
        message: String,
        /// What to do about it.
        hint: String,
    },
    /// This device's session expired.
    #[error("this device's session has expired")]
    SessionExpired,
    /// The server refused the token for another reason.
    #[error("the server did not accept this device's token")]
    TokenRefused,
    /// The server refused the token that `TAB_TOKEN` holds (revoked, expired or
    /// refused): the variable wins over any sign-in, so it is named.
    #[error("the token in TAB_TOKEN {}; unset it or replace it", env_token_refusal(.0))]
    EnvTokenRefused(Box<CliError>),
    /// `TAB_TOKEN` is set but nothing says which server it is for.
    #[error("TAB_TOKEN is set, but no server is known for it")]
    EnvTokenWithoutServer,
    /// No session of the caller's has that id.
    #[error("no session of yours has the id {0}")]
    NoSuchSession(String),
    /// The id names this device's own session.
    #[error("{0} is this device's session")]
    CurrentSession(String),
    /// The server could not be reached or did not answer in time.
    #[error("{message}")]
    Unreachable {
        /// What went wrong, in words.
        message: String,
        /// Whether `--timeout` ran out.
        timed_out: bool,
    },
    /// The answer is not the TAB API's.
    #[error("{server} sent {what}")]
    NotTabServer {
        /// The server's address.
        server: String,
        /// What it sent instead (`an HTML page`).
        what: String,
    },
    /// The server failed (5xx).
    #[error("{server} failed with HTTP {status}{}", detail.as_ref().map(|d| format!(": {d}")).unwrap_or_default())]
    ServerFault {
        /// The server's address, when known.
        server: String,
        /// The HTTP status.
        status: u16,
        /// The error's message, when the body had one.
        detail: Option<String>,
    },
    /// The server refused for now: too many sign-in attempts. `limit` is which of the
    /// server's limits, when it says (never [`SignInLimit::Unknown`]).
    #[error("{}; try again {}", limit_in_words(*limit), wait_in_words(*wait))]
    RateLimited {
        /// How long to wait, when the server said (Retry-After).
        wait: Option<std::time::Duration>,
        /// Which limit, when the server said.
        limit: Option<SignInLimit>,
    },
    /// Another HTTP answer the API does not give for this request.
    #[error("the server answered HTTP {status}: {message}")]
    UnexpectedAnswer {
        /// The HTTP status.
        status: u16,
        /// What it said.
        message: String,
    },
    /// The system credential store cannot be used.
    #[error("{0}")]
    CredentialStore(String),
    /// The config file cannot be read as a config.
    #[error("{path} is damaged: {reason}")]
    BadConfig {
        /// The file.
        path: String,
        /// Why it cannot be read.
        reason: String,
    },
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
    /// `tab admin ...`: no account of the server has that email.
    #[error("no account has the email {0}")]
    UnknownUser(String),
    /// `tab admin sessions revoke`: the account has no session with that id.
    #[error("{email} has no session with the id {id}")]
    NoSuchUserSession {
        /// The account's email.
        email: String,
        /// The id as typed.
        id: String,
    },
    /// `tab admin ...`: the signed-in account is not an enabled administrator.
    #[error("only an administrator of this TAB server can do that")]
    Forbidden,
    /// `tab admin ...`: the server refused the change (the administrator's own account,
    /// the last enabled administrator, the administrator's own current session).
    #[error("refused: {0}")]
    Refused(String),
    /// `tab server check`: what `tab server serve` would start with has problems.
    #[error("{0}")]
    CheckFailed(String),
    /// Interrupted at a prompt.
    #[error("interrupted")]
    Interrupted,
    /// A failure the command's JSON document already reports (`tab admin offboard`'s
    /// per-user errors): its exit code and `error:` line, but no second JSON document.
    #[error("{summary}")]
    Reported {
        /// The line that sums it up.
        summary: String,
        /// The error underneath.
        error: Box<CliError>,
    },
    /// Another failure, with a hint that says what to do in the command's own terms (a
    /// logout that could not reach the server says how to retry, or to use `--local`).
    #[error("{error}")]
    WithHint {
        /// The failure.
        error: Box<CliError>,
        /// What to do about it, in the command's own terms.
        hint: String,
    },
}

impl CliError {
    /// This failure with `hint` instead of its own.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        CliError::WithHint {
            error: Box::new(self),
            hint: hint.into(),
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        CliError::Usage {
            message: message.into(),
            hint,
        }
    }

    /// The server says this device is not, or no longer, signed in.
    pub fn means_signed_out(&self) -> bool {
        if let CliError::WithHint { error, .. } = self {
            return error.means_signed_out();
        }
        matches!(
            self,
            CliError::NotSignedIn { .. }
                | CliError::SessionRevoked
                | CliError::SessionRevokedBy(_)
                | CliError::SessionExpired
                | CliError::TokenRefused
                | CliError::EnvTokenRefused(_)
        )
    }

    /// The server could not be asked, or did not answer as the TAB API does.
    pub fn is_server_trouble(&self) -> bool {
        if let CliError::WithHint { error, .. } = self {
            return error.is_server_trouble();
        }
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
            | CliError::UnknownProfile { .. }
            | CliError::WrongCredentials
            | CliError::AccountDisabled
            | CliError::SessionRevoked
            | CliError::SessionRevokedBy(_)
            | CliError::SessionExpired
            | CliError::TokenRefused
            | CliError::EnvTokenRefused(_)
            | CliError::EnvTokenWithoutServer
            | CliError::BrowserSignIn { .. } => 3,
            CliError::NoSuchSession(_)
            | CliError::NoSuchUserSession { .. }
            | CliError::UnknownUser(_) => 4,
            CliError::CurrentSession(_) | CliError::Refused(_) => 5,
            CliError::Forbidden => 8,
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
            | CliError::NoSuchAccount(_)
            | CliError::CheckFailed(_) => 1,
            CliError::RateLimited { .. } => 7,
            CliError::Interrupted => 130,
            CliError::WithHint { error, .. } | CliError::Reported { error, .. } => {
                error.exit_code()
            }
        }
    }

    /// The stable code in `{"error": {"code": ...}}`; the README lists them all.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Usage { .. } => "usage",
            CliError::NotSignedIn { .. } | CliError::UnknownProfile { .. } => "not_signed_in",
            CliError::WrongCredentials => ErrorCode::InvalidCredentials.as_str(),
            CliError::AccountDisabled => ErrorCode::AccountDisabled.as_str(),
            CliError::SessionRevoked | CliError::SessionRevokedBy(_) => {
                ErrorCode::SessionRevoked.as_str()
            }
            CliError::SessionExpired => ErrorCode::SessionExpired.as_str(),
            CliError::BrowserSignIn { code, .. } => code,
            CliError::TokenRefused => ErrorCode::InvalidToken.as_str(),
            CliError::EnvTokenRefused(error) => error.code(),
            CliError::EnvTokenWithoutServer => "not_signed_in",
            CliError::NoSuchSession(_) => ErrorCode::NotFound.as_str(),
            CliError::CurrentSession(_) => ErrorCode::CurrentSession.as_str(),
            CliError::Unreachable { .. } => "unreachable",
            CliError::NotTabServer { .. } => "not_tab_server",
            CliError::ServerFault { .. } => "server_error",
            CliError::RateLimited { .. } => ErrorCode::RateLimited.as_str(),
            CliError::UnexpectedAnswer { .. } => "unexpected_answer",
            CliError::CredentialStore(_) => "credential_store",
            CliError::BadConfig { .. } => "bad_config",
            CliError::NoConfigDir => "no_config_dir",
            CliError::Io(_) => "io",
            CliError::Prompt(_) => "prompt",
            CliError::DuplicateEmail(_) => "duplicate_email",
            CliError::NoSuchAccount(_) => "no_such_account",
            CliError::CheckFailed(_) => "check_failed",
            CliError::UnknownUser(_) | CliError::NoSuchUserSession { .. } => {
                ErrorCode::NotFound.as_str()
            }
            CliError::Forbidden => ErrorCode::Forbidden.as_str(),
            CliError::Refused(_) => ErrorCode::Conflict.as_str(),
            CliError::Interrupted => "interrupted",
            CliError::WithHint { error, .. } | CliError::Reported { error, .. } => error.code(),
        }
    }
}

/// Which limit a 429 reached, in words for the message.
fn limit_in_words(limit: Option<SignInLimit>) -> &'static str {
    match limit {
        Some(SignInLimit::Email) => "too many failed sign-ins for this email",
        Some(SignInLimit::Address) => "too many failed sign-ins from this address",
        Some(SignInLimit::Account) => "too many sign-ins for this account",
        Some(SignInLimit::Unknown) | None => "too many sign-in attempts",
    }
}

/// Who ended a session, as the server says it (`admin`, `operator`), in words.
pub(crate) fn ended_by_words(by: EndedBy) -> &'static str {
    match by {
        EndedBy::Operator => "the server's operator",
        EndedBy::Admin | EndedBy::Unknown => "an administrator",
    }
}

/// What became of a `TAB_TOKEN` the server refused, in words for the message.
fn env_token_refusal(error: &CliError) -> &'static str {
    match error {
        CliError::SessionRevoked | CliError::SessionRevokedBy(_) => "was signed out",
        CliError::SessionExpired => "has expired",
        _ => "is not accepted by the server",
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

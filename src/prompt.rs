//! Asking a person: every prompt `tab` shows in a terminal, and reading a password from
//! standard input where there is none. Every prompt runs inside a [`TerminalGuard`], so
//! the terminal is left as it was found however the prompt ends (Ctrl-C, Esc, an error),
//! and every prompt failure maps here: Ctrl-C or Esc is an interruption (exit 130).

mod guard;
mod picker;

use std::io::BufRead as _;

use crate::error::CliError;
use guard::TerminalGuard;

/// Asks for the server's address.
pub fn server() -> Result<url::Url, CliError> {
    let text = ask(|| {
        dialoguer::Input::<String>::new()
            .with_prompt("TAB server (https://...)")
            .interact_text()
    })?;
    crate::client::parse_server(&text)
}

/// Asks for the email.
pub fn email() -> Result<String, CliError> {
    ask(|| dialoguer::Input::new().with_prompt("Email").interact_text())
}

/// Asks for the password, without echo.
pub fn password() -> Result<String, CliError> {
    ask(|| {
        dialoguer::Password::new()
            .with_prompt("Password")
            .interact()
    })
}

/// Asks for a new password twice (`tab server user add`).
pub fn new_password() -> Result<String, CliError> {
    ask(|| {
        dialoguer::Password::new()
            .with_prompt("Password for the new account")
            .with_confirmation("Again", "The passwords differ")
            .interact()
    })
}

/// Lets a person tick items; the indices ticked, or the highlighted one when none is.
/// Esc is an interruption.
pub fn pick(prompt: &str, items: &[String]) -> Result<Vec<usize>, CliError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let _guard = TerminalGuard::new();
    picker::pick(prompt, items)
        .map_err(|io| failed(dialoguer::Error::IO(io)))?
        .ok_or(CliError::Interrupted)
}

/// Shows one prompt inside a [`TerminalGuard`].
fn ask<T>(prompt: impl FnOnce() -> dialoguer::Result<T>) -> Result<T, CliError> {
    let _guard = TerminalGuard::new();
    prompt().map_err(failed)
}

/// Maps a prompt failure: Ctrl-C is an interruption (exit 130).
fn failed(error: dialoguer::Error) -> CliError {
    let dialoguer::Error::IO(io) = error;
    if io.kind() == std::io::ErrorKind::Interrupted {
        CliError::Interrupted
    } else {
        CliError::Prompt(io.to_string())
    }
}

/// The password: one line of standard input when `from_stdin`, else asked for with `ask`
/// when a person can answer; without either, a usage error that says how to pass it.
pub fn password_from(
    from_stdin: bool,
    can_prompt: bool,
    ask: fn() -> Result<String, CliError>,
) -> Result<String, CliError> {
    if from_stdin {
        read_password_line()
    } else if can_prompt {
        ask()
    } else {
        Err(CliError::usage(
            "no terminal to ask for the password",
            Some("pass `--password-stdin` and the password on standard input".into()),
        ))
    }
}

/// Reads one line of standard input as a password.
pub fn read_password_line() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Io(format!("cannot read the password from standard input: {e}")))?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(CliError::usage(
            "the password on standard input is empty",
            None,
        ));
    }
    Ok(password)
}

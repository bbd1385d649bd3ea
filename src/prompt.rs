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
/// `last`, the email this profile signed in with before, is offered (Enter takes it).
pub fn email(last: Option<&str>) -> Result<String, CliError> {
    ask(|| {
        let mut input = dialoguer::Input::new().with_prompt("Email");
        if let Some(last) = last {
            input = input.default(last.to_string());
        }
        input.interact_text()
    })
}

/// Asks for the password, without echo.
pub fn password() -> Result<String, CliError> {
    ask(|| {
        dialoguer::Password::new()
            .with_prompt("Password")
            .interact()
    })
}

/// Asks for a new password twice, saying whose (`tab server user add`, `set-password`).
pub fn new_password(whose: &str) -> Result<String, CliError> {
    ask(|| {
        dialoguer::Password::new()
            .with_prompt(format!("New password for {whose}"))
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
    ask: impl FnOnce() -> Result<String, CliError>,
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

/// True when a person can answer prompts: standard input and standard error are
/// terminals.
// prompt is the one module that looks at standard input (clippy.toml).
#[allow(clippy::disallowed_methods)]
pub fn can_prompt() -> bool {
    use std::io::IsTerminal as _;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// True when standard input is a terminal (a person typing, not a pipe).
#[allow(clippy::disallowed_methods)]
pub fn stdin_is_terminal() -> bool {
    use std::io::IsTerminal as _;
    std::io::stdin().is_terminal()
}

/// Standard input as data (ids, emails, a password line), read line by line.
#[allow(clippy::disallowed_methods)]
pub fn standard_input() -> Box<dyn std::io::BufRead> {
    Box::new(std::io::stdin().lock())
}

/// Reads one line of standard input as a password.
pub fn read_password_line() -> Result<String, CliError> {
    let mut line = String::new();
    standard_input()
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

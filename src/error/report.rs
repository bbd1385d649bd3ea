//! Reporting a failure: the exit code, the `error:`/`hint:` lines, the JSON error
//! object, and the hint's commands carrying the options in use.

use std::process::ExitCode;

use super::CliError;
use crate::printer::Printer;
use crate::render::ErrorJson;

/// Reports `error` the way the caller asked (`error:`/`hint:` lines, and with `--json`
/// the JSON error object) and returns the exit code for it. Errors that are not a
/// [`CliError`] exit 1 with the code `failed`. Every `tab` command a hint names gets
/// `options` (`--profile exp`), so that following it acts on the same sign-in.
pub fn report(error: &anyhow::Error, printer: &Printer, options: &str) -> ExitCode {
    let cli = error.downcast_ref::<CliError>();
    let (code, exit, message, hint) = match cli {
        Some(cli) => (cli.code(), cli.exit_code(), cli.to_string(), cli.hint()),
        None => ("failed", 1, format!("{error:#}"), None),
    };
    let hint = hint.map(|hint| with_options(&hint, options));
    if printer.json() && !matches!(cli, Some(CliError::Reported { .. })) {
        printer.out_json(&ErrorJson::new(code, &message, hint.as_deref()));
    }
    if !matches!(cli, Some(CliError::Interrupted)) {
        printer.error(&message, hint.as_deref());
    }
    ExitCode::from(exit)
}

/// `hint` with `options` added to every backticked `tab` command in it that acts for a
/// signed-in user (`tab server ...` and `tab completions ...` take no client options),
/// unless the command already names them.
fn with_options(hint: &str, options: &str) -> String {
    if options.is_empty() {
        return hint.to_string();
    }
    let mut out = String::with_capacity(hint.len() + options.len() * 2);
    for (i, part) in hint.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let command = i % 2 == 1;
        // `tab status --all` covers every profile already.
        let client_command = part.starts_with("tab ")
            && !part.starts_with("tab server")
            && !part.starts_with("tab completions")
            && !part.contains("--all");
        out.push_str(part);
        if command && client_command {
            for option in options.split(" --").map(|o| o.trim_start_matches("--")) {
                let name = option.split(' ').next().unwrap_or("");
                if !part.contains(&format!("--{name}")) {
                    out.push_str(" --");
                    out.push_str(option);
                }
            }
        }
    }
    out
}

/// The exit code when the reader of standard output went away (`| head -1`): 141, as a
/// shell reports a process ended by SIGPIPE.
pub fn stdout_closed() -> ExitCode {
    ExitCode::from(141)
}

/// What clap says of a command line it cannot parse, or of `--help` and `--version`:
/// its message on the stream clap chose, and exit 2 (a usage error) or 0.
pub fn usage(error: &clap::Error) -> ExitCode {
    // Where clap prints is clap's; a failed write has no one left to tell.
    let _ = error.print();
    if error.use_stderr() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::with_options;

    #[test]
    fn hints_carry_the_global_options_in_use() {
        assert_eq!(
            with_options("run `tab login` to sign in again", "--profile exp"),
            "run `tab login --profile exp` to sign in again"
        );
        assert_eq!(
            with_options(
                "run `tab login --server https://x` or `tab server user unlock EMAIL`",
                "--profile exp --server https://y"
            ),
            "run `tab login --server https://x --profile exp` or `tab server user unlock EMAIL`"
        );
        assert_eq!(with_options("run `tab login`", ""), "run `tab login`");
        assert_eq!(
            with_options("or `tab status --all` to see them", "--profile exp"),
            "or `tab status --all` to see them"
        );
        assert_eq!(
            with_options("no commands here", "--profile exp"),
            "no commands here"
        );
    }
}

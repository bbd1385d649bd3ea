//! `tab`: see and end your signed-in TAB (Time and Billing) sessions from a terminal or
//! a script. The binary is a thin wrapper around [`main`]; `ARCHITECTURE.md` maps the
//! modules.

#[cfg(feature = "server")]
pub mod allocator;
pub mod browser_sign_in;
pub mod cli;
pub mod client;
pub mod commands;
pub mod complete;
pub mod context;
pub mod credentials;
pub mod env_vars;
pub mod error;
pub(crate) mod outputs;
pub mod printer;
pub mod prompt;
pub mod render;
pub mod secret;
pub mod session_ids;
pub mod sign_in;

use std::process::ExitCode;

use clap::{ArgMatches, FromArgMatches};

use cli::{Cli, Command};
use printer::Printer;

/// Runs `tab` with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    // First: when the shell asks for completions, answer and exit.
    clap_complete::CompleteEnv::with_factory(complete::command).complete();
    let (cli, json, hint_options) = match parse() {
        Ok(parsed) => parsed,
        Err(error) => return usage_failure(error),
    };
    let printer = Printer::terminal(cli.global.color.into(), json);
    let runtime = match runtime_for(&cli.command) {
        Ok(runtime) => runtime,
        Err(error) => return error::report(&error.into(), &printer, &hint_options),
    };
    let outcome = runtime.block_on(commands::run(&cli.global, &cli.command, &printer));
    if printer.stdout_closed() {
        // Whoever read the output has gone (`| head -1`): nobody is left to tell.
        return error::stdout_closed();
    }
    if let Some(why) = printer.stdout_failed() {
        let error = error::CliError::Io(format!("cannot write to standard output: {why}"));
        return error::report(&error.into(), &printer, &hint_options);
    }
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error::report(&error, &printer, &hint_options),
    }
}

/// The command line, whether `--json` was given to the command that runs, and the global
/// options a hint's `tab` commands must carry to act on the same sign-in.
fn parse() -> Result<(Cli, bool, String), clap::Error> {
    let matches = cli::command().try_get_matches()?;
    if let Some((option, command)) = cli::ignored_option(&matches) {
        return Err(cli::command().error(
            clap::error::ErrorKind::ArgumentConflict,
            format!("{option} does not apply to `tab {command}`"),
        ));
    }
    let json = json_requested(&matches);
    let cli = Cli::from_arg_matches(&matches)?;
    let hint_options = hint_options(&cli.global, &matches);
    Ok((cli, json, hint_options))
}

/// `--profile exp` when a profile other than the default is in use, and `--server URL`
/// when it was given on the command line (an environment variable is still set for the
/// next command): what `tab login` in a hint needs to sign in the same profile again.
fn hint_options(global: &cli::GlobalArgs, matches: &ArgMatches) -> String {
    let mut options = Vec::new();
    if global.profile != "default" {
        options.push(format!("--profile {}", global.profile));
    }
    if matches.value_source("server") == Some(clap::parser::ValueSource::CommandLine)
        && let Some(server) = &global.server
    {
        options.push(format!("--server {server}"));
    }
    options.join(" ")
}

/// Whether `--json` is set in these matches or a subcommand's.
fn json_requested(matches: &ArgMatches) -> bool {
    matches
        .try_get_one::<bool>("json")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
        || matches
            .subcommand()
            .is_some_and(|(_, sub)| json_requested(sub))
}

/// Reports bad arguments and exits 2 (help and version exit 0). A script that asked for
/// JSON gets its one JSON document even so, carrying clap's one-line reason; clap says
/// the rest on standard error.
fn usage_failure(error: clap::Error) -> ExitCode {
    if error.use_stderr() && json_asked_despite_error() {
        let rendered = error.render().to_string();
        let reason = rendered
            .lines()
            .next()
            .unwrap_or("invalid arguments")
            .trim_start_matches("error: ")
            .to_string();
        let printer = Printer::terminal(render::ColorChoice::Never, true);
        printer.out_json(&render::ErrorJson::new(
            "usage",
            &reason,
            Some("see `tab --help`"),
        ));
    }
    error::usage(&error)
}

/// Whether the command line asked for `--json`, although it does not parse. clap stops
/// at the first mistake and may never reach a `--json` after it, so the arguments before
/// `--` are read as they were typed.
fn json_asked_despite_error() -> bool {
    std::env::args()
        .skip(1)
        .take_while(|arg| arg != "--")
        .any(|arg| arg == "--json")
}

/// The server wants threads; a client's one request at a time does not.
fn runtime_for(command: &Command) -> std::io::Result<tokio::runtime::Runtime> {
    #[cfg(feature = "server")]
    if let Command::Server(server) = command {
        if matches!(server.command, cli::ServerCommand::Serve(_)) {
            // Before the server's threads start: they allocate from mimalloc.
            allocator::serve_with_mimalloc();
        }
        return tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build();
    }
    let _ = command;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

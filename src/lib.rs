//! `tab`: see and end your signed-in TAB (Time and Billing) sessions from a terminal or
//! a script. The binary is a thin wrapper around [`main`].

pub mod cli;
pub mod client;
pub mod commands;
pub mod complete;
pub mod context;
pub mod credentials;
pub mod error;
pub mod render;
pub mod secret;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use context::Ctx;

/// Runs `tab` with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    // First: when the shell asks for completions, answer and exit.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // A script that asked for JSON gets its one JSON document even when the
            // arguments are wrong; clap then says the rest on standard error.
            if error.use_stderr() && std::env::args().any(|arg| arg == "--json") {
                let message = error.kind().as_str().unwrap_or("invalid arguments");
                println!(
                    "{}",
                    serde_json::json!({"error": {"code": "usage", "message": message}})
                );
            }
            error.exit()
        }
    };
    let json = wants_json(&cli.command);
    let style = render::Style::detect(cli.global.color);
    let runtime = match runtime_for(&cli.command) {
        Ok(runtime) => runtime,
        Err(error) => return error::report(&error.into(), json, &style),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error::report(&error, json, &style),
    }
}

/// The server wants threads; a client's one request at a time does not.
fn runtime_for(command: &Command) -> std::io::Result<tokio::runtime::Runtime> {
    #[cfg(feature = "server")]
    if matches!(command, Command::Server(_)) {
        return tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build();
    }
    let _ = command;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Whether errors should also be printed as a JSON object on standard output.
fn wants_json(command: &Command) -> bool {
    use cli::SessionsCommand;
    match command {
        Command::Status(args) => args.json,
        Command::Sessions(args) => match &args.command {
            None => args.list.json,
            Some(SessionsCommand::List(list)) => list.json,
            Some(SessionsCommand::Revoke(revoke)) => revoke.json,
            Some(SessionsCommand::RevokeOthers(others)) => others.json,
        },
        _ => false,
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let Cli { global, command } = cli;
    let ctx = || Ctx::from_env(global.clone());
    match &command {
        Command::Completions(args) => commands::completions::run(args),
        #[cfg(feature = "server")]
        Command::Server(args) => commands::server::run(args).await,
        #[cfg(feature = "server")]
        Command::Demo(args) => commands::demo::run(&global, args).await,
        Command::Login(args) => commands::login::run(&ctx()?, args).await,
        Command::Logout => commands::logout::run(&ctx()?).await,
        Command::Status(args) => commands::status::run(&ctx()?, args).await,
        Command::Sessions(args) => commands::sessions::run(&ctx()?, args).await,
    }
}

//! One module per command verb, each exposing `run`. Commands never import each other:
//! what two of them share lives outside this folder (`sign_in`, `prompt`, `printer`,
//! `render`), and `tab demo` runs the others through [`run_in`].

pub mod admin;
pub mod completions;
#[cfg(feature = "server")]
pub mod demo;
pub mod login;
pub mod logout;
#[cfg(feature = "server")]
pub mod server;
pub mod sessions;
pub mod status;
pub mod token;

use crate::cli::{Command, GlobalArgs};
use crate::context::Ctx;
use crate::printer::Printer;

/// Runs a parsed command.
pub async fn run(global: &GlobalArgs, command: &Command, printer: &Printer) -> anyhow::Result<()> {
    match command {
        Command::Completions(args) => completions::run(args, printer),
        #[cfg(feature = "server")]
        Command::Server(args) => server::run(args, printer).await,
        #[cfg(feature = "server")]
        Command::Demo(args) => demo::run(global, args, printer).await,
        _ => run_in(&Ctx::from_env(global.clone(), printer.clone())?, command).await,
    }
}

/// Runs one of the commands that act for a user of a TAB server, in `ctx`.
pub async fn run_in(ctx: &Ctx, command: &Command) -> anyhow::Result<()> {
    match command {
        Command::Login(args) => login::run(ctx, args).await,
        Command::Logout(args) => logout::run(ctx, args).await,
        Command::Status(args) => status::run(ctx, args).await,
        Command::Token => token::run(ctx).await,
        Command::Sessions(args) => sessions::run(ctx, args).await,
        Command::Admin(args) => admin::run(ctx, args).await,
        _ => anyhow::bail!("that command does not act for a signed-in user"),
    }
}

//! `tab completions SHELL`: print a static completion script.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

/// Runs `tab completions`.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "tab", &mut std::io::stdout());
    Ok(())
}

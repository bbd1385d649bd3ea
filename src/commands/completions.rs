//! `tab completions SHELL`: print a static completion script.

use crate::cli::CompletionsArgs;
use crate::printer::Printer;

/// Runs `tab completions`.
pub fn run(args: &CompletionsArgs, printer: &Printer) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut crate::cli::command(), "tab", &mut script);
    printer.out(String::from_utf8_lossy(&script).trim_end_matches('\n'));
    Ok(())
}

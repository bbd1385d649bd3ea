//! The command line, defined once: clap reads these types, and the doc comments are the
//! help text, the man pages and the completion descriptions.

use clap::{Args, Parser, Subcommand};

mod admin;
pub mod examples;
#[cfg(feature = "server")]
mod server;
mod sessions;

#[cfg(feature = "server")]
pub use server::{
    BackupArgs, CheckArgs, DatabaseArg, DemoArgs, PurgeArgs, ServeArgs, ServerArgs, ServerCommand,
    UserAddArgs, UserArgs, UserCommand, UserEmailArgs, UserListArgs, UserPasswordArgs,
    UserRoleArgs, UserUnlockArgs,
};

pub use admin::{
    AdminArgs, AdminCommand, AdminHistoryArgs, AdminRevokeArgs, AdminSessionsArgs,
    AdminSessionsCommand, AdminSessionsListArgs, AdminUsersArgs, AuditArgs, OffboardArgs, UserArg,
};
pub use sessions::{
    AckArgs, FilterArgs, HistoryArgs, ListArgs, RenameArgs, RevokeArgs, RevokeOthersArgs,
    SessionsArgs, SessionsCommand,
};

use crate::env_vars;
use crate::render::ColorChoice;

/// When to colour the output: `--color`'s values (the decision is `render`'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour when standard output is a terminal and NO_COLOR is unset
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

impl From<ColorWhen> for ColorChoice {
    fn from(when: ColorWhen) -> ColorChoice {
        match when {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
        }
    }
}

/// See and end your signed-in TAB (Time and Billing) sessions.
///
/// Every sign-in to TAB (the web dashboard, the desktop app, this tool) is a device session.
/// `tab sessions` lists yours; `tab sessions revoke ID` signs one device out at once, and
/// `tab sessions revoke-others` signs out everything but this device.
///
/// Exit codes: 0 success; 1 other failure; 2 usage; 3 not signed in (or the session was
/// revoked or expired, or wrong email or password); 4 no session of yours has that id
/// (or no account has that email); 5 refused, that is this device (or your own account, or the last administrator); 6 the
/// server could not be reached or is not a TAB server; 7 too many sign-in attempts
/// (wait); 8 only an administrator may do that; 130 interrupted; 141 standard output
/// closed early (`| head`).
#[derive(Debug, Parser)]
#[command(
    name = "tab",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_long_help = env_vars::help()
)]
pub struct Cli {
    #[command(flatten)]
    /// The options every command takes.
    pub global: GlobalArgs,

    #[command(subcommand)]
    /// The subcommand.
    pub command: Command,
}

/// The ids of the options that only commands acting for a user of a TAB server use.
const CLIENT_OPTIONS: [&str; 4] = ["server", "profile", "color", "timeout"];

/// The subcommands that are not clients of a TAB server, and the client options that
/// mean nothing to them (hidden from their help and man pages, and refused if given).
const NOT_CLIENTS: [(&str, &[&str]); 3] = [
    ("server", &CLIENT_OPTIONS),
    ("completions", &CLIENT_OPTIONS),
    ("demo", &["server", "profile", "timeout"]),
];

/// The command line as clap builds it, with the client options hidden where they do not
/// apply. Parsing, completion and the generated files all start here.
pub fn command() -> clap::Command {
    use clap::CommandFactory as _;
    let mut command = Cli::command();
    // clap copies a global option into every subcommand that has no option of that id
    // yet; these subcommands get hidden copies first, so that help, man pages and
    // completions leave the option out there while a given one is still recognised
    // (and then refused, see `ignored_option`).
    let client_options: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| CLIENT_OPTIONS.contains(&arg.get_id().as_str()))
        .cloned()
        .collect();
    for (name, hidden) in NOT_CLIENTS {
        if command.find_subcommand(name).is_none() {
            continue;
        }
        command = command.mut_subcommand(name, |mut sub| {
            for arg in client_options
                .iter()
                .filter(|arg| hidden.contains(&arg.get_id().as_str()))
            {
                sub = sub.arg(arg.clone().hide(true));
            }
            sub
        });
    }
    command
}

/// A client option given on the command line to a command that does not use it, as
/// (option, command); such a flag is refused rather than silently ignored.
pub fn ignored_option(matches: &clap::ArgMatches) -> Option<(String, String)> {
    let (name, _) = matches.subcommand()?;
    let (_, hidden) = NOT_CLIENTS.iter().find(|(command, _)| *command == name)?;
    hidden
        .iter()
        .find(|id| matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
        .map(|id| (format!("--{id}"), name.to_string()))
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The TAB server, e.g. https://tab.example.com (remembered per profile at login)
    #[arg(long, env = env_vars::TAB_SERVER, global = true, value_name = "URL")]
    pub server: Option<String>,

    /// Which saved sign-in to use; profiles keep separate servers and tokens
    #[arg(
        long,
        env = env_vars::TAB_PROFILE,
        global = true,
        default_value = "default",
        value_name = "NAME"
    )]
    pub profile: String,

    /// When to use colour (NO_COLOR is honoured under `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Give up on the server after this many seconds
    #[arg(long, global = true, default_value_t = 10.0, value_name = "SECONDS", value_parser = parse_timeout)]
    pub timeout: f64,
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 3600.0 => Ok(secs),
        _ => {
            Err("expected a number of seconds above 0, at most 3600 (for example 0.5 or 30)".into())
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in as a new device session and keep its token
    Login(LoginArgs),
    /// Sign this device out on the server and forget its token
    Logout(LogoutArgs),
    /// Show the server, who you are, this session and where its token is kept
    Status(StatusArgs),
    /// Print this profile's token on standard output, for scripts (`TAB_TOKEN`)
    ///
    /// The token is the sign-in itself: whoever has it is signed in as you until the
    /// session is revoked or expires. Pass it straight to where it is needed
    /// (`export TAB_TOKEN="$(tab token)"`); never paste it into a chat, a ticket or a
    /// file others can read. `tab sessions revoke` ends it like any other session.
    Token,
    /// List your sessions, or revoke them (bare `tab sessions` lists)
    Sessions(SessionsArgs),
    /// For the firm's administrators: other accounts' sessions, offboarding, the record
    ///
    /// Every `tab admin` command needs an account with the `admin` role (others get exit
    /// 8); each change is recorded with who made it (`tab admin audit`).
    Admin(AdminArgs),
    /// Print a shell completion script
    ///
    /// bash: `tab completions bash > ~/.local/share/bash-completion/completions/tab`;
    /// zsh: `tab completions zsh > ~/.zfunc/_tab`; fish: `tab completions fish >
    /// ~/.config/fish/completions/tab.fish`. For completions that also offer your live
    /// session ids, use `source <(COMPLETE=bash tab)` (or zsh, fish, ...) instead.
    Completions(CompletionsArgs),
    /// Show the whole job in one command, against a throwaway local server
    ///
    /// Its database and config live in `$TMPDIR/tab-demo-PID-RANDOM` (`/tmp` when TMPDIR
    /// is unset), which is removed when the demo ends.
    #[cfg(feature = "server")]
    Demo(DemoArgs),
    /// Run the reference TAB server, or manage its accounts
    #[cfg(feature = "server")]
    Server(ServerArgs),
}

/// Arguments of `tab login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Approve the sign-in in this computer's browser instead of typing a password
    #[arg(long, conflicts_with_all = ["device", "email", "password_stdin"])]
    pub web: bool,

    /// Approve the sign-in in a browser on any device with a one-time code (for a box
    /// without one, over SSH)
    #[arg(long, conflicts_with_all = ["email", "password_stdin"])]
    pub device: bool,

    /// The account's email (prompted for in a terminal when missing)
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// Read the password from standard input (one line) instead of prompting
    #[arg(long)]
    pub password_stdin: bool,

    /// How this session is named in the list [default: tab on <hostname> (<OS>)]
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,

    /// Keep the token in a 0600 file in the config directory instead of the system
    /// keyring (remembered for the profile)
    #[arg(long)]
    pub insecure_storage: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// `--json`, for every command that prints data.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct OutputArgs {
    /// Print one JSON document on standard output, errors included
    /// (`{"error": {"code", "message", "hint"}}`)
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tab logout`.
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Forget the token on this machine without telling the server (when the server is
    /// gone for good); the session stays live there until it expires or is revoked
    #[arg(long)]
    pub local: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Every profile: its server, user and where its token is, like `gh auth status`
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print a script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
        super::command().debug_assert();
    }
}

//! The command line, defined once: clap reads these types, and the doc comments are the
//! help text, the man pages and the completion descriptions.

use clap::{Args, Parser, Subcommand};

mod admin;
pub mod examples;
#[cfg(feature = "server")]
mod server;

#[cfg(feature = "server")]
pub use server::{
    DatabaseArg, DemoArgs, ServeArgs, ServerArgs, ServerCommand, UserAddArgs, UserArgs,
    UserCommand, UserEmailArgs, UserListArgs, UserPasswordArgs, UserRoleArgs, UserUnlockArgs,
};

pub use admin::{
    AdminArgs, AdminCommand, AdminHistoryArgs, AdminRevokeArgs, AdminSessionsArgs,
    AdminSessionsCommand, AdminSessionsListArgs, AdminUsersArgs, AuditArgs, OffboardArgs, UserArg,
};

use crate::env_vars;
use crate::render::ColorChoice;

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
    pub global: GlobalArgs,

    #[command(subcommand)]
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
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

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
    pub output: OutputArgs,
}

/// Arguments of `tab status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Every profile: its server, user and where its token is, like `gh auth status`
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `tab sessions`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SessionsArgs {
    #[command(subcommand)]
    pub command: Option<SessionsCommand>,

    #[command(flatten)]
    pub list: ListArgs,
}

/// The `tab sessions` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List your live sessions, most recently seen first
    ///
    /// With --json: `{"sessions": [...]}`, the API's session objects unchanged.
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Sign out sessions by id (full, or a unique prefix of at least 4 characters)
    ///
    /// Fires at once, without confirmation, like the trash-can on the web card. A session
    /// that is already signed out counts as success and reports 0. This device's own
    /// session is refused: use `tab logout`. With --json: `{"revoked": N}`.
    #[command(visible_alias = "rm")]
    Revoke(RevokeArgs),
    /// Sign out every session but this one, or those of some kinds or idle for long
    ///
    /// With --json: `{"revoked": N}`; with --dry-run too, `{"sessions": [...]}` of the
    /// sessions that would go. --kind and --idle-for go to the server as one filter, so
    /// the count is the server's; a server too old to filter gets the matching sessions
    /// revoked one by one, and `tab` says so.
    RevokeOthers(RevokeOthersArgs),
    /// Say a new-device sign-in was you: its alert goes, on every device
    ///
    /// IDs as the alert line shows them (`tab sessions ack 5f0c9a2e`), or --all. With
    /// --json: `{"acknowledged": N}`.
    Ack(AckArgs),
    /// Name one of your sessions (this device's included) as the list shows it
    ///
    /// An empty LABEL clears it (the list then names the session by its device). With
    /// --json: the session object as the API answers it.
    Rename(RenameArgs),
    /// What happened to your sessions, newest first: sign-ins, sign-outs, revokes,
    /// expiries
    ///
    /// With --json: `{"events": [...]}`, the API's events unchanged.
    History(HistoryArgs),
}

/// A duration such as `30d`, `12h` or `90m` (humantime's units), for --idle-for.
pub(crate) fn parse_idle(text: &str) -> Result<std::time::Duration, String> {
    let duration = humantime::parse_duration(text)
        .map_err(|e| format!("{e}; write it like 30d, 12h or 90m"))?;
    if duration.as_secs() > tab_api::MAX_IDLE_SECS {
        return Err("at most ten years".to_string());
    }
    Ok(duration)
}

/// Arguments of `tab sessions list`.
#[derive(Debug, Clone, Default, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// Show whole ids and when each session expires
    #[arg(long)]
    pub wide: bool,

    /// Also sessions signed out or expired within the last 7 days
    #[arg(long)]
    pub all: bool,

    /// Only sessions of this kind (repeat for several)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<tab_api::SessionKind>,

    /// Only sessions not seen for at least this long: 30d, 12h, 90m
    #[arg(long, value_name = "DURATION", value_parser = parse_idle)]
    pub idle_for: Option<std::time::Duration>,
}

/// Arguments of `tab sessions revoke`.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Session ids or unique prefixes; `-` reads ids from standard input, one a line.
    /// Without any, a terminal offers a picker
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `tab sessions ack`.
#[derive(Debug, Args)]
pub struct AckArgs {
    /// The alerts' ids or unique prefixes
    #[arg(
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub ids: Vec<String>,

    /// Every alert there is now
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `tab sessions rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The session's id or a unique prefix (as `tab sessions list` shows it), or the new
    /// label when --current is given
    #[arg(value_name = "ID")]
    pub id: String,

    /// The new label (1 to 80 characters; empty clears it)
    #[arg(value_name = "LABEL", required_unless_present = "current")]
    pub label: Option<String>,

    /// Rename this device's session: `tab sessions rename --current "Office laptop"`
    #[arg(long)]
    pub current: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `tab sessions revoke-others`.
#[derive(Debug, Args)]
pub struct RevokeOthersArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// List what would be signed out and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Only sessions of this kind (repeat for several)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<tab_api::SessionKind>,

    /// Only sessions not seen for at least this long: 30d, 12h, 90m
    #[arg(long, value_name = "DURATION", value_parser = parse_idle)]
    pub idle_for: Option<std::time::Duration>,
}

/// Arguments of `tab sessions history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// How many events, newest first (1 to 500)
    #[arg(long, default_value_t = tab_api::DEFAULT_EVENTS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(tab_api::MAX_EVENTS)))]
    pub limit: u32,
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

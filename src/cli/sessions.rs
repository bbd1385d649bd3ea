//! The command line of `tab sessions`: list, revoke, revoke-others, ack, rename,
//! history.

use clap::{Args, Subcommand};

use crate::cli::OutputArgs;

/// Arguments of `tab sessions`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SessionsArgs {
    #[command(subcommand)]
    /// The subcommand.
    pub command: Option<SessionsCommand>,

    #[command(flatten)]
    /// `tab sessions` alone lists, with the list's options.
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

/// `--kind` and `--idle-for`: which sessions a list or a revoke is about. One rule
/// wherever they are taken, [`tab_api::RevokeOthersRequest::matches`], which is also what
/// the server's `revoke-others` filter does.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only sessions of this kind (repeat for several)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<tab_api::SessionKind>,

    /// Only sessions not seen for at least this long: 30d, 12h, 90m
    #[arg(long, value_name = "DURATION", value_parser = parse_idle)]
    pub idle_for: Option<std::time::Duration>,
}

impl FilterArgs {
    /// The filter as the API takes it (every kind when no `--kind` was given).
    pub fn request(&self) -> tab_api::RevokeOthersRequest {
        tab_api::RevokeOthersRequest::new(&self.kind, self.idle_for)
    }
}

/// Arguments of `tab sessions list`.
#[derive(Debug, Clone, Default, Args)]
pub struct ListArgs {
    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,

    /// Show whole ids and when each session expires
    #[arg(long)]
    pub wide: bool,

    /// Also sessions signed out or expired within the last 7 days
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    /// `--kind` and `--idle-for`.
    pub filter: FilterArgs,
}

/// Arguments of `tab sessions revoke`.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Session ids or unique prefixes; `-` reads ids from standard input, one a line.
    /// Without any, a terminal offers a picker
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    #[command(flatten)]
    /// `--json`.
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
    /// `--json`.
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
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab sessions revoke-others`.
#[derive(Debug, Args)]
pub struct RevokeOthersArgs {
    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,

    /// List what would be signed out and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    /// `--kind` and `--idle-for`.
    pub filter: FilterArgs,
}

/// Arguments of `tab sessions history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,

    /// How many events, newest first (1 to 500)
    #[arg(long, default_value_t = tab_api::DEFAULT_EVENTS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(tab_api::MAX_EVENTS)))]
    pub limit: u32,
}

//! The command line of `tab admin`: what a firm's administrator does to other people's
//! accounts through the API (the account must have the `admin` role).

use clap::{Args, Subcommand};

use crate::cli::{FilterArgs, OutputArgs};

/// Arguments of `tab admin`.
#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    /// The subcommand.
    pub command: AdminCommand,
}

/// The `tab admin` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// List the firm's accounts by email: role, live sessions, when last seen
    ///
    /// With --json: `{"users": [...]}`, the API's account objects unchanged (every page).
    Users(AdminUsersArgs),
    /// See or end another account's sessions
    Sessions(AdminSessionsArgs),
    /// Disable leavers' accounts and sign out every session of theirs, on the record
    ///
    /// Emails as arguments, or one a line from a file or standard input (`-`); blank
    /// lines and `#` comments are skipped. Safe to run again: an account offboarded
    /// already reports 0. An email no account has is reported and the others go on;
    /// `tab` then exits 4. With --json: `{"revoked": N, "users": [{"email", "revoked",
    /// "disabled"}]}`.
    Offboard(OffboardArgs),
    /// What happened to another account's sessions, newest first
    ///
    /// With --json: `{"events": [...]}`, the API's events unchanged.
    History(AdminHistoryArgs),
    /// Every administrator's and the server operator's action, newest first
    ///
    /// With --json: `{"events": [...], "next": TIME or null}`, the API's entries unchanged.
    Audit(AuditArgs),
}

/// Arguments of `tab admin users`.
#[derive(Debug, Args)]
pub struct AdminUsersArgs {
    /// Only accounts with this role
    #[arg(long, value_enum, value_name = "ROLE")]
    pub role: Option<tab_api::Role>,

    /// Only disabled accounts
    #[arg(long)]
    pub disabled: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// The account an admin command acts on.
#[derive(Debug, Clone, Args)]
pub struct UserArg {
    /// The account's email
    #[arg(long = "user", value_name = "EMAIL", required = true)]
    pub email: String,
}

/// Arguments of `tab admin sessions`.
#[derive(Debug, Args)]
pub struct AdminSessionsArgs {
    #[command(subcommand)]
    /// The subcommand.
    pub command: AdminSessionsCommand,
}

/// The `tab admin sessions` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminSessionsCommand {
    /// List an account's live sessions, most recently seen first
    ///
    /// With --json: `{"sessions": [...]}`, the API's session objects unchanged.
    #[command(visible_alias = "ls")]
    List(AdminSessionsListArgs),
    /// Sign out sessions of an account by id (or unique prefix), or all of them (--all)
    ///
    /// Fires at once, on the record. With --json: `{"revoked": N}`; with --all --dry-run,
    /// `{"sessions": [...]}` of those that would go.
    #[command(visible_alias = "rm")]
    Revoke(AdminRevokeArgs),
}

/// Arguments of `tab admin sessions list`.
#[derive(Debug, Args)]
pub struct AdminSessionsListArgs {
    #[command(flatten)]
    /// Whose (`--user EMAIL`).
    pub user: UserArg,

    /// Also sessions signed out or expired within the last 7 days
    #[arg(long)]
    pub all: bool,

    /// Show whole ids and when each session expires
    #[arg(long)]
    pub wide: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab admin sessions revoke`.
#[derive(Debug, Args)]
pub struct AdminRevokeArgs {
    #[command(flatten)]
    /// Whose (`--user EMAIL`).
    pub user: UserArg,

    /// Session ids or unique prefixes, as `tab admin sessions list` shows them; `-`
    /// reads ids from standard input, one a line
    #[arg(
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub ids: Vec<String>,

    /// Every live session of the account (or those --kind and --idle-for name, which
    /// need --all)
    #[arg(long)]
    pub all: bool,

    /// With --all: `--kind` and `--idle-for` (refused without it, in `commands::admin`).
    #[command(flatten)]
    pub filter: FilterArgs,

    /// With --all: list what would be signed out and change nothing
    #[arg(long, requires = "all")]
    pub dry_run: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab admin offboard`.
#[derive(Debug, Args)]
pub struct OffboardArgs {
    /// The leavers' emails
    #[arg(value_name = "EMAIL", required_unless_present = "users_from")]
    pub emails: Vec<String>,

    /// Read the emails from this file, one a line (`-` for standard input)
    #[arg(long, value_name = "FILE", conflicts_with = "emails")]
    pub users_from: Option<std::path::PathBuf>,

    /// Say what would happen and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab admin history`.
#[derive(Debug, Args)]
pub struct AdminHistoryArgs {
    #[command(flatten)]
    /// Whose (`--user EMAIL`).
    pub user: UserArg,

    /// How many events, newest first (1 to 500)
    #[arg(long, default_value_t = tab_api::DEFAULT_EVENTS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(tab_api::MAX_EVENTS)))]
    pub limit: u32,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

/// Arguments of `tab admin audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// How many entries, newest first (1 to 500)
    #[arg(long, default_value_t = tab_api::DEFAULT_AUDIT, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(tab_api::MAX_AUDIT)))]
    pub limit: u32,

    #[command(flatten)]
    /// `--json`.
    pub output: OutputArgs,
}

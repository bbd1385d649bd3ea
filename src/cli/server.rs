//! The command line of the reference server: `tab server ...` and `tab demo`.

use clap::{Args, Subcommand};

use crate::env_vars;

/// Arguments of `tab demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo server running, the other devices still signed in, and print how to
    /// point `tab` at it and the demo account's throwaway password
    #[arg(long)]
    pub serve: bool,
}

/// Arguments of `tab server`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(subcommand)]
    /// The subcommand.
    pub command: ServerCommand,
}

/// The `tab server` subcommands.
#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)
    ///
    /// The signing key is TAB_JWT_SECRET (at least 32 bytes) or, when unset, one generated
    /// once and kept in the database so that every process on it agrees.
    Serve(ServeArgs),
    /// Manage accounts
    User(UserArgs),
    /// Delete sessions that ended (revoked or expired) before the retention window, with
    /// their history, and audit entries past theirs
    ///
    /// Each account's history then ends with "older history removed on DATE". With
    /// --json: `{"purged": N, "accounts": N, "audit_entries": N, "dry_run": false}`.
    Purge(PurgeArgs),
    /// Write an online, consistent copy of a SQLite database to a new private file
    ///
    /// The server may keep serving meanwhile. For PostgreSQL, use pg_dump (README,
    /// "Backups").
    Backup(BackupArgs),
    /// Check what `tab server serve` would start with, without starting it: the options,
    /// the database, its migrations and file modes, and where the signing key comes from
    ///
    /// Exit 0 when nothing is wrong, 1 otherwise. With --json: `{"ok": bool, "checks":
    /// [{"check", "ok", "detail"}]}`.
    Check(CheckArgs),
}

/// A retention window: `90d`, `26w`, `1y` (humantime's units), at least a day.
pub(crate) fn parse_retention(text: &str) -> Result<std::time::Duration, String> {
    let window = humantime::parse_duration(text)
        .map_err(|_| format!("{text:?} is not a duration such as 90d, 26w or 1y"))?;
    if window < std::time::Duration::from_secs(24 * 60 * 60) {
        return Err(format!("{text:?} is shorter than a day"));
    }
    Ok(window)
}

/// Arguments of `tab server purge`.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Delete sessions that ended longer ago than this (90d, 26w, 1y)
    #[arg(long, value_name = "DURATION", default_value = "90d", value_parser = parse_retention)]
    pub older_than: std::time::Duration,

    /// Delete administrators' audit entries older than this
    #[arg(long, value_name = "DURATION", default_value = "1y", value_parser = parse_retention)]
    pub audit_retention: std::time::Duration,

    /// Count what would be deleted, and delete nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,

    #[command(flatten)]
    /// `--json`.
    pub output: crate::cli::OutputArgs,
}

/// Arguments of `tab server backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy: a new file (an existing one is never replaced), made 0600
    #[arg(value_name = "PATH")]
    pub path: std::path::PathBuf,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,
}

/// Arguments of `tab server check`: those of `tab server serve`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    /// The options `tab server serve` takes.
    pub serve: ServeArgs,

    #[command(flatten)]
    /// `--json`.
    pub output: crate::cli::OutputArgs,
}

/// Where the server's database is.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArg {
    /// sqlite://PATH or postgres://... [default: sqlite:// in the platform's data directory]
    #[arg(
        long,
        env = env_vars::TAB_DATABASE_URL,
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: Option<String>,
}

/// Arguments of `tab server serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on
    #[arg(
        long,
        env = env_vars::TAB_LISTEN,
        default_value = tab_server::DEFAULT_LISTEN,
        value_name = "ADDR"
    )]
    pub listen: String,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,

    /// Connections open at once; more wait until one closes
    #[arg(long, env = env_vars::TAB_MAX_CONNECTIONS, default_value_t = tab_server::Limits::DEFAULT.max_connections as u32, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=65_536))]
    pub max_connections: u32,

    /// Seconds a client has to send a request's headers (also the keep-alive idle limit)
    #[arg(long, env = env_vars::TAB_HEADER_TIMEOUT, default_value_t = tab_server::Limits::DEFAULT.header_read_timeout.as_secs(), value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,

    /// Seconds a whole request may take, body and answer included
    #[arg(long, env = env_vars::TAB_REQUEST_TIMEOUT, default_value_t = tab_server::Limits::DEFAULT.request_timeout.as_secs(), value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,

    /// The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL
    /// makes the session cookie __Host-tab_session and Secure
    #[arg(long, env = env_vars::TAB_PUBLIC_URL, value_name = "URL")]
    pub public_url: Option<String>,

    /// A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8;
    /// repeatable) whose X-Forwarded-For names the client: sign-in limits, and each
    /// session's address, then count the client's address, not the proxy's
    #[arg(
        long = "trusted-proxy",
        env = env_vars::TAB_TRUSTED_PROXIES,
        value_name = "CIDR",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<String>,

    /// Mail each account about its new-device sign-ins through this SMTP server:
    /// smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or
    /// smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in
    /// the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from
    #[arg(
        long,
        env = env_vars::TAB_SMTP_URL,
        value_name = "URL",
        hide_env_values = true,
        requires = "mail_from"
    )]
    pub smtp_url: Option<String>,

    /// The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"
    #[arg(
        long,
        env = env_vars::TAB_MAIL_FROM,
        value_name = "ADDRESS",
        requires = "smtp_url"
    )]
    pub mail_from: Option<String>,

    /// Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a
    /// listener of their own, never on the public one; off when not given
    #[arg(long, env = env_vars::TAB_METRICS_LISTEN, value_name = "ADDR")]
    pub metrics_listen: Option<String>,

    /// How often the live-session gauge is read (tests shorten it)
    #[arg(long, hide = true, value_parser = humantime::parse_duration, default_value = "15s")]
    pub metrics_refresh: std::time::Duration,

    /// Purge sessions that ended longer ago than this (90d, 26w, 1y), with their
    /// history, soon after start and then every hour; off when not given
    #[arg(long, env = env_vars::TAB_RETENTION, value_name = "DURATION", value_parser = parse_retention)]
    pub retention: Option<std::time::Duration>,

    /// With --retention: purge administrators' audit entries older than this
    #[arg(long, value_name = "DURATION", default_value = "1y", value_parser = parse_retention)]
    pub audit_retention: std::time::Duration,

    /// The least time between two alert mails to one account (tests shorten it)
    #[arg(long, hide = true, value_parser = humantime::parse_duration, default_value = "10m")]
    pub mail_interval: std::time::Duration,

    /// The wait after a first failed try to send an alert mail (tests shorten it)
    #[arg(long, hide = true, value_parser = humantime::parse_duration, default_value = "30s")]
    pub mail_first_retry: std::time::Duration,

    /// How long after a sign-in its alert mail is still tried (tests shorten it)
    #[arg(long, hide = true, value_parser = humantime::parse_duration, default_value = "1h")]
    pub mail_give_up_after: std::time::Duration,
}

/// Arguments of `tab server user`.
#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    /// The subcommand.
    pub command: UserCommand,
}

/// The `tab server user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account
    Add(UserAddArgs),
    /// List the accounts: email, name, role, live sessions, and whether failed sign-ins
    /// lock the email out now
    ///
    /// With --json: `{"accounts": [{"email", "name", "role", "live_sessions",
    /// "locked_out"}], "database": "..."}`.
    List(UserListArgs),
    /// Give an account a new password, and sign every one of its sessions out (unless
    /// --keep-sessions)
    SetPassword(UserPasswordArgs),
    /// Give an account a role (accountant, manager or admin)
    SetRole(UserRoleArgs),
    /// Disable an account: no sign-in succeeds, and every session of it is signed out
    Disable(UserEmailArgs),
    /// Let a disabled account sign in again
    Enable(UserEmailArgs),
    /// Lift the sign-in limits that block an email (its failed sign-ins and the account's
    /// count of sign-ins), or with --address those of a client address
    Unlock(UserUnlockArgs),
}

/// Arguments of `tab server user list`.
#[derive(Debug, Args)]
pub struct UserListArgs {
    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,

    #[command(flatten)]
    /// `--json`.
    pub output: crate::cli::OutputArgs,
}

/// An account's email, as the argument or as `--email`.
#[derive(Debug, Args)]
#[group(id = "account", required = true, multiple = false)]
pub struct EmailArg {
    /// The account's email
    #[arg(value_name = "EMAIL")]
    pub email: Option<String>,

    /// The same, as a flag
    #[arg(long = "email", value_name = "EMAIL")]
    pub email_flag: Option<String>,
}

impl EmailArg {
    /// The email, given either way.
    pub fn get(&self) -> &str {
        self.email
            .as_deref()
            .or(self.email_flag.as_deref())
            .unwrap_or_default()
            .trim()
    }
}

/// Arguments of `tab server user disable` and `enable`.
#[derive(Debug, Args)]
pub struct UserEmailArgs {
    #[command(flatten)]
    /// The account's email.
    pub email: EmailArg,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,
}

/// Arguments of `tab server user set-role`.
#[derive(Debug, Args)]
pub struct UserRoleArgs {
    /// The account's email
    #[arg(value_name = "EMAIL")]
    pub email: String,

    /// Its new role
    #[arg(value_enum, value_name = "ROLE")]
    pub role: tab_api::Role,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,
}

/// Arguments of `tab server user set-password`.
#[derive(Debug, Args)]
pub struct UserPasswordArgs {
    #[command(flatten)]
    /// The account's email.
    pub email: EmailArg,

    /// Read the password from standard input (one line); without it a terminal prompts
    #[arg(long)]
    pub password_stdin: bool,

    /// Keep the account's sessions signed in (by default every one is signed out: a
    /// password is usually reset because someone else may have it)
    #[arg(long)]
    pub keep_sessions: bool,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,
}

/// Arguments of `tab server user unlock`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("whom").required(true).args(["email", "email_flag", "address"])))]
pub struct UserUnlockArgs {
    /// The email whose limits are lifted
    #[arg(value_name = "EMAIL")]
    pub email: Option<String>,

    /// The same, as a flag (as the other `server user` verbs take it)
    #[arg(long = "email", value_name = "EMAIL", conflicts_with = "email")]
    pub email_flag: Option<String>,

    /// Lift the limit on failed sign-ins from this client address instead (an IPv6
    /// address counts for its /64)
    #[arg(long, value_name = "ADDRESS", conflicts_with_all = ["email", "email_flag"])]
    pub address: Option<String>,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,
}

impl UserUnlockArgs {
    /// The email, given either way.
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref().or(self.email_flag.as_deref())
    }
}

/// Arguments of `tab server user add`.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The sign-in email (unique, whatever its letter case)
    #[arg(long, value_name = "EMAIL")]
    pub email: String,

    /// The display name
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// The role
    #[arg(long, value_enum, default_value_t = tab_api::Role::Accountant)]
    pub role: tab_api::Role,

    /// Read the password from standard input (one line); without it a terminal prompts
    #[arg(long)]
    pub password_stdin: bool,

    #[command(flatten)]
    /// The database (`--database`).
    pub database: DatabaseArg,
}

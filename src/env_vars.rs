//! Every environment variable `tab` reads, named once: clap, the code and the tests use
//! these constants.

/// The TAB server's address (`--server`).
pub const TAB_SERVER: &str = "TAB_SERVER";
/// Which saved sign-in to use (`--profile`).
pub const TAB_PROFILE: &str = "TAB_PROFILE";
/// A token to use instead of the stored one; never written anywhere.
pub const TAB_TOKEN: &str = "TAB_TOKEN";
/// Where the configuration lives (default `~/.config/tab`).
pub const TAB_CONFIG_DIR: &str = "TAB_CONFIG_DIR";
/// Turns colour off under `--color auto` when set and not empty.
pub const NO_COLOR: &str = "NO_COLOR";
/// The server's signing key (`tab server serve`); read, never a flag.
pub const TAB_JWT_SECRET: &str = "TAB_JWT_SECRET";
/// The server's database URL (`--database`).
pub const TAB_DATABASE_URL: &str = "TAB_DATABASE_URL";
/// The server's listening address (`--listen`).
pub const TAB_LISTEN: &str = "TAB_LISTEN";
/// The server's connection cap (`--max-connections`).
pub const TAB_MAX_CONNECTIONS: &str = "TAB_MAX_CONNECTIONS";
/// The server's header-read timeout (`--header-timeout`).
pub const TAB_HEADER_TIMEOUT: &str = "TAB_HEADER_TIMEOUT";
/// The server's request timeout (`--request-timeout`).
pub const TAB_REQUEST_TIMEOUT: &str = "TAB_REQUEST_TIMEOUT";
/// The server's log level (`debug`, `info`, `warn`).
pub const TAB_LOG: &str = "TAB_LOG";

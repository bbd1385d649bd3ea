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
/// How many columns tables may take (else the terminal's width; no limit in a pipe).
pub const COLUMNS: &str = "COLUMNS";
/// The locale, read (in this order, the first not empty) to decide whether `·` and `…`
/// may be printed; the standard variables, not documented as `tab`'s own.
pub const LOCALE: [&str; 3] = ["LC_ALL", "LC_CTYPE", "LANG"];
/// The terminal type: `dumb` and the Linux console get no glyphs.
pub const TERM: &str = "TERM";
/// The browser `tab login --web` opens (else the platform's opener).
pub const BROWSER: &str = "BROWSER";
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
/// The URL people reach the server at (`--public-url`).
pub const TAB_PUBLIC_URL: &str = "TAB_PUBLIC_URL";
/// `tab server serve`: the proxies whose `X-Forwarded-For` is believed (comma-separated).
pub const TAB_TRUSTED_PROXIES: &str = "TAB_TRUSTED_PROXIES";
/// `tab server serve`: the SMTP server of the new-device alert mail (`--smtp-url`).
pub const TAB_SMTP_URL: &str = "TAB_SMTP_URL";
/// `tab server serve`: the password of the SMTP URL's user; read, never a flag.
pub const TAB_SMTP_PASSWORD: &str = "TAB_SMTP_PASSWORD";
/// `tab server serve`: the alert mail's sender (`--mail-from`).
pub const TAB_MAIL_FROM: &str = "TAB_MAIL_FROM";
/// `tab server serve`: the metrics listener's address (`--metrics-listen`).
pub const TAB_METRICS_LISTEN: &str = "TAB_METRICS_LISTEN";
/// `tab server serve`: the retention window (`--retention`).
pub const TAB_RETENTION: &str = "TAB_RETENTION";
/// The server's log level (`debug`, `info`, `warn`).
pub const TAB_LOG: &str = "TAB_LOG";

/// The variables a user of `tab` sets, with what each does, for `--help` and the man
/// pages' ENVIRONMENT section.
pub const DOCUMENTED: &[(&str, &str)] = &[
    (
        TAB_SERVER,
        "the TAB server, as --server (remembered per profile at login)",
    ),
    (
        TAB_PROFILE,
        "which saved sign-in to use, as --profile (default `default`)",
    ),
    (
        TAB_TOKEN,
        "a token to use instead of the stored one (see `tab token`)",
    ),
    (
        TAB_CONFIG_DIR,
        "where the configuration lives (default ~/.config/tab)",
    ),
    (
        NO_COLOR,
        "no colour under --color auto, when set and not empty",
    ),
    (
        BROWSER,
        "the browser `tab login --web` opens (default: xdg-open, open)",
    ),
    (
        COLUMNS,
        "how wide tables may be (default the terminal's width)",
    ),
    (TAB_DATABASE_URL, "tab server: the database, as --database"),
    (TAB_LISTEN, "tab server serve: the address, as --listen"),
    (
        TAB_JWT_SECRET,
        "tab server serve: the signing key, at least 32 bytes (set it on PostgreSQL)",
    ),
    (
        TAB_LOG,
        "tab server serve: the log level, trace, debug, info or warn (default info)",
    ),
    (
        TAB_MAX_CONNECTIONS,
        "tab server serve: connections at once, as --max-connections",
    ),
    (
        TAB_HEADER_TIMEOUT,
        "tab server serve: seconds for a request's headers, as --header-timeout",
    ),
    (
        TAB_REQUEST_TIMEOUT,
        "tab server serve: seconds for a whole request, as --request-timeout",
    ),
    (
        TAB_PUBLIC_URL,
        "tab server serve: the URL people reach it at, as --public-url",
    ),
    (
        TAB_TRUSTED_PROXIES,
        "tab server serve: trusted proxies, comma-separated, as --trusted-proxy",
    ),
    (
        TAB_SMTP_URL,
        "tab server serve: the alert mail's SMTP server, as --smtp-url",
    ),
    (
        TAB_SMTP_PASSWORD,
        "tab server serve: the password of the SMTP URL's user",
    ),
    (
        TAB_MAIL_FROM,
        "tab server serve: the alert mail's sender, as --mail-from",
    ),
    (
        TAB_METRICS_LISTEN,
        "tab server serve: the metrics listener, as --metrics-listen",
    ),
    (
        TAB_RETENTION,
        "tab server serve: the retention window, as --retention",
    ),
];

/// The "Environment:" part of `tab --help`.
pub fn help() -> String {
    let width = DOCUMENTED
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    let mut text = String::from("Environment:\n");
    for (name, what) in DOCUMENTED {
        text.push_str(&format!("  {name:<width$}  {what}\n"));
    }
    text
}

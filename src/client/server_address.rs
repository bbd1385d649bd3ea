//! Server addresses: which are acceptable (https anywhere, plain http only on loopback),
//! which name this machine, and the User-Agent `tab` sends to them.

use url::Url;

use crate::error::CliError;
use crate::render;

/// `tab/0.1.0 (Linux)`: what `tab` is, its version and the system, which the server
/// turns into the session's `device` (`tab 0.1.0 on Linux`).
pub fn user_agent() -> String {
    format!("tab/{} ({})", env!("CARGO_PKG_VERSION"), operating_system())
}

/// This `tab` in words, as the approval page shows it: `tab 0.1.0 on Linux`.
pub fn agent_in_words() -> String {
    format!(
        "tab {} on {}",
        env!("CARGO_PKG_VERSION"),
        operating_system()
    )
}

/// This machine's operating system as people write it (`Linux`, `macOS`): the one
/// spelling the User-Agent, the approval page and the default label share.
pub fn operating_system() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "macOS",
        "windows" => "Windows",
        "freebsd" => "FreeBSD",
        other => other,
    }
}

/// Whether a server address names this machine: 127.0.0.0/8, ::1 or localhost.
pub(super) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Checks a server address: https anywhere, plain http only on loopback.
pub fn parse_server(text: &str) -> Result<Url, CliError> {
    let hint = Some(
        "give the server as https://HOST (http:// only for 127.0.0.1, ::1 or localhost)".into(),
    );
    let text = text.trim();
    if !text.contains("://") {
        // `127.0.0.1:7878` or `tab.example.com`: the scheme is missing; say which to add.
        let host = text.split(['/', ':']).next().unwrap_or(text);
        let local = host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        let scheme = if local { "http" } else { "https" };
        let shown = render::server_sentence(text);
        return Err(CliError::usage(
            format!("'{shown}' is not a server address: it has no scheme"),
            Some(format!("did you mean {scheme}://{shown}?")),
        ));
    }
    let url = Url::parse(text).map_err(|_| {
        CliError::usage(
            format!(
                "'{}' is not a server address",
                render::server_sentence(text)
            ),
            hint.clone(),
        )
    })?;
    let loopback = is_loopback(&url);
    match url.scheme() {
        "https" if url.host().is_some() => {}
        "http" if loopback => {}
        "http" => {
            return Err(CliError::usage(
                format!(
                    "refusing plain http:// for {}: tokens would cross the network unencrypted",
                    url.host_str().unwrap_or("")
                ),
                hint,
            ));
        }
        _ => {
            return Err(CliError::usage(
                format!(
                    "'{}' is not an http(s) server address",
                    render::server_sentence(text)
                ),
                hint,
            ));
        }
    }
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
        return Err(CliError::usage(
            "the server address must not carry credentials or a query",
            hint,
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_scheme_is_suggested() {
        let hint = |text: &str| parse_server(text).err().and_then(|e| e.hint());
        assert_eq!(
            hint("127.0.0.1:7878").as_deref(),
            Some("did you mean http://127.0.0.1:7878?")
        );
        assert_eq!(
            hint("localhost:7878").as_deref(),
            Some("did you mean http://localhost:7878?")
        );
        assert_eq!(
            hint("tab.example.com").as_deref(),
            Some("did you mean https://tab.example.com?")
        );
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(parse_server("http://127.0.0.1:7878").is_ok());
        assert!(parse_server("http://localhost:7878").is_ok());
        assert!(parse_server("http://[::1]:7878").is_ok());
        assert!(parse_server("https://tab.example.com").is_ok());
        assert!(parse_server("http://tab.example.com").is_err());
        assert!(parse_server("http://10.0.0.1").is_err());
        assert!(parse_server("ftp://localhost").is_err());
        assert!(parse_server("not a url").is_err());
        assert!(parse_server("https://user:pw@tab.example.com").is_err());
    }
}

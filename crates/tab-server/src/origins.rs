//! Which names this server answers to, and which origin is its own.
//!
//! - **Host.** A page on `rebind.evil.example` whose name an attacker points at
//!   `127.0.0.1` (DNS rebinding) is, to the browser, same-origin with its own site: it
//!   could guess passwords against a loopback server and lock accounts out. Every request
//!   names the host it meant, so the listener refuses (421) a `Host` that is not the
//!   listening address, a loopback name or address (when listening on loopback), or the
//!   `--public-url` host, before any handler runs. A rebinding needs a DNS name, so on an
//!   unspecified address (`0.0.0.0`) any IP literal is accepted, and names only through
//!   `--public-url`.
//! - **Origin.** A cookie-authenticated change (and any sign-in from a browser) is
//!   refused (403) when the browser says it comes from another site (`Sec-Fetch-Site:
//!   cross-site` or `same-site`) or from an `Origin` that is not this server's own: a
//!   defence in depth behind the `X-Requested-With: tab` header (OWASP's CSRF cheat
//!   sheet), which today only the preflight keeps other sites from sending.

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, StatusCode, header};
use tab_api::ErrorCode;

use crate::error::ApiError;

/// The names and the origin this server answers to, decided once at start.
#[derive(Debug, Clone)]
pub(crate) struct Origins {
    listen: IpAddr,
    /// The `--public-url` host, lowercase.
    public_host: Option<String>,
    /// The `--public-url` origin (`https://tab.example.com`).
    public_origin: Option<String>,
}

impl Origins {
    /// The policy of a server listening on `listen` and reached at `public_url`.
    pub(crate) fn new(listen: SocketAddr, public_url: Option<&url::Url>) -> Origins {
        Origins {
            listen: listen.ip(),
            public_host: public_url
                .and_then(|url| url.host_str())
                .map(|host| host.trim_matches(['[', ']']).to_ascii_lowercase()),
            public_origin: public_url.map(|url| url.origin().ascii_serialization()),
        }
    }

    /// The `--public-url` origin (`https://tab.example.com`), when one was given.
    pub(crate) fn public_origin(&self) -> Option<&str> {
        self.public_origin.as_deref()
    }

    /// Whether the listening address can be reached through loopback.
    fn reachable_on_loopback(&self) -> bool {
        self.listen.is_loopback() || self.listen.is_unspecified()
    }

    /// Whether a request whose `Host` (or absolute URI's authority) is `authority` is for
    /// this server.
    pub(crate) fn accepts_host(&self, authority: &str) -> bool {
        let Some(host) = host_of(authority) else {
            return false;
        };
        if self.public_host.as_deref() == Some(host.as_str()) {
            return true;
        }
        match host.parse::<IpAddr>() {
            Ok(ip) => {
                let ip = canonical(ip);
                ip == canonical(self.listen)
                    || self.listen.is_unspecified()
                    || (self.listen.is_loopback() && ip.is_loopback())
            }
            Err(_) => {
                self.reachable_on_loopback()
                    && (host == "localhost" || host.ends_with(".localhost"))
            }
        }
    }

    /// Refuses (403) a request that a browser says comes from another site or origin;
    /// requests without those headers (every non-browser client) pass.
    pub(crate) fn refuse_cross_site(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let fetch_site = headers
            .get("sec-fetch-site")
            .map(|value| value.as_bytes().to_ascii_lowercase());
        if matches!(fetch_site.as_deref(), Some(b"cross-site" | b"same-site")) {
            return Err(cross_site());
        }
        let Some(origin) = headers.get(header::ORIGIN) else {
            return Ok(());
        };
        let origin = origin.to_str().map_err(|_| cross_site())?;
        let host = headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok());
        if self.is_own_origin(origin, host) {
            Ok(())
        } else {
            Err(cross_site())
        }
    }

    /// Whether `origin` (`http://127.0.0.1:7878`) is this server's: the public URL's
    /// origin, or the scheme-and-authority the request itself was sent to (`host`, already
    /// accepted by [`Origins::accepts_host`]).
    fn is_own_origin(&self, origin: &str, host: Option<&str>) -> bool {
        let origin = origin.trim_end_matches('/').to_ascii_lowercase();
        if self.public_origin.as_deref() == Some(origin.as_str()) {
            return true;
        }
        let Some((scheme, authority)) = origin.split_once("://") else {
            return false; // `null`, or nonsense
        };
        let default_port = match scheme {
            "http" => ":80",
            "https" => ":443",
            _ => return false,
        };
        let Some(host) = host.map(str::to_ascii_lowercase) else {
            return false;
        };
        let host = host.strip_suffix(default_port).unwrap_or(&host);
        !authority.is_empty() && authority == host
    }
}

/// The host part of an authority (`Host: 127.0.0.1:7878`, `[::1]:80`, `localhost.`),
/// lowercase, without a trailing dot; `None` when it is empty or malformed.
fn host_of(authority: &str) -> Option<String> {
    let authority = authority.trim();
    let host = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.starts_with(':')) {
            return None;
        }
        inside
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
            Some(_) => return None,
            None => authority,
        }
    };
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let well_formed = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'_'));
    well_formed.then_some(host)
}

/// An address with IPv4-mapped IPv6 read as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The 403 for a change a browser sent from another site.
fn cross_site() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ErrorCode::CsrfCheckFailed,
        "This change came from a page of another site, so it was refused",
    )
}

/// The 421 for a request meant for another host name.
pub(crate) fn misdirected() -> ApiError {
    ApiError::new(
        StatusCode::MISDIRECTED_REQUEST,
        ErrorCode::MisdirectedRequest,
        "This server does not answer to that host name; use its own address",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(listen: &str, public: Option<&str>) -> Origins {
        let public = public.map(|text| url::Url::parse(text).expect("url"));
        Origins::new(listen.parse().expect("address"), public.as_ref())
    }

    #[test]
    fn a_loopback_server_answers_to_loopback_names_only() {
        let origins = on("127.0.0.1:7878", None);
        for host in [
            "127.0.0.1:7878",
            "127.0.0.1",
            "127.9.9.9:1",
            "localhost:7878",
            "LOCALHOST",
            "localhost.",
            "app.localhost:7878",
            "[::1]:7878",
        ] {
            assert!(origins.accepts_host(host), "{host}");
        }
        for host in [
            "rebind.evil.example:7878",
            "evil.example",
            "localhost.evil.example",
            "192.168.1.5:7878",
            "",
            ":7878",
            "127.0.0.1:x",
            "[::1",
            "a b",
            "evil.example\u{0}",
        ] {
            assert!(!origins.accepts_host(host), "{host:?}");
        }
    }

    #[test]
    fn a_public_url_adds_its_host_and_an_unspecified_address_any_ip_literal() {
        let origins = on("0.0.0.0:7878", Some("https://tab.example.com/"));
        for host in [
            "tab.example.com",
            "TAB.example.com:443",
            "192.168.1.5:7878",
            "localhost",
        ] {
            assert!(origins.accepts_host(host), "{host}");
        }
        assert!(!origins.accepts_host("rebind.evil.example"));
        let origins = on("192.168.1.5:7878", None);
        assert!(origins.accepts_host("192.168.1.5:7878"));
        assert!(!origins.accepts_host("127.0.0.1:7878"));
        assert!(!origins.accepts_host("localhost:7878"));
    }

    #[test]
    fn only_the_servers_own_origin_may_send_a_change() {
        let origins = on("127.0.0.1:7878", None);
        let headers = |pairs: &[(&'static str, &str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, value.parse().expect("header value"));
            }
            map
        };
        let host = ("host", "127.0.0.1:7878");
        let passes =
            |pairs: &[(&'static str, &str)]| origins.refuse_cross_site(&headers(pairs)).is_ok();
        assert!(passes(&[host]));
        assert!(passes(&[host, ("origin", "http://127.0.0.1:7878")]));
        assert!(passes(&[host, ("sec-fetch-site", "same-origin")]));
        assert!(!passes(&[host, ("origin", "https://evil.example")]));
        assert!(!passes(&[host, ("origin", "http://127.0.0.1:9999")]));
        assert!(!passes(&[host, ("origin", "null")]));
        assert!(!passes(&[host, ("sec-fetch-site", "cross-site")]));
        assert!(!passes(&[host, ("sec-fetch-site", "same-site")]));
        assert!(!passes(&[
            host,
            ("origin", "http://127.0.0.1:7878"),
            ("sec-fetch-site", "cross-site")
        ]));
        let public = on("127.0.0.1:7878", Some("https://tab.example.com"));
        let behind_proxy = headers(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "https://tab.example.com"),
        ]);
        assert!(public.refuse_cross_site(&behind_proxy).is_ok());
        let https_default_port = headers(&[
            ("host", "tab.example.com:443"),
            ("origin", "https://tab.example.com"),
        ]);
        assert!(origins.refuse_cross_site(&https_default_port).is_ok());
    }
}

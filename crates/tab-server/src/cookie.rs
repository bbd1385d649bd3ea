//! The browser's session cookie: its name and attributes, decided once from where the
//! server listens and its public URL. It is `__Host-tab_session` with `Secure` behind an
//! https URL and on loopback (Chromium and Firefox treat `http://localhost` and
//! `127.0.0.1` as secure contexts and keep a `Secure` cookie there), so that a page on
//! another port of the same host, which shares the browser's cookies for that host,
//! cannot plant a second cookie under another path: a `__Host-` cookie must have
//! `Path=/`. Elsewhere (plain http on a network address) it is `tab_session`, since a
//! browser would not keep a `Secure` cookie from there at all.
//!
//! Only the chosen name is read, and a request carrying it more than once is refused as
//! ambiguous rather than guessed at (see `auth`).

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderValue;

/// How this server names and flags the session cookie.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SessionCookie {
    name: &'static str,
    secure: bool,
}

impl SessionCookie {
    /// The cookie for a server listening on `listen` and reached at `public_url` (`None`:
    /// as it listens).
    pub(crate) fn new(listen: SocketAddr, public_url: Option<&url::Url>) -> SessionCookie {
        let secure = match public_url {
            Some(url) => url.scheme() == "https" || url_is_loopback(url),
            None => listen.ip().is_loopback(),
        };
        if secure {
            SessionCookie {
                name: tab_api::SECURE_SESSION_COOKIE,
                secure: true,
            }
        } else {
            SessionCookie {
                name: tab_api::SESSION_COOKIE,
                secure: false,
            }
        }
    }

    /// The cookie's name; the only one the server reads.
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    /// `Set-Cookie` carrying `token` for the session's lifetime.
    pub(crate) fn set(&self, token: &str) -> Option<HeaderValue> {
        self.header(token, "/", tab_api::SESSION_LIFETIME_SECS)
    }

    /// `Set-Cookie` that makes the browser forget the cookie.
    pub(crate) fn clear(&self) -> HeaderValue {
        self.header("", "/", 0)
            .unwrap_or_else(|| HeaderValue::from_static("tab_session=; Path=/; Max-Age=0"))
    }

    /// `Set-Cookie` headers that make the browser forget every cookie of this name it
    /// could send to `request_path`: the one at `/` and, for the plain name (which any
    /// page of the host may set under any path), one under each directory of the path.
    /// A cookie planted under another path cannot be reached from here; it is refused as
    /// ambiguous again until its page is gone.
    pub(crate) fn clear_all(&self, request_path: &str) -> Vec<HeaderValue> {
        let mut paths = vec!["/".to_string()];
        if !self.secure {
            let mut prefix = String::new();
            for segment in request_path.split('/').filter(|s| !s.is_empty()).take(8) {
                prefix.push('/');
                prefix.push_str(segment);
                paths.push(prefix.clone());
            }
        }
        paths
            .iter()
            .filter_map(|path| self.header("", path, 0))
            .collect()
    }

    fn header(&self, value: &str, path: &str, max_age: i64) -> Option<HeaderValue> {
        let secure = if self.secure { "; Secure" } else { "" };
        let text = format!(
            "{}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
            self.name
        );
        // A token is base64url and dots, and a path is what the router matched, so this
        // only fails on a broken signer or a path with bytes a header cannot carry.
        HeaderValue::from_str(&text).ok()
    }
}

/// Whether a URL's host is `localhost` or a loopback address.
fn url_is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_public_url_makes_the_cookie_host_only_and_secure() {
        let url = url::Url::parse("https://tab.example.com/").expect("url");
        let cookie = SessionCookie::new("127.0.0.1:7878".parse().expect("address"), Some(&url));
        assert_eq!(cookie.name(), "__Host-tab_session");
        let set = cookie.set("abc").expect("header");
        assert_eq!(
            set.to_str().expect("ascii"),
            "__Host-tab_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800; Secure"
        );
    }

    #[test]
    fn loopback_gets_the_host_only_secure_cookie_too() {
        let loopback: SocketAddr = "127.0.0.1:7878".parse().expect("address");
        let url = url::Url::parse("http://localhost:7878/").expect("url");
        for cookie in [
            SessionCookie::new(loopback, None),
            SessionCookie::new(loopback, Some(&url)),
        ] {
            assert_eq!(cookie.name(), "__Host-tab_session");
            assert_eq!(
                cookie.clear_all("/api/v1/sessions"),
                vec!["__Host-tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"]
            );
        }
    }

    #[test]
    fn plain_http_on_a_network_address_keeps_the_plain_name_without_secure() {
        let any: SocketAddr = "0.0.0.0:7878".parse().expect("address");
        let url = url::Url::parse("http://192.168.1.5:7878/").expect("url");
        for cookie in [
            SessionCookie::new(any, Some(&url)),
            SessionCookie::new(any, None),
        ] {
            assert_eq!(cookie.name(), "tab_session");
            assert_eq!(
                cookie.clear().to_str().expect("ascii"),
                "tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
            );
            let cleared: Vec<String> = cookie
                .clear_all("/api/v1/sessions")
                .iter()
                .map(|value| value.to_str().expect("ascii").to_string())
                .collect();
            assert_eq!(
                cleared,
                [
                    "tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
                    "tab_session=; Path=/api; HttpOnly; SameSite=Lax; Max-Age=0",
                    "tab_session=; Path=/api/v1; HttpOnly; SameSite=Lax; Max-Age=0",
                    "tab_session=; Path=/api/v1/sessions; HttpOnly; SameSite=Lax; Max-Age=0",
                ]
            );
        }
    }
}

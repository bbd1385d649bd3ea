//! The browser's session cookie: its name and attributes, decided once from the server's
//! public URL. Behind an https URL it is `__Host-tab_session` with `Secure`; otherwise
//! (loopback, plain http) `tab_session` without it, since a browser would not send a
//! `Secure` cookie over http at all.

use axum::http::HeaderValue;

/// How this server names and flags the session cookie.
#[derive(Debug, Clone, Copy)]
pub struct SessionCookie {
    name: &'static str,
    secure: bool,
}

impl SessionCookie {
    /// The cookie for a server reached at `public_url` (`None`: as it listens, plain http).
    pub fn for_public_url(public_url: Option<&url::Url>) -> SessionCookie {
        if public_url.is_some_and(|url| url.scheme() == "https") {
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
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// `Set-Cookie` carrying `token` for the session's lifetime.
    pub fn set(&self, token: &str) -> Option<HeaderValue> {
        self.header(token, tab_api::SESSION_LIFETIME_SECS)
    }

    /// `Set-Cookie` that makes the browser forget the cookie.
    pub fn clear(&self) -> HeaderValue {
        self.header("", 0)
            .unwrap_or_else(|| HeaderValue::from_static("tab_session=; Path=/; Max-Age=0"))
    }

    fn header(&self, value: &str, max_age: i64) -> Option<HeaderValue> {
        let secure = if self.secure { "; Secure" } else { "" };
        let text = format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
            self.name
        );
        // A token is base64url and dots, so this only fails on a broken signer.
        HeaderValue::from_str(&text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_public_url_makes_the_cookie_host_only_and_secure() {
        let url = url::Url::parse("https://tab.example.com/").expect("url");
        let cookie = SessionCookie::for_public_url(Some(&url));
        assert_eq!(cookie.name(), "__Host-tab_session");
        let set = cookie.set("abc").expect("header");
        assert_eq!(
            set.to_str().expect("ascii"),
            "__Host-tab_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800; Secure"
        );
    }

    #[test]
    fn plain_http_keeps_the_plain_name_without_secure() {
        let url = url::Url::parse("http://127.0.0.1:7878/").expect("url");
        for cookie in [
            SessionCookie::for_public_url(Some(&url)),
            SessionCookie::for_public_url(None),
        ] {
            assert_eq!(cookie.name(), "tab_session");
            assert_eq!(
                cookie.clear().to_str().expect("ascii"),
                "tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
            );
        }
    }
}

//! The headers every answer of the server carries, the API's, the pages' and the
//! listener's own (408, 421, 431, ...) alike: a Content-Security-Policy that allows only
//! this origin's own script and style (no inline script, so an injected tag cannot run),
//! no framing (a trash-can button must not be clickjacked), no sniffing, no referrer, and
//! `Cache-Control: no-store` unless a handler chose otherwise.

use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::Response;

/// The policy every answer carries. `connect-src 'self'` lets the script call the API;
/// nothing may load from elsewhere, and no page may frame this one.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'none'; \
     base-uri 'none'; frame-ancestors 'none'";

/// The fixed headers, in the order they are written.
fn fixed() -> [(HeaderName, HeaderValue); 5] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ]
}

/// Adds the security headers to `headers`; a handler's own `Cache-Control` stays.
pub(crate) fn add_security_headers(headers: &mut HeaderMap) {
    for (name, value) in fixed() {
        headers.insert(name, value);
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
}

/// Adds the security headers to every answer; a handler's own `Cache-Control` stays.
pub(crate) fn with_security_headers(mut response: Response) -> Response {
    add_security_headers(response.headers_mut());
    response
}

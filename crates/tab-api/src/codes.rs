//! Stable error codes of the API: the `error` field of every error body. The client
//! maps them to exit codes; the page's script to sentences.

/// The request body or a path parameter is malformed.
pub const BAD_REQUEST: &str = "bad_request";
/// Wrong email or password.
pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
/// Too many failed sign-ins.
pub const RATE_LIMITED: &str = "rate_limited";
/// No token was sent.
pub const MISSING_TOKEN: &str = "missing_token";
/// The token is malformed, forged or names a session that is not the sender's.
pub const INVALID_TOKEN: &str = "invalid_token";
/// The session named by the token was revoked.
pub const SESSION_REVOKED: &str = "session_revoked";
/// The session named by the token has expired.
pub const SESSION_EXPIRED: &str = "session_expired";
/// No session of the caller's has that id, or no such route.
pub const NOT_FOUND: &str = "not_found";
/// That is the caller's own current session.
pub const CURRENT_SESSION: &str = "current_session";
/// A state-changing request authenticated by cookie lacked `X-Requested-With: tab`.
pub const CSRF: &str = "csrf_check_failed";
/// The method is not allowed on this path.
pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
/// The request body is larger than the server accepts.
pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
/// The request body is not JSON.
pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
/// 503: the database cannot be reached, or the server is too busy right now.
pub const UNAVAILABLE: &str = "unavailable";
/// 408: the request took longer than the server's request timeout.
pub const REQUEST_TIMEOUT: &str = "request_timeout";
/// Something unexpected failed on the server.
pub const INTERNAL: &str = "internal";
/// 401: the request carried more than one session cookie (one may have been planted by
/// another page on the same host), so the server cannot tell which is the browser's.
pub const AMBIGUOUS_SESSION_COOKIE: &str = "ambiguous_session_cookie";
/// 421: the request's `Host` is not a name this server answers to (a DNS-rebinding
/// page, or a client that was given the wrong address).
pub const MISDIRECTED_REQUEST: &str = "misdirected_request";
/// 431: the request's headers are larger than the server accepts.
pub const HEADERS_TOO_LARGE: &str = "request_header_fields_too_large";
/// 403 at sign-in: the password is right, but the account is disabled (`tab server user
/// disable`).
pub const ACCOUNT_DISABLED: &str = "account_disabled";
/// 403: the caller is not an enabled administrator (on every `/admin/` route, before
/// anything else is looked up).
pub const FORBIDDEN: &str = "forbidden";
/// 409 on an admin route: the change would leave the firm without an enabled
/// administrator, or is an administrator's own account.
pub const CONFLICT: &str = "conflict";
/// `POST /auth/device/token`: not approved yet; poll again after the interval.
pub const AUTHORIZATION_PENDING: &str = "authorization_pending";
/// `POST /auth/device/token`: polled too soon; the interval grew by 5 seconds.
pub const SLOW_DOWN: &str = "slow_down";
/// The device code (or loopback code) expired.
pub const EXPIRED_TOKEN: &str = "expired_token";
/// The person denied the sign-in.
pub const ACCESS_DENIED: &str = "access_denied";
/// The code is unknown, used already, or not bound to this verifier.
pub const INVALID_GRANT: &str = "invalid_grant";
/// `GET /health/ready`: the database does not answer, or its schema is not this server's.
pub const NOT_READY: &str = "not_ready";

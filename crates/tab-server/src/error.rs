//! The one error type handlers return, and how it becomes an HTTP answer:
//! `{"error": code, "message": sentence}`, with `WWW-Authenticate` on every 401 and
//! `Retry-After` on 429 and on a busy 503. Store failures are logged here and answered without detail.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tab_api::{EndedBy, ErrorBody, ErrorCode, SignInLimit};

use crate::store::StoreError;

/// An API failure: a status, a stable code and one sentence for a person.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    retry_after_secs: Option<u64>,
    /// `Set-Cookie` headers the answer carries (to clear cookies it refused).
    set_cookies: Vec<HeaderValue>,
    /// The one extra field some errors carry.
    extra: Extra,
}

/// The field beside `error` and `message` that some answers carry (one at most).
#[derive(Debug, Clone, Copy)]
enum Extra {
    None,
    /// Which sign-in limit a 429 is about.
    Limit(SignInLimit),
    /// Who ended a revoked session, in general terms.
    EndedBy(EndedBy),
    /// The polling interval a `slow_down` sets.
    Interval(u64),
}

impl ApiError {
    /// Any status, code and message.
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after_secs: None,
            set_cookies: Vec::new(),
            extra: Extra::None,
        }
    }

    /// 401 `ambiguous_session_cookie`, clearing the cookies it can (`clear`).
    pub(crate) fn ambiguous_cookie(clear: Vec<HeaderValue>) -> Self {
        let mut error = Self::unauthorized(
            ErrorCode::AmbiguousSessionCookie,
            "The browser sent more than one session cookie, so neither was used; sign in again",
        );
        error.set_cookies = clear;
        error
    }

    /// 400 `bad_request`.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, message)
    }

    /// 401 with one of the token codes.
    pub(crate) fn unauthorized(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// 401 `session_revoked`.
    pub(crate) fn session_revoked() -> Self {
        Self::unauthorized(
            ErrorCode::SessionRevoked,
            "This session has been signed out; sign in again",
        )
    }

    /// 401 `session_revoked` by an administrator or the server's operator, said in
    /// general terms: never which administrator, since whoever holds an ended token may
    /// be the thief.
    pub(crate) fn session_revoked_by(by: EndedBy) -> Self {
        let message = if by == EndedBy::Operator {
            "This session was signed out by the server's operator; sign in again"
        } else {
            "This session was signed out by an administrator; sign in again"
        };
        let mut error = Self::unauthorized(ErrorCode::SessionRevoked, message);
        error.extra = Extra::EndedBy(by);
        error
    }

    /// 400 `slow_down`: a device polled too soon; wait `interval` seconds from now on.
    pub(crate) fn slow_down(interval: u64) -> Self {
        let mut error = Self::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::SlowDown,
            format!("Polled too soon; wait {interval} seconds between polls"),
        );
        error.extra = Extra::Interval(interval);
        error
    }

    /// 401 `session_expired`.
    pub(crate) fn session_expired() -> Self {
        Self::unauthorized(
            ErrorCode::SessionExpired,
            "This session has expired; sign in again",
        )
    }

    /// 401 `invalid_token`.
    pub(crate) fn invalid_token() -> Self {
        Self::unauthorized(
            ErrorCode::InvalidToken,
            "The token is not valid; sign in again",
        )
    }

    /// 404 `not_found`.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    /// 429 `rate_limited`: `what` happened too often, against `limit`; retry after `secs`
    /// seconds.
    pub(crate) fn rate_limited(what: &str, limit: SignInLimit, secs: u64) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!("{what}; try again in {secs} seconds"),
        )
        .retry_after(secs);
        error.extra = Extra::Limit(limit);
        error
    }

    /// 503 `unavailable`: the database does not answer.
    pub(crate) fn database_unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "The database is not answering; try again shortly",
        )
    }

    /// 503 `unavailable`: the server is too busy for this now; retry after `secs` seconds.
    pub(crate) fn busy(message: &str, secs: u64) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            message,
        )
        .retry_after(secs)
    }

    fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// 500 `internal`, after logging what went wrong for the operator.
    pub(crate) fn internal(context: &str, detail: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %detail, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "The server hit an unexpected error; try again",
        )
    }
}

impl ApiError {
    /// The error's code (`invalid_credentials`, ...).
    pub(crate) fn code(&self) -> ErrorCode {
        self.code
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        crate::metrics::metrics().database_error();
        if error.is_unavailable() {
            tracing::error!(error = %error.describe(), "database unavailable");
            ApiError::database_unavailable()
        } else {
            ApiError::internal("store", error.describe())
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.code,
            message: self.message,
            limit: match self.extra {
                Extra::Limit(limit) => Some(limit),
                _ => None,
            },
            ended_by: match self.extra {
                Extra::EndedBy(by) => Some(by),
                _ => None,
            },
            interval: match self.extra {
                Extra::Interval(secs) => Some(secs),
                _ => None,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            // The contract puts `error="invalid_token"` on every token failure, a missing
            // token included; a wrong password is not a token failure.
            let challenge = if self.code == ErrorCode::InvalidCredentials {
                "Bearer realm=\"tab\""
            } else {
                "Bearer realm=\"tab\", error=\"invalid_token\""
            };
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        if let Some(secs) = self.retry_after_secs {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        for cookie in self.set_cookies {
            headers.append(header::SET_COOKIE, cookie);
        }
        response
    }
}

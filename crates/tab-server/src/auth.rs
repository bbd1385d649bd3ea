//! The per-request session check.
//!
//! Every protected request goes through [`Caller`]'s extractor, which checks, in the
//! contract's order: a token is present and well formed, its HS256 signature, `exp`, then
//! the `device_sessions` row named by `sid`, read from the database on every request (no
//! cache, so a revoke takes effect on the very next request on every process).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use tab_api::ErrorCode;

use crate::cookie::SessionCookie;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::SessionRecord;
use crate::tokens::Claims;

/// How often `last_seen_at` may be refreshed, per session.
const LAST_SEEN_EVERY_MS: i64 = 60_000;

/// The authenticated caller of a protected endpoint: the user and the live session
/// that made the request.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The session that made the request, as of this request (its `user_id` is the
    /// token's `sub`: [`Caller::user_id`]).
    pub session: SessionRecord,
    /// The address the request came from.
    pub ip: String,
}

/// Where the token came from; a cookie needs the CSRF header on state changes, and a
/// change from this server's own origin.
enum TokenSource<'a> {
    Header(&'a str),
    Cookie(&'a str),
}

fn find_token<'a>(parts: &'a Parts, cookie: &SessionCookie) -> Result<TokenSource<'a>, ApiError> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| ApiError::invalid_token())?;
        let (scheme, token) = value.split_once(' ').ok_or_else(ApiError::invalid_token)?;
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(ApiError::invalid_token());
        }
        return Ok(TokenSource::Header(token.trim()));
    }
    let mut found = None;
    let named = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|cookies| cookies.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == cookie.name());
    for (_, value) in named {
        // A second cookie of the name may have been planted by another page of this
        // host (cookies do not keep ports apart): use neither, rather than the first.
        if found.is_some() {
            tracing::warn!("a request carried two session cookies: refused as ambiguous");
            return Err(ApiError::ambiguous_cookie(
                cookie.clear_all(parts.uri.path()),
            ));
        }
        found = Some(value);
    }
    match found {
        Some(value) if !value.is_empty() => Ok(TokenSource::Cookie(value)),
        _ => Err(ApiError::unauthorized(
            ErrorCode::MissingToken,
            "Sign in first: this endpoint needs a token",
        )),
    }
}

/// The verified claims of the request's token: present, well formed, signed with our
/// key, not expired, and (for a cookie on a state change) CSRF-guarded. The session row
/// is not checked yet: [`admit`] does that.
pub(crate) struct VerifiedClaims(pub Claims);

impl FromRequestParts<AppState> for VerifiedClaims {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = match find_token(parts, &state.cookie)? {
            TokenSource::Header(token) => token,
            TokenSource::Cookie(token) => {
                let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
                let guarded = parts
                    .headers
                    .get("x-requested-with")
                    .is_some_and(|v| v.as_bytes() == b"tab");
                if !safe && !guarded {
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        ErrorCode::CsrfCheckFailed,
                        "A cookie-authenticated change needs the header X-Requested-With: tab",
                    ));
                }
                if !safe {
                    state.origins.refuse_cross_site(&parts.headers)?;
                }
                token
            }
        };
        state.keys.verify(token).map(VerifiedClaims)
    }
}

/// The address of the TCP peer, as text (`203.0.113.7`, `2001:db8::1`); IPv4-mapped
/// IPv6 reads as IPv4. Empty when the connection's address is unknown (never on a
/// server that runs through `listener`).
pub(crate) fn peer_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| ip_text(info.0.ip()))
        .unwrap_or_default()
}

/// An address as the API shows it.
pub(crate) fn ip_text(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => v6.to_string(),
        },
        v4 => v4.to_string(),
    }
}

/// The last check, on the session row named by `sid` as just read from the database: it
/// exists, belongs to `sub`, is not revoked and not expired. Refreshes `last_seen_at` when
/// it is more than a minute old.
pub(crate) async fn admit(
    state: &AppState,
    claims: Claims,
    row: Option<SessionRecord>,
    ip: String,
) -> Result<Caller, ApiError> {
    let Some(mut session) = row else {
        tracing::debug!("token refused: its session row does not exist");
        return Err(ApiError::invalid_token());
    };
    if session.id != claims.sid || session.user_id != claims.sub {
        return Err(ApiError::invalid_token());
    }
    let now = crate::now();
    if !session.is_live(now) {
        return Err(if session.revoked_at.is_some() {
            // Off the hot path: only a revoked session's request reads who ended it, so
            // that the device can say it was an administrator or the operator.
            match state.store.ended_by(&session.id).await {
                Ok(Some(by)) if by.starts_with(crate::store::ADMIN_PREFIX) => {
                    ApiError::session_revoked_by(tab_api::EndedBy::Admin)
                }
                Ok(Some(by)) if by == crate::store::OPERATOR => {
                    ApiError::session_revoked_by(tab_api::EndedBy::Operator)
                }
                _ => ApiError::session_revoked(),
            }
        } else {
            ApiError::session_expired()
        });
    }
    let moved = session.ip.as_deref() != Some(ip.as_str());
    if (session.last_seen_at < now - LAST_SEEN_EVERY_MS || moved)
        && state
            .store
            .touch_session(&session.id, now, now - LAST_SEEN_EVERY_MS, &ip)
            .await?
    {
        session.last_seen_at = now;
        session.ip = Some(ip.clone());
    }
    tracing::trace!(session = %session.id, "token and session row checked: live");
    Ok(Caller { session, ip })
}

impl Caller {
    /// The caller's account (the token's `sub`, checked against the session row).
    pub(crate) fn user_id(&self) -> &crate::store::UserId {
        &self.session.user_id
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let VerifiedClaims(claims) = VerifiedClaims::from_request_parts(parts, state).await?;
        let row = state.store.session(&claims.sid).await?;
        admit(state, claims, row, peer_ip(parts)).await
    }
}

/// A caller whose account is an enabled administrator, read from the users table on this
/// very request (never from the token: a demoted or disabled admin is refused on the next
/// one). Every `/admin/` handler takes it first, so that a non-admin gets 403 before any
/// path parameter is looked at or any lookup is made (no oracle).
pub(crate) struct Admin {
    /// The administrator's request.
    pub caller: Caller,
    /// The administrator's email, for the record.
    pub email: String,
}

impl Admin {
    /// The administrator as the audit records them.
    pub(crate) fn actor(&self) -> crate::store::AdminActor<'_> {
        crate::store::AdminActor {
            user_id: self.caller.user_id(),
            email: &self.email,
            session_id: &self.caller.session.id,
            ip: &self.caller.ip,
        }
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let user = state
            .store
            .user_by_id(caller.user_id())
            .await?
            .ok_or_else(ApiError::invalid_token)?;
        if user.role != tab_api::Role::Admin || state.store.is_disabled(&user.id).await? {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "Only an administrator may do this",
            ));
        }
        Ok(Admin {
            caller,
            email: user.email,
        })
    }
}

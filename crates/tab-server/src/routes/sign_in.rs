//! `POST /auth/sign-in`: check the credentials (with rate limits that hold under
//! concurrency, bounded password hashing and equal timing for unknown emails), start a
//! device session, and sign its token.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tab_api::{ErrorBody, ErrorCode, SessionKind, SignInRequest, SignInResponse};

use super::session_view;
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::metrics::SignInOutcome;
use crate::passwords::HashingBusy;
use crate::sign_in_throttle::{self, MAX_SIGN_INS_PER_USER, SIGN_IN_WINDOW_MS};
use crate::state::AppState;
use crate::store::{AttemptKeys, Created, SessionRecord, address_key, email_hash};
use crate::tokens::{Claims, ISSUER};

/// The 403 for a disabled account's right password.
pub(crate) fn account_disabled() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ErrorCode::AccountDisabled,
        "This account is disabled; ask the server's administrator",
    )
}

/// Checks the email's size before anything is hashed or stored.
fn check_email(email: &str) -> Result<(), ApiError> {
    if email.len() > tab_api::MAX_EMAIL_BYTES {
        return Err(ApiError::bad_request(format!(
            "The email must be at most {} bytes",
            tab_api::MAX_EMAIL_BYTES
        )));
    }
    Ok(())
}

/// Sign in and start a new device session.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-in", tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 400, description = "Malformed body, unknown kind, email over 254 bytes, empty or too long label, a label with control, format or separator characters, or one that reads as This device", body = ErrorBody),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 403, description = "Sent by a browser from a page of another site or origin, or the right password of a disabled account", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins for the email or the address, or too many sign-ins for the account; see Retry-After", body = ErrorBody),
        (status = 503, description = "Every password-hashing slot is busy, or the database does not answer; see Retry-After", body = ErrorBody),
    )
)]
pub(crate) async fn sign_in(
    state: State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    request: ApiJson<SignInRequest>,
) -> Result<Response, ApiError> {
    let answer = check_password_and_start(state, peer, headers, request).await;
    // Successes are counted where every kind of sign-in starts its session.
    if let Err(error) = &answer {
        let outcome = match error.code() {
            ErrorCode::InvalidCredentials => Some(SignInOutcome::InvalidCredentials),
            ErrorCode::RateLimited => Some(SignInOutcome::RateLimited),
            ErrorCode::AccountDisabled => Some(SignInOutcome::Disabled),
            _ => None,
        };
        if let Some(outcome) = outcome {
            crate::metrics::metrics().sign_in(outcome);
        }
    }
    answer
}

async fn check_password_and_start(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Response, ApiError> {
    // A browser's sign-in sets a cookie: it must come from this server's own page.
    state.origins.refuse_cross_site(&headers)?;
    crate::labels::check_label(request.client.label.as_deref())?;
    let described = crate::devices::of_request(&headers);
    // A browser does not name itself; its User-Agent says what it is.
    let label = match (&request.client.label, request.client.kind) {
        (Some(label), _) => Some(label.clone()),
        (None, SessionKind::Web) => described.browser_label,
        (None, _) => None,
    };
    let device = described.device;
    check_email(&request.email)?;
    let email_key = request.email.trim().to_lowercase();
    let email_hash = email_hash(&email_key);
    let address = address_key(peer.ip());
    let keys = AttemptKeys {
        email_hash: &email_hash,
        address: &address,
    };
    let now = crate::now();

    // The attempt is counted before the password is checked, so that parallel guesses
    // cannot all pass a check of a count none of them has added to yet.
    let attempt = sign_in_throttle::reserve_password_check(&state.store, keys).await?;

    let user = state.store.user_by_email(&email_key).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let matched = match state.passwords.verify(request.password, hash).await {
        Ok(matched) => matched,
        Err(HashingBusy) => {
            // Nothing was checked, so nothing counts against the email or address.
            state.store.forget_sign_in(&attempt).await?;
            tracing::warn!(address, "sign-in turned away: every hashing slot busy");
            return Err(ApiError::busy(
                "The server is busy checking other sign-ins; try again in a second",
                1,
            ));
        }
    };
    let Some(user) = user.filter(|_| matched) else {
        state.store.fail_sign_in(&attempt).await?;
        tracing::info!(address, "sign-in failed");
        return Err(ApiError::unauthorized(
            ErrorCode::InvalidCredentials,
            "The email or password is wrong",
        ));
    };
    state.store.forget_sign_in(&attempt).await?;
    // Only now, after the password check, so that a stranger learns nothing from it.
    if state.store.is_disabled(&user.id).await? {
        tracing::info!(user = %user.id, "sign-in refused: the account is disabled");
        return Err(account_disabled());
    }

    let record = SessionRecord::starting(
        user.id.clone(),
        request.client.kind,
        label,
        device,
        crate::auth::ip_text(peer.ip()),
        "password",
        now,
    );
    let signed_in = start_session(&state, &record, &user.password_hash).await?;
    // A browser keeps the token in an HttpOnly cookie; other clients use the body.
    let cookie = (request.client.kind == SessionKind::Web)
        .then(|| state.cookie.set(&signed_in.token))
        .flatten();
    let mut response = (StatusCode::CREATED, Json(signed_in)).into_response();
    if let Some(value) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Records `record` as a new session of its account (within the account's limit of
/// sign-ins a minute, and only while the account still has the password hash
/// `checked_hash` and is enabled) and signs its token.
pub(crate) async fn start_session(
    state: &AppState,
    record: &SessionRecord,
    checked_hash: &str,
) -> Result<SignInResponse, ApiError> {
    let now = record.created_at;
    let user_id = &record.user_id;
    let created = state
        .store
        .create_session_within(
            record,
            now - SIGN_IN_WINDOW_MS,
            MAX_SIGN_INS_PER_USER,
            checked_hash,
            state.mail.is_some(),
        )
        .await?;
    match created {
        Created::Created => {}
        Created::TooMany => {
            tracing::warn!(user = %user_id, "sign-in refused: too many for this account");
            return Err(ApiError::rate_limited(
                "Too many sign-ins for this account",
                tab_api::SignInLimit::Account,
                (SIGN_IN_WINDOW_MS / 1000) as u64,
            ));
        }
        // The password was replaced, or the account disabled, while this one was being
        // checked: the password checked is no longer the account's.
        Created::AccountChanged => {
            tracing::info!(user = %user_id, "sign-in refused: the account changed meanwhile");
            if state.store.is_disabled(user_id).await? {
                return Err(account_disabled());
            }
            return Err(ApiError::unauthorized(
                ErrorCode::InvalidCredentials,
                "The email or password is wrong",
            ));
        }
    }
    let claims = Claims {
        sub: user_id.clone(),
        sid: record.id.clone(),
        iat: now.get() / 1000,
        exp: record.expires_at.get() / 1000,
        iss: ISSUER.to_string(),
    };
    let token = state
        .keys
        .sign(&claims)
        .map_err(|e| ApiError::internal("sign-in", e))?;
    crate::metrics::metrics().sign_in(SignInOutcome::Success);
    tracing::info!(session = %record.id, kind = %record.kind, method = record.method.as_deref().unwrap_or("password"), "signed in");
    // As stored: whether it is a new device was decided in the insert.
    let stored = state.store.session(&record.id).await?;
    if let Some(outbox) = &state.mail
        && stored.as_ref().is_some_and(|s| s.new_device)
    {
        outbox.queued();
    }
    let session = session_view(stored.as_ref().unwrap_or(record), &record.id)?;
    Ok(SignInResponse { token, session })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_keyed_per_ipv4_host_and_ipv6_64() {
        let key = |text: &str| address_key(text.parse().expect("an IP address"));
        assert_eq!(key("127.0.1.7"), "127.0.1.7");
        assert_eq!(key("::ffff:10.1.2.3"), "10.1.2.3");
        assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:bbbb::9"), key("2001:db8:1:2:aaaa::1"));
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("::1"), "::/64");
    }

    #[test]
    fn emails_are_keyed_by_hash_only() {
        let hash = email_hash("ana@example.com");
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("ana"));
    }
}

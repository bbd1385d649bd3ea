//! `POST /auth/sign-in`: check the credentials (with rate limiting and equal timing for
//! unknown emails), start a device session, and sign its token.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tab_api::{ErrorBody, SessionKind, SignInRequest, SignInResponse, codes};
use uuid::Uuid;

use super::session_view;
use crate::auth::{Claims, ISSUER};
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::state::AppState;
use crate::store::SessionRecord;

/// The window in which failed sign-ins count.
const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures for one email within the window before sign-in is refused.
const MAX_FAILURES_PER_EMAIL: i64 = 5;
/// Failures from one address within the window before sign-in is refused.
const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// Checks a label against the contract: 1 to 80 characters, no control characters.
fn check_label(label: Option<&str>) -> Result<(), ApiError> {
    let Some(label) = label else { return Ok(()) };
    let chars = label.chars().count();
    if chars == 0 || label.trim().is_empty() {
        return Err(ApiError::bad_request(
            "The label must not be empty; omit it instead",
        ));
    }
    if chars > tab_api::MAX_LABEL_CHARS {
        return Err(ApiError::bad_request(format!(
            "The label must be at most {} characters",
            tab_api::MAX_LABEL_CHARS
        )));
    }
    if label.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "The label must not contain control characters",
        ));
    }
    Ok(())
}

/// Sign in and start a new device session.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-in", tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 400, description = "Malformed body, unknown kind, empty or too long label", body = ErrorBody),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins; see Retry-After", body = ErrorBody),
    )
)]
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Response, ApiError> {
    check_label(request.client.label.as_deref())?;
    let email_key = request.email.trim().to_lowercase();
    let address = peer.ip().to_string();
    let now = crate::now_ms();

    let (by_email, by_address) = state
        .store
        .recent_failures(&email_key, &address, now - FAILURE_WINDOW_MS)
        .await?;
    // Refused while either window is full, until the later of the two frees up.
    let retry_after = [
        (by_email, MAX_FAILURES_PER_EMAIL),
        (by_address, MAX_FAILURES_PER_ADDRESS),
    ]
    .into_iter()
    .filter(|(window, max)| window.count >= *max)
    .map(|(window, _)| {
        let frees_at = window.oldest.unwrap_or(now) + FAILURE_WINDOW_MS;
        ((frees_at - now).max(1000) + 999) / 1000
    })
    .max();
    if let Some(secs) = retry_after {
        tracing::warn!(address, "sign-in rate limited");
        return Err(ApiError::rate_limited(secs as u64));
    }

    let user = state.store.user_by_email(&email_key).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    if !state.passwords.verify(request.password, hash).await {
        state
            .store
            .record_failure(&email_key, &address, now, now - FAILURE_WINDOW_MS)
            .await?;
        tracing::info!(address, "sign-in failed");
        return Err(ApiError::unauthorized(
            codes::INVALID_CREDENTIALS,
            "The email or password is wrong",
        ));
    }
    let Some(user) = user else {
        return Err(ApiError::internal(
            "sign-in",
            "password matched without an account",
        ));
    };

    let record = SessionRecord {
        id: Uuid::new_v4().to_string(),
        user_id: user.id.clone(),
        kind: request.client.kind.as_str().to_string(),
        label: request.client.label.clone(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + tab_api::SESSION_LIFETIME_SECS * 1000,
        revoked_at: None,
    };
    state.store.create_session(&record).await?;
    let claims = Claims {
        sub: user.id.clone(),
        sid: record.id.clone(),
        iat: now / 1000,
        exp: record.expires_at / 1000,
        iss: ISSUER.to_string(),
    };
    let token = state
        .keys
        .sign(&claims)
        .map_err(|e| ApiError::internal("sign-in", e))?;
    tracing::info!(session = %record.id, kind = %record.kind, "signed in");
    let session = session_view(&record, &record.id)?;
    // A browser keeps the token in an HttpOnly cookie; other clients use the body.
    let cookie = (request.client.kind == SessionKind::Web).then(|| {
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
            tab_api::SESSION_COOKIE,
            tab_api::SESSION_LIFETIME_SECS
        )
    });
    let mut response =
        (StatusCode::CREATED, Json(SignInResponse { token, session })).into_response();
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

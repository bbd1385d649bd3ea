//! Signing in through a browser (`tab login --web`, `tab login --device`). The codes
//! are random, kept only as SHA-256 hashes, one use, short-lived; the store takes each
//! with one conditional statement, so a race has one winner. The session is started as
//! the password sign-in starts one (`sign_in::start_session`): within the account's
//! limit, and only for an enabled account.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine as _;
use tab_api::{
    CliAuthorizeRequest, CliAuthorizeResponse, CliTokenRequest, DeviceAuthRequest,
    DeviceAuthResponse, DeviceTokenRequest, ErrorBody, PendingDevice, SessionKind, SignInResponse,
    UserCodeRequest, codes,
};
use uuid::Uuid;

use super::sign_in::start_session;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::state::AppState;
use crate::store::{
    AttemptKeys, AttemptLimits, Decider, GrantRecord, NewDeviceGrant, Poll, Reservation,
    SessionRecord, address_key, email_hash,
};

/// Wrong user codes one account may enter within [`CODE_WINDOW_MS`].
pub const MAX_WRONG_CODES_PER_ACCOUNT: i64 = 10;
/// Wrong user codes (and failed sign-ins) one address may make within the window.
pub const MAX_WRONG_CODES_PER_ADDRESS: i64 = 20;
/// Device requests one address may make within the window.
pub const MAX_DEVICE_REQUESTS_PER_ADDRESS: i64 = 30;
/// The window of those limits: the sign-in limits' 15 minutes.
pub const CODE_WINDOW_MS: i64 = crate::sign_in_limits::FAILURE_WINDOW_MS;

fn sha256_hex(text: &str) -> String {
    crate::store::email_hash(text)
}

/// 32 random bytes, URL-safe: a device code or an authorization code.
fn random_code() -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Eight letters of RFC 8628's alphabet, uniformly (rejection sampling).
fn random_user_code() -> String {
    use rand::Rng as _;
    let alphabet: Vec<char> = tab_api::USER_CODE_ALPHABET.chars().collect();
    let mut rng = rand::rngs::OsRng;
    (0..tab_api::USER_CODE_LETTERS)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
        .collect()
}

/// `WDJBMJHT` as people read it: `WDJB-MJHT`.
fn shown_user_code(letters: &str) -> String {
    format!("{}-{}", &letters[..4], &letters[4..])
}

fn bad_request(code: &'static str, message: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, message)
}

/// The address the approval page is reached at: the `--public-url`, else this request's
/// own `Host` (which the listener has checked is one of this server's names).
fn page_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(origin) = state.origins.public_origin() {
        return origin.to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// Counts one attempt against `keys` within `limit`s, or the 429 that says to wait; the
/// attempt's id, to forget when the attempt was right.
async fn count_attempt(
    state: &AppState,
    keys: AttemptKeys<'_>,
    per_key: i64,
    per_address: i64,
    what: &str,
) -> Result<String, ApiError> {
    let now = crate::now_ms();
    let limits = AttemptLimits {
        since: now - CODE_WINDOW_MS,
        per_email: per_key,
        per_address,
    };
    match state.store.reserve_sign_in(keys, now, limits).await? {
        Reservation::Granted(id) => Ok(id),
        Reservation::Refused {
            by_email,
            by_address,
        } => {
            let windows = [(by_email, per_key), (by_address, per_address)];
            let secs = super::sign_in::retry_after(now, &windows).unwrap_or(1);
            tracing::warn!(address = keys.address, "{what} rate limited");
            Err(ApiError::rate_limited(what, tab_api::limits::ADDRESS, secs))
        }
        Reservation::Wait => Err(ApiError::busy(
            "Other attempts are being checked; try again in a second",
            1,
        )),
    }
}

/// A device without a browser asks to be signed in (RFC 8628 §3.1).
#[utoipa::path(
    post, path = "/api/v1/auth/device", tag = "auth",
    request_body = DeviceAuthRequest,
    responses(
        (status = 200, description = "The codes: show `user_code` and `verification_uri`, poll with `device_code`", body = DeviceAuthResponse),
        (status = 400, description = "A malformed body, a web client (browsers sign in on the page), or a label the sign-in would refuse", body = ErrorBody),
        (status = 429, description = "Too many device requests from this address; see Retry-After", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn device_authorize(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<DeviceAuthRequest>,
) -> Result<Json<DeviceAuthResponse>, ApiError> {
    crate::labels::check_label(request.client.label.as_deref())?;
    if request.client.kind == SessionKind::Web {
        return Err(ApiError::bad_request(
            "A browser signs in on the page, not with a device code",
        ));
    }
    let address = address_key(peer.ip());
    let keyed = format!("device-request:{address}");
    let attempt = count_attempt(
        &state,
        AttemptKeys {
            email_hash: &email_hash(&keyed),
            address: &keyed,
        },
        MAX_DEVICE_REQUESTS_PER_ADDRESS,
        MAX_DEVICE_REQUESTS_PER_ADDRESS,
        "Too many device sign-ins asked for from this address",
    )
    .await?;
    // Counted as made, whatever follows.
    state.store.fail_sign_in(&attempt).await?;
    let device = headers
        .get(header::USER_AGENT)
        .and_then(|agent| agent.to_str().ok())
        .map(crate::devices::describe)
        .and_then(|described| described.device);
    let now = crate::now_ms();
    let device_code = random_code();
    // A user code taken by another live request is drawn again.
    for _ in 0..5 {
        let user_code = random_user_code();
        let stored = state
            .store
            .create_device_grant(&NewDeviceGrant {
                kind: request.client.kind,
                device_code_hash: &sha256_hex(&device_code),
                user_code_hash: &sha256_hex(&user_code),
                label: request.client.label.as_deref(),
                device: device.as_deref(),
                ip: &crate::auth::ip_text(peer.ip()),
                now,
                expires_at: now + tab_api::DEVICE_CODE_SECS as i64 * 1000,
                interval_secs: tab_api::DEVICE_INTERVAL_SECS as i64,
            })
            .await?;
        if stored {
            let base = page_base(&state, &headers);
            let shown = shown_user_code(&user_code);
            tracing::info!("a device asked to be signed in");
            return Ok(Json(DeviceAuthResponse {
                device_code,
                verification_uri: format!("{base}{}", tab_api::paths::DEVICE_PAGE),
                verification_uri_complete: format!(
                    "{base}{}?user_code={shown}",
                    tab_api::paths::DEVICE_PAGE
                ),
                user_code: shown,
                expires_in: tab_api::DEVICE_CODE_SECS,
                interval: tab_api::DEVICE_INTERVAL_SECS,
            }));
        }
    }
    Err(ApiError::internal(
        "device",
        "no free user code in five draws",
    ))
}

/// Starts the session a grant was approved for, as its account.
async fn sign_in_grant(
    state: &AppState,
    grant: GrantRecord,
    kind: SessionKind,
    headers: &HeaderMap,
    peer: SocketAddr,
    method: &str,
) -> Result<(StatusCode, Json<SignInResponse>), ApiError> {
    let user_id = grant
        .user_id
        .ok_or_else(|| ApiError::internal("grant", "an approved grant has no account"))?;
    let user =
        state.store.user_by_id(&user_id).await?.ok_or_else(|| {
            bad_request(codes::INVALID_GRANT, "The account that approved is gone")
        })?;
    let device = headers
        .get(header::USER_AGENT)
        .and_then(|agent| agent.to_str().ok())
        .map(crate::devices::describe)
        .and_then(|described| described.device)
        .or(grant.device);
    let now = crate::now_ms();
    let record = SessionRecord {
        id: Uuid::new_v4().to_string(),
        user_id: user.id.clone(),
        kind,
        label: grant.label,
        created_at: now,
        last_seen_at: now,
        expires_at: now + tab_api::SESSION_LIFETIME_SECS * 1000,
        revoked_at: None,
        revoked_by: None,
        device,
        ip: Some(crate::auth::ip_text(peer.ip())),
        method: Some(method.to_string()),
    };
    let signed_in = start_session(state, &record, &user.password_hash).await?;
    state.store.grant_signed_in(&grant.id, &record.id).await?;
    Ok((StatusCode::CREATED, Json(signed_in)))
}

/// The device polls (RFC 8628 §3.4): the sign-in answer once, after approval.
#[utoipa::path(
    post, path = "/api/v1/auth/device/token", tag = "auth",
    request_body = DeviceTokenRequest,
    responses(
        (status = 201, description = "Approved: signed in (once)", body = SignInResponse),
        (status = 400, description = "`authorization_pending`, `slow_down` (with the new `interval`), `expired_token`, `access_denied`, or `invalid_grant` for an unknown or used code", body = ErrorBody),
        (status = 403, description = "The approving account was disabled meanwhile", body = ErrorBody),
        (status = 429, description = "The account started too many sessions this minute", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn device_token(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<DeviceTokenRequest>,
) -> Result<(StatusCode, Json<SignInResponse>), ApiError> {
    if request.device_code.len() > 128 {
        return Err(bad_request(
            codes::INVALID_GRANT,
            "That is not a device code",
        ));
    }
    let now = crate::now_ms();
    match state
        .store
        .poll_device(&sha256_hex(&request.device_code), now)
        .await?
    {
        Poll::Unknown => Err(bad_request(
            codes::INVALID_GRANT,
            "That device code is unknown or was used already",
        )),
        Poll::Expired => Err(bad_request(
            codes::EXPIRED_TOKEN,
            "The device code expired; ask for a new one",
        )),
        Poll::Denied => Err(bad_request(
            codes::ACCESS_DENIED,
            "The sign-in was denied on the approval page",
        )),
        Poll::Pending => Err(bad_request(
            codes::AUTHORIZATION_PENDING,
            "Not approved yet; poll again after the interval",
        )),
        Poll::SlowDown(interval) => Err(ApiError::slow_down(interval.max(0) as u64)),
        Poll::Approved(grant) => {
            let kind = grant.kind;
            sign_in_grant(&state, grant, kind, &headers, peer, "device").await
        }
    }
}

/// Checks a user code within the wrong-code limits and hands the pending request it
/// names to `then`; a wrong code counts, a right one does not.
async fn with_user_code<T>(
    state: &AppState,
    caller: &Caller,
    user_code: &str,
    then: impl AsyncFnOnce(&str, GrantRecord) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let address = caller
        .ip
        .parse()
        .map(address_key)
        .unwrap_or_else(|_| caller.ip.clone());
    let keyed = email_hash(&format!("device-code:{}", caller.user_id));
    let attempt = count_attempt(
        state,
        AttemptKeys {
            email_hash: &keyed,
            address: &address,
        },
        MAX_WRONG_CODES_PER_ACCOUNT,
        MAX_WRONG_CODES_PER_ADDRESS,
        "Too many wrong codes",
    )
    .await?;
    let wrong =
        || ApiError::not_found("No device is waiting for that code; check it and try again");
    let found = match tab_api::normalise_user_code(user_code) {
        Some(letters) => {
            let hash = sha256_hex(&letters);
            state
                .store
                .pending_device(&hash, crate::now_ms())
                .await?
                .map(|grant| (hash, grant))
        }
        None => None,
    };
    let Some((hash, grant)) = found else {
        state.store.fail_sign_in(&attempt).await?;
        return Err(wrong());
    };
    state.store.forget_sign_in(&attempt).await?;
    then(&hash, grant).await
}

/// The approval page: what the code the person typed belongs to.
#[utoipa::path(
    post, path = "/api/v1/auth/device/lookup", tag = "auth",
    security(("bearer" = [])),
    request_body = UserCodeRequest,
    responses(
        (status = 200, description = "The device waiting for that code", body = PendingDevice),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated request without X-Requested-With: tab, or from another site", body = ErrorBody),
        (status = 404, description = "No device is waiting for that code (it counts as a wrong code)", body = ErrorBody),
        (status = 429, description = "Too many wrong codes for this account or address; see Retry-After", body = ErrorBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn device_lookup(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<UserCodeRequest>,
) -> Result<Json<PendingDevice>, ApiError> {
    with_user_code(&state, &caller, &request.user_code, async |_, grant| {
        Ok(Json(PendingDevice {
            label: grant.label,
            device: grant.device,
            ip: grant.ip,
            requested_at: super::time(grant.created_at)?,
        }))
    })
    .await
}

async fn decide(
    state: &AppState,
    caller: &Caller,
    user_code: &str,
    approve: bool,
) -> Result<StatusCode, ApiError> {
    with_user_code(state, caller, user_code, async |hash, _| {
        let decided = state
            .store
            .decide_device(
                hash,
                approve,
                Decider {
                    user_id: &caller.user_id,
                    session_id: &caller.session.id,
                    ip: &caller.ip,
                },
                crate::now_ms(),
            )
            .await?;
        if !decided {
            return Err(ApiError::not_found(
                "No device is waiting for that code; check it and try again",
            ));
        }
        tracing::info!(approve, "a device sign-in was decided");
        Ok(StatusCode::NO_CONTENT)
    })
    .await
}

/// The approval page: sign the waiting device in as the caller's account.
#[utoipa::path(
    post, path = "/api/v1/auth/device/approve", tag = "auth",
    security(("bearer" = [])),
    request_body = UserCodeRequest,
    responses(
        (status = 204, description = "Approved: the device's next poll signs it in"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated request without X-Requested-With: tab, or from another site", body = ErrorBody),
        (status = 404, description = "No device is waiting for that code", body = ErrorBody),
        (status = 429, description = "Too many wrong codes; see Retry-After", body = ErrorBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn device_approve(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<UserCodeRequest>,
) -> Result<StatusCode, ApiError> {
    decide(&state, &caller, &request.user_code, true).await
}

/// The approval page: refuse the waiting device.
#[utoipa::path(
    post, path = "/api/v1/auth/device/deny", tag = "auth",
    security(("bearer" = [])),
    request_body = UserCodeRequest,
    responses(
        (status = 204, description = "Denied: the device's next poll hears access_denied"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated request without X-Requested-With: tab, or from another site", body = ErrorBody),
        (status = 404, description = "No device is waiting for that code", body = ErrorBody),
        (status = 429, description = "Too many wrong codes; see Retry-After", body = ErrorBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn device_deny(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<UserCodeRequest>,
) -> Result<StatusCode, ApiError> {
    decide(&state, &caller, &request.user_code, false).await
}

/// The approval page approves a `tab` on this machine: a one-use code for its loopback
/// redirect.
#[utoipa::path(
    post, path = "/api/v1/auth/cli/authorize", tag = "auth",
    security(("bearer" = [])),
    request_body = CliAuthorizeRequest,
    responses(
        (status = 200, description = "Where to send the browser: `tab`'s loopback listener, with the code", body = CliAuthorizeResponse),
        (status = 400, description = "A port below 1024, a challenge that is not 43 base64url characters, a bad state or label", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated request without X-Requested-With: tab, or from another site", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn cli_authorize(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<CliAuthorizeRequest>,
) -> Result<Json<CliAuthorizeResponse>, ApiError> {
    if request.port < 1024 {
        return Err(ApiError::bad_request("The port must be 1024 to 65535"));
    }
    if request.code_challenge.len() != 43
        || !tab_api::is_url_safe_token(&request.code_challenge, 43, 43)
    {
        return Err(ApiError::bad_request(
            "The code challenge must be 43 base64url characters (S256)",
        ));
    }
    if !tab_api::is_url_safe_token(&request.state, 8, 128) {
        return Err(ApiError::bad_request(
            "The state must be 8 to 128 URL-safe characters",
        ));
    }
    crate::labels::check_label(request.label.as_deref())?;
    let code = random_code();
    let now = crate::now_ms();
    state
        .store
        .create_web_grant(
            &sha256_hex(&code),
            &request.code_challenge,
            request.label.as_deref(),
            Decider {
                user_id: &caller.user_id,
                session_id: &caller.session.id,
                ip: &caller.ip,
            },
            now,
            now + tab_api::WEB_CODE_SECS as i64 * 1000,
        )
        .await?;
    tracing::info!("a tab on the browser's machine was approved");
    Ok(Json(CliAuthorizeResponse {
        // Loopback only, and only the port given: never a host the request names.
        redirect: format!(
            "http://127.0.0.1:{}/callback?code={code}&state={}",
            request.port, request.state
        ),
    }))
}

/// `tab` exchanges the loopback code and its PKCE verifier for the sign-in answer.
#[utoipa::path(
    post, path = "/api/v1/auth/cli/token", tag = "auth",
    request_body = CliTokenRequest,
    responses(
        (status = 201, description = "Signed in as a new cli session", body = SignInResponse),
        (status = 400, description = "`invalid_grant`: the code is unknown, used, expired, or bound to another challenge (it is used up either way)", body = ErrorBody),
        (status = 403, description = "The approving account was disabled meanwhile", body = ErrorBody),
        (status = 429, description = "The account started too many sessions this minute", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn cli_token(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CliTokenRequest>,
) -> Result<(StatusCode, Json<SignInResponse>), ApiError> {
    let invalid = || {
        bad_request(
            codes::INVALID_GRANT,
            "That code is unknown, used, expired or not for this verifier",
        )
    };
    if request.code.len() > 128 || !tab_api::is_url_safe_token(&request.code_verifier, 43, 128) {
        return Err(invalid());
    }
    let grant = state
        .store
        .redeem_web_code(&sha256_hex(&request.code), crate::now_ms())
        .await?
        .ok_or_else(invalid)?;
    use sha2::Digest as _;
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(request.code_verifier.as_bytes()));
    if grant.code_challenge.as_deref() != Some(challenge.as_str()) {
        tracing::warn!("a loopback code came with the wrong verifier; it is used up");
        return Err(invalid());
    }
    sign_in_grant(&state, grant, SessionKind::Cli, &headers, peer, "web").await
}

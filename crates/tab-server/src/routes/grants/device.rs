//! The device flow (RFC 8628): a device asks, polls, and the signed-in page looks up,
//! approves or denies its user code.

use super::*;
use crate::sign_in_throttle;

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
    let attempt = sign_in_throttle::count_code_attempt(
        &state.store,
        AttemptKeys {
            email_hash: &email_hash(&keyed),
            address: &keyed,
        },
        sign_in_throttle::MAX_DEVICE_REQUESTS_PER_ADDRESS,
        sign_in_throttle::MAX_DEVICE_REQUESTS_PER_ADDRESS,
        "Too many device sign-ins asked for from this address",
    )
    .await?;
    // Counted as made, whatever follows.
    state.store.fail_sign_in(&attempt).await?;
    let device = crate::devices::of_request(&headers).device;
    let now = crate::now();
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
            ErrorCode::InvalidGrant,
            "That is not a device code",
        ));
    }
    let now = crate::now();
    match state
        .store
        .poll_device(&sha256_hex(&request.device_code), now)
        .await?
    {
        Poll::Unknown => Err(bad_request(
            ErrorCode::InvalidGrant,
            "That device code is unknown or was used already",
        )),
        Poll::Expired => Err(bad_request(
            ErrorCode::ExpiredToken,
            "The device code expired; ask for a new one",
        )),
        Poll::Denied => Err(bad_request(
            ErrorCode::AccessDenied,
            "The sign-in was denied on the approval page",
        )),
        Poll::Pending => Err(bad_request(
            ErrorCode::AuthorizationPending,
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
    let keyed = email_hash(&format!("device-code:{}", caller.user_id()));
    let attempt = sign_in_throttle::count_code_attempt(
        &state.store,
        AttemptKeys {
            email_hash: &keyed,
            address: &address,
        },
        sign_in_throttle::MAX_WRONG_CODES_PER_ACCOUNT,
        sign_in_throttle::MAX_WRONG_CODES_PER_ADDRESS,
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
                .pending_device(&hash, crate::now())
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
            requested_at: crate::routes::time(grant.created_at)?,
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
                    user_id: caller.user_id(),
                    session_id: &caller.session.id,
                    ip: &caller.ip,
                },
                crate::now(),
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

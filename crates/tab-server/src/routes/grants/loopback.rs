//! The loopback code (RFC 7636 and 8252): the signed-in page approves a `tab` on the
//! browser's machine, and that `tab` exchanges the code and its PKCE verifier.

use super::*;

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
    let now = crate::now();
    state
        .store
        .create_web_grant(
            &sha256_hex(&code),
            &request.code_challenge,
            request.label.as_deref(),
            Decider {
                user_id: caller.user_id(),
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
            ErrorCode::InvalidGrant,
            "That code is unknown, used, expired or not for this verifier",
        )
    };
    if request.code.len() > 128 || !tab_api::is_url_safe_token(&request.code_verifier, 43, 128) {
        return Err(invalid());
    }
    let grant = state
        .store
        .redeem_web_code(&sha256_hex(&request.code), crate::now())
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

//! Signing in through a browser (`tab login --web`, `tab login --device`). The codes
//! are random, kept only as SHA-256 hashes, one use, short-lived; the store takes each
//! with one conditional statement, so a race has one winner. The session is started as
//! the password sign-in starts one (`sign_in::start_session`): within the account's
//! limit, and only for an enabled account.
//! `device.rs` holds the device flow's endpoints, `loopback.rs` the loopback code's.

pub(crate) mod device;
pub(crate) mod loopback;

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine as _;
use tab_api::{
    CliAuthorizeRequest, CliAuthorizeResponse, CliTokenRequest, DeviceAuthRequest,
    DeviceAuthResponse, DeviceTokenRequest, ErrorBody, ErrorCode, PendingDevice, SessionKind,
    SignInResponse, UserCodeRequest,
};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::routes::sign_in::start_session;
use crate::state::AppState;
use crate::store::{
    AttemptKeys, Decider, GrantRecord, NewDeviceGrant, Poll, SessionRecord, address_key, email_hash,
};

pub(super) fn sha256_hex(text: &str) -> String {
    crate::store::email_hash(text)
}

/// 32 random bytes, URL-safe: a device code or an authorization code.
pub(super) fn random_code() -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Eight letters of RFC 8628's alphabet, each drawn uniformly from the OS's generator.
pub(super) fn random_user_code() -> String {
    use rand::Rng as _;
    let alphabet: Vec<char> = tab_api::USER_CODE_ALPHABET.chars().collect();
    let mut rng = rand::rngs::OsRng;
    (0..tab_api::USER_CODE_LETTERS)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
        .collect()
}

/// `WDJBMJHT` as people read it: `WDJB-MJHT`.
pub(super) fn shown_user_code(letters: &str) -> String {
    format!("{}-{}", &letters[..4], &letters[4..])
}

pub(super) fn bad_request(code: ErrorCode, message: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, message)
}

/// The address the approval page is reached at: the `--public-url`, else this request's
/// own `Host` (which the listener has checked is one of this server's names).
pub(super) fn page_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(origin) = state.origins.public_origin() {
        return origin.to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// Starts the session a grant was approved for, as its account.
pub(super) async fn sign_in_grant(
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
            bad_request(ErrorCode::InvalidGrant, "The account that approved is gone")
        })?;
    let device = crate::devices::of_request(headers).device.or(grant.device);
    let now = crate::now();
    let record = SessionRecord::starting(
        user.id.clone(),
        kind,
        grant.label,
        device,
        crate::auth::ip_text(peer.ip()),
        method,
        now,
    );
    let signed_in = start_session(state, &record, &user.password_hash).await?;
    state.store.grant_signed_in(&grant.id, &record.id).await?;
    Ok((StatusCode::CREATED, Json(signed_in)))
}

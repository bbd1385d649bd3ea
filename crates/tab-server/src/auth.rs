//! Tokens, passwords and the per-request session check.
//!
//! Every protected request goes through [`Caller`]'s extractor, which checks, in the
//! contract's order: a token is present and well formed, its HS256 signature, `exp`, then
//! the `device_sessions` row named by `sid`, read from the database on every request (no
//! cache, so a revoke takes effect on the very next request on every process).

use std::sync::Arc;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use tab_api::codes;
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::SessionRecord;

/// The only issuer this server signs as and accepts.
pub const ISSUER: &str = "tab";

/// How often `last_seen_at` may be refreshed, per session.
const LAST_SEEN_EVERY_MS: i64 = 60_000;

/// The claims of a TAB token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The device session id.
    pub sid: String,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds (`iat` + 7 days).
    pub exp: i64,
    /// Always [`ISSUER`].
    pub iss: String,
}

/// The HS256 key, for signing and for checking.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl TokenKeys {
    /// Keys from secret bytes (at least 32).
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        // The session row's expires_at is the authority; no grace period on top.
        validation.leeway = 0;
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Signs claims into a token.
    pub fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }

    /// Checks a token's form, algorithm, signature, issuer and expiry.
    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        match jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation) {
            Ok(data) => Ok(data.claims),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => {
                Err(ApiError::session_expired())
            }
            Err(_) => Err(ApiError::invalid_token()),
        }
    }
}

/// How long a password check may wait for a free hashing slot before the server answers
/// 503: long enough to ride out a burst, short enough that a flood is turned away.
const HASH_QUEUE_WAIT: Duration = Duration::from_secs(2);

/// Password checking was refused: every hashing slot stayed busy for [`HASH_QUEUE_WAIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashingBusy;

/// Password checking with Argon2id and its default (OWASP-recommended) parameters.
///
/// Each check holds about 19 MiB for tens of milliseconds, so checks run at most one per
/// core at once; the rest wait in a queue for at most [`HASH_QUEUE_WAIT`]. That bounds
/// the memory a flood of sign-ins can take to cores × 19 MiB, and leaves the async
/// workers free to answer every other request.
#[derive(Clone)]
pub struct Passwords {
    /// A hash of a random password, checked against when the email is unknown so that
    /// an unknown email and a wrong password take the same time.
    decoy_hash: String,
    /// One permit per concurrent Argon2 computation.
    slots: Arc<Semaphore>,
}

impl Passwords {
    /// Prepares the decoy hash, with one hashing slot per available core.
    pub fn new() -> anyhow::Result<Self> {
        return_large_allocations_to_the_os();
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let decoy = uuid::Uuid::new_v4().to_string();
        Ok(Passwords {
            decoy_hash: hash_password(&decoy)?,
            slots: Arc::new(Semaphore::new(cores)),
        })
    }

    /// Checks `password` against `hash`, or against the decoy when there is no account,
    /// on a blocking thread once a hashing slot is free.
    pub async fn verify(
        &self,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, HashingBusy> {
        let permit = tokio::time::timeout(HASH_QUEUE_WAIT, Arc::clone(&self.slots).acquire_owned())
            .await
            .map_err(|_| HashingBusy)?
            .map_err(|_| HashingBusy)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.decoy_hash.clone());
        let matched = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        Ok(known && matched)
    }
}

/// Makes glibc give every allocation of 1 MiB or more its own mapping, returned to the
/// operating system when freed. Without this, glibc raises its threshold after the first
/// 19 MiB Argon2 buffer is freed, and later buffers stay cached in each thread's arena:
/// measured, a flood of sign-ins grew the server to 356 MiB with only two hashes at a
/// time. With it, memory follows the hashes actually running.
fn return_large_allocations_to_the_os() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; a fixed threshold disables
    // the dynamic one, and any value is safe.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

/// Hashes a password with Argon2id and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// The authenticated caller of a protected endpoint: the user and the live session
/// that made the request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The user id (the token's `sub`).
    pub user_id: String,
    /// The session that made the request, as of this request.
    pub session: SessionRecord,
}

/// Where the token came from; a cookie needs the CSRF header on state changes.
enum TokenSource<'a> {
    Header(&'a str),
    Cookie(&'a str),
}

fn find_token(parts: &Parts) -> Result<TokenSource<'_>, ApiError> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| ApiError::invalid_token())?;
        let (scheme, token) = value.split_once(' ').ok_or_else(ApiError::invalid_token)?;
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(ApiError::invalid_token());
        }
        return Ok(TokenSource::Header(token.trim()));
    }
    for cookies in parts.headers.get_all(header::COOKIE) {
        let Ok(cookies) = cookies.to_str() else {
            continue;
        };
        for pair in cookies.split(';') {
            if let Some((name, value)) = pair.trim().split_once('=')
                && name == tab_api::SESSION_COOKIE
                && !value.is_empty()
            {
                return Ok(TokenSource::Cookie(value));
            }
        }
    }
    Err(ApiError::unauthorized(
        codes::MISSING_TOKEN,
        "Sign in first: this endpoint needs a token",
    ))
}

/// The verified claims of the request's token: present, well formed, signed with our
/// key, not expired, and (for a cookie on a state change) CSRF-guarded. The session row
/// is not checked yet: [`admit`] does that.
pub struct VerifiedClaims(pub Claims);

impl FromRequestParts<AppState> for VerifiedClaims {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = match find_token(parts)? {
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
                        codes::CSRF,
                        "A cookie-authenticated change needs the header X-Requested-With: tab",
                    ));
                }
                token
            }
        };
        state.keys.verify(token).map(VerifiedClaims)
    }
}

/// The last check, on the session row named by `sid` as just read from the database: it
/// exists, belongs to `sub`, is not revoked and not expired. Refreshes `last_seen_at` when
/// it is more than a minute old.
pub async fn admit(
    state: &AppState,
    claims: Claims,
    row: Option<SessionRecord>,
) -> Result<Caller, ApiError> {
    let mut session = row.ok_or_else(ApiError::invalid_token)?;
    if session.id != claims.sid || session.user_id != claims.sub {
        return Err(ApiError::invalid_token());
    }
    let now = crate::now_ms();
    if session.revoked_at.is_some() {
        return Err(ApiError::session_revoked());
    }
    if session.expires_at <= now {
        return Err(ApiError::session_expired());
    }
    if session.last_seen_at < now - LAST_SEEN_EVERY_MS
        && state
            .store
            .touch_session(&session.id, now, now - LAST_SEEN_EVERY_MS)
            .await?
    {
        session.last_seen_at = now;
    }
    Ok(Caller {
        user_id: claims.sub,
        session,
    })
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let VerifiedClaims(claims) = VerifiedClaims::from_request_parts(parts, state).await?;
        let row = state.store.session(&claims.sid).await?;
        admit(state, claims, row).await
    }
}

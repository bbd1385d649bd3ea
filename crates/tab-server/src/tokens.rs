//! Tokens: the HS256 key that signs and checks them, and the claims they carry.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// The only issuer this server signs as and accepts.
pub(crate) const ISSUER: &str = "tab";

/// How far ahead of this server's clock a token's `iat` may be: another server process
/// on one database may run a little fast, but a token from the future was not signed by
/// a process with a sane clock.
const MAX_IAT_AHEAD_SECS: i64 = 60;

/// The claims of a TAB token.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Claims {
    /// The user id.
    pub sub: crate::store::UserId,
    /// The device session id.
    pub sid: crate::store::SessionId,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds (`iat` + 7 days).
    pub exp: i64,
    /// Always [`ISSUER`].
    pub iss: String,
}

/// The HS256 key, for signing and for checking.
#[derive(Clone)]
pub(crate) struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl TokenKeys {
    /// Keys from secret bytes (at least 32).
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        // The session row's expires_at is the authority; no grace period on top.
        validation.leeway = 0;
        // A token not valid yet is refused (RFC 7519 section 4.1.5); TAB never signs one
        // with `nbf`, so only a forger's token carries it.
        validation.validate_nbf = true;
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Signs claims into a token.
    pub(crate) fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }

    /// Checks a token's form, algorithm, signature, issuer, expiry, `nbf` and `iat`.
    pub(crate) fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        match jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation) {
            Ok(data) if data.claims.iat > crate::now_ms() / 1000 + MAX_IAT_AHEAD_SECS => {
                tracing::debug!("token refused: issued in the future");
                Err(ApiError::invalid_token())
            }
            Ok(data) => Ok(data.claims),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => {
                Err(ApiError::session_expired())
            }
            Err(e) => {
                if matches!(e.kind(), ErrorKind::InvalidSignature) {
                    warn_of_bad_signatures();
                }
                tracing::debug!(reason = refusal(e.kind()), "token refused");
                Err(ApiError::invalid_token())
            }
        }
    }
}

/// Why a token was refused, in fixed words: the library's own errors can quote a claim's
/// value, and nothing from a token reaches the log.
fn refusal(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidSignature => "bad signature",
        ErrorKind::ImmatureSignature => "not valid yet (nbf)",
        ErrorKind::InvalidIssuer => "wrong issuer",
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => "wrong algorithm",
        ErrorKind::MissingRequiredClaim(_) => "a required claim is missing",
        _ => "malformed",
    }
}

/// Says once a minute at most that tokens with a bad signature are arriving: usually
/// server processes on one database signing with different keys (one with
/// `TAB_JWT_SECRET`, one without), whose users then see 401s with no reason logged. At
/// most once a minute, so that a flood of forged tokens cannot flood the log.
fn warn_of_bad_signatures() {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST_WARNED_MS: AtomicI64 = AtomicI64::new(i64::MIN);
    let now = crate::now_ms();
    let last = LAST_WARNED_MS.load(Ordering::Relaxed);
    if now.saturating_sub(last) >= 60_000
        && LAST_WARNED_MS
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::warn!(
            "refused a token with a bad signature (more are not logged for a minute): if several server processes share this database, check that they use the same TAB_JWT_SECRET"
        );
    }
}

//! The API contract, row by row, over HTTP against the real server, on SQLite and on
//! PostgreSQL.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::Value;

mod admin;
mod admin_changes;
mod alerts;
mod audit;
mod auth;
mod devices;
mod ended;
mod grants;
mod in_process;
mod limits;
mod loopback_grants;
mod mail;
mod offboarding;
mod rename;
mod sessions;

pub(super) use crate::support::{EMAIL, PASSWORD, SECRET};

pub(super) fn claims(token: &str) -> Value {
    let mut validation = jsonwebtoken::Validation::new(Algorithm::HS256);
    validation.insecure_disable_signature_validation();
    validation.set_issuer(&["tab"]);
    jsonwebtoken::decode::<Value>(
        token,
        &jsonwebtoken::DecodingKey::from_secret(b"unused"),
        &validation,
    )
    .expect("decode claims")
    .claims
}

pub(super) fn sign(claims: &Value, algorithm: Algorithm, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("encode")
}

pub(super) fn assert_token_failure(answer: &crate::support::Answer, code: &str) {
    assert_eq!(answer.status, 401, "{:?}", answer.body);
    assert_eq!(answer.code(), code, "{:?}", answer.body);
    let challenge = answer.headers["www-authenticate"].to_str().expect("header");
    assert!(
        challenge.starts_with("Bearer") && challenge.contains("error=\"invalid_token\""),
        "{challenge}"
    );
}

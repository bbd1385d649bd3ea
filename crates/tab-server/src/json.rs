//! A JSON body extractor whose every rejection is an API error in the contract's shape,
//! and whose messages never echo a submitted value (a password sent with the wrong type
//! must not come back in an error).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use tab_api::ErrorCode;

use crate::error::ApiError;

/// The largest request body accepted, in bytes.
pub(crate) const MAX_BODY_BYTES: usize = 16 * 1024;

/// The most the server reads of a body before it stops listening. Bodies between the two
/// limits are read whole and answered 413: a server that answers before reading the body
/// and then closes the connection makes the client's TCP stack discard the answer, so the
/// client sees a reset instead of the 413.
pub(crate) const DRAIN_BODY_BYTES: usize = 1024 * 1024;

/// A JSON request body of type `T`.
pub(crate) struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(&request) {
            return Err(not_json());
        }
        let bytes = read_body(request, state).await?;
        parse(&bytes).map(ApiJson)
    }
}

/// An optional JSON request body of type `T`: `None` when the request has no body at
/// all; otherwise checked exactly as [`ApiJson`].
pub(crate) struct OptionalJson<T>(pub Option<T>);

impl<S, T> FromRequest<S> for OptionalJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let json = is_json(&request);
        let bytes = read_body(request, state).await?;
        if bytes.is_empty() {
            return Ok(OptionalJson(None));
        }
        if !json {
            return Err(not_json());
        }
        parse(&bytes).map(|body| OptionalJson(Some(body)))
    }
}

fn is_json(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

fn not_json() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedMediaType,
        "The request body must be JSON (Content-Type: application/json)",
    )
}

/// The whole body, at most [`MAX_BODY_BYTES`].
async fn read_body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    let bytes = Bytes::from_request(request, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                payload_too_large()
            } else {
                ApiError::bad_request("The request body could not be read")
            }
        })?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(payload_too_large());
    }
    Ok(bytes)
}

/// Every body of the API is a JSON object; serde would also take a struct as an array of
/// its fields, which no client means.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if !bytes.trim_ascii_start().starts_with(b"{") {
        return Err(ApiError::bad_request(
            "The request body must be a JSON object",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| ApiError::bad_request(explain(&e)))
}

/// One sentence about what is wrong with a body, naming fields but never values.
fn explain(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            "The request body is not well-formed JSON".to_string()
        }
        Category::Data => {
            let text = error.to_string();
            // These serde messages name a field or the accepted variants, never a value
            // that could be secret.
            let safe = [
                "unknown field",
                "missing field",
                "unknown variant",
                "duplicate field",
            ];
            match safe.iter().find(|s| text.contains(*s)) {
                Some(_) => {
                    let text = text.split(" at line ").next().unwrap_or(&text);
                    format!("The request body is not valid: {text}")
                }
                None => "The request body has a field of the wrong type".to_string(),
            }
        }
    }
}

/// 413 `payload_too_large`, the one answer for a body over [`MAX_BODY_BYTES`].
fn payload_too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        format!("The request body is larger than {MAX_BODY_BYTES} bytes"),
    )
}

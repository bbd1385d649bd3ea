//! The HTTP endpoints. Handlers stay thin: they check input, call the store, and shape
//! the answer; the store owns the transactions.

pub(crate) mod admin;
pub(crate) mod alerts;
pub(crate) mod audit;
pub(crate) mod grants;
pub(crate) mod health;
pub(crate) mod rename;
pub(crate) mod revoke;
pub(crate) mod sessions;
pub(crate) mod sign_in;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use chrono::{DateTime, Utc};
use tab_api::{ErrorCode, Session, paths};
use uuid::Uuid;

use crate::error::ApiError;
use crate::json::DRAIN_BODY_BYTES;
use crate::state::AppState;
use crate::store::{SessionId, SessionRecord};

/// The API's routes, under `/api/v1`, with JSON answers for unknown paths and methods.
/// `documents` holds the routes that describe the API (its OpenAPI document), handed in
/// so that the endpoints never depend on their own description.
/// `pages` holds the web dashboard's routes, served at the root.
pub(crate) fn router(
    state: AppState,
    documents: Router<AppState>,
    pages: Router<AppState>,
) -> Router {
    // Full paths rather than `nest`: a nested route rebuilds every request's URI without
    // the prefix, a cost on the hot path for nothing.
    let api = |path: &str| format!("{}{path}", tab_api::BASE_PATH);
    let router = Router::new()
        .route(&api(paths::SIGN_IN), post(sign_in::sign_in))
        .route(&api(paths::SIGN_OUT), post(sessions::sign_out))
        .route(
            &api(paths::DEVICE_AUTH),
            post(grants::device::device_authorize),
        )
        .route(
            &api(paths::DEVICE_TOKEN),
            post(grants::device::device_token),
        )
        .route(
            &api(paths::DEVICE_LOOKUP),
            post(grants::device::device_lookup),
        )
        .route(
            &api(paths::DEVICE_APPROVE),
            post(grants::device::device_approve),
        )
        .route(&api(paths::DEVICE_DENY), post(grants::device::device_deny))
        .route(
            &api(paths::CLI_AUTHORIZE),
            post(grants::loopback::cli_authorize),
        )
        .route(&api(paths::CLI_TOKEN), post(grants::loopback::cli_token))
        .route(&api(paths::ME), get(sessions::me))
        .route(&api(paths::SESSIONS), get(sessions::list_sessions))
        .route(
            &api(paths::SESSION),
            delete(revoke::revoke_session).patch(rename::rename_session),
        )
        .route(&api(paths::REVOKE_OTHERS), post(revoke::revoke_others))
        .route(&api(paths::SESSION_EVENTS), get(sessions::session_events))
        .route(&api(paths::ALERTS), get(alerts::list_alerts))
        .route(&api(paths::ALERT_ACK), post(alerts::ack_alert))
        .route(&api(paths::HEALTHZ), get(health::healthz))
        .route(paths::ROOT_HEALTHZ, get(health::healthz))
        .route(paths::HEALTH_LIVE, get(health::live))
        .route(paths::HEALTH_READY, get(health::ready))
        .route(&api(paths::ADMIN_USERS), get(admin::users))
        .route(&api(paths::ADMIN_USER_SESSIONS), get(admin::user_sessions))
        .route(
            &api(paths::ADMIN_USER_SESSION),
            delete(admin::revoke_user_session),
        )
        .route(
            &api(paths::ADMIN_USER_REVOKE),
            post(admin::revoke_user_sessions),
        )
        .route(&api(paths::ADMIN_USER_DISABLE), post(admin::disable))
        .route(&api(paths::ADMIN_USER_ENABLE), post(admin::enable))
        .route(&api(paths::ADMIN_USER_EVENTS), get(audit::user_events))
        .route(&api(paths::ADMIN_AUDIT), get(audit::audit))
        .nest(tab_api::BASE_PATH, documents)
        .merge(pages)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(DRAIN_BODY_BYTES))
        // A plain function on the answer: no boxed future or cloned service per request.
        .layer(tower::util::MapResponseLayer::new(
            crate::headers::with_security_headers,
        ));
    // The level is fixed when logging starts, so a server that logs no request lines
    // (TAB_LOG=warn) skips the logging layer altogether.
    let router = if tracing::enabled!(tracing::Level::INFO) {
        router.layer(axum::middleware::from_fn(crate::log::log_request))
    } else {
        router
    };
    // Only with --metrics-listen: without it, no request pays for counting.
    let router = if state.metrics {
        router.layer(crate::metrics::RecordLayer)
    } else {
        router
    };
    router.with_state(state)
}

/// The metrics listener's routes: `GET /metrics` and the two probes, nothing else.
pub(crate) fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(crate::metrics::serve_metrics))
        .route(paths::HEALTH_LIVE, get(health::live))
        .route(paths::HEALTH_READY, get(health::ready))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(tower::util::MapResponseLayer::new(
            crate::headers::with_security_headers,
        ))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found("There is no such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "That method is not allowed on this endpoint",
    )
}

/// Converts stored Unix milliseconds to a UTC time; a time out of range is a damaged row.
pub(crate) fn time(ms: i64) -> Result<DateTime<Utc>, ApiError> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| ApiError::internal("session view", "stored time is out of range"))
}

/// The wire form of a stored session, `current` when it made this request.
pub(crate) fn session_view(
    record: &SessionRecord,
    current_id: &SessionId,
) -> Result<Session, ApiError> {
    let id = Uuid::parse_str(&record.id)
        .map_err(|_| ApiError::internal("session view", "stored session id is not a UUID"))?;
    Ok(Session {
        id,
        kind: record.kind,
        label: record.label.clone(),
        device: record.device.clone(),
        ip: record.ip.clone(),
        current: &record.id == current_id,
        created_at: time(record.created_at.get())?,
        last_seen_at: time(record.last_seen_at.get())?,
        expires_at: time(record.expires_at.get())?,
        revoked_at: record.revoked_at.map(|at| time(at.get())).transpose()?,
        revoked_by: record
            .revoked_by
            .as_deref()
            .map(|id| {
                Uuid::parse_str(id).map_err(|_| {
                    ApiError::internal("session view", "stored revoked_by is not a UUID")
                })
            })
            .transpose()?,
        method: Some(record.method.clone().unwrap_or_else(|| "password".into())),
        new_device: record.new_device,
    })
}

/// The wire forms of `records` as every list shows them: most recently seen first, ties
/// by id (a stable order), `current` on `current_id`.
pub(crate) fn sorted_views(
    mut records: Vec<&SessionRecord>,
    current_id: &SessionId,
) -> Result<Vec<Session>, ApiError> {
    records.sort_by(|a, b| {
        b.last_seen_at
            .cmp(&a.last_seen_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    records
        .into_iter()
        .map(|record| session_view(record, current_id))
        .collect()
}

/// An id the store keeps, as the UUID it must be.
pub(crate) fn stored_uuid(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::internal("store", "stored id is not a UUID"))
}

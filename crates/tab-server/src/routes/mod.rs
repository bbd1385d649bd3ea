//! The HTTP endpoints. Handlers stay thin: they check input, call the store, and shape
//! the answer; the store owns the transactions.

pub(crate) mod admin;
pub(crate) mod alerts;
pub(crate) mod audit;
pub(crate) mod grants;
pub(crate) mod health;
pub(crate) mod rename;
pub(crate) mod revoke;
pub(crate) mod sign_in;

use axum::extract::rejection::QueryRejection;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use tab_api::{
    ErrorBody, EventList, EventSession, EventsQuery, Health, Include, MeResponse, Session,
    SessionEvent, SessionList, SessionsQuery, User, codes, paths,
};
use uuid::Uuid;

use crate::auth::{Caller, VerifiedClaims};
use crate::error::ApiError;
use crate::json::DRAIN_BODY_BYTES;
use crate::state::AppState;
use crate::store::SessionRecord;

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
        .route(&api(paths::SIGN_OUT), post(sign_out))
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
        .route(&api(paths::ME), get(me))
        .route(&api(paths::SESSIONS), get(list_sessions))
        .route(
            &api(paths::SESSION),
            delete(revoke::revoke_session).patch(rename::rename_session),
        )
        .route(&api(paths::REVOKE_OTHERS), post(revoke::revoke_others))
        .route(&api(paths::SESSION_EVENTS), get(session_events))
        .route(&api(paths::ALERTS), get(alerts::list_alerts))
        .route(&api(paths::ALERT_ACK), post(alerts::ack_alert))
        .route(&api(paths::HEALTHZ), get(healthz))
        .route(paths::ROOT_HEALTHZ, get(healthz))
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
        codes::METHOD_NOT_ALLOWED,
        "That method is not allowed on this endpoint",
    )
}

/// Converts stored Unix milliseconds to a UTC time; a time out of range is a damaged row.
pub(crate) fn time(ms: i64) -> Result<DateTime<Utc>, ApiError> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| ApiError::internal("session view", "stored time is out of range"))
}

/// The wire form of a stored session, `current` when it made this request.
pub(crate) fn session_view(record: &SessionRecord, current_id: &str) -> Result<Session, ApiError> {
    let id = Uuid::parse_str(&record.id)
        .map_err(|_| ApiError::internal("session view", "stored session id is not a UUID"))?;
    Ok(Session {
        id,
        kind: record.kind,
        label: record.label.clone(),
        device: record.device.clone(),
        ip: record.ip.clone(),
        current: record.id == current_id,
        created_at: time(record.created_at)?,
        last_seen_at: time(record.last_seen_at)?,
        expires_at: time(record.expires_at)?,
        revoked_at: record.revoked_at.map(time).transpose()?,
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
    current_id: &str,
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

/// Sign out: revoke the session that makes this request.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-out", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, ApiError> {
    let ended = state
        .store
        .sign_out(
            &caller.user_id,
            &caller.session.id,
            crate::now_ms(),
            &caller.ip,
        )
        .await?;
    if ended {
        crate::metrics::metrics().revoked(crate::metrics::RevokeKind::One, 1);
    }
    tracing::info!(session = %caller.session.id, "signed out");
    // A browser forgets its cookie; other clients ignore the header.
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, state.cookie.clear())],
    )
        .into_response())
}

/// Who is signed in, and with which session.
#[utoipa::path(
    get, path = "/api/v1/me", tag = "sessions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = MeResponse),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn me(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<MeResponse>, ApiError> {
    let user = state
        .store
        .user_by_id(&caller.user_id)
        .await?
        .ok_or_else(ApiError::invalid_token)?;
    let id = Uuid::parse_str(&user.id)
        .map_err(|_| ApiError::internal("me", "stored user id is not a UUID"))?;
    Ok(Json(MeResponse {
        user: User {
            id,
            email: user.email,
            name: user.name,
            role: user.role,
        },
        session: session_view(&caller.session, &caller.session.id)?,
    }))
}

/// The caller's live sessions, most recently seen first.
#[utoipa::path(
    get, path = "/api/v1/sessions", tag = "sessions",
    security(("bearer" = [])),
    params(SessionsQuery),
    responses(
        (status = 200, description = "Live sessions, the current one included; with include=revoked also those revoked or expired within the last 7 days", body = SessionList),
        (status = 400, description = "An unknown query parameter or include value", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn list_sessions(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    VerifiedClaims(claims): VerifiedClaims,
    query: Result<Query<SessionsQuery>, QueryRejection>,
) -> Result<Json<SessionList>, ApiError> {
    let Query(query) = query.map_err(|_| {
        ApiError::bad_request("The only query this endpoint takes is include=revoked")
    })?;
    let now = crate::now_ms();
    let ended_since = (query.include == Some(Include::Revoked))
        .then_some(now - tab_api::ENDED_LISTED_SECS * 1000);
    // The caller's row comes with the list; `admit` checks it exactly as the `Caller`
    // extractor would.
    let rows = state
        .store
        .session_and_live_sessions(&claims.sid, &claims.sub, now, ended_since)
        .await?;
    let own = rows.iter().find(|row| row.id == claims.sid).cloned();
    let caller = crate::auth::admit(&state, claims, own, crate::auth::ip_text(peer.ip())).await?;
    let records: Vec<&SessionRecord> = rows
        .iter()
        .map(|row| {
            if row.id == caller.session.id {
                &caller.session
            } else {
                row
            }
        })
        .collect();
    // Admitting may have just refreshed the caller's last_seen_at.
    let alerts = alerts::alerts_of(&records, &caller.session.id, now)?;
    let sessions = sorted_views(records, &caller.session.id)?;
    tracing::trace!(count = sessions.len(), "listed the caller's sessions");
    Ok(Json(SessionList { sessions, alerts }))
}

/// The caller's account history, newest first.
#[utoipa::path(
    get, path = "/api/v1/sessions/events", tag = "sessions",
    security(("bearer" = [])),
    params(EventsQuery),
    responses(
        (status = 200, description = "Sign-ins, sign-outs, revokes and expiries of the caller's sessions, newest first", body = EventList),
        (status = 400, description = "An unknown query parameter, or a limit outside 1 to 500", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn session_events(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Json<EventList>, ApiError> {
    let limit = events_limit(query)?;
    Ok(Json(event_list(&state, &caller.user_id, limit).await?))
}

/// The `limit` of an events query, or the 400 for a bad one.
pub(crate) fn events_limit(
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<u32, ApiError> {
    query
        .ok()
        .map(|Query(query)| query.limit.unwrap_or(tab_api::DEFAULT_EVENTS))
        .filter(|limit| (1..=tab_api::MAX_EVENTS).contains(limit))
        .ok_or_else(|| {
            ApiError::bad_request("The only query this endpoint takes is limit=N, 1 to 500")
        })
}

/// The account `user_id`'s newest `limit` events, as the API shows them.
pub(crate) async fn event_list(
    state: &AppState,
    user_id: &str,
    limit: u32,
) -> Result<EventList, ApiError> {
    let records = state
        .store
        .events(user_id, crate::now_ms(), i64::from(limit))
        .await?;
    let events = records
        .into_iter()
        .map(|record| {
            Ok(SessionEvent {
                at: time(record.at)?,
                kind: record.kind,
                session: EventSession {
                    id: stored_uuid(&record.session_id)?,
                    kind: record.session_kind,
                    label: record.label,
                    device: record.device,
                },
                ip: record.ip.filter(|ip| !ip.is_empty()),
                by: record.by.as_deref().map(stored_uuid).transpose()?,
                by_operator: record.by_operator,
                by_admin: record.by_admin,
                method: record.method,
                previous_label: record.previous_label,
                new_device: record.new_device,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let purged = match state.store.latest_purge(user_id).await? {
        Some(purge) => Some(tab_api::HistoryPurged {
            at: time(purge.at)?,
            ended_before: time(purge.ended_before)?,
            sessions: purge.sessions.max(0) as u64,
            retention_days: (purge.retention_ms.max(0) / 86_400_000) as u64,
        }),
        None => None,
    };
    Ok(EventList { events, purged })
}

/// An id the store keeps, as the UUID it must be.
pub(crate) fn stored_uuid(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::internal("store", "stored id is not a UUID"))
}

/// Whether the server and its database answer.
#[utoipa::path(
    get, path = "/api/v1/healthz", tag = "server",
    responses(
        (status = 200, description = "The database answers", body = Health),
        (status = 503, description = "The database does not answer", body = ErrorBody),
    )
)]
pub(crate) async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    match state.store.ping().await {
        Ok(()) => Ok(Json(Health {
            status: "ok".into(),
            features: tab_api::features::ALL
                .iter()
                .map(|feature| feature.to_string())
                .collect(),
        })),
        Err(e) => {
            tracing::error!(error = %crate::store::describe(&e), "health check failed");
            Err(ApiError::database_unavailable())
        }
    }
}

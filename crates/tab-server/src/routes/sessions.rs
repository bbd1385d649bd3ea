//! The caller's own sessions: who am I (`GET /me`), the list, the history, and signing
//! this device out.

use axum::extract::rejection::QueryRejection;
use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tab_api::{
    ErrorBody, EventList, EventSession, EventsQuery, Include, MeResponse, SessionEvent,
    SessionList, SessionsQuery, User,
};

use super::{alerts, session_view, sorted_views, stored_uuid, time};
use crate::auth::{Caller, VerifiedClaims};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{SessionRecord, UserId};
use uuid::Uuid;

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
            caller.user_id(),
            &caller.session.id,
            crate::now(),
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
        .user_by_id(caller.user_id())
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
    let now = crate::now();
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
    Ok(Json(event_list(&state, caller.user_id(), limit).await?))
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
    user_id: &UserId,
    limit: u32,
) -> Result<EventList, ApiError> {
    let records = state
        .store
        .events(user_id, crate::now(), i64::from(limit))
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

//! The administrators' reading of the record: one account's history
//! (`GET /admin/users/{user_id}/events`) and every administrator's and the operator's
//! action (`GET /admin/audit`). Both read only; nothing in the API edits the record.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use tab_api::{
    ActorKind, AuditActor, AuditEvent, AuditList, AuditQuery, AuditTarget, ErrorBody, EventList,
    EventsQuery,
};

use crate::auth::Admin;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::AuditRecord;

/// One account's history, as `GET /sessions/events` shows the caller's own.
#[utoipa::path(
    get, path = "/api/v1/admin/users/{user_id}/events", tag = "admin",
    security(("bearer" = [])),
    params(("user_id" = uuid::Uuid, Path, description = "The account"), EventsQuery),
    responses(
        (status = 200, description = "Sign-ins, sign-outs, revokes and expiries of the account's sessions, newest first", body = EventList),
        (status = 400, description = "An unknown query parameter, or a limit outside 1 to 500", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator", body = ErrorBody),
        (status = 404, description = "No account has that id", body = ErrorBody),
    )
)]
pub(crate) async fn user_events(
    State(state): State<AppState>,
    _admin: Admin,
    user_id: Result<Path<String>, PathRejection>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Json<EventList>, ApiError> {
    let Path(user_id) = user_id.map_err(|_| ApiError::not_found("No account has that id"))?;
    let user = super::admin::target(&state, &user_id).await?;
    let limit = super::sessions::events_limit(query)?;
    Ok(Json(
        super::sessions::event_list(&state, &user.id, limit).await?,
    ))
}

/// Every change an administrator or the server's operator made to an account, newest
/// first.
#[utoipa::path(
    get, path = "/api/v1/admin/audit", tag = "admin",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "The record, newest first; `next` is the `before` of the next page", body = AuditList),
        (status = 400, description = "An unknown query parameter, a limit outside 1 to 500, or a before that is not an RFC 3339 time", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator", body = ErrorBody),
    )
)]
pub(crate) async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<AuditList>, ApiError> {
    let bad = || {
        ApiError::bad_request(
            "This endpoint takes limit (1 to 500) and before (an RFC 3339 time), and nothing else",
        )
    };
    let Query(query) = query.map_err(|_| bad())?;
    let limit = query.limit.unwrap_or(tab_api::DEFAULT_AUDIT);
    if !(1..=tab_api::MAX_AUDIT).contains(&limit) {
        return Err(bad());
    }
    let before = match query.before.as_deref() {
        None => i64::MAX,
        Some(text) => chrono::DateTime::parse_from_rfc3339(text.trim())
            .map_err(|_| bad())?
            .timestamp_millis(),
    };
    let records = state
        .store
        .audit(crate::store::UnixMillis::new(before), i64::from(limit))
        .await?;
    let next = if records.len() >= limit as usize {
        records
            .last()
            .map(|last| super::time(last.at))
            .transpose()?
    } else {
        None
    };
    let events = records
        .into_iter()
        .map(audit_view)
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(AuditList { events, next }))
}

/// The wire form of a stored entry.
fn audit_view(record: AuditRecord) -> Result<AuditEvent, ApiError> {
    let operator = record.actor == crate::store::OPERATOR;
    let actor = if operator {
        AuditActor {
            kind: ActorKind::Operator,
            id: None,
            email: None,
            session: None,
        }
    } else {
        AuditActor {
            kind: ActorKind::Admin,
            id: Some(super::stored_uuid(&record.actor)?),
            email: record.actor_email,
            session: record
                .actor_session
                .as_deref()
                .map(super::stored_uuid)
                .transpose()?,
        }
    };
    Ok(AuditEvent {
        id: super::stored_uuid(&record.id)?,
        at: super::time(record.at)?,
        actor,
        action: record.action,
        target: AuditTarget {
            id: super::stored_uuid(&record.target_user_id)?,
            email: record.target_email,
        },
        revoked: record.revoked.max(0) as u64,
        detail: record.detail,
        ip: record.ip.filter(|ip| !ip.is_empty()),
    })
}

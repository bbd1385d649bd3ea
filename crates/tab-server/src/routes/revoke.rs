//! Ending other sessions: one by id, or every other one (optionally by rule).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tab_api::{ErrorBody, ErrorCode, RevokeOthersRequest, RevokeResponse};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::OptionalJson;
use crate::state::AppState;
use crate::store::{OthersFilter, RevokeOutcome, SessionId};

/// Revoke one of the caller's other sessions.
#[utoipa::path(
    delete, path = "/api/v1/sessions/{id}", tag = "sessions",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "1 when this call revoked it, 0 when it had already ended", body = RevokeResponse),
        (status = 400, description = "Not a UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No session of the caller's has that id", body = ErrorBody),
        (status = 409, description = "That is the caller's current session", body = ErrorBody),
    )
)]
pub(crate) async fn revoke_session(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let id = SessionId::from_uuid(
        Uuid::parse_str(&id).map_err(|_| ApiError::bad_request("The session id must be a UUID"))?,
    );
    let outcome = state
        .store
        .revoke_session(
            caller.user_id(),
            &caller.session.id,
            &id,
            crate::now(),
            &caller.ip,
        )
        .await?;
    match outcome {
        RevokeOutcome::Revoked => {
            crate::metrics::metrics().revoked(crate::metrics::RevokeKind::One, 1);
            tracing::info!(session = %id, by = %caller.session.id, "session revoked");
            Ok(Json(RevokeResponse { revoked: 1 }))
        }
        RevokeOutcome::AlreadyEnded => Ok(Json(RevokeResponse { revoked: 0 })),
        RevokeOutcome::NotFound => Err(ApiError::not_found("You have no session with that id")),
        RevokeOutcome::Current => Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::CurrentSession,
            "That is the session making this request; sign out instead",
        )),
        RevokeOutcome::CallerEnded => Err(ApiError::session_revoked()),
    }
}

/// Revoke every live session of the caller except the current one; with a body, only
/// those of the given kinds and idle for long enough.
#[utoipa::path(
    post, path = "/api/v1/sessions/revoke-others", tag = "sessions",
    security(("bearer" = [])),
    request_body(content = Option<RevokeOthersRequest>, description = "Optional: only other live sessions of these kinds, not seen for at least this long. No body: every other session."),
    responses(
        (status = 200, description = "How many sessions this call revoked", body = RevokeResponse),
        (status = 400, description = "A malformed filter: unknown field, unknown or no kind, idle time over ten years", body = ErrorBody),
        (status = 401, description = "Not signed in, or this session was revoked meanwhile", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "A body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn revoke_others(
    State(state): State<AppState>,
    caller: Caller,
    OptionalJson(body): OptionalJson<RevokeOthersRequest>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let filter = others_filter(body.unwrap_or_default())?;
    match state
        .store
        .revoke_others(
            caller.user_id(),
            &caller.session.id,
            crate::now(),
            &caller.ip,
            &filter,
        )
        .await?
    {
        Some(revoked) => {
            crate::metrics::metrics().revoked(crate::metrics::RevokeKind::Others, revoked);
            tracing::info!(by = %caller.session.id, revoked, "other sessions revoked");
            Ok(Json(RevokeResponse { revoked }))
        }
        None => Err(ApiError::session_revoked()),
    }
}

/// The store's filter for a revoke-others body, checked.
pub(crate) fn others_filter(body: RevokeOthersRequest) -> Result<OthersFilter, ApiError> {
    if body.kinds.as_ref().is_some_and(Vec::is_empty) {
        return Err(ApiError::bad_request(
            "The kinds must name at least one kind; leave them out for every kind",
        ));
    }
    let mut kinds = body.kinds.unwrap_or_default();
    kinds.sort_by_key(|kind| kind.as_str());
    kinds.dedup();
    let idle_for_ms = match body.idle_for_secs {
        Some(secs) if secs > tab_api::MAX_IDLE_SECS => {
            return Err(ApiError::bad_request(
                "The idle time (idle_for_secs) must be at most ten years",
            ));
        }
        Some(secs) => Some(secs as i64 * 1000),
        None => None,
    };
    Ok(OthersFilter { kinds, idle_for_ms })
}

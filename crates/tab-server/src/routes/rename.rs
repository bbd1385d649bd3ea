//! `PATCH /sessions/{id}`: name one of the caller's live sessions, the current one
//! included, on the record.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use tab_api::{ErrorBody, RenameRequest, Session};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::state::AppState;
use crate::store::{RenameOutcome, Renamer, SessionId};

/// Rename one of the caller's live sessions.
#[utoipa::path(
    patch, path = "/api/v1/sessions/{id}", tag = "sessions",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The session's id")),
    request_body = RenameRequest,
    responses(
        (status = 200, description = "Renamed: the session as it is now", body = Session),
        (status = 400, description = "A malformed body, no label field, or a label the sign-in would refuse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated request without X-Requested-With: tab, or from another site", body = ErrorBody),
        (status = 404, description = "No live session of the caller's has that id", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Body not sent as application/json", body = ErrorBody),
    )
)]
pub(crate) async fn rename_session(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(request): ApiJson<RenameRequest>,
) -> Result<Json<Session>, ApiError> {
    let not_found = || ApiError::not_found("You have no live session with that id");
    let Path(id) = id.map_err(|_| not_found())?;
    // Nonsense and another account's id answer alike: no oracle.
    let id = SessionId::from_uuid(Uuid::parse_str(&id).map_err(|_| not_found())?);
    crate::labels::check_label(request.label.as_deref())?;
    let outcome = state
        .store
        .rename_session(
            Renamer {
                user_id: caller.user_id(),
                session_id: &caller.session.id,
                ip: &caller.ip,
            },
            &id,
            request.label.as_deref(),
            crate::now(),
        )
        .await?;
    match outcome {
        RenameOutcome::Renamed(record) => {
            tracing::info!(session = %id, by = %caller.session.id, "session renamed");
            Ok(Json(super::session_view(&record, &caller.session.id)?))
        }
        RenameOutcome::NotFound => Err(not_found()),
        RenameOutcome::CallerEnded => Err(ApiError::session_revoked()),
    }
}

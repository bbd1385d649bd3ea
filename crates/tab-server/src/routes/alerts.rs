//! New-device alerts: a live session of the account, signed in within the last 7 days
//! from a device the account had not used from that network in the 30 days before, that
//! no session has acknowledged. Never listed to the session it is about.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tab_api::{Alert, AlertList, ErrorBody};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{SessionId, SessionRecord, UnixMillis};

/// The alerts among `records` (the account's sessions), for the session `caller_id`, at
/// `now`, newest first.
pub(crate) fn alerts_of(
    records: &[&SessionRecord],
    caller_id: &SessionId,
    now: UnixMillis,
) -> Result<Vec<Alert>, ApiError> {
    let since = now - tab_api::ALERT_DAYS * 24 * 60 * 60 * 1000;
    let mut alerting: Vec<&&SessionRecord> = records
        .iter()
        .filter(|record| {
            record.new_device
                && record.alert_acked_at.is_none()
                && &record.id != caller_id
                && record.is_live(now)
                && record.created_at > since
        })
        .collect();
    alerting.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    alerting
        .into_iter()
        .map(|record| {
            let session = super::session_view(record, caller_id)?;
            Ok(Alert {
                id: session.id,
                at: session.created_at,
                ip: session.ip.clone(),
                session,
            })
        })
        .collect()
}

/// The account's unacknowledged new-device sign-ins.
#[utoipa::path(
    get, path = "/api/v1/alerts", tag = "sessions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Newest first; the caller's own session is never listed", body = AlertList),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn list_alerts(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<AlertList>, ApiError> {
    let now = crate::now();
    let rows = state.store.sessions_of(caller.user_id(), now, None).await?;
    let records: Vec<&SessionRecord> = rows.iter().collect();
    Ok(Json(AlertList {
        alerts: alerts_of(&records, &caller.session.id, now)?,
    }))
}

/// "It was me": acknowledges one alert, for every session of the account.
#[utoipa::path(
    post, path = "/api/v1/alerts/{id}/ack", tag = "sessions",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The alert's (the new session's) id")),
    responses(
        (status = 204, description = "Acknowledged (or it was already)"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated request without X-Requested-With: tab, or from another site", body = ErrorBody),
        (status = 404, description = "No alert of the account's has that id (another account's, or nonsense, alike)", body = ErrorBody),
    )
)]
pub(crate) async fn ack_alert(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let not_found = || ApiError::not_found("You have no alert with that id");
    let Path(id) = id.map_err(|_| not_found())?;
    let id = SessionId::from_uuid(Uuid::parse_str(&id).map_err(|_| not_found())?);
    if state
        .store
        .ack_alert(caller.user_id(), &id, crate::now())
        .await?
    {
        tracing::info!(session = %id, by = %caller.session.id, "new-device alert acknowledged");
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}

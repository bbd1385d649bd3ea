//! The administrators' endpoints under `/api/v1/admin/`: each takes [`Admin`] first, so a
//! caller who is not an enabled administrator gets 403 before anything else happens.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use tab_api::{
    AdminUser, AdminUserList, AdminUsersQuery, DEFAULT_ADMIN_USERS, ErrorBody, ErrorCode, Include,
    MAX_ADMIN_USERS, RevokeOthersRequest, RevokeResponse, SessionList, SessionsQuery,
};
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::ApiError;
use crate::json::OptionalJson;
use crate::state::AppState;
use crate::store::UserRecord;
use crate::store::{SessionId, UserId};

/// The firm's accounts, by email, a page at a time.
#[utoipa::path(
    get, path = "/api/v1/admin/users", tag = "admin",
    security(("bearer" = [])),
    params(AdminUsersQuery),
    responses(
        (status = 200, description = "One page of accounts by email; `next` is the `after` of the next page", body = AdminUserList),
        (status = 400, description = "An unknown query parameter, a limit outside 1 to 500, or an unknown role", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator", body = ErrorBody),
    )
)]
pub(crate) async fn users(
    State(state): State<AppState>,
    admin: Admin,
    query: Result<Query<AdminUsersQuery>, QueryRejection>,
) -> Result<Json<AdminUserList>, ApiError> {
    tracing::trace!(session = %admin.caller.session.id, "an administrator lists the accounts");
    let bad = || {
        ApiError::bad_request(
            "This endpoint takes limit (1 to 500), after, email and role, and nothing else",
        )
    };
    let Query(query) = query.map_err(|_| bad())?;
    let limit = query.limit.unwrap_or(DEFAULT_ADMIN_USERS);
    if !(1..=MAX_ADMIN_USERS).contains(&limit) {
        return Err(bad());
    }
    let lower = |text: &str| text.trim().to_lowercase();
    let after = query.after.as_deref().map(lower).unwrap_or_default();
    let email = query.email.as_deref().map(lower);
    // One more than asked: whether there is a next page.
    let mut rows = state
        .store
        .admin_users(
            crate::now(),
            &after,
            email.as_deref(),
            query.role,
            i64::from(limit) + 1,
        )
        .await?;
    let next = (rows.len() > limit as usize).then(|| {
        rows.truncate(limit as usize);
        rows.last().map(|row| row.email.to_lowercase())
    });
    let users = rows
        .into_iter()
        .map(|row| {
            Ok(AdminUser {
                id: Uuid::parse_str(&row.id)
                    .map_err(|_| ApiError::internal("admin users", "stored id is not a UUID"))?,
                email: row.email,
                name: row.name,
                role: row.role,
                disabled: row.disabled,
                live_sessions: row.live_sessions.max(0) as u64,
                last_seen_at: row.last_seen_at.map(super::time).transpose()?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(AdminUserList {
        users,
        next: next.flatten(),
    }))
}

/// The account a path names, or 404 (asked only after the caller proved an admin).
pub(crate) async fn target(state: &AppState, user_id: &str) -> Result<UserRecord, ApiError> {
    let not_found = || ApiError::not_found("No account has that id");
    let id = Uuid::parse_str(user_id).map_err(|_| not_found())?;
    state
        .store
        .user_by_id(&UserId::from_uuid(id))
        .await?
        .ok_or_else(not_found)
}

/// One account's sessions, as `GET /sessions` lists the caller's.
#[utoipa::path(
    get, path = "/api/v1/admin/users/{user_id}/sessions", tag = "admin",
    security(("bearer" = [])),
    params(("user_id" = Uuid, Path, description = "The account"), SessionsQuery),
    responses(
        (status = 200, description = "The account's live sessions (and with include=revoked those that ended within 7 days); `current` only on the admin's own", body = SessionList),
        (status = 400, description = "An unknown query parameter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator", body = ErrorBody),
        (status = 404, description = "No account has that id", body = ErrorBody),
    )
)]
pub(crate) async fn user_sessions(
    State(state): State<AppState>,
    admin: Admin,
    user_id: Result<Path<String>, PathRejection>,
    query: Result<Query<SessionsQuery>, QueryRejection>,
) -> Result<Json<SessionList>, ApiError> {
    let Path(user_id) = user_id.map_err(|_| ApiError::not_found("No account has that id"))?;
    let user = target(&state, &user_id).await?;
    let Query(query) = query.map_err(|_| {
        ApiError::bad_request("The only query this endpoint takes is include=revoked")
    })?;
    let now = crate::now();
    let ended_since = (query.include == Some(Include::Revoked))
        .then_some(now - tab_api::ENDED_LISTED_SECS * 1000);
    let rows = state.store.sessions_of(&user.id, now, ended_since).await?;
    let sessions = super::sorted_views(rows.iter().collect(), &admin.caller.session.id)?;
    Ok(Json(SessionList {
        sessions,
        alerts: Vec::new(),
    }))
}

/// Signs out one session of an account, on the record.
#[utoipa::path(
    delete, path = "/api/v1/admin/users/{user_id}/sessions/{session_id}", tag = "admin",
    security(("bearer" = [])),
    params(
        ("user_id" = Uuid, Path, description = "The account"),
        ("session_id" = Uuid, Path, description = "One of its sessions"),
    ),
    responses(
        (status = 200, description = "`{\"revoked\": 1}`, or 0 when it had ended already", body = RevokeResponse),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator, or a cookie-authenticated change without X-Requested-With: tab", body = ErrorBody),
        (status = 404, description = "No such account, or it has no such session", body = ErrorBody),
        (status = 409, description = "That is the administrator's own current session", body = ErrorBody),
    )
)]
pub(crate) async fn revoke_user_session(
    State(state): State<AppState>,
    admin: Admin,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let no_session = || ApiError::not_found("That account has no session with that id");
    let Path((user_id, session_id)) = ids.map_err(|_| no_session())?;
    let user = target(&state, &user_id).await?;
    let session_id = Uuid::parse_str(&session_id).map_err(|_| no_session())?;
    let session_id = SessionId::from_uuid(session_id);
    if session_id == admin.caller.session.id {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            ErrorCode::CurrentSession,
            "That is the session making this request; sign out instead",
        ));
    }
    let revoked = state
        .store
        .admin_revoke_one(
            &admin.actor(),
            &user.id,
            &user.email,
            &session_id,
            crate::now(),
        )
        .await?
        .ok_or_else(no_session)?;
    crate::metrics::metrics().revoked(crate::metrics::RevokeKind::Admin, revoked);
    tracing::info!(session = %session_id, revoked, "an administrator signed a session out");
    Ok(Json(RevokeResponse { revoked }))
}

/// Signs out every live session of an account, or those a filter names, on the record.
#[utoipa::path(
    post, path = "/api/v1/admin/users/{user_id}/sessions/revoke", tag = "admin",
    security(("bearer" = [])),
    params(("user_id" = Uuid, Path, description = "The account")),
    request_body(content = Option<RevokeOthersRequest>, description = "Optional: only these kinds, or those idle this long"),
    responses(
        (status = 200, description = "How many were signed out; an administrator aiming at themself keeps the session making the request", body = RevokeResponse),
        (status = 400, description = "A malformed filter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator, or a cookie-authenticated change without X-Requested-With: tab", body = ErrorBody),
        (status = 404, description = "No account has that id", body = ErrorBody),
    )
)]
pub(crate) async fn revoke_user_sessions(
    State(state): State<AppState>,
    admin: Admin,
    user_id: Result<Path<String>, PathRejection>,
    OptionalJson(body): OptionalJson<RevokeOthersRequest>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let Path(user_id) = user_id.map_err(|_| ApiError::not_found("No account has that id"))?;
    let user = target(&state, &user_id).await?;
    let filter = super::revoke::others_filter(body.unwrap_or_default())?;
    let keep = (&user.id == admin.caller.user_id()).then_some(admin.caller.session.id.as_str());
    let revoked = state
        .store
        .admin_revoke_all(
            &admin.actor(),
            &user.id,
            &user.email,
            &filter,
            keep,
            crate::now(),
        )
        .await?;
    crate::metrics::metrics().revoked(crate::metrics::RevokeKind::Admin, revoked);
    tracing::info!(revoked, "an administrator signed an account's sessions out");
    Ok(Json(RevokeResponse { revoked }))
}

/// Disables an account and signs every session of it out, in one transaction.
#[utoipa::path(
    post, path = "/api/v1/admin/users/{user_id}/disable", tag = "admin",
    security(("bearer" = [])),
    params(("user_id" = Uuid, Path, description = "The account")),
    responses(
        (status = 200, description = "Disabled (or it was already): no sign-in succeeds, and this many sessions were signed out", body = RevokeResponse),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator, or a cookie-authenticated change without X-Requested-With: tab", body = ErrorBody),
        (status = 404, description = "No account has that id", body = ErrorBody),
        (status = 409, description = "The administrator's own account, or the last enabled administrator", body = ErrorBody),
    )
)]
pub(crate) async fn disable(
    State(state): State<AppState>,
    admin: Admin,
    user_id: Result<Path<String>, PathRejection>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let Path(user_id) = user_id.map_err(|_| ApiError::not_found("No account has that id"))?;
    let user = target(&state, &user_id).await?;
    let conflict = |message: &str| {
        ApiError::new(
            axum::http::StatusCode::CONFLICT,
            ErrorCode::Conflict,
            message,
        )
    };
    if &user.id == admin.caller.user_id() {
        return Err(conflict("You cannot disable your own account"));
    }
    let done = state
        .store
        .operator_action(
            &user.id,
            &user.email,
            crate::store::OperatorAction::Disable,
            Some(&admin.actor()),
            crate::now(),
        )
        .await?;
    if done.last_admin {
        return Err(conflict(
            "That is the last enabled administrator; enable or appoint another first",
        ));
    }
    crate::metrics::metrics().revoked(crate::metrics::RevokeKind::Admin, done.signed_out);
    tracing::info!(
        revoked = done.signed_out,
        "an administrator disabled an account"
    );
    Ok(Json(RevokeResponse {
        revoked: done.signed_out,
    }))
}

/// Lets a disabled account sign in again.
#[utoipa::path(
    post, path = "/api/v1/admin/users/{user_id}/enable", tag = "admin",
    security(("bearer" = [])),
    params(("user_id" = Uuid, Path, description = "The account")),
    responses(
        (status = 204, description = "Enabled (or it was not disabled)"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an enabled administrator, or a cookie-authenticated change without X-Requested-With: tab", body = ErrorBody),
        (status = 404, description = "No account has that id", body = ErrorBody),
    )
)]
pub(crate) async fn enable(
    State(state): State<AppState>,
    admin: Admin,
    user_id: Result<Path<String>, PathRejection>,
) -> Result<axum::http::StatusCode, ApiError> {
    let Path(user_id) = user_id.map_err(|_| ApiError::not_found("No account has that id"))?;
    let user = target(&state, &user_id).await?;
    state
        .store
        .operator_action(
            &user.id,
            &user.email,
            crate::store::OperatorAction::Enable,
            Some(&admin.actor()),
            crate::now(),
        )
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

//! The administrators' endpoints under `/api/v1/admin/`: each takes [`Admin`] first, so a
//! caller who is not an enabled administrator gets 403 before anything else happens.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use tab_api::{
    AdminUser, AdminUserList, AdminUsersQuery, DEFAULT_ADMIN_USERS, ErrorBody, MAX_ADMIN_USERS,
};
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::ApiError;
use crate::state::AppState;

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
            crate::now_ms(),
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
    let time = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .ok_or_else(|| ApiError::internal("admin users", "stored time is out of range"))
    };
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
                last_seen_at: row.last_seen_at.map(time).transpose()?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(AdminUserList {
        users,
        next: next.flatten(),
    }))
}

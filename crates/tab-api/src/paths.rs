//! The endpoints' paths under [`BASE_PATH`](crate::BASE_PATH), used by the client, the router and the demo.

/// `POST`: sign in and start a session.
pub const SIGN_IN: &str = "/auth/sign-in";
/// `POST`: end the current session.
pub const SIGN_OUT: &str = "/auth/sign-out";
/// `POST`: a device without a browser asks for a device code (RFC 8628).
pub const DEVICE_AUTH: &str = "/auth/device";
/// `POST`: the device polls; the sign-in answer once approved.
pub const DEVICE_TOKEN: &str = "/auth/device/token";
/// `POST`, signed in (the approval page): what a user code belongs to.
pub const DEVICE_LOOKUP: &str = "/auth/device/lookup";
/// `POST`, signed in: approve the device a user code belongs to.
pub const DEVICE_APPROVE: &str = "/auth/device/approve";
/// `POST`, signed in: deny it.
pub const DEVICE_DENY: &str = "/auth/device/deny";
/// `POST`, signed in (the approval page): approve a `tab` on this machine; a one-use code.
pub const CLI_AUTHORIZE: &str = "/auth/cli/authorize";
/// `POST`: `tab` exchanges the code and its PKCE verifier for the sign-in answer.
pub const CLI_TOKEN: &str = "/auth/cli/token";
/// `GET`, at the root: the page that approves a `tab` on this machine.
pub const CLI_AUTHORIZE_PAGE: &str = "/cli/authorize";
/// `GET`, at the root: the page where a device code is entered and approved.
pub const DEVICE_PAGE: &str = "/device";
/// `GET`: the caller and the current session.
pub const ME: &str = "/me";
/// `GET`: the caller's live sessions.
pub const SESSIONS: &str = "/sessions";
/// `DELETE`: one of the caller's sessions (the router's pattern; see [`session`]).
pub const SESSION: &str = "/sessions/{id}";
/// `POST`: revoke every session but the current one (or those a filter names).
pub const REVOKE_OTHERS: &str = "/sessions/revoke-others";
/// `GET`: the account's history, newest first.
pub const SESSION_EVENTS: &str = "/sessions/events";
/// `GET`: the account's unacknowledged new-device sign-ins.
pub const ALERTS: &str = "/alerts";
/// `POST`: acknowledge one ("It was me"), for the whole account.
pub const ALERT_ACK: &str = "/alerts/{id}/ack";
/// `GET`: whether the server and its database answer.
pub const HEALTHZ: &str = "/healthz";
/// `GET`: the OpenAPI document.
pub const OPENAPI: &str = "/openapi.json";
/// `GET`, administrators only: the firm's accounts, page by page.
pub const ADMIN_USERS: &str = "/admin/users";
/// `GET`, administrators only: one account's sessions.
pub const ADMIN_USER_SESSIONS: &str = "/admin/users/{user_id}/sessions";
/// `DELETE`, administrators only: one session of an account.
pub const ADMIN_USER_SESSION: &str = "/admin/users/{user_id}/sessions/{session_id}";
/// `POST`, administrators only: every session of an account (or those a filter names).
pub const ADMIN_USER_REVOKE: &str = "/admin/users/{user_id}/sessions/revoke";
/// `POST`, administrators only: disable an account, signing it out everywhere.
pub const ADMIN_USER_DISABLE: &str = "/admin/users/{user_id}/disable";
/// `POST`, administrators only: let a disabled account sign in again.
pub const ADMIN_USER_ENABLE: &str = "/admin/users/{user_id}/enable";
/// `GET`, administrators only: one account's history, as `GET /sessions/events`.
pub const ADMIN_USER_EVENTS: &str = "/admin/users/{user_id}/events";
/// `GET`, administrators only: every administrator's and the operator's action,
/// newest first.
pub const ADMIN_AUDIT: &str = "/admin/audit";
/// Every path above: each must be described by the OpenAPI document (a test holds
/// the server to it).
pub const ALL: &[&str] = &[
    SIGN_IN,
    SIGN_OUT,
    DEVICE_AUTH,
    DEVICE_TOKEN,
    DEVICE_LOOKUP,
    DEVICE_APPROVE,
    DEVICE_DENY,
    CLI_AUTHORIZE,
    CLI_TOKEN,
    ME,
    SESSIONS,
    SESSION,
    REVOKE_OTHERS,
    SESSION_EVENTS,
    ALERTS,
    ALERT_ACK,
    HEALTHZ,
    OPENAPI,
    ADMIN_USERS,
    ADMIN_USER_SESSIONS,
    ADMIN_USER_SESSION,
    ADMIN_USER_REVOKE,
    ADMIN_USER_DISABLE,
    ADMIN_USER_ENABLE,
    ADMIN_USER_EVENTS,
    ADMIN_AUDIT,
];

/// `GET`: the same health answer at the root, outside [`crate::BASE_PATH`], where load
/// balancers look for it.
pub const ROOT_HEALTHZ: &str = "/healthz";

/// `GET`, at the root: 200 while the process serves HTTP (no database asked), for a
/// liveness probe.
pub const HEALTH_LIVE: &str = "/health/live";
/// `GET`, at the root: 200 when the database answers within a second and its migrations
/// are this server's, else 503 with the reason, for a readiness probe.
pub const HEALTH_READY: &str = "/health/ready";

/// The path acknowledging the alert about session `id`.
pub fn alert_ack(id: &uuid::Uuid) -> String {
    format!("{ALERTS}/{id}/ack")
}

/// The path of one session.
pub fn session(id: &uuid::Uuid) -> String {
    format!("{SESSIONS}/{id}")
}

/// One of the `/admin/users/{user_id}...` patterns above for the account `user_id`
/// (and, in [`ADMIN_USER_SESSION`], its session `session_id`).
pub fn admin_user(pattern: &str, user_id: &uuid::Uuid, session_id: Option<&uuid::Uuid>) -> String {
    let path = pattern.replace("{user_id}", &user_id.to_string());
    match session_id {
        Some(id) => path.replace("{session_id}", &id.to_string()),
        None => path,
    }
}
